"""Where things are in a sheet: a table by its headings, an answer by its label.

People insert rows, move columns and rename sheets, so nothing is looked for at a fixed place.
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.excel.columns import Column
from sendreview.forms.layout import heading_key
from sendreview.forms.opening import Grid

#: A table's heading row, and the column of each field found in it.
Header = tuple[int, dict[str, int]]


def find_header(grid: Grid, columns: Sequence[Column], required: Sequence[str]) -> Header | None:
    """The first row whose headings include ``required``, and the column of each heading."""
    wanted = {heading_key(c.heading): c.key for c in columns}
    for row in grid.rows():
        found: dict[str, int] = {}
        for column, value in sorted(grid.row(row).items()):
            key = wanted.get(heading_key(value))
            if key is not None and key not in found:
                found[key] = column
        if all(key in found for key in required):
            return row, found
    return None


def find_label(grid: Grid, label: str) -> tuple[int, int] | None:
    wanted = heading_key(label)
    for row in grid.rows():
        for column, value in sorted(grid.row(row).items()):
            if isinstance(value, str) and heading_key(value) == wanted:
                return row, column
    return None


def answer_column(grid: Grid, row: int, label_column: int, *, offset: int) -> int:
    """Where the answer beside a label is: where the form put it, or the first filled cell
    to the right if a person moved it."""
    expected = label_column + offset
    if grid.value(row, expected) is not None or (row, expected) in grid.errors:
        return expected
    filled = sorted(c for c in grid.row(row) if c > label_column)
    return filled[0] if filled else expected
