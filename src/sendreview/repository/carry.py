"""A new cycle's review starts from the last one: what ``new`` and ``form --from-cycle`` carry.

Nothing promised is quietly dropped: every action that is not done goes into the new review's
plan under the same area, naming the cycle it was first promised in (``carried_from``), so an
action carried twice still names the cycle that first promised it. Answers are carried only
when asked (``new --carry-answers``; a form has always started from them); otherwise the new
review shows last cycle's rating beside each statement as a comment, so the SENCO writes
afresh with last term in view. The date and the moderator are never carried: they belong to
the review that was carried out.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from sendreview.model import Framework, Review, Trust
from sendreview.model.review import Action, ActionPlan, Response
from sendreview.prose import plural
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository, display_path
from sendreview.repository.reviews import LoadedReview, load_reviews
from sendreview.source.loader import load_model

#: What the comment beside a statement says when last cycle marked it as not applicable.
NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Carried:
    """A new cycle's starting point, made from last cycle's review."""

    review: Review
    from_cycle: str
    #: statement id -> last cycle's rating id or :data:`NOT_APPLICABLE`, for the comment
    #: beside each statement; empty when the answers themselves were carried
    last_cycle: dict[str, str] = field(default_factory=dict)
    #: unfinished actions carried
    actions: int = 0
    #: unfinished actions left out: their area is not in this cycle's framework
    left_out: int = 0
    #: last cycle's answers were carried (and it had some to carry)
    answers: bool = False


def carry_forward(previous: Review, cycle: str, framework: Framework, *, answers: bool) -> Carried:
    """``previous`` as the start of ``cycle``'s review under ``framework``: its unfinished
    actions, and its answers (``answers``) or else its ratings for the comments."""
    plans, carried, left_out = _plans(previous, framework, answers=answers)
    responses: dict[str, Response] = {}
    if answers:
        responses = {
            sid: r.model_copy() for sid, r in previous.responses.items() if framework.statement(sid)
        }
    review = Review(
        framework=framework.id,
        framework_version=framework.version,
        cycle=cycle,
        academy=previous.academy,
        completed_by=list(previous.completed_by) if answers else [],
        responses=responses,
        action_plans=plans,
    )
    last = {} if answers else last_ratings(previous, framework)
    # "answers carried" only where there were answers: a review started by `new` and not yet
    # filled in has none, and saying otherwise would send the SENCO looking for them.
    answered = answers and any(_answered(r) for r in responses.values())
    return Carried(review, previous.cycle, last, carried, left_out, answered)


def _answered(response: Response) -> bool:
    return bool(
        response.rating
        or response.is_not_applicable
        or response.strengths.strip()
        or response.areas_for_development.strip()
        or response.evidence
    )


def _plans(
    previous: Review, framework: Framework, *, answers: bool
) -> tuple[dict[str, ActionPlan], int, int]:
    """Each area's plan: its unfinished actions (and its summary when answers are carried),
    with how many actions were carried and how many had no area to go to."""
    plans: dict[str, ActionPlan] = {}
    carried = left_out = 0
    for area_id, plan in previous.action_plans.items():
        unfinished = [
            _carried_action(a, previous.cycle) for a in plan.actions if a.status != "done"
        ]
        if not framework.action_plan or framework.area(area_id) is None:
            left_out += len(unfinished)
            continue
        summary = plan.summary if answers else ""
        if unfinished or summary:
            plans[area_id] = ActionPlan(summary=summary, actions=unfinished)
        carried += len(unfinished)
    return plans, carried, left_out


def _carried_action(action: Action, cycle: str) -> Action:
    """The action as it was promised, with the cycle that first promised it."""
    return action.model_copy(
        update={"carried_from": action.carried_from or cycle, "statements": [*action.statements]}
    )


def last_ratings(previous: Review, framework: Framework) -> dict[str, str]:
    """What last cycle said of each statement: a rating on the scale, or not applicable.
    Only ids the framework defines are kept, so the comment can hold nothing but a slug."""
    out: dict[str, str] = {}
    for statement in framework.statements():
        response = previous.responses.get(statement.id)
        if response is None:
            continue
        if response.is_not_applicable:
            out[statement.id] = NOT_APPLICABLE
        elif response.rating and framework.rating(response.rating) is not None:
            out[statement.id] = response.rating
    return out


def describe(carried: Carried, name: str) -> str:
    """One line for the person who ran ``new``: what this review starts with."""
    what = plural(carried.actions, "unfinished action")
    if carried.answers:
        what = f"answers and {what}"
    line = f"{name}: {what} carried from {carried.from_cycle}"
    if carried.left_out:
        line += (
            f"; {plural(carried.left_out, 'unfinished action')} left out, in areas this "
            "framework no longer has"
        )
    return line + "."


@dataclass(frozen=True)
class Subject:
    """Whose review a new cycle starts: an academy, or the trust (``academy`` None)."""

    file_id: str
    academy: str | None
    name: str
    framework: Framework


@dataclass(frozen=True)
class Start:
    """A new review's starting point, and the line that says where it came from."""

    review: Review
    last_cycle: dict[str, str]
    message: str


def starting_points(
    repo: Repository,
    cycle: str,
    subjects: Sequence[Subject],
    registry: FrameworkRegistry,
    trust: Trust,
    *,
    answers: bool,
) -> dict[str, Start]:
    """Each subject's start for ``cycle``, by file id, from the previous cycle in time.

    A subject whose review of ``cycle`` is already there starts blank, unread: ``new`` keeps
    that file as it is. A previous review that cannot be read is no reason to stop: that
    review starts blank and the message says why.
    """
    before = repo.previous_cycle(cycle)
    out = {s.file_id: Start(_blank(s, cycle), {}, "") for s in subjects}
    if before is None:
        return out
    wanted = [s for s in subjects if not os.path.lexists(repo.review_file(cycle, s.file_id))]
    found = [s for s in wanted if repo.review_file(before, s.file_id).is_file()]
    loaded = load_reviews([repo.review_file(before, s.file_id) for s in found], registry, trust)
    read = dict(zip([s.file_id for s in found], loaded, strict=True))
    for subject in wanted:
        item = read.get(subject.file_id)
        if item is None:
            message = f"{subject.name}: no review in {before} to carry from; starts blank."
            out[subject.file_id] = Start(out[subject.file_id].review, {}, message)
        else:
            out[subject.file_id] = _start(item, subject, cycle, answers=answers)
    return out


def _start(item: LoadedReview, subject: Subject, cycle: str, *, answers: bool) -> Start:
    previous, reason = _usable(item, subject)
    if previous is None:
        message = (
            f"{subject.name}: starts blank, because {display_path(item.path)} {reason}; "
            "run 'sendreview validate' to see what to fix."
        )
        return Start(_blank(subject, cycle), {}, message)
    carried = carry_forward(previous, cycle, subject.framework, answers=answers)
    return Start(carried.review, carried.last_cycle, describe(carried, subject.name))


def _usable(item: LoadedReview, subject: Subject) -> tuple[Review | None, str]:
    """The previous review, or None and why it cannot be carried."""
    if item.review is None:
        first = next((d for d in item.diagnostics if d.is_error), None)
        why = f" (line {first.line}: {first.message})" if first else ""
        return None, f"cannot be read{why}"
    if item.review.framework != subject.framework.id:
        return None, (f"is a {item.review.framework} review and this one is {subject.framework.id}")
    return item.review, ""


def _blank(subject: Subject, cycle: str) -> Review:
    return Review(
        framework=subject.framework.id,
        framework_version=subject.framework.version,
        cycle=cycle,
        academy=subject.academy,
    )


def previous_review(repo: Repository, cycle: str, file_id: str) -> Review | None:
    """The review of the cycle before ``cycle`` in time, when there is one to read."""
    before = repo.previous_cycle(cycle)
    path = repo.review_file(before, file_id) if before else None
    if path is None or not path.is_file():
        return None
    review, _ = load_model(path, Review, display_path(path))
    return review


def promised_before(review: Review, previous: Review | None) -> Review:
    """``review`` with each action that was unfinished in ``previous``, found by its words,
    naming the cycle it was first promised in. A form has no column for it, so a form
    carried forward and imported into a new file would otherwise drop it."""
    if previous is None:
        return review
    first: dict[str, str] = {}
    for plan in previous.action_plans.values():
        for action in plan.actions:
            if action.status != "done":
                first.setdefault(_words(action.action), action.carried_from or previous.cycle)
    plans = {
        area_id: plan.model_copy(update={"actions": [_named(a, first) for a in plan.actions]})
        for area_id, plan in review.action_plans.items()
    }
    return review.model_copy(update={"action_plans": plans})


def _named(action: Action, first: dict[str, str]) -> Action:
    if action.carried_from or _words(action.action) not in first:
        return action
    return action.model_copy(update={"carried_from": first[_words(action.action)]})


def _words(text: str) -> str:
    return " ".join(text.split())
