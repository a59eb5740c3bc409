"""The academies a new repository is made for, from the command line or a spreadsheet.

An academy's id names its review file, so ids are made and checked here to give a file name
every system accepts; names are checked for characters that would print as commands.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from sendreview.errors import UsageError
from sendreview.model import Academy
from sendreview.model.trust import PHASES
from sendreview.prose import excerpt, first_hidden, visible
from sendreview.source.csv_rows import UnreadableRow, numbered_rows

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
    try:
        return numbered_rows(text)
    except UnreadableRow as exc:
        too_long = any(len(line) > _CSV_CELL_LIMIT for line in text.splitlines())
        raise UsageError(
            f"{path}:{exc.row}: "
            + (
                "a cell is too long to be an academy's details."
                if too_long
                else "this row cannot be read as CSV."
            ),
            "Open the file in a spreadsheet, check that row, and save it again as "
            "'CSV UTF-8 (Comma delimited)'.",
        ) from exc


def _academy(
    name: str | None, urn: str | None = None, phase: str | None = None, id: str | None = None
) -> Academy:  # noqa: A002 - the CSV column is called id
    from pydantic import ValidationError

    check_name(name or "")
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


def check_name(name: str, what: str = "Academy name") -> None:
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
