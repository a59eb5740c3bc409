"""Read a YAML file safely into plain data, keeping the position of every value.

PyYAML's ``safe_load`` is not enough for files people edit by hand: it keeps the last of two
duplicate keys without a word (losing an answer), gives no positions for the values it builds,
and will happily expand an alias bomb. So this module reads the parser's events with the
fastest safe parser available and builds the data itself, which gives, in one pass:

- the data (dicts, lists, strings, numbers, dates);
- an index from data path (``("responses", "leadership-1", "rating")``) to line and column;
- the text as written of each value YAML 1.1 reads as something else (``0777`` is 511);
- diagnostics for duplicate keys, undecodable bytes, syntax errors, size and alias limits,
  each decided by what sendreview measured, never by the words of a parser's error.

Nothing here raises for bad input: every problem becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml import SafeLoader as PureSafeLoader

from sendreview.diagnostics import Diagnostic
from sendreview.source.yaml_builder import MAX_DEPTH, NOTHING, Builder, Stop
from sendreview.source.yaml_document import YamlDocument
from sendreview.source.yaml_problems import unreadable
from sendreview.source.yaml_text import read_text, whole_file

try:  # the C parser is ~20x faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

__all__ = ["load_yaml", "parse_yaml"]


def load_yaml(path: Path, display: str | None = None) -> YamlDocument:
    """Read one YAML file into a :class:`YamlDocument`. Never raises for bad content."""
    display = display if display is not None else str(path)
    text, diagnostics = read_text(path, display)
    if text is None:
        return YamlDocument(display, diagnostics=diagnostics)
    doc = parse_yaml(text, display)
    doc.diagnostics[:0] = diagnostics
    return doc


def parse_yaml(text: str, display: str) -> YamlDocument:
    doc = YamlDocument(display, text=text)
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        doc.diagnostics.append(
            whole_file(
                display,
                "SR107",
                "This file is empty.",
                "Delete the empty file, then run 'sendreview new --cycle CYCLE' again to get a "
                "blank review (it never replaces a file that is there).",
            )
        )
        return doc
    builder = Builder(doc)
    try:
        builder.run(SafeLoader(text))
    except Stop as stop:
        doc.data = None
        doc.diagnostics.append(stop.diagnostic)
        return doc
    except yaml.YAMLError as exc:
        doc.data = None
        doc.diagnostics.append(
            _hidden_limit(exc, builder, text, display)
            or unreadable(exc, builder.state(), text, display)
        )
        return doc
    if builder.root is NOTHING:
        doc.diagnostics.append(whole_file(display, "SR107", "This file is empty.", ""))
        return doc
    doc.data = builder.root
    doc.diagnostics.extend(builder.diagnostics)
    return doc


def _hidden_limit(
    exc: yaml.YAMLError, builder: Builder, text: str, display: str
) -> Diagnostic | None:
    """A limit broken where the parser refused, though it gave no events to show it.

    libyaml reads up to a thousand characters ahead of the last event it gives, and has limits
    of its own (PyYAML 6.0.4 refuses more than 1,000 levels of nesting), so a file nested far
    too deeply is refused before sendreview sees the events that would show why. Each level
    of nesting needs one of ``[ { - ? :``; when the unread part has enough of them to pass
    ``MAX_DEPTH``, the text up to the refusal is measured again with the pure-Python parser,
    which has no such limits and reads without recursion.
    """
    mark = getattr(exc, "problem_mark", None)
    parser: Any = SafeLoader  # the C parser, unless PyYAML was built without it
    if parser is PureSafeLoader or mark is None:
        return None
    state = builder.state()
    unread = text[state.read_up_to : mark.index + 1]
    if state.depth + sum(unread.count(c) for c in "[{-?:") <= MAX_DEPTH:
        return None
    measure = Builder(YamlDocument(display, text=text))
    try:
        measure.run(PureSafeLoader(text[: mark.index + 1]))
    except Stop as stop:
        return stop.diagnostic
    except yaml.YAMLError:
        return None
    return None
