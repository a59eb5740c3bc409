"""How PyYAML reads a scalar: as text, or (YAML 1.1) as a null, a yes/no, a number or a date.

The reader builds values by it, and the writer asks it whether text written without quotes
would read back as text, so both follow the rule PyYAML follows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

STR_TAG = "tag:yaml.org,2002:str"
#: Tags whose scalars are built as YAML 1.1 reads them; others are text or refused.
BUILT = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)

#: PyYAML's implicit resolver, typed here because its stubs leave ``resolve`` untyped.
_resolve: Callable[[type[ScalarNode], str, tuple[bool, bool]], str] = Resolver().resolve
_constructor = SafeConstructor()

#: Answers kept for short values, which repeat from file to file (ratings, statuses,
#: owners): resolving tries a regular expression or two each time, for every file.
_KNOWN: dict[str, str] = {}
_KEEP = 4096
_SHORT = 40


def plain_tag(value: str) -> str:
    """The type YAML 1.1 reads ``value`` as, written without quotes."""
    short = len(value) <= _SHORT
    tag = _KNOWN.get(value) if short else None
    if tag is None:
        tag = _resolve(ScalarNode, value, (True, False))
        if short and len(_KNOWN) < _KEEP:
            _KNOWN[value] = tag
    return tag


def is_text(event: Any) -> bool:
    """Whether a scalar event reads as text: quoted or a block, or plain and of no other
    type. (An explicit tag is for the caller to judge.)"""
    if event.tag is not None:
        return False
    return not event.implicit[0] or plain_tag(event.value) == STR_TAG


def build(tag: str, event: Any) -> tuple[Any, bool]:
    """The value of a scalar of type ``tag`` (one of :data:`BUILT`), and True; its text and
    False where it cannot be built, such as the impossible date 2027-02-30."""
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    try:
        return _constructor.yaml_constructors[tag](_constructor, node), True
    except (ValueError, OverflowError, yaml.YAMLError):
        return event.value, False
