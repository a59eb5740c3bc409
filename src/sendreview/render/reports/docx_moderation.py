"""Moderation in the Word report, as _moderation.html.j2 has it: whose ratings count, each
academy's agreement with its moderator as a picture and a table, the largest disagreements
and the statements disagreed on most; in an academy's report, its figures and every
statement its moderator rated, both ratings side by side with the moderator's comment.

Every figure is the text :mod:`.moderation` made, so the Word report cannot differ from the
HTML. The chart is drawn by :func:`.pictures.stacked_bars`: each part carries a sign and its
count (= agreed, + the academy higher, - lower), so it reads in black and white.
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.render.reports.docx_base import CellValue, DocxPage, plain, rating
from sendreview.render.reports.moderation import (
    AgreementRow,
    Difference,
    ModerationSection,
    OwnModeration,
)
from sendreview.render.reports.pictures import Key, Picture, stacked_bars
from sendreview.render.reports.wording import day

#: The parts of each bar: its colour, the sign drawn on it, and what the key calls it.
PARTS = (
    ("#1B7A3E", "=", "agreed"),
    ("#A33C00", "+", "academy rated higher"),
    ("#0B5CAD", "-", "academy rated lower"),
)
KAPPA_NOTE = (
    "Compared: statements the academy and its moderator both rated. Weighted kappa measures "
    "agreement beyond chance across the scale (1 is perfect, 0 no better than chance); where "
    "it would mean nothing, the table says why."
)


def chart(rows: Sequence[AgreementRow]) -> Picture:
    """Agreement with the moderator as a bar per academy, for Word and any other picture."""
    bars = [
        (
            row.name,
            [
                (n, colour, sign)
                for (colour, sign, _), n in zip(
                    PARTS, (row.agreed, row.higher, row.lower), strict=True
                )
            ],
        )
        for row in rows
    ]
    keys = [Key(colour, sign, label) for colour, sign, label in PARTS]
    return stacked_bars("Agreement with the moderator, by academy", bars, keys)


def trust_moderation(page: DocxPage) -> None:
    """The trust report's "Moderation" section, or nothing when nobody was moderated."""
    mod = page.report.moderation
    if mod is None:
        return
    page.start("Moderation")
    page.paragraph(f"{mod.which} In the heatmap, {mod.mark} beside a letter: {mod.mark_meaning}.")
    page.heading("Agreement with the moderator", 2)
    page.picture(chart(mod.rows), min(page.text_width, 16.0))
    page.note(
        "Each bar is the statements an academy and its moderator both rated: = where they "
        "agreed, + where the academy rated itself higher, - where lower. The table gives "
        "every figure."
    )
    _agreement_table(page, mod)
    if mod.not_moderated:
        page.paragraph(f"Not moderated this cycle: {', '.join(mod.not_moderated)}.")
    _largest(page, mod)
    _contested(page, mod)


def _agreement_table(page: DocxPage, mod: ModerationSection) -> None:
    rows: list[list[CellValue]] = [_figures(row, with_who=True) for row in mod.rows]
    if mod.total is not None:
        rows.append(_figures(mod.total, with_who=True))
    header = ["Academy", "Moderator", "Compared", "Agreed", "Higher", "Lower", "Kappa", "Leaning"]
    page.table(
        header,
        rows,
        widths=(3.0, 3.0, 2.1, 1.7, 1.5, 1.5, 1.6, 3.1),
        size=8,
        caption="Agreement between each academy and its moderator",
    )
    page.note(KAPPA_NOTE)


def _figures(row: AgreementRow, *, with_who: bool) -> list[CellValue]:
    who = row.moderator + (f"\n{day(row.date)}" if row.date else "")
    return [
        *([row.name, who] if with_who else []),
        str(row.compared),
        f"{row.agreed} ({row.agreement})",
        str(row.higher),
        str(row.lower),
        row.kappa_text,
        row.leaning,
    ]


def _largest(page: DocxPage, mod: ModerationSection) -> None:
    page.heading("The largest disagreements", 2)
    if not mod.largest:
        page.paragraph(
            "Every academy and its moderator rated every statement they both rated the same."
        )
        return
    more = (
        f" {mod.more} more are in each academy's own report and the Excel report."
        if mod.more
        else ""
    )
    page.paragraph(
        "Statements an academy and its moderator rated differently, the furthest apart first."
        + more
    )
    rows: list[list[CellValue]] = [
        [
            d.academy,
            plain(f"{d.statement} · {d.area}\n{d.text}"),
            rating(d.own, label=True),
            rating(d.moderated, label=True),
            d.gap,
            plain(d.comment),
        ]
        for d in mod.largest
    ]
    page.table(
        ["Academy", "Statement", "Academy's own", "Moderator's", "Apart", "Comment"],
        rows,
        widths=(2.4, 4.0, 2.1, 2.0, 1.7, 4.2),
        size=8,
        caption="Statements rated differently by an academy and its moderator",
    )


def _contested(page: DocxPage, mod: ModerationSection) -> None:
    page.heading("Statements moderators disagree on most", 2)
    if not mod.contested:
        page.paragraph(
            "No statement was rated differently by more than one academy and its moderator."
        )
        return
    rows: list[list[CellValue]] = [
        [
            plain(f"{s.statement}: {s.text}"),
            s.area,
            f"{s.disagreed} of {s.compared}",
            ", ".join(s.academies),
        ]
        for s in mod.contested
    ]
    page.table(
        ["Statement", "Area", "Rated differently", "Which academies"],
        rows,
        widths=(6.0, 3.0, 1.8, 4.0),
        size=8,
        caption="Statements most often rated differently by academy and moderator",
    )


def academy_moderation(page: DocxPage) -> None:
    """An academy's report: its agreement figures, then every statement its moderator rated
    beside its own rating, with the comment (nothing when no academy was moderated)."""
    focus = page.report.focus
    if focus is None or focus.moderation is None:
        return
    own, name = focus.moderation, focus.academy.name
    page.start("Moderation")
    if not own.moderated:
        page.paragraph(
            f"{name} was not moderated this cycle: every rating here is the academy's own."
        )
        return
    row = own.row
    when = f" on {day(row.date)}" if row.date else ""
    page.paragraph(f"Moderated by {row.moderator}{when}. {own.which}")
    page.bullets(
        [
            (row.agreement, f" agreed ({row.agreed} of {row.compared} statements both rated)"),
            (str(row.higher), " rated higher by the academy than its moderator"),
            (str(row.lower), " rated lower"),
            (row.kappa_text, " weighted kappa")
            if row.kappa is not None
            else ("No weighted kappa: ", row.kappa_text),
        ]
    )
    page.paragraph(f"{name} {row.leaning}.")
    if row.summary:
        page.heading("The moderator's summary", 2)
        page.paragraph(" ".join(row.summary.split()))
    _statements(page, own)


def _statements(page: DocxPage, own: OwnModeration) -> None:
    found: list[Difference] = list(own.by_statement.values())
    if not found:
        return
    rows: list[list[CellValue]] = [
        [
            plain(f"{d.statement}\n{d.text}"),
            rating(d.own, label=True),
            rating(d.moderated, label=True),
            d.gap,
            plain(d.comment),
        ]
        for d in found
    ]
    page.heading("Statement by statement", 2)
    page.table(
        ["Statement", "Academy's own", "Moderator's", "Apart", "The moderator's comment"],
        rows,
        widths=(4.8, 2.1, 2.0, 1.8, 4.8),
        size=8,
        caption="Each statement the moderator rated, beside the academy's own rating",
    )
