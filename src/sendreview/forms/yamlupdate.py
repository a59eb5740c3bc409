"""Change only the answers that changed in a review's YAML file, keeping everything else.

PyYAML drops comments when it writes, and the statement text sits in comments above each
answer, and people add their own notes: so the file is updated with ruamel.yaml's
round-trip mode, which keeps comments, key order, quoting and layout. ruamel.yaml hangs the
comment lines that follow a value on that value; when the value is replaced, those lines
(often the next statement's text) are moved onto the new value rather than lost.

Each value's style (plain, double-quoted or a ``|`` block) comes from the one writing policy
in :mod:`sendreview.source.yaml_writer`, so that PyYAML (YAML 1.1, which reads reviews) and
ruamel.yaml read it back the same: 'no', ':0' or '2027-01-01' as text is quoted. The result is
read back and compared with what was meant before anything is written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    LiteralScalarString,
    PlainScalarString,
)
from ruamel.yaml.tokens import CommentToken

from sendreview.forms.compare import Change, action_key
from sendreview.forms.values import clean_text, reflow
from sendreview.model import Response, Review
from sendreview.model.review import Action, ActionPlan
from sendreview.source.yaml_writer import style

#: Indentation styles tried, the commonest first: (mapping, sequence, dash offset).
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 6, 4), (4, 4, 0))
_TOP = (
    "framework",
    "framework_version",
    "cycle",
    "academy",
    "review_date",
    "completed_by",
    "moderated_by",
    "responses",
    "action_plans",
)
_RESPONSE = ("rating", "not_applicable", "strengths", "areas_for_development", "evidence")
_PLAN = ("summary", "actions")


class UpdateError(Exception):
    """ruamel.yaml cannot read the file (PyYAML could); the caller says so in plain words."""


def update_text(text: str, review: Review, found: Sequence[Change]) -> str:
    """``text`` with the values at each change's path set from ``review``."""
    yaml = yaml_for(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise UpdateError(str(exc)) from exc
    for change in found:
        _apply(data, change.path, review)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def yaml_for(text: str) -> YAML:
    """A writer that reproduces the file byte for byte when nothing changes, if one does."""
    for layout in _LAYOUTS:
        yaml = _make(*layout)
        try:
            out = io.StringIO()
            yaml.dump(yaml.load(text), out)
        except YAMLError:
            break
        if out.getvalue() == text:
            return yaml
    return _make(*_LAYOUTS[0])


def _make(mapping: int, sequence: int, offset: int) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long answer over several lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _apply(data: CommentedMap, path: tuple[str, ...], review: Review) -> None:
    if path[0] == "responses":
        statement_id, key = path[1], path[2]
        response = review.responses.get(statement_id) or Response()
        target = child(child(data, "responses", _TOP), statement_id, tuple(review.responses))
        with tail_kept(target):
            _set_response(target, key, response)
    elif path[0] == "action_plans":
        area_id, key = path[1], path[2]
        plan = review.action_plans.get(area_id) or ActionPlan()
        target = child(child(data, "action_plans", _TOP), area_id, tuple(review.action_plans))
        with tail_kept(target):
            value = (
                text_value(plan.summary)
                if key == "summary"
                else _actions(plan.actions, like=target.get(key))
            )
            put_key(target, key, value, _PLAN)
    else:
        key = path[0]
        with tail_kept(data):
            put_key(data, key, _detail(key, review, data.get(key)), _TOP)


def _set_response(target: CommentedMap, key: str, response: Response) -> None:
    if key == "evidence":
        put_key(target, key, _list(response.evidence, like=target.get(key)), _RESPONSE)
    elif key != "rating":
        put_key(target, key, text_value(getattr(response, key)), _RESPONSE)
    elif response.is_not_applicable:
        reason = response.not_applicable
        _swap(
            target,
            "rating",
            "not_applicable",
            text_value(reason) if isinstance(reason, str) else reason,
        )
    else:
        rating = response.rating
        _swap(target, "not_applicable", "rating", text_value(rating) if rating else rating)


def _swap(target: CommentedMap, old: str, new: str, value: Any) -> None:
    """Set ``new`` where ``old`` was (keeping the comments on its line), removing ``old``."""
    if old in target:
        position = list(target).index(old)
        slot = target.ca.items.pop(old, None)
        del target[old]
        target.insert(position, new, value)
        if slot is not None:
            target.ca.items[new] = slot
    else:
        put_key(target, new, value, _RESPONSE)


def _detail(key: str, review: Review, old: Any) -> Any:
    if key == "completed_by":
        return _list(review.completed_by, like=old, flow=True)
    if key == "moderated_by":
        return text_value(review.moderated_by) if review.moderated_by else None
    return review.review_date


def child(parent: CommentedMap, key: str, order: Sequence[str]) -> CommentedMap:
    """The mapping under ``key``, made (in its place in ``order``) if missing or empty."""
    value = parent.get(key)
    if not isinstance(value, CommentedMap):
        value = CommentedMap()
        put_key(parent, key, value, order)
    return value


def put_key(target: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set a key; a new key goes after the keys that come before it in ``order``."""
    if key in target:
        target[key] = value
        return
    before = set(order[: order.index(key)]) if key in order else set(order)
    position = max((i + 1 for i, k in enumerate(target) if k in before), default=0)
    target.insert(position, key, value)


def text_value(value: str) -> Any:
    """An answer, its lines exactly as written (a ``|`` block where that keeps them)."""
    value = clean_text(value)
    if style(value) == "literal" and not value.endswith("\n"):
        value += "\n"  # written after '|', as new review files write answers
    return styled(value)


def styled(value: str, *, flow: bool = False) -> Any:
    """``value`` as the ruamel.yaml string type that writes it in the policy's style."""
    chosen = style(value, flow=flow)
    if chosen == "literal":
        return LiteralScalarString(value)
    if chosen == "double":
        return DoubleQuotedScalarString(value)
    # A plain str set over a '|' block would take the block's style; say plain explicitly.
    return PlainScalarString(value)


def _list(items: Sequence[str], *, like: Any = None, flow: bool = False) -> CommentedSeq:
    """A list of texts, in the style of the list it replaces (``like``) where there was one."""
    if isinstance(like, CommentedSeq) and like:
        flow = bool(like.fa.flow_style())
    seq = CommentedSeq(_item(item, flow=flow) for item in items)
    if flow or not items:
        seq.fa.set_flow_style()
    return seq


def _item(value: str, *, flow: bool) -> Any:
    """A list item, its line breaks kept: a ``|`` block in a block list, escapes in a flow one."""
    return styled(clean_text(value).strip(), flow=flow)


def _actions(actions: Sequence[Action], *, like: Any = None) -> CommentedSeq:
    """The actions, each in the style a new review file gives it, except that an action
    already in the file unchanged is kept as it is written there (comments and all)."""
    kept = _unchanged(like)
    promised = _first_promised(kept)
    seq = CommentedSeq()
    for action in actions:
        key = action_key(action)
        if kept.get(key):
            seq.append(kept[key].pop(0))
            continue
        # A form has no column for the cycle an action was carried from: an action whose
        # status or date changed in the form keeps the one its words have in the file.
        carried_from = action.carried_from or promised.get(reflow(action.action))
        item = CommentedMap()
        item["action"] = text_value(action.action)
        item["owner"] = text_value(action.owner)
        item["due"] = action.due
        item["priority"] = action.priority
        item["status"] = action.status
        if action.statements:
            item["statements"] = _list(action.statements, flow=True)
        if action.success_criteria:
            item["success_criteria"] = text_value(action.success_criteria)
        if carried_from:
            item["carried_from"] = text_value(carried_from)
        seq.append(item)
    if not actions:
        seq.fa.set_flow_style()
    return seq


def _unchanged(like: Any) -> dict[tuple[Any, ...], list[CommentedMap]]:
    """The actions already in the file, by how they read, to be reused where unchanged."""
    out: dict[tuple[Any, ...], list[CommentedMap]] = {}
    if not isinstance(like, CommentedSeq):
        return out
    for item in like:
        try:
            action = Action.model_validate(dict(item))
        except (ValidationError, TypeError, ValueError):
            continue
        out.setdefault(action_key(action), []).append(item)
    return out


def _first_promised(kept: dict[tuple[Any, ...], list[CommentedMap]]) -> dict[str, str]:
    """The cycle each action already in the file was first promised in, by its words."""
    out: dict[str, str] = {}
    for key, items in kept.items():
        for item in items:
            carried = item.get("carried_from")
            if isinstance(carried, str) and carried:
                out.setdefault(key[0], carried)
    return out


# ---- comments that follow a value ---------------------------------------------------------


class tail_kept:  # noqa: N801 - used as a context manager, reads as a phrase
    """Lift the comment lines hanging on the end of a mapping, and hang them on its new end."""

    def __init__(self, node: CommentedMap) -> None:
        self.node = node
        self.lines: list[str] = []

    def __enter__(self) -> None:
        self.lines = _pop_tail(self.node)

    def __exit__(self, *exc: object) -> None:
        if self.lines:
            _push_tail(self.node, self.lines)


def _pop_tail(node: Any) -> list[str]:
    """Remove the comments ruamel.yaml keeps on the last element of ``node``, as full lines."""
    lines: list[str] = []
    if isinstance(node, (CommentedMap, CommentedSeq)) and node:
        last: Any = list(node)[-1] if isinstance(node, CommentedMap) else len(node) - 1
        index = 2 if isinstance(node, CommentedMap) else 0
        child = node[last]
        lines += _pop_tail(child)
        slot = node.ca.items.get(last)
        # On a key or item that holds a block mapping or list, the slot is the comment on
        # the key's own line, not one that follows the value.
        if slot and len(slot) > index and slot[index] is not None and not _is_block(child):
            lines += _token_lines(slot[index], literal=isinstance(child, LiteralScalarString))
            slot[index] = None
    end = getattr(getattr(node, "ca", None), "end", None)
    if end:
        for token in end:
            lines += _token_lines(token, literal=True)
        node.ca.end = []
    return lines


def _token_lines(token: Any, *, literal: bool) -> list[str]:
    tokens = token if isinstance(token, list) else [token]
    lines: list[str] = []
    for item in tokens:
        if item is None:
            continue
        text = item.value
        if text.startswith("\n"):
            text = text[1:]
        else:
            # A comment on the value's own line, or (after a | block) on the next line.
            text = " " * (item.column if literal else 0) + text.lstrip(" ")
        lines += text.rstrip("\n").split("\n") if text.strip() or text else []
    return lines


def _push_tail(node: Any, lines: list[str]) -> None:
    """Hang ``lines`` on the last element of ``node`` (a mapping), as ruamel.yaml would."""
    host, key = _last_slot(node)
    if host is None:
        return
    index = 0 if isinstance(host, CommentedSeq) else 2
    slot = host.ca.items.setdefault(key, [None, None, None, None])
    value = host[key]
    body = "\n".join(lines) + "\n"
    existing = slot[index]
    if existing is not None:
        text = existing.value if existing.value.endswith("\n") else existing.value + "\n"
        slot[index] = CommentToken(text + body, existing.start_mark)
    elif isinstance(value, LiteralScalarString):
        first = lines[0]
        indent = len(first) - len(first.lstrip(" "))
        rest = "\n".join([first.lstrip(" "), *lines[1:]]) + "\n"
        slot[index] = CommentToken(rest, CommentMark(indent))
    else:
        slot[index] = CommentToken("\n" + body, CommentMark(0))


def _last_slot(node: Any) -> tuple[Any, Any]:
    """The collection and key whose comment slot is the end of ``node``."""
    while True:
        if isinstance(node, CommentedMap) and node:
            key: Any = list(node)[-1]
        elif isinstance(node, CommentedSeq) and node:
            key = len(node) - 1
        else:
            return None, None
        if _is_block(node[key]):
            node = node[key]
            continue
        return node, key


def _is_block(node: Any) -> bool:
    return (
        isinstance(node, (CommentedMap, CommentedSeq)) and bool(node) and not node.fa.flow_style()
    )
