"""One academy's own movement since the cycle before, for its report (``report --academy``):
its statements then and now, its area scores, and the actions it carried or dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sendreview.model.comparison import CycleComparison, ScoreChange
from sendreview.render.reports.movement import (
    ActionMove,
    Move,
    ScoreMove,
    StaleRow,
    Words,
    action_move,
    head,
    key,
    rating_move,
    score_move,
    stale_rows,
)
from sendreview.render.reports.shapes import StatementHead
from sendreview.render.reports.wording import Level, cycle_label


@dataclass(frozen=True)
class StatementMove:
    """One statement for one academy, then and now (the academy report)."""

    head: StatementHead
    before: str
    after: str
    move: Move


@dataclass
class OwnMovement:
    """One academy's movement, for its own report (``report --academy``)."""

    from_label: str
    to_label: str
    overall: ScoreMove
    areas: list[ScoreMove]
    statements: list[tuple[str, list[StatementMove]]]  # area title, its statements
    up: int
    down: int
    done: int
    carried: list[ActionMove]
    dropped: list[ActionMove]
    stale: list[StaleRow]
    key: list[tuple[str, str, str]] = field(default_factory=list)
    #: said when the academy's ratings are a moderator's in one of the two cycles only
    moderation: str = ""


def own_movement(
    comparison: CycleComparison, academy: str, scale: Sequence[Level] = ()
) -> OwnMovement | None:
    """One academy's movement, or None when it has no review in the earlier cycle."""
    ref = next((a for a in comparison.academies if a.id == academy), None)
    if ref is None or ref.cycles == "to":  # no review in the earlier cycle: nothing moved
        return None
    words = Words(comparison, scale)
    mine = next((m for m in comparison.movement if m.academy == academy), None)
    statements: dict[str, list[StatementMove]] = {}
    for s in comparison.statements:
        change = s.changes.get(academy)
        marked = s.marked_not_applicable(academy)
        before = words.rating(change.from_ if change else None, marked[0])
        after = words.rating(change.to if change else None, marked[1])
        move = rating_move(change, words, marked)
        statements.setdefault(words.area(s.area), []).append(
            StatementMove(head(s), before, after, move)
        )
    own = [a for a in comparison.actions if a.academy == academy]
    return OwnMovement(
        from_label=cycle_label(comparison.from_),
        to_label=cycle_label(comparison.to),
        overall=score_move("Every area", mine.score if mine else ScoreChange()),
        areas=[score_move(a.title, a.scores.get(academy, ScoreChange())) for a in comparison.areas],
        statements=list(statements.items()),
        up=mine.up if mine else 0,
        down=mine.down if mine else 0,
        done=sum(1 for a in own if a.outcome == "done"),
        carried=[action_move(a, words) for a in own if a.outcome == "carried"],
        dropped=[action_move(a, words) for a in own if a.outcome == "dropped"],
        stale=stale_rows(comparison, words, academy),
        key=key(),
        moderation=_moderation_note(comparison, academy),
    )


def _moderation_note(comparison: CycleComparison, academy: str) -> str:
    """Part of the academy's movement is the moderation itself when a moderator's ratings
    count in one of the two cycles only: said beside its figures, as the trust report does."""
    if academy not in comparison.moderation_changed:
        return ""
    return (
        "A moderator's ratings are counted in one of the two cycles only, so part of this "
        "movement is the moderation, not a change in the academy; a report with the "
        "academy's own ratings (--ratings self) compares like with like."
    )
