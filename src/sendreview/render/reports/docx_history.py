"""Cycles compared, in Word: "Since last review" and "Trend" in the trust report, and one
academy's own movement in its report, from the same shapes as the HTML (:mod:`.movement`,
:mod:`.movement_academy`, :mod:`.trend_chart`). Every move is an arrow and a word; the
shading of a cell only repeats what they say."""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.prose import shorten, unwrap
from sendreview.render.reports.docx_base import (
    CellValue,
    DocxPage,
    Shaded,
    add_header_band,
    plain,
    tight,
)
from sendreview.render.reports.movement import (
    AcademyMove,
    ActionMove,
    Move,
    Movement,
    PriorityMove,
    ScoreMove,
    StaleRow,
)
from sendreview.render.reports.movement_academy import OwnMovement
from sendreview.render.reports.pictures import Series, line_chart
from sendreview.render.reports.wording import day

#: A light fill for a move up or down, behind its arrow and word.
FILLS = {"up": "#DCEFE2", "down": "#F8DEDB"}


def move_cell(m: Move) -> CellValue:
    return Shaded(f"{m.arrow} {m.word}", FILLS.get(m.direction, ""))


def _scores(
    page: DocxPage, rows: Sequence[ScoreMove], caption: str, before: str, after: str
) -> None:
    body: list[list[CellValue]] = [
        [
            s.title,
            s.before,
            s.after,
            Shaded(f"{s.move.arrow} {s.change}", FILLS.get(s.move.direction, "")),
        ]
        for s in rows
    ]
    page.table(["Area", before, after, "Change"], body, caption=caption)


def _key(page: DocxPage, rows: Sequence[tuple[str, str, str]]) -> None:
    page.bullets((f"{arrow} {name}: ", meaning) for arrow, name, meaning in rows)


def _academies(page: DocxPage, rows: Sequence[AcademyMove], mv: Movement, caption: str) -> None:
    body: list[list[CellValue]] = [
        [
            a.name,
            a.score.before,
            a.score.after,
            f"{a.score.move.arrow} {a.score.change}",
            str(a.up),
            str(a.down),
        ]
        for a in rows
    ]
    header = ["Academy", mv.from_label, mv.to_label, "Change", "Statements up", "Statements down"]
    page.table(header, body, caption=caption)


def _priorities(page: DocxPage, title: str, rows: Sequence[PriorityMove]) -> None:
    if not rows:
        return
    page.heading(title, 3)
    page.bullets(
        (
            f"{p.statement} · {p.area}: ",
            p.text + (f" ({', '.join(p.academies)})" if p.academies else ""),
        )
        for p in rows
    )


def _actions(page: DocxPage, rows: Sequence[ActionMove], caption: str, since: bool = True) -> None:
    body: list[list[CellValue]] = []
    for a in rows:
        action = unwrap(a.action) + (
            f"\nCarried twice: promised {a.cycles_carried} cycles ago" if a.twice else ""
        )
        due = (day(a.due) if a.due else "No date") + ("\nOVERDUE" if a.overdue else "")
        row: list[CellValue] = [a.academy, a.area, action, a.status, due]
        body.append(row + ([a.since or "–"] if since else []))
    header = ["Academy", "Area", "Action", "Status", "Due"] + (["Promised in"] if since else [])
    widths = (2.6, 2.6, 5.5, 1.6, 1.9) + ((1.6,) if since else ())
    page.table(header, body, widths=widths, size=8.5, caption=caption)


def _stale(page: DocxPage, rows: Sequence[StaleRow]) -> None:
    body: list[list[CellValue]] = [
        [
            s.academy,
            f"{s.statement}\n{shorten(s.text, 90)}",
            s.field,
            s.since,
            "Yes" if s.rating_moved else "No",
        ]
        for s in rows
    ]
    header = ["Academy", "Statement", "Answer", "Same words since", "Rating moved"]
    page.table(
        header,
        body,
        widths=(2.6, 6.0, 2.0, 1.9, 1.3),
        size=8.5,
        caption="Answers copied unchanged from an earlier cycle",
    )


def _heatmap(page: DocxPage, mv: Movement) -> None:
    _key(page, mv.key)
    columns = [c for g in mv.groups for c in g.columns]
    name_width = 4.5
    width = (page.text_width - name_width) / max(1, len(columns))
    rows: list[list[CellValue]] = [
        [
            row.academy + (f"\n{row.note}" if row.note else ""),
            *(move_cell(c) for group in row.groups for c in group),
        ]
        for row in mv.rows
    ]
    header = ["Academy"] + [
        g.title if mv.by_area else c.number for g in mv.groups for c in g.columns
    ]
    table = page.table(
        header,
        rows,
        widths=(name_width, *([width] * len(columns))),
        size=6.5,
        caption=f"How each academy's ratings moved, {mv.from_label} to {mv.to_label}",
    )
    if not mv.by_area:
        add_header_band(table, [(g.title, len(g.columns)) for g in mv.groups])
        tight(table)
        page.note("Statements are numbered as in the heatmap.")
    else:
        page.note("Each cell is the academy's score in the area, then and now.")


def since_last_review(page: DocxPage) -> None:
    mv = page.report.movement
    if mv is None:
        return
    page.start("Since last review", landscape=True, new_page=True)
    page.paragraph(
        f"What moved between {mv.from_label} and {mv.to_label}: each academy's ratings and "
        "scores, the trust-wide priorities, and what became of the actions promised."
    )
    if mv.invalid:
        page.paragraph(mv.invalid, lead="Note.")
    if mv.moderation:
        page.paragraph(mv.moderation, lead="Note.")
    _since_figures(page, mv)
    page.heading("Area scores then and now", 2)
    _scores(
        page,
        [*mv.areas, mv.overall],
        f"The trust's score in each area, {mv.from_label} and {mv.to_label}",
        mv.from_label,
        mv.to_label,
    )
    page.heading(
        "Movement " + ("by academy and area" if mv.by_area else "by academy and statement"), 2
    )
    _heatmap(page, mv)
    _since_rest(page, mv)


def _since_figures(page: DocxPage, mv: Movement) -> None:
    """The section's headline figures, as the HTML's figures list."""
    page.bullets(
        [
            (
                f"{mv.overall.move.arrow} {mv.overall.after}",
                f" the trust across every area, {mv.overall.change} (was {mv.overall.before})",
            ),
            (str(len(mv.done)), f" {'action' if len(mv.done) == 1 else 'actions'} done"),
            (
                str(len(mv.carried)),
                " carried forward"
                + (f", {len(mv.carried_twice)} of them twice" if mv.carried_twice else ""),
            ),
            (str(len(mv.dropped)), " dropped without being done"),
            (
                str(len(mv.stale)),
                f" {'answer' if len(mv.stale) == 1 else 'answers'} copied unchanged",
            ),
        ]
    )


def _since_rest(page: DocxPage, mv: Movement) -> None:
    page.heading("Most improved", 2)
    if mv.improved:
        _academies(page, mv.improved, mv, "Academies whose score rose most")
    else:
        page.paragraph("No academy's score rose.")
    page.heading("Most declined", 2)
    if mv.declined:
        _academies(page, mv.declined, mv, "Academies whose score fell most")
    else:
        page.paragraph("No academy's score fell.")
    page.heading("Trust-wide priorities", 2)
    _priorities(page, f"New since {mv.from_label}", mv.new_priorities)
    _priorities(page, "Resolved", mv.resolved)
    _priorities(page, "Still priorities", mv.persisting)
    _priorities(page, f"Not yet rated in {mv.to_label}", mv.unrated_priorities)
    if not (mv.new_priorities or mv.resolved or mv.persisting or mv.unrated_priorities):
        page.paragraph("No trust-wide priority in either cycle.")
    page.heading("Actions followed through", 2)
    page.paragraph(
        f"Of the actions in {mv.from_label}'s plans: {len(mv.done)} done, {len(mv.carried)} "
        f"carried into {mv.to_label}, {len(mv.dropped)} dropped without being done. "
        f"{mv.new_actions} new {'action' if mv.new_actions == 1 else 'actions'} in "
        f"{mv.to_label}."
    )
    for title, rows, since in (
        ("Carried forward", mv.carried, True),
        ("Dropped", mv.dropped, False),
        ("Done", mv.done, False),
    ):
        if rows:
            page.heading(title, 3)
            _actions(page, rows, f"Actions {title.lower()}", since)
    page.heading("Answers copied unchanged", 2)
    if mv.stale:
        page.paragraph("Answers with the same words as an earlier cycle: is each still true?")
        _stale(page, mv.stale)
    else:
        page.paragraph("No answer is copied unchanged from an earlier cycle.")


def trend(page: DocxPage) -> None:
    """The trust's score in each area in every cycle: a line chart, then its table."""
    t = page.report.trend
    source = page.request.trend
    if t is None or source is None:
        return
    page.start("Trend", landscape=False, new_page=True)
    page.paragraph(
        f"The trust's score in each area, in every cycle from {t.cycles[0]} to {t.cycles[-1]}."
    )
    series = [Series(a.title, [a.trust.get(c) for c in source.cycles]) for a in source.areas]
    chart = line_chart("Trust score by area", t.cycles, series)
    page.picture(chart, page.text_width)
    page.note(
        "Each line is an area, with its own marker and its name at its end; the table "
        "gives every figure."
    )
    rows: list[list[CellValue]] = [[title, *values] for title, values in t.rows]
    rows.append(["Every area", *t.overall])
    page.table(["Area", *t.cycles], rows, caption="The trust's score in each area, by cycle")


def own_movement(page: DocxPage) -> None:
    focus = page.report.focus
    mv = focus.movement if focus else None
    if focus is None or mv is None:
        return
    name = focus.academy.name
    page.start("Since last review", new_page=True)
    page.paragraph(
        f"What moved at {name} between {mv.from_label} and {mv.to_label}: {mv.up} "
        f"{'statement' if mv.up == 1 else 'statements'} up the scale, {mv.down} down; "
        f"{mv.done} {'action' if mv.done == 1 else 'actions'} done, {len(mv.carried)} "
        f"carried forward, {len(mv.dropped)} dropped."
    )
    if mv.moderation:
        page.paragraph(mv.moderation, lead="Note.")
    _scores(
        page,
        [*mv.areas, mv.overall],
        f"{name}'s score in each area, {mv.from_label} and {mv.to_label}",
        mv.from_label,
        mv.to_label,
    )
    _key(page, mv.key)
    _own_statements(page, mv)
    if mv.carried:
        page.heading("Actions carried forward", 2)
        _actions(page, mv.carried, "Actions carried forward unfinished")
    if mv.dropped:
        page.heading("Actions dropped", 2)
        _actions(page, mv.dropped, "Actions neither done nor carried forward", False)
    if mv.stale:
        page.heading("Answers copied unchanged", 2)
        _stale(page, mv.stale)


def _own_statements(page: DocxPage, mv: OwnMovement) -> None:
    """Each area's statements then and now, a table an area."""
    for area, rows in mv.statements:
        body: list[list[CellValue]] = [
            [
                plain(f"{s.head.id}\n{shorten(s.head.text, 110)}"),
                s.before,
                s.after,
                move_cell(s.move),
            ]
            for s in rows
        ]
        page.table(
            ["Statement", mv.from_label, mv.to_label, "Moved"],
            body,
            size=8.5,
            widths=(9.0, 2.6, 2.6, 2.8),
            caption=f"{area}: each statement then and now",
        )
