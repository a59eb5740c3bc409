"""Moderation in the Excel report: the "Moderation" sheet (each academy's agreement with its
moderator), the "Disagreements" sheet (every statement rated differently, the furthest apart
first), and the columns an academy's own sheet gains: the academy's rating beside the
moderator's, and the moderator's comment.

Drawn from the same shapes as the Markdown and HTML section (:mod:`.moderation`), so a figure
reads the same in every format. Ratings are written as words, coloured by the sheet's rules
on that text; every cell goes through the sheet's safe writer, so a moderator's comment that
starts with "=" stays text.
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.excel.columns import Column
from sendreview.model.trust_view import StatementRow, TrustView
from sendreview.prose import unwrap
from sendreview.render.reports.moderation import (
    AgreementRow,
    Difference,
    ModerationSection,
    OwnModeration,
    own_moderation,
)
from sendreview.render.reports.wording import Level, cell, day, levels
from sendreview.render.reports.xlsx_layout import Book, Sheet, Styled
from sendreview.render.reports.xlsx_styles import AREA, DATE, NUMBER, PERCENT, RATING, TEXT

MODERATION, DISAGREEMENTS = "Moderation", "Disagreements"
#: What an academy's own sheet adds after its rating when the academy was moderated.
DETAIL_COLUMNS = (
    Column("Academy's own rating", 11, RATING),
    Column("Moderator's rating", 11, RATING),
    Column("Moderator's comment", 40),
)


def moderation_sheets(book: Book, trust: str, cycle: str, section: ModerationSection) -> None:
    _agreement(book, trust, cycle, section)
    _disagreements(book, trust, cycle, section.differences)


def _agreement(book: Book, trust: str, cycle: str, section: ModerationSection) -> None:
    columns = [
        Column("Academy", 32),
        Column("Moderator", 30),
        Column("Date", 13, DATE),
        Column("Compared", 10, NUMBER),
        Column("Agreed", 9, NUMBER),
        Column("Agreement", 11, PERCENT),
        Column("Academy higher", 10, NUMBER),
        Column("Academy lower", 10, NUMBER),
        Column("Weighted kappa", 16, TEXT),
        Column("Leaning", 40),
    ]
    note = (
        f"{section.which} Compared: statements the academy and its moderator both rated; "
        "higher: statements the academy rated above its moderator. Weighted kappa: agreement "
        "beyond chance across the scale (1 perfect, 0 no better than chance), or why it would "
        f"mean nothing. Every statement rated differently is on the {DISAGREEMENTS} sheet."
    )
    sheet = Sheet(
        book, MODERATION, f"{trust}: moderation, {cycle}", note, columns, freeze_columns=1
    )
    for row in section.rows:
        sheet.append(_row(row))
    if section.total is not None:
        sheet.append([Styled(section.total.name, AREA), *_row(section.total)[1:]])
    for name in section.not_moderated:
        sheet.append([name, "Not moderated this cycle"])
    sheet.close()


def _row(row: AgreementRow) -> list[object]:
    return [
        row.name,
        row.moderator or None,
        row.date,
        row.compared,
        row.agreed,
        row.share,
        row.higher,
        row.lower,
        row.kappa_text,
        row.leaning,
    ]


def _disagreements(book: Book, trust: str, cycle: str, found: Sequence[Difference]) -> None:
    columns = [
        Column("Academy", 28),
        Column("Area", 20),
        Column("Statement", 20, TEXT),
        Column("Statement text", 48),
        Column("Academy's own rating", 11, RATING),
        Column("Moderator's rating", 11, RATING),
        Column("Steps apart", 9, NUMBER),
        Column("Moderator's comment", 48),
    ]
    sheet = Sheet(
        book,
        DISAGREEMENTS,
        f"{trust}: statements rated differently by academy and moderator, {cycle}",
        "The furthest apart first. Steps apart: points of the scale between the two ratings, "
        "positive where the academy rated itself higher.",
        columns,
        freeze_columns=1,
    )
    for d in found:
        sheet.append(
            [
                d.academy,
                d.area,
                d.statement,
                d.text,
                d.own.label,
                d.moderated.label,
                d.steps,
                unwrap(d.comment) or None,
            ]
        )
    if not found:
        sheet.append(["Every academy and its moderator rated alike."])
    sheet.close()


def detail_note(view: TrustView, academy_id: str) -> str:
    """The academy's agreement with its moderator, for its sheet's note ('' if none)."""
    if academy_id not in view.moderation:
        return ""
    row = own_moderation(view, academy_id, levels(view.rating_scale)).row
    when = f" on {day(row.date)}" if row.date else ""
    return (
        f" Moderated by {row.moderator}{when}: {row.agreed} of {row.compared} statements "
        f"agreed ({row.agreement}), {row.higher} rated higher by the academy, {row.lower} "
        f"lower; weighted kappa {row.kappa_text}; the academy {row.leaning}."
    )


def detail_columns(view: TrustView, academy_id: str) -> tuple[Column, ...]:
    """The columns an academy's sheet adds: none when the academy was not moderated."""
    return DETAIL_COLUMNS if academy_id in view.moderation else ()


def detail_cells(view: TrustView, academy_id: str) -> dict[str, list[object]]:
    """Statement id -> the academy's own rating, the moderator's and the comment, for every
    statement the moderator rated (and any the view shows the moderator's rating for)."""
    if academy_id not in view.moderation:
        return {}
    scale = levels(view.rating_scale)
    own: OwnModeration = own_moderation(view, academy_id, scale)
    cells: dict[str, list[object]] = {
        d.statement: [d.own.label, d.moderated.label, unwrap(d.comment) or None]
        for d in own.by_statement.values()
    }
    for row in view.statements:  # rated by the moderator where the academy had not
        if academy_id in row.self_ratings and row.id not in cells:
            cells[row.id] = [_label(row, academy_id, scale), _in_use(row, academy_id, scale), None]
    return cells


def _label(row: StatementRow, academy_id: str, scale: Sequence[Level]) -> str:
    own = row.self_ratings.get(academy_id)
    return cell(own, scale).label if own else "Not rated"


def _in_use(row: StatementRow, academy_id: str, scale: Sequence[Level]) -> str:
    return cell(row.ratings.get(academy_id), scale).label
