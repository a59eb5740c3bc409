"""Is a review finished? Every statement answered, every concern followed by an action."""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.checks.context import CheckContext, Places, rule
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Framework, Response, Review
from sendreview.model.cycles import example_date, term_of
from sendreview.model.review import Action

#: What each required detail of an action is called in messages and board reports.
ACTION_DETAILS = {
    "action": "what will be done",
    "owner": "owner",
    "due": "due date",
    "priority": "priority",
    "status": "status",
}


@rule("completeness", "SR401", "SR402", "SR403", "SR404", "SR405", "SR406")
def check_completeness(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every statement answered, every concern with areas for development and an action."""
    review, framework = ctx.review, ctx.known_framework
    if review.review_date is None:
        yield ctx.problem(
            "SR406",
            "The review date is missing.",
            f"Add the date the review was carried out: review_date: {example_date(review.cycle)}.",
            path=("review_date",),
        )
    yield from _check_responses(ctx, review, framework)
    if framework.action_plan:
        yield from _check_actions(ctx, review, framework)


def _check_responses(
    ctx: CheckContext, review: Review, framework: Framework
) -> Iterator[Diagnostic]:
    scale = " or ".join(framework.rating_ids)
    for statement_id, response in review.responses.items():
        if framework.statement(statement_id) is None:
            continue  # reported by the consistency check
        yield from _check_rating(ctx, statement_id, response, scale)
        if framework.needs_action(response.rating) and not response.areas_for_development.strip():
            level = framework.rating(response.rating or "")
            label = framework.labels.areas_for_development.lower()
            yield ctx.problem(
                "SR403",
                f"{statement_id} is rated {level.label if level else ''} but has no {label}.",
                "Say what needs to improve under areas_for_development.",
                path=("responses", statement_id, "areas_for_development"),
            )


def _check_rating(
    ctx: CheckContext, statement_id: str, response: Response, scale: str
) -> Iterator[Diagnostic]:
    """A statement neither rated nor marked not applicable with a reason. A rating the
    reader dropped as unreadable is reported already, so it is not called missing too."""
    doc = ctx.places
    here = ("responses", statement_id)
    if response.not_applicable is True or (
        isinstance(response.not_applicable, str) and not response.not_applicable.strip()
    ):
        yield ctx.problem(
            "SR402",
            f"{statement_id} is marked not applicable without a reason.",
            "Write the reason instead of 'true', for example: not_applicable: "
            "No pupils in the school have an EHC plan.",
            path=(*here, "not_applicable"),
        )
    elif (
        response.rating is None
        and not response.is_not_applicable
        and not doc.is_dropped((*here, "rating"))
        and not doc.is_dropped((*here, "not_applicable"))
    ):
        yield ctx.problem(
            "SR401",
            f"{statement_id} is not rated yet.",
            f"Set rating to {scale}, or mark it not_applicable with a reason.",
            path=(*here, "rating") if doc.written((*here, "rating")) else here,
            key=not doc.written((*here, "rating")),
        )


def _check_actions(ctx: CheckContext, review: Review, framework: Framework) -> Iterator[Diagnostic]:
    doc = ctx.places
    for area in framework.areas:
        concerns = [
            s.id
            for s in area.statements
            if (r := review.responses.get(s.id)) and framework.needs_action(r.rating)
        ]
        plan = review.action_plans.get(area.id)
        if concerns and (plan is None or not plan.actions) and not _actions_dropped(doc, area.id):
            where = ("action_plans", area.id) if plan is not None else ("action_plans",)
            yield ctx.problem(
                "SR404",
                f"{area.title} has statements rated "
                f"{'/'.join(_concern_labels(framework))} ({', '.join(concerns)}) "
                "but no action.",
                f"Add at least one action under action_plans.{area.id}.actions.",
                path=where,
                key=True,
            )
        for index, action in enumerate(plan.actions if plan else []):
            yield from _incomplete_action(ctx, area.id, area.title, index, action)


def _incomplete_action(
    ctx: CheckContext, area_id: str, area_title: str, index: int, action: Action
) -> Iterator[Diagnostic]:
    """One problem per missing detail, each with its own data path, so a board report can
    count "actions without a due date" from the path, not from the wording."""
    here = ("action_plans", area_id, "actions", index)
    for name in ACTION_DETAILS:
        if not getattr(action, name) and not ctx.places.is_dropped((*here, name)):
            yield ctx.problem(
                "SR405",
                f"An action in {area_title} has no {ACTION_DETAILS[name]}.",
                "Every action needs what will be done, an owner (a role), a due "
                "date, a priority and a status.",
                path=(*here, name),
            )


def _actions_dropped(doc: Places, area_id: str) -> bool:
    """True when an action of this area was left out for a problem already reported."""
    return doc.is_dropped(("action_plans", area_id), inside=True)


@rule("cycle-dates", "SR319")
def check_cycle_dates(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A review date outside its cycle's term is most likely a slip of the year or month;
    it matters, because overdue actions are counted from it."""
    review = ctx.review
    term = term_of(review.cycle)
    if review.review_date is None or term is None or term.contains(review.review_date):
        return
    yield ctx.problem(
        "SR319",
        f"The review date {review.review_date.isoformat()} is outside cycle {review.cycle}, "
        f"which means {term.describe()}.",
        f"Check the year and the month, for example review_date: {term.example_date()}. "
        "Overdue actions are counted from this date.",
        path=("review_date",),
        severity=Severity.WARNING,
    )


def _concern_labels(framework: Framework) -> list[str]:
    return [
        level.label.lower() for level in framework.rating_scale if framework.needs_action(level.id)
    ]
