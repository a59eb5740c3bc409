"""Create a trust's review repository, or add a new cycle's reviews to one: blank in a new
repository, else started from the previous cycle's (:mod:`sendreview.repository.carry`).

:func:`scaffold` never overwrites a file: existing files are left alone and reported as such.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.errors import UsageError
from sendreview.files import create_new, is_leftover, repository_lock
from sendreview.model import Academy, Trust
from sendreview.model.context import SenContext
from sendreview.model.cycles import check_cycle_name
from sendreview.model.trust import TRUST_ID
from sendreview.repository.academies import check_name
from sendreview.repository.carry import Subject, starting_points
from sendreview.repository.context import CSV_SUFFIX
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import (
    CONTEXT_DIR,
    SCHEMAS_DIR,
    TRUST_FILE,
    Repository,
    context_schema_link,
    review_schema_link,
)
from sendreview.repository.workflow import (
    EXAMPLE_SPEC,
    INSTALL_VARIABLE,
    SETTINGS,
    choose_install_source,
    github_workflow,
)
from sendreview.source.context_writer import context_text
from sendreview.source.json_schema import schema_files
from sendreview.source.review_writer import render_review, schema_comment
from sendreview.source.yaml_writer import quoted, scalar

WORKFLOW_PATH = Path(".github/workflows/sendreview.yml")
YAMLLINT_PATH = Path(".yamllint")


#: yamllint's settings for a review repository: its default rules, less the two that every
#: file sendreview writes would break. ``yamllint .`` then reports only what a person wrote.
YAMLLINT_CONFIG = """\
# yamllint's rules for this repository (written by 'sendreview new'). Check with: yamllint .
extends: default

rules:
  # Answers are prose, and each statement is quoted in full above its answer.
  line-length: disable
  # Review files start with the line that lets VS Code check them, not with '---'.
  document-start: disable
  truthy:
    # A GitHub workflow names its triggers with 'on:'; values such as 'yes' are still caught.
    check-keys: false
"""


@dataclass
class NewRequest:
    """What ``sendreview new`` was asked for."""

    root: Path
    cycle: str
    trust_name: str | None = None
    frameworks: list[str] = field(default_factory=list)
    academies: list[Academy] = field(default_factory=list)
    ci: str | None = None
    #: a pinned pip requirement the CI workflow installs sendreview from
    install_from: str | None = None
    #: start from last cycle's answers, not only its unfinished actions
    carry_answers: bool = False


@dataclass
class ScaffoldResult:
    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    trust: Trust | None = None
    #: what the person must still do (set a CI variable), or should know, in plain words
    notes: list[str] = field(default_factory=list)
    #: one line per review created from last cycle's: what it carried, or why it starts blank
    carried: list[str] = field(default_factory=list)

    @property
    def in_git(self) -> bool:
        """True when the folder is already inside a git repository (no 'git init' then)."""
        return inside_git(self.root)


def inside_git(folder: Path) -> bool:
    """True when ``folder`` or a folder above it holds ``.git`` (a folder, or the file a
    git worktree or submodule has)."""
    folder = folder.resolve()
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


def scaffold(request: NewRequest) -> ScaffoldResult:
    """Create what is missing, holding the repository's lock so that two runs at once cannot
    both write a trust file: the second waits, then reads the trust file the first wrote."""
    check_cycle_name(request.cycle)
    _check_ci(request)
    before = _has_trust_file(request.root / TRUST_FILE)
    with repository_lock(request.root):
        try:
            return _scaffold(request)
        except UsageError as exc:
            if before or not _has_trust_file(request.root / TRUST_FILE):
                raise
            # The trust file appeared while this run waited for the lock: say so, or the
            # message would make no sense to someone who just asked for a new repository.
            raise UsageError(
                "Another sendreview run created this repository while this one waited for "
                f"it to finish. {exc.message}",
                exc.hint,
            ) from exc


def _check_ci(request: NewRequest) -> None:
    if request.ci not in (None, "github"):
        raise UsageError(
            f"'{request.ci}' is not a CI service sendreview knows.", "Use --ci github."
        )
    if request.ci is None and request.install_from is not None:
        raise UsageError(
            "--install-from says where the CI workflow installs sendreview from.",
            "Add --ci github to write the workflow.",
        )


def _has_trust_file(trust_file: Path) -> bool:
    """A trust file to keep: an empty one left by a failed run is written again."""
    return os.path.lexists(trust_file) and not is_leftover(trust_file)


def _scaffold(request: NewRequest) -> ScaffoldResult:
    existing = _has_trust_file(request.root / TRUST_FILE)
    registry = FrameworkRegistry.for_repository(request.root if existing else None)
    if existing:
        trust = _existing_trust(request, registry)
        academies = _select(trust, request.academies)
    else:
        trust = _new_trust(request, registry)
        academies = trust.academies
    if request.carry_answers and (
        not existing or Repository(request.root).previous_cycle(request.cycle) is None
    ):
        raise UsageError(
            f"There is no cycle before {request.cycle} to carry answers from.",
            "Leave out --carry-answers.",
        )
    planned = {} if existing else _repository_files(request.root, trust)
    reviews, messages = _review_files(request, trust, academies, registry)
    planned |= reviews | _context_files(request.root, request.cycle, academies)
    workflow_notes: list[str] = []
    if request.ci == "github":
        planned[request.root / WORKFLOW_PATH], workflow_notes = _workflow(request.install_from)
    result = ScaffoldResult(root=request.root, trust=trust)
    for path, text in planned.items():
        # Whole or not at all, and never over a file that exists (see files.create_new).
        created = create_new(path, text.encode("utf-8"))
        (result.created if created else result.kept).append(path)
        if created and messages.get(path):
            result.carried.append(messages[path])
    if request.root / WORKFLOW_PATH in result.created:
        result.notes.extend(workflow_notes)
    return result


def _repository_files(root: Path, trust: Trust) -> dict[Path, str]:
    """The files a new repository starts with, besides schemas and reviews."""
    return {
        root / TRUST_FILE: render_trust(trust),
        root / "README.md": _repository_readme(trust),
        root / YAMLLINT_PATH: YAMLLINT_CONFIG,
    }


def _review_files(
    request: NewRequest, trust: Trust, academies: list[Academy], registry: FrameworkRegistry
) -> tuple[dict[Path, str], dict[Path, str]]:
    """The schemas, then the cycle's reviews, each academy's and the trust's own, started
    from the previous cycle's (:mod:`sendreview.repository.carry`); and for each review,
    the line that says what it carried."""
    repo = Repository(request.root)
    academy_framework = registry.require(trust.frameworks.academy)
    trust_framework = registry.require(trust.frameworks.trust) if trust.frameworks.trust else None
    used = [f for f in (academy_framework, trust_framework) if f is not None]
    planned = {request.root / SCHEMAS_DIR / name: text for name, text in schema_files(used).items()}
    subjects = [Subject(a.id, a.id, a.name, academy_framework) for a in academies]
    if trust_framework is not None:
        subjects.append(Subject(TRUST_ID, None, trust.trust, trust_framework))
    starts = starting_points(
        repo, request.cycle, subjects, registry, trust, answers=request.carry_answers
    )
    messages = {}
    for subject in subjects:
        start = starts[subject.file_id]
        path = repo.review_file(request.cycle, subject.file_id)
        planned[path] = render_review(
            start.review,
            subject.framework,
            schema=review_schema_link(subject.framework.id),
            subject_name=subject.name,
            last_cycle=start.last_cycle,
        )
        messages[path] = start.message
    return planned, messages


def _context_files(root: Path, cycle: str, academies: list[Academy]) -> dict[Path, str]:
    """A blank SEN context file per academy, unless the trust keeps the cycle's contexts in
    one CSV (a file beside it would give an academy's context twice)."""
    repo = Repository(root)
    if os.path.lexists(root / CONTEXT_DIR / f"{cycle}{CSV_SUFFIX}"):
        return {}
    link = context_schema_link()
    return {
        repo.context_file(cycle, a.id): context_text(
            SenContext(academy=a.id, cycle=cycle), schema_link=link
        )
        for a in academies
    }


def _workflow(install_from: str | None) -> tuple[str, list[str]]:
    """The workflow's text, and what to tell the person about where it installs from."""
    source = choose_install_source(install_from)
    if source.spec is None:
        notes = [
            f"Before the CI workflow can run, set the repository variable {INSTALL_VARIABLE} "
            f"on GitHub ({SETTINGS}) to where sendreview is installed from, for example "
            f"{EXAMPLE_SPEC}",
        ]
    elif source.origin == "installed":
        notes = [f"The CI workflow installs sendreview from {source.spec}, as this one was."]
    else:
        notes = []
    return github_workflow(source), notes


def _existing_trust(request: NewRequest, registry: FrameworkRegistry) -> Trust:
    trust = Repository(request.root).load_trust()
    if request.trust_name and request.trust_name.strip() != trust.trust:
        raise UsageError(
            f"This repository is for {trust.trust}, not {request.trust_name}.",
            "Leave out --trust to add a cycle here, or choose another folder.",
        )
    in_use = {f for f in (trust.frameworks.academy, trust.frameworks.trust) if f}
    extra = [f for f in request.frameworks if f not in in_use]
    if extra:
        raise UsageError(
            f"This repository does not use {', '.join(extra)}.",
            f"Add it under 'frameworks:' in {TRUST_FILE} first.",
        )
    return trust


def _select(trust: Trust, wanted: list[Academy]) -> list[Academy]:
    """The academies named on the command line, which must already be in the trust file."""
    if not wanted:
        return trust.academies
    chosen = []
    for academy in wanted:
        match = trust.academy(academy.id) or next(
            (a for a in trust.academies if a.name.casefold() == academy.name.casefold()), None
        )
        if match is None:
            raise UsageError(
                f"'{academy.name}' is not in {TRUST_FILE}.",
                f"Add it to the academies list in {TRUST_FILE}, then run this again.",
            )
        chosen.append(match)
    return chosen


def _new_trust(request: NewRequest, registry: FrameworkRegistry) -> Trust:
    if not request.trust_name or not request.trust_name.strip():
        raise UsageError(
            "A new review repository needs the trust's name.", 'Add --trust "Name of the Trust".'
        )
    if not request.academies:
        raise UsageError(
            "A new review repository needs at least one academy.",
            'Add --academy "Academy name" for each academy, or --academies academies.csv.',
        )
    check_name(request.trust_name, "The trust's name")
    counts = Counter(a.id for a in request.academies)  # a CSV can list thousands
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    if duplicates:
        raise UsageError(
            f"Two academies would have the id '{duplicates[0]}'.",
            "Give them different names, or set an id column in the CSV.",
        )
    return Trust.model_validate(
        {
            "trust": request.trust_name.strip(),
            "frameworks": _framework_levels(request.frameworks, registry),
            "academies": [a.model_dump(exclude_none=True) for a in request.academies],
        }
    )


def _framework_levels(chosen: list[str], registry: FrameworkRegistry) -> dict[str, str]:
    """The trust file's ``frameworks:``: one framework per level, one for academies at least."""
    levels: dict[str, str] = {}
    for framework_id in chosen or ["school-send-review"]:
        framework = registry.require(framework_id)
        if framework.level in levels:
            raise UsageError(
                f"Choose one {framework.level}-level framework, not "
                f"{levels[framework.level]} and {framework.id}.",
                "",
            )
        levels[framework.level] = framework.id
    if "academy" not in levels:
        raise UsageError(
            "Choose a framework for the academies' own reviews as well.",
            "Add --framework school-send-review.",
        )
    return levels


def render_trust(trust: Trust) -> str:
    """The trust file. Every value goes through the one writing policy, so an id such as
    ``yes`` or ``0777`` is quoted and reads back as the text it is; URNs are always quoted."""
    lines = [
        schema_comment(f"{SCHEMAS_DIR}/trust.schema.json"),
        "# The trust file: the trust, its academies and the frameworks their reviews use.",
        "# Academy ids name the review files (reviews/<cycle>/<id>.yaml): keep them stable.",
        f"trust: {scalar(trust.trust)}",
        "frameworks:",
        f"  academy: {scalar(trust.frameworks.academy)}",
    ]
    if trust.frameworks.trust:
        lines.append(f"  trust: {scalar(trust.frameworks.trust)}")
    lines.append("academies:")
    for academy in trust.academies:
        lines.append(f"  - id: {scalar(academy.id)}")
        lines.append(f"    name: {scalar(academy.name)}")
        if academy.urn:
            lines.append(f"    urn: {quoted(academy.urn)}")
        if academy.phase:
            lines.append(f"    phase: {scalar(academy.phase)}")
    return "\n".join(lines) + "\n"


def _repository_readme(trust: Trust) -> str:
    return f"""# SEND reviews: {trust.trust}

This folder holds the trust's SEND reviews as text files, one per academy per cycle.

- `{TRUST_FILE}`: the trust, its academies and the review frameworks in use.
- `reviews/<cycle>/<academy>.yaml`: each academy's review for a cycle.
- `context/<cycle>/<academy>.yaml`: each academy's SEN context for a cycle: counts of pupils
  by provision and primary need, from the school census, never details of any pupil.
- `schemas/`: lets editors such as VS Code check the files as you type.

Check every file: `sendreview validate`. Start the next cycle, with every unfinished action
carried forward: `sendreview new --cycle 2027-spring`.

Reviews are about provision, not pupils: never write pupils' names, UPNs, dates of birth,
email addresses or phone numbers in them.
"""
