"""Check a form's answers as strictly as ``validate`` checks a YAML file.

The checks are validate's own (:mod:`sendreview.checks`), run on the review read from the
workbook. Their problems carry data paths; here each is placed at its sheet and cell, and
given a hint in the words of the form rather than of the YAML file.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sendreview.checks.completeness import check_completeness
from sendreview.checks.consistency import check_action_plans
from sendreview.checks.privacy import check_privacy
from sendreview.diagnostics import Diagnostic
from sendreview.forms.layout import ACTIONS_SHEET
from sendreview.forms.reader import FormAnswers
from sendreview.model import Framework
from sendreview.repository.validate import Options, adjust_severity
from sendreview.source.yaml_reader import YamlDocument

#: Hints for the form, where validate's hint talks about YAML keys.
_HINTS = {
    "SR401": "Choose a rating from the drop-down, or say in the 'not applicable' column why "
    "the statement does not apply.",
    "SR402": "Say in the 'not applicable' column why the statement does not apply.",
    "SR403": "Say what needs to improve in the areas for development column.",
    "SR404": f"Add at least one action for this area on the '{ACTIONS_SHEET}' sheet.",
    "SR405": "Every action needs what will be done, an owner (a role), a due date, a priority "
    "and a status.",
    "SR406": "Fill in the review date under 'About this review' on the Instructions sheet.",
    "SR315": "Use the refs shown in the Ref column of the area sheets, separated by commas.",
}


def check_answers(
    answers: FormAnswers, framework: Framework, options: Options, display: str
) -> list[Diagnostic]:
    """The reader's problems, then validate's checks placed at cells, severities adjusted."""
    doc = YamlDocument(display, data=answers.review.model_dump(mode="json"))
    found = [
        *check_action_plans(answers.review, doc, framework),
        *check_completeness(answers.review, doc, framework),
        *check_privacy(answers.review, doc),
    ]
    placed = [_place(d, answers) for d in found if not _already_reported(d.path, answers.flagged)]
    return [adjust_severity(d, options) for d in [*answers.diagnostics, *placed]]


def _dotted(path: str) -> str:
    """``a.b[0].c`` and ``a.b.0.c`` name the same place; use the second form."""
    return re.sub(r"\[(\d+)\]", r".\1", path)


def _already_reported(path: str, flagged: set[str]) -> bool:
    """A problem at, inside or around a place the reader reported is that problem again
    (an unreadable due date is also an action 'with no due date')."""
    path = _dotted(path)
    return bool(path) and any(
        path == f or path.startswith(f + ".") or f.startswith(path + ".") for f in flagged
    )


def _place(diagnostic: Diagnostic, answers: FormAnswers) -> Diagnostic:
    path = _dotted(diagnostic.path)
    cell = _cell(path, answers.cells)
    message = f"{cell}: {diagnostic.message}" if cell else diagnostic.message
    return replace(
        diagnostic,
        line=0,
        column=0,
        message=message,
        path=cell or path,
        hint=_HINTS.get(diagnostic.code, diagnostic.hint),
    )


def _cell(path: str, cells: dict[str, str]) -> str:
    """The cell of a data path, or of its nearest parent that has one."""
    while path:
        if path in cells:
            return cells[path]
        path = path.rpartition(".")[0]
    return ""
