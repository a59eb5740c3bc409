"""What reading a returned form collects, and how each problem in it is noted.

The readers of a form's parts (:mod:`~sendreview.forms.read_statements`,
:mod:`~sendreview.forms.read_actions`, :mod:`~sendreview.forms.reader`) share one
:class:`Reading`: the answers found so far, the cell each came from, and the problems, each
placed at its sheet and cell with the data path it is about.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field

from sendreview.diagnostics import Diagnostic, Location, Severity
from sendreview.forms.opening import Grid
from sendreview.forms.tables import answer_column, find_label
from sendreview.forms.values import Choice, choice_list, clean_text, match_choice, parse_date
from sendreview.model import Framework, Response, Review
from sendreview.model.review import Action
from sendreview.prose import excerpt, means_not_applicable
from sendreview.source.yaml_document import DataPath, format_path

PUT_BACK = (
    "Copy the missing part back from a new form made by 'sendreview form', or "
    "copy the answers into a new form, then import again."
)


@dataclass
class FormAnswers:
    """A form's answers as a review, the problems found, and where each answer sits.

    ``cells`` maps a data path (``("responses", "leadership-1", "rating")``) to its cell;
    ``flagged`` holds the data paths whose problem is already reported.
    """

    review: Review
    diagnostics: list[Diagnostic]
    cells: dict[DataPath, Location]
    flagged: set[DataPath]


@dataclass
class Reading:
    """The answers read so far from one form, and the problems found in it."""

    framework: Framework
    display: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cells: dict[DataPath, Location] = field(default_factory=dict)
    flagged: set[DataPath] = field(default_factory=set)
    responses: dict[str, Response] = field(default_factory=dict)
    actions: dict[str, list[Action]] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)
    action_table: bool = False

    def at(self, grid: Grid, row: int, column: int) -> Location:
        return Location.in_workbook(self.display, grid.title, row, column, grid.position)

    def problem(
        self,
        code: str,
        where: Location | None,
        message: str,
        hint: str = "",
        *,
        path: DataPath = (),
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Note a problem at a cell (or the whole form); a problem about an answer also
        marks its data path, so the checks run later do not report it again."""
        place = where or Location(self.display)
        self.diagnostics.append(
            Diagnostic.at(place, code, severity, message, hint, format_path(path))
        )
        if path:
            self.flagged.add(path)

    def value(self, grid: Grid, row: int, column: int, path: DataPath) -> object:
        """A cell's value, or None (reported) when it shows a spreadsheet error."""
        if (row, column) in grid.errors:
            self.problem(
                "SR603",
                self.at(grid, row, column),
                "This cell shows a spreadsheet error instead of text.",
                "Text that starts with =, + or - is read as a formula. Retype it "
                "with an apostrophe (') in front, or start it with a word.",
                path=path,
            )
            return None
        return grid.value(row, column)

    def statement_id(self, ref: str, text: object) -> str | None:
        """The statement a row is about: by its ref, or else by its unchanged statement text."""
        for statement in self.framework.statements():
            if statement.id.casefold() == ref.casefold():
                return statement.id
        words = " ".join(clean_text(text).split()).casefold()
        if words:
            for statement in self.framework.statements():
                if " ".join(statement.text.split()).casefold() == words:
                    return statement.id
        return None

    def not_a_choice(
        self,
        where: Location,
        typed: str,
        what: str,
        choices: list[Choice],
        path: DataPath,
        *,
        code: str,
    ) -> None:
        self.problem(
            code,
            where,
            f'"{excerpt(typed)}" is not a{"n" if what[0] in "aeiou" else ""} '
            f"{what}; choose {choice_list(choices)}.",
            _choice_hint(typed, what, choices) + "Choose from the drop-down in this column.",
            path=path,
        )


def _choice_hint(typed: str, what: str, choices: list[Choice]) -> str:
    if what == "rating" and means_not_applicable(typed):
        return (
            "If the statement does not apply, leave the rating empty and write the "
            "reason under 'Not applicable? Say why'. "
        )
    labels = [c.label for c in choices]
    folded = [x.casefold() for x in labels]
    guess = difflib.get_close_matches(typed.casefold(), folded, n=1, cutoff=0.6)
    return f"Did you mean {labels[folded.index(guess[0])]}? " if guess else ""


def pick(
    reading: Reading, typed: str, choices: list[Choice], what: str, where: Location, path: DataPath
) -> str | None:
    """The id of the choice typed (in any case, by label or id), or None (reported)."""
    if not typed:
        return None
    choice = match_choice(typed, choices)
    if choice is None:
        code = "SR312" if what == "rating" else "SR204"
        reading.not_a_choice(where, typed, what, choices, path, code=code)
        return None
    return choice.id


def filled_keys(grid: Grid, row: int, columns: dict[str, int], keys: Iterable[str]) -> list[str]:
    """Which of ``keys`` have something in ``row``, counting a cell Excel shows as an error:
    answers that a row without a statement ref would lose, so they must be reported."""
    return [
        key
        for key in keys
        if key in columns
        and (clean_text(grid.value(row, columns[key])) or (row, columns[key]) in grid.errors)
    ]


def read_detail(
    reading: Reading, grid: Grid, label: str, path: DataPath
) -> tuple[object, Location] | None:
    """The answer beside a detail's ``label``, wherever on the sheet it is, and its cell
    (noted as ``path``'s); ``None`` where the sheet has no such label. Details are found by
    label, not position, so that a SENCO who moves a row loses nothing."""
    found = find_label(grid, label)
    if found is None:
        return None
    row, column = found
    answer = answer_column(grid, row, column, offset=1)
    where = reading.at(grid, row, answer)
    reading.cells[path] = where
    return reading.value(grid, row, answer, path), where


def read_date(reading: Reading, value: object, where: Location, path: DataPath) -> dt.date | None:
    """A typed date, or ``None`` with a problem at ``where`` if it is not a real one."""
    try:
        return parse_date(value)
    except (ValueError, OverflowError):
        reading.problem(
            "SR205",
            where,
            f'"{excerpt(clean_text(value))}" is not a real date.',
            "Type the date as day/month/year, for example 20/11/2026.",
            path=path,
        )
        return None
