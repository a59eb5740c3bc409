"""How every sheet of the Excel report looks and prints, and how a cell is written safely.

The workbook is built in openpyxl's write-only mode so that a trust of a thousand academies
streams row by row to temporary files instead of holding every cell in memory. Write-only
mode sets its rules: column widths, frozen panes and row heights must be set before a sheet's
first row, and a row cannot be changed once appended. :class:`Sheet` does things in that order
so the report module only says what goes where.

Every sheet has the same shape: a title on row 1, a note on row 2, the column headings on
row 3 (frozen, and repeated on every printed page) and the table from row 4.

Only the report module imports this module, so openpyxl is loaded only for an Excel report.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.dimensions import ColumnDimension, RowDimension
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.row_height import row_height
from sendreview.excel.sheet_names import sheet_name
from sendreview.model.framework import RatingLevel
from sendreview.render.reports.wording import text_colour

TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4

# Named styles: a trust can restyle the whole report from Excel's Cell Styles gallery.
TITLE = "SEND title"
NOTE = "SEND note"
HEADING = "SEND heading"
HEADING_UP = "SEND heading (rotated)"
AREA = "SEND area"
TEXT = "SEND text"
WRAP = "SEND wrapped text"
RATING = "SEND rating"
LETTER = "SEND rating letter"
DATE = "SEND date"
PERCENT = "SEND percent"
NUMBER = "SEND number"
FLAG = "SEND flag"
LINK = "SEND link"

#: Columns whose text is a rating: coloured by conditional formatting on the text itself.
RATED_STYLES = (RATING, LETTER)
#: Styles that wrap text, so a row must be tall enough for the longest cell.
WRAPPING = (WRAP, RATING, LINK, HEADING)

NAVY = "1F3864"  # white on navy: 11.6:1
PALE = "D9E1F2"  # navy on pale blue: 9:1
FLAG_COLOUR = "B3261E"  # white on this red: 6.5:1
_GRID = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_GRID, right=_GRID, top=_GRID, bottom=_GRID)
_TOP = "top"

#: Characters that Excel reads as the start of a formula when a cell is edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters Excel refuses in a sheet name.


@dataclass(frozen=True)
class Column:
    """``hidden``: folded away behind Excel's outline button (+) until someone opens it."""

    heading: str
    width: float
    style: str = WRAP
    hidden: bool = False
    heading_style: str = HEADING


@dataclass(frozen=True)
class Styled:
    """A value whose cell takes another style than its column's."""

    value: object
    style: str


@dataclass(frozen=True)
class Link:
    """Text that jumps to another sheet of the workbook when clicked."""

    text: str
    sheet: str


def clean(text: str) -> str:
    """Text without the control characters that Excel cannot store (YAML allows them)."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def footer_text(text: str) -> str:
    """Text for a printed header or footer, where ``&`` starts a code such as a page number."""
    return clean(text).replace("&", "&&")[:200]


class Book:
    """A write-only workbook with the report's named styles and rating colours."""

    def __init__(self, scale: Sequence[RatingLevel], footer: str) -> None:
        self.workbook = Workbook(write_only=True)
        self.scale = list(scale)
        self.footer = footer_text(footer)
        self.taken: set[str] = set()
        self._styles: dict[str, StyleArray] = {}
        self._rules: dict[tuple[str, str], FormulaRule] = {}
        for style in _named_styles(self.scale):
            self.workbook.add_named_style(style)

    def stamp(self, cell: WriteOnlyCell, style: str) -> None:
        """Give ``cell`` a named style.

        Setting ``cell.style`` looks the name up in the workbook every time, which was a tenth
        of the time for a thousand academies; the style's internal array is copied instead,
        which is what openpyxl itself does when it copies a cell.
        """
        template = self._styles.get(style)
        if template is None:
            cell.style = style
            self._styles[style] = StyleArray(cell._style)
        else:
            cell._style = StyleArray(template)

    def rule(self, formula: str, colour: str) -> FormulaRule:
        """A conditional format painting cells where ``formula`` holds in ``colour``.

        The same rule serves every sheet with the same formula, so a thousand academy sheets
        do not add a thousand copies of the same colours to the workbook.
        """
        key = (formula, colour)
        if key not in self._rules:
            font, fill = _look(colour)
            self._rules[key] = FormulaRule(formula=[formula], stopIfTrue=True, font=font, fill=fill)
        return self._rules[key]

    def name(self, text: str) -> str:
        """Reserve a unique sheet name made from ``text``."""
        return sheet_name(clean(text), self.taken)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.workbook.save(out)
        return out.getvalue()


class Sheet:
    """One worksheet, written top to bottom; :meth:`close` adds filters and colours."""

    def __init__(
        self,
        book: Book,
        name: str,
        title: str,
        note: str,
        columns: Sequence[Column],
        *,
        freeze_columns: int = 0,
        header_height: float | None = None,
        pages_wide: int = 1,
    ) -> None:
        self.book = book
        self.columns = list(columns)
        self.ws: WriteOnlyWorksheet = book.workbook.create_sheet(name)
        self.rows = 0
        self._heights: dict[float, RowDimension] = {}
        self._widths()
        self.ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{FIRST_ROW}"
        self._print_setup(pages_wide, freeze_columns)
        self.append([Styled(title, TITLE)])
        self.append([Styled(note, NOTE)])
        self.append([Styled(c.heading, c.heading_style) for c in self.columns], header_height)

    def _widths(self) -> None:
        """One ``<col>`` element per run of alike columns, so a thousand academies cost one."""

        def shape(index: int) -> tuple[float, bool] | None:
            column = self.columns[index] if index < len(self.columns) else None
            return (column.width, column.hidden) if column else None

        start = 0
        for index in range(1, len(self.columns) + 1):
            if shape(index) == shape(start):
                continue
            column, letter = self.columns[start], get_column_letter(start + 1)
            dimension = ColumnDimension(self.ws, index=letter, width=column.width)
            dimension.min, dimension.max = start + 1, index
            if column.hidden:
                dimension.outlineLevel, dimension.hidden = 1, True
            self.ws.column_dimensions[letter] = dimension
            start = index

    def _print_setup(self, pages_wide: int, repeat_columns: int) -> None:
        ws = self.ws
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth = pages_wide
        ws.page_setup.fitToHeight = 0  # as many pages down as it takes
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        if repeat_columns:
            ws.print_title_cols = f"A:{get_column_letter(repeat_columns)}"
        ws.page_margins = PageMargins(
            left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.2, footer=0.25
        )
        ws.oddFooter.left.text = self.book.footer
        ws.oddFooter.right.text = "Page &P of &N"

    def append(self, values: Iterable[object], height: float | None = None) -> int:
        """Write the next row; plain values take their column's style. Returns its number.

        Wrapped text gets a row tall enough for it, unless ``height`` (points) says otherwise.
        """
        cells, texts, columns = [], [], self.columns
        for index, value in enumerate(values):
            column = columns[index] if index < len(columns) else None
            style = column.style if column else TEXT
            if isinstance(value, Styled):
                style = value.style
                value = value.value
            cells.append(self._cell(value, style))
            if style in WRAPPING and column and not column.hidden:
                text = value.text if isinstance(value, Link) else value
                if isinstance(text, str) and (len(text) > column.width or "\n" in text):
                    texts.append((text, column.width))
        self.rows += 1
        if height is None and texts and self.rows >= HEADER_ROW:
            fitted = row_height(texts)
            height = fitted if fitted > row_height([]) else None
        if height is None:
            self.ws.append(cells)
            return self.rows
        self.ws.row_dimensions[self.rows] = self._height(height)
        self.ws.append(cells)
        # The row is on disk now; forget its height so memory stays flat however long.
        del self.ws.row_dimensions[self.rows]
        return self.rows

    def _height(self, points: float) -> RowDimension:
        """One shared row dimension per height: making one per row was a tenth of the time."""
        if points not in self._heights:
            self._heights[points] = RowDimension(self.ws, ht=points)
        return self._heights[points]

    def _cell(self, value: object, style: str) -> WriteOnlyCell:
        link = value if isinstance(value, Link) else None
        if link:
            value, style = link.text, LINK
        if isinstance(value, str):
            value = clean(value)
        cell = WriteOnlyCell(self.ws, value)
        self.book.stamp(cell, style)
        if isinstance(value, str):
            # Review text is user text: never a formula (=...) or an error code (#N/A).
            cell.data_type = "s"
            if value.startswith(FORMULA_START):
                cell.quotePrefix = True  # stays text even when someone edits the cell
        if link:
            quoted = link.sheet.replace("'", "''")
            cell.hyperlink = Hyperlink(ref="", location=f"'{quoted}'!A1", display=link.text)
        return cell

    def close(self, *, last_row: int | None = None, autofilter: bool = True) -> None:
        """Finish the table that ends at ``last_row`` (default: the last row written)."""
        last = last_row or self.rows
        if last >= FIRST_ROW:
            self._colour_ratings(last)
            if autofilter:
                right = get_column_letter(len(self.columns))
                self.ws.auto_filter.ref = f"A{HEADER_ROW}:{right}{last}"
        self.ws.close()

    def _colour_ratings(self, last: int) -> None:
        """Rules on the cell text, so a rating typed in Excel takes its colour at once."""
        for first, end, style in _runs(self.columns):
            ref = f"{get_column_letter(first)}{FIRST_ROW}:{get_column_letter(end)}{last}"
            cell = f"{get_column_letter(first)}{FIRST_ROW}"
            if style in RATED_STYLES:
                for level in self.book.scale:
                    words = ",".join(
                        f'TRIM({cell})="{_formula_text(w)}"' for w in (level.label, level.letter)
                    )
                    rule = self.book.rule(f"OR({words})", level.colour)
                    self.ws.conditional_formatting.add(ref, rule)
            elif style == FLAG:
                rule = self.book.rule(f"LEN(TRIM({cell}))>0", FLAG_COLOUR)
                self.ws.conditional_formatting.add(ref, rule)


def _formula_text(text: str) -> str:
    return text.replace('"', '""')


def _look(colour: str) -> tuple[Font, PatternFill]:
    """Bold text in black or white, whichever has the better contrast on the colour."""
    colour = colour.lstrip("#").upper()
    # No font name or size: Excel does not allow them in a conditional format.
    return (
        Font(bold=True, color=text_colour(f"#{colour}").lstrip("#")),
        PatternFill(start_color=colour, end_color=colour, fill_type="solid"),
    )


def _font(**style: Any) -> Font:
    """Calibri, Excel's own default, named so that every program uses it (or its twin)."""
    return Font(name="Calibri", **{"size": 11, **style})


def _runs(columns: Sequence[Column]) -> Iterable[tuple[int, int, str]]:
    """(first, last, style) for each run of neighbouring columns that need colouring."""
    index = 0
    while index < len(columns):
        style = columns[index].style
        end = index
        while end + 1 < len(columns) and columns[end + 1].style == style:
            end += 1
        if style in (*RATED_STYLES, FLAG):
            yield index + 1, end + 1, style
        index = end + 1


def legend_style(level_index: int) -> str:
    """A key cell painted in a rating's colour (the key is not data, so not a rule)."""
    return f"SEND key {level_index + 1}"


def _named_styles(scale: Sequence[RatingLevel]) -> Iterable[NamedStyle]:
    top = Alignment(vertical=_TOP)
    wrap = Alignment(vertical=_TOP, wrap_text=True)
    navy = PatternFill(start_color=NAVY, end_color=NAVY, fill_type="solid")
    heading = {"font": _font(bold=True, color="FFFFFF"), "fill": navy, "border": _BORDER}
    yield NamedStyle(TITLE, font=_font(bold=True, size=14, color=NAVY))
    yield NamedStyle(NOTE, font=_font(italic=True, color="404040"))
    yield NamedStyle(HEADING, alignment=Alignment(vertical="center", wrap_text=True), **heading)
    yield NamedStyle(
        HEADING_UP,
        alignment=Alignment(
            horizontal="center", vertical="bottom", text_rotation=90, wrap_text=True
        ),
        **heading,
    )
    yield NamedStyle(
        AREA,
        font=_font(bold=True, color=NAVY),
        border=_BORDER,
        fill=PatternFill(start_color=PALE, end_color=PALE, fill_type="solid"),
    )
    yield NamedStyle(TEXT, font=_font(), alignment=top, border=_BORDER)
    yield NamedStyle(WRAP, font=_font(), alignment=wrap, border=_BORDER)
    yield NamedStyle(
        RATING,
        font=_font(bold=True),
        border=_BORDER,
        alignment=Alignment(horizontal="center", vertical=_TOP, wrap_text=True),
    )
    yield NamedStyle(
        LETTER,
        font=_font(bold=True),
        border=_BORDER,
        alignment=Alignment(horizontal="center", vertical="center"),
    )
    yield NamedStyle(DATE, font=_font(), alignment=top, border=_BORDER, number_format="d mmm yyyy")
    yield NamedStyle(PERCENT, font=_font(), alignment=top, border=_BORDER, number_format="0%")
    yield NamedStyle(NUMBER, font=_font(), alignment=top, border=_BORDER, number_format="0")
    yield NamedStyle(
        FLAG,
        font=_font(bold=True),
        border=_BORDER,
        alignment=Alignment(horizontal="center", vertical=_TOP),
    )
    yield NamedStyle(
        LINK, font=_font(underline="single", color="1F4E9A"), alignment=wrap, border=_BORDER
    )
    for index, level in enumerate(scale):
        font, fill = _look(level.colour)
        yield NamedStyle(
            legend_style(index),
            border=_BORDER,
            fill=fill,
            font=_font(bold=True, color=font.color),
            alignment=Alignment(horizontal="center", vertical="center"),
        )
