"""Read a returned form's answers into a :class:`Review`, noting each problem by sheet and cell.

Tables are found by their headings and statements by the id in each row's Ref column, so
renamed sheets, re-sorted rows, blank rows and moved or hidden columns read the same.
Nothing a person typed is dropped without a word: text the reader cannot place is reported.
The area sheets are read by :mod:`~sendreview.forms.read_statements`, the action plan by
:mod:`~sendreview.forms.read_actions`; this module reads the review's details and puts the
answers together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sendreview.codes import CODES
from sendreview.forms.layout import (
    ACTION_COLUMNS,
    ACTION_KEYS,
    DETAILS,
    STATEMENT_KEYS,
    statement_columns,
)
from sendreview.forms.meta import FormMeta
from sendreview.forms.opening import Grid
from sendreview.forms.read_actions import read_action_table
from sendreview.forms.read_statements import read_statement_table
from sendreview.forms.reading import PUT_BACK, FormAnswers, Reading, read_date, read_detail
from sendreview.forms.tables import find_header
from sendreview.forms.values import clean_text, lines_of
from sendreview.model import Framework, Review
from sendreview.model.review import ActionPlan
from sendreview.prose import shorten

__all__ = ["FORM_CODES", "FormAnswers", "read_answers"]

#: Problems only a workbook can have. The other problems reuse validate's codes.
FORM_CODES: dict[str, str] = {
    code: title for code, title in CODES.items() if code.startswith("SR6")
}


def read_answers(
    grids: Sequence[Grid], meta: FormMeta, framework: Framework, display: str
) -> FormAnswers:
    reading = Reading(framework, display)
    for grid in grids:
        if grid.title != meta.sheet:
            _read_sheet(reading, grid)
    _missing_parts(reading)
    review = _review(reading, meta)
    return FormAnswers(review, reading.diagnostics, reading.cells, reading.flagged)


def _read_sheet(reading: Reading, grid: Grid) -> None:
    """A sheet can hold statements, actions and the review's details; each is found by its
    headings or labels, wherever it is."""
    columns = statement_columns(reading.framework)
    if header := find_header(grid, columns, STATEMENT_KEYS):
        read_statement_table(reading, grid, header, columns)
    if header := find_header(grid, ACTION_COLUMNS, ACTION_KEYS):
        read_action_table(reading, grid, header)
    _details(reading, grid)


def _details(reading: Reading, grid: Grid) -> None:
    for detail in DETAILS:
        found = read_detail(reading, grid, detail.label, (detail.key,))
        if found is None:
            continue
        value, where = found
        if detail.key == "review_date":
            value = read_date(reading, value, where, (detail.key,))
        reading.details[detail.key] = value


def _missing_parts(reading: Reading) -> None:
    """Statements without a row, and parts of the form that are not there at all."""
    for statement in reading.framework.statements():
        if statement.id not in reading.responses:
            reading.problem(
                "SR311",
                None,
                f"{statement.id} has no row in the form, so its "
                f'answer cannot be read: "{shorten(statement.text, 70)}"',
                "Put the row back (copy it from a new form made by 'sendreview "
                "form'), then import again.",
                path=("responses", statement.id),
            )
    if not reading.details:
        reading.problem(
            "SR604",
            None,
            "The review's details (review date, completed by) are missing from the form.",
            PUT_BACK,
        )
    if reading.framework.action_plan and not reading.action_table:
        reading.problem("SR604", None, "The action plan sheet is missing from the form.", PUT_BACK)


def _review(reading: Reading, meta: FormMeta) -> Review:
    framework, details = reading.framework, reading.details
    date = details.get("review_date")
    return Review(
        framework=meta.framework,
        framework_version=meta.framework_version or None,
        cycle=meta.cycle,
        academy=meta.academy,
        review_date=date if isinstance(date, dt.date) else None,
        completed_by=lines_of(details.get("completed_by")),
        moderated_by=clean_text(details.get("moderated_by")) or None,
        responses={
            s.id: reading.responses[s.id]
            for s in framework.statements()
            if s.id in reading.responses
        },
        action_plans={
            a.id: ActionPlan(
                summary=reading.summaries.get(a.id, ""), actions=reading.actions.get(a.id, [])
            )
            for a in framework.areas
            if reading.summaries.get(a.id) or reading.actions.get(a.id)
        },
    )
