"""Write an academy's SEN context as YAML that a SENCO can fill in by hand.

Every count has a comment saying what goes there, so the person filling it in needs no
guide beside the file. A count not known yet is written blank, never 0: validate tells
"not filled in yet" (blank) from "none" (0), and a scaffolded file stays visibly unfinished.
The census codes are grouped under the four broad areas of need, in the same order in every
file, so a change to one count is a one-line diff.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator

from sendreview.model.context import (
    BROAD_AREA_TITLES,
    BROAD_AREAS,
    NEED_CODES,
    ByProvision,
    SenContext,
)
from sendreview.source.yaml_writer import scalar

WIDTH = 96
#: The column comments start in, so the counts and their comments line up.
_COMMENT_COLUMN = 26

_INSTRUCTIONS = (
    "The SEN context of {academy} for cycle {cycle}: counts of pupils, never names or "
    "other details of any pupil.",
    "",
    "Fill in each count as a whole number, from your school census return (or your MIS on "
    "the census date). Write 0 where there are none; leave a count blank only while you do "
    "not know it yet.",
    "Check your work with: sendreview validate",
)

#: What each top-level count is, for its comment.
_COUNTS = {
    "pupils": "pupils on roll on the census date",
    "sen_support": "pupils on SEN support (census provision code K)",
    "ehc_plans": "pupils with an EHC plan (census provision code E)",
}

_BY_PROVISION = {
    "no_sen": "pupils with no SEN",
    "sen_support": "pupils on SEN support",
    "ehc_plan": "pupils with an EHC plan",
}


def context_text(context: SenContext, *, schema_link: str | None = None) -> str:
    """The whole file for ``context``; ``schema_link`` is the path from the file to its JSON
    Schema (written as the ``yaml-language-server`` line that makes editors check it)."""
    lines: list[str] = []
    if schema_link:
        lines.append(f"# yaml-language-server: $schema={schema_link}")
    lines += _instructions(context)
    lines += [
        f"academy: {scalar(context.academy)}",
        f"cycle: {scalar(context.cycle)}",
        _commented(
            f"census_date: {_date(context.census_date)}",
            "the census the counts come from, YYYY-MM-DD",
        ),
    ]
    lines += [
        _commented(f"{key}: {_count(getattr(context, key))}", c) for key, c in _COUNTS.items()
    ]
    lines += ["", *_primary_need(context.primary_need)]
    lines += ["", *_exclusions(context)]
    return "\n".join(lines) + "\n"


def _instructions(context: SenContext) -> list[str]:
    out = ["#"]
    for paragraph in _INSTRUCTIONS:
        text = paragraph.format(academy=context.academy, cycle=context.cycle)
        out += ["# " + line for line in textwrap.wrap(text, WIDTH - 2)] or ["#"]
    return [*out, "#"]


def _primary_need(counts: dict[str, int | None]) -> Iterator[str]:
    """Every census code, grouped by broad area; a code not in ``counts`` is written blank.
    Codes that are not on the census list are kept, last, for validate to point out."""
    yield "# Pupils with SEN (support or plan) by their primary need. Together these should"
    yield "# add up to sen_support + ehc_plans. NSA is for pupils on SEN support only."
    yield "primary_need:"
    for area, codes in BROAD_AREAS.items():
        yield f"  # {BROAD_AREA_TITLES[area]}"
        for code in codes:
            yield _commented(f"  {code}: {_count(counts.get(code))}", NEED_CODES[code])
    others = [code for code in counts if code not in NEED_CODES]
    if others:
        yield "  # Not on the census list"
        for code in others:
            yield f"  {scalar(code)}: {_count(counts[code])}".rstrip()


def _exclusions(context: SenContext) -> Iterator[str]:
    yield "# Suspensions and permanent exclusions over a period, by the pupils' provision."
    yield "# Leave these blank if you do not report them."
    yield _commented(
        f"period: {scalar(context.period) if context.period else ''}", "for example 2025-26"
    )
    for key, title in (
        ("suspensions", "suspensions"),
        ("permanent_exclusions", "permanent exclusions"),
    ):
        counts: ByProvision = getattr(context, key) or ByProvision()
        yield f"{key}:"
        for field, what in _BY_PROVISION.items():
            yield _commented(f"  {field}: {_count(getattr(counts, field))}", f"{title} of {what}")


def _count(value: int | None) -> str:
    return "" if value is None else str(value)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _commented(line: str, comment: str) -> str:
    line = line.rstrip()
    if len(line) <= _COMMENT_COLUMN - 2:
        return f"{line:<{_COMMENT_COLUMN}}# {comment}"
    return f"{line}  # {comment}"
