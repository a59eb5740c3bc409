"""Write a review as YAML that a person can fill in by hand and that diffs well in git.

Each statement's full text sits in a comment right above its answer, so the person filling
it in never needs the framework open beside it. Keys always appear in the same order and
long text is written as ``|`` blocks, one sentence per line where the writer used lines, so
a change to one answer is a small diff.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterator, Mapping

from sendreview.model import Framework, Response, Review
from sendreview.model.framework import Statement
from sendreview.model.review import Action, ActionPlan
from sendreview.source.yaml_writer import ESCAPE, field_lines, flow_list, quoted, scalar

WIDTH = 96


def schema_comment(relative_schema: str) -> str:
    """The line that makes VS Code's YAML extension check the file as it is typed."""
    return f"# yaml-language-server: $schema={relative_schema}"


def render_review(
    review: Review,
    framework: Framework,
    *,
    schema: str | None = None,
    subject_name: str = "",
    last_cycle: Mapping[str, str] | None = None,
) -> str:
    """The whole file for ``review``: header, every statement, every area's action plan.

    ``last_cycle`` gives what the previous cycle said of a statement (a rating id, or 'not
    applicable'), written as a comment beside it for a SENCO who writes this cycle afresh.
    """
    last_cycle = last_cycle or {}
    lines: list[str] = []
    if schema:
        lines.append(schema_comment(schema))
    lines += _instructions(framework, review, subject_name)
    lines += _about(review, framework)
    lines += ["", "responses:"]
    for area in framework.areas:
        lines += ["", f"  # ==== {area.title} ===="]
        for statement in area.statements:
            response = review.responses.get(statement.id)
            lines += _response(statement, response, framework, last_cycle.get(statement.id))
    if framework.action_plan:
        lines += ["", "action_plans:"]
        for area in framework.areas:
            lines += _action_plan(area.id, area.title, review.action_plans.get(area.id))
    return "\n".join(lines) + "\n"


def _about(review: Review, framework: Framework) -> list[str]:
    """The top-level keys that say whose review this is, when and by whom."""
    lines = [
        f"framework: {scalar(framework.id)}",
        f"framework_version: {quoted(framework.version)}",
        f"cycle: {scalar(review.cycle)}",
    ]
    if review.academy:
        lines.append(f"academy: {scalar(review.academy)}")
    lines.append(
        _with_comment(
            f"review_date: {_date(review.review_date)}",
            "the date the review was carried out, YYYY-MM-DD",
        )
    )
    lines.append(
        _with_comment(
            f"completed_by: {flow_list(review.completed_by)}",
            "roles, for example [SENCO, Headteacher]; never names",
        )
    )
    if review.moderated_by:
        lines.append(f"moderated_by: {scalar(review.moderated_by)}")
    return lines


def _instructions(framework: Framework, review: Review, subject_name: str) -> list[str]:
    about = f" for {subject_name}" if subject_name else ""
    scale = ", ".join(r.id for r in framework.rating_scale)
    text = [
        f"{framework.title}{about}, cycle {review.cycle}.",
        "",
        f"For each statement: set rating to one of {scale}; write "
        f"{framework.labels.strengths.lower()} and "
        f"{framework.labels.areas_for_development.lower()} "
        "(after 'strengths: |' text can run over several lines, indented); list the evidence "
        "that backs your answer, one document per line starting with '- '.",
        "If a statement does not apply here, leave rating empty and write the reason: "
        "not_applicable: No pupils in the school have an EHC plan.",
        "Reviews are about provision, not pupils: no names, UPNs, dates of birth, emails or "
        "phone numbers. Name roles (SENCO, class teacher), not people.",
        "Check your work with: sendreview validate",
    ]
    out = ["#"]
    for paragraph in text:
        out += ["# " + line for line in textwrap.wrap(paragraph, WIDTH - 2)] or ["#"]
    return [*out, "#"]


def _response(
    statement: Statement, response: Response | None, framework: Framework, last: str | None
) -> Iterator[str]:
    yield f"  {statement.id}:"
    yield from _comment(statement.text, indent=4)
    if last is not None:
        # Under the statement's text, above the answer it is a reminder for.
        yield f"    # last cycle: {comment_text(last)}"
    yield from _answer(response, framework)


def _answer(response: Response | None, framework: Framework) -> Iterator[str]:
    """The lines under a statement's text: its rating (or why it does not apply), text and
    evidence."""
    response = response or Response()
    if response.not_applicable is True:
        # Carried as it was: a reason still missing is for validate to point out.
        yield "    not_applicable: true"
    elif response.is_not_applicable:
        yield f"    not_applicable: {scalar(str(response.not_applicable))}"
    else:
        # The choices go on a line of their own: a comment after a blank ``rating:`` leaves
        # VS Code's YAML extension nothing to complete the scale into.
        yield f"    # rating: {', '.join(framework.rating_ids)}"
        yield f"    rating: {scalar(response.rating) if response.rating else ''}".rstrip()
    yield from _text_field("strengths", response.strengths, 4)
    yield from _text_field("areas_for_development", response.areas_for_development, 4)
    yield from _list_field("evidence", response.evidence, 4)


def _action_plan(area_id: str, title: str, plan: ActionPlan | None) -> Iterator[str]:
    plan = plan or ActionPlan()
    yield f"  {scalar(area_id)}:  # {title}"
    yield from _text_field("summary", plan.summary, 4)
    if not plan.actions:
        yield "    actions: []"
        yield "    # To add an action, replace [] above with lines like these (without the #):"
        yield "    #   - action: What will be done"
        yield "    #     owner: SENCO             # a role, not a name"
        yield "    #     due: 2027-02-12"
        yield "    #     priority: high           # high, medium or low"
        yield "    #     status: not-started      # not-started, in-progress or done"
        return
    yield "    actions:"
    for action in plan.actions:
        yield from _action(action)


def _action(action: Action) -> Iterator[str]:
    """One action as a list item. Its text and success criteria go in ``|`` blocks when
    they run over lines (as carried actions often do), like every other answer."""
    lines = [*field_lines("action", action.action, 8)]
    lines += [
        f"        owner: {scalar(action.owner)}",
        f"        due: {_date(action.due)}".rstrip(),
        f"        priority: {action.priority or ''}".rstrip(),
        f"        status: {action.status or ''}".rstrip(),
    ]
    if action.statements:
        lines.append(f"        statements: {flow_list(action.statements)}")
    if action.success_criteria:
        lines += field_lines("success_criteria", action.success_criteria, 8)
    if action.carried_from:
        # Kept as the action is carried on, so that the trust sees how long it has waited.
        lines.append(
            _with_comment(
                f"        carried_from: {scalar(action.carried_from)}",
                "the cycle it was first promised in",
            )
        )
    lines[0] = "      - " + lines[0].removeprefix(" " * 8)
    yield from lines


def _text_field(key: str, value: str, indent: int) -> Iterator[str]:
    return field_lines(key, value, indent)


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _list_field(key: str, items: list[str], indent: int) -> Iterator[str]:
    pad = " " * indent
    if not items:
        yield f"{pad}{key}: []"
        return
    yield f"{pad}{key}:"
    for item in items:
        yield f"{pad}  - {scalar(item)}"


def _comment(text: str, indent: int) -> Iterator[str]:
    pad = " " * indent
    for line in textwrap.wrap(text, WIDTH - indent - 2):
        yield f"{pad}# {line}"


def comment_text(text: str) -> str:
    """``text`` safe to end a comment line: one line, with no character a YAML file may not
    hold (escaped as ``\\uXXXX``)."""
    one_line = " ".join(text.split())
    return ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line)


def _with_comment(line: str, comment: str) -> str:
    return f"{line:<30}  # {comment}" if len(line) < 30 else f"{line}  # {comment}"
