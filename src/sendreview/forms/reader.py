"""Read a returned form's answers into a :class:`Review`, noting each problem by sheet and cell.

Tables are found by their headings and statements by the id in each row's Ref column, so
renamed sheets, re-sorted rows, blank rows and moved or hidden columns read the same.
Nothing a person typed is dropped without a word: text the reader cannot place is reported.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sendreview.codes import CODES
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.forms.layout import (
    ACTION_COLUMNS,
    ACTION_KEYS,
    DETAILS,
    PRIORITIES,
    STATEMENT_KEYS,
    STATUSES,
    Column,
    area_choices,
    cell_ref,
    rating_choices,
    statement_columns,
    summary_label,
)
from sendreview.forms.meta import FormMeta
from sendreview.forms.opening import Grid
from sendreview.forms.tables import Header, answer_column, find_header, find_label
from sendreview.forms.values import (
    Choice,
    choice_list,
    clean_text,
    evidence_of,
    lines_of,
    match_choice,
    parse_date,
    refs_of,
)
from sendreview.model import Framework, Response, Review
from sendreview.model.review import Action, ActionPlan
from sendreview.prose import excerpt, means_not_applicable

#: Problems only a workbook can have. The other problems reuse validate's codes.
FORM_CODES: dict[str, str] = {
    code: title for code, title in CODES.items() if code.startswith("SR6")
}

_ANSWERS = ("rating", "strengths", "areas_for_development", "evidence", "not_applicable")


@dataclass
class FormAnswers:
    """A form's answers as a review, the problems found, and where each answer sits.

    ``cells`` maps a data path (``responses.leadership-1.rating``) to its cell
    (``Leadership!C7``); ``flagged`` holds the paths whose problem is already reported.
    """

    review: Review
    diagnostics: list[Diagnostic]
    cells: dict[str, str]
    flagged: set[str]


def read_answers(
    grids: Sequence[Grid], meta: FormMeta, framework: Framework, display: str
) -> FormAnswers:
    reader = _Reader(framework, display)
    for grid in grids:
        if grid.title != meta.sheet:
            reader.read(grid)
    return reader.finish(meta)


@dataclass
class _Reader:
    framework: Framework
    display: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    flagged: set[str] = field(default_factory=set)
    responses: dict[str, Response] = field(default_factory=dict)
    actions: dict[str, list[Action]] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    details: dict[str, object] = field(default_factory=dict)
    action_table: bool = False

    # ---- sheets -------------------------------------------------------------------------

    def read(self, grid: Grid) -> None:
        columns = statement_columns(self.framework)
        if header := find_header(grid, columns, STATEMENT_KEYS):
            self._missing_columns(grid, header, [c for c in columns if c.key != "statement"])
            areas = Counter(
                self._statement_row(grid, row, header[1]) for row in grid.rows() if row > header[0]
            )
            areas.pop(None, None)
            self._summary(grid, areas.most_common(1)[0][0] if areas else None)
        if header := find_header(grid, ACTION_COLUMNS, ACTION_KEYS):
            self.action_table = True
            self.cells.setdefault("action_plans", cell_ref(grid.title, header[0], 1))
            self._missing_columns(grid, header, ACTION_COLUMNS)
            for row in grid.rows():
                if row > header[0]:
                    self._action_row(grid, row, header[1])
        self._details(grid)

    def _missing_columns(self, grid: Grid, header: Header, columns: Sequence[Column]) -> None:
        for column in columns:
            if column.key not in header[1]:
                self._problem(
                    "SR604",
                    cell_ref(grid.title, header[0], 1),
                    f"The '{column.header}' column is missing, so its answers cannot be read.",
                    "Put the column back (copy it from a new form made "
                    "by 'sendreview form'), then import again.",
                )

    # ---- statements ---------------------------------------------------------------------

    def _statement_row(self, grid: Grid, row: int, columns: dict[str, int]) -> str | None:
        """Read one row of an area sheet; returns the area of its statement, if it has one."""
        ref = clean_text(grid.value(row, columns["ref"]))
        statement_id = self._statement_id(ref, grid.value(row, columns.get("statement", 0)))
        filled = [
            key
            for key in _ANSWERS
            if key in columns
            and (clean_text(grid.value(row, columns[key])) or (row, columns[key]) in grid.errors)
        ]
        if statement_id is None:
            if filled:
                self._problem(
                    "SR601",
                    cell_ref(grid.title, row, columns[filled[0]]),
                    "This row has answers but no statement ref"
                    + (f" ('{ref}' is not one)" if ref else "")
                    + ", so they cannot be imported.",
                    "Put the statement's ref (for example leadership-1) back in the "
                    "Ref column, or move the text into the right statement's row.",
                )
            return None
        response = self._response(grid, row, columns, statement_id)
        if statement_id in self.responses:
            if response != self.responses[statement_id]:
                self._problem(
                    "SR602",
                    cell_ref(grid.title, row, columns["ref"]),
                    f"{statement_id} has a second row here (the first is "
                    f"{self.cells[f'responses.{statement_id}']}) with different answers.",
                    "Keep one row per statement: merge the answers into one row and "
                    "delete the other.",
                    path=f"responses.{statement_id}",
                )
            return None
        self.responses[statement_id] = response
        area = self.framework.area_of(statement_id)
        return area.id if area else None

    def _statement_id(self, ref: str, text: object) -> str | None:
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

    def _response(
        self, grid: Grid, row: int, columns: dict[str, int], statement_id: str
    ) -> Response:
        base = f"responses.{statement_id}"
        values: dict[str, object] = {}
        if base not in self.cells:
            self.cells[base] = cell_ref(grid.title, row, columns["ref"])
            for key in _ANSWERS:
                if key in columns:
                    self.cells[f"{base}.{key}"] = cell_ref(grid.title, row, columns[key])
        for key in _ANSWERS:
            if key in columns:
                values[key] = self._value(grid, row, columns[key], f"{base}.{key}")
        rating = self._rating(values.get("rating"), grid, row, columns, base)
        reason = clean_text(values.get("not_applicable")) or None
        if rating and reason:
            self._problem(
                "SR313",
                cell_ref(grid.title, row, columns["not_applicable"]),
                f"{statement_id} has a rating and a reason it does not apply.",
                "Keep one: clear the rating, or clear the 'not applicable' cell.",
                path=f"{base}.not_applicable",
            )
        return Response(
            rating=rating,
            not_applicable=reason,
            strengths=clean_text(values.get("strengths")),
            areas_for_development=clean_text(values.get("areas_for_development")),
            evidence=evidence_of(values.get("evidence")),
        )

    def _rating(
        self, value: object, grid: Grid, row: int, columns: dict[str, int], base: str
    ) -> str | None:
        typed = clean_text(value)
        if not typed:
            return None
        choices = rating_choices(self.framework)
        choice = match_choice(typed, choices)
        if choice is None:
            self._not_a_choice(
                cell_ref(grid.title, row, columns["rating"]),
                typed,
                "rating",
                choices,
                f"{base}.rating",
                code="SR312",
            )
            return None
        return choice.id

    # ---- action plans -------------------------------------------------------------------

    def _summary(self, grid: Grid, area_id: str | None) -> None:
        if not self.framework.action_plan:
            return
        found = find_label(grid, summary_label(self.framework))
        if found is None:
            if area_id is not None:
                self._problem(
                    "SR604",
                    cell_ref(grid.title, 1, 1),
                    "The summary of this area's "
                    f"{self.framework.labels.areas_for_development.lower()} is "
                    "missing from this sheet.",
                    _PUT_BACK,
                )
            return
        row, column = found
        answer = answer_column(grid, row, column, offset=2)
        path = f"action_plans.{area_id}.summary"
        text = clean_text(self._value(grid, row, answer, path))
        if area_id is None:
            if text:
                self._problem(
                    "SR601",
                    cell_ref(grid.title, row, answer),
                    "This summary is on a sheet with no statements, so its area is not known.",
                    _PUT_BACK,
                )
            return
        self.cells[path] = cell_ref(grid.title, row, answer)
        self.summaries[area_id] = text

    def _action_row(self, grid: Grid, row: int, columns: dict[str, int]) -> None:
        keys = [c.key for c in ACTION_COLUMNS if c.key in columns and c.key != "area"]
        if not any(
            clean_text(grid.value(row, columns[k])) or (row, columns[k]) in grid.errors
            for k in keys
        ):
            return  # a blank row, or one with only its area chosen
        area_id = self._action_area(grid, row, columns)
        index = len(self.actions.get(area_id, [])) if area_id else 0
        base = f"action_plans.{area_id}.actions.{index}" if area_id else ""

        def value(key: str) -> object:
            if key not in columns:
                return None
            if area_id:
                self.cells[f"{base}.{key}"] = cell_ref(grid.title, row, columns[key])
            return self._value(grid, row, columns[key], f"{base}.{key}" if base else "")

        if area_id:
            self.cells[base] = cell_ref(grid.title, row, columns.get("action", 1))
        action = Action.model_validate(
            {
                "action": clean_text(value("action")),
                "owner": clean_text(value("owner")),
                "due": self._date(value("due"), grid, row, columns, f"{base}.due"),
                "priority": self._pick(
                    value("priority"),
                    PRIORITIES,
                    "priority",
                    grid,
                    row,
                    columns,
                    f"{base}.priority",
                ),
                "status": self._pick(
                    value("status"), STATUSES, "status", grid, row, columns, f"{base}.status"
                ),
                "statements": [
                    self._statement_id(ref, None) or ref for ref in refs_of(value("statements"))
                ],
                "success_criteria": clean_text(value("success_criteria")),
            }
        )
        if area_id:
            self.actions.setdefault(area_id, []).append(action)

    def _action_area(self, grid: Grid, row: int, columns: dict[str, int]) -> str | None:
        typed = clean_text(grid.value(row, columns["area"])) if "area" in columns else ""
        where = cell_ref(grid.title, row, columns.get("area", 1))
        if not typed:
            if len(self.framework.areas) == 1:
                return self.framework.areas[0].id
            self._problem(
                "SR605",
                where,
                "This action has no area.",
                "Choose its area from the drop-down in the Area column.",
            )
            return None
        choice = match_choice(typed, area_choices(self.framework))
        if choice is None:
            self._not_a_choice(where, typed, "area", area_choices(self.framework), "", code="SR204")
            return None
        return choice.id

    def _date(
        self, value: object, grid: Grid, row: int, columns: dict[str, int], path: str
    ) -> dt.date | None:
        try:
            return parse_date(value)
        except (ValueError, OverflowError):
            self._problem(
                "SR205",
                cell_ref(grid.title, row, columns["due"]),
                f'"{excerpt(clean_text(value))}" is not a real date.',
                "Type the date as day/month/year, for example 12/02/2027.",
                path=path,
            )
            return None

    def _pick(
        self,
        value: object,
        choices: list[Choice],
        what: str,
        grid: Grid,
        row: int,
        columns: dict[str, int],
        path: str,
    ) -> str | None:
        typed = clean_text(value)
        if not typed:
            return None
        choice = match_choice(typed, choices)
        if choice is None:
            self._not_a_choice(
                cell_ref(grid.title, row, columns[what]), typed, what, choices, path, code="SR204"
            )
            return None
        return choice.id

    # ---- review details -----------------------------------------------------------------

    def _details(self, grid: Grid) -> None:
        for detail in DETAILS:
            found = find_label(grid, detail.label)
            if found is None:
                continue
            row, column = found
            answer = answer_column(grid, row, column, offset=1)
            self.cells[detail.key] = cell_ref(grid.title, row, answer)
            value = self._value(grid, row, answer, detail.key)
            if detail.key == "review_date":
                try:
                    value = parse_date(value)
                except (ValueError, OverflowError):
                    self._problem(
                        "SR205",
                        self.cells[detail.key],
                        f'"{excerpt(clean_text(value))}" is not a real date.',
                        "Type the date as day/month/year, for example 20/11/2026.",
                        path=detail.key,
                    )
                    value = None
            self.details[detail.key] = value

    # ---- the result ---------------------------------------------------------------------

    def finish(self, meta: FormMeta) -> FormAnswers:
        for statement in self.framework.statements():
            if statement.id not in self.responses:
                self._problem(
                    "SR311",
                    None,
                    f"{statement.id} has no row in the form, so its "
                    f'answer cannot be read: "{_short(statement.text)}"',
                    "Put the row back (copy it from a new form made by 'sendreview "
                    "form'), then import again.",
                    path=f"responses.{statement.id}",
                )
        if not self.details:
            self._problem(
                "SR604",
                None,
                "The review's details (review date, completed by) are missing from the form.",
                _PUT_BACK,
            )
        if self.framework.action_plan and not self.action_table:
            self._problem(
                "SR604", None, "The action plan sheet is missing from the form.", _PUT_BACK
            )
        date = self.details.get("review_date")
        review = Review(
            framework=meta.framework,
            framework_version=meta.framework_version or None,
            cycle=meta.cycle,
            academy=meta.academy,
            review_date=date if isinstance(date, dt.date) else None,
            completed_by=lines_of(self.details.get("completed_by")),
            moderated_by=clean_text(self.details.get("moderated_by")) or None,
            responses={
                s.id: self.responses[s.id]
                for s in self.framework.statements()
                if s.id in self.responses
            },
            action_plans={
                a.id: ActionPlan(
                    summary=self.summaries.get(a.id, ""), actions=self.actions.get(a.id, [])
                )
                for a in self.framework.areas
                if self.summaries.get(a.id) or self.actions.get(a.id)
            },
        )
        return FormAnswers(review, self.diagnostics, self.cells, self.flagged)

    # ---- helpers ------------------------------------------------------------------------

    def _value(self, grid: Grid, row: int, column: int, path: str) -> object:
        """A cell's value, or None (reported) when it shows a spreadsheet error."""
        if (row, column) in grid.errors:
            self._problem(
                "SR603",
                cell_ref(grid.title, row, column),
                "This cell shows a spreadsheet error instead of text.",
                "Text that starts with =, + or - is read as a formula. Retype it "
                "with an apostrophe (') in front, or start it with a word.",
                path=path,
            )
            return None
        return grid.value(row, column)

    def _not_a_choice(
        self, where: str, typed: str, what: str, choices: list[Choice], path: str, *, code: str
    ) -> None:
        labels = [c.label for c in choices]
        guess = difflib.get_close_matches(
            typed.casefold(), [x.casefold() for x in labels], n=1, cutoff=0.6
        )
        hint = (
            f"Did you mean {labels[[x.casefold() for x in labels].index(guess[0])]}? "
            if guess
            else ""
        )
        if what == "rating" and means_not_applicable(typed):
            hint = (
                "If the statement does not apply, leave the rating empty and write the "
                "reason under 'Not applicable? Say why'. "
            )
        self._problem(
            code,
            where,
            f'"{excerpt(typed)}" is not a{"n" if what[0] in "aeiou" else ""} '
            f"{what}; choose {choice_list(choices)}.",
            hint + "Choose from the drop-down in this column.",
            path=path,
        )

    def _problem(
        self,
        code: str,
        where: str | None,
        message: str,
        hint: str = "",
        *,
        path: str = "",
        severity: Severity = Severity.ERROR,
    ) -> None:
        text = f"{where}: {message}" if where else message
        self.diagnostics.append(
            Diagnostic(self.display, 0, 0, code, severity, text, hint, where or path)
        )
        if path:
            self.flagged.add(path)


_PUT_BACK = (
    "Copy the missing part back from a new form made by 'sendreview form', or "
    "copy the answers into a new form, then import again."
)


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"
