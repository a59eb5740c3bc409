"""What moved between two cycles: a pure function over their trust views.

Nothing here reads a file, so a library user, a test or a report can compare any two views;
:mod:`sendreview.history.load` finds and aggregates the cycles of a repository.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from sendreview.history.actions import follow_up
from sendreview.history.stale import stale_text
from sendreview.model.comparison import (
    AcademyMovement,
    AcademyRef,
    AreaChanges,
    CycleComparison,
    Direction,
    InCycles,
    InvalidReview,
    PriorityChange,
    RatingChange,
    ScoreChange,
    StatementChanges,
)
from sendreview.model.trust_view import AreaSummary, StatementRow, TrustView
from sendreview.trust_view.scores import scale_score


def compare_views(
    before: TrustView,
    after: TrustView,
    *,
    earlier: TrustView | None = None,
    order: Sequence[str] = (),
) -> CycleComparison:
    """How ``after`` differs from ``before``.

    ``earlier`` is the cycle before ``before``, when there is one: an answer unchanged for two
    cycles, and where an action was first promised, need it. ``order`` is every cycle of the
    repository oldest first, for counting how many cycles an action has been carried.
    """
    academies = _academies(before, after)
    ids = [a.id for a in academies]
    movement = _movement(before, after, ids)
    return CycleComparison(
        from_=before.cycle,
        to=after.cycle,
        trust=after.trust,
        framework_versions={
            before.cycle: before.framework.version,
            after.cycle: after.framework.version,
        },
        academies=academies,
        statements=_statements(before, after, ids),
        areas=_areas(before, after, ids),
        overall=ScoreChange(from_=overall_score(before), to=overall_score(after)),
        movement=movement,
        most_improved=_ranked(movement, rising=True),
        most_declined=_ranked(movement, rising=False),
        priorities=_priorities(before, after),
        actions=follow_up(before, after, earlier=earlier, order=order),
        stale=stale_text(before, after, earlier=earlier),
        invalid=_invalid(before) + _invalid(after),
        moderation_changed=_moderation_changed(before, after, ids),
    )


def _moderation_changed(before: TrustView, after: TrustView, ids: list[str]) -> list[str]:
    """The academies (of ``ids``, in order) whose ratings in use were a moderator's in one
    cycle and their own in the other: comparing the two moves their figures as a real change
    would, so every view of the comparison names them."""
    return [aid for aid in ids if (aid in _swapped(before)) != (aid in _swapped(after))]


def _swapped(view: TrustView) -> set[str]:
    """Academies with a rating in use that is their moderator's rather than their own."""
    return {aid for row in view.statements for aid in row.self_ratings}


def _invalid(view: TrustView) -> list[InvalidReview]:
    """The reviews of ``view`` with errors. What could not be read of them counts as not
    rated, so without a word a broken file would read as an academy's ratings gone (or new)
    and move the trust's scores."""
    return [
        InvalidReview(academy=a.id, cycle=view.cycle, file=a.file)
        for a in view.academies
        if a.state == "invalid"
    ]


def _reviewed(view: TrustView) -> dict[str, str]:
    """The academies with a review in ``view`` (id to name): one whose review is missing was
    not reviewed that cycle, whatever the trust file lists."""
    return {a.id: a.name for a in view.academies if a.state != "missing"}


def _academies(before: TrustView, after: TrustView) -> list[AcademyRef]:
    """Every academy of either cycle, the later cycle's order first; ``cycles`` says which
    cycles reviewed it (an academy that joined or left the trust is in one only)."""
    then, now = _reviewed(before), _reviewed(after)
    names = {a.id: a.name for a in before.academies} | {a.id: a.name for a in after.academies}
    order = [a.id for a in after.academies] + [a.id for a in before.academies]
    refs: list[AcademyRef] = []
    for academy_id in dict.fromkeys(order):
        cycles = _in_cycles(academy_id in then, academy_id in now)
        if cycles is not None:
            refs.append(AcademyRef(id=academy_id, name=names[academy_id], cycles=cycles))
    return refs


def _in_cycles(then: bool, now: bool) -> InCycles | None:
    if then and now:
        return "both"
    return "from" if then else "to" if now else None


def direction(rank_from: int | None, rank_to: int | None) -> Direction:
    """By the scale's order (bottom first); ``same`` when neither cycle rated it either."""
    if rank_from is None:
        return "same" if rank_to is None else "new"
    if rank_to is None:
        return "gone"
    return "up" if rank_to > rank_from else "down" if rank_to < rank_from else "same"


def _ranks(view: TrustView) -> dict[str, int]:
    return {level.id: index for index, level in enumerate(view.rating_scale)}


def _statements(before: TrustView, after: TrustView, ids: list[str]) -> list[StatementChanges]:
    """Every statement of either cycle: those of one only (the framework changed) say which."""
    then = {row.id: row for row in before.statements}
    now_ids = {row.id for row in after.statements}
    pairs: list[tuple[StatementRow | None, StatementRow | None]] = [
        (then.get(row.id), row) for row in after.statements
    ]
    pairs += [(row, None) for row in before.statements if row.id not in now_ids]
    ranks_then, ranks_now = _ranks(before), _ranks(after)
    found: list[StatementChanges] = []
    for old, new in pairs:
        shown = new or old
        assert shown is not None  # one of the two is always there
        changes: dict[str, RatingChange] = {}
        for academy_id in ids:
            rating_from = old.ratings.get(academy_id) if old else None
            rating_to = new.ratings.get(academy_id) if new else None
            changes[academy_id] = RatingChange(
                from_=rating_from,
                to=rating_to,
                direction=direction(
                    ranks_then.get(rating_from or ""), ranks_now.get(rating_to or "")
                ),
            )
        cycles = _in_cycles(old is not None, new is not None) or "both"
        found.append(
            StatementChanges(
                id=shown.id,
                area=shown.area,
                text=shown.text,
                cycles=cycles,
                changes=changes,
                not_applicable=_not_applicable(old, new),
            )
        )
    return found


def _not_applicable(
    old: StatementRow | None, new: StatementRow | None
) -> dict[str, list[Literal["from", "to"]]]:
    """Academy id -> the cycles in which it marked the statement not applicable."""
    found: dict[str, list[Literal["from", "to"]]] = {}
    for academy_id in old.not_applicable if old else {}:
        found.setdefault(academy_id, []).append("from")
    for academy_id in new.not_applicable if new else {}:
        found.setdefault(academy_id, []).append("to")
    return found


def _areas(before: TrustView, after: TrustView, ids: list[str]) -> list[AreaChanges]:
    then = {area.id: area for area in before.areas}
    now_ids = {area.id for area in after.areas}
    pairs: list[tuple[AreaSummary | None, AreaSummary | None]] = [
        (then.get(area.id), area) for area in after.areas
    ]
    pairs += [(area, None) for area in before.areas if area.id not in now_ids]
    found: list[AreaChanges] = []
    for old, new in pairs:
        shown = new or old
        assert shown is not None
        scores = {
            academy_id: ScoreChange(
                from_=old.scores.get(academy_id) if old else None,
                to=new.scores.get(academy_id) if new else None,
            )
            for academy_id in ids
        }
        trust = ScoreChange(
            from_=old.trust_score if old else None, to=new.trust_score if new else None
        )
        found.append(AreaChanges(id=shown.id, title=shown.title, scores=scores, trust=trust))
    return found


def _score(view: TrustView, counts: Iterable[dict[str, int]]) -> float | None:
    """The mean place on the scale of every rating counted, by the rule area scores use."""
    ranks = _ranks(view)
    ranked = [(ranks[r], n) for c in counts for r, n in c.items() if r in ranks]
    return scale_score(ranked, len(view.rating_scale) - 1)


def overall_score(view: TrustView, academy_id: str | None = None) -> float | None:
    """The trust's score across every area (one academy's, given its id)."""
    if academy_id is None:
        return _score(view, (area.trust for area in view.areas))
    return _score(view, (area.by_academy.get(academy_id, {}) for area in view.areas))


def _movement(before: TrustView, after: TrustView, ids: list[str]) -> list[AcademyMovement]:
    ranks_then, ranks_now = _ranks(before), _ranks(after)
    then = {row.id: row for row in before.statements}
    found = []
    for academy_id in ids:
        tally = {"up": 0, "down": 0, "same": 0}
        for row in after.statements:
            old: StatementRow | None = then.get(row.id)
            rank_from = ranks_then.get(old.ratings.get(academy_id) or "") if old else None
            rank_to = ranks_now.get(row.ratings.get(academy_id) or "")
            if rank_from is not None and rank_to is not None:
                tally[direction(rank_from, rank_to)] += 1
        score = ScoreChange(
            from_=overall_score(before, academy_id), to=overall_score(after, academy_id)
        )
        found.append(AcademyMovement(academy=academy_id, score=score, **tally))
    return found


def _ranked(movement: list[AcademyMovement], *, rising: bool) -> list[str]:
    """Academies whose overall score rose (fell), the largest move first, then by id."""
    moved = [(m.score.change, m.academy) for m in movement if m.score.change]
    chosen = [(change, a) for change, a in moved if change is not None and (change > 0) == rising]
    chosen.sort(key=lambda pair: (-abs(pair[0]), pair[1]))
    return [academy for _, academy in chosen]


def _priorities(before: TrustView, after: TrustView) -> list[PriorityChange]:
    """Trust priorities new this cycle and persisting, in the later cycle's order, then those
    resolved since the earlier one."""
    then = {p.statement: p for p in before.priorities}
    now = {p.statement for p in after.priorities}
    found = [
        PriorityChange(
            statement=p.statement,
            area=p.area,
            text=p.text,
            state="persisting" if p.statement in then else "new",
            academies=list(p.academies),
        )
        for p in after.priorities
    ]
    found += [
        PriorityChange(
            statement=p.statement,
            area=p.area,
            text=p.text,
            state="resolved" if _rated_again(after, p.statement, p.academies) else "unrated",
            academies=list(p.academies),
        )
        for p in before.priorities
        if p.statement not in now
    ]
    return found


def _rated_again(after: TrustView, statement: str, academies: Sequence[str]) -> bool:
    """Whether any academy that made ``statement`` a priority has rated it in ``after``: a
    priority is resolved by better ratings, not by a new cycle nobody has filled in yet."""
    row = next((r for r in after.statements if r.id == statement), None)
    return row is not None and any(row.ratings.get(a) for a in academies)
