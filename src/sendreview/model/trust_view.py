"""The trust view: every academy's review for a cycle, merged.

This is what ``sendreview aggregate --format json`` prints and every report is drawn from,
so its field names are a public interface: add fields, do not rename them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_serializer

from sendreview.choices import RatingsInUse
from sendreview.diagnostics import Diagnostic
from sendreview.errors import UsageError
from sendreview.model.base import ViewModel
from sendreview.model.context_view import ContextView
from sendreview.model.framework import RatingLevel
from sendreview.model.moderation import (
    AcademyModeration,
    ModerationPair,
    ModerationSummary,
)
from sendreview.prose import choose_by_id_or_name, did_you_mean_item

#: Where an academy's review stands. Only ratings from a loaded review are counted.
ReviewState = Literal["complete", "incomplete", "invalid", "missing"]

#: The keys a statement's rating counts use beside the scale's ratings, and what the CSV
#: tables call an answer that is no rating: public, so written here once.
NOT_APPLICABLE = "not_applicable"
UNRATED = "unrated"


class FrameworkRef(ViewModel):
    id: str
    version: str
    title: str


class AcademyResult(ViewModel):
    id: str
    name: str
    phase: str | None = None
    file: str | None = None
    state: ReviewState
    review_date: dt.date | None = None
    rated: int = 0
    not_applicable: int = 0
    unrated: int = 0
    errors: int = 0
    warnings: int = 0

    @property
    def answered(self) -> int:
        return self.rated + self.not_applicable

    @property
    def completeness(self) -> float:
        total = self.answered + self.unrated
        return self.answered / total if total else 0.0


class StatementRow(ViewModel):
    id: str
    area: str
    text: str
    #: academy id -> the rating in use (the moderator's where the statement was moderated,
    #: unless the view was built with the academy's own ratings)
    ratings: dict[str, str | None]
    #: academy id -> the academy's own rating, only where it differs from the one in use
    self_ratings: dict[str, str | None] = Field(default_factory=dict)
    not_applicable: dict[str, str] = Field(default_factory=dict)
    strengths: dict[str, str] = Field(default_factory=dict)
    areas_for_development: dict[str, str] = Field(default_factory=dict)
    evidence: dict[str, list[str]] = Field(default_factory=dict)


class AreaSummary(ViewModel):
    id: str
    title: str
    #: academy id -> rating id (and "unrated", "not_applicable") -> count
    by_academy: dict[str, dict[str, int]]
    trust: dict[str, int]
    #: academy id -> score from 0 (all at the bottom of the scale) to 1 (all at the top)
    scores: dict[str, float | None]
    trust_score: float | None


class Priority(ViewModel):
    """A statement rated red or amber (the scale's lower half) in many academies."""

    statement: str
    area: str
    text: str
    academies: list[str]
    count: int
    share: float


class Outlier(ViewModel):
    """An academy whose ratings in an area fall well below the trust's."""

    academy: str
    area: str
    score: float
    trust_score: float
    gap: float


class PeerPair(ViewModel):
    """One academy strong where another is weak: the framework's peer SEND review idea."""

    statement: str
    area: str
    text: str
    from_academy: str
    from_rating: str
    to_academy: str
    to_rating: str


class CollatedAction(ViewModel):
    academy: str
    area: str
    action: str
    owner: str
    due: dt.date | None
    priority: str | None
    status: str
    statements: list[str]
    success_criteria: str
    overdue: bool
    #: the cycle the action was first promised in, when carried forward unfinished
    carried_from: str | None = None


class LensArea(ViewModel):
    """Academy ratings read through one area of another framework (the crosswalk)."""

    id: str
    title: str
    statements: list[str]
    by_academy: dict[str, dict[str, int]]
    scores: dict[str, float | None]


class TrustReviewSummary(ViewModel):
    """The trust's own review (the MAT SEND Review) beside the academies."""

    framework: FrameworkRef
    file: str | None
    state: ReviewState
    review_date: dt.date | None = None
    areas: list[AreaSummary]
    statements: list[StatementRow]
    actions: list[CollatedAction]


class Thresholds(ViewModel):
    priority_share: float
    outlier_gap: float
    #: percentage points from national that make an academy's SEN context worth a look
    context_gap: float = 5.0


class TrustView(ViewModel):
    trust: str
    cycle: str
    framework: FrameworkRef
    rating_scale: list[RatingLevel]
    thresholds: Thresholds
    academies: list[AcademyResult]
    statements: list[StatementRow]
    areas: list[AreaSummary]
    priorities: list[Priority]
    outliers: list[Outlier]
    peer_support: list[PeerPair]
    actions: list[CollatedAction]
    #: academy id -> area id -> the action plan's summary of areas for development
    action_plan_summaries: dict[str, dict[str, str]] = Field(default_factory=dict)
    trust_review: TrustReviewSummary | None = None
    lens: list[LensArea] = Field(default_factory=list)
    lens_framework: FrameworkRef | None = None
    #: each academy's SEN context beside national figures; None without context files
    context: ContextView | None = None
    #: whose ratings the statements, scores and priorities count: "moderated" (the
    #: moderator's where a statement was moderated, else the academy's own) or "self"
    ratings_in_use: RatingsInUse = "moderated"
    #: academy id -> its moderation (only academies with a moderation file)
    moderation: dict[str, AcademyModeration] = Field(default_factory=dict)
    #: agreement across every moderated academy (None when no academy was moderated)
    moderation_summary: ModerationSummary | None = None
    #: peer SENCOs who could moderate another academy, from the peer-support pairs
    moderation_pairs: list[ModerationPair] = Field(default_factory=list)
    #: what the checks found in the reviews read, as ``validate`` reports them
    problems: list[Diagnostic] = Field(default_factory=list)

    @field_serializer("problems")
    def _problems_as_validate_writes_them(self, problems: list[Diagnostic]) -> list[object]:
        """One JSON form of a problem, here and in ``validate --format json``."""
        return [d.as_dict() for d in problems]

    def academy(self, academy_id: str) -> AcademyResult:
        """The academy asked for by id or name, in any case; anything else (``../../etc``)
        is refused, with the closest academy as a suggestion."""
        items = [(a.id, a.name) for a in self.academies]
        found = choose_by_id_or_name(academy_id, items)
        for academy in self.academies:
            if academy.id == found:
                return academy
        raise UsageError(
            f"'{academy_id}' is not an academy of {self.trust}.",
            did_you_mean_item(academy_id, items)
            + "Academies: "
            + ", ".join(a.id for a in self.academies)
            + ".",
        )

    def label(self, rating_id: str | None) -> str:
        level = next((r for r in self.rating_scale if r.id == rating_id), None)
        return level.label if level else "Not rated"
