"""Plain data from a YAML parser's events, with positions, measured as it is built.

The builder behind :func:`sendreview.source.yaml_reader.parse_yaml`: it decides every limit
(nesting depth, number of values and aliases, one document per file) from the events
themselves, so none depends on how a parser words its errors.
"""

from __future__ import annotations

from typing import Any

from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.prose import excerpt
from sendreview.source.yaml_document import DataPath, Position, YamlDocument, format_path
from sendreview.source.yaml_problems import ParseState
from sendreview.source.yaml_scalars import BUILT, STR_TAG, build, is_text, plain_tag
from sendreview.source.yaml_text import TOO_BIG_HINT

#: Values built from one file. A 56-statement review is about 1,500.
MAX_VALUES = 200_000
#: Aliases (``*name``) a file may use. A review needs none; a few are harmless.
MAX_ALIASES = 100
#: How deep mappings and lists may nest. A review is five levels deep.
MAX_DEPTH = 40


class Stop(Exception):
    """Raised inside the builder when a limit is hit; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


class _Nothing:
    """No document was found (a file of comments, or of document markers only)."""


NOTHING: Any = _Nothing()
#: The value of a mapping key that is not kept: a duplicate, a merge key, a list as a key.
_SKIP: Any = object()

#: What a mapping holds in place of a key while it waits for the next one.
_KEY = object()


class _Frame:
    """An open mapping or list while the events are read."""

    __slots__ = ("container", "discard", "flow", "is_map", "key", "path")

    def __init__(self, container: Any, path: DataPath, *, is_map: bool, flow: bool) -> None:
        self.container = container
        self.path = path
        self.is_map = is_map
        self.flow = flow
        #: In a mapping: _KEY while a key is expected, else the key whose value comes next.
        self.key: Any = _KEY
        #: True for a part of the file that is read but not kept (under a refused key).
        self.discard = container is None


class Builder:
    """Builds plain data from the parser's events, measuring as it goes.

    Working on events rather than a composed node tree means that sendreview, not the
    parser, decides every limit: nesting depth, number of values and aliases, more than one
    document, an alias to nothing or to itself. Each is found here, with its position, before
    the parser's own limits apply, and none depends on how a parser words its errors.
    It keeps no recursion, so no file can exhaust Python's stack.
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.root: Any = NOTHING
        self.values = 0
        self.aliases = 0
        self.documents = 0
        self.stack: list[_Frame] = []
        self.diagnostics: list[Diagnostic] = []
        #: anchor -> the events of the anchored value, replayed where an alias names it
        self.anchors: dict[str, list[Any]] = {}
        #: anchors whose value is still being read: (name, events so far, depth at start)
        self.recording: list[tuple[str, list[Any], int]] = []
        # Events are typed loosely: libyaml's and the pure parser's marks are different types.
        self.last: Any = None
        self.last_scalar: Any = None

    def state(self) -> ParseState:
        """Where reading stopped: what a parser's refusal is explained by."""
        end = self.last.end_mark if self.last is not None else None
        top = self.stack[-1] if self.stack else None
        return ParseState(
            depth=len(self.stack),
            in_block_list=top is not None and not top.is_map and not top.flow,
            read_up_to=end.index if end is not None else 0,
            last_scalar=self.last_scalar,
        )

    def run(self, loader: Any) -> None:
        # The loop runs once per event of every file: names are looked up once, here.
        get_event, feed, quick = loader.get_event, self.feed, self._quick
        recording, stack = self.recording, self.stack
        try:
            while True:
                event = get_event()
                if type(event) is ScalarEvent and stack and not recording and quick(event):
                    continue
                if event is None or type(event) is StreamEndEvent:
                    return
                self.last = event
                if recording:
                    for _name, events, _depth in recording:
                        events.append(event)
                feed(event, False)
        finally:
            loader.dispose()

    def _quick(self, event: Any) -> bool:
        """Most of a review in one step: a plain key of a mapping, or a text value under it.
        False (nothing done) for anything else, which :meth:`feed` handles by every rule."""
        top = self.stack[-1]
        if not top.is_map or top.discard or event.anchor is not None:
            return False
        if self.values >= MAX_VALUES or len(self.stack) > MAX_DEPTH:
            return False
        key = top.key
        value = event.value
        if key is _KEY:
            if value == "<<" or value in top.container:
                return False
            path = (*top.path, value)
            self.doc.key_positions[path] = _mark(event)
            top.key = value
        elif key is _SKIP or not is_text(event):
            return False
        else:
            path = (*top.path, key)
            self.doc.positions[path] = _mark(event)
            top.container[key] = value
            top.key = _KEY
        self.values += 1
        self.last = self.last_scalar = event
        return True

    def feed(self, event: Any, replay: bool) -> None:
        kind = type(event)
        if kind is ScalarEvent:
            self.last_scalar = event
            self._node(event, replay)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            self.stack.pop()
            if self.recording and not replay:
                self._finish_recordings()
        elif kind is MappingStartEvent or kind is SequenceStartEvent or kind is AliasEvent:
            self._node(event, replay)
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise Stop(
                    self._at(
                        event,
                        "SR108",
                        "This file holds more than one YAML document (a line with '---').",
                        "Keep one review per file: remove the '---' line or split the file.",
                    )
                )

    def _node(self, event: Any, replay: bool) -> None:
        self.values += 1
        depth = len(self.stack)
        if self.values > MAX_VALUES or depth > MAX_DEPTH:
            raise Stop(
                self._at(
                    event,
                    "SR106",
                    "This file is too large or nested too deeply to be a review.",
                    TOO_BIG_HINT,
                )
            )
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_map and parent.key is _KEY:
            self._key(event, parent)
            return
        if parent is None:
            path: DataPath = ()
            discard = False
        elif parent.discard:
            path, discard = parent.path, True
        elif parent.is_map:
            discard = parent.key is _SKIP
            path = parent.path if discard else (*parent.path, parent.key)
        else:
            path, discard = (*parent.path, len(parent.container)), False
        kind = type(event)
        if kind is AliasEvent:
            self._alias(event, discard)
            return
        if not discard:
            start = event.start_mark
            self.doc.positions[path] = (start.line + 1, start.column + 1)
        if event.anchor is not None and not replay:
            self._anchor(event)
        if kind is ScalarEvent:
            self._attach(parent, self._scalar(event, path, discard), discard)
            return
        is_map = kind is MappingStartEvent
        container: Any = None if discard else ({} if is_map else [])
        self._attach(parent, container, discard)
        self.stack.append(_Frame(container, path, is_map=is_map, flow=bool(event.flow_style)))

    def _attach(self, parent: _Frame | None, value: Any, discard: bool) -> None:
        if parent is None:
            self.root = value
        elif parent.is_map:
            if not discard:
                parent.container[parent.key] = value
            parent.key = _KEY
        elif not discard:
            parent.container.append(value)

    def _key(self, event: Any, parent: _Frame) -> None:
        """A mapping key: kept as the text written, so 'no:' stays 'no' and '01:' stays '01'."""
        parent.key = _SKIP
        if type(event) is not ScalarEvent:
            self._not_a_word_key(event, parent)
            return
        key = event.value
        if parent.discard:
            return
        if key == "<<" and event.implicit[0] and event.tag is None:
            # Merge keys copy whole mappings, unbounded by the alias limit: refuse them.
            self.diagnostics.append(
                self._at(
                    event,
                    "SR201",
                    "'<<' (a YAML merge key) is not used in review files.",
                    "Write each answer out in full instead of merging one mapping into another.",
                )
            )
            return
        key_path = (*parent.path, key)
        if key in parent.container:
            self._duplicate_key(event, key_path)
            return
        self.doc.key_positions[key_path] = _mark(event)
        parent.key = key

    def _not_a_word_key(self, event: Any, parent: _Frame) -> None:
        """A list, mapping or alias as a key: refused, and what it holds read but not kept."""
        kind = type(event)
        if not parent.discard:
            self.diagnostics.append(
                self._at(
                    event,
                    "SR203",
                    "A key here is a list or mapping; keys must be plain words.",
                    "Check the indentation and the '-' and ':' on this line.",
                )
            )
        if kind is AliasEvent:
            self._count_alias(event)
        else:
            self.stack.append(
                _Frame(None, parent.path, is_map=kind is MappingStartEvent, flow=True)
            )

    def _duplicate_key(self, event: Any, key_path: DataPath) -> None:
        """A key written twice in one mapping: YAML would silently keep only the last."""
        first_line = self.doc.key_positions[key_path][0]
        self.diagnostics.append(
            self._at(
                event,
                "SR105",
                f"'{excerpt(key_path[-1])}' appears twice here (first on line {first_line}). "
                "YAML keeps only the last one, so the first would be lost without a word.",
                "Merge the two into one, or rename one of them.",
                key_path,
            )
        )

    def _scalar(self, event: Any, path: DataPath, discard: bool) -> Any:
        value = event.value
        tag = event.tag
        explicit = tag is not None and tag != "!"
        if not explicit:
            if not event.implicit[0]:  # quoted or a | block: always text
                return value
            tag = plain_tag(value)
        if tag == STR_TAG:
            return value
        if tag not in BUILT:
            if explicit and not discard:
                self.diagnostics.append(
                    self._at(
                        event,
                        "SR203",
                        f"YAML reads '{event.tag}' at the start of this value as a type "
                        "(a tag), which review files do not use.",
                        "If the text starts with '!', put it all in double quotes, for "
                        f'example "{event.tag} {value}".'.replace("  ", " "),
                        path,
                    )
                )
            return value  # '=' or '<<' as a value: text
        built, ok = build(tag, event)
        if not ok:
            # An impossible date such as 2027-02-30: keep the text so the model check reports
            # it at this position with a message about dates.
            return value
        if not discard and built is not None:
            # What YAML 1.1 made of the text (0777 is 511, 12:30 is 750): kept so that a
            # field of text can have the text as it was written.
            self.doc.written[path] = value
        return built

    def _anchor(self, event: Any) -> None:
        name: str = event.anchor
        if type(event) is ScalarEvent:
            self.anchors[name] = [event]
        else:
            self.anchors.pop(name, None)
            self.recording.append((name, [event], len(self.stack)))

    def _finish_recordings(self) -> None:
        depth = len(self.stack)
        while self.recording and self.recording[-1][2] == depth:
            name, events, _start = self.recording.pop()
            self.anchors[name] = events

    def _alias(self, event: Any, discard: bool) -> None:
        """Read the anchored value again where the alias is: its values count again, so an
        alias bomb is stopped by the limits long before it could fill the memory."""
        self._count_alias(event)
        if discard:
            self.values -= 1  # counted, not built
            self._attach(self.stack[-1] if self.stack else None, None, True)
            return
        self.values -= 1  # the alias itself is not a value; what it names is
        for step in self.anchors[event.anchor]:
            self.feed(step, replay=True)

    def _count_alias(self, event: Any) -> None:
        self.aliases += 1
        if any(name == event.anchor for name, _events, _depth in self.recording):
            raise Stop(
                self._at(
                    event,
                    "SR106",
                    "This file repeats a part of itself inside itself (a YAML alias to its "
                    "own anchor), which has no end.",
                    _ALIAS_HINT,
                )
            )
        if event.anchor not in self.anchors:
            raise Stop(
                self._at(
                    event,
                    "SR104",
                    "This is not valid YAML: a '*' refers to an anchor that does not exist.",
                    "Put text that starts with '*' in double quotes.",
                )
            )
        if self.aliases > MAX_ALIASES:
            raise Stop(
                self._at(
                    event,
                    "SR106",
                    "This file repeats other parts of itself (YAML aliases) too many times.",
                    _ALIAS_HINT,
                )
            )

    def _at(
        self, event: Any, code: str, message: str, hint: str, path: DataPath = ()
    ) -> Diagnostic:
        line, column = _mark(event)
        return Diagnostic(
            self.doc.file, line, column, code, Severity.ERROR, message, hint, format_path(path)
        )


_ALIAS_HINT = (
    "Reviews do not need '&' anchors and '*' aliases: write each answer out in full. Text "
    "that starts with '&' or '*' goes in double quotes."
)


def _mark(event: Any) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1
