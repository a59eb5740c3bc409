"""Rows of a write-only worksheet written straight as XML: the Excel report's fast path.

openpyxl's write-only mode streams a sheet row by row, but each cell still passes through
several Python objects (a cell, a value check, a style lookup, an XML element) and, for a
styled cell, is bound twice. For a trust of a thousand academies that was more than half the
time of ``report --format xlsx``. Here each row becomes one string, in the XML openpyxl
writes (an inline string, a number or a date serial, with the cell's style index), so the
workbook is the same: with the row heights cached, writing it takes under half the time.

openpyxl still writes everything around the rows (columns, panes, filters, conditional
formats, hyperlinks, print set-up, the styles and the package): :meth:`RowStream.close`
lets it write the sheet with no rows and then puts these rows where its empty
``<sheetData>`` is.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from typing import IO, Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.dimensions import RowDimension
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.text import EXCEL_CELL_LIMIT, cell_text, looks_like_formula

#: A sheet's rows are kept in memory up to this size, and in a temporary file beyond it.
_IN_MEMORY = 4 * 1024 * 1024
_EMPTY_ROWS = re.compile(rb"<sheetData\s*/>|<sheetData>\s*</sheetData>")
_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


class StyleIds:
    """The workbook's index of each named style, as a cell's ``s`` attribute gives it.

    Text that looks like a formula takes the same style with Excel's quote prefix set.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[str, bool], str] = {}

    def get(self, ws: Worksheet, style: str, quoted: bool = False) -> str:
        found = self._ids.get((style, quoted))
        if found is None:
            cell = WriteOnlyCell(ws)
            cell.style = style
            cell.quotePrefix = quoted
            found = self._ids[(style, quoted)] = str(cell.style_id)
        return found


class RowStream:
    """The rows of one write-only sheet, from the first; :meth:`close` finishes the sheet."""

    def __init__(self, ws: Worksheet, styles: StyleIds) -> None:
        """``ws``: a sheet of a write-only workbook (typed as a worksheet, as openpyxl's
        stubs do not describe the write-only one), with nothing appended to it."""
        self.ws = ws
        self.styles = styles
        self.rows = 0
        self._letters: list[str] = []
        self._links: list[Hyperlink] = []
        self._heights: dict[float, str] = {}
        # Closed by close(), which every sheet reaches: the rows outlive this method.
        self._out: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=_IN_MEMORY)  # noqa: SIM115

    def append(self, cells: Sequence[tuple[object, str]], height: float | None = None) -> int:
        """Write the next row of (value, named style) cells; returns its number.

        A value is text, a number, a date or None (an empty cell that keeps its style), or a
        :class:`Hyperlink` whose ``display`` is the cell's text.
        """
        self.rows += 1
        row = self.rows
        while len(self._letters) < len(cells):
            self._letters.append(get_column_letter(len(self._letters) + 1))
        parts = [f'<row r="{row}"{self._height(height)}>']
        for letter, (value, style) in zip(self._letters, cells, strict=False):
            parts.append(self._cell(f"{letter}{row}", value, style))
        parts.append("</row>")
        self._out.write("".join(parts).encode("utf-8"))
        return row

    def _height(self, points: float | None) -> str:
        """The row's height attributes as openpyxl writes them (a height set by hand)."""
        if points is None:
            return ""
        if points not in self._heights:
            dimension = RowDimension(self.ws, ht=points)
            self._heights[points] = "".join(f' {k}="{v}"' for k, v in dimension)
        return self._heights[points]

    def _cell(self, ref: str, value: object, style: str) -> str:
        if isinstance(value, Hyperlink):
            value.ref = ref
            self._links.append(value)
            value = value.display
        if isinstance(value, str):
            text, quoted = _inline(value)
            sid = self.styles.get(self.ws, style, quoted)
            return f'<c r="{ref}" s="{sid}" t="inlineStr">{text}</c>'
        sid = self.styles.get(self.ws, style)
        if value is None:
            return f'<c r="{ref}" s="{sid}" t="n"></c>'
        if isinstance(value, bool):
            return f'<c r="{ref}" s="{sid}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, dt.date):
            value = to_excel(value)  # type: ignore[no-untyped-call]
        if isinstance(value, (int, float)):
            return f'<c r="{ref}" s="{sid}" t="n"><v>{safe_string(value)}</v></c>'
        raise TypeError(f"a report cell cannot hold {type(value).__name__}")

    def close(self) -> None:
        """Let openpyxl write the sheet around no rows, then put the rows in their place."""
        ws: Any = self.ws  # openpyxl's write-only internals, which its stubs leave out
        ws._get_writer()  # the writer collects the sheet's hyperlinks from here on
        ws._hyperlinks.extend(self._links)
        ws.close()
        with open(ws._writer.out, "r+b") as sheet:
            head, tail = _split_rows(sheet.read())
            sheet.seek(len(head))
            sheet.write(b"<sheetData>")
            self._out.seek(0)
            shutil.copyfileobj(self._out, sheet)
            sheet.write(b"</sheetData>" + tail)
            sheet.truncate()
        self._out.close()


@lru_cache(maxsize=8192)
def _inline(value: str) -> tuple[str, bool]:
    """A cell's text as openpyxl writes it (``<is><t>...</t></is>``), and whether it needs
    the quote prefix. Cached: a report repeats statements, names and labels on many sheets."""
    text = cell_text(value)[:EXCEL_CELL_LIMIT]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    for character, escaped in _ESCAPES:
        if character in text:
            text = text.replace(character, escaped)
    return f"<is><t{space}>{text}</t></is>", looks_like_formula(value)


def _split_rows(xml: bytes) -> tuple[bytes, bytes]:
    """The sheet's XML before and after its empty ``<sheetData>``."""
    found = _EMPTY_ROWS.search(xml)
    if found is None:  # pragma: no cover - openpyxl always writes the element
        raise RuntimeError("openpyxl wrote a worksheet without <sheetData>")
    return xml[: found.start()], xml[found.end() :]
