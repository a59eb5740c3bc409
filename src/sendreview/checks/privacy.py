"""Does the free text look like it holds pupil data?

Reviews are about provision, not pupils. These patterns catch the identifiers that most
often slip in when text is pasted from a pupil record. They cannot catch a pupil's name,
so the scaffold and README also say plainly what must stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.models import Review
from sendreview.yamlsource import DataPath, YamlDocument

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
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
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


def check_privacy(review: Review, doc: YamlDocument) -> Iterator[Diagnostic]:
    for path, text in _free_text(review):
        for code, found in _findings(text):
            line, column = locate(doc, path, found)
            shown = found if code == "SR505" else _mask(found)
            yield Diagnostic(
                doc.file,
                line,
                column,
                code,
                Severity.WARNING,
                f"'{shown}' {_WHAT[code]}.",
                _HINT,
                ".".join(str(p) for p in path),
            )


def _findings(text: str) -> Iterator[tuple[str, str]]:
    """(code, matched text) for everything in ``text`` that looks like personal data."""
    for match in _SCAN.finditer(text):
        code = match.lastgroup
        assert code is not None
        yield code, match.group()
    if "@" in text:  # cheap tests first: most answers have no @ and no 'born'
        yield from (("SR502", m.group()) for m in _EMAIL.finditer(text))
    lowered = text.lower()
    if any(word in lowered for word in _DOB_WORDS):
        yield from (("SR504", m.group()) for m in _DOB.finditer(text))


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


def locate(doc: YamlDocument, path: DataPath, found: str) -> tuple[int, int]:
    """The line and column of ``found`` in the source, searching from the value's own line.

    Block text (``|``) starts on the line after its key, so the value's position alone would
    point a person at the wrong line of a long answer.
    """
    line, column = doc.position(path)
    lines = doc.text.splitlines()
    for number in range(line - 1, min(len(lines), line + 200)):
        at = lines[number].find(found)
        if at >= 0:
            return number + 1, at + 1
    return line, column


def _mask(found: str) -> str:
    """Show enough to find it, not the whole identifier again in a CI log."""
    if len(found) <= 6:
        return found
    return found[:3] + "…" + found[-2:]
