"""How every sheet of the Excel report looks and prints.

The workbook is built in openpyxl's write-only mode so that a trust of a thousand academies
streams row by row to temporary files instead of holding every cell in memory; the rows
themselves are written as XML (:mod:`sendreview.excel.sheet_xml`), as safe text
(:mod:`sendreview.excel.text`). Write-only mode sets its rules: column widths, frozen panes
and print set-up come before a sheet's rows, and a row cannot be changed once written.
:class:`Sheet` does things in that order so the report module only says what goes where.

Every sheet has the same shape: a title on row 1, a note on row 2, the column headings on
row 3 (frozen, and repeated on every printed page) and the table from row 4.

Only the report module imports this module, so openpyxl is loaded only for an Excel report.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule, Rule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.dimensions import ColumnDimension
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.columns import Column
from sendreview.excel.row_height import row_height
from sendreview.excel.sheet_names import sheet_name
from sendreview.excel.sheet_xml import RowStream, StyleIds
from sendreview.excel.styles import page_labels, rating_look
from sendreview.excel.text import clean
from sendreview.model.framework import RatingLevel
from sendreview.render.reports.xlsx_styles import (
    FLAG,
    FLAG_COLOUR,
    LINK,
    NOTE,
    RATED_STYLES,
    TEXT,
    TITLE,
    WRAPPING,
    named_styles,
)

TITLE_ROW, NOTE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4


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


class Book:
    """A write-only workbook with the report's named styles and rating colours."""

    def __init__(self, scale: Sequence[RatingLevel], footer: str) -> None:
        self.workbook = Workbook(write_only=True)
        self.scale = list(scale)
        #: Printed at the foot of every page: whose report it is, and which cycle.
        self.footer = footer
        self.taken: set[str] = set()
        self.styles = StyleIds()
        self._rules: dict[tuple[str, str], Rule] = {}
        for style in named_styles(self.scale):
            self.workbook.add_named_style(style)

    def rule(self, formula: str, colour: str) -> Rule:
        """A conditional format painting cells where ``formula`` holds in ``colour``.

        The same rule serves every sheet with the same formula, so a thousand academy sheets
        do not add a thousand copies of the same colours to the workbook.
        """
        key = (formula, colour)
        if key not in self._rules:
            ink, paint = rating_look(colour)
            self._rules[key] = FormulaRule(  # type: ignore[no-untyped-call]
                formula=[formula], stopIfTrue=True, font=ink, fill=paint
            )
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
        # A write-only sheet, typed as the worksheet it copies its settings from.
        self.ws: Worksheet = book.workbook.create_sheet(name)
        self.stream = RowStream(self.ws, book.styles)
        self._widths()
        self.ws.freeze_panes = f"{get_column_letter(freeze_columns + 1)}{FIRST_ROW}"
        self._print_setup(pages_wide, freeze_columns)
        self.append([Styled(title, TITLE)])
        self.append([Styled(note, NOTE)])
        self.append([Styled(c.heading, c.heading_style) for c in self.columns], header_height)

    @property
    def rows(self) -> int:
        return self.stream.rows

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
        page_labels(ws, footer=self.book.footer)

    def append(self, values: Iterable[object], height: float | None = None) -> int:
        """Write the next row; plain values take their column's style. Returns its number.

        Wrapped text gets a row tall enough for it, unless ``height`` (points) says otherwise.
        """
        cells: list[tuple[object, str]] = []
        texts: list[tuple[str, float]] = []
        columns = self.columns
        for index, value in enumerate(values):
            column = columns[index] if index < len(columns) else None
            style = column.style if column else TEXT
            if isinstance(value, Styled):
                style = value.style
                value = value.value
            if isinstance(value, Link):
                style = LINK
                value = _hyperlink(value)
            cells.append((value, style))
            text = value.display if isinstance(value, Hyperlink) else value
            if column and _wraps(text, column, style):
                texts.append((text, column.width))  # type: ignore[arg-type]
        if height is None and texts and self.rows + 1 >= HEADER_ROW:
            fitted = row_height(texts)
            height = fitted if fitted > row_height([]) else None
        return self.stream.append(cells, height)

    def close(self, *, last_row: int | None = None, autofilter: bool = True) -> None:
        """Finish the table that ends at ``last_row`` (default: the last row written)."""
        last = last_row or self.rows
        if last >= FIRST_ROW:
            self._colour_ratings(last)
            if autofilter:
                right = get_column_letter(len(self.columns))
                self.ws.auto_filter.ref = f"A{HEADER_ROW}:{right}{last}"
        self.stream.close()

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


def _wraps(text: object, column: Column, style: str) -> bool:
    """Whether ``text`` wraps in its cell, so its row may need to be taller."""
    return (
        style in WRAPPING
        and not column.hidden
        and isinstance(text, str)
        and (len(text) > column.width or "\n" in text)
    )


def _hyperlink(link: Link) -> Hyperlink:
    """A link to cell A1 of another sheet of the workbook, shown as the link's text."""
    quoted = link.sheet.replace("'", "''")
    return Hyperlink(ref="", location=f"'{quoted}'!A1", display=clean(link.text))


def _formula_text(text: str) -> str:
    return text.replace('"', '""')


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
