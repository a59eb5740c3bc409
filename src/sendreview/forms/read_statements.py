"""Read an area sheet of a returned form: one row per statement, and the area's summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sendreview.excel.columns import Column
from sendreview.forms.layout import rating_choices, summary_label
from sendreview.forms.opening import Grid
from sendreview.forms.reading import PUT_BACK, Reading, filled_keys, pick
from sendreview.forms.tables import Header, answer_column, find_label
from sendreview.forms.values import clean_text, evidence_of
from sendreview.model import Response

ANSWERS = ("rating", "strengths", "areas_for_development", "evidence", "not_applicable")


def read_statement_table(
    reading: Reading, grid: Grid, header: Header, columns: Sequence[Column]
) -> None:
    """Every statement row under ``header``, then the summary of the sheet's area (the area
    most of its statements belong to)."""
    missing_columns(reading, grid, header, [c for c in columns if c.key != "statement"])
    areas = Counter(
        _statement_row(reading, grid, row, header[1]) for row in grid.rows() if row > header[0]
    )
    areas.pop(None, None)
    _summary(reading, grid, areas.most_common(1)[0][0] if areas else None)


def missing_columns(
    reading: Reading, grid: Grid, header: Header, columns: Sequence[Column]
) -> None:
    for column in columns:
        if column.key not in header[1]:
            reading.problem(
                "SR604",
                reading.at(grid, header[0], 1),
                f"The '{column.heading}' column is missing, so its answers cannot be read.",
                "Put the column back (copy it from a new form made "
                "by 'sendreview form'), then import again.",
            )


def _statement_row(reading: Reading, grid: Grid, row: int, columns: dict[str, int]) -> str | None:
    """Read one row of an area sheet; returns the area of its statement, if it has one."""
    ref = clean_text(grid.value(row, columns["ref"]))
    statement_id = reading.statement_id(ref, grid.value(row, columns.get("statement", 0)))
    if statement_id is None:
        _answers_without_ref(reading, grid, row, columns, ref)
        return None
    response = _response(reading, grid, row, columns, statement_id)
    if statement_id in reading.responses:
        if response != reading.responses[statement_id]:
            first = reading.cells[("responses", statement_id)].cell_ref
            reading.problem(
                "SR602",
                reading.at(grid, row, columns["ref"]),
                f"{statement_id} has a second row here (the first is {first}) with "
                "different answers.",
                "Keep one row per statement: merge the answers into one row and delete the other.",
                path=("responses", statement_id),
            )
        return None
    reading.responses[statement_id] = response
    area = reading.framework.area_of(statement_id)
    return area.id if area else None


def _answers_without_ref(
    reading: Reading, grid: Grid, row: int, columns: dict[str, int], ref: str
) -> None:
    filled = filled_keys(grid, row, columns, ANSWERS)
    if filled:
        reading.problem(
            "SR601",
            reading.at(grid, row, columns[filled[0]]),
            "This row has answers but no statement ref"
            + (f" ('{ref}' is not one)" if ref else "")
            + ", so they cannot be imported.",
            "Put the statement's ref (for example leadership-1) back in the "
            "Ref column, or move the text into the right statement's row.",
        )


def _response(
    reading: Reading, grid: Grid, row: int, columns: dict[str, int], statement_id: str
) -> Response:
    base = ("responses", statement_id)
    if base not in reading.cells:
        reading.cells[base] = reading.at(grid, row, columns["ref"])
        for key in ANSWERS:
            if key in columns:
                reading.cells[(*base, key)] = reading.at(grid, row, columns[key])
    values = {
        key: reading.value(grid, row, columns[key], (*base, key))
        for key in ANSWERS
        if key in columns
    }
    rating = None
    if "rating" in values:
        where = reading.at(grid, row, columns["rating"])
        typed = clean_text(values["rating"])
        rating = pick(
            reading, typed, rating_choices(reading.framework), "rating", where, (*base, "rating")
        )
    reason = clean_text(values.get("not_applicable")) or None
    if rating and reason:
        reading.problem(
            "SR313",
            reading.at(grid, row, columns["not_applicable"]),
            f"{statement_id} has a rating and a reason it does not apply.",
            "Keep one: clear the rating, or clear the 'not applicable' cell.",
            path=(*base, "not_applicable"),
        )
    return Response(
        rating=rating,
        not_applicable=reason,
        strengths=clean_text(values.get("strengths")),
        areas_for_development=clean_text(values.get("areas_for_development")),
        evidence=evidence_of(values.get("evidence")),
    )


def _summary(reading: Reading, grid: Grid, area_id: str | None) -> None:
    framework = reading.framework
    if not framework.action_plan:
        return
    found = find_label(grid, summary_label(framework))
    if found is None:
        if area_id is not None:
            reading.problem(
                "SR604",
                reading.at(grid, 1, 1),
                f"The summary of this area's {framework.labels.areas_for_development.lower()} "
                "is missing from this sheet.",
                PUT_BACK,
            )
        return
    row, column = found
    answer = answer_column(grid, row, column, offset=2)
    path = ("action_plans", str(area_id), "summary")
    text = clean_text(reading.value(grid, row, answer, path))
    if area_id is None:
        if text:
            reading.problem(
                "SR601",
                reading.at(grid, row, answer),
                "This summary is on a sheet with no statements, so its area is not known.",
                PUT_BACK,
            )
        return
    reading.cells[path] = reading.at(grid, row, answer)
    reading.summaries[area_id] = text
