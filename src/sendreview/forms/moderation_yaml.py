"""Change only the answers that changed in a moderation file, keeping everything else.

A moderation file is changed the way a review is (:mod:`~sendreview.forms.yamlupdate`):
ruamel.yaml's round trip, so comments (the statements' text, the academy's own answers, the
SEND lead's notes), key order and layout stay as they were. A new file is written whole by
:func:`sendreview.source.moderation_writer.moderation_text`, as ``sendreview moderate`` writes
one.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from sendreview.forms.compare import Change
from sendreview.forms.yamlupdate import (
    UpdateError,
    child,
    put_key,
    tail_kept,
    text_value,
    yaml_for,
)
from sendreview.model import Framework
from sendreview.model.moderation import ModeratedResponse, Moderation

_TOP = ("framework", "framework_version", "cycle", "academy", "moderator", "date", "summary")
_MODERATOR = ("role", "name", "academy")
_RESPONSE = ("rating", "comment")


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
