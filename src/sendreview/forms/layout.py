"""The one definition of a form's layout, used by the writer and the reader alike.

Sheets are found again by what they hold, never by name or position: a person may rename,
reorder or re-sort them. So the layout names the headings and labels the reader looks for,
and the writer writes exactly those. Each statement row carries its statement id in the
Ref column, so a re-sorted row still belongs to its statement. The hidden metadata sheet
says which trust, framework, cycle and academy the form is for; a hidden sheet survives a
re-save in LibreOffice or an export from Google Sheets, where custom document properties
do not.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendreview.diagnostics import Location
from sendreview.excel.columns import Column
from sendreview.forms.values import Choice, evidence_cell, reflow
from sendreview.model import Framework, Response
from sendreview.model.review import Action

#: Written into the metadata so that a workbook is recognised as a sendreview form.
FORMAT = "sendreview-form"
#: Raised when the layout changes in a way an older reader could not follow.
FORMAT_VERSION = 1
#: What a form is for (the ``kind`` row of its metadata): an academy's own review, or a
#: moderator's view of one (:mod:`~sendreview.forms.moderation_layout`). A form without
#: the row is a review form, as every form was before moderation forms.
REVIEW_KIND = "review"
MODERATION_KIND = "moderation"
#: A moderation form says version 2, so that a sendreview from before moderation forms
#: asks to be upgraded instead of reading the moderator's answers as a review's.
MODERATION_FORMAT_VERSION = 2

META_SHEET = "sendreview"
INSTRUCTIONS_SHEET = "Instructions"
ACTIONS_SHEET = "Action plan"

#: Metadata keys, one a row: the key in column A and its value in column B.
META_KEYS = (
    "format",
    "format_version",
    "kind",
    "trust",
    "framework",
    "framework_version",
    "cycle",
    "academy",
    "academy_name",
    "written_by",
)
#: A metadata row naming one statement of the form: key, statement id, area id.
META_STATEMENT = "statement"
#: Drop-down choices that cannot be written inline sit in this sheet from this column on.
META_LISTS_COLUMN = 5

#: Rows and columns of an area sheet (1-based). The reader finds the header row again by
#: its headings; these are where the writer puts things.
TITLE_ROW = 1
DESCRIPTION_ROW = 2
SUMMARY_ROW = 3
HEADER_ROW = 5
#: Blank rows the action plan sheet offers for new actions, beyond the ones pre-filled.
SPARE_ACTION_ROWS = 40
#: Rows of the action plan that keep their drop-downs and date check.
MAX_ACTIONS = 500


#: Column widths are in Excel's units (one "0" of the default font). Each table adds up to
#: at most 145, so that, fitted to the width of landscape A4, its text prints at 9 point or
#: more, even in LibreOffice drawing Calibri in a wider font; narrower columns make taller
#: rows instead of smaller print.


def statement_columns(framework: Framework) -> list[Column]:
    """The columns of an area sheet, headed in the framework's own words."""
    return [
        Column("Ref", 13, key="ref"),
        Column("Statement", 31, key="statement"),
        Column("Rating", 10, key="rating", answer=True),
        Column(framework.labels.strengths, 31, key="strengths", answer=True),
        Column(
            framework.labels.areas_for_development, 31, key="areas_for_development", answer=True
        ),
        Column("Evidence (one per line)", 18, key="evidence", answer=True),
        Column("Not applicable? Say why", 11, key="not_applicable", answer=True),
    ]


ACTION_COLUMNS = [
    Column("Area", 16, key="area", answer=True),
    Column("Action", 33, key="action", answer=True),
    Column("Owner (a role)", 14, key="owner", answer=True),
    Column("Due date", 11, key="due", answer=True),
    Column("Priority", 9, key="priority", answer=True),
    Column("Status", 11, key="status", answer=True),
    Column("Statements (refs)", 15, key="statements", answer=True),
    Column("Success criteria", 31, key="success_criteria", answer=True),
]

#: Columns that tell the reader which table it is looking at.
STATEMENT_KEYS = ("ref", "rating")
ACTION_KEYS = ("action", "owner", "due")


@dataclass(frozen=True)
class Detail:
    """A review-level answer, next to its label on the Instructions sheet."""

    key: str
    label: str


DETAILS = [
    Detail("review_date", "Review date"),
    Detail("completed_by", "Completed by (roles, one per line)"),
    Detail("moderated_by", "Moderated by (a role, if moderated)"),
]


def summary_label(framework: Framework) -> str:
    """The label beside an area's action plan summary, at the top of its sheet."""
    return f"Summary of the {framework.labels.areas_for_development.lower()} in this area"


PRIORITIES = [
    Choice("high", "High", "H"),
    Choice("medium", "Medium", "M"),
    Choice("low", "Low", "L"),
]
STATUSES = [
    Choice("not-started", "Not started"),
    Choice("in-progress", "In progress"),
    Choice("done", "Done"),
]


def rating_choices(framework: Framework) -> list[Choice]:
    return [Choice(r.id, r.label, r.letter) for r in framework.rating_scale]


def area_choices(framework: Framework) -> list[Choice]:
    return [Choice(a.id, a.title) for a in framework.areas]


def heading_key(text: object) -> str:
    """Headings compare without case, extra spaces or a trailing colon."""
    return " ".join(str(text or "").casefold().split()).rstrip(":* ")


def cell_ref(sheet: str, row: int, column: int) -> str:
    """``'Leadership of SEND'!C7``: what Excel's Go To box (Ctrl+G) accepts."""
    return Location.in_workbook("", sheet, row, column).cell_ref


def response_cells(
    statement_id: str, text: str, response: Response | None, framework: Framework
) -> dict[str, object]:
    """What each column of a statement's row shows, from the review's answer."""
    response = response or Response()
    level = framework.rating(response.rating) if response.rating else None
    reason = response.not_applicable if isinstance(response.not_applicable, str) else ""
    return {
        "ref": statement_id,
        "statement": text,
        "rating": level.label if level else (response.rating or ""),
        "strengths": reflow(response.strengths),
        "areas_for_development": reflow(response.areas_for_development),
        "evidence": evidence_cell(response.evidence),
        "not_applicable": reflow(reason),
    }


def action_cells(area_title: str, action: Action) -> dict[str, object]:
    priority = next((c.label for c in PRIORITIES if c.id == action.priority), "")
    status = next((c.label for c in STATUSES if c.id == action.status), action.status)
    return {
        "area": area_title,
        "action": reflow(action.action),
        "owner": action.owner,
        "due": action.due,
        "priority": priority,
        "status": status,
        "statements": ", ".join(action.statements),
        "success_criteria": reflow(action.success_criteria),
    }
