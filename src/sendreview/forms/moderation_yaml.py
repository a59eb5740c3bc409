"""The moderation file an import writes: a new one, or only the changed answers of one there.

A new file says whose moderation it is, then per area each statement moderated, its text and
the academy's own rating as comments above the moderator's rating and comment. A file that is
there is changed the way a review is (:mod:`~sendreview.forms.yamlupdate`): ruamel.yaml's
round trip, so comments, key order and layout stay as they were.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterator, Sequence

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from sendreview.forms.compare import Change
from sendreview.forms.moderation_layout import self_rating_text
from sendreview.forms.yamlupdate import (
    UpdateError,
    child,
    put_key,
    tail_kept,
    text_value,
    yaml_for,
)
from sendreview.model import Framework, Review
from sendreview.model.moderation import ModeratedResponse, Moderation
from sendreview.source.review_writer import WIDTH, comment_text
from sendreview.source.yaml_writer import field_lines, quoted, scalar

_TOP = ("framework", "framework_version", "cycle", "academy", "moderator", "date", "summary")
_MODERATOR = ("role", "name", "academy")
_RESPONSE = ("rating", "comment")


def new_moderation_text(
    moderation: Moderation, framework: Framework, review: Review | None, subject_name: str
) -> str:
    """The whole file for a moderation imported from a form, where there was none."""
    moderator = moderation.moderator
    lines = [
        f"# Moderation of {comment_text(subject_name)}'s review, cycle {moderation.cycle}:",
        "# the moderator's ratings beside the academy's own, read from a moderation form",
        "# by 'sendreview import'. Check it with: sendreview validate",
        f"framework: {scalar(framework.id)}",
        f"framework_version: {quoted(framework.version)}",
        f"cycle: {scalar(moderation.cycle)}",
        f"academy: {scalar(moderation.academy)}",
        "moderator:",
        *field_lines("role", moderator.role, 2),
        *field_lines("name", moderator.name or "", 2),
        *field_lines("academy", moderator.academy or "", 2),
        f"date: {moderation.date.isoformat() if moderation.date else ''}".rstrip(),
        *field_lines("summary", moderation.summary, 0),
        "",
        "responses:" if moderation.responses else "responses: {}",
    ]
    for area in framework.areas:
        moderated = [s for s in area.statements if s.id in moderation.responses]
        if moderated:
            lines += ["", f"  # ==== {comment_text(area.title)} ===="]
        for statement in moderated:
            own = review.responses.get(statement.id) if review else None
            lines += _response(statement.id, statement.text, self_rating_text(own, framework))
            lines += _answer(moderation.responses[statement.id])
    return "\n".join(lines) + "\n"


def _response(statement_id: str, text: str, own: str) -> Iterator[str]:
    """A statement's key, its text and the academy's own rating as comments above the answer,
    so that the file reads without the framework or the review open beside it."""
    yield ""
    yield f"  {statement_id}:"
    for line in textwrap.wrap(comment_text(text), WIDTH - 6):
        yield f"    # {line}"
    yield f"    # the academy's own rating: {comment_text(own) if own else 'none'}"


def _answer(response: ModeratedResponse) -> Iterator[str]:
    yield f"    rating: {scalar(response.rating) if response.rating else ''}".rstrip()
    yield from field_lines("comment", response.comment, 4)


def update_moderation_text(
    text: str, moderation: Moderation, framework: Framework, found: Sequence[Change]
) -> str:
    """``text`` with the value at each change's path set from ``moderation``."""
    yaml = yaml_for(text)
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise UpdateError(str(exc)) from exc
    if not isinstance(data, CommentedMap):
        raise UpdateError("the file does not hold a mapping of keys")
    order = tuple(s.id for s in framework.statements())
    for change in found:
        path = change.path
        if path[0] == "responses":
            response = moderation.responses.get(path[1]) or ModeratedResponse()
            target = child(_responses(data), path[1], order)
            with tail_kept(target):
                _set(target, path[2], getattr(response, path[2]), _RESPONSE)
        elif path[0] == "moderator":
            target = child(data, "moderator", _TOP)
            with tail_kept(target):
                _set(target, path[1], getattr(moderation.moderator, path[1]), _MODERATOR)
        else:
            with tail_kept(data):
                _set(data, path[0], getattr(moderation, path[0]), _TOP)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _responses(data: CommentedMap) -> CommentedMap:
    """The responses, as a block mapping: a file's ``responses: {}`` would otherwise keep
    every rating added to it on one line, in braces."""
    found = data.get("responses")
    if isinstance(found, CommentedMap) and not found and found.fa.flow_style():
        del data["responses"]
    return child(data, "responses", _TOP)


def _set(target: CommentedMap, key: str, value: object, order: Sequence[str]) -> None:
    """Set one value: text in the writing policy's style, a date as a date, blank as empty."""
    if isinstance(value, str):
        put_key(target, key, text_value(value) if value else None, order)
    else:
        put_key(target, key, value, order)
