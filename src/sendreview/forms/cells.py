"""Small openpyxl helpers the form writer shares: text cells, styles, drop-downs.

Imported only while a form is being written, so openpyxl loads only then.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.forms.layout import META_LISTS_COLUMN, META_SHEET
from sendreview.forms.values import Choice, cell_text, choice_list

LOCKED_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
HEADER_FILL = PatternFill("solid", start_color="D9E2F3", end_color="D9E2F3")
_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATE_FORMAT = "d mmm yyyy"
#: Excel's tallest row, in points.
MAX_ROW_HEIGHT = 409


def font(**style: object) -> Font:
    """A font in the workbook's own typeface, so that headings match the text."""
    return Font(name="Calibri", **style)  # type: ignore[arg-type]


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
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        if value:
            cell.value = cell_text(value)
            cell.data_type = "s"
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif value is not None:
        cell.value = value
    cell.alignment = TOP_WRAP if wrap else TOP
    if bold:
        cell.font = font(bold=True)
    if answer:
        cell.protection = Protection(locked=False)
        cell.border = BORDER
    return cell


def header(ws: Worksheet, row: int, headings: Sequence[str]) -> None:
    for column, text in enumerate(headings, start=1):
        cell = put(ws, row, column, text, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER


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


def row_height(texts: Sequence[tuple[str, float]]) -> float:
    """A row tall enough for its longest wrapped text: (text, column width) pairs."""
    lines = 1
    for text, width in texts:
        per_line = max(int(width), 10)
        wrapped = sum(max(1, math.ceil(len(line) / per_line)) for line in text.split("\n"))
        lines = max(lines, wrapped)
    return float(min(MAX_ROW_HEIGHT, 15 * lines + 4))


def font_on(colour: str) -> str:
    """Black or white text, whichever reads better on a fill of ``colour`` (#RRGGBB)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "000000" if luminance > 0.5 else "FFFFFF"


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


def print_setup(ws: Worksheet) -> None:
    """Printed, a sheet fits the page width: some SENCOs fill the form in on paper first."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
