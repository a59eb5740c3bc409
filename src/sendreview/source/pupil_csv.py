"""Counts of pupils by SEN provision and primary need from a pupil-level export, and the
test of whether a text file looks like a pupil list.

A school's information system (SIMS, Arbor, Bromcom) exports one row per pupil, with the
pupil's UPN, name and much more beside the two columns wanted here. Only those two columns
are read, and only counts leave this module: no cell of any other column is kept, and no
message quotes a cell, because a file without headings would put a pupil's name where a
heading should be.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field

from sendreview.errors import UsageError
from sendreview.model.context import NEED_CODES
from sendreview.source.csv_rows import UnreadableRow, numbered_rows

#: Headings of the SEN provision column, written as :func:`_key` folds them: SIMS calls it
#: "SEN Status" (also "SEN Provision"), Arbor "SEN Status", Bromcom "SEN Status" or "SEN".
PROVISION_HEADINGS = frozenset(
    {"senprovision", "senstatus", "senprovisioncode", "senstatuscode", "sen", "provision"}
)
#: Headings of the primary need column: SIMS "Primary Need" or "SEN Need Type", Arbor
#: "Primary SEN Need", Bromcom "Primary Need" or "SEN Need".
NEED_HEADINGS = frozenset(
    {
        "primaryneed",
        "primarysenneed",
        "senprimaryneed",
        "primarysentype",
        "primaryneedtype",
        "senneedtype",
        "senneed",
        "sentype",
        "needtype",
    }
)

#: Headings of the UPN column, used only to see that no pupil is counted twice.
_UPN_HEADINGS = frozenset({"upn", "uniquepupilnumber", "pupilupn"})

#: Provision values as the systems write them: the census code, the code and its words
#: ("K - SEN Support", SIMS), or the words alone (Arbor). Arbor's "Monitoring" is N in the
#: census; a statement ("S") is counted with EHC plans, as SIMS maps it.
_PROVISION_WORDS = {
    "k": "K",
    "sensupport": "K",
    "support": "K",
    "e": "E",
    "s": "E",
    "ehcplan": "E",
    "ehcp": "E",
    "educationhealthandcareplan": "E",
    "statement": "E",
    "n": "N",
    "nospecialeducationalneed": "N",
    "nospecialeducationalneeds": "N",
    "nosen": "N",
    "none": "N",
    "monitoring": "N",
    "": "N",  # Arbor: no SEN status set is N in the census
}

#: Need names the systems write beside or instead of the census code.
_NEED_WORDS = {
    **{code.lower(): code for code in NEED_CODES},
    "autisticspectrumdisorder": "ASD",
    "autism": "ASD",
    "downsyndrome": "DS",
    "downssyndrome": "DS",
    "visualimpairment": "VI",
    "otherdifficultydisability": "OTH",
    "otherdifficultyordisability": "OTH",
    "profoundandmultiplelearningdifficulty": "PMLD",
    "specificlearningdifficultydyslexia": "SPLD",
    "socialemotionalandmentalhealthdifficulties": "SEMH",
    **{re.sub(r"[^a-z]", "", name.lower()): code for code, name in NEED_CODES.items()},
}

#: The ``csv`` module's default limit on a cell; a longer one is not a pupil export.
_CELL_LIMIT = 131_072
_HINT = "Export the pupil list again from your information system as CSV."
#: A UPN (a check letter and 12 digits; a temporary one ends in a letter).
UPN = re.compile(r"[A-Z]\d{11}[0-9A-Z]")


@dataclass
class PupilCounts:
    """What a pupil-level export adds up to: counts only."""

    pupils: int = 0
    sen_support: int = 0
    ehc_plans: int = 0
    #: census code -> pupils with SEN whose primary need it is
    primary_need: Counter[str] = field(default_factory=Counter)
    #: True when the export had a primary need column
    has_needs: bool = False


def count_pupils(raw: bytes, display: str) -> PupilCounts:
    """The counts in a pupil-level export: one row per pupil on roll after the headings.

    A pupil's need is counted only when the pupil has SEN (support or a plan): an export
    may keep a need from before a pupil came off the SEN register.
    """
    rows = read_rows(raw, display)
    if not rows:
        raise UsageError(f"'{display}' has no rows.", _HINT)
    headings = [_key(cell) for cell in rows[0][1]]
    provision = _column(headings, PROVISION_HEADINGS)
    if provision is None:
        raise UsageError(
            f"'{display}' has no column headed 'SEN Provision' or 'SEN Status' in its first "
            "row, so sendreview cannot tell who has SEN.",
            "Add the pupils' SEN status to the export (with its heading), then import it again.",
        )
    need = _column(headings, NEED_HEADINGS)
    counts = PupilCounts(has_needs=need is not None)
    once = _OnePupilARow(display, _column(headings, _UPN_HEADINGS))
    for number, cells in rows[1:]:
        once.check(number, cells)
        counts.pupils += 1
        code = _provision(cells, provision, f"'{display}', row {number}", rows[0][1][provision])
        if code == "N":
            continue
        if code == "K":
            counts.sen_support += 1
        else:
            counts.ehc_plans += 1
        where = f"'{display}', row {number}"
        if need is not None and (found := _need(cells, need, where, rows[0][1][need])):
            counts.primary_need[found] += 1
    return counts


class _OnePupilARow:
    """Refuses a pupil counted twice: an export that lists each of a pupil's needs on a
    row of its own would count the pupil once per need. The UPNs are held only while the
    file is counted, and never shown."""

    def __init__(self, display: str, column: int | None) -> None:
        self.display = display
        self.column = column
        self.seen: dict[str, int] = {}

    def check(self, number: int, cells: list[str]) -> None:
        if self.column is None or self.column >= len(cells) or not cells[self.column].strip():
            return
        first = self.seen.setdefault(cells[self.column].strip().upper(), number)
        if first != number:
            raise UsageError(
                f"'{self.display}', row {number} has the same UPN as row {first}: a pupil "
                "is listed twice, so the counts would be wrong.",
                "Export one row per pupil on roll (a report that lists each need on a row "
                "of its own counts a pupil more than once), then import it again.",
            )


def _provision(cells: list[str], column: int, where: str, heading: str) -> str:
    value = _key(cells[column]) if column < len(cells) else ""
    code = _PROVISION_WORDS.get(value) or _PROVISION_WORDS.get(_code_part(cells, column) or "?")
    if code is None:
        raise UsageError(
            f"{where}: the {heading.strip()} is not one the census uses.",
            "Use K (SEN support), E (EHC plan) or N (no SEN), or their words "
            "('SEN Support', 'Education, Health and Care Plan', 'No Special Educational Need').",
        )
    return code


def _need(cells: list[str], column: int, where: str, heading: str) -> str | None:
    """The census code of a pupil's primary need; None when the cell is blank (the context
    check then says the needs do not add up to the pupils with SEN)."""
    value = _key(cells[column]) if column < len(cells) else ""
    if not value:
        return None
    code = _NEED_WORDS.get(value) or _NEED_WORDS.get(_code_part(cells, column))
    if code is None:
        raise UsageError(
            f"{where}: the {heading.strip()} is not one the census uses.",
            "Use a census code or its name: " + ", ".join(NEED_CODES) + ".",
        )
    return code


def _code_part(cells: list[str], column: int) -> str:
    """'asd' from 'ASD - Autistic Spectrum Disorder', as SIMS writes a code and its words."""
    if column >= len(cells):
        return ""
    head, dash, _ = cells[column].partition("-")
    return _key(head) if dash else ""


def _key(text: str) -> str:
    """A heading or value as compared: letters and digits only, lower case ('SEN  status',
    'sen_status' and 'SEN Status' alike; '&' read as 'and')."""
    return re.sub(r"[^a-z0-9]", "", text.lower().replace("&", "and"))


def _column(headings: list[str], wanted: frozenset[str]) -> int | None:
    return next((index for index, heading in enumerate(headings) if heading in wanted), None)


# ---- reading the text --------------------------------------------------------------------


def decode(raw: bytes, display: str) -> str:
    """UTF-8 (with or without a byte order mark), or Windows-1252 as Excel and older
    systems save it."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:4096]:
        raise UsageError(
            f"'{display}' is not a CSV text file (it may be a workbook or UTF-16 text).",
            "Save it as 'CSV UTF-8 (Comma delimited)' from Excel, or export CSV again.",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError as exc:
        row = raw[: exc.start].count(b"\n") + 1
        raise UsageError(
            f"'{display}', row {row}: a character is neither UTF-8 nor Windows-1252 text.",
            "Save it as 'CSV UTF-8 (Comma delimited)' from Excel, or export CSV again.",
        ) from exc


def delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the heading row holds most of (a European Excel
    saves CSV with semicolons, and some exports are tab separated)."""
    first = text.lstrip("\r\n").split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


def read_rows(raw: bytes, display: str) -> list[tuple[int, list[str]]]:
    """(row number, cells) for each row that is not blank, numbered as a spreadsheet numbers
    them (the headings are row 1)."""
    text = decode(raw, display)
    try:
        return numbered_rows(text, delimiter(text))
    except UnreadableRow as exc:
        raise UsageError(
            f"'{display}', row {exc.row}: this row cannot be read as CSV.", _HINT
        ) from exc


def upn_column(text: str, rows: int = 50) -> int | None:
    """The line (1-based) that shows ``text`` is a pupil list, or None: a heading "UPN",
    or a column whose cells look like UPNs in the first ``rows`` rows."""
    sample = text.splitlines()[:rows]
    if not sample:
        return None
    separator = delimiter(text)
    try:
        parsed = list(csv.reader(sample, delimiter=separator))
    except csv.Error:
        return None
    headings = {_key(cell) for cell in parsed[0]} if parsed else set()
    if headings & (_UPN_HEADINGS | {"formerupn"}):
        return 1
    for line, cells in enumerate(parsed, start=1):
        if any(UPN.fullmatch(cell.strip()) for cell in cells):
            return line
    return None
