"""How sendreview writes a text value into a YAML file: one policy for every writer.

A value is written so that PyYAML (libyaml and the pure-Python parser, YAML 1.1, which
``validate`` reads with) and ruamel.yaml (YAML 1.2, which ``import`` updates files with) both
read back exactly the text that was meant. The two disagree at the edges: ``yes`` is true to
PyYAML and text to ruamel.yaml, ``1e3`` text to PyYAML and a number to ruamel.yaml, and
PyYAML refuses ``[:0]`` that ruamel.yaml reads. So a value is written plain only when it is
plain text to both, by both libraries' own rules for what a plain value means, and under
rules for indicators stricter than either's; everything else is written in double quotes
with escapes, or as a ``|`` block where that keeps the text exactly.

Every writer uses this module: source.review_writer (new review files), repository.scaffold
(the trust file) and forms.yamlupdate (answers imported from Excel, through ruamel.yaml).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, Literal

from sendreview.source.yaml_scalars import STR_TAG, plain_tag

Style = Literal["plain", "double", "literal"]


#: Characters that have a meaning at the start of a YAML value; a plain value never starts
#: with one (stricter than YAML, which allows ``-x`` or ``:x``: parsers differ on those).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Characters a plain value in a ``[flow, list]`` never holds: PyYAML refuses ``[:0]`` and
#: its pure-Python parser ``[0?]``, both of which ruamel.yaml reads.
_FLOW_UNSAFE = frozenset(",[]{}:#?")

#: Characters written as escapes in double quotes: those YAML does not allow in a file even
#: inside quotes (YAML 1.1, section 5.1), the line breaks that YAML would fold into a space
#: (NEL, LS, PS), and the byte order mark.
ESCAPE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
    "\U00010000-\U0010ffff]"
)


def plain_ok(value: str, *, flow: bool = False) -> bool:
    """Whether ``value`` can be written without quotes and read back the same by both."""
    if not value or value != value.strip() or value[0] in _INDICATORS:
        return False
    if "\n" in value or "\r" in value or "\t" in value or ESCAPE.search(value):
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(c in _FLOW_UNSAFE for c in value):
        return False
    return _is_text(value)


def _is_text(value: str) -> bool:
    """True when PyYAML (YAML 1.1) and ruamel.yaml (YAML 1.2, and 1.1) both read it as text."""
    if plain_tag(value) != STR_TAG:
        return False
    node, resolvers = _ruamel()
    return all(str(r.resolve(node, value, (True, False))) == STR_TAG for r in resolvers)


@lru_cache(maxsize=1)
def _ruamel() -> tuple[type, tuple[Any, ...]]:
    """ruamel.yaml's own rules, YAML 1.2 and 1.1: imported only when a file is written."""
    from ruamel.yaml.nodes import ScalarNode as RuamelScalarNode
    from ruamel.yaml.resolver import VersionedResolver

    return RuamelScalarNode, (VersionedResolver(), VersionedResolver(version=(1, 1)))


def quoted(value: str) -> str:
    """``value`` in double quotes, with escapes where YAML needs them."""
    # A JSON string is a YAML double-quoted string, except for characters YAML refuses even
    # there (control characters, U+FFFE, NEL...): those are written as \\u escapes.
    return ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def scalar(value: str | None, *, flow: bool = False) -> str:
    """A one-line YAML value that reads back as exactly ``value`` (empty is ``""``)."""
    if value is None or value == "":
        return '""'
    return value if plain_ok(value, flow=flow) else quoted(value)


def flow_list(items: Iterable[str]) -> str:
    """``[a, b]``, each item plain where that is safe inside brackets."""
    return "[" + ", ".join(scalar(item, flow=True) for item in items) + "]"


def block_ok(value: str) -> bool:
    """Whether a ``|`` block keeps ``value`` exactly (it has lines, not leading spaces...)."""
    body = value[:-1] if value.endswith("\n") else value
    return (
        "\n" in body
        and not body.startswith((" ", "\n"))
        and not body.endswith("\n")
        and all(line == line.rstrip() for line in body.split("\n"))
        and "\t" not in body
        and "\r" not in body
        and not ESCAPE.search(body)
    )


def style(value: str, *, flow: bool = False) -> Style:
    """How to write ``value``: plain, in double quotes, or as a ``|`` block."""
    if "\n" in value.rstrip("\n") and not flow and block_ok(value):
        return "literal"
    return "plain" if plain_ok(value, flow=flow) else "double"


def field_lines(key: str, value: str, indent: int) -> Iterator[str]:
    """``key: value`` for a text that may run over lines: a ``|`` block where that keeps it
    exactly, else one line; an empty text is an empty value (an unanswered field)."""
    pad = " " * indent
    if block_ok(value):
        yield f"{pad}{key}: |{'' if value.endswith(chr(10)) else '-'}"
        for line in value.rstrip("\n").split("\n"):
            yield f"{pad}  {line}".rstrip()
    else:
        yield f"{pad}{key}: {scalar(value) if value else ''}".rstrip()
