"""Read the action plan sheet of a returned form: one row per action."""

from __future__ import annotations

import datetime as dt

from sendreview.forms.layout import ACTION_COLUMNS, PRIORITIES, STATUSES, area_choices
from sendreview.forms.opening import Grid
from sendreview.forms.read_statements import missing_columns
from sendreview.forms.reading import Reading, pick
from sendreview.forms.tables import Header
from sendreview.forms.values import Choice, clean_text, match_choice, parse_date, refs_of
from sendreview.model.review import Action
from sendreview.prose import excerpt
from sendreview.source.yaml_document import DataPath


def read_action_table(reading: Reading, grid: Grid, header: Header) -> None:
    reading.action_table = True
    reading.cells.setdefault(("action_plans",), reading.at(grid, header[0], 1))
    missing_columns(reading, grid, header, ACTION_COLUMNS)
    for row in grid.rows():
        if row > header[0]:
            _action_row(reading, grid, row, header[1])


def _action_row(reading: Reading, grid: Grid, row: int, columns: dict[str, int]) -> None:
    keys = [c.key for c in ACTION_COLUMNS if c.key in columns and c.key != "area"]
    if not any(
        clean_text(grid.value(row, columns[k])) or (row, columns[k]) in grid.errors for k in keys
    ):
        return  # a blank row, or one with only its area chosen
    area_id = _action_area(reading, grid, row, columns)
    index = len(reading.actions.get(area_id, [])) if area_id else 0
    base: DataPath = ("action_plans", area_id, "actions", index) if area_id else ()
    if area_id:
        reading.cells[base] = reading.at(grid, row, columns.get("action", 1))
    values: dict[str, object] = {}
    for key in keys:
        if area_id:
            reading.cells[(*base, key)] = reading.at(grid, row, columns[key])
        values[key] = reading.value(grid, row, columns[key], (*base, key) if base else ())
    action = _action(reading, grid, row, columns, values, base)
    if area_id:
        reading.actions.setdefault(area_id, []).append(action)


def _action(
    reading: Reading,
    grid: Grid,
    row: int,
    columns: dict[str, int],
    values: dict[str, object],
    base: DataPath,
) -> Action:
    def path(key: str) -> DataPath:
        return (*base, key) if base else ()

    def choose(key: str, choices: list[Choice]) -> str | None:
        if key not in columns:
            return None
        where = reading.at(grid, row, columns[key])
        return pick(reading, clean_text(values.get(key)), choices, key, where, path(key))

    return Action.model_validate(
        {
            "action": clean_text(values.get("action")),
            "owner": clean_text(values.get("owner")),
            "due": _date(reading, grid, row, columns, values.get("due"), path("due")),
            "priority": choose("priority", PRIORITIES),
            "status": choose("status", STATUSES),
            "statements": [
                reading.statement_id(ref, None) or ref for ref in refs_of(values.get("statements"))
            ],
            "success_criteria": clean_text(values.get("success_criteria")),
        }
    )


def _action_area(reading: Reading, grid: Grid, row: int, columns: dict[str, int]) -> str | None:
    framework = reading.framework
    typed = clean_text(grid.value(row, columns["area"])) if "area" in columns else ""
    where = reading.at(grid, row, columns.get("area", 1))
    if not typed:
        if len(framework.areas) == 1:
            return framework.areas[0].id
        reading.problem(
            "SR605",
            where,
            "This action has no area.",
            "Choose its area from the drop-down in the Area column.",
        )
        return None
    choice = match_choice(typed, area_choices(framework))
    if choice is None:
        reading.not_a_choice(where, typed, "area", area_choices(framework), (), code="SR204")
        return None
    return choice.id


def _date(
    reading: Reading, grid: Grid, row: int, columns: dict[str, int], value: object, path: DataPath
) -> dt.date | None:
    try:
        return parse_date(value)
    except (ValueError, OverflowError):
        reading.problem(
            "SR205",
            reading.at(grid, row, columns["due"]),
            f'"{excerpt(clean_text(value))}" is not a real date.',
            "Type the date as day/month/year, for example 12/02/2027.",
            path=path,
        )
        return None
