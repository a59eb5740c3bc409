"""The CI workflow a trust's review repository gets from ``sendreview new --ci github``.

sendreview is not on the package index, so the workflow cannot simply ``pip install
sendreview``; and a bare name would install whatever anyone later registers under it, in
every trust's CI. The workflow therefore installs from a pinned source: one given with
``--install-from``, else the commit the running sendreview was installed from, else the
repository variable ``SENDREVIEW_INSTALL``, which the trust sets once (the install step stops
with a message saying so while it is unset).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from sendreview.errors import UsageError

#: The repository variable the workflow reads when no source is written into it.
INSTALL_VARIABLE = "SENDREVIEW_INSTALL"

#: Actions pinned by full commit SHA, so a moved tag cannot change what runs in a trust's CI.
#: The release each SHA is stays beside it, for people and for Dependabot.
CHECKOUT = ("actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1")
SETUP_PYTHON = ("actions/setup-python", "5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0")
PYTHON_VERSION = "3.12"

EXAMPLE_SPEC = "git+https://github.com/<owner>/sendreview@<tag or full commit SHA>"
SETTINGS = "Settings > Secrets and variables > Actions > Variables"

_VCS_URL = re.compile(r"(git|hg|svn|bzr)\+(https|http|ssh|git|file)://\S+")
_ARCHIVE_URL = re.compile(r"https://\S+\.(whl|zip|tar\.gz|tgz)(#sha256=[0-9a-fA-F]{64})?")
_NAME = r"[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9._,-]+\])?"
_PINNED_NAME = re.compile(rf"{_NAME}\s*===?\s*[A-Za-z0-9.!+_-]+")
_DIRECT_REFERENCE = re.compile(rf"{_NAME}\s*@\s*(?P<url>\S+)")


@dataclass(frozen=True)
class InstallSource:
    """Where the workflow installs sendreview from: a pinned pip requirement, or None for the
    repository variable; ``origin`` says how it was chosen, for the message ``new`` prints."""

    spec: str | None
    origin: str  # "option", "installed" or "variable"


def check_install_spec(spec: str) -> str:
    """A pip requirement that always installs the same sendreview, or a UsageError.

    Accepted: a VCS URL with a tag or commit (``git+https://…/sendreview@v0.2.0``), a URL
    of a wheel or source archive, ``name @ URL`` of either, or an exact version
    (``sendreview==0.2.0``, for when it is on the index).
    """
    spec = spec.strip()
    hint = (
        f"Give a pip requirement that names one version, for example {EXAMPLE_SPEC} "
        "(a commit SHA never moves; a tag is a release)."
    )
    if "${{" in spec or spec.startswith("-"):
        raise UsageError(f"'{spec}' is not a pip requirement.", hint)
    direct = _DIRECT_REFERENCE.fullmatch(spec)
    url = direct.group("url") if direct else spec
    if _VCS_URL.fullmatch(url):
        if not _vcs_ref(url):
            raise UsageError(
                f"'{spec}' names no tag or commit, so each run would install whatever the "
                "repository holds that day.",
                f"Add @ and a tag or full commit SHA at the end, for example {EXAMPLE_SPEC}.",
            )
        return spec
    if _ARCHIVE_URL.fullmatch(url) or (not direct and _PINNED_NAME.fullmatch(spec)):
        return spec
    if not direct and re.fullmatch(_NAME, spec) or re.fullmatch(rf"{_NAME}\s*[<>~!=].*", spec):
        raise UsageError(
            f"'{spec}' would install any version of a name from the package index, which "
            "anyone can register.",
            hint,
        )
    raise UsageError(f"'{spec}' is not a pip requirement sendreview can pin.", hint)


def _vcs_ref(url: str) -> str:
    """The tag or commit after the last '@' of the path, or '' when there is none."""
    path = urlsplit(url.split("+", 1)[1]).path
    before, at, ref = path.rpartition("@")
    return ref if at and before and "/" not in ref and ref.strip() else ""


def installed_source(direct_url: str | None) -> str | None:
    """The pinned requirement the running sendreview came from, from its PEP 610
    ``direct_url.json``: a VCS URL at its commit, or an archive URL with its hash.

    A local folder or an editable install cannot be reached from CI, and a plain install
    from an index has no ``direct_url.json``: both give None.
    """
    if not direct_url:
        return None
    try:
        data = json.loads(direct_url)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        return None
    url: str = data["url"]
    if urlsplit(url).scheme != "https":
        return None
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict):
        commit = vcs.get("commit_id")
        if vcs.get("vcs") != "git" or not isinstance(commit, str) or not commit.isalnum():
            return None
        spec = f"git+{url}@{commit}"
    elif isinstance(data.get("archive_info"), dict):
        hashes = data["archive_info"].get("hashes") or {}
        sha256 = hashes.get("sha256") if isinstance(hashes, dict) else None
        spec = url.split("#", 1)[0] + (f"#sha256={sha256}" if isinstance(sha256, str) else "")
    else:
        return None
    subdirectory = data.get("subdirectory")
    if isinstance(subdirectory, str) and subdirectory and "#" not in spec:
        spec += f"#subdirectory={subdirectory}"
    try:
        return check_install_spec(spec)
    except UsageError:
        return None


def _running_direct_url() -> str | None:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        return distribution("sendreview").read_text("direct_url.json")
    except PackageNotFoundError:
        return None


def choose_install_source(option: str | None, direct_url: str | None = None) -> InstallSource:
    """``--install-from`` if given, else where this sendreview came from, else the variable.

    ``direct_url`` is the running installation's ``direct_url.json`` (read when not given).
    """
    if option is not None:
        return InstallSource(check_install_spec(option), "option")
    found = installed_source(direct_url if direct_url is not None else _running_direct_url())
    if found is not None:
        return InstallSource(found, "installed")
    return InstallSource(None, "variable")


def _uses(action: tuple[str, str, str]) -> str:
    name, sha, version = action
    return f"{name}@{sha}  # {version}"


def _unset_error() -> str:
    """The workflow command the install step prints while no source is set."""
    return (
        "::error title=Where should sendreview come from?::Set the repository variable "
        f"{INSTALL_VARIABLE} ({SETTINGS}) to a pinned pip requirement, for example "
        f"{EXAMPLE_SPEC}"
    )


def github_workflow(source: InstallSource | None = None) -> str:
    """A GitHub Actions workflow that checks every review on each push and pull request.

    Problems show as annotations, errors first and, in a pull request, the files it changed
    first; the job summary has a line per academy. Unfinished reviews are warnings.
    """
    source = source or InstallSource(None, "variable")
    if source.spec is not None:
        install_value = json.dumps(source.spec)
        install_comment = (
            "# Where pip installs sendreview from: a pinned requirement. To upgrade, or to\n"
            "          # install from your trust's own copy, change it; for example\n"
            f"          # {EXAMPLE_SPEC}"
        )
    else:
        install_value = f"${{{{ vars.{INSTALL_VARIABLE} }}}}"
        install_comment = (
            f"# Set the repository variable {INSTALL_VARIABLE} to a pinned pip requirement,\n"
            f"          # for example {EXAMPLE_SPEC}\n"
            f"          # ({SETTINGS}),\n"
            "          # or write that requirement here in place of the ${{ vars... }} value."
        )
    return _WORKFLOW.format(
        checkout=_uses(CHECKOUT),
        setup_python=_uses(SETUP_PYTHON),
        python_version=PYTHON_VERSION,
        install_comment=install_comment,
        variable=INSTALL_VARIABLE,
        install_value=install_value,
        unset_error=_unset_error(),
    )


#: The workflow, with its fields in braces (GitHub's own ``${{ }}`` written with doubled braces).
_WORKFLOW = """# Checks the SEND reviews in this repository on every push and pull request.
# Written by 'sendreview new --ci github'.
name: Check SEND reviews

on:
  push:
  pull_request:

permissions: {{}}

# A newer push to the same branch or pull request stops the check of the older one.
concurrency:
  group: ${{{{ github.workflow }}}}-${{{{ github.ref }}}}
  cancel-in-progress: true

jobs:
  validate:
    name: Check SEND reviews
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: read
    steps:
      - name: Check out the reviews
        uses: {checkout}
        with:
          persist-credentials: false
          # A pull request is checked out as its merge commit; its parent is the base
          # branch, so 'git diff HEAD^1' lists the files the pull request changed.
          fetch-depth: 2
      - name: Set up Python
        uses: {setup_python}
        with:
          python-version: "{python_version}"
          cache: pip
          cache-dependency-path: .github/workflows/sendreview.yml
      - name: Install sendreview
        env:
          {install_comment}
          {variable}: {install_value}
        run: |
          if [ -z "${variable}" ]; then
            echo "{unset_error}"
            exit 1
          fi
          python -m pip install "${variable}"
      - name: Check the reviews
        # Unfinished reviews are warnings while a cycle is in progress; remove
        # --allow-incomplete once every review must be complete.
        run: |
          changed="$RUNNER_TEMP/changed-files.txt"
          : > "$changed"
          if [ "$GITHUB_EVENT_NAME" = pull_request ]; then
            git -c core.quotePath=false diff --name-only HEAD^1 HEAD > "$changed" || true
          fi
          sendreview validate --format github --allow-incomplete --changed-first "$changed"
"""
