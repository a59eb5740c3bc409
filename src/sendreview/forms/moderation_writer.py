"""Write a moderator's workbook for one academy's review, pre-filled from the moderation file.

The workbook: a Moderation sheet (plain words, the rating scale, and who moderated, when and
their summary), one sheet per area with the academy's own answers locked and greyed beside
the moderator's rating and comment, and the hidden metadata sheet that tells
``sendreview import`` it is a moderation form and for which academy and cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from sendreview import __version__
from sendreview.excel.sheet_names import sheet_name
from sendreview.excel.styles import fill, font
from sendreview.forms.cell_writer import (
    LOCKED_FILL,
    Lists,
    date_validation,
    fit_row,
    print_setup,
    protect,
    put,
)
from sendreview.forms.layout import (
    FORMAT,
    META_SHEET,
    MODERATION_FORMAT_VERSION,
    MODERATION_KIND,
    rating_choices,
)
from sendreview.forms.moderation_compare import moderation_values
from sendreview.forms.moderation_layout import (
    MODERATION_SHEET,
    MODERATOR_DETAILS,
    moderation_cells,
    moderation_columns,
    peer_choices,
)
from sendreview.forms.sheet_writer import (
    StatementTable,
    area_heading,
    fitted,
    statement_table,
)
from sendreview.forms.values import choice_list, reflow
from sendreview.forms.workbook import (
    LABEL_WIDTH,
    TEXT_WIDTH,
    front_heading,
    new_workbook,
    refuse_unfit,
    workbook_bytes,
    write_meta_base,
    write_meta_head,
    write_scale,
    write_steps,
)
from sendreview.model import Area, Framework, Review, Trust
from sendreview.model.moderation import Moderation

#: The academy's own answers: locked, and greyed more than a label so that a moderator sees
#: at a glance which cells are theirs. Dark grey text on it reads at over 8:1.
READ_ONLY_FILL = fill("E7E6E6")
READ_ONLY_INK = "404040"
_SUMMARY_LINES = 5


@dataclass(frozen=True)
class ModerationSource:
    """Everything a moderation form shows: the academy's review and the moderation so far."""

    trust: Trust
    framework: Framework
    review: Review
    moderation: Moderation
    subject_name: str
    #: What the moderation file holds as the form is written (``None``: ``moderation``),
    #: remembered by digest so that an import can tell who changed an answer.
    base: Moderation | None = None


def build_moderation_workbook(source: ModerationSource) -> bytes:
    """The workbook's bytes. Refuses text no Excel cell can hold, naming where it is."""
    _check_fits(source)
    workbook, front, meta, lists = new_workbook(MODERATION_SHEET)
    _write_front(front, source, lists)
    taken = {MODERATION_SHEET, META_SHEET}
    for area in source.framework.areas:
        _write_area(workbook.create_sheet(sheet_name(area.title, taken)), area, source, lists)
    _write_meta(meta, source)
    return workbook_bytes(workbook, meta)


def _write_area(ws: Worksheet, area: Area, source: ModerationSource, lists: Lists) -> None:
    framework = source.framework
    rows = [
        moderation_cells(
            s.id,
            s.text,
            source.review.responses.get(s.id),
            source.moderation.responses.get(s.id),
            framework,
        )
        for s in area.statements
    ]
    columns = fitted(moderation_columns(framework), rows)
    area_heading(ws, area, columns)
    note = (
        "The grey columns are the academy's own answers. Choose your rating for each "
        "statement you moderate and say why in your comment."
    )
    table = StatementTable(columns, rows, note, f"Moderation: {area.title}", _read_only)
    statement_table(ws, table, framework, lists)


def _read_only(cell: Cell, key: str) -> None:
    """The academy's own answers greyed more than the statement's labels, in dark ink."""
    cell.fill = LOCKED_FILL if key in ("ref", "statement") else READ_ONLY_FILL
    cell.font = font(color=READ_ONLY_INK)


def _write_front(ws: Worksheet, source: ModerationSource, lists: Lists) -> None:
    line = f"{source.framework.title}, {source.trust.trust}, review cycle {source.review.cycle}"
    front_heading(ws, f"Moderation: {source.subject_name}", line)
    row = write_steps(ws, _guidance(source), 4)
    row = write_scale(ws, source.framework, row + 1)
    put(ws, row + 2, 1, "About this moderation", wrap=False).font = font(bold=True, size=13)
    _details(ws, source, lists, row + 3)
    protect(ws)
    print_setup(ws, ws["A1"].value, "1:2")


def _details(ws: Worksheet, source: ModerationSource, lists: Lists, row: int) -> None:
    """Who moderated, when, and the summary: a label, and an open cell beside it."""
    dates = date_validation()
    ws.add_data_validation(dates)
    peers = peer_choices(source.trust, source.moderation.academy)
    academies = lists.validation(peers, "academy") if peers else None
    if academies is not None:
        ws.add_data_validation(academies)
    for number, (detail, value) in enumerate(
        zip(MODERATOR_DETAILS, _detail_values(source), strict=True)
    ):
        at = row + number
        put(ws, at, 1, detail.label, bold=True).fill = LOCKED_FILL
        put(ws, at, 2, value, answer=True)
        if detail.key == "date":
            dates.add(f"B{at}")
            continue
        if detail.key == "academy" and academies is not None:
            academies.add(f"B{at}")
        # The summary is a paragraph or two: room for it, beyond an answer's spare lines.
        room = "\n" * _SUMMARY_LINES if detail.key == "summary" else ""
        text = str(value or "") + room
        fit_row(ws, at, [(detail.label, LABEL_WIDTH), (text, TEXT_WIDTH)], answer=True)


def _detail_values(source: ModerationSource) -> list[object]:
    moderation = source.moderation
    moderator = moderation.moderator
    peer = source.trust.academy(moderator.academy) if moderator.academy else None
    return [
        reflow(moderator.role),
        reflow(moderator.name or ""),
        peer.name if peer else (moderator.academy or ""),
        moderation.date,
        reflow(moderation.summary),
    ]


def _guidance(source: ModerationSource) -> list[tuple[str, str]]:
    """The Moderation sheet's steps, in plain words: (heading, text)."""
    framework, name = source.framework, source.subject_name
    labels = framework.labels
    areas = "; ".join(a.title for a in framework.areas)
    return [
        (
            "What this is",
            f"Your moderation of {name}'s own review against the {framework.title}. Each "
            f"area has its own sheet (the tabs at the bottom): {areas}. On each, the "
            f"academy's own rating, {labels.strengths.lower()} and "
            f"{labels.areas_for_development.lower()} are in grey: they are the academy's "
            "words, locked so that they stay as the academy wrote them.",
        ),
        (
            "Your ratings",
            f"For each statement you moderate, choose {choice_list(rating_choices(framework))}"
            " from the drop-down in the 'Your rating' column. Leave it empty for a statement "
            "you did not look at: only the statements you rate are compared with the "
            "academy's. The scale is below.",
        ),
        (
            "Your comments",
            "Say why in 'Your comment', above all where your rating differs from the "
            "academy's: that is where the conversation with the academy starts. To start a "
            "new line inside a cell, press Alt+Enter (on a Mac, Option+Return; in LibreOffice "
            "or Google Sheets, Ctrl+Enter). Every line break is kept.",
        ),
        (
            "Keep pupils out",
            "Moderation is about provision, not pupils: no pupils' names, UPNs, dates of "
            "birth, email addresses or phone numbers. Name roles, not people.",
        ),
        (
            "What you can change",
            "The statements and the academy's answers are locked; your cells have borders "
            "and are open. You may widen, hide or sort rows and columns. Please keep the Ref "
            "column and the statement rows.",
        ),
        (
            "When you have finished",
            "Fill in 'About this moderation' below, save the file as an Excel workbook "
            "(.xlsx) and send it back to your trust's SEND lead. Excel, LibreOffice and "
            "Google Sheets (File > Download > Microsoft Excel) all work.",
        ),
    ]


def _write_meta(ws: Worksheet, source: ModerationSource) -> None:
    values = {
        "format": FORMAT,
        "format_version": str(MODERATION_FORMAT_VERSION),
        "kind": MODERATION_KIND,
        "trust": source.trust.trust,
        "framework": source.framework.id,
        "framework_version": source.framework.version,
        "cycle": source.moderation.cycle,
        "academy": source.moderation.academy,
        "academy_name": source.subject_name,
        "written_by": f"sendreview {__version__}",
    }
    row = write_meta_head(ws, values, source.framework, wrap=True)
    write_meta_base(ws, row, moderation_values(source.base or source.moderation, source.framework))


def _check_fits(source: ModerationSource) -> None:
    refuse_unfit(
        _texts(source),
        f"The moderation of {source.subject_name} cannot go into an Excel form",
        "Shorten the text in the YAML file (the review's or the moderation's) and run "
        "'sendreview form --moderation' again.",
    )


def _texts(source: ModerationSource) -> Iterator[tuple[str, str]]:
    """Every text the form would put in a cell, and where it comes from."""
    for statement in source.framework.statements():
        cells = moderation_cells(
            statement.id,
            statement.text,
            source.review.responses.get(statement.id),
            source.moderation.responses.get(statement.id),
            source.framework,
        )
        for key in ("self_rating", "self_strengths", "self_development", "rating", "comment"):
            yield f"{statement.id} {key.replace('_', ' ')}", str(cells[key])
    for detail, value in zip(MODERATOR_DETAILS, _detail_values(source), strict=True):
        yield detail.label, str(value or "")
