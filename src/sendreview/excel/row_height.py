"""How tall a spreadsheet row must be to show its wrapped text: one rule for every workbook.

Neither Excel nor LibreOffice fits a row to its text when it opens a file that gives the
row a height, and Excel never fits a row with merged cells, so the report and the forms
set each row's height from an estimate made here. It errs on the tall side: a row cut off
mid-sentence loses words on screen and on paper, a row a little too tall loses nothing.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable
from functools import lru_cache

#: Points per line of 11-point Calibri, Excel's default row height.
LINE_HEIGHT = 15.0
#: Excel's tallest row, in points.
MAX_ROW_HEIGHT = 409.0
#: Characters of prose per unit of column width. A width unit is one "0" of the column's
#: font, and prose averages narrower letters than that (about 1.3 a unit in Calibri, and in
#: DejaVu Sans, which LibreOffice draws when it has no Calibri). Words wrapped whole leave
#: part of each line empty, so 1.2 errs on the tall side.
CHARS_PER_WIDTH = 1.2


def wrapped_lines(text: str, width: float, font_size: float = 11) -> int:
    """How many lines ``text`` takes in a column ``width`` units wide, wrapped at words.

    Every line break in the text starts a new line, and a blank line counts as one.
    """
    per_line = max(1, math.floor(width * CHARS_PER_WIDTH * 11 / font_size))
    return sum(_lines(line, per_line) for line in text.split("\n"))


@lru_cache(maxsize=4096)
def _lines(line: str, per_line: int) -> int:
    """Lines one line of text wraps to. A report repeats the same statement on every
    academy's sheet, and wrapping is most of the cost of fitting a row, so it is cached; a
    line short enough for one line, as most are, needs no wrapping at all."""
    if len(line) <= per_line and "\t" not in line:
        return 1
    return max(1, len(textwrap.wrap(line, per_line, break_on_hyphens=False)))


def row_height(
    texts: Iterable[tuple[str, float]], *, font_size: float = 11, spare_lines: int = 0
) -> float:
    """Points for a row that shows the longest of its wrapped texts: (text, width) pairs.

    ``spare_lines`` leaves room below the text for a person to type more.
    """
    lines = max((wrapped_lines(text, width, font_size) for text, width in texts), default=1)
    points = (lines + spare_lines) * LINE_HEIGHT * font_size / 11 + 4
    return float(min(MAX_ROW_HEIGHT, points))


def width_for(text: str, width: float, *, spare_lines: int = 0, widest: float = 150) -> float:
    """The narrowest column, at least ``width`` wide, whose row can show all of ``text``.

    Excel's rows stop at :data:`MAX_ROW_HEIGHT`, and what does not fit is cut off on screen
    and on paper, so a long answer needs a wider column instead (which prints smaller).
    """
    while width < widest:
        lines = wrapped_lines(text, width) + spare_lines
        if lines * LINE_HEIGHT + 4 <= MAX_ROW_HEIGHT:
            break
        width += 2
    return width
