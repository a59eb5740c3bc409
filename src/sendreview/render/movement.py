"""How a score moved, in an arrow and words: the same wording in every view that shows it.

An arrow is a shape, not a colour, and the number and word beside it say the same again, so
movement reads the same with colour turned off, printed, or read aloud.
"""

from __future__ import annotations

from sendreview.model.comparison import ScoreChange
from sendreview.render.reports.wording import percent

UP, DOWN, SAME = "↑", "↓", "="


def moved(change: ScoreChange) -> str:
    """'↑ 12 points', '↓ 1 point', '= no change'; '' when either score is missing."""
    whole = change.points
    if whole is None:
        return ""
    if whole == 0:
        return f"{SAME} no change"
    arrow = UP if whole > 0 else DOWN
    return f"{arrow} {abs(whole)} point{'s' if abs(whole) != 1 else ''}"


def then_now(change: ScoreChange) -> str:
    """'62% → 71%', with '–' for a cycle without a score."""
    return f"{percent(change.from_)} → {percent(change.to)}"


def style_of(change: ScoreChange) -> str:
    """A colour to go with the words (never instead of them)."""
    points = change.points
    if not points:
        return ""
    return "green" if points > 0 else "red"
