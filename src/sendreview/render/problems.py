"""Output formats for diagnostics: text, JSON and GitHub annotations.

They are listed, with the CLI's other formats, in :mod:`sendreview.render.registry`; each
takes the report and the files to put first (``changed_first``, which only GitHub's ordering
uses, since GitHub annotates only the first few problems of a step).

File names, messages and hints quote text from files, which can hold escape codes and
bidirectional or zero-width characters. The text and GitHub formats show those as escapes
(:func:`sendreview.prose.visible`); JSON keeps every string exact, writing them as JSON's own
``\\u`` escapes, so nothing a terminal acts on is printed raw in any format.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from itertools import groupby

from sendreview.diagnostics import Diagnostic, Report, sort_key
from sendreview.prose import is_hidden, plural, visible

#: A piece of a line of the text format and what it is: "file", "error", "warning", "hint"
#: or "" (plain). The terminal colours pieces by what they are; plain text joins them.
Piece = tuple[str, str]


def summary(report: Report) -> str:
    files = len(report.files)
    checked = f"Checked {plural(files, 'file')}"
    if not report.diagnostics:
        return f"{checked}: no problems found."
    with_problems = len({d.file for d in report.diagnostics})
    counts = ((report.errors, "error"), (report.warnings, "warning"))
    found = ", ".join(plural(n, word) for n, word in counts if n)
    return f"{checked}: {found} in {plural(with_problems, 'file')}."


def lines(report: Report) -> Iterator[list[Piece]]:
    """The text format's lines, each as pieces that say what they show."""
    for file, items in groupby(report.sorted(), key=lambda d: d.file):
        yield [(visible(file), "file")]
        for d in items:
            severity = d.severity.value
            yield [
                (f"  {visible(d.location())}: ", ""),
                (f"{severity}[{d.code}]", severity),
                (f" {visible(d.headline)}", ""),
            ]
            if d.hint:
                yield [(f"      hint: {visible(d.hint)}", "hint")]
        yield []
    yield [(summary(report), "")]


def as_text(report: Report, changed_first: Collection[str] = ()) -> str:
    return "\n".join("".join(text for text, _ in line) for line in lines(report))


def as_json(report: Report, changed_first: Collection[str] = ()) -> str:
    return exact_json([d.as_dict() for d in report.sorted()])


_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")


def exact_json(data: object) -> str:
    """JSON for stdout: readable accents and emoji, but every character a terminal would act
    on (which ``json.dumps`` leaves raw above U+007F) written as a ``\\u`` escape. The data
    read back is exactly the data written."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _NOT_PLAIN.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n" or not is_hidden(char):
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes characters beyond the first plane as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


#: GitHub turns at most this many errors, and as many warnings, of one step into annotations
#: on the files; the rest stay in the log only.
ANNOTATIONS_PER_STEP = 10


def as_github(report: Report, changed_first: Collection[str] = ()) -> str:
    """Workflow commands, so problems show on the lines of the pull request's files.

    GitHub keeps the first few of each kind a step prints, so errors come before warnings and
    the files in ``changed_first`` (those a pull request changed) before the others: a
    SENCO's change is annotated on their own file, not on someone else's unfinished one.
    """
    changed = set(changed_first)
    ordered = sorted(
        report.diagnostics, key=lambda d: (not d.is_error, d.file not in changed, sort_key(d))
    )
    lines = [_annotation(d) for d in ordered]
    if max(report.errors, report.warnings) > ANNOTATIONS_PER_STEP:
        lines.append(
            f"GitHub marks the first {ANNOTATIONS_PER_STEP} errors and {ANNOTATIONS_PER_STEP} "
            "warnings on the files; every problem is listed above."
        )
    lines.append(summary(report))
    return "\n".join(lines)


def _annotation(d: Diagnostic) -> str:
    props = [f"file={_escape_property(visible(d.file))}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column}"]
    props.append(f"title={_escape_property(d.code)}")
    message = visible(d.headline) + (f"\n{visible(d.hint)}" if d.hint else "")
    return f"::{d.severity.value} {','.join(props)}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
