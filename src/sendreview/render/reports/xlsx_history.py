"""The Excel report's sheets for cycles compared: "Since last review" (the movement heatmap),
"Movement" (scores then and now, most improved and declined), "Follow-through" (what became
of last cycle's actions and priorities), "Copied answers" and "Trend".

Drawn from the same shapes as the Markdown and HTML sections (:mod:`.movement`,
:mod:`.trend_chart`), so a figure reads the same in every format. Each move is written as an
arrow and a word ("↑ up"), so it survives a black-and-white print; every cell goes through
the sheet's safe writer, so no text from a review becomes a formula.
"""

from __future__ import annotations

from sendreview.excel.columns import Column
from sendreview.render.reports.movement import ActionMove, Move, Movement
from sendreview.render.reports.movement_academy import OwnMovement
from sendreview.render.reports.trend_chart import TrendView
from sendreview.render.reports.xlsx_layout import Book, Sheet, Styled
from sendreview.render.reports.xlsx_styles import AREA, DATE, FLAG, NUMBER, TEXT

SINCE, MOVEMENT, FOLLOW_THROUGH, COPIED, TREND = (
    "Since last review",
    "Movement",
    "Follow-through",
    "Copied answers",
    "Trend",
)


def sheet_names(movement: Movement | None, trend: TrendView | None) -> tuple[str, ...]:
    """The sheets this workbook gains, to reserve their names before the academies'."""
    names = (SINCE, MOVEMENT, FOLLOW_THROUGH, COPIED) if movement else ()
    return names + ((TREND,) if trend else ())


def _cell(move: Move) -> str:
    return f"{move.arrow} {move.word}"


def since_sheets(book: Book, trust: str, movement: Movement, caveat: str = "") -> None:
    _heatmap(book, trust, movement, caveat)
    _scores(book, trust, movement)
    _follow_through(book, trust, movement)
    _copied(book, trust, movement)


def _heatmap(book: Book, trust: str, mv: Movement, caveat: str) -> None:
    """Statements (or areas) down, academies across: each cell an arrow and a word."""
    columns = [
        Column("Statement" if not mv.by_area else "Area", 20, TEXT),
        Column("In short", 40),
        *(Column(row.academy, 14, TEXT) for row in mv.rows),
    ]
    sheet = Sheet(
        book,
        SINCE,
        f"{trust}: since last review, {mv.from_label} to {mv.to_label}",
        f"{caveat}How each academy's ratings moved: an arrow and a word in each cell, "
        "with the key below the table.",
        columns,
        freeze_columns=2,
    )
    blank = [Styled(None, AREA)] * (len(columns) - 1)
    for index, group in enumerate(mv.groups):
        if not mv.by_area:
            sheet.append([Styled(group.title, AREA), *blank])
        for place, head in enumerate(group.columns):
            cells = [_cell(row.groups[index][place]) for row in mv.rows]
            sheet.append([head.id, head.text, *cells])
    for label, heads in mv.only_in:
        sheet.append([f"Only in {label}", ", ".join(h.id for h in heads)])
    last = sheet.rows
    sheet.append([])
    sheet.append([Styled("Key", AREA), Styled(None, AREA)])
    for arrow, word, meaning in mv.key:
        sheet.append([f"{arrow} {word}", meaning])
    sheet.close(last_row=last, autofilter=False)


def _scores(book: Book, trust: str, mv: Movement) -> None:
    columns = [
        Column("Area or academy", 36),
        Column(mv.from_label, 12, TEXT),
        Column(mv.to_label, 12, TEXT),
        Column("Change", 20, TEXT),
        Column("Statements up", 11, NUMBER),
        Column("Statements down", 11, NUMBER),
    ]
    sheet = Sheet(
        book,
        MOVEMENT,
        f"{trust}: scores then and now, {mv.from_label} to {mv.to_label}",
        "The trust's score in each area, then the academies whose score rose or fell most.",
        columns,
        freeze_columns=1,
    )
    blank = [Styled(None, AREA)] * (len(columns) - 1)
    sheet.append([Styled("The trust", AREA), *blank])
    for s in [*mv.areas, mv.overall]:
        sheet.append([s.title, s.before, s.after, f"{s.move.arrow} {s.change}"])
    for title, academies in (("Most improved", mv.improved), ("Most declined", mv.declined)):
        sheet.append([Styled(title, AREA), *blank])
        for a in academies:
            s = a.score
            sheet.append([a.name, s.before, s.after, f"{s.move.arrow} {s.change}", a.up, a.down])
        if not academies:
            sheet.append(["None"])
    sheet.close(autofilter=False)


def _follow_through(book: Book, trust: str, mv: Movement) -> None:
    columns = [
        Column("What became of it", 16, TEXT),
        Column("Academy", 28),
        Column("Area", 24),
        Column("Action or statement", 60),
        Column("Status", 12, TEXT),
        Column("Due", 13, DATE),
        Column("Promised in", 13, TEXT),
        Column("Cycles carried", 10, NUMBER),
        Column("Overdue", 10, FLAG),
    ]
    sheet = Sheet(
        book,
        FOLLOW_THROUGH,
        f"{trust}: actions and priorities followed through, {mv.from_label} to {mv.to_label}",
        f"What became of {mv.from_label}'s actions: done, carried forward (twice: promised two "
        "cycles ago) or dropped without being done; then the trust-wide priorities that are "
        "new, resolved or still there. Use the arrows on row 3 to filter.",
        columns,
        freeze_columns=1,
    )
    outcomes = (("Carried", mv.carried), ("Dropped", mv.dropped), ("Done", mv.done))
    for outcome, actions in outcomes:
        for a in actions:
            sheet.append(_action(outcome, a))
    states = (("New priority", mv.new_priorities), ("Resolved", mv.resolved))
    later = (("Still a priority", mv.persisting), ("Not yet rated", mv.unrated_priorities))
    for state, rows in (*states, *later):
        for p in rows:
            sheet.append([state, ", ".join(p.academies), p.area, f"{p.statement}: {p.text}"])
    sheet.close()


def _action(outcome: str, a: ActionMove) -> list[object]:
    label = "Carried twice" if a.twice else outcome
    return [
        label,
        a.academy,
        a.area,
        a.action,
        a.status,
        a.due,
        a.since or None,
        a.cycles_carried or None,
        "Overdue" if a.overdue else None,
    ]


def _copied(book: Book, trust: str, mv: Movement) -> None:
    columns = [
        Column("Academy", 28),
        Column("Statement", 20, TEXT),
        Column("Statement text", 50),
        Column("Answer", 20, TEXT),
        Column("Same words since", 16, TEXT),
        Column("Rating moved", 12, TEXT),
    ]
    sheet = Sheet(
        book,
        COPIED,
        f"{trust}: answers copied unchanged, {mv.to_label}",
        "Answers with the same words as an earlier cycle: is each still true?",
        columns,
    )
    for s in mv.stale:
        moved = "Yes" if s.rating_moved else "No"
        sheet.append([s.academy, s.statement, s.text, s.field, s.since, moved])
    if not mv.stale:
        sheet.append(["No answer is copied unchanged from an earlier cycle."])
    sheet.close()


def trend_sheet(book: Book, trust: str, trend: TrendView) -> None:
    columns = [Column("Area", 36), *(Column(c, 14, TEXT) for c in trend.cycles)]
    sheet = Sheet(
        book,
        TREND,
        f"{trust}: the trust's score in each area, {trend.cycles[0]} to {trend.cycles[-1]}",
        "A score runs from 0% (every rated statement at the bottom of the scale) to 100%; "
        "'–' where too little was rated.",
        columns,
        freeze_columns=1,
    )
    for title, values in trend.rows:
        sheet.append([title, *values])
    sheet.append([Styled("Every area", AREA), *trend.overall])
    sheet.close(autofilter=False)


def own_sheet(book: Book, name: str, mv: OwnMovement) -> None:
    """One academy's movement: its area scores, each statement then and now, and the
    actions it carried forward or dropped."""
    columns = [
        Column("Area or statement", 22, TEXT),
        Column("Statement text", 50),
        Column(mv.from_label, 13, TEXT),
        Column(mv.to_label, 13, TEXT),
        Column("Moved", 18, TEXT),
    ]
    sheet = Sheet(
        book,
        SINCE,
        f"{name}: since last review, {mv.from_label} to {mv.to_label}",
        f"{mv.up} statements up the scale, {mv.down} down; {mv.done} actions done, "
        f"{len(mv.carried)} carried forward, {len(mv.dropped)} dropped.",
        columns,
        freeze_columns=1,
    )
    blank = [Styled(None, AREA)] * (len(columns) - 1)
    sheet.append([Styled("Scores", AREA), *blank])
    for s in [*mv.areas, mv.overall]:
        sheet.append([s.title, None, s.before, s.after, f"{s.move.arrow} {s.change}"])
    for area, rows in mv.statements:
        sheet.append([Styled(area, AREA), *blank])
        for st in rows:
            sheet.append([st.head.id, st.head.text, st.before, st.after, _cell(st.move)])
    for title, actions in (("Carried forward", mv.carried), ("Dropped", mv.dropped)):
        if actions:
            sheet.append([Styled(title, AREA), *blank])
        for a in actions:
            twice = " (carried twice)" if a.twice else ""
            sheet.append([a.area, a.action + twice, a.since or None, a.status, None])
    sheet.close(autofilter=False)
