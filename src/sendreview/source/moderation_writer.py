"""Write a moderation file a moderator can fill in by hand, beside the academy's own words.

Under each statement's text the academy's own rating, strengths and areas for development
are written as comments, so the moderator reads what the academy said right above the blank
``rating:`` and ``comment:`` they fill in, and never edits the academy's review. The keys
come in the same order in every file, so a change to one rating is a one-line diff.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from sendreview.model import Framework, Response, Review
from sendreview.model.framework import Statement
from sendreview.model.moderation import ModeratedResponse, Moderation
from sendreview.prose import visible
from sendreview.source.review_writer import comment_text, schema_comment
from sendreview.source.yaml_writer import field_lines, quoted, scalar

WIDTH = 96
#: The column comments start in, so the header's values and their comments line up.
_COMMENT_COLUMN = 34

_INSTRUCTIONS = (
    "Moderation of {academy}'s {framework}, cycle {cycle}.",
    "",
    "Under each statement are the academy's own rating and words (the lines starting "
    "'# Academy'). Where you have looked at a statement, give your rating on the same scale "
    "({scale}) and a comment; always say why where your rating differs from the academy's. "
    "Leave a statement blank if you did not moderate it: it is not counted. The academy's "
    "own review is never changed by this file.",
    "Fill in who you are (a role, such as External reviewer (NLE), Trust SEND lead or Peer "
    "SENCO; a peer SENCO also gives their academy's id), the date and an overall summary.",
    "Moderation is about provision, not pupils: no names, UPNs, dates of birth, emails or "
    "phone numbers.",
    "Check your work with: sendreview validate",
)


def moderation_text(
    moderation: Moderation,
    framework: Framework,
    review: Review,
    *,
    schema_link: str | None = None,
    academy_name: str = "",
) -> str:
    """The whole file: instructions, who moderated and when, the summary, and every
    statement of ``framework`` with ``review``'s answer above ``moderation``'s."""
    lines: list[str] = [schema_comment(schema_link)] if schema_link else []
    lines += _instructions(moderation, framework, academy_name or moderation.academy)
    lines += _about(moderation, framework)
    lines += ["", "responses:"]
    for area in framework.areas:
        lines += ["", f"  # ==== {area.title} ===="]
        for statement in area.statements:
            lines += _statement(
                statement,
                review.responses.get(statement.id),
                moderation.responses.get(statement.id),
                framework,
            )
    return "\n".join(lines) + "\n"


def _instructions(moderation: Moderation, framework: Framework, academy: str) -> list[str]:
    scale = ", ".join(framework.rating_ids)
    out = ["#"]
    for paragraph in _INSTRUCTIONS:
        text = paragraph.format(
            academy=academy, framework=framework.title, cycle=moderation.cycle, scale=scale
        )
        out += ["# " + line for line in textwrap.wrap(text, WIDTH - 2)] or ["#"]
    return [*out, "#"]


def _about(moderation: Moderation, framework: Framework) -> list[str]:
    """Whose review, who moderated and when, and the moderator's overall summary."""
    who = moderation.moderator
    date = moderation.date.isoformat() if moderation.date else ""
    return [
        f"framework: {scalar(framework.id)}",
        f"framework_version: {quoted(framework.version)}",
        f"cycle: {scalar(moderation.cycle)}",
        f"academy: {scalar(moderation.academy)}",
        "moderator:",
        _commented(f"  role: {_text(who.role)}", "a role, such as Peer SENCO; not a name"),
        _commented(f"  name: {_text(who.name)}", "optional"),
        _commented(f"  academy: {_text(who.academy)}", "a peer SENCO's academy id"),
        _commented(f"date: {date}", "the day you moderated, YYYY-MM-DD"),
        "# Your overall view of the review, for the academy and the trust:",
        *field_lines("summary", moderation.summary, 0),
    ]


def _statement(
    statement: Statement,
    own: Response | None,
    moderated: ModeratedResponse | None,
    framework: Framework,
) -> Iterator[str]:
    yield f"  {statement.id}:"
    yield from _comment(statement.text, "    # ")
    yield from _academy_said(own, framework)
    moderated = moderated or ModeratedResponse()
    # The choices on a line of their own, as in a review: a comment after a blank
    # ``rating:`` leaves VS Code's YAML extension nothing to complete the scale into.
    yield f"    # rating: {', '.join(framework.rating_ids)}"
    yield f"    rating: {scalar(moderated.rating) if moderated.rating else ''}".rstrip()
    yield from field_lines("comment", moderated.comment, 4)


def _academy_said(own: Response | None, framework: Framework) -> Iterator[str]:
    """The academy's answer as comments: its rating (or why the statement does not apply),
    then its words, so the moderator compares without opening the review."""
    if own is None or (own.rating is None and not own.is_not_applicable):
        yield "    # Academy's rating: not rated"
    elif own.is_not_applicable:
        reason = own.not_applicable if isinstance(own.not_applicable, str) else ""
        said = f"not applicable: {_shown(reason)}" if reason else "not applicable"
        yield f"    # Academy's rating: {said}"
    else:
        level = framework.rating(own.rating or "")
        yield f"    # Academy's rating: {_shown(level.label if level else own.rating or '')}"
    if own is None:
        return
    for label, text in (
        (framework.labels.strengths, own.strengths),
        (framework.labels.areas_for_development, own.areas_for_development),
    ):
        if text.strip():
            yield from _comment(f"{label.lower()}: {' '.join(text.split())}", "    # Academy's ")


def _comment(text: str, first: str) -> Iterator[str]:
    """``text`` wrapped as comment lines, the first starting ``first``, the rest indented
    under it. Every character a YAML file may not hold, and every one an editor would act on
    or show as nothing (a right-to-left override, say), is written as an escape: a comment is
    read, never parsed, so it must show what the academy wrote as it is."""
    rest = "    #   " if first.endswith("Academy's ") else first
    lines = textwrap.wrap(_shown(text), WIDTH - len(first)) or [""]
    yield (first + lines[0]).rstrip()
    for line in lines[1:]:
        yield (rest + line).rstrip()


def _shown(text: str) -> str:
    return comment_text(visible(text))


def _text(value: str | None) -> str:
    return scalar(value) if value else ""


def _commented(line: str, comment: str) -> str:
    line = line.rstrip()
    if len(line) <= _COMMENT_COLUMN - 2:
        return f"{line:<{_COMMENT_COLUMN}}# {comment}"
    return f"{line}  # {comment}"
