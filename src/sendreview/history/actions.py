"""Did we do what we said? Each action of two cycles followed from one to the next.

An action is the same action in two cycles when it is for the same academy and area and
written in the same words (:func:`sendreview.checks.stale.same_words`: spacing aside). ``new``
writes ``carried_from`` on the actions it carries forward, but a SENCO may also copy an
action by hand, so both ways count as carried.
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.checks.stale import same_words
from sendreview.model.comparison import ActionFollowUp, ActionOutcome
from sendreview.model.trust_view import CollatedAction, TrustView

DONE = "done"


def _matches(action: CollatedAction, candidates: Sequence[CollatedAction]) -> int | None:
    """The index of the action in ``candidates`` that ``action`` is the same as, if any: one
    not yet done first, since an unfinished promise is what a later cycle carries."""
    same = [
        index
        for index, other in enumerate(candidates)
        if other.academy == action.academy
        and other.area == action.area
        and same_words(action.action, other.action)
    ]
    unfinished = [index for index in same if candidates[index].status != DONE]
    chosen = unfinished or same
    return chosen[0] if chosen else None


def _origin(action: CollatedAction, cycle: str, earlier: TrustView | None) -> str:
    """The cycle ``action`` (of ``cycle``) was first promised in: the one it says, else the
    cycle before where the same action stood unfinished, else ``cycle`` itself."""
    if action.carried_from:
        return action.carried_from
    if earlier is not None:
        index = _matches(action, earlier.actions)
        if index is not None and earlier.actions[index].status != DONE:
            return earlier.cycle
    return cycle


def _cycles_between(first: str, last: str, order: Sequence[str], guess: int) -> int:
    """How many cycles an action promised in ``first`` was carried through to ``last``: by
    ``order`` (every cycle, oldest first) where both are in it, else ``guess``."""
    if first == last:
        return 0
    if first in order and last in order:
        return max(order.index(last) - order.index(first), 0)
    return guess


def follow_up(
    before: TrustView,
    after: TrustView,
    *,
    earlier: TrustView | None = None,
    order: Sequence[str] = (),
) -> list[ActionFollowUp]:
    """Every action of ``after`` (done, carried or new), then every unfinished action of
    ``before`` that ``after`` neither did nor carried (dropped)."""
    taken: set[int] = set()
    found: list[ActionFollowUp] = []
    for action in after.actions:
        index = _matches(action, before.actions)
        origin: str | None = action.carried_from
        if index is not None and before.actions[index].status != DONE:
            taken.add(index)
            origin = origin or _origin(before.actions[index], before.cycle, earlier)
        outcome: ActionOutcome = "new"
        if origin is not None:
            outcome = "done" if action.status == DONE else "carried"
        guess = 1 if origin == before.cycle else 2
        carried = _cycles_between(origin, after.cycle, order, guess) if origin else 0
        found.append(_follow(action, outcome, origin, carried))
    for index, action in enumerate(before.actions):
        if action.status != DONE and index not in taken:
            origin = _origin(action, before.cycle, earlier)
            carried = _cycles_between(origin, before.cycle, order, 1)
            found.append(_follow(action, "dropped", origin if carried else None, carried))
    return found


def _follow(
    action: CollatedAction, outcome: ActionOutcome, origin: str | None, carried: int
) -> ActionFollowUp:
    return ActionFollowUp(
        academy=action.academy,
        area=action.area,
        action=action.action,
        status=action.status,
        due=action.due,
        carried_from=origin,
        cycles_carried=carried,
        outcome=outcome,
        overdue=action.overdue,
    )
