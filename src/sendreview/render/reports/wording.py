"""How the report formats say things: ratings, dates, scores, states and labels in words.

Shared by every report (Markdown, HTML, Excel) and the terminal view, so that a rating, a
date or a score reads the same wherever a director of SEND meets it. Nothing here knows
about a template engine or a terminal. Counting and cutting text is :mod:`sendreview.prose`'s
(``plural``, ``shorten``); a rating's text colour is :mod:`sendreview.excel.colour`'s, the
contrast rule every workbook follows too.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sendreview.excel.colour import text_colour
from sendreview.model.cycles import term_of
from sendreview.model.framework import RatingLevel
from sendreview.prose import plural
from sendreview.trust_view.scores import enough_rated

STATE_LABELS = {
    "complete": "Complete",
    "incomplete": "Incomplete",
    "invalid": "Cannot be read",
    "missing": "No review",
}
STATUS_LABELS = {"not-started": "Not started", "in-progress": "In progress", "done": "Done"}
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@dataclass(frozen=True)
class Level:
    """A point on the rating scale as a report shows it: a letter and a label on a colour,
    with the text colour (white or black) that contrasts most with that colour, chosen by
    the rule every workbook uses too (:func:`sendreview.excel.colour.text_colour`).
    """

    id: str
    label: str
    letter: str
    colour: str
    text_colour: str
    description: str
    rank: int

    @property
    def css(self) -> str:
        return f"rt-{self.id}"

    @property
    def square(self) -> str:
        """A coloured square for plain-text formats (Markdown), always shown with the letter."""
        return square(self.colour)


@dataclass(frozen=True)
class Cell:
    """One answer in a heatmap or a table: a level, not applicable, or not rated."""

    letter: str
    label: str
    css: str
    level: Level | None = None
    note: str = ""  # the reason a statement does not apply
    #: where moderation changed or disputes the rating: what the mark beside it means here
    moderation: str = ""


NOT_APPLICABLE_CELL = Cell("NA", "Not applicable", "rt--na")
UNRATED_CELL = Cell("–", "Not rated", "rt--none")


def levels(scale: Sequence[RatingLevel]) -> list[Level]:
    return [
        Level(
            id=r.id,
            label=r.label,
            letter=r.letter,
            colour=r.colour.upper(),
            text_colour=text_colour(r.colour),
            description=r.description.strip(),
            rank=i,
        )
        for i, r in enumerate(scale)
    ]


def cell(rating: str | None, scale: Sequence[Level], not_applicable: str | None = None) -> Cell:
    """The cell for an answer; a rating missing from the scale counts as not rated."""
    if rating is None:
        if not_applicable is not None:
            return replace(NOT_APPLICABLE_CELL, note=not_applicable)
        return UNRATED_CELL
    level = next((lv for lv in scale if lv.id == rating), None)
    if level is None:
        return UNRATED_CELL
    return Cell(level.letter, level.label, level.css, level)


def square(colour: str) -> str:
    """The coloured-square emoji nearest to a colour: how Markdown shows a rating's colour."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if value < 0.2:
        return "⬛"
    if saturation < 0.2:
        return "⬜" if value > 0.7 else "⬛"
    degrees = hue * 360
    if 15 <= degrees < 45 and value < 0.55:
        return "🟫"
    for limit, emoji in ((15, "🟥"), (45, "🟧"), (70, "🟨"), (170, "🟩"), (255, "🟦"), (330, "🟪")):
        if degrees < limit:
            return emoji
    return "🟥"


def day(date: dt.date | None, brief: bool = False) -> str:
    """A date the British way, '12 November 2026' (or '12 Nov 2026'); the dates in the
    reviews, never today's, so a report made twice from the same files is the same."""
    if date is None:
        return "not given"
    month = _MONTHS[date.month - 1]
    return f"{date.day} {month[:3] if brief else month} {date.year}"


def date_range(dates: Iterable[dt.date | None]) -> str:
    """'10 to 20 November 2026', or one date, or '' when there are none."""
    known = sorted(d for d in dates if d)
    if not known:
        return ""
    first, last = known[0], known[-1]
    if first == last:
        return day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day} to {day(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} to {day(last)}"
    return f"{day(first)} to {day(last)}"


def cycle_label(cycle: str) -> str:
    """'2026-autumn' reads 'Autumn 2026'; any other cycle name is shown as written."""
    term = term_of(cycle)
    return f"{term.name.capitalize()} {term.year}" if term else cycle


def percent(score: float | None) -> str:
    return "–" if score is None else f"{round(score * 100)}%"


#: What a report shows instead of a score resting on less than half the statements that apply
#: (:func:`sendreview.trust_view.scores.enough_rated`): 1 rated statement in 7 says little
#: about an area.
NOT_ENOUGH = "not enough rated yet"


def rests_on(rated: int, unrated: int) -> str:
    """What a score rests on, in words: 'from 7 of 21 statements'."""
    applicable = rated + unrated
    if not applicable:
        return "no statements apply"
    return f"from {rated} of {plural(applicable, 'statement')}"


def headline(score: float | None, rated: int, unrated: int) -> str:
    """A score as a report's headline: the percentage, or :data:`NOT_ENOUGH` when less than
    half the statements that apply are rated ('–' when none apply)."""
    if score is not None and enough_rated(rated, unrated):
        return percent(score)
    return NOT_ENOUGH if rated + unrated else "–"


def points(gap: float) -> str:
    """A gap between two scores, in percentage points."""
    return plural(round(gap * 100), "point")


def versus(score: float | None, trust: float | None) -> str:
    """How an academy's score stands against the trust's, in words."""
    if score is None or trust is None:
        return "no comparison"
    gap = round((score - trust) * 100)
    if gap == 0:
        return "level with the trust"
    return f"{plural(abs(gap), 'point')} {'above' if gap > 0 else 'below'} the trust"


def word(value: str | None) -> str:
    """An id such as 'all-through' or 'in-progress' as a word: 'All-through', 'In progress'."""
    if not value:
        return ""
    if value in STATUS_LABELS:
        return STATUS_LABELS[value]
    return value[:1].upper() + value[1:]


def anchor(heading: str) -> str:
    """The id GitHub gives a Markdown heading, so a table of contents can link to it."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def statement_number(statement_id: str) -> str:
    """'graduated-approach-4' is statement 4 of its area."""
    return statement_id.rsplit("-", 1)[-1]
