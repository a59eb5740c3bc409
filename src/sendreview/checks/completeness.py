"""Is a review finished? Every statement answered, every concern followed by an action."""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.diagnostics import Diagnostic
from sendreview.models import Framework, Review
from sendreview.yamlsource import YamlDocument


def check_completeness(
    review: Review, doc: YamlDocument, framework: Framework
) -> Iterator[Diagnostic]:
    if review.review_date is None:
        yield doc.problem(
            "SR406",
            "The review date is missing.",
            "Add the date the review was carried out: review_date: 2026-11-20.",
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
        elif response.rating is None and not response.is_not_applicable:
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
        if concerns and (plan is None or not plan.actions):
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
                )
                if not value
            ]
            if missing:
                yield doc.problem(
                    "SR405",
                    f"An action in {area.title} has no {', '.join(missing)}.",
                    "Every action needs what will be done, an owner (a role), a due "
                    "date and a priority.",
                    path=("action_plans", area.id, "actions", index),
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
