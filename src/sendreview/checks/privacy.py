"""Does the free text look like it holds pupil data?

Reviews are about provision, not pupils. These patterns catch the identifiers that most
often slip in when text is pasted from a pupil record. They cannot catch a pupil's name,
so the scaffold and README also say plainly what must stay out.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from itertools import islice

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Review
from sendreview.prose import excerpt
from sendreview.source.yaml_reader import DataPath, YamlDocument

# Each pattern starts with its first character rather than an assertion, so the regular
# expression engine can skip quickly through ordinary prose: a trust's CI checks thousands of
# answers. The three that need a scan are joined into one pass.
_SCAN = re.compile(
    # A UPN: a check letter and 12 digits; a temporary UPN ends in a letter instead.
    r"(?P<SR501>[A-Z](?<![A-Za-z0-9][A-Z])\d{11}[0-9A-Z](?![A-Za-z0-9]))"
    # A UK phone number: +44 or 0, then 9 or 10 more digits, spaces and dashes allowed.
    r"|(?P<SR503>[+(0](?<![\w/.-][+(0])(?:(?<=\+)44\s?(?:\(0\)\s?)?|(?<=\()0|(?<=0))"
    r"\d{2,4}\)?(?:[\s-]?\d){6,8}(?![\w/-]|\.\d))"
    # A title and a capitalised name: Mrs Patel, Dr. Okafor.
    r"|(?P<SR505>(?:M(?<![A-Za-z]M)(?:rs|iss|r|s|x)|D(?<![A-Za-z]D)r)\.?\s+[A-Z][a-z'-]+)"
)
# The lookbehind makes a match start only where a run of address characters starts: without
# it, a long run of letters in a text with an '@' somewhere was rescanned from every letter.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATE = r"\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|[A-Za-z]{3,9})[\s/.-]\d{2,4}"
_DOB = re.compile(
    rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\b[\s:.-]{{0,4}}{_DATE}", re.IGNORECASE
)
_DOB_WORDS = ("dob", "d.o.b", "birth", "born")

_WHAT = {
    "SR501": "looks like a Unique Pupil Number (UPN)",
    "SR502": "looks like an email address",
    "SR503": "looks like a phone number",
    "SR504": "looks like a date of birth",
    "SR505": "looks like a person's name",
}

_HINT = (
    "Reviews are about provision, not individual pupils or staff. Remove it, or describe "
    "the group instead (for example 'pupils in Year 4 on SEN support'); name roles, not people."
)


#: Findings listed for one answer. An answer pasted from a pupil record can hold thousands;
#: after these, one more warning says there is more, and the rest of the text is not scanned.
MAX_PER_ANSWER = 10


def check_privacy(review: Review, doc: YamlDocument) -> Iterator[Diagnostic]:
    source = _Source(doc)
    for path, text in _free_text(review):
        findings = _findings(text, limit=MAX_PER_ANSWER + 1)
        if not findings:
            continue
        places = source.locate(path, [found for _, found in findings])
        data_path = ".".join(str(p) for p in path)
        for index, ((code, found), (line, column)) in enumerate(zip(findings, places, strict=True)):
            shown = excerpt(_mask_name(found) if code == "SR505" else _mask(found))
            message = f"'{shown}' {_WHAT[code]}."
            if index == MAX_PER_ANSWER:
                message += " There is more like this later in the answer: check all of it."
            yield Diagnostic(
                doc.file, line, column, code, Severity.WARNING, message, _HINT, data_path
            )


def _findings(text: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(code, matched text) for what in ``text`` looks like personal data, in the order it
    appears: the first ``limit`` of them when given. Each pattern scans the text once (and
    stops after ``limit`` matches), so the cost follows the text's length."""
    found: list[tuple[int, str, str]] = []
    for match in islice(_SCAN.finditer(text), limit):
        assert match.lastgroup is not None
        found.append((match.start(), match.lastgroup, match.group()))
    if "@" in text:  # cheap tests first: most answers have no @ and no 'born'
        found += [(m.start(), "SR502", m.group()) for m in islice(_EMAIL.finditer(text), limit)]
    lowered = text.lower()
    if any(word in lowered for word in _DOB_WORDS):
        found += [(m.start(), "SR504", m.group()) for m in islice(_DOB.finditer(text), limit)]
    found.sort()
    return [(code, match) for _, code, match in found[:limit]]


def _free_text(review: Review) -> Iterator[tuple[DataPath, str]]:
    for index, who in enumerate(review.completed_by):
        yield ("completed_by", index), who
    if review.moderated_by:
        yield ("moderated_by",), review.moderated_by
    for statement_id, response in review.responses.items():
        here = ("responses", statement_id)
        yield (*here, "strengths"), response.strengths
        yield (*here, "areas_for_development"), response.areas_for_development
        if isinstance(response.not_applicable, str):
            yield (*here, "not_applicable"), response.not_applicable
        for index, item in enumerate(response.evidence):
            yield (*here, "evidence", index), item
    for area_id, plan in review.action_plans.items():
        yield ("action_plans", area_id, "summary"), plan.summary
        for index, action in enumerate(plan.actions):
            here = ("action_plans", area_id, "actions", index)
            yield (*here, "action"), action.action
            yield (*here, "owner"), action.owner
            yield (*here, "success_criteria"), action.success_criteria


class _Source:
    """Finds where matched text sits in the file, in time that follows the file's size.

    Block text (``|``) starts on the line after its key, and a value's own position alone
    would point a person at the wrong line of a long answer; so each finding is searched for
    in the source, from the end of the one before it and no further than where the next
    value begins. Searching the whole file again for every finding made a 256 KB answer full
    of names take 12 seconds.
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.text = doc.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.value_starts = sorted({self._offset(p) for p in doc.positions.values()})

    def _offset(self, position: tuple[int, int]) -> int:
        line, column = position
        if not 1 <= line <= len(self.line_starts):
            return len(self.text)
        return min(self.line_starts[line - 1] + max(column - 1, 0), len(self.text))

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, path: DataPath, found: list[str]) -> list[tuple[int, int]]:
        """The line and column of each of ``found`` (in order) within the value at ``path``."""
        here = self.doc.position(path)
        start = self._offset(here)
        after = bisect.bisect_right(self.value_starts, start)
        end = self.value_starts[after] if after < len(self.value_starts) else len(self.text)
        places = []
        cursor: int | None = start
        for text in found:
            # A match across a line break is searched for by its first line, since the
            # source has the text's indentation where the value has a plain line break.
            first = text.split("\n", 1)[0]
            at = self.text.find(first, cursor, end) if cursor is not None else -1
            if at < 0:
                cursor = None  # not written as read (escapes in quotes): stop looking
                places.append(here)
                continue
            places.append(self._position(at))
            cursor = at + len(first)
        return places


def _mask_name(found: str) -> str:
    """'Mrs P…': the title and an initial find it in the file; the name stays out of the log."""
    title, _, name = found.partition(" ")
    return f"{title} {name.lstrip()[:1]}…"


def _mask(found: str) -> str:
    """Show enough to find it, not the whole identifier again in a CI log."""
    if len(found) <= 6:
        return found
    return found[:3] + "…" + found[-2:]
