"""A comparison and a trend built by hand from a trust view, with a known pattern: each
academy's rating of each statement moved up, stayed the same, moved down or is newly rated,
by a rule on its position, and every kind of action, priority and copied answer is there."""

from __future__ import annotations

import datetime as dt

from sendreview.model.comparison import (
    AcademyMovement,
    AcademyRef,
    ActionFollowUp,
    AreaChanges,
    AreaTrend,
    CycleComparison,
    PriorityChange,
    RatingChange,
    ScoreChange,
    StaleText,
    StatementChanges,
    Trend,
)
from sendreview.model.trust_view import TrustView

SCRIPT = "<script>alert(1)</script>"


def _before(rating: str | None, position: int, order: list[str]) -> str | None:
    """The pattern: by position, one step lower (up), the same, one step higher (down), or
    not rated before (new)."""
    if rating is None:
        return order[0] if position % 5 == 0 else None  # every fifth unrated one is gone
    rank = order.index(rating)
    shift = [-1, 0, 1, None][position % 4]
    if shift is None:
        return None
    return order[max(0, min(len(order) - 1, rank + shift))]


def _direction(before: str | None, after: str | None, order: list[str]) -> str:
    if before is None:
        return "new"
    if after is None:
        return "gone"
    step = order.index(after) - order.index(before)
    return "up" if step > 0 else "down" if step < 0 else "same"


def hand_comparison(view: TrustView, *, only_from: bool = True) -> CycleComparison:
    """This cycle against a made-up 2026-summer, with every kind of change in it."""
    order = [level.id for level in view.rating_scale]
    statements = []
    for j, row in enumerate(view.statements):
        changes = {}
        for i, academy in enumerate(view.academies):
            after = row.ratings.get(academy.id)
            before = _before(after, i + j, order)
            if before is None and after is None:
                continue
            changes[academy.id] = RatingChange(
                from_=before, to=after, direction=_direction(before, after, order)
            )
        statements.append(
            StatementChanges(id=row.id, area=row.area, text=row.text, changes=changes)
        )
    if only_from:
        statements.append(
            StatementChanges(id="leadership-9", area="leadership", text="Retired.", cycles="from")
        )
    areas = [
        AreaChanges(
            id=a.id,
            title=a.title,
            scores={
                k: ScoreChange(from_=None if v is None else max(0.0, v - 0.1 * (n % 3 - 1)), to=v)
                for n, (k, v) in enumerate(a.scores.items())
            },
            trust=ScoreChange(from_=(a.trust_score or 0) - 0.12, to=a.trust_score),
        )
        for a in view.areas
    ]
    ids = [a.id for a in view.academies]
    return CycleComparison(
        from_="2026-summer",
        to=view.cycle,
        trust=view.trust,
        academies=[AcademyRef(id=a.id, name=a.name) for a in view.academies],
        statements=statements,
        areas=areas,
        overall=ScoreChange(from_=0.61, to=0.74),
        movement=[
            AcademyMovement(academy=ids[0], score=ScoreChange(from_=0.6, to=0.8), up=9, down=1),
            AcademyMovement(academy=ids[1], score=ScoreChange(from_=0.7, to=0.55), up=1, down=6),
        ],
        most_improved=[ids[0]],
        most_declined=[ids[1]],
        priorities=[
            PriorityChange(
                statement="teaching-2",
                area="teaching",
                text="Adaptive teaching.",
                state="new",
                academies=[ids[1], ids[2]],
            ),
            PriorityChange(
                statement="leadership-3",
                area="leadership",
                text="Governors.",
                state="resolved",
                academies=[ids[3]],
            ),
        ],
        actions=[
            ActionFollowUp(
                academy=ids[1],
                area="leadership",
                action="Relaunch the SEND vision.",
                status="in-progress",
                due=dt.date(2026, 7, 10),
                carried_from="2026-spring",
                cycles_carried=2,
                outcome="carried",
                overdue=True,
            ),
            ActionFollowUp(
                academy=ids[0],
                area="teaching",
                action="Train TAs in precision teaching.",
                status="not-started",
                due=dt.date(2026, 12, 1),
                carried_from="2026-summer",
                cycles_carried=1,
                outcome="carried",
            ),
            ActionFollowUp(
                academy=ids[2],
                area="teaching",
                action=SCRIPT,
                status="not-started",
                outcome="dropped",
            ),
            ActionFollowUp(
                academy=ids[0],
                area="leadership",
                action="Publish the SEN information report.",
                status="done",
                outcome="done",
            ),
            ActionFollowUp(
                academy=ids[3],
                area="leadership",
                action="New thing.",
                status="not-started",
                outcome="new",
            ),
        ],
        stale=[
            StaleText(
                academy=ids[1],
                statement=view.statements[0].id,
                field="strengths",
                since="2026-spring",
                rating_moved=True,
            )
        ],
    )


def hand_trend(view: TrustView) -> Trend:
    cycles = ["2026-spring", "2026-summer", view.cycle]
    areas = [
        AreaTrend(
            id=a.id,
            title=a.title,
            trust={
                cycles[0]: None if n == 3 else 0.4 + 0.05 * n,
                cycles[1]: 0.5 + 0.04 * n,
                cycles[2]: a.trust_score,
            },
        )
        for n, a in enumerate(view.areas)
    ]
    return Trend(cycles=cycles, areas=areas, overall=dict.fromkeys(cycles, 0.6))
