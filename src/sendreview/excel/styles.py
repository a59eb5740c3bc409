"""The look both kinds of workbook share: typeface, grid lines, dates, rating colours, text.

A SENCO fills in a form and the director of SEND reads the report: a rating should look the
same in both, and text typed in one should be as safe in the other. The report names these
as cell styles (:mod:`sendreview.render.reports.xlsx_layout`); the form sets them on each
cell (:mod:`sendreview.forms.cell_writer`).

Imported only while a workbook is being written, so openpyxl loads only then.
"""

from __future__ import annotations

from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.colour import text_colour
from sendreview.excel.text import cell_text, footer_text, looks_like_formula

TYPEFACE = "Calibri"
GRID = Side(style="thin", color="BFBFBF")
BORDER = Border(left=GRID, right=GRID, top=GRID, bottom=GRID)
TOP = Alignment(vertical="top")
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "d mmm yyyy"


def font(**style: Any) -> Font:
    """Calibri, Excel's own default, named so that every program uses it (or its twin)."""
    return Font(name=TYPEFACE, **style)


def fill(colour: str) -> PatternFill:
    """A solid fill of ``colour`` (#RRGGBB or RRGGBB)."""
    colour = colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def rating_look(colour: str) -> tuple[Font, PatternFill]:
    """A rating's fill, with its label in bold black or white, whichever reads better.

    No font name or size: Excel allows neither in a conditional format, which is where most
    rating colours live.
    """
    ink = text_colour("#" + colour.lstrip("#").upper()).lstrip("#")
    return Font(bold=True, color=ink), fill(colour)


def write_text(cell: Cell, text: str) -> None:
    """Put user text in ``cell`` as text, never a formula, however it starts (:mod:`.text`)."""
    cell.value = cell_text(text)
    cell.data_type = "s"
    if looks_like_formula(text):
        cell.quotePrefix = True


def page_labels(ws: Worksheet, *, header: str = "", footer: str = "") -> None:
    """Print ``header`` centred above and ``footer`` at the left below each page, and the
    page number ('Page 2 of 5') at the right below, so a page on its own says what it is."""
    top, bottom = ws.oddHeader, ws.oddFooter
    assert top is not None and bottom is not None  # openpyxl makes both with the sheet
    assert top.center is not None and bottom.left is not None and bottom.right is not None
    if header:
        top.center.text = footer_text(header)
    if footer:
        bottom.left.text = footer_text(footer)
    bottom.right.text = "Page &P of &N"
