"""Small openpyxl helpers the form writer shares: text cells, styles, drop-downs.

Imported only while a form is being written, so openpyxl loads only then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.row_height import row_height
from sendreview.forms.layout import META_LISTS_COLUMN, META_SHEET
from sendreview.forms.values import Choice, cell_text, choice_list
from sendreview.render.reports.xlsx_layout import footer_text

LOCKED_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")
HEADER_FILL = PatternFill("solid", start_color="D9E2F3", end_color="D9E2F3")
_THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TOP_WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
DATE_FORMAT = "d mmm yyyy"
#: Lines of room below the text of a row a person types into, for what they will add.
SPARE_LINES = 2


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
    def customHeight(self) -> bool:  # type: ignore[override]
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
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = PageMargins(
        left=0.3, right=0.3, top=0.6, bottom=0.6, header=0.25, footer=0.25
    )
    if title_rows:
        ws.print_title_rows = title_rows
    ws.oddHeader.center.text = footer_text(heading)
    ws.oddFooter.right.text = "Page &P of &N"
