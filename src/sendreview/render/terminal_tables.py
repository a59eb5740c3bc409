"""The plain tables and headings every part of the terminal trust view is drawn with."""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

#: The widest an academy's (or a statement's) name is shown before it is cut with "…".
NAME_WIDTH = 28


def heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def grid(
    *headers: str, right: Iterable[int] = (), width: int | None = None, first: int = NAME_WIDTH
) -> Table:
    """A plain table: academy (or statement) names first, never wrapped; headers of the
    other columns wrap within ``width`` so that long area titles stay whole."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    right = set(right)
    table.add_column(headers[0], no_wrap=True, max_width=first, overflow="ellipsis")
    for index, header in enumerate(headers[1:], start=1):
        table.add_column(header, justify="right" if index in right else "left", max_width=width)
    return table
