"""Read a YAML file safely into plain data, keeping the position of every value.

PyYAML's ``safe_load`` is not enough for files people edit by hand: it keeps the last of two
duplicate keys without a word (losing an answer), gives no positions for the values it builds,
and will happily expand an alias bomb. So this module composes the node tree once with the
fastest safe parser available and builds the data itself, which gives, in one pass:

- the data (dicts, lists, strings, numbers, dates);
- an index from data path (``("responses", "leadership-1", "rating")``) to line and column;
- diagnostics for duplicate keys, undecodable bytes, syntax errors, size and alias limits.

Nothing here raises for bad input: every problem becomes a :class:`Diagnostic`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sendreview.diagnostics import Diagnostic, Severity

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
    """Read and decode a file, accepting the encodings Windows tools save in."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [_whole_file(display, "SR106", _too_big_message(size), _TOO_BIG_HINT)]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [
            _whole_file(
                display, "SR101", "This file does not exist.", "Check the spelling of the path."
            )
        ]
    except IsADirectoryError:
        return None, [_whole_file(display, "SR101", "This is a folder, not a file.", "")]
    except OSError as exc:
        return None, [
            _whole_file(
                display,
                "SR101",
                f"This file cannot be read: {exc.strerror}.",
                "Check that the file is not open elsewhere and that you may read it.",
            )
        ]
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
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        doc.diagnostics.append(_syntax_problem(exc, text, display))
        return doc
    except yaml.YAMLError as exc:  # a ReaderError: a character YAML does not allow
        doc.diagnostics.append(
            _whole_file(
                display,
                "SR102",
                f"This file contains a character that YAML does not allow ({exc}).",
                "Remove control characters; if the file is not a review, leave it out.",
            )
        )
        return doc
    except RecursionError:
        doc.diagnostics.append(
            _whole_file(display, "SR106", "This file is nested too deeply.", _TOO_BIG_HINT)
        )
        return doc
    if node is None:
        doc.diagnostics.append(_whole_file(display, "SR107", "This file is empty.", ""))
        return doc
    builder = _Builder(doc)
    try:
        doc.data = builder.build(node, (), 0)
    except _Stop as stop:
        doc.data = None
        doc.diagnostics.append(stop.diagnostic)
    doc.diagnostics.extend(builder.diagnostics)
    return doc


class _Builder:
    """Turns a composed node tree into plain data, recording positions as it goes."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.values = 0
        self.aliases = 0
        self.seen: set[int] = set()
        self.diagnostics: list[Diagnostic] = []
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: DataPath, depth: int) -> Any:
        self.values += 1
        if self.values > MAX_VALUES or depth > MAX_DEPTH:
            raise _Stop(
                self._at(
                    node,
                    "SR106",
                    "This file is too large or nested too deeply to be a review.",
                    _TOO_BIG_HINT,
                )
            )
        self.doc.positions[path] = _mark(node)
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self.seen:  # the same node reached twice: an alias
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise _Stop(
                    self._at(
                        node,
                        "SR106",
                        "This file repeats other parts of itself (YAML aliases) too many times.",
                        "Reviews do not need '&' anchors and '*' aliases: write "
                        "each answer out in full.",
                    )
                )
        self.seen.add(id(node))
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, MappingNode)
        return self._mapping(node, path, depth)

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.diagnostics.append(
                    self._at(
                        key_node,
                        "SR203",
                        "A key here is a list or mapping; keys must be plain words.",
                        "Check the indentation and the '-' and ':' on this line.",
                    )
                )
                continue
            if key_node.tag == _MERGE_TAG:
                # Merge keys copy whole mappings, unbounded by the alias limit: refuse them.
                self.diagnostics.append(
                    self._at(
                        key_node,
                        "SR201",
                        "'<<' (a YAML merge key) is not used in review files.",
                        "Write each answer out in full instead of merging one mapping into "
                        "another.",
                    )
                )
                continue
            # Keys are names and ids: keep the text as written, so 'no:' stays 'no'.
            key = key_node.value
            key_path = (*path, key)
            if key in result:
                first_line = self.doc.key_positions[key_path][0]
                self.diagnostics.append(
                    self._at(
                        key_node,
                        "SR105",
                        f"'{key}' appears twice here (first on line {first_line}). YAML keeps "
                        "only the last one, so the first would be lost without a word.",
                        "Merge the two into one, or rename one of them.",
                        key_path,
                    )
                )
                continue
            self.doc.key_positions[key_path] = _mark(key_node)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _STR_TAG:
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.YAMLError):
            # An impossible date such as 2027-02-30: keep the text so the model check reports it
            # at this position with a message about dates.
            return node.value

    def _at(
        self, node: Node, code: str, message: str, hint: str, path: DataPath = ()
    ) -> Diagnostic:
        line, column = _mark(node)
        return Diagnostic(
            self.doc.file, line, column, code, Severity.ERROR, message, hint, format_path(path)
        )


def _mark(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _whole_file(display: str, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(display, 0, 0, code, Severity.ERROR, message, hint)


_TOO_BIG_HINT = "A review is a few hundred lines. Check that this is the right file."


def _too_big_message(size: int) -> str:
    return (
        f"This file is {size / 1_048_576:.1f} MB; a review is never more than "
        f"{MAX_BYTES // 1_048_576} MB."
    )


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    problem = (exc.problem or "").strip()
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: max(column, 1)] or "found character '\\t'" in problem:
        return Diagnostic(
            display,
            line,
            column,
            "SR104",
            Severity.ERROR,
            "This line is indented with a tab. YAML only allows spaces.",
            "Replace the tab with spaces (two per level, lined up with the line "
            "above). Most editors can convert tabs to spaces for you.",
        )
    if "expected a single document" in problem or "but found another document" in problem:
        return Diagnostic(
            display,
            line,
            column,
            "SR108",
            Severity.ERROR,
            "This file holds more than one YAML document (a line with '---').",
            "Keep one review per file: remove the '---' line or split the file.",
        )
    message, hint = _explain(problem)
    return Diagnostic(
        display, line, column, "SR104", Severity.ERROR, f"This is not valid YAML: {message}", hint
    )


def _explain(problem: str) -> tuple[str, str]:
    """Turn the parser's words into ones a person can act on."""
    table = [
        (
            "mapping values are not allowed",
            "a colon inside text that is not in quotes.",
            "Put the text in double quotes, or start it on the next line after '|'.",
        ),
        (
            "could not find expected ':'",
            "a line that should be 'key: value' has no colon.",
            "Check this line and the one above it; text over several lines needs '|' "
            "after the key.",
        ),
        (
            "found undefined alias",
            "a '*' refers to an anchor that does not exist.",
            "Put text that starts with '*' in quotes.",
        ),
        (
            "found unexpected end of stream",
            "a quotation mark is opened but never closed.",
            "Close the quotation mark, or remove it.",
        ),
        (
            "did not find expected key",
            "the indentation does not line up.",
            "Line this key up with the keys around it, using spaces.",
        ),
        (
            "expected <block end>",
            "the indentation does not line up.",
            "Line this key up with the keys around it, using spaces.",
        ),
        (
            "did not find expected '-' indicator",
            "a list item is not lined up with the others.",
            "Start each list item with '- ' at the same indentation.",
        ),
        (
            "cannot start any token",
            "a character that YAML reserves starts this value.",
            "Put the value in double quotes (characters such as @ ` % cannot start plain text).",
        ),
    ]
    for needle, message, hint in table:
        if needle in problem:
            return message, hint
    return (
        f"{problem}." if problem else "the parser could not read it.",
        "Check the indentation, colons and quotation marks on this line and the one above.",
    )
