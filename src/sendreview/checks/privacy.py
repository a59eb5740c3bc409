"""Does the free text look like it holds pupil data?

Reviews are about provision, not pupils. These patterns catch the identifiers that most
often slip in when text is pasted from a pupil record. They cannot catch a pupil's name,
so the scaffold and README also say plainly what must stay out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from sendreview.checks.context import CheckContext, Places, rule
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Review
from sendreview.prose import excerpt
from sendreview.source.yaml_document import DataPath, format_path

# Each pattern starts with its first character rather than an assertion, so the regular
# expression engine can skip quickly through ordinary prose: a trust's CI checks thousands of
# answers. Each is scanned for on its own: joined into one pattern, the three took two and a
# half times as long as three scans, since the engine could no longer skip ahead.
_PATTERNS = (
    # A UPN: a check letter and 12 digits; a temporary UPN ends in a letter instead.
    ("SR501", r"[A-Z](?<![A-Za-z0-9][A-Z])\d{11}[0-9A-Z](?![A-Za-z0-9])"),
    # A UK phone number: +44 or 0, then 9 or 10 more digits, spaces and dashes allowed.
    (
        "SR503",
        r"[+(0](?<![\w/.-][+(0])(?:(?<=\+)44\s?(?:\(0\)\s?)?|(?<=\()0|(?<=0))"
        r"\d{2,4}\)?(?:[\s-]?\d){6,8}(?![\w/-]|\.\d)",
    ),
    # A title and a capitalised name: Mrs Patel, Dr. Okafor.
    ("SR505", r"(?:M(?<![A-Za-z]M)(?:rs|iss|r|s|x)|D(?<![A-Za-z]D)r)\.?\s+[A-Z][a-z'-]+"),
)
_SCANS = tuple((code, re.compile(pattern)) for code, pattern in _PATTERNS)
# The lookbehind makes a match start only where a run of address characters starts: without
# it, a long run of letters in a text with an '@' somewhere was rescanned from every letter.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DATE = r"\d{1,2}(?:st|nd|rd|th)?[\s/.-](?:\d{1,2}|[A-Za-z]{3,9})[\s/.-]\d{2,4}"
_DOB = re.compile(
    rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\b[\s:.-]{{0,4}}{_DATE}", re.IGNORECASE
)
#: Looked for in the lowered text before the date-of-birth pattern is tried at all.
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


#: Between texts scanned together: no pattern matches across it (it is neither a word
#: character nor a space), and at its side each pattern sees what it sees at a text's edge.
_APART = "\x00"

#: Findings listed for one answer. An answer pasted from a pupil record can hold thousands;
#: after these, one more warning says there is more, and the rest of the text is not scanned.
MAX_PER_ANSWER = 10


@rule("privacy", "SR501", "SR502", "SR503", "SR504", "SR505", needs_framework=False)
def check_privacy(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Each finding is placed at the text itself, not at the start of a long answer."""
    return text_problems(ctx.places, _free_text(ctx.review))


def text_problems(places: Places, texts: Iterable[tuple[DataPath, str]]) -> Iterator[Diagnostic]:
    """What looks like pupil data in each of ``texts`` (a data path and its text), placed
    through ``places``: a review's answers, and the same over a moderator's comments."""
    texts = list(texts)
    if not _findings(_APART.join(text for _, text in texts), limit=1):
        return  # most reviews: one scan of all their text, not one for each answer
    for path, text in texts:
        findings = _findings(text, limit=MAX_PER_ANSWER + 1) if text else None
        if not findings:
            continue
        where_found = places.locate_text(path, [found for _, found in findings])
        data_path = format_path(path)
        for index, ((code, found), where) in enumerate(zip(findings, where_found, strict=True)):
            shown = excerpt(_mask_name(found) if code == "SR505" else _mask(found))
            message = f"'{shown}' {_WHAT[code]}."
            if index == MAX_PER_ANSWER:
                message += " There is more like this later in the answer: check all of it."
            yield Diagnostic.at(where, code, Severity.WARNING, message, _HINT, data_path)


def _findings(text: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(code, matched text) for what in ``text`` looks like personal data, in the order it
    appears: the first ``limit`` of them when given. Each pattern scans the text once (and
    stops after ``limit`` matches), so the cost follows the text's length."""
    found = [
        (match.start(), code, match.group())
        for code, pattern in _SCANS
        for match in islice(pattern.finditer(text), limit)
    ]
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
        here: DataPath = ("responses", statement_id)
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


def _mask_name(found: str) -> str:
    """'Mrs P…': the title and an initial find it in the file; the name stays out of the log."""
    title, _, name = found.partition(" ")
    return f"{title} {name.lstrip()[:1]}…"


def _mask(found: str) -> str:
    """Show enough to find it, not the whole identifier again in a CI log."""
    if len(found) <= 6:
        return found
    return found[:3] + "…" + found[-2:]
