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

# A UPN is a check letter and 12 digits; a temporary UPN ends in a letter instead.
_UPN = re.compile(r"\b[A-Z]\d{12}\b|\b[A-Z]\d{11}[A-Z]\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w/.-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?![\w/-]|\.\d)"
)
_DATE = r"\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|[A-Za-z]{3,9})[\s/.-]\d{2,4}"
_DOB = re.compile(
    rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\b[\s:.-]{{0,4}}{_DATE}", re.IGNORECASE
)
_TITLED_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'-]+")

_PATTERNS = (
    ("SR501", _UPN, "looks like a Unique Pupil Number (UPN)"),
    ("SR502", _EMAIL, "looks like an email address"),
    ("SR503", _PHONE, "looks like a phone number"),
    ("SR504", _DOB, "looks like a date of birth"),
    ("SR505", _TITLED_NAME, "looks like a person's name"),
)

_HINT = (
    "Reviews are about provision, not individual pupils or staff. Remove it, or describe "
    "the group instead (for example 'pupils in Year 4 on SEN support'); name roles, not people."
)


def check_privacy(review: Review, doc: YamlDocument) -> Iterator[Diagnostic]:
    for path, text in _free_text(review):
        for code, pattern, what in _PATTERNS:
            for match in pattern.finditer(text):
                found = match.group(0)
                line, column = locate(doc, path, found)
                yield Diagnostic(
                    doc.file,
                    line,
                    column,
                    code,
                    Severity.WARNING,
                    f"'{found if code == 'SR505' else _mask(found)}' {what}.",
                    _HINT,
                    ".".join(str(p) for p in path),
                )


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
