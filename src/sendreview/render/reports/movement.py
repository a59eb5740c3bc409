"""The "Since last review" section: what moved between two cycles, shaped once from a
:class:`~sendreview.model.comparison.CycleComparison` for every format (Markdown, HTML, Excel,
and ``compare --format md|html``), so a figure cannot differ between them.

Every move is an arrow and a word (up, down, same, new, gone), never a colour alone: a report
is printed in black and white, and read aloud by screen readers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sendreview.model.comparison import (
    AcademyRef,
    ActionFollowUp,
    CycleComparison,
    PriorityChange,
    RatingChange,
    ScoreChange,
    StatementChanges,
)
from sendreview.prose import plural, unwrap
from sendreview.render.movement import invalid_note, moderation_note
from sendreview.render.reports.shapes import StatementHead
from sendreview.render.reports.wording import Level, cycle_label, percent, statement_number, word

#: The arrow beside each word; "same" points ahead, as a steady trend does.
ARROWS = {"up": "↑", "down": "↓", "same": "→", "new": "+", "gone": "×", "none": "–", "na": "–"}
#: What each direction means, for the key under a heatmap.
MEANINGS = {
    "up": "a higher rating than before",
    "down": "a lower rating than before",
    "same": "the same rating",
    "new": "rated now, not rated before",
    "gone": "rated before, not rated now",
    "none": "not rated in either cycle",
    "na": "not applicable in either cycle",
}
#: What a cell of each direction says under its arrow, where it is not the direction itself.
WORDS = {"none": "not rated", "na": "n/a"}
#: Above this many statements the heatmap shows each academy's areas instead: one column a
#: statement would no longer fit a printed page.
WIDE = 30
FIELD_WORDS = {"strengths": "Strengths", "areas_for_development": "Areas for development"}


@dataclass(frozen=True)
class Move:
    """One cell of the movement heatmap: an arrow, a word, and what it moved from and to."""

    direction: str
    detail: str = ""

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.direction, "–")

    @property
    def word(self) -> str:
        return WORDS.get(self.direction, self.direction)

    @property
    def css(self) -> str:
        return f"mv mv-{self.direction}"


@dataclass(frozen=True)
class MoveGroup:
    """An area's statements in the heatmap, or one column for the area when it is wide."""

    id: str
    title: str
    columns: list[StatementHead]


@dataclass(frozen=True)
class MoveRow:
    academy: str
    groups: list[list[Move]]
    #: why a whole row is new or gone: the academy joined, or has no review now
    note: str = ""


@dataclass(frozen=True)
class ScoreMove:
    """A score then and now, for the trust, an area or an academy."""

    title: str
    before: str
    after: str
    move: Move
    change: str  # 'up 12 points', 'no change', 'not rated before'
    #: the change in whole percentage points (None without a score in both cycles)
    points: int | None = None


@dataclass(frozen=True)
class AcademyMove:
    name: str
    score: ScoreMove
    up: int
    down: int
    same: int


@dataclass(frozen=True)
class PriorityMove:
    statement: str
    area: str
    text: str
    academies: list[str]


@dataclass(frozen=True)
class ActionMove:
    academy: str
    area: str
    action: str
    status: str
    due: dt.date | None
    since: str  # the cycle it was first promised in, as a label ('' when not carried)
    cycles_carried: int
    overdue: bool

    @property
    def twice(self) -> bool:
        return self.cycles_carried >= 2


@dataclass(frozen=True)
class StaleRow:
    academy: str
    statement: str
    text: str
    field: str
    since: str
    rating_moved: bool


@dataclass
class Movement:
    """Everything the "Since last review" section shows."""

    from_label: str
    to_label: str
    overall: ScoreMove
    areas: list[ScoreMove]
    by_area: bool
    groups: list[MoveGroup]
    rows: list[MoveRow]
    #: statements in only one of the two cycles (the framework changed): label and heads
    only_in: list[tuple[str, list[StatementHead]]]
    improved: list[AcademyMove]
    declined: list[AcademyMove]
    new_priorities: list[PriorityMove]
    resolved: list[PriorityMove]
    persisting: list[PriorityMove]
    #: last cycle's priorities not yet rated this cycle by the academies that flagged them
    unrated_priorities: list[PriorityMove]
    done: list[ActionMove]
    carried: list[ActionMove]
    dropped: list[ActionMove]
    new_actions: int
    stale: list[StaleRow]
    key: list[tuple[str, str, str]] = field(default_factory=list)  # arrow, word, meaning
    #: the reviews with errors, named ('' when none): their unread ratings move the figures
    invalid: str = ""
    #: the academies with a moderator's ratings in one cycle only ('' when none)
    moderation: str = ""
    #: their names, for the summary's sentence on who moved most
    moderation_changed: list[str] = field(default_factory=list)

    @property
    def carried_twice(self) -> list[ActionMove]:
        return [a for a in self.carried if a.twice]


class Words:
    """Ids to what a reader sees: names, area titles, rating labels, cycle labels."""

    def __init__(self, comparison: CycleComparison, scale: Sequence[Level]) -> None:
        self.names = {a.id: a.name for a in comparison.academies}
        self.areas = {a.id: a.title for a in comparison.areas}
        self.labels = {lv.id: lv.label for lv in scale}
        self.texts = {s.id: s.text for s in comparison.statements}

    def name(self, academy: str) -> str:
        return self.names.get(academy, academy)

    def area(self, area: str) -> str:
        return self.areas.get(area, area)

    def rating(self, rating: str | None, not_applicable: bool = False) -> str:
        """A rating's label; without the scale (``compare``), its id in words."""
        if rating is None:
            return "not applicable" if not_applicable else "not rated"
        return self.labels.get(rating) or word(rating.replace("-", " "))


def rating_move(
    change: RatingChange | None, words: Words, marked: tuple[bool, bool] = (False, False)
) -> Move:
    """``marked``: whether the statement was marked not applicable then, and now. Marked in
    both cycles, it says so: "not rated" would read as an answer still to write."""
    if change is None:
        return Move("none", "not rated in either cycle")
    before, after = words.rating(change.from_, marked[0]), words.rating(change.to, marked[1])
    if change.from_ is None and change.to is None:
        return Move("na", MEANINGS["na"]) if all(marked) else Move("none", f"{before} to {after}")
    return Move(change.direction, f"{before} to {after}")


def score_move(title: str, score: ScoreChange) -> ScoreMove:
    """A score's move by whole percentage points, as the report shows scores."""
    before, after = percent(score.from_), percent(score.to)
    if score.from_ is None and score.to is None:
        return ScoreMove(title, before, after, Move("none", "no score in either cycle"), "–")
    if score.from_ is None:
        return ScoreMove(title, before, after, Move("new", f"{after} now"), "no score before")
    if score.to is None:
        return ScoreMove(title, before, after, Move("gone", f"{before} before"), "no score now")
    points = score.points or 0
    direction = "up" if points > 0 else "down" if points < 0 else "same"
    change = f"{direction} {plural(abs(points), 'point')}" if points else "no change"
    return ScoreMove(title, before, after, Move(direction, f"{before} to {after}"), change, points)


def key(
    directions: Sequence[str] = ("up", "down", "same", "new", "gone"),
) -> list[tuple[str, str, str]]:
    return [(ARROWS[d], d, MEANINGS[d]) for d in directions]


def movement(comparison: CycleComparison, scale: Sequence[Level] = ()) -> Movement:
    """The trust's "Since last review" section."""
    words = Words(comparison, scale)
    both = [s for s in comparison.statements if s.cycles == "both"]
    by_area = len(both) > WIDE
    groups, rows = (_area_grid if by_area else _statement_grid)(comparison, both, words)
    actions = _actions(comparison.actions, words)
    return Movement(
        from_label=cycle_label(comparison.from_),
        to_label=cycle_label(comparison.to),
        overall=score_move("Every area", comparison.overall),
        areas=[score_move(a.title, a.trust) for a in comparison.areas],
        by_area=by_area,
        groups=groups,
        rows=rows,
        only_in=_only_in(comparison),
        improved=_academies(comparison, comparison.most_improved, words),
        declined=_academies(comparison, comparison.most_declined, words),
        new_priorities=_priorities(comparison.priorities, "new", words),
        resolved=_priorities(comparison.priorities, "resolved", words),
        persisting=_priorities(comparison.priorities, "persisting", words),
        unrated_priorities=_priorities(comparison.priorities, "unrated", words),
        done=actions["done"],
        carried=actions["carried"],
        dropped=actions["dropped"],
        new_actions=len(actions["new"]),
        stale=stale_rows(comparison, words),
        key=key(),
        invalid=invalid_note(comparison),
        moderation=moderation_note(comparison),
        moderation_changed=[words.name(a) for a in comparison.moderation_changed],
    )


def _statement_grid(
    comparison: CycleComparison, both: list[StatementChanges], words: Words
) -> tuple[list[MoveGroup], list[MoveRow]]:
    """Academies down, statements across grouped by area: a rating's move in each cell."""
    by_area: dict[str, list[StatementChanges]] = {a.id: [] for a in comparison.areas}
    for s in both:
        by_area.setdefault(s.area, []).append(s)
    groups = [
        MoveGroup(area, words.area(area), [head(s) for s in statements])
        for area, statements in by_area.items()
        if statements
    ]
    rows = [
        MoveRow(
            a.name,
            [
                [
                    rating_move(s.changes.get(a.id), words, s.marked_not_applicable(a.id))
                    for s in by_area[g.id]
                ]
                for g in groups
            ],
            _note(a, comparison),
        )
        for a in comparison.academies
    ]
    return groups, rows


def _note(academy: AcademyRef, comparison: CycleComparison) -> str:
    """'no review in Summer 2026' for an academy that joined; the other way for one that
    left (or has no review yet)."""
    if academy.cycles == "to":
        return f"no review in {cycle_label(comparison.from_)}"
    if academy.cycles == "from":
        return f"no review in {cycle_label(comparison.to)}"
    return ""


def _area_grid(
    comparison: CycleComparison, both: list[StatementChanges], words: Words
) -> tuple[list[MoveGroup], list[MoveRow]]:
    """Academies down, areas across: each area's score then and now."""
    groups = [
        MoveGroup(a.id, a.title, [StatementHead(a.id, "", a.title)]) for a in comparison.areas
    ]
    rows = [
        MoveRow(
            academy.name,
            [
                [score_move(a.title, a.scores.get(academy.id, ScoreChange())).move]
                for a in comparison.areas
            ],
            _note(academy, comparison),
        )
        for academy in comparison.academies
    ]
    return groups, rows


def head(s: StatementChanges) -> StatementHead:
    return StatementHead(s.id, statement_number(s.id), s.text)


def _only_in(comparison: CycleComparison) -> list[tuple[str, list[StatementHead]]]:
    out = []
    for side, cycle in (("from", comparison.from_), ("to", comparison.to)):
        heads = [head(s) for s in comparison.statements if s.cycles == side]
        if heads:
            out.append((cycle_label(cycle), heads))
    return out


def _academies(comparison: CycleComparison, ids: list[str], words: Words) -> list[AcademyMove]:
    by_id = {m.academy: m for m in comparison.movement}
    return [
        AcademyMove(words.name(i), score_move(words.name(i), m.score), m.up, m.down, m.same)
        for i in ids
        if (m := by_id.get(i)) is not None
    ]


def _priorities(changes: list[PriorityChange], state: str, words: Words) -> list[PriorityMove]:
    return [
        PriorityMove(p.statement, words.area(p.area), p.text, [words.name(a) for a in p.academies])
        for p in changes
        if p.state == state
    ]


def action_move(a: ActionFollowUp, words: Words) -> ActionMove:
    return ActionMove(
        academy=words.name(a.academy),
        area=words.area(a.area),
        action=unwrap(a.action),
        status=word(a.status),
        due=a.due,
        since=cycle_label(a.carried_from) if a.carried_from else "",
        cycles_carried=a.cycles_carried,
        overdue=a.overdue,
    )


def _actions(actions: list[ActionFollowUp], words: Words) -> dict[str, list[ActionMove]]:
    out: dict[str, list[ActionMove]] = {"done": [], "carried": [], "dropped": [], "new": []}
    for a in actions:
        out.setdefault(a.outcome, []).append(action_move(a, words))
    # Carried twice first: the promises that have waited longest.
    out["carried"].sort(key=lambda a: -a.cycles_carried)
    return out


def stale_rows(comparison: CycleComparison, words: Words, academy: str = "") -> list[StaleRow]:
    """Answers copied unchanged; only ``academy``'s when one is given."""
    return [
        StaleRow(
            academy=words.name(s.academy),
            statement=s.statement,
            text=words.texts.get(s.statement, ""),
            field=FIELD_WORDS.get(s.field, word(s.field)),
            since=cycle_label(s.since),
            rating_moved=s.rating_moved,
        )
        for s in comparison.stale
        if not academy or s.academy == academy
    ]
