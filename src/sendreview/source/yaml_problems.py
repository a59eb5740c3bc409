"""What to tell a person when a file cannot be read as YAML, decided by what is in the file.

A parser's error messages are not an interface: PyYAML 6.0.4 added one, and libyaml and the
pure-Python parser word the same mistake differently. So nothing here reads them. A refusal is
explained by what sendreview can see for itself: whether the scanner (characters) or the parser
(structure) refused, where, the characters at that place and at the start of what was being
read, and what had been read up to there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml import YAMLError
from yaml.scanner import ScannerError

from sendreview.diagnostics import Diagnostic, Severity

#: Characters YAML does not allow anywhere in a file, even in comments (YAML 1.1, 5.1).
NOT_ALLOWED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

_GENERAL_HINT = "Check the indentation, colons and quotation marks on this line and the one above."


@dataclass
class ParseState:
    """Where reading stood when the parser refused."""

    #: How many mappings and lists were open.
    depth: int = 0
    #: Whether the innermost of them is a list written with '- ' items.
    in_block_list: bool = False
    #: Where the last event the parser gave ended (0 before any).
    read_up_to: int = 0
    #: The last value read: quoted text that ran on may be what the refusal is about.
    last_scalar: Any = None  # a ScalarEvent; its marks' type depends on the parser


@dataclass
class _Place:
    """A position in the text, with what is there."""

    index: int
    line: int  # 1-based
    column: int  # 1-based
    char: str  # "" at the end of the file

    @classmethod
    def at(cls, index: int, text: str) -> _Place:
        """The place of ``index``, with lines counted as YAML counts them."""
        breaks = list(_BREAK.finditer(text, 0, index))
        column = index - (breaks[-1].end() if breaks else 0) + 1
        return cls(index, len(breaks) + 1, column, text[index : index + 1])

    @classmethod
    def of(cls, mark: object, text: str) -> _Place | None:
        if mark is None:
            return None
        index = getattr(mark, "index", 0)
        return cls(
            index,
            getattr(mark, "line", 0) + 1,
            getattr(mark, "column", 0) + 1,
            text[index] if index < len(text) else "",
        )


def unreadable(exc: YAMLError, state: ParseState, text: str, display: str) -> Diagnostic:
    """The problem to report for a file the parser refused."""
    bad = NOT_ALLOWED.search(text)
    if bad:
        return _bad_character(bad, text, display)
    problem = _Place.of(getattr(exc, "problem_mark", None), text)
    if problem is None:
        return Diagnostic(
            display, 0, 0, "SR104", Severity.ERROR, "This is not valid YAML.", _GENERAL_HINT
        )
    context = _Place.of(getattr(exc, "context_mark", None), text)
    found = _explain(problem, context, isinstance(exc, ScannerError), state, text)
    place, message, hint = found
    return Diagnostic(display, place.line, place.column, "SR104", Severity.ERROR, message, hint)


def _bad_character(match: re.Match[str], text: str, display: str) -> Diagnostic:
    place = _Place.at(match.start(), text)
    code = ord(match.group())
    what = "a control character" if code < 0x20 or 0x7F <= code < 0xA0 else "a character"
    return Diagnostic(
        display,
        place.line,
        place.column,
        "SR102",
        Severity.ERROR,
        f"This file contains {what} that YAML does not allow (U+{code:04X}).",
        "Delete it (it is often invisible: retype the text around it); if the file is not a "
        "review, leave it out.",
    )


_Found = tuple[_Place, str, str]


@dataclass(frozen=True)
class _Scene:
    """The refusal and the text around it: what the rules below look at."""

    problem: _Place
    context: _Place | None  # the start of what was being read
    scanner: bool  # the scanner (characters) refused, rather than the parser (structure)
    state: ParseState
    text: str

    @property
    def opener(self) -> str:
        """The character at the start of what was being read."""
        return self.context.char if self.context is not None else ""

    @property
    def lines(self) -> list[str]:
        return _BREAK.split(self.text)

    @property
    def here(self) -> str:
        """The line of the problem."""
        lines, number = self.lines, self.problem.line
        return lines[number - 1] if 0 < number <= len(lines) else ""


def _explain(
    problem: _Place, context: _Place | None, scanner: bool, state: ParseState, text: str
) -> _Found:
    """Where to point, what is wrong and how to fix it, from the text around the refusal.

    The rules are tried in order and the first that recognises the text answers, so a more
    particular explanation (a tab, an unclosed quotation mark) comes before a general one.
    """
    scene = _Scene(problem, context, scanner, state, text)
    for rule in _RULES:
        found = rule(scene)
        if found is not None:
            return found
    return (problem, _invalid("YAML cannot read what starts here."), _GENERAL_HINT)


def _tab(scene: _Scene) -> _Found | None:
    problem, here = scene.problem, scene.here
    indent = here[: len(here) - len(here.lstrip(" \t"))]
    if "\t" not in indent and problem.char != "\t":
        return None
    where = indent.find("\t") if "\t" in indent else problem.column - 1
    spot = _Place(problem.index, problem.line, where + 1, "\t")
    if "\t" in indent:
        return (
            spot,
            "This line is indented with a tab. YAML only allows spaces.",
            "Replace the tab with spaces (two per level, lined up with the line "
            "above). Most editors can convert tabs to spaces for you.",
        )
    return (
        spot,
        "This line has a tab where YAML expects a space.",
        "Replace the tab with a space.",
    )


def _open_quote(scene: _Scene) -> _Found | None:
    context, opener = scene.context, scene.opener
    if context is None or not opener or opener not in "\"'":
        return None
    if not scene.text[scene.problem.index :].strip():  # nothing after it
        return (
            context,
            _invalid("a quotation mark is opened here but never closed."),
            "Close the quotation mark at the end of the text, or remove it.",
        )
    slash = scene.text.rfind("\\", context.index, scene.problem.index + 1)
    if scene.scanner and opener == '"' and slash > context.index:
        return (
            _Place.at(slash, scene.text),
            _invalid(
                "a backslash inside double quotes starts a code such as \\n, and "
                "this one is not a code YAML knows."
            ),
            "Write a backslash as \\\\ inside double quotes, or use single quotes.",
        )
    return None


def _after_quoted(scene: _Scene) -> _Found | None:
    quoted, problem, text = scene.state.last_scalar, scene.problem, scene.text
    if (
        scene.scanner
        or quoted is None
        or quoted.style not in ("'", '"')
        or quoted.end_mark.index > problem.index
        or _BREAK.search(text[quoted.end_mark.index : problem.index])
    ):
        return None
    start = quoted.start_mark
    source = text[start.index : quoted.end_mark.index]
    if any(_KEY_LINE.match(line) for line in _BREAK.split(source)[1:]):
        return (
            _Place(start.index, start.line + 1, start.column + 1, source[:1]),
            _invalid(
                f"the quotation mark opened here is not closed where its text ends, so "
                f"the text runs on to line {quoted.end_mark.line + 1}."
            ),
            "Close the quotation mark at the end of the text on this line.",
        )
    return (
        problem,
        _invalid("there is more text after the closing quotation mark."),
        "Put the whole text in quotes. Inside single quotes write an apostrophe as two "
        "(it''s), or use double quotes.",
    )


def _open_bracket(scene: _Scene) -> _Found | None:
    context, opener = scene.context, scene.opener
    if scene.scanner or context is None or opener not in "[{":
        return None
    closer = "]" if opener == "[" else "}"
    return (
        context,
        _invalid(f"this '{opener}' is never closed with '{closer}'."),
        f"Close it with '{closer}', or put text that contains brackets in double quotes.",
    )


def _colon(scene: _Scene) -> _Found | None:
    problem = scene.problem
    if problem.char != ":":
        return None
    before = scene.here[: problem.column - 1]
    if ": " not in before and _indented_under_text(scene.lines, problem.line):
        return (
            problem,
            _invalid(
                "this line is indented further than the line above, so YAML reads it "
                "as more of the text above."
            ),
            "Line this key up with the keys above it, using spaces.",
        )
    return (
        problem,
        _invalid("a colon followed by a space inside text that is not in quotes."),
        "Put the text in double quotes, or start it on the next line after '|'.",
    )


def _reserved(scene: _Scene) -> _Found | None:
    problem = scene.problem
    reserved = next((c for c in (problem.char, scene.opener) if c and c in "@`%?"), "")
    if not reserved:
        return None
    starts = problem if problem.char == reserved else scene.context
    assert starts is not None
    return (
        starts,
        _invalid(f"a value cannot start with '{reserved}': YAML keeps it for its own use."),
        f'Put the text in double quotes, for example "{reserved}...".',
    )


def _indicator(scene: _Scene) -> _Found | None:
    """A value on one line that starts with an alias, anchor, tag or block mark."""
    context, opener = scene.context, scene.opener
    if context is None or not opener or context.line != scene.problem.line:
        return None
    if opener in "*&!":
        return (
            context,
            _invalid(
                f"'{opener}' at the start of a value has a meaning in YAML (an alias, an "
                "anchor or a tag)."
            ),
            f'Put the text in double quotes, for example "{opener}...".',
        )
    if opener in "|>":
        return (
            context,
            _invalid(f"text after '{opener}' must start on the next line."),
            "Start the text on the next line, indented under the key; or put it in double "
            f"quotes if it starts with '{opener}'.",
        )
    return None


def _no_colon(scene: _Scene) -> _Found | None:
    context = scene.context
    if not scene.scanner or context is None or context.line >= scene.problem.line:
        return None
    return (
        context,
        _invalid("this line should be 'key: value' but has no colon."),
        "Write 'key: value', start a list item with '- ', or write text over several "
        "lines after '|'.",
    )


def _out_of_line(scene: _Scene) -> _Found | None:
    problem = scene.problem
    if scene.scanner:
        return None
    if problem.char == "-" or scene.state.in_block_list:
        return (
            problem,
            _invalid("a list item is not lined up with the items or keys around it."),
            "Start each list item with '- ' at the same indentation as the others, under its key.",
        )
    return (
        problem,
        _invalid("the indentation does not line up."),
        "Line this key up with the keys around it, using spaces.",
    )


_RULES: tuple[Callable[[_Scene], _Found | None], ...] = (
    _tab,
    _open_quote,
    _after_quoted,
    _open_bracket,
    _colon,
    _reserved,
    _indicator,
    _no_colon,
    _out_of_line,
)


#: What YAML counts as a line break, so that lines are numbered as the parser numbers them.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
#: A line that looks like the start of a 'key: value' line.
_KEY_LINE = re.compile(r"\s*[\w-]+:(\s|$)")


def _indented_under_text(lines: list[str], number: int) -> bool:
    """True when line ``number`` sits deeper than the nearest line above it with content."""
    if not 0 < number <= len(lines):
        return False
    here = lines[number - 1]
    depth = len(here) - len(here.lstrip(" "))
    for above in reversed(lines[: number - 1]):
        if above.strip() and not above.lstrip().startswith("#"):
            return depth > len(above) - len(above.lstrip(" "))
    return False


def _invalid(what: str) -> str:
    return f"This is not valid YAML: {what}"
