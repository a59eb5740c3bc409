"""The Excel report's named cell styles: a trust can restyle the whole report from Excel's
Cell Styles gallery, and each cell of the report names one of these.

The typeface, grid, date format and rating colours are the ones the forms use too
(:mod:`sendreview.excel.styles`), so a rating looks the same in a form and in a report.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.styles import Alignment, Font, NamedStyle

from sendreview.excel.columns import HEADING, WRAPPED
from sendreview.excel.styles import BORDER, DATE_FORMAT, fill, font, rating_look
from sendreview.model.framework import RatingLevel

TITLE = "SEND title"
NOTE = "SEND note"
HEADING_UP = "SEND heading (rotated)"
AREA = "SEND area"
TEXT = "SEND text"
WRAP = WRAPPED
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
_TOP = "top"


def legend_style(level_index: int) -> str:
    """A key cell painted in a rating's colour (the key is not data, so not a rule)."""
    return f"SEND key {level_index + 1}"


def _font(**style: Any) -> Font:
    """The shared typeface at Excel's default size, named so a trust can change it."""
    return font(**{"size": 11, **style})


def named_styles(scale: Sequence[RatingLevel]) -> Iterable[NamedStyle]:
    """Every style the report names, with a key style for each rating of ``scale``."""
    top = Alignment(vertical=_TOP)
    wrap = Alignment(vertical=_TOP, wrap_text=True)
    yield NamedStyle(TITLE, font=_font(bold=True, size=14, color=NAVY))
    yield NamedStyle(NOTE, font=_font(italic=True, color="404040"))
    yield _heading(HEADING, Alignment(vertical="center", wrap_text=True))
    yield _heading(
        HEADING_UP,
        Alignment(horizontal="center", vertical="bottom", text_rotation=90, wrap_text=True),
    )
    yield NamedStyle(AREA, font=_font(bold=True, color=NAVY), border=BORDER, fill=fill(PALE))
    yield NamedStyle(TEXT, font=_font(), alignment=top, border=BORDER)
    yield NamedStyle(WRAP, font=_font(), alignment=wrap, border=BORDER)
    yield from _centred(RATING, wrap=True)
    yield from _centred(LETTER, vertical="center")
    yield NamedStyle(DATE, font=_font(), alignment=top, border=BORDER, number_format=DATE_FORMAT)
    yield NamedStyle(PERCENT, font=_font(), alignment=top, border=BORDER, number_format="0%")
    yield NamedStyle(NUMBER, font=_font(), alignment=top, border=BORDER, number_format="0")
    yield from _centred(FLAG)
    yield NamedStyle(
        LINK, font=_font(underline="single", color="1F4E9A"), alignment=wrap, border=BORDER
    )
    for index, level in enumerate(scale):
        ink, paint = rating_look(level.colour)
        yield NamedStyle(
            legend_style(index),
            border=BORDER,
            fill=paint,
            font=_font(bold=True, color=ink.color),
            alignment=Alignment(horizontal="center", vertical="center"),
        )


def _heading(name: str, alignment: Alignment) -> NamedStyle:
    """White on navy: a column heading, across or turned on its side."""
    return NamedStyle(
        name,
        font=_font(bold=True, color="FFFFFF"),
        fill=fill(NAVY),
        border=BORDER,
        alignment=alignment,
    )


def _centred(name: str, *, vertical: str = _TOP, wrap: bool | None = None) -> Iterable[NamedStyle]:
    """A bold, centred style: ratings, rating letters and flags."""
    alignment = Alignment(horizontal="center", vertical=vertical, wrap_text=wrap)
    yield NamedStyle(name, font=_font(bold=True), border=BORDER, alignment=alignment)
