"""Writing a form's cells: answers open and bordered, the rest locked, drop-downs, print set-up.

The typeface, grid, date format, rating colours and the rule that keeps text from becoming a
formula are the report's too (:mod:`sendreview.excel.styles`). Imported only while a form is
being written, so openpyxl loads only then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import cast

from openpyxl.cell.cell import Cell
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.row_height import row_height
from sendreview.excel.styles import (
    BORDER,
    DATE_FORMAT,
    TOP,
    TOP_WRAP,
    fill,
    font,
    page_labels,
    write_text,
)
from sendreview.forms.layout import META_LISTS_COLUMN, META_SHEET
from sendreview.forms.values import Choice, choice_list

LOCKED_FILL = fill("F2F2F2")
HEADER_FILL = fill("D9E2F3")
#: Lines of room below the text of a row a person types into, for what they will add.
SPARE_LINES = 2


def put(
    ws: Worksheet,
    row: int,
    column: int,
    value: object,
    *,
    answer: bool = False,
    bold: bool = False,
    wrap: bool = True,
) -> Cell:
    """Write one cell. Text is always stored as text, so '=...' never becomes a formula."""
    # A merged range's first cell is a plain cell, and a form writes nothing elsewhere in one.
    cell = cast(Cell, ws.cell(row=row, column=column))
    if isinstance(value, str):
        if value:
            write_text(cell, value)
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float)):
        cell.value = value
    elif value is not None:
        raise TypeError(f"a form cell cannot hold {type(value).__name__}")
    cell.alignment = TOP_WRAP if wrap else TOP
    if bold:
        cell.font = font(bold=True)
    if answer:
        cell.protection = Protection(locked=False)
        cell.border = BORDER
    return cell


def header(ws: Worksheet, row: int, headings: Sequence[str]) -> None:
    """Column headings, wrapped in a row tall enough for the longest (set widths first)."""
    widths = []
    for column, text in enumerate(headings, start=1):
        cell = put(ws, row, column, text, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        # Bold letters are wider: estimate them in a narrower column.
        widths.append((text, 0.8 * ws.column_dimensions[get_column_letter(column)].width))
    fit_row(ws, row, widths)


def protect(ws: Worksheet, *, rows_editable: bool = False) -> None:
    """Lock what is not an answer, but let people widen, hide and format columns and rows.

    No password: protection stops accidents, and Review > Unprotect Sheet undoes it.
    """
    protection = ws.protection
    protection.sheet = True
    protection.formatColumns = False
    protection.formatRows = False
    protection.formatCells = False
    protection.sort = False
    protection.autoFilter = False
    if rows_editable:
        protection.insertRows = False
        protection.deleteRows = False


class _GrowingRow(RowDimension):
    """A row height written without ``customHeight``: the height is where the row starts,
    not one set by hand, so a spreadsheet may fit the row to its text again when a person
    types into it. (openpyxl marks every row it gives a height as set by hand, and such a
    row stays as it is: typed text was cut off on screen and on paper.)"""

    @property
    def customHeight(self) -> bool:
        return False


def fit_row(
    ws: Worksheet,
    row: int,
    texts: Sequence[tuple[str, float]],
    *,
    answer: bool = False,
    fixed: bool = False,
) -> None:
    """Make ``row`` tall enough for its wrapped texts: (text, column width) pairs.

    An answer row gets two spare lines to type into. A row with merged cells is ``fixed``:
    neither Excel nor LibreOffice fits merged cells to their text, so they keep this height.
    """
    height = row_height(texts, spare_lines=SPARE_LINES if answer else 0)
    if fixed:
        ws.row_dimensions[row].height = height
    else:
        ws.row_dimensions[row] = _GrowingRow(ws, index=row, ht=height)


class Lists:
    """Drop-down validations. Choices with commas or quotes cannot be written inline, so
    those are listed in the hidden metadata sheet and the drop-down points there."""

    def __init__(self, meta: Worksheet) -> None:
        self.meta = meta
        self.column = META_LISTS_COLUMN

    def validation(self, choices: Sequence[Choice], what: str) -> DataValidation:
        labels = [c.label for c in choices]
        inline = ",".join(labels)
        if any("," in label or '"' in label for label in labels) or len(inline) > 250:
            formula = self._listed(labels)
        else:
            formula = f'"{inline}"'
        return DataValidation(
            type="list",
            formula1=formula,
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
            errorTitle=f"Not a {what}",
            error=f"Choose {choice_list(choices)} from the list.",
            promptTitle=what.capitalize(),
            prompt=f"Choose {choice_list(choices)}.",
        )

    def _listed(self, labels: Sequence[str]) -> str:
        for row, label in enumerate(labels, start=1):
            put(self.meta, row, self.column, label)
        letter = get_column_letter(self.column)
        self.column += 1
        return f"{META_SHEET}!${letter}$1:${letter}${len(labels)}"


def date_validation() -> DataValidation:
    return DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2100,12,31)",
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Not a date",
        error="Type a date, for example 12/02/2027 (day, month, year).",
        promptTitle="Date",
        prompt="Day, month, year: for example 12/02/2027.",
    )


def print_setup(ws: Worksheet, heading: str, title_rows: str | None = None) -> None:
    """Printed, a sheet is A4 landscape, one page wide, as many pages down as it takes.

    Some SENCOs fill the form in on paper first, so the columns are narrow enough for the
    text to print at 9 point or more once fitted to the page. Each page is headed with
    ``heading`` and repeats ``title_rows`` (the column headings, "5:5"), so a page on its
    own still says which sheet and column it is.
    """
    setup = ws.page_setup
    setup.orientation = "landscape"
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(
        left=0.3, right=0.3, top=0.6, bottom=0.6, header=0.25, footer=0.25
    )
    if title_rows:
        ws.print_title_rows = title_rows
    page_labels(ws, header=heading)
