"""Read a returned moderation form into a :class:`Moderation`, each problem at its sheet and cell.

As with a review form (:mod:`~sendreview.forms.reader`), tables are found by their headings and
statements by the id in each row's Ref column, so renamed sheets, sorted rows and moved columns
read the same; the academy's own answers, shown in grey, are never read back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sendreview.diagnostics import Diagnostic, Location
from sendreview.forms.layout import rating_choices
from sendreview.forms.meta import FormMeta
from sendreview.forms.moderation_layout import (
    MODERATION_KEYS,
    MODERATOR_DETAILS,
    moderation_columns,
)
from sendreview.forms.opening import Grid
from sendreview.forms.read_statements import missing_columns
from sendreview.forms.reading import (
    PUT_BACK,
    Reading,
    filled_keys,
    pick,
    read_date,
    read_detail,
)
from sendreview.forms.tables import find_header
from sendreview.forms.values import Choice, clean_text, match_choice
from sendreview.model import Trust
from sendreview.model.moderation import ModeratedResponse, Moderation, Moderator
from sendreview.prose import excerpt, shorten
from sendreview.source.yaml_document import DataPath


@dataclass
class ModerationAnswers:
    """A moderation form's answers, the problems found, and where each answer sits."""

    moderation: Moderation
    diagnostics: list[Diagnostic]
    cells: dict[DataPath, Location]
    #: The answers whose problem the reader has reported already.
    flagged: set[DataPath]


def read_moderation(
    grids: Sequence[Grid], meta: FormMeta, trust: Trust, reading: Reading, academy: str
) -> ModerationAnswers:
    """The moderator's answers in ``grids`` (the metadata sheet left out)."""
    responses: dict[str, ModeratedResponse] = {}
    details: dict[str, object] = {}
    columns = moderation_columns(reading.framework)
    for grid in grids:
        if grid.title == meta.sheet:
            continue
        if header := find_header(grid, columns, MODERATION_KEYS):
            missing_columns(reading, grid, header, [c for c in columns if c.answer])
            for row in grid.rows():
                if row > header[0]:
                    _row(reading, grid, row, header[1], responses)
        _details(reading, grid, details, trust)
    _missing_parts(reading, responses, details)
    date = details.get("date")
    moderation = Moderation(
        framework=meta.framework,
        framework_version=meta.framework_version or None,
        cycle=meta.cycle,
        academy=academy,
        moderator=Moderator(
            role=clean_text(details.get("role")),
            name=clean_text(details.get("name")) or None,
            academy=str(details.get("academy") or "") or None,
        ),
        date=date if isinstance(date, dt.date) else None,
        summary=clean_text(details.get("summary")),
        responses={
            s.id: responses[s.id]
            for s in reading.framework.statements()
            if s.id in responses and (responses[s.id].rating or responses[s.id].comment)
        },
    )
    return ModerationAnswers(moderation, reading.diagnostics, reading.cells, reading.flagged)


def _row(
    reading: Reading,
    grid: Grid,
    row: int,
    columns: dict[str, int],
    responses: dict[str, ModeratedResponse],
) -> None:
    ref = clean_text(grid.value(row, columns["ref"]))
    statement_id = reading.statement_id(ref, grid.value(row, columns.get("statement", 0)))
    if statement_id is None:
        _answers_without_ref(reading, grid, row, columns, ref)
        return
    base = ("responses", statement_id)
    first = base not in reading.cells
    if first:
        reading.cells[base] = reading.at(grid, row, columns["ref"])
    response = _response(reading, grid, row, columns, base, record=first)
    if not first:
        if response != responses.get(statement_id):
            reading.problem(
                "SR602",
                reading.at(grid, row, columns["ref"]),
                f"{statement_id} has a second row here (the first is "
                f"{reading.cells[base].cell_ref}) with different answers.",
                "Keep one row per statement: merge your answers into one row and delete the other.",
                path=base,
            )
        return
    responses[statement_id] = response


def _response(
    reading: Reading,
    grid: Grid,
    row: int,
    columns: dict[str, int],
    base: DataPath,
    *,
    record: bool,
) -> ModeratedResponse:
    values: dict[str, object] = {}
    for key in ("rating", "comment"):
        if key not in columns:
            continue
        if record:
            reading.cells[(*base, key)] = reading.at(grid, row, columns[key])
        values[key] = reading.value(grid, row, columns[key], (*base, key))
    rating = None
    if "rating" in columns:
        where = reading.at(grid, row, columns["rating"])
        choices = rating_choices(reading.framework)
        typed = clean_text(values.get("rating"))
        rating = pick(reading, typed, choices, "rating", where, (*base, "rating"))
    return ModeratedResponse(rating=rating, comment=clean_text(values.get("comment")))


def _answers_without_ref(
    reading: Reading, grid: Grid, row: int, columns: dict[str, int], ref: str
) -> None:
    filled = filled_keys(grid, row, columns, ("rating", "comment"))
    if filled:
        reading.problem(
            "SR601",
            reading.at(grid, row, columns[filled[0]]),
            "This row has your answers but no statement ref"
            + (f" ('{excerpt(ref)}' is not one)" if ref else "")
            + ", so they cannot be imported.",
            "Put the statement's ref (for example leadership-1) back in the Ref column, or "
            "move your rating and comment into the right statement's row.",
        )


def _details(reading: Reading, grid: Grid, details: dict[str, object], trust: Trust) -> None:
    """Who moderated, when, and the summary, each found by its label on any sheet."""
    for detail in MODERATOR_DETAILS:
        found = read_detail(reading, grid, detail.label, detail.path)
        if found is None:
            continue
        value, where = found
        if detail.key == "date":
            value = read_date(reading, value, where, detail.path)
        elif detail.key == "academy":
            value = _peer(reading, value, where, detail.path, trust)
        details[detail.key] = value


def _peer(
    reading: Reading, value: object, where: Location, path: DataPath, trust: Trust
) -> str | None:
    """A peer SENCO's academy, chosen by name (or typed as its id)."""
    typed = clean_text(value)
    if not typed:
        return None
    choices = [Choice(a.id, a.name) for a in trust.academies]
    found = match_choice(typed, choices)
    if found is None:
        reading.problem(
            "SR303",
            where,
            f'"{excerpt(typed)}" is not an academy of {trust.trust}.',
            "Choose your academy from the drop-down, or leave the cell empty if you are not "
            "a peer SENCO from another academy of the trust.",
            path=path,
        )
        return None
    return found.id


def _missing_parts(
    reading: Reading, responses: dict[str, ModeratedResponse], details: dict[str, object]
) -> None:
    """Statements without a row, and a first sheet that is not there at all."""
    for statement in reading.framework.statements():
        if statement.id not in responses:
            reading.problem(
                "SR311",
                None,
                f"{statement.id} has no row in the form, so your rating of it cannot be read: "
                f'"{shorten(statement.text, 70)}"',
                "Put the row back (copy it from a new form made by 'sendreview form "
                "--moderation'), then import again.",
                path=("responses", statement.id),
            )
    if not details:
        reading.problem(
            "SR604",
            None,
            "Who moderated and when (your role, the date) are missing from the form.",
            PUT_BACK,
        )
