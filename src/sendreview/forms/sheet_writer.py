"""Writing the answer sheets of a form: one per area of the framework, and the action plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.excel.columns import Column
from sendreview.excel.row_height import width_for
from sendreview.excel.styles import DATE_FORMAT, font, rating_look
from sendreview.forms.cell_writer import (
    LOCKED_FILL,
    SPARE_LINES,
    Lists,
    date_validation,
    fit_row,
    header,
    print_setup,
    protect,
    put,
)
from sendreview.forms.layout import (
    ACTION_COLUMNS,
    DESCRIPTION_ROW,
    HEADER_ROW,
    MAX_ACTIONS,
    PRIORITIES,
    SPARE_ACTION_ROWS,
    STATUSES,
    SUMMARY_ROW,
    TITLE_ROW,
    action_cells,
    area_choices,
    rating_choices,
    response_cells,
    statement_columns,
    summary_label,
)
from sendreview.forms.values import reflow
from sendreview.model import ActionPlan, Area, Framework, Review


def write_area(
    ws: Worksheet, area: Area, framework: Framework, review: Review, lists: Lists
) -> None:
    rows = [
        response_cells(statement.id, statement.text, review.responses.get(statement.id), framework)
        for statement in area.statements
    ]
    columns = fitted(statement_columns(framework), rows)
    area_heading(ws, area, columns)
    if framework.action_plan:
        _summary(ws, framework, review.action_plans.get(area.id), columns)
    note = (
        "Choose a rating for each statement, or say why it does not apply. "
        "Alt+Enter starts a new line inside a cell (on a Mac, Option+Return); "
        "every line break is kept."
    )
    statement_table(ws, StatementTable(columns, rows, note, area.title), framework, lists)


def _lock(cell: Cell, key: str) -> None:
    """A cell no one answers in: grey, as every locked label is."""
    cell.fill = LOCKED_FILL


@dataclass(frozen=True)
class StatementTable:
    """An area sheet's table: its columns, a row of values per statement, the note above
    it, the heading it prints under, and how a cell no one answers in looks (``lock``)."""

    columns: list[Column]
    rows: list[dict[str, object]]
    note: str
    print_heading: str
    lock: Callable[[Cell, str], None] = _lock


def area_heading(ws: Worksheet, area: Area, columns: list[Column]) -> None:
    """An area sheet's column widths, its title and the area's description below it."""
    set_widths(ws, columns)
    put(ws, TITLE_ROW, 1, area.title, wrap=False).font = font(bold=True, size=14)
    banner(ws, DESCRIPTION_ROW, area.description, columns)


def statement_table(
    ws: Worksheet, table: StatementTable, framework: Framework, lists: Lists
) -> None:
    """The statements' rows under their header, the ratings' drop-down and colours, the
    panes frozen at the answers and the sheet locked but for them: every area sheet's."""
    columns = table.columns
    put(ws, HEADER_ROW - 1, 1, table.note, wrap=False).font = font(italic=True)
    header(ws, HEADER_ROW, [c.heading for c in columns])
    first = HEADER_ROW + 1
    for row, values in enumerate(table.rows, start=first):
        for column, spec in enumerate(columns, start=1):
            cell = put(ws, row, column, values[spec.key], answer=spec.answer)
            if not spec.answer:
                table.lock(cell, spec.key)
        fit_row(ws, row, [(str(values[c.key] or ""), c.width) for c in columns], answer=True)
    last = first + len(table.rows) - 1
    rating = get_column_letter(next(i for i, c in enumerate(columns, start=1) if c.key == "rating"))
    rating_rules(ws, framework, lists, f"{rating}{first}:{rating}{last}")
    ws.freeze_panes = f"C{first}"
    protect(ws)
    print_setup(ws, table.print_heading, f"{HEADER_ROW}:{HEADER_ROW}")


def _summary(
    ws: Worksheet, framework: Framework, plan: ActionPlan | None, columns: list[Column]
) -> None:
    label = put(ws, SUMMARY_ROW, 1, summary_label(framework), bold=True)
    label.fill = LOCKED_FILL
    ws.merge_cells(start_row=SUMMARY_ROW, start_column=1, end_row=SUMMARY_ROW, end_column=2)
    summary = reflow(plan.summary) if plan else ""
    put(ws, SUMMARY_ROW, 3, summary, answer=True)
    end = len(columns)
    ws.merge_cells(start_row=SUMMARY_ROW, start_column=3, end_row=SUMMARY_ROW, end_column=end)
    fit_row(
        ws, SUMMARY_ROW, [(summary, sum(c.width for c in columns[2:]))], answer=True, fixed=True
    )


def banner(ws: Worksheet, row: int, text: str, columns: list[Column]) -> None:
    put(ws, row, 1, text)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
    fit_row(ws, row, [(text, sum(c.width for c in columns))], fixed=True)


def rating_rules(ws: Worksheet, framework: Framework, lists: Lists, cells: str) -> None:
    """A drop-down of the scale's labels; each label coloured, so colour is never alone."""
    choices = rating_choices(framework)
    validation = lists.validation(choices, "rating")
    ws.add_data_validation(validation)
    validation.add(cells)
    for level in framework.rating_scale:
        label = level.label.replace('"', '""')
        ink, paint = rating_look(level.colour)
        rule = CellIsRule(  # type: ignore[no-untyped-call]
            operator="equal", formula=[f'"{label}"'], fill=paint, font=ink
        )
        ws.conditional_formatting.add(cells, rule)


def write_actions(
    ws: Worksheet, framework: Framework, review: Review, subject: str, lists: Lists
) -> None:
    rows = [
        action_cells(area.title, action)
        for area in framework.areas
        if area.id in review.action_plans
        for action in review.action_plans[area.id].actions
    ]
    columns = fitted(ACTION_COLUMNS, rows)
    set_widths(ws, columns)
    put(ws, 1, 1, f"Action plan: {subject}", wrap=False).font = font(bold=True, size=14)
    banner(
        ws,
        2,
        "One action per row, in any order. For each area rated "
        f"{_concerns(framework)}, add at least one action: what will be done, who owns it "
        "(a role such as SENCO, never a person's name), when it is due, its priority and "
        "status. Under Statements, give the refs of the statements it addresses, for "
        "example leadership-2, teaching-4.",
        ACTION_COLUMNS,
    )
    header_row = HEADER_ROW - 1
    header(ws, header_row, [c.heading for c in ACTION_COLUMNS])
    first = header_row + 1
    _action_rows(ws, columns, rows, first)
    _action_validations(ws, lists, framework, first, first + MAX_ACTIONS - 1)
    ws.freeze_panes = f"A{first}"
    protect(ws, rows_editable=True)
    print_setup(ws, f"Action plan: {subject}", f"{header_row}:{header_row}")


def _action_rows(
    ws: Worksheet, columns: list[Column], rows: list[dict[str, object]], first: int
) -> None:
    """The actions already planned from row ``first``, then spare rows to type into."""
    row = first
    for values in rows:
        for column, spec in enumerate(columns, start=1):
            put(ws, row, column, values[spec.key], answer=True)
        fit_row(ws, row, [(str(values[c.key] or ""), c.width) for c in columns], answer=True)
        row += 1
    for spare in range(row, row + SPARE_ACTION_ROWS):
        for column in range(1, len(ACTION_COLUMNS) + 1):
            put(ws, spare, column, None, answer=True)
    # Below the bordered rows, whole columns stay open, with their drop-downs, for long plans.
    for column in range(1, len(ACTION_COLUMNS) + 1):
        ws.column_dimensions[get_column_letter(column)].protection = Protection(locked=False)


def _action_validations(
    ws: Worksheet, lists: Lists, framework: Framework, first: int, last: int
) -> None:
    def column(key: str) -> str:
        return get_column_letter(
            next(i for i, c in enumerate(ACTION_COLUMNS, start=1) if c.key == key)
        )

    for key, validation in (
        ("area", lists.validation(area_choices(framework), "area")),
        ("priority", lists.validation(PRIORITIES, "priority")),
        ("status", lists.validation(STATUSES, "status")),
        ("due", date_validation()),
    ):
        ws.add_data_validation(validation)
        validation.add(f"{column(key)}{first}:{column(key)}{last}")
    ws.column_dimensions[column("due")].number_format = DATE_FORMAT
    for row in range(first, first + SPARE_ACTION_ROWS):
        ws[f"{column('due')}{row}"].number_format = DATE_FORMAT


def _concerns(framework: Framework) -> str:
    labels = [r.label for r in framework.rating_scale if framework.needs_action(r.id)]
    return " or ".join(labels) or "below the top of the scale"


def fitted(columns: list[Column], rows: list[dict[str, object]]) -> list[Column]:
    """The columns, each widened if one of its texts would not fit in Excel's tallest row."""
    return [
        replace(
            column,
            width=max(
                [column.width]
                + [
                    width_for(str(values[column.key] or ""), column.width, spare_lines=SPARE_LINES)
                    for values in rows
                ]
            ),
        )
        for column in columns
    ]


def set_widths(ws: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
