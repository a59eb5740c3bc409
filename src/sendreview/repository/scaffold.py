"""Create a trust's review repository, or add a new cycle's blank reviews to one.

:func:`scaffold` never overwrites a file: existing files are left alone and reported as such.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.errors import UsageError
from sendreview.files import create_new, is_leftover, repository_lock
from sendreview.model import Academy, Framework, Review, Trust
from sendreview.model.cycles import check_cycle_name
from sendreview.model.trust import PHASES, TRUST_ID
from sendreview.prose import excerpt, first_hidden, visible
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import SCHEMAS_DIR, TRUST_FILE, Repository
from sendreview.repository.workflow import (
    EXAMPLE_SPEC,
    INSTALL_VARIABLE,
    SETTINGS,
    choose_install_source,
    github_workflow,
)
from sendreview.source.json_schema import review_schema_name, schema_files
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


@dataclass
class ScaffoldResult:
    root: Path
    created: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    trust: Trust | None = None
    #: what the person must still do (set a CI variable), or should know, in plain words
    notes: list[str] = field(default_factory=list)

    @property
    def in_git(self) -> bool:
        """True when the folder is already inside a git repository (no 'git init' then)."""
        return inside_git(self.root)


def inside_git(folder: Path) -> bool:
    """True when ``folder`` or a folder above it holds ``.git`` (a folder, or the file a
    git worktree or submodule has)."""
    folder = folder.resolve()
    return any((parent / ".git").exists() for parent in (folder, *folder.parents))


#: Names Windows keeps for devices: a file called ``con.yaml`` (any case, any extension)
#: cannot be created there, so a repository holding one cannot be checked out on Windows.
WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"]
    + [f"{device}{n}" for device in ("com", "lpt") for n in range(1, 10)]
)
#: Added to an id that would otherwise be a Windows device name or empty.
ID_SUFFIX = "academy"


def slugify(name: str) -> str:
    """An academy id from its name: 'St Mary's C of E Primary' -> 'st-marys-c-of-e-primary'.

    The id names the review file, so it must make a file name every system accepts: a name
    that would give a Windows device name ('CON', 'Aux', 'COM1') gets '-academy' added
    ('con-academy'), and one with no letters or digits a Latin alphabet can spell ('学校',
    '!!!') is 'academy'. :func:`safe_id` says how an id given in the CSV is checked.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower().replace("'", "").replace("\u2019", ""))
    slug = "-".join(words)[:80].strip("-")
    if not slug:
        return ID_SUFFIX
    return f"{slug}-{ID_SUFFIX}" if is_windows_reserved(slug) else slug


def is_windows_reserved(file_stem: str) -> bool:
    """True when Windows would take a file with this name (before any dot) for a device."""
    return file_stem.split(".", 1)[0].strip().lower() in WINDOWS_RESERVED


def academies_from_names(names: list[str]) -> list[Academy]:
    return [_academy(name=name) for name in names]


#: The ``csv`` module's default limit on one cell; a longer cell is not an academy's details.
_CSV_CELL_LIMIT = 131_072


def read_academies_csv(path: Path) -> list[Academy]:
    """Academies from a spreadsheet export: a name column, and optionally urn, phase and id.

    Rows are numbered as the spreadsheet numbers them (the headings are row 1), so every
    message (``academies.csv:4: ...``) names the row to correct.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(
            f"Cannot read '{path}': {exc.strerror}.", "Check the path to the CSV file."
        ) from exc
    text = _decode_csv(path, raw)
    rows = _csv_rows(path, text)
    if not rows or "name" not in {cell.strip().lower() for cell in rows[0][1]}:
        raise UsageError(
            f"'{path}' has no 'name' column.",
            "The first row must be headings: name, and optionally urn, phase and id.",
        )
    headings = [cell.strip().lower() for cell in rows[0][1]]
    academies = []
    for number, cells in rows[1:]:
        clean = {heading: cell.strip() for heading, cell in zip(headings, cells, strict=False)}
        if not clean.get("name"):
            continue
        try:
            academies.append(
                _academy(**{k: clean.get(k) or None for k in ("name", "urn", "phase", "id")})
            )
        except UsageError as exc:
            raise UsageError(f"{path}:{number}: {exc.message}", exc.hint) from exc
    return academies


def _decode_csv(path: Path, raw: bytes) -> str:
    """UTF-8 (with or without a byte order mark), or Windows-1252 as Excel saves it.

    A NUL byte means the file is not text at all (a workbook saved as .csv by mistake, or
    UTF-16): say so with its row rather than let the CSV reader fail.
    """
    if b"\x00" in raw:
        row = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise UsageError(
            f"{path}:{row}: this is not a text file (it holds a NUL byte), so it cannot "
            "be read as CSV.",
            "In Excel, use File > Save As and choose 'CSV UTF-8 (Comma delimited)'.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # saved by Excel on Windows as plain "CSV"
    except UnicodeDecodeError as exc:  # bytes that Windows-1252 leaves undefined
        row = raw[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"{path}:{row}: byte 0x{raw[exc.start]:02X} is neither UTF-8 nor Windows-1252 text.",
            "In Excel, use File > Save As and choose 'CSV UTF-8 (Comma delimited)'.",
        ) from exc


def _csv_rows(path: Path, text: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) for each non-blank row; the number is the row a record starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        too_long = any(len(line) > _CSV_CELL_LIMIT for line in text.splitlines())
        raise UsageError(
            f"{path}:{start}: "
            + (
                "a cell is too long to be an academy's details."
                if too_long
                else "this row cannot be read as CSV."
            ),
            "Open the file in a spreadsheet, check that row, and save it again as "
            "'CSV UTF-8 (Comma delimited)'.",
        ) from exc
    return rows


def _academy(
    name: str | None, urn: str | None = None, phase: str | None = None, id: str | None = None
) -> Academy:  # noqa: A002 - the CSV column is called id
    from pydantic import ValidationError

    _check_name(name or "")
    if id is not None and is_windows_reserved(id):
        raise UsageError(
            f"Academy '{name}': the id '{id}' would make a review file that Windows cannot "
            "create, because Windows keeps that name for a device.",
            f"Choose another id, for example '{id}-{ID_SUFFIX}'.",
        )
    academy_id = id or slugify(name or "")
    try:
        return Academy(id=academy_id, name=name or "", urn=urn, phase=phase)
    except ValidationError as exc:
        problem = exc.errors()[0]
        field_name = problem["loc"][0] if problem["loc"] else "value"
        hint = {
            "phase": f"Phase must be one of: {', '.join(PHASES)}.",
            "urn": "A URN is the school's 6-digit Unique Reference Number.",
            "id": "Ids use lowercase letters, digits and hyphens; give the academy a name "
            "with letters.",
        }.get(str(field_name), "")
        raise UsageError(
            f"Academy '{excerpt(name)}': {field_name} '{excerpt(problem.get('input'))}' is not "
            "valid.",
            hint,
        ) from exc


def _check_name(name: str, what: str = "Academy name") -> None:
    """Refuse a name with a control, line-break or hidden character.

    The name is written into the trust file and the review's heading: a NUL byte would make
    a file that ``validate`` rejects as not text, and an escape code or a right-to-left
    override would print as a command or backwards wherever the name is shown.
    """
    found = first_hidden(name)
    if found is not None:
        position, char = found
        raise UsageError(
            f"{what} '{visible(name)}' has a control or hidden character ({char}) at "
            f"position {position}.",
            "Retype the name without it (text pasted from another program can carry such "
            "characters).",
        )


def scaffold(request: NewRequest) -> ScaffoldResult:
    """Create what is missing, holding the repository's lock so that two runs at once cannot
    both write a trust file: the second waits, then reads the trust file the first wrote."""
    check_cycle_name(request.cycle)
    if request.ci not in (None, "github"):
        raise UsageError(
            f"'{request.ci}' is not a CI service sendreview knows.", "Use --ci github."
        )
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


def _has_trust_file(trust_file: Path) -> bool:
    """A trust file to keep: an empty one left by a failed run is written again."""
    return os.path.lexists(trust_file) and not is_leftover(trust_file)


def _scaffold(request: NewRequest) -> ScaffoldResult:
    trust_file = request.root / TRUST_FILE
    existing = _has_trust_file(trust_file)
    registry = FrameworkRegistry.for_repository(request.root if existing else None)
    if existing:
        trust = _existing_trust(request, registry)
        academies = _select(trust, request.academies)
    else:
        trust = _new_trust(request, registry)
        academies = trust.academies
    result = ScaffoldResult(root=request.root, trust=trust)
    repo = Repository(request.root)
    academy_framework = registry.require(trust.frameworks.academy)
    trust_framework = registry.require(trust.frameworks.trust) if trust.frameworks.trust else None
    used = [f for f in (academy_framework, trust_framework) if f is not None]

    planned: dict[Path, str] = {}
    if not existing:
        planned[trust_file] = render_trust(trust)
        planned[request.root / "README.md"] = _repository_readme(trust)
        planned[request.root / YAMLLINT_PATH] = YAMLLINT_CONFIG
    for name, text in schema_files(used).items():
        planned[request.root / SCHEMAS_DIR / name] = text
    for academy in academies:
        planned[repo.review_file(request.cycle, academy.id)] = _blank(
            academy_framework, request.cycle, academy.id, academy.name
        )
    if trust_framework is not None:
        planned[repo.review_file(request.cycle, TRUST_ID)] = _blank(
            trust_framework, request.cycle, None, trust.trust
        )
    workflow_notes: list[str] = []
    if request.ci == "github":
        planned[request.root / WORKFLOW_PATH], workflow_notes = _workflow(request.install_from)
    elif request.ci is not None:
        raise UsageError(
            f"'{request.ci}' is not a CI service sendreview knows.", "Use --ci github."
        )
    elif request.install_from is not None:
        raise UsageError(
            "--install-from says where the CI workflow installs sendreview from.",
            "Add --ci github to write the workflow.",
        )

    for path, text in planned.items():
        (result.created if _create(path, text) else result.kept).append(path)
    if request.root / WORKFLOW_PATH in result.created:
        result.notes.extend(workflow_notes)
    return result


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
    _check_name(request.trust_name, "The trust's name")
    counts = Counter(a.id for a in request.academies)  # a CSV can list thousands
    duplicates = sorted(i for i, n in counts.items() if n > 1)
    if duplicates:
        raise UsageError(
            f"Two academies would have the id '{duplicates[0]}'.",
            "Give them different names, or set an id column in the CSV.",
        )
    levels: dict[str, str] = {}
    for framework_id in request.frameworks or ["school-send-review"]:
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
    return Trust.model_validate(
        {
            "trust": request.trust_name.strip(),
            "frameworks": levels,
            "academies": [a.model_dump(exclude_none=True) for a in request.academies],
        }
    )


def _blank(framework: Framework, cycle: str, academy: str | None, name: str) -> str:
    review = Review(
        framework=framework.id, cycle=cycle, academy=academy, framework_version=framework.version
    )
    schema = f"../../{SCHEMAS_DIR}/{review_schema_name(framework.id)}"
    return render_review(review, framework, schema=schema, subject_name=name)


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
- `schemas/`: lets editors such as VS Code check the files as you type.

Check every file: `sendreview validate`. Start the next cycle: `sendreview new --cycle 2027-spring`.

Reviews are about provision, not pupils: never write pupils' names, UPNs, dates of birth,
email addresses or phone numbers in them.
"""


def _create(path: Path, text: str) -> bool:
    """Write a new file; leave an existing one exactly as it is.

    The file appears whole or not at all (see :func:`create_new`), so a full disk or an
    interruption never leaves an empty file that a later run would keep as good.
    """
    return create_new(path, text.encode("utf-8"))
