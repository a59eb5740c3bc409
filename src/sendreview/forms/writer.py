"""Write one academy's fillable workbook, pre-filled from its review.

The workbook: an Instructions sheet (plain English, the rating scale and the review's
details), one sheet per area with the statements locked and the answers open, an Action
plan sheet, and a hidden metadata sheet that lets ``sendreview import`` read it back.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.worksheet.worksheet import Worksheet

from sendreview import __version__
from sendreview.excel.sheet_names import sheet_name
from sendreview.excel.styles import font
from sendreview.forms.cell_writer import (
    LOCKED_FILL,
    date_validation,
    fit_row,
    print_setup,
    protect,
    put,
)
from sendreview.forms.compare import answer_values
from sendreview.forms.layout import (
    ACTIONS_SHEET,
    DETAILS,
    FORMAT,
    FORMAT_VERSION,
    INSTRUCTIONS_SHEET,
    META_SHEET,
    rating_choices,
    response_cells,
    statement_columns,
)
from sendreview.forms.sheet_writer import write_actions, write_area
from sendreview.forms.values import choice_list
from sendreview.forms.workbook import (
    LABEL_WIDTH,
    TEXT_WIDTH,
    front_heading,
    new_workbook,
    refuse_unfit,
    workbook_bytes,
    write_meta_base,
    write_meta_head,
    write_scale,
    write_steps,
)
from sendreview.model import Framework, Review


@dataclass(frozen=True)
class FormSource:
    """Everything a form shows: whose review it is and the answers to pre-fill."""

    trust: str
    framework: Framework
    review: Review
    subject_name: str
    #: What the review file holds as the form is written (``None``: the answers pre-filled),
    #: remembered in the hidden sheet so that an import can tell who changed an answer.
    base: Review | None = None


def build_workbook(source: FormSource) -> bytes:
    """The workbook's bytes. Refuses answers no Excel cell can hold, naming each one."""
    _check_fits(source)
    workbook, instructions, meta, lists = new_workbook(INSTRUCTIONS_SHEET)
    _write_instructions(instructions, source)
    taken = {INSTRUCTIONS_SHEET, ACTIONS_SHEET, META_SHEET}
    for area in source.framework.areas:
        sheet = workbook.create_sheet(sheet_name(area.title, taken))
        write_area(sheet, area, source.framework, source.review, lists)
    if source.framework.action_plan:
        sheet = workbook.create_sheet(ACTIONS_SHEET)
        write_actions(sheet, source.framework, source.review, source.subject_name, lists)
    _write_meta(meta, source)
    return workbook_bytes(workbook, meta)


def meta_values(source: FormSource) -> dict[str, str]:
    review = source.review
    return {
        "format": FORMAT,
        "format_version": str(FORMAT_VERSION),
        "trust": source.trust,
        "framework": source.framework.id,
        "framework_version": source.framework.version,
        "cycle": review.cycle,
        "academy": review.academy or "",
        "academy_name": source.subject_name,
        "written_by": f"sendreview {__version__}",
    }


def _write_meta(ws: Worksheet, source: FormSource) -> None:
    row = write_meta_head(ws, meta_values(source), source.framework, wrap=False)
    # A blank row before the base, as the review form has always had it.
    base = answer_values(source.base or source.review, source.framework)
    write_meta_base(ws, row + 1, base)


def _write_instructions(ws: Worksheet, source: FormSource) -> None:
    framework, review = source.framework, source.review
    title = f"{framework.title}: {source.subject_name}"
    front_heading(ws, title, f"{source.trust}, review cycle {review.cycle}")
    row = write_steps(ws, _guidance(source), 4)
    row = write_scale(ws, framework, row + 1) + 2
    put(ws, row, 1, "About this review", wrap=False).font = font(bold=True, size=13)
    dates = date_validation()
    ws.add_data_validation(dates)
    for detail, value in zip(DETAILS, _detail_values(review), strict=True):
        row += 1
        put(ws, row, 1, detail.label, bold=True).fill = LOCKED_FILL
        put(ws, row, 2, value, answer=True)
        if detail.key == "review_date":
            dates.add(f"B{row}")
        else:
            fit_row(ws, row, [(detail.label, LABEL_WIDTH), (str(value), TEXT_WIDTH)], answer=True)
    protect(ws)
    print_setup(ws, ws["A1"].value, "1:2")


def _detail_values(review: Review) -> list[object]:
    return [review.review_date, "\n".join(review.completed_by), review.moderated_by or ""]


def _guidance(source: FormSource) -> list[tuple[str, str]]:
    """The Instructions sheet's steps, in the framework's own words: (heading, text)."""
    framework = source.framework
    areas = "; ".join(a.title for a in framework.areas)
    concerns = " or ".join(r.label for r in framework.rating_scale if framework.needs_action(r.id))
    steps = [
        (
            "What this is",
            f"The {framework.title} for {source.subject_name}. Each area has its "
            f"own sheet (the tabs at the bottom): {areas}.",
        ),
        (
            "Ratings",
            f"For each statement, choose {choice_list(rating_choices(framework))} "
            "from the drop-down in the Rating column. The scale is below.",
        ),
        *_answering(framework, concerns),
    ]
    if framework.action_plan:
        steps.append(
            (
                "Action plan",
                f"For each area with a {concerns or 'low'} "
                f"rating, add at least one action on the '{ACTIONS_SHEET}' sheet, and "
                "write a short summary at the top of the area's sheet.",
            )
        )
    return steps + _FINISHING


def _answering(framework: Framework, concerns: str) -> list[tuple[str, str]]:
    """How to write strengths, development, evidence and 'not applicable', by column."""
    columns = {c.key: c.heading for c in statement_columns(framework)}
    development = columns["areas_for_development"]
    needs = f"A {concerns} rating needs {development.lower()}. " if concerns else ""
    return [
        (
            "Strengths and development",
            f"Write in the {columns['strengths']} and {development} columns. {needs}"
            "To start a new line inside a cell, press Alt+Enter (on a Mac, Option+Return; "
            "in LibreOffice or Google Sheets, Ctrl+Enter). Every line break you type or "
            "paste, and every blank line between paragraphs, is kept as it is.",
        ),
        (
            "Evidence",
            "List the documents that back your answer, one per line. If an item needs "
            'more than one line, start every item with "- " (a dash and a space) '
            "instead: each dash starts the next item, and the lines below it belong to it.",
        ),
        (
            "Not applicable",
            "If a statement does not apply to your school, leave its rating "
            f"empty and say why in the '{columns['not_applicable']}' column.",
        ),
    ]


#: The last steps of every form's instructions.
_FINISHING = [
    (
        "Keep pupils out",
        "Reviews are about provision, not pupils: no pupils' names, UPNs, "
        "dates of birth, email addresses or phone numbers. Name roles (SENCO, class "
        "teachers), not people.",
    ),
    (
        "What you can change",
        "The statements are locked so that they stay word for word; "
        "the answer cells are open. You may widen, hide or sort rows and columns and add "
        "notes on other sheets. Please keep the Ref column and the statement rows.",
    ),
    (
        "When you have finished",
        "Fill in 'About this review' below, save the file as an "
        "Excel workbook (.xlsx) and send it back to your trust's SEND lead. Excel, "
        "LibreOffice and Google Sheets (File > Download > Microsoft Excel) all work.",
    ),
]


def _check_fits(source: FormSource) -> None:
    refuse_unfit(
        _texts(source.review, source.framework),
        f"The review of {source.subject_name} cannot go into an Excel form",
        "Shorten the answer in the review's YAML file (for example, move the detail into "
        "an evidence document) and run 'sendreview form' again.",
    )


def _texts(review: Review, framework: Framework) -> Iterator[tuple[str, str]]:
    """Every text the form would put in a cell, and where it comes from."""
    for statement_id, response in review.responses.items():
        cells = response_cells(statement_id, "", response, framework)
        for key in ("rating", "strengths", "areas_for_development", "evidence", "not_applicable"):
            yield f"{statement_id} {key.replace('_', ' ')}", str(cells[key])
    for area_id, plan in review.action_plans.items():
        yield f"{area_id} action plan summary", plan.summary
        for number, action in enumerate(plan.actions, start=1):
            for key in ("action", "owner", "success_criteria"):
                yield f"{area_id} action {number} {key.replace('_', ' ')}", getattr(action, key)
    for detail, value in zip(DETAILS, _detail_values(review), strict=True):
        yield detail.label, str(value or "")
