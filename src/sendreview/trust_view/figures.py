"""What the trust view takes from one review, taken where the review is read.

A review is read, checked and reduced to :class:`ReviewFigures` in one step (in a worker
process, for a large trust), and the review itself is dropped there: only the figures travel
back and stay in memory. They keep what the trust view shows and nothing else: each answer's
rating, its not-applicable reason, strengths, areas for development and evidence (the CSV and
JSON exports carry them), each action of the action plans and each plan's summary.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sendreview.codes import COMPLETENESS
from sendreview.diagnostics import Diagnostic
from sendreview.model import Framework, Review, Trust
from sendreview.model.trust_view import NOT_APPLICABLE, UNRATED, ReviewState
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import display_path

#: One answer's text: (not-applicable reason or None, strengths, areas for development,
#: evidence). None for a statement the review does not answer.
AnswerText = tuple[str | None, str, str, tuple[str, ...]]
#: One action of an action plan: action, owner, due, priority, status, statements, success
#: criteria, whether it is overdue and the cycle it was carried from (the fields of
#: :class:`CollatedAction`, in order).
ActionFigures = tuple[
    str, str, dt.date | None, str | None, str, tuple[str, ...], str, bool, str | None
]


@dataclass(frozen=True)
class ReviewFigures:
    """One academy's review reduced to what the trust view needs, in the framework's order."""

    file: str
    #: False when the review could not be built (or had parts left out): nothing is counted
    has_review: bool
    state: ReviewState
    review_date: dt.date | None
    errors: int
    warnings: int
    problems: list[Diagnostic]
    #: per statement: a rating id, "unrated" or "not_applicable"
    cells: tuple[str, ...]
    answers: tuple[AnswerText | None, ...]
    #: per area of the framework: the actions of its plan
    actions: tuple[tuple[ActionFigures, ...], ...]
    #: area id -> the plan's summary; None when the review has no action plans at all
    summaries: dict[str, str] | None


def figures_of(
    path: Path, registry: FrameworkRegistry, trust: Trust | None, framework: Framework
) -> ReviewFigures:
    """Read and check the review at ``path`` and keep its figures."""
    from sendreview.repository.reviews import load_review

    loaded = load_review(path, registry, trust)
    review = loaded.review
    statements = list(framework.statements())
    cells = tuple(cell(review, s.id, framework) for s in statements)
    return ReviewFigures(
        file=display_path(loaded.path),
        has_review=review is not None,
        state=_state(review, [(d.code, d.is_error) for d in loaded.diagnostics]),
        review_date=review.review_date if review else None,
        errors=sum(1 for d in loaded.diagnostics if d.is_error),
        warnings=sum(1 for d in loaded.diagnostics if not d.is_error),
        problems=loaded.diagnostics,
        cells=cells,
        answers=tuple(_answer(review, s.id, c) for s, c in zip(statements, cells, strict=True)),
        actions=tuple(_actions(review, area.id) for area in framework.areas),
        summaries=_summaries(review),
    )


def _state(review: Review | None, found: list[tuple[str, bool]]) -> ReviewState:
    if review is None or any(is_error and code not in COMPLETENESS for code, is_error in found):
        return "invalid"
    return "incomplete" if any(code in COMPLETENESS for code, _ in found) else "complete"


def cell(review: Review | None, statement_id: str, framework: Framework) -> str:
    """What one academy's answer to one statement counts as: a rating id, unrated or N/A."""
    response = review.responses.get(statement_id) if review else None
    if response is None:
        return UNRATED
    if response.is_not_applicable and response.rating is None:
        return NOT_APPLICABLE
    if response.rating is not None and framework.rating(response.rating) is not None:
        return response.rating
    return UNRATED


def _answer(review: Review | None, statement_id: str, counted: str) -> AnswerText | None:
    response = review.responses.get(statement_id) if review else None
    if response is None:
        return None
    return (
        str(response.not_applicable) if counted == NOT_APPLICABLE else None,
        response.strengths.strip(),
        response.areas_for_development.strip(),
        tuple(response.evidence),
    )


def _actions(review: Review | None, area_id: str) -> tuple[ActionFigures, ...]:
    plan = review.action_plans.get(area_id) if review else None
    if review is None or plan is None:
        return ()
    return tuple(
        (
            action.action.strip(),
            action.owner.strip(),
            action.due,
            action.priority,
            action.status or "",
            tuple(action.statements),
            action.success_criteria.strip(),
            bool(review.review_date and action.is_overdue(review.review_date)),
            action.carried_from,
        )
        for action in plan.actions
    )


def _summaries(review: Review | None) -> dict[str, str] | None:
    if review is None or not review.action_plans:
        return None
    return {
        area: plan.summary.strip()
        for area, plan in review.action_plans.items()
        if plan.summary.strip()
    }
