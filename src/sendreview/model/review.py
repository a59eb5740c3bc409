"""A completed (or in-progress) review of one academy, or of the trust, for one cycle."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from sendreview.model.base import Model, Slug, Text, TextList
from sendreview.prose import normalise_id

PRIORITIES = ("high", "medium", "low")
STATUSES = ("not-started", "in-progress", "done")


def _word(value: Any) -> Any:
    """'In progress', 'in_progress' and 'In-Progress ' all mean in-progress; 'Amber' is amber."""
    return normalise_id(value) if isinstance(value, str) else value


def _rating(value: Any) -> Any:
    """A rating is an id of the framework's scale, read like every other id; empty is None."""
    value = _blank_to_none(value)
    return _word(value)


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


Priority = Annotated[Literal["high", "medium", "low"] | None, BeforeValidator(_word)]
#: A blank status (``status:`` with nothing after it) stays blank: nobody has said yet.
Status = Annotated[
    Literal["not-started", "in-progress", "done"] | None,
    BeforeValidator(_word),
    BeforeValidator(_blank_to_none),
]
OptionalDate = Annotated[dt.date | None, BeforeValidator(_blank_to_none)]
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class Response(Model):
    """The answer to one statement.

    ``rating`` is checked against the framework's own scale, which a model cannot know, so it
    is plain text here. ``not_applicable`` holds the reason a statement does not apply;
    ``true`` is accepted so that the missing reason can be reported rather than a type error.
    """

    # Read with the same leniency as priority and status ('Amber ' is amber). This class's
    # docstring is in the editor schemas, so notes for programmers stay in comments.
    rating: Annotated[str | None, BeforeValidator(_rating)] = None
    not_applicable: Annotated[str | bool | None, BeforeValidator(_blank_to_none)] = None
    strengths: Text = ""
    areas_for_development: Text = ""
    evidence: TextList = Field(default_factory=list)

    @property
    def is_not_applicable(self) -> bool:
        return self.not_applicable not in (None, False)


class Action(Model):
    action: Text = ""
    owner: Text = ""
    due: OptionalDate = None
    priority: Priority = None
    status: Status = "not-started"
    statements: TextList = Field(default_factory=list)
    success_criteria: Text = ""
    #: The cycle this action was first promised in, when it was carried into a later cycle's
    #: plan unfinished (``sendreview new`` writes it), so that nothing promised is dropped.
    carried_from: Annotated[Slug | None, BeforeValidator(_blank_to_none)] = None

    def is_overdue(self, on: dt.date) -> bool:
        return self.due is not None and self.due < on and self.status != "done"


class ActionPlan(Model):
    summary: Text = ""
    actions: list[Action] = Field(default_factory=list)


def _blank_responses(value: Any) -> Any:
    """A statement left with nothing under it (``leadership-1:``) is an empty response."""
    if isinstance(value, dict):
        return {k: ({} if v is None else v) for k, v in value.items()}
    return value


class Review(Model):
    framework: Slug
    framework_version: OptionalText = None
    cycle: Slug
    academy: Annotated[Slug | None, BeforeValidator(_blank_to_none)] = None
    review_date: OptionalDate = None
    completed_by: TextList = Field(default_factory=list)
    moderated_by: OptionalText = None
    responses: Annotated[dict[str, Response], BeforeValidator(_blank_responses)] = Field(
        default_factory=dict
    )
    action_plans: Annotated[dict[str, ActionPlan], BeforeValidator(_blank_responses)] = Field(
        default_factory=dict
    )

    @property
    def subject(self) -> str:
        """The academy id, or ``trust`` for a trust-level review."""
        return self.academy or "trust"
