"""Is a review finished? Every statement answered, every concern followed by an action."""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Framework, Review
from sendreview.model.cycles import example_date, term_of
from sendreview.source.yaml_reader import YamlDocument

#: What each required detail of an action is called in messages and board reports.
ACTION_DETAILS = {
    "action": "what will be done",
    "owner": "owner",
    "due": "due date",
    "priority": "priority",
    "status": "status",
}


def check_completeness(
    review: Review, doc: YamlDocument, framework: Framework
) -> Iterator[Diagnostic]:
    if review.review_date is None:
        yield doc.problem(
            "SR406",
            "The review date is missing.",
            f"Add the date the review was carried out: review_date: {example_date(review.cycle)}.",
            path=("review_date",),
        )
    scale = " or ".join(framework.rating_ids)
    for statement_id, response in review.responses.items():
        if framework.statement(statement_id) is None:
            continue  # reported by the consistency check
        here = ("responses", statement_id)
        if response.not_applicable is True or (
            isinstance(response.not_applicable, str) and not response.not_applicable.strip()
        ):
            yield doc.problem(
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
            yield doc.problem(
                "SR401",
                f"{statement_id} is not rated yet.",
                f"Set rating to {scale}, or mark it not_applicable with a reason.",
                path=(*here, "rating") if "rating" in _keys(doc, here) else here,
                key="rating" not in _keys(doc, here),
            )
        if framework.needs_action(response.rating) and not response.areas_for_development.strip():
            level = framework.rating(response.rating or "")
            label = framework.labels.areas_for_development.lower()
            yield doc.problem(
                "SR403",
                f"{statement_id} is rated {level.label if level else ''} but has no {label}.",
                "Say what needs to improve under areas_for_development.",
                path=(*here, "areas_for_development"),
            )
    if framework.action_plan:
        yield from _check_actions(review, doc, framework)


def _check_actions(review: Review, doc: YamlDocument, framework: Framework) -> Iterator[Diagnostic]:
    for area in framework.areas:
        concerns = [
            s.id
            for s in area.statements
            if (r := review.responses.get(s.id)) and framework.needs_action(r.rating)
        ]
        plan = review.action_plans.get(area.id)
        if concerns and (plan is None or not plan.actions) and not _actions_dropped(doc, area.id):
            where = ("action_plans", area.id) if plan is not None else ("action_plans",)
            yield doc.problem(
                "SR404",
                f"{area.title} has statements rated "
                f"{'/'.join(_concern_labels(framework))} ({', '.join(concerns)}) "
                "but no action.",
                f"Add at least one action under action_plans.{area.id}.actions.",
                path=where,
                key=True,
            )
        for index, action in enumerate(plan.actions if plan else []):
            missing = [
                name
                for name, value in (
                    ("action", action.action),
                    ("owner", action.owner),
                    ("due", action.due),
                    ("priority", action.priority),
                    ("status", action.status),
                )
                if not value
                and not doc.is_dropped(("action_plans", area.id, "actions", index, name))
            ]
            # One problem per missing detail, each with its own data path, so a board report
            # can count "actions without a due date" from the path, not from the wording.
            for name in missing:
                yield doc.problem(
                    "SR405",
                    f"An action in {area.title} has no {ACTION_DETAILS[name]}.",
                    "Every action needs what will be done, an owner (a role), a due "
                    "date, a priority and a status.",
                    path=("action_plans", area.id, "actions", index, name),
                )


def _actions_dropped(doc: YamlDocument, area_id: str) -> bool:
    """True when an action of this area was left out for a problem already reported."""
    return any(part[:2] == ("action_plans", area_id) for part in doc.dropped) or doc.is_dropped(
        ("action_plans",)
    )


def check_cycle_dates(review: Review, doc: YamlDocument) -> Iterator[Diagnostic]:
    """A review date outside its cycle's term is most likely a slip of the year or month;
    it matters, because overdue actions are counted from it."""
    term = term_of(review.cycle)
    if review.review_date is None or term is None or term.contains(review.review_date):
        return
    yield doc.problem(
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


def _keys(doc: YamlDocument, path: tuple[str, ...]) -> set[str]:
    node = doc.data
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    return set(node) if isinstance(node, dict) else set()
