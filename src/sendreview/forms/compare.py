"""What importing a form would change in a review, answer by answer.

Texts are compared exactly as written, line breaks included, after the tidying of
:func:`~sendreview.forms.values.clean_text` (Windows line ends, spaces at the ends of lines,
blank lines around an answer): a line break is the person's own, so moving one is a change,
while an answer the SENCO did not touch is never reported as changed, nor rewritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sendreview.forms.layout import PRIORITIES, STATUSES
from sendreview.forms.values import evidence_items, reflow
from sendreview.model import Framework, Response, Review
from sendreview.model.review import Action, ActionPlan

DataPath = tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """One answer that differs: where it is, and how it reads before and after."""

    path: DataPath
    heading: str
    field: str
    old: str
    new: str
    #: True when something already written would be replaced or removed, not just added to.
    replaces: bool


def canonical(review: Review) -> dict[str, Any]:
    """A review as a reader sees it: equal for two reviews that read the same."""
    return {
        "framework": review.framework,
        "framework_version": review.framework_version,
        "cycle": review.cycle,
        "academy": review.academy,
        **_details(review),
        "responses": {
            sid: fields for sid, r in review.responses.items() if _filled(fields := _response(r))
        },
        "action_plans": {
            area: fields
            for area, plan in review.action_plans.items()
            if _filled(fields := _plan(plan))
        },
    }


_IDENTITY = ("framework", "framework_version", "cycle", "academy")


def answers_of(review: Review) -> dict[str, Any]:
    """The canonical answers alone, without whose review it is."""
    return {k: v for k, v in canonical(review).items() if k not in _IDENTITY}


def has_answers(review: Review) -> bool:
    return any(answers_of(review).values())


def _details(review: Review) -> dict[str, Any]:
    return {
        "review_date": review.review_date,
        "completed_by": _items(review.completed_by),
        "moderated_by": reflow(review.moderated_by or ""),
    }


def _response(response: Response) -> dict[str, Any]:
    reason = response.not_applicable
    if isinstance(reason, str):
        reason = reflow(reason) or None
    return {
        "rating": (response.rating, reason),
        "strengths": reflow(response.strengths),
        "areas_for_development": reflow(response.areas_for_development),
        "evidence": _items(response.evidence),
    }


def _plan(plan: ActionPlan) -> dict[str, Any]:
    return {"summary": reflow(plan.summary), "actions": tuple(action_key(a) for a in plan.actions)}


def action_key(action: Action) -> tuple[Any, ...]:
    """An action as a reader sees it: equal for two actions that read the same."""
    return (
        reflow(action.action),
        reflow(action.owner),
        action.due,
        action.priority,
        action.status,
        _items(action.statements),
        reflow(action.success_criteria),
    )


def _items(items: list[str]) -> tuple[str, ...]:
    """List items as a form keeps them (:func:`evidence_items`): each with its own line
    breaks, spaces around it and empty items gone."""
    return tuple(evidence_items(items))


def _filled(fields: dict[str, Any]) -> bool:
    return any(v not in ("", (), (None, None)) for v in fields.values())


def changes(old: Review | None, new: Review, framework: Framework) -> list[Change]:
    """Every answer of ``new`` that reads differently from ``old``, in the framework's order."""
    old = old or Review(framework=new.framework, cycle=new.cycle, academy=new.academy)
    found = list(_differences((), "About this review", _details(old), _details(new), framework))
    for statement in framework.statements():
        found += _differences(
            ("responses", statement.id),
            f"{statement.id}: {statement.text}",
            _response(old.responses.get(statement.id) or Response()),
            _response(new.responses.get(statement.id) or Response()),
            framework,
        )
    for area in framework.areas:
        found += _differences(
            ("action_plans", area.id),
            f"{area.title}: action plan",
            _plan(old.action_plans.get(area.id) or ActionPlan()),
            _plan(new.action_plans.get(area.id) or ActionPlan()),
            framework,
        )
    return found


def _differences(
    where: DataPath,
    heading: str,
    before: dict[str, Any],
    after: dict[str, Any],
    framework: Framework,
) -> Iterator[Change]:
    """A :class:`Change` for each answer under ``where`` that reads differently after."""
    for key in before:
        if before[key] != after[key]:
            show = _show_rating if key == "rating" else _show
            yield Change(
                (*where, key),
                heading,
                _field(key, framework),
                show(before[key], framework),
                show(after[key], framework),
                _replaces(key, before[key], after[key]),
            )


def answer_values(review: Review | None, framework: Framework) -> dict[str, Any]:
    """Every answer of a review as a reader sees it, by the dotted path of its
    :class:`Change`: the units a three-way import compares one by one."""
    review = review or Review(framework=framework.id, cycle="none")
    values: dict[str, Any] = dict(_details(review))
    for statement in framework.statements():
        fields = _response(review.responses.get(statement.id) or Response())
        values.update({f"responses.{statement.id}.{k}": v for k, v in fields.items()})
    for area in framework.areas:
        fields = _plan(review.action_plans.get(area.id) or ActionPlan())
        values.update({f"action_plans.{area.id}.{k}": v for k, v in fields.items()})
    return values


def take(target: Review, source: Review, path: DataPath) -> Review:
    """``target`` with the one answer at ``path`` (as a :class:`Change` names it) taken
    from ``source``; every other answer of ``target`` is left as it is."""
    if len(path) == 1:
        return target.model_copy(update={path[0]: getattr(source, path[0])})
    kind, ident, key = path
    fields = ("rating", "not_applicable") if key == "rating" else (key,)
    if kind == "responses":
        src, dst = source.responses.get(ident) or Response(), target.responses.get(ident)
        new = (dst or Response()).model_copy(update={f: getattr(src, f) for f in fields})
        return target.model_copy(update={"responses": {**target.responses, ident: new}})
    src_plan = source.action_plans.get(ident) or ActionPlan()
    plan = (target.action_plans.get(ident) or ActionPlan()).model_copy(
        update={key: getattr(src_plan, key)}
    )
    return target.model_copy(update={"action_plans": {**target.action_plans, ident: plan}})


_LISTS = ("evidence", "actions", "completed_by")


def _replaces(key: str, old: Any, new: Any) -> bool:
    """Lists (evidence, actions, roles) only replace when an old item is gone; adding to
    them, like filling an empty answer, replaces nothing."""
    if key in _LISTS:
        return any(item not in new for item in old)
    return old not in (None, "", (None, None))


def _field(key: str, framework: Framework) -> str:
    """An answer's name as the form labels it; a key the framework does not relabel reads
    with spaces for underscores (``review date``, ``summary``)."""
    labels = {
        "strengths": framework.labels.strengths,
        "areas_for_development": framework.labels.areas_for_development,
    }
    return labels.get(key, key.replace("_", " "))


def _show_rating(value: Any, framework: Framework) -> str:
    rating, reason = value
    if reason is True:
        return "not applicable (no reason given)"
    if reason:
        return f"not applicable: {reason}"
    level = framework.rating(rating) if rating else None
    return level.label if level else (rating or "")


def show_value(value: Any) -> str:
    """An answer as the list of changes shows it: a date in words, list items a line each."""
    return _show(value)


def _show(value: Any, framework: Framework | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return "\n".join(_show_action(a) for a in value)
    if isinstance(value, tuple):
        return "\n".join(value)
    return str(value)


def _show_action(action: tuple[Any, ...]) -> str:
    text, owner, due, priority, status, statements, success = action
    facts = [
        owner or "no owner",
        f"due {_show(due)}" if due else "no due date",
        next((c.label.lower() for c in PRIORITIES if c.id == priority), "no priority"),
        next((c.label.lower() for c in STATUSES if c.id == status), status or "no status"),
    ]
    if statements:
        facts.append(", ".join(statements))
    line = f"{text or '(no action text)'} ({'; '.join(facts)})"
    return line + (f" Success criteria: {success}" if success else "")


#: The kind of file a form fills in: a review, or a moderation (:mod:`.moderation_compare`).
Doc = TypeVar("Doc")


@dataclass(frozen=True)
class Kind(Generic[Doc]):
    """How the three-way import (:mod:`~sendreview.forms.merge`) handles one kind of file:
    its answers by dotted path, the answers that differ, and one answer taken from another."""

    values: Callable[[Doc | None, Framework], dict[str, Any]]
    changes: Callable[[Doc | None, Doc, Framework], list[Change]]
    take: Callable[[Doc, Doc, DataPath], Doc]


REVIEW_ANSWERS: Kind[Review] = Kind(answer_values, changes, take)
