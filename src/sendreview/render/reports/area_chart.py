"""Ratings by area as a chart: one stacked bar per area, for all the academies together, each
segment a point of the scale (worst first), then not applicable and not rated.

Geometry is worked out here and the HTML template only writes it out, as for the trend and
need-mix charts: no script, nothing a printer or a screen reader cannot take. Every segment
carries its letter and count (on it where it fits, under the bar where it does not), so the
chart reads in black and white; the segments are parted by a white line; the table beside it
gives every figure. A bar is the area's statements as a whole (100%), so areas with more
statements than others still compare at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendreview.excel.colour import text_colour
from sendreview.render.reports.shapes import AreaTallies, Tally
from sendreview.render.reports.wording import NOT_APPLICABLE_CELL, UNRATED_CELL

#: SVG units: the chart scales to the page, and prints on A4 at about 17 cm.
WIDTH = 720
LEFT = 2
#: Room after the bars for the score ('not enough rated yet' is the longest).
SCORE_ROOM = 160
SPAN = WIDTH - LEFT - SCORE_ROOM
TITLE_HEIGHT = 20
BAR = 24
#: The line under a bar naming the segments too narrow to carry their own label.
OVERFLOW = 18
GAP = 14
#: An upper bound on the width of one character of a 12-unit label, to judge what fits.
CHAR = 7.5
#: Not applicable and not rated, as the HTML report's cells show them.
NA_FILL, NONE_FILL, OUTLINE = "#E4E8EC", "#FFFFFF", "#4A5561"


@dataclass(frozen=True)
class Piece:
    """One segment: where it is, its colours, and its label ('A 14')."""

    x: float
    width: float
    fill: str
    ink: str
    label: str
    #: what a screen reader is told: 'Amber 14'
    words: str
    #: whether the label is written on the segment (else under the bar)
    inside: bool
    dashed: bool = False

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class AreaBar:
    title: str
    y: float  # the top of the area's group
    pieces: list[Piece]
    score: str
    #: the labels of segments too narrow to carry their own, written under the bar
    overflow: str

    @property
    def title_y(self) -> float:
        return self.y + 14

    @property
    def bar_y(self) -> float:
        return self.y + TITLE_HEIGHT

    @property
    def label_y(self) -> float:
        return self.bar_y + BAR / 2 + 4

    @property
    def overflow_y(self) -> float:
        return self.bar_y + BAR + 14


@dataclass(frozen=True)
class AreaChart:
    id: str
    title: str
    description: str
    width: int
    height: int
    left: int
    span: int
    bars: list[AreaBar]

    @property
    def score_x(self) -> int:
        return self.left + self.span + 10


def area_chart(areas: list[AreaTallies]) -> AreaChart | None:
    """The chart of every area's ratings across the academies; None without an area."""
    if not areas:
        return None
    bars: list[AreaBar] = []
    y = 0.0
    for area in areas:
        pieces = _pieces(area.trust)
        overflow = " · ".join(p.label for p in pieces if not p.inside)
        bars.append(AreaBar(area.title, y, pieces, area.trust.headline, overflow))
        y += TITLE_HEIGHT + BAR + (OVERFLOW if overflow else 0) + GAP
    return AreaChart(
        id="area-chart",
        title="Ratings by area, all academies together",
        description=_description(areas),
        width=WIDTH,
        height=round(y),
        left=LEFT,
        span=SPAN,
        bars=bars,
    )


def _pieces(tally: Tally) -> list[Piece]:
    """The tally's segments, worst first, each as wide as its share of the area's statements."""
    parts = [(lv.colour, lv.text_colour, lv.letter, lv.label, n) for lv, n in tally.counts]
    parts.append(
        (NA_FILL, text_colour(NA_FILL), NOT_APPLICABLE_CELL.letter, "Not applicable",
         tally.not_applicable)
    )  # fmt: skip
    parts.append((NONE_FILL, OUTLINE, UNRATED_CELL.letter, "Not rated", tally.unrated))
    out: list[Piece] = []
    x = float(LEFT)
    for fill, ink, letter, label, n in parts:
        if not n or not tally.total:
            continue
        width = SPAN * n / tally.total
        text = f"{letter} {n}"
        fits = len(text) * CHAR + 8 <= width
        out.append(
            Piece(
                round(x, 1), round(width, 1), fill, ink, text, f"{label} {n}", fits,
                dashed=fill == NONE_FILL,
            )
        )  # fmt: skip
        x += width
    return out


def _description(areas: list[AreaTallies]) -> str:
    """Every bar in words, for a screen reader: the chart says nothing the words do not."""
    parts = []
    for area in areas:
        pieces = ", ".join(p.words for p in _pieces(area.trust)) or "no statements"
        parts.append(f"{area.title}: {pieces}; score {area.trust.headline}")
    return (
        "How many of the academies' statements in each area were rated at each level. "
        + ". ".join(parts)
        + "."
    )
