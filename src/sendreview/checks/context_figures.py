"""The checks of an academy's SEN context: do its counts add up, and is it filled in?

Not a rule of the review registry: a context is not a review (no framework, no answers).
The same checks run on a context file and on a row of a cycle's CSV of contexts, whose
document places each value at its row and column; so every problem here is found through
the document, never through a line of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model.context import NEED_CODES, SenContext
from sendreview.model.cycles import term_of
from sendreview.model.trust import Trust
from sendreview.prose import did_you_mean, excerpt, join_words, plural
from sendreview.source.yaml_document import YamlDocument

WARNING = Severity.WARNING
_COUNTS = ("pupils", "sen_support", "ehc_plans")
_DATE_HINT = "the date of the census the counts come from, for example {example}"


@dataclass(frozen=True)
class Expected:
    """What the file's place says the context must be: the academies of the trust file, the
    cycle of its folder, the academy its name gives (None for a row of a CSV)."""

    trust: Trust | None
    cycle: str | None
    academy: str | None = None
    file_name: str = ""


def check_context(context: SenContext, doc: YamlDocument, expected: Expected) -> list[Diagnostic]:
    """Every problem with ``context``, placed through ``doc``."""
    found = [*_whose(context, doc, expected), *_unfinished(context, doc)]
    return [*found, *_codes(context, doc), *_adds_up(context, doc), *_dates(context, doc)]


def _whose(context: SenContext, doc: YamlDocument, expected: Expected) -> Iterator[Diagnostic]:
    """The academy is the trust's and the file's; the cycle is its folder's."""
    trust = expected.trust
    if trust is not None and trust.academy(context.academy) is None:
        yield doc.problem(
            "SR303",
            f"'{excerpt(context.academy)}' is not an academy in the trust file.",
            did_you_mean(context.academy, [a.id for a in trust.academies])
            + "Add the academy to sendreview.yaml, or correct the id.",
            path=("academy",),
        )
    if expected.academy is not None and context.academy != expected.academy:
        yield doc.problem(
            "SR307",
            f"This file is named '{expected.file_name}' but holds the context of "
            f"'{excerpt(context.academy)}'.",
            f"Rename it to '{context.academy}.yaml', or correct 'academy'.",
            path=("academy",),
        )
    if expected.cycle is not None and context.cycle != expected.cycle:
        yield doc.problem(
            "SR306",
            f"This file is in the folder for cycle '{expected.cycle}' "
            f"but says cycle '{excerpt(context.cycle)}'.",
            did_you_mean(context.cycle, [expected.cycle])
            + "Move the file to the right cycle's folder, or correct 'cycle'.",
            path=("cycle",),
        )


def _unfinished(context: SenContext, doc: YamlDocument) -> Iterator[Diagnostic]:
    """Blank counts: "not filled in yet", which 0 ("none") is not."""
    blank = [key for key in _COUNTS if getattr(context, key) is None]
    codes = [code for code, count in context.primary_need.items() if count is None]
    if context.census_date is None:
        blank.insert(0, "census_date")
    if len(blank) == len(_COUNTS) + 1 and (codes or not context.primary_need):
        yield doc.problem(
            "SR807",
            f"The SEN context of {context.academy} is not filled in yet.",
            "Fill in the census date and the counts from your school census return, "
            "then run 'sendreview validate' again.",
            path=("pupils",),
        )
        return
    for key in blank:
        yield doc.problem(
            "SR807",
            f"'{key}' is not filled in yet.",
            "Write the number from your census return (0 if there are none)."
            if key != "census_date"
            else "Write " + _DATE_HINT.format(example=_example(context)) + ".",
            path=(key,),
        )
    if codes:
        yield doc.problem(
            "SR807",
            f"The primary need counts for {join_words(codes)} are not filled in yet.",
            "Write 0 for a need no pupil has, so that blank means only 'not known yet'.",
            path=("primary_need", codes[0]),
        )


def _example(context: SenContext) -> str:
    term = term_of(context.cycle)
    return term.example_date().isoformat() if term else "2026-10-01"


def _codes(context: SenContext, doc: YamlDocument) -> Iterator[Diagnostic]:
    """Codes from the census list; ``NSA`` only for pupils on SEN support."""
    for code in context.primary_need:
        if code not in NEED_CODES:
            yield doc.problem(
                "SR803",
                f"'{excerpt(code)}' is not a primary need code of the school census.",
                did_you_mean(code, list(NEED_CODES), cutoff=0.5)
                + "The codes are "
                + join_words(list(NEED_CODES))
                + ".",
                path=("primary_need", code),
                key=True,
            )
    nsa, support = context.primary_need.get("NSA"), context.sen_support
    if nsa is not None and support is not None and nsa > support:
        yield doc.problem(
            "SR804",
            f"{plural(nsa, 'pupil')} with no specialist assessment of need (NSA), but only "
            f"{support} on SEN support: NSA is for pupils on SEN support only.",
            "Give pupils with an EHC plan the primary need their plan names.",
            path=("primary_need", "NSA"),
        )


def _adds_up(context: SenContext, doc: YamlDocument) -> Iterator[Diagnostic]:
    """With SEN no more than on roll (an error); need counts sum to those with SEN (warning)."""
    with_sen, pupils = context.with_sen, context.pupils
    if with_sen is not None and pupils is not None and with_sen > pupils:
        yield doc.problem(
            "SR801",
            f"sen_support and ehc_plans add up to {with_sen}, more than the "
            f"{plural(pupils, 'pupil')} on roll.",
            "Check the three counts against your census return: a pupil counts once, on "
            "SEN support or with an EHC plan, never both.",
            path=("sen_support",),
        )
    counts = list(context.primary_need.values())
    if with_sen is None or not counts or None in counts:
        return
    total = sum(count or 0 for count in counts)
    if total != with_sen:
        gap = total - with_sen
        more = f"{gap} more than" if gap > 0 else f"{-gap} fewer than"
        yield doc.problem(
            "SR802",
            f"The primary need counts add up to {total}, {more} the {with_sen} pupils with "
            f"SEN (sen_support {context.sen_support} + ehc_plans {context.ehc_plans}).",
            "Each pupil with SEN has one primary need: check the counts against your census "
            "return.",
            path=("primary_need",),
            key=True,
            severity=WARNING,
        )


def _dates(context: SenContext, doc: YamlDocument) -> Iterator[Diagnostic]:
    """The census date in (or about) the cycle's term; a period for exclusions' counts."""
    term = term_of(context.cycle)
    day = context.census_date
    if term is not None and day is not None and not term.contains(day):
        yield doc.problem(
            "SR805",
            f"The census date {day.isoformat()} is not in or near {term.describe()}.",
            "Use the census taken in the cycle's term (October for autumn, January for "
            "spring, May for summer), or check the year.",
            path=("census_date",),
            severity=WARNING,
        )
    for key in ("suspensions", "permanent_exclusions"):
        counts = getattr(context, key)
        filled = counts is not None and any(v is not None for v in counts.model_dump().values())
        if filled and context.period is None:
            yield doc.problem(
                "SR806",
                f"{key.replace('_', ' ').capitalize()} are given without the period they "
                "were counted over.",
                "Add the period, for example 'period: 2025-26' for the last school year.",
                path=(key,),
                key=True,
            )
