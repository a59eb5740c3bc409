"""The small shapes every part of a report is built from: tallies of ratings, one answer's
cell, and actions grouped under their areas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sendreview.model.trust_view import NOT_APPLICABLE, UNRATED, CollatedAction, StatementRow
from sendreview.render.reports.shapes import ActionArea, ActionRow, Tally
from sendreview.render.reports.wording import Cell, Level, cell, word
from sendreview.trust_view.scores import scale_score


def tally(counts: dict[str, int], scale: Sequence[Level]) -> Tally:
    """A tally from a view's counts (rating id, ``unrated`` or ``not_applicable`` to n)."""
    parts = [(lv, counts.get(lv.id, 0)) for lv in scale]
    return Tally(parts, counts.get(NOT_APPLICABLE, 0), counts.get(UNRATED, 0), score(parts))


def score(parts: Sequence[tuple[Level, int]]) -> float | None:
    """The trust view's area score, for totals the view does not hold (such as all
    academies together under a crosswalk area)."""
    top = max((lv.rank for lv, _ in parts), default=0)
    return scale_score(((lv.rank, n) for lv, n in parts), top)


def answer_cell(row: StatementRow, key: str, scale: Sequence[Level]) -> Cell:
    return cell(row.ratings.get(key), scale, row.not_applicable.get(key))


def action_row(action: CollatedAction, names: dict[str, str]) -> ActionRow:
    return ActionRow(
        who=names.get(action.academy, action.academy),
        action=action.action,
        owner=action.owner,
        due=action.due,
        priority=word(action.priority) or "Not set",
        status=word(action.status),
        statements=action.statements,
        success_criteria=action.success_criteria,
        overdue=action.overdue,
    )


def action_areas(
    actions: Sequence[CollatedAction], areas: Sequence[tuple[str, str]], names: dict[str, str]
) -> list[ActionArea]:
    """Every action under its area, in the framework's order; areas without actions left out."""
    by_area: dict[str, list[ActionRow]] = defaultdict(list)
    for action in actions:
        by_area[action.area].append(action_row(action, names))
    return [ActionArea(aid, title, by_area[aid]) for aid, title in areas if by_area[aid]]
