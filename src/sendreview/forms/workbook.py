"""The skeleton every form's workbook shares: the SENCO's and the moderator's alike.

Both open with a front sheet (a title, the steps in plain words, the rating scale, the
details to fill in), keep a hidden metadata sheet last that ``sendreview import`` reads, and
refuse text no Excel cell can hold before writing anything. Written once here, so that the
two forms cannot drift apart in how they look or in what the importer finds.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.errors import RefusedError
from sendreview.excel.styles import font, rating_look
from sendreview.forms.cell_writer import Lists, fit_row, protect, put
from sendreview.forms.layout import META_SHEET, META_STATEMENT
from sendreview.forms.meta import base_rows
from sendreview.forms.values import excel_problem
from sendreview.model import Framework

#: The front sheet's columns: labels, and the text beside them.
LABEL_WIDTH = 30
TEXT_WIDTH = 100
#: How many of the problems a refusal names before it counts the rest.
_SHOWN_PROBLEMS = 5


def new_workbook(front_title: str) -> tuple[Workbook, Worksheet, Worksheet, Lists]:
    """A workbook with its front sheet, and the metadata sheet that also holds the lists.

    The metadata sheet is made at once because every drop-down's list lives on it.
    """
    workbook = Workbook()
    front = workbook.active
    assert isinstance(front, Worksheet)  # a new workbook starts with one worksheet
    front.title = front_title
    meta = workbook.create_sheet(META_SHEET)
    return workbook, front, meta, Lists(meta)


def workbook_bytes(workbook: Workbook, meta: Worksheet) -> bytes:
    """The finished workbook's bytes: the metadata sheet moved last, hidden and locked, so
    that a SENCO never meets it, and the front sheet the one that opens."""
    workbook.move_sheet(meta, offset=len(workbook.sheetnames) - 1 - workbook.index(meta))
    meta.sheet_state = "hidden"
    protect(meta)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def front_heading(ws: Worksheet, title: str, subtitle: str) -> None:
    """The front sheet's two columns, its title and the italic line below it."""
    ws.column_dimensions["A"].width = LABEL_WIDTH
    ws.column_dimensions["B"].width = TEXT_WIDTH
    put(ws, 1, 1, title, wrap=False).font = font(bold=True, size=16)
    put(ws, 2, 1, subtitle, wrap=False).font = font(italic=True)


def write_steps(ws: Worksheet, steps: Iterable[tuple[str, str]], row: int) -> int:
    """The steps from ``row``, a heading beside its text; returns the row after the last."""
    for heading, text in steps:
        put(ws, row, 1, heading, bold=True)
        put(ws, row, 2, text)
        fit_row(ws, row, [(heading, LABEL_WIDTH), (text, TEXT_WIDTH)])
        row += 1
    return row


def write_scale(ws: Worksheet, framework: Framework, row: int) -> int:
    """The rating scale from ``row``, each label on its colour; returns the last row."""
    put(ws, row, 1, "The rating scale", bold=True)
    for level in framework.rating_scale:
        row += 1
        ink, paint = rating_look(level.colour)
        label = put(ws, row, 1, level.label, bold=True)
        label.fill = paint
        label.font = font(bold=True, color=ink.color)
        put(ws, row, 2, level.description)
        fit_row(ws, row, [(level.label, LABEL_WIDTH), (level.description, TEXT_WIDTH)])
    return row


def write_meta_head(
    ws: Worksheet, values: Mapping[str, str], framework: Framework, *, wrap: bool
) -> int:
    """The metadata sheet's note, its keys and every statement's area; returns the last row.

    ``wrap``: whether the note wraps, as each form has always written it.
    """
    note = "sendreview reads this sheet to import the form. Please leave it as it is."
    put(ws, 1, 1, note, wrap=wrap)
    row = 3
    for key, value in values.items():
        put(ws, row, 1, key)
        put(ws, row, 2, value)
        row += 1
    for area in framework.areas:
        for statement in area.statements:
            row += 1
            put(ws, row, 1, META_STATEMENT)
            put(ws, row, 2, statement.id)
            put(ws, row, 3, area.id)
    return row


def write_meta_base(ws: Worksheet, row: int, base: dict[str, Any]) -> None:
    """After ``row``, a new form id and the digests of the answers the form starts from, so
    that an import can tell who changed an answer since."""
    for values in base_rows(uuid.uuid4().hex, base):
        row += 1
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)


def refuse_unfit(texts: Iterable[tuple[str, str]], refusal: str, fix: str) -> None:
    """Refuse, before a file is written, if a text cannot go into an Excel cell.

    ``texts``: (where, text) pairs; the message is ``refusal`` and the first few problems.
    """
    problems = [f"{where}: {why}" for where, text in texts if (why := excel_problem(text))]
    if problems:
        more = len(problems) - _SHOWN_PROBLEMS
        shown = "; ".join(problems[:_SHOWN_PROBLEMS]) + (f"; and {more} more" if more > 0 else "")
        raise RefusedError(f"{refusal}: {shown}.", fix)
