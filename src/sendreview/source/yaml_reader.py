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

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import SafeLoader as PureSafeLoader
from yaml.constructor import SafeConstructor
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
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.prose import excerpt
from sendreview.source.yaml_problems import ParseState, unreadable

try:  # the C parser is ~20x faster; the pure-Python one is the fallback
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

#: A review is tens of kilobytes; anything this big is a mistake, not a review.
MAX_BYTES = 5 * 1024 * 1024
#: Values built from one file. A 56-statement review is about 1,500.
MAX_VALUES = 200_000
#: Aliases (``*name``) a file may use. A review needs none; a few are harmless.
MAX_ALIASES = 100
#: How deep mappings and lists may nest. A review is five levels deep.
MAX_DEPTH = 40

DataPath = tuple[str | int, ...]
Position = tuple[int, int]

_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"


@dataclass
class YamlDocument:
    """What a file held, where each value was, and what went wrong reading it."""

    file: str
    data: Any = None
    positions: dict[DataPath, Position] = field(default_factory=dict)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    #: The text as written of each value YAML 1.1 read as a number, date or yes/no
    #: (``0777`` is 511, ``12:30`` is 750): a field of text takes the text, not the number.
    written: dict[DataPath, str] = field(default_factory=dict)
    #: Parts left out of the model because they had a structural problem (already
    #: reported): later checks say nothing about them, so one mistake is reported once.
    dropped: set[DataPath] = field(default_factory=set)

    def is_dropped(self, path: DataPath) -> bool:
        """True for a dropped part and anything inside it."""
        return any(path[: len(part)] == part for part in self.dropped)

    @property
    def ok(self) -> bool:
        """True when the data could be built (warnings such as the encoding allowed)."""
        return not any(d.is_error for d in self.diagnostics)

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """The closest known position for a data path, walking up to its parents."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

    def problem(
        self,
        code: str,
        message: str,
        hint: str = "",
        *,
        path: DataPath = (),
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        line, column = self.position(path, key=key)
        return Diagnostic(self.file, line, column, code, severity, message, hint, format_path(path))


def format_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Stop(Exception):
    """Raised inside the builder when a limit is hit; carries the diagnostic."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode a file, accepting the encodings Windows tools save in.

    Only a regular file inside its repository is read, and no more than :data:`MAX_BYTES`:
    a link out of the repository, a device or a FIFO is named and refused, never read.
    """
    from sendreview.files import UnsafeFileError, read_regular

    try:
        raw = read_regular(path, display, MAX_BYTES)
    except UnsafeFileError as exc:
        if exc.kind == "too-big":
            return None, [_whole_file(display, "SR106", _too_big_message(exc.size), _TOO_BIG_HINT)]
        message = {
            "missing": "This file does not exist.",
            "folder": "This is a folder, not a file.",
        }.get(exc.kind, exc.message.replace(f"'{display}'", "This", 1))
        hint = "Check the spelling of the path." if exc.kind == "missing" else exc.hint
        return None, [_whole_file(display, "SR101", message, hint)]
    return decode(raw, display)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        return None, [
            _whole_file(
                display,
                "SR102",
                "This is not a text file (it contains binary data).",
                "A review is a YAML text file. If this came from Excel or Word, use "
                "'sendreview import' for workbooks, or copy the text into the YAML file.",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        # Often one pasted character in an otherwise UTF-8 file: only the bytes that are not
        # UTF-8 are read as Windows-1252, so the correct characters around them stay correct.
        text = raw.decode("utf-8", errors=_WINDOWS_FALLBACK)
        return text, [
            Diagnostic(
                display,
                line,
                column,
                "SR103",
                Severity.WARNING,
                "This file has characters saved in a Windows encoding (Windows-1252), not UTF-8, "
                "starting here. They were read as Windows-1252, so nothing is lost, but other "
                "tools may show them wrongly.",
                "Save it as UTF-8: in Notepad choose File > Save As and set Encoding to UTF-8; "
                "in VS Code click the encoding in the status bar and choose 'Save with Encoding'.",
            )
        ]


def _read_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


_WINDOWS_FALLBACK = "sendreview-windows-1252"
codecs.register_error(_WINDOWS_FALLBACK, _read_as_windows_1252)


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
            _whole_file(
                display,
                "SR107",
                "This file is empty.",
                "Delete the empty file, then run 'sendreview new --cycle CYCLE' again to get a "
                "blank review (it never replaces a file that is there).",
            )
        )
        return doc
    builder = _Builder(doc)
    try:
        builder.run(SafeLoader(text))
    except _Stop as stop:
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
    if builder.root is _NOTHING:
        doc.diagnostics.append(_whole_file(display, "SR107", "This file is empty.", ""))
        return doc
    doc.data = builder.root
    doc.diagnostics.extend(builder.diagnostics)
    return doc


def _hidden_limit(
    exc: yaml.YAMLError, builder: _Builder, text: str, display: str
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
    if SafeLoader is PureSafeLoader or mark is None:
        return None
    state = builder.state()
    unread = text[state.read_up_to : mark.index + 1]
    if state.depth + sum(unread.count(c) for c in "[{-?:") <= MAX_DEPTH:
        return None
    measure = _Builder(YamlDocument(display, text=text))
    try:
        measure.run(PureSafeLoader(text[: mark.index + 1]))
    except _Stop as stop:
        return stop.diagnostic
    except yaml.YAMLError:
        return None
    return None


class _Nothing:
    """No document was found (a file of comments, or of document markers only)."""


_NOTHING: Any = _Nothing()
#: The value of a mapping key that is not kept: a duplicate, a merge key, a list as a key.
_SKIP: Any = object()

#: Tags whose scalars are built as YAML 1.1 reads them; others are text or refused.
_BUILT = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
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


class _Builder:
    """Builds plain data from the parser's events, measuring as it goes.

    Working on events rather than a composed node tree means that sendreview, not the
    parser, decides every limit: nesting depth, number of values and aliases, more than one
    document, an alias to nothing or to itself. Each is found here, with its position, before
    the parser's own limits apply, and none depends on how a parser words its errors.
    It keeps no recursion, so no file can exhaust Python's stack.
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.root: Any = _NOTHING
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
        self.resolve = _RESOLVER.resolve
        self.constructor = SafeConstructor()

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
        try:
            while True:
                event = loader.get_event()
                if event is None or type(event) is StreamEndEvent:
                    return
                self.last = event
                if self.recording:
                    for _name, events, _depth in self.recording:
                        events.append(event)
                self.feed(event, replay=False)
        finally:
            loader.dispose()

    def feed(self, event: Any, *, replay: bool) -> None:
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
                raise _Stop(
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
            raise _Stop(
                self._at(
                    event,
                    "SR106",
                    "This file is too large or nested too deeply to be a review.",
                    _TOO_BIG_HINT,
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
            self.doc.positions[path] = _mark(event)
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
        kind = type(event)
        if kind is not ScalarEvent:
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
            first_line = self.doc.key_positions[key_path][0]
            self.diagnostics.append(
                self._at(
                    event,
                    "SR105",
                    f"'{excerpt(key)}' appears twice here (first on line {first_line}). "
                    "YAML keeps only the last one, so the first would be lost without a word.",
                    "Merge the two into one, or rename one of them.",
                    key_path,
                )
            )
            return
        self.doc.key_positions[key_path] = _mark(event)
        parent.key = key

    def _scalar(self, event: Any, path: DataPath, discard: bool) -> Any:
        value = event.value
        tag = event.tag
        explicit = tag is not None and tag != "!"
        if not explicit:
            if not event.implicit[0]:  # quoted or a | block: always text
                return value
            tag = self.resolve(ScalarNode, value, (True, False))
        if tag == _STR_TAG:
            return value
        if tag not in _BUILT:
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
        node = ScalarNode(tag, value, event.start_mark, event.end_mark)
        try:
            built = self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, OverflowError, yaml.YAMLError):
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
            raise _Stop(
                self._at(
                    event,
                    "SR106",
                    "This file repeats a part of itself inside itself (a YAML alias to its "
                    "own anchor), which has no end.",
                    _ALIAS_HINT,
                )
            )
        if event.anchor not in self.anchors:
            raise _Stop(
                self._at(
                    event,
                    "SR104",
                    "This is not valid YAML: a '*' refers to an anchor that does not exist.",
                    "Put text that starts with '*' in double quotes.",
                )
            )
        if self.aliases > MAX_ALIASES:
            raise _Stop(
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
_RESOLVER = Resolver()


def _mark(event: Any) -> Position:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _whole_file(display: str, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(display, 0, 0, code, Severity.ERROR, message, hint)


_TOO_BIG_HINT = "A review is a few hundred lines. Check that this is the right file."


def _too_big_message(size: int) -> str:
    return (
        f"This file is {size / 1_048_576:.1f} MB; a review is never more than "
        f"{MAX_BYTES // 1_048_576} MB."
    )
