"""Two cycles of a trust's reviews side by side, and every cycle in a row.

What ``sendreview compare --format json`` prints and the reports' "Since last review" and
"Trend" sections are drawn from, so the field names are a public interface: add fields, do
not rename them. ``from`` is a Python keyword, so those fields are named ``from_`` here and
written as ``from`` (dump with ``by_alias=True``).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from sendreview.model.base import ViewModel

#: How one academy's rating of one statement moved between two cycles, by the scale's order:
#: ``new`` where it was not rated before, ``gone`` where it is no longer rated.
Direction = Literal["up", "down", "same", "new", "gone"]
#: Which cycles a statement is in: both, or only one (the framework changed between them).
InCycles = Literal["both", "from", "to"]
#: A trust priority now against then: ``unrated`` where last cycle's priority is not yet
#: rated this cycle by any academy that flagged it, so it cannot be called resolved.
PriorityState = Literal["new", "resolved", "persisting", "unrated"]
#: What became of an action: done in the later cycle, carried into it unfinished, new in it,
#: or promised in the earlier cycle and neither done nor carried (dropped).
ActionOutcome = Literal["done", "carried", "new", "dropped"]
#: Which answer field was copied unchanged.
TextField = Literal["strengths", "areas_for_development"]


class AcademyRef(ViewModel):
    id: str
    name: str
    #: "both", or the one cycle with a review of this academy (it joined or left the trust)
    cycles: InCycles = "both"


class RatingChange(ViewModel):
    """One academy's rating of one statement: rating ids, or None where not rated."""

    from_: str | None = Field(default=None, serialization_alias="from")
    to: str | None = None
    direction: Direction


class StatementChanges(ViewModel):
    id: str
    area: str
    text: str
    #: "both", or the one cycle whose framework has this statement
    cycles: InCycles = "both"
    #: academy id -> how its rating moved
    changes: dict[str, RatingChange] = Field(default_factory=dict)
    #: academy id -> the cycles ("from", "to") in which it marked the statement not applicable:
    #: not rated, but answered, which a reader must not take for an answer still to write
    not_applicable: dict[str, list[Literal["from", "to"]]] = Field(default_factory=dict)

    def marked_not_applicable(self, academy_id: str) -> tuple[bool, bool]:
        """Whether the academy marked it not applicable then, and now."""
        cycles = self.not_applicable.get(academy_id, [])
        return "from" in cycles, "to" in cycles


class ScoreChange(ViewModel):
    """A score from 0 (all at the bottom of the scale) to 1 (all at the top), then and now;
    None where nothing (or too little) was rated."""

    from_: float | None = Field(default=None, serialization_alias="from")
    to: float | None = None

    @property
    def change(self) -> float | None:
        if self.from_ is None or self.to is None:
            return None
        return round(self.to - self.from_, 3)

    @property
    def points(self) -> int | None:
        """The change in whole percentage points between the scores as they are shown
        (``round(score * 100)``), so that "80% → 85%" always reads as 5 points, never as the
        6 that the unrounded scores (0.797 and 0.853) would give."""
        if self.from_ is None or self.to is None:
            return None
        return round(self.to * 100) - round(self.from_ * 100)


class AreaChanges(ViewModel):
    id: str
    title: str
    #: academy id -> the area's score then and now
    scores: dict[str, ScoreChange] = Field(default_factory=dict)
    trust: ScoreChange = Field(default_factory=ScoreChange)


class AcademyMovement(ViewModel):
    """One academy's overall movement: its score across every area, and how many of its
    statements went up and down."""

    academy: str
    score: ScoreChange
    up: int = 0
    down: int = 0
    same: int = 0


class PriorityChange(ViewModel):
    statement: str
    area: str
    text: str
    state: PriorityState
    #: the academies that rate it in the scale's lower half, in the later cycle (in the
    #: earlier one for a resolved priority)
    academies: list[str] = Field(default_factory=list)


class ActionFollowUp(ViewModel):
    academy: str
    area: str
    action: str
    status: str
    due: dt.date | None = None
    #: the cycle the action was first promised in, when it was carried forward
    carried_from: str | None = None
    #: how many cycles it has been carried through unfinished (2: carried twice)
    cycles_carried: int = 0
    outcome: ActionOutcome
    overdue: bool = False


class StaleText(ViewModel):
    """An answer copied unchanged from an earlier cycle while the rating moved, or unchanged
    for two cycles: is it still true?"""

    academy: str
    statement: str
    field: TextField
    #: the earliest cycle the same words were written in
    since: str
    rating_moved: bool = False


class InvalidReview(ViewModel):
    """A review of one of the two cycles with errors (``validate`` lists them): what could
    not be read of it is not in the comparison."""

    academy: str
    cycle: str
    file: str | None = None


class CycleComparison(ViewModel):
    from_: str = Field(serialization_alias="from")
    to: str
    trust: str
    framework_versions: dict[str, str] = Field(default_factory=dict)
    academies: list[AcademyRef] = Field(default_factory=list)
    statements: list[StatementChanges] = Field(default_factory=list)
    areas: list[AreaChanges] = Field(default_factory=list)
    #: the trust's score across every area, then and now
    overall: ScoreChange = Field(default_factory=ScoreChange)
    movement: list[AcademyMovement] = Field(default_factory=list)
    #: academy ids, the largest rise (fall) in overall score first; only academies that moved
    most_improved: list[str] = Field(default_factory=list)
    most_declined: list[str] = Field(default_factory=list)
    priorities: list[PriorityChange] = Field(default_factory=list)
    actions: list[ActionFollowUp] = Field(default_factory=list)
    stale: list[StaleText] = Field(default_factory=list)
    #: reviews of either cycle with errors, so partly or wholly left out: said, not hidden
    invalid: list[InvalidReview] = Field(default_factory=list)
    #: academy ids counted with a moderator's ratings in one of the two cycles only, so that
    #: part of their movement is the moderation, not a change in the academy: said beside it
    moderation_changed: list[str] = Field(default_factory=list)


class AreaTrend(ViewModel):
    id: str
    title: str
    #: cycle -> the trust's score in the area (None where too little was rated)
    trust: dict[str, float | None] = Field(default_factory=dict)
    #: academy id -> cycle -> its score in the area
    academies: dict[str, dict[str, float | None]] = Field(default_factory=dict)


class Trend(ViewModel):
    """Every cycle's scores, oldest first: reports draw it once there are three cycles."""

    cycles: list[str]
    areas: list[AreaTrend] = Field(default_factory=list)
    #: cycle -> the trust's score across every area
    overall: dict[str, float | None] = Field(default_factory=dict)
