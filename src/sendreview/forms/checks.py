"""Check a form's answers as strictly as ``validate`` checks a YAML file.

The rules are validate's own (:data:`sendreview.checks.registry.RULES`), run through the same
:func:`~sendreview.checks.pipeline.run_rules` on the review read from the workbook. What
differs is where a problem is: :class:`WorkbookPlaces` places each at its sheet and cell, and
a hint is given in the words of the form rather than of the YAML file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from sendreview.checks.context import CheckContext
from sendreview.checks.pipeline import Options, adjust_severity, run_rules
from sendreview.diagnostics import Diagnostic, Location
from sendreview.forms.layout import ACTIONS_SHEET
from sendreview.forms.reading import FormAnswers
from sendreview.model import Framework
from sendreview.source.yaml_document import DataPath, format_path

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
    """The reader's problems, then validate's rules placed at cells, severities adjusted."""
    places = WorkbookPlaces(display, answers.cells, answers.flagged)
    context = CheckContext(answers.review, places, framework=framework)
    found = [_in_form_words(d) for d in run_rules(context)]
    return [adjust_severity(d, options) for d in [*answers.diagnostics, *found]]


def _in_form_words(diagnostic: Diagnostic) -> Diagnostic:
    return replace(diagnostic, hint=_HINTS.get(diagnostic.code, diagnostic.hint))


@dataclass(frozen=True)
class WorkbookPlaces:
    """:class:`~sendreview.checks.context.Places` for a review read from a returned form.

    ``cells`` is where the reader found each answer; ``flagged`` the answers whose problem
    the reader already reported.
    """

    file: str
    cells: dict[DataPath, Location]
    flagged: set[DataPath]

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """The cell of a data path, or of its nearest parent that has one (a workbook has
        no keys, so ``key`` changes nothing)."""
        while path:
            if path in self.cells:
                return self.cells[path]
            path = path[:-1]
        return self.cells.get((), Location(self.file))

    def locate_text(self, path: DataPath, found: Sequence[str]) -> list[Location]:
        return [self.locate(path)] * len(found)

    def written(self, path: DataPath) -> bool:
        return path in self.cells

    def is_dropped(self, path: DataPath, *, inside: bool = False) -> bool:
        return any(
            path[: len(part)] == part or (inside and part[: len(path)] == path)
            for part in self.flagged
        )

    def already_reported(self, path: str) -> bool:
        """A problem at, inside or around a place the reader reported is that problem again
        (an unreadable due date is also an action 'with no due date')."""
        return bool(path) and any(
            _within(path, flagged) or _within(flagged, path) for flagged in self._flagged
        )

    @cached_property
    def _flagged(self) -> list[str]:
        return [format_path(part) for part in self.flagged]


def _within(path: str, part: str) -> bool:
    return path == part or path.startswith((f"{part}.", f"{part}["))
