"""The shapes of a text report's content: plain, frozen data the templates read.

Built by :mod:`sendreview.render.reports.context` from a trust view. Names instead of ids, labels
instead of rating ids, and everything a template would otherwise have to work out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sendreview.diagnostics import Diagnostic
from sendreview.render.reports.wording import Cell, Level, headline, rests_on, versus
from sendreview.trust_view.scores import enough_rated

if TYPE_CHECKING:
    from sendreview.render.reports.area_chart import AreaChart
    from sendreview.render.reports.moderation import Difference, ModerationSection, OwnModeration
    from sendreview.render.reports.movement import Movement
    from sendreview.render.reports.movement_academy import OwnMovement
    from sendreview.render.reports.need_profile import NeedProfile
    from sendreview.render.reports.trend_chart import TrendView

NA_COLOUR = "#8A96A3"


@dataclass(frozen=True)
class Tally:
    """How one academy (or the trust) answered the statements of an area."""

    counts: list[tuple[Level, int]]
    not_applicable: int
    unrated: int
    score: float | None

    @property
    def rated(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def total(self) -> int:
        return self.rated + self.not_applicable + self.unrated

    @property
    def enough(self) -> bool:
        """Rated enough (half the statements that apply) for a headline score."""
        return enough_rated(self.rated, self.unrated)

    @property
    def basis(self) -> str:
        """What the score rests on: 'from 7 of 21 statements'."""
        return rests_on(self.rated, self.unrated)

    @property
    def headline(self) -> str:
        """The score as a report shows it: '93%', or 'not enough rated yet'."""
        return headline(self.score, self.rated, self.unrated)

    @property
    def summary(self) -> str:
        """'A 1 · G 6 · NA 1': the counts by letter, the way every report writes them."""
        parts = [f"{lv.letter} {n}" for lv, n in self.counts if n]
        parts += [f"NA {self.not_applicable}"] if self.not_applicable else []
        parts += [f"not rated {self.unrated}"] if self.unrated else []
        return " · ".join(parts) or "no statements"

    @property
    def segments(self) -> list[Segment]:
        """The tally as a stacked bar from 0 to 100, worst first, for inline SVG charts."""
        parts = [(lv.css, lv.colour, n) for lv, n in self.counts]
        parts += [("rt--na", NA_COLOUR, self.not_applicable), ("rt--none", "none", self.unrated)]
        out: list[Segment] = []
        start = 0.0
        for css, colour, n in parts:
            if n and self.total:
                width = 100 * n / self.total
                out.append(Segment(css, colour, round(start, 2), round(width, 2)))
                start += width
        return out


@dataclass(frozen=True)
class Segment:
    css: str
    colour: str
    start: float
    width: float


@dataclass(frozen=True)
class Academy:
    id: str
    name: str
    phase: str
    state: str
    state_label: str
    review_date: dt.date | None
    file: str | None
    rated: int
    not_applicable: int
    unrated: int
    errors: int
    warnings: int

    @property
    def problems(self) -> int:
        return self.errors + self.warnings

    @property
    def ok(self) -> bool:
        return self.state == "complete"


@dataclass(frozen=True)
class StatementHead:
    id: str
    number: str
    text: str


@dataclass(frozen=True)
class HeatArea:
    id: str
    title: str
    statements: list[StatementHead]


@dataclass(frozen=True)
class HeatRow:
    academy: Academy
    groups: list[list[Cell]]  # one list of cells per area, in the heatmap's area order


@dataclass(frozen=True)
class AreaTallies:
    """An area's ratings: each academy's tally, and the whole trust's."""

    id: str
    title: str
    rows: list[tuple[Academy, Tally]]
    trust: Tally


@dataclass(frozen=True)
class PriorityRow:
    statement: str
    area: str
    text: str
    academies: list[str]
    count: int
    share: float


@dataclass(frozen=True)
class OutlierRow:
    academy: str
    area: str
    score: float
    trust_score: float
    gap: float
    basis: str = ""  # what the academy's score rests on: 'from 6 of 7 statements'


@dataclass(frozen=True)
class ProblemSummary:
    """What is missing or wrong in one review file, in a sentence a trustee reads, with the
    command that lists each problem and how to fix it. Board reports show these, never the
    codes and line numbers (those are for the SENCO, in ``sendreview validate``)."""

    who: str  # the academy's name, or "The trust's own review"
    file: str | None
    items: list[str]  # '14 statements not rated', '2 actions without a due date'

    @property
    def text(self) -> str:
        return ", ".join(self.items)


@dataclass(frozen=True)
class PeerGroup:
    """One academy to visit another about several statements of one area."""

    helper: str
    helper_rating: Cell
    learner: str
    learner_rating: Cell
    area: str
    statements: list[StatementHead]


@dataclass(frozen=True)
class ActionRow:
    who: str
    action: str
    owner: str
    due: dt.date | None
    priority: str
    status: str
    statements: list[str]
    success_criteria: str
    overdue: bool


@dataclass(frozen=True)
class ActionArea:
    id: str
    title: str
    actions: list[ActionRow]

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)


@dataclass(frozen=True)
class TrustStatement:
    id: str
    area: str
    text: str
    rating: Cell
    areas_for_development: str


@dataclass(frozen=True)
class TrustReview:
    """The trust's own review (the MAT SEND Review), summarised beside the academies."""

    title: str
    state: str
    state_label: str
    review_date: dt.date | None
    file: str | None
    areas: list[tuple[str, Tally]]
    weakest: list[TrustStatement]  # statements at the bottom of the scale
    actions: list[ActionArea]


@dataclass(frozen=True)
class Lens:
    """The academies' statements read through another framework's areas (the crosswalk)."""

    title: str
    areas: list[tuple[str, int]]  # area title and how many academy statements sit under it
    rows: list[tuple[Academy, list[Tally]]]
    all_academies: list[Tally]
    trust_review: list[Tally] | None  # the trust's own rating of the same areas


@dataclass
class Report:
    """Everything a trust report template needs; the academy report adds :class:`Focus`."""

    trust: str
    cycle: str
    cycle_label: str
    framework: str
    framework_version: str
    scale: list[Level]
    academies: list[Academy]
    review_dates: str
    heat_areas: list[HeatArea]
    heat_rows: list[HeatRow]
    areas: list[AreaTallies]
    priorities: list[PriorityRow]
    priority_share: float
    outliers: list[OutlierRow]
    outlier_gap: float
    peers: list[PeerGroup]
    actions: list[ActionArea]
    overdue: int
    trust_review: TrustReview | None
    lens: Lens | None
    problems: list[Diagnostic]
    focus: Focus | None = None
    #: one sentence at the top of a report whose reviews are unfinished or missing
    caveat: str = ""
    #: what the problems in each review file come to, for board reports
    problem_summaries: list[ProblemSummary] = field(default_factory=list)
    #: the command that lists every problem with its line and how to fix it
    validate_command: str = "sendreview validate"
    #: what moved since the cycle before (None when there is none)
    movement: Movement | None = None
    #: every cycle's scores (None before the third cycle)
    trend: TrendView | None = None
    #: each academy's SEN context beside national (None without context files)
    need_profile: NeedProfile | None = None
    #: agreement with moderators, largest disagreements (None when nobody was moderated)
    moderation: ModerationSection | None = None
    #: three to six sentences a trustee reads before the tables (:mod:`.summary`)
    summary: list[str] = field(default_factory=list)
    #: the trust's ratings in each area as a stacked bar chart (HTML; None without areas)
    area_chart: AreaChart | None = None

    @property
    def complete(self) -> int:
        return sum(1 for a in self.academies if a.ok)

    @property
    def action_count(self) -> int:
        return sum(len(a.actions) for a in self.actions)


@dataclass(frozen=True)
class StatementDetail:
    id: str
    number: str
    text: str
    rating: Cell
    strengths: str
    areas_for_development: str
    evidence: list[str]
    across_trust: list[tuple[Level, int]]
    #: the academy's own rating beside the moderator's, where the two differ
    moderation: Difference | None = None


@dataclass(frozen=True)
class FocusArea:
    id: str
    title: str
    tally: Tally
    trust: Tally
    statements: list[StatementDetail]
    actions: list[ActionRow]
    summary: str = ""

    @property
    def overdue(self) -> int:
        return sum(1 for a in self.actions if a.overdue)

    @property
    def comparison(self) -> str:
        """How the academy stands against the trust, or why that cannot be said yet."""
        if not (self.tally.enough and self.trust.enough):
            return "no comparison until more is rated"
        return versus(self.tally.score, self.trust.score)


@dataclass
class Focus:
    """One academy's full review, with how it compares with the trust."""

    academy: Academy
    areas: list[FocusArea]
    problems: list[Diagnostic] = field(default_factory=list)
    #: what the problems in the academy's file come to, in words (None when there are none)
    problem_summary: ProblemSummary | None = None
    #: one sentence at the top when the academy's review is not complete
    caveat: str = ""
    #: the academy's own movement since the cycle before (None when there is none)
    movement: OwnMovement | None = None
    #: a few sentences on the academy's strongest and weakest area, moderation and actions
    summary: list[str] = field(default_factory=list)
    #: the academy's agreement with its moderator (None when no academy was moderated)
    moderation: OwnModeration | None = None

    @property
    def overdue(self) -> int:
        return sum(a.overdue for a in self.areas)

    @property
    def action_count(self) -> int:
        return sum(len(a.actions) for a in self.areas)
