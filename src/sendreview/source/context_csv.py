"""A cycle's SEN context for every academy in one CSV file, read row by row into documents.

A trust's data team often keeps the census counts of all its academies in one spreadsheet;
saved as CSV (``context/<cycle>.csv``), each row is one academy's context. Each row becomes a
:class:`YamlDocument` like a context file's, its positions being the row's line and the
cell's column number, so the model's errors and the checks place every problem at its cell
with the same code and words as in a YAML file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model.context import NEED_CODES
from sendreview.prose import did_you_mean, excerpt
from sendreview.source.csv_rows import UnreadableRow, numbered_rows
from sendreview.source.yaml_document import DataPath, YamlDocument
from sendreview.source.yaml_text import read_text

#: The columns that hold one value of the context, by their header.
_PLAIN = ("academy", "census_date", "pupils", "sen_support", "ehc_plans", "period")
_PROVISIONS = ("no_sen", "sen_support", "ehc_plan")
#: Prefixes of the suspensions and exclusions columns, for example ``exclusions_ehc_plan``.
_GROUPS = {
    "suspensions_": "suspensions",
    "exclusions_": "permanent_exclusions",
    "permanent_exclusions_": "permanent_exclusions",
}
#: A header that is none of the above but looks like a census code (letters only, short):
#: read as one, so that validate can say which code it is likely to be (``ASC``: ASD?).
_CODE_LIKE = re.compile(r"[A-Za-z]{2,5}")
#: Excel in an English locale saves dates day first; read them as the day they mean.
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def known_columns() -> list[str]:
    """Every header the CSV may have, for 'did you mean' and the README."""
    groups = [f"{prefix}{p}" for prefix in ("suspensions_", "exclusions_") for p in _PROVISIONS]
    return [*_PLAIN, *NEED_CODES, *groups]


def column_path(header: str) -> DataPath | None:
    """Where a column's values go in a context (``("primary_need", "ASD")``), or None."""
    name = header.strip()
    lower = name.lower()
    if lower in _PLAIN:
        return (lower,)
    if name.upper() in NEED_CODES:
        return ("primary_need", name.upper())
    for prefix, key in _GROUPS.items():
        if lower.startswith(prefix) and lower.removeprefix(prefix) in _PROVISIONS:
            return (key, lower.removeprefix(prefix))
    if _CODE_LIKE.fullmatch(name):
        return ("primary_need", name.upper())
    return None


@dataclass
class ContextTable:
    """A CSV file of contexts: one document per academy's row, and the file's own problems."""

    file: str
    rows: list[YamlDocument] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_context_csv(path: Path, display: str, cycle: str) -> ContextTable:
    """Read ``path`` into one document per row (every row's cycle is ``cycle``, the file's
    name). Never raises for bad content: problems are diagnostics."""
    table = ContextTable(display)
    text, problems = read_text(path, display)
    table.diagnostics += problems
    if text is None:
        return table
    try:
        rows = numbered_rows(text)
    except UnreadableRow as exc:  # a cell beyond the csv module's size limit, say
        table.diagnostics.append(_problem(display, exc.row, 1, "SR104", *_NOT_CSV))
        return table
    _read_rows(rows, cycle, table)
    return table


def _read_rows(rows: list[tuple[int, list[str]]], cycle: str, table: ContextTable) -> None:
    """The headings (row 1, which must not be blank) and one document per row after them."""
    display = table.file
    if not rows or rows[0][0] != 1:
        table.diagnostics.append(_problem(display, 1, 1, "SR107", *_EMPTY))
        return
    (_, header), *records = rows
    columns = _columns(header, table)
    if ("academy",) not in columns.values():
        table.diagnostics.append(_problem(display, 1, 1, "SR202", *_NO_ACADEMY))
        return
    for start, cells in records:
        table.rows.append(_row(display, start, cells, columns, cycle))


def _columns(header: list[str], table: ContextTable) -> dict[int, DataPath]:
    """Column number (1-based) -> where its values go; an unknown header is reported."""
    columns: dict[int, DataPath] = {}
    for number, name in enumerate(header, start=1):
        place = column_path(name)
        if place is None:
            table.diagnostics.append(_unknown_column(table.file, number, name))
        elif place in columns.values():
            table.diagnostics.append(_twice(table.file, number, name))
        else:
            columns[number] = place
    return columns


def _row(
    display: str, line: int, cells: list[str], columns: dict[int, DataPath], cycle: str
) -> YamlDocument:
    data: dict[str, object] = {"cycle": cycle}
    doc = YamlDocument(display, data, positions={(): (line, 1), ("cycle",): (line, 1)})
    for number, place in columns.items():
        value = cells[number - 1].strip() if number <= len(cells) else ""
        container = data
        for part in place[:-1]:
            container = container.setdefault(str(part), {})  # type: ignore[assignment]
        container[str(place[-1])] = _value(place, value)
        doc.positions[place] = (line, number)
        doc.positions.setdefault(place[:-1], (line, number))
    return doc


def _value(place: DataPath, value: str) -> str | None:
    """A cell as the model reads it: blank is None (not filled in yet)."""
    if not value:
        return None
    day_first = _DAY_FIRST.fullmatch(value)
    if place == ("census_date",) and day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return value


def _problem(file: str, line: int, column: int, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(file, line, column, code, Severity.ERROR, message, hint)


def _unknown_column(file: str, number: int, name: str) -> Diagnostic:
    lowered = name.strip().lower()
    return _problem(
        file,
        1,
        number,
        "SR201",
        f"Column {number}, '{excerpt(name)}', is not a column sendreview knows, so what it "
        "holds would be ignored.",
        did_you_mean(lowered, [c.lower() for c in known_columns()])
        + "The columns are academy, census_date, pupils, sen_support, ehc_plans, one per "
        "census need code (ASD, SLCN, ...), and optionally period, suspensions_no_sen, "
        "suspensions_sen_support, suspensions_ehc_plan and the same for exclusions_.",
    )


def _twice(file: str, number: int, name: str) -> Diagnostic:
    return _problem(
        file,
        1,
        number,
        "SR105",
        f"Column {number}, '{excerpt(name)}', repeats a column to its left; only the first "
        "is read.",
        "Remove one of the two columns.",
    )


_EMPTY = (
    "This CSV file is empty.",
    "Its first row names the columns: academy, census_date, pupils, sen_support, ehc_plans "
    "and one per census need code. Or delete it and keep a file per academy.",
)
_NOT_CSV = (
    "This file cannot be read as a CSV file (a cell is far too long, or a quote is not closed).",
    "Open it in Excel and save it again as 'CSV UTF-8 (Comma delimited)'.",
)
_NO_ACADEMY = (
    "This CSV file has no 'academy' column, so its rows cannot be matched to academies.",
    "Add a column headed 'academy' holding each academy's id from sendreview.yaml.",
)
