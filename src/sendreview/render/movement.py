"""How a score moved, in an arrow and words: the same wording in every view that shows it.

An arrow is a shape, not a colour, and the number and word beside it say the same again, so
movement reads the same with colour turned off, printed, or read aloud.
"""

from __future__ import annotations

from sendreview.model.comparison import CycleComparison, ScoreChange
from sendreview.prose import join_words
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


def moderation_note(c: CycleComparison) -> str:
    """The academies counted with a moderator's ratings in only one of the two cycles, named,
    or '' when there are none: part of their movement is the moderation itself."""
    if not c.moderation_changed:
        return ""
    names = {a.id: a.name for a in c.academies}
    named = join_words([names.get(a, a) for a in c.moderation_changed])
    one = len(c.moderation_changed) == 1
    return (
        f"{named} {'has' if one else 'have'} a moderator's ratings counted in only one of the "
        f"two cycles, so part of {'its' if one else 'their'} movement is the moderation, not a "
        "change in the academy. Add --ratings self to compare the academies' own ratings."
    )


def invalid_note(c: CycleComparison) -> str:
    """The reviews with errors, named, or '' when there are none. What could not be read of
    them counts as not rated, which moves ratings and scores as a real change would, so every
    view of a comparison says so beside its figures."""
    if not c.invalid:
        return ""
    names = {a.id: a.name for a in c.academies}
    reviews = [f"{names.get(r.academy, r.academy)}'s review of {r.cycle}" for r in c.invalid]
    verb = "has errors" if len(reviews) == 1 else "have errors"
    return (
        f"Not everything is counted: {join_words(reviews)} {verb}, and what could not be read "
        "is left out of these figures. Run sendreview validate to see the errors."
    )
