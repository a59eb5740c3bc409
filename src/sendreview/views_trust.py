"""The trust view in the terminal (rich): what ``sendreview aggregate`` shows a director of SEND.

Drawn from the same shaped data as the Markdown and HTML reports
(:mod:`sendreview.reports.context`), so the figures match. Every rating shows its letter on
its colour, so the view reads the same with colour turned off (``NO_COLOR``) or printed.
Sized to stay readable in a terminal 100 columns wide.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sendreview.models.view import TrustView
from sendreview.reports.context import build
from sendreview.reports.shapes import Academy, Report, Tally
from sendreview.reports.wording import Cell, Level, day, percent, points, short
from sendreview.terminal import console as terminal_console

MAX_WIDTH = 100
NAME_WIDTH = 28
PROBLEMS_SHOWN = 15
GLYPHS = {"rt--na": "NA", "rt--none": "·"}


def print_trust_view(view: TrustView) -> None:
    report = build(view)
    console = terminal_console()
    # A terminal narrower than 100 columns is used as it is; piped output gets 100.
    console.width = min(console.width, MAX_WIDTH) if console.is_terminal else MAX_WIDTH
    for part in (
        _title,
        _completeness,
        _heatmap,
        _distribution,
        _priorities,
        _outliers,
        _peers,
        _actions,
        _trust_review,
        _problems,
    ):
        part(console, report)


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def _grid(
    *headers: str, right: Iterable[int] = (), width: int | None = None, first: int = NAME_WIDTH
) -> Table:
    """A plain table: academy (or statement) names first, never wrapped; headers of the
    other columns wrap within ``width`` so that long area titles stay whole."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    right = set(right)
    table.add_column(headers[0], no_wrap=True, max_width=first, overflow="ellipsis")
    for index, header in enumerate(headers[1:], start=1):
        table.add_column(header, justify="right" if index in right else "left", max_width=width)
    return table


def _name(academy: Academy) -> Text:
    return Text(academy.name, overflow="ellipsis", no_wrap=True)


def _style(level: Level | None) -> str:
    return f"bold {level.text_colour} on {level.colour}" if level else ""


def _letters(tally: Tally) -> Text:
    """'93%  A 1 · G 6' with each letter in its rating's colour."""
    text = Text(f"{percent(tally.score):>4}")
    parts = [(lv.letter, n, _style(lv)) for lv, n in tally.counts if n]
    parts += [("NA", tally.not_applicable, "")] if tally.not_applicable else []
    parts += [("·", tally.unrated, "dim")] if tally.unrated else []
    for letter, n, style in parts:
        text.append(" ")
        text.append(letter, style=style)
        text.append(f"{n}")
    return text


def _title(console: Console, r: Report) -> None:
    console.print(Text(f"{r.trust}: SEND review, {r.cycle_label}", style="bold"))
    line = f"{r.framework} (version {r.framework_version}), {len(r.academies)} academies"
    if r.review_dates:
        line += f", reviews carried out {r.review_dates}"
    console.print(line)


def _completeness(console: Console, r: Report) -> None:
    _heading(console, f"Completeness: {r.complete} of {len(r.academies)} reviews complete")
    table = _grid(
        "Academy", "Review", "Date", "Rated", "N/A", "Not rated", "Problems", right=(3, 4, 5, 6)
    )
    for a in r.academies:
        table.add_row(
            _name(a),
            Text(a.state_label, style="" if a.ok else "bold red"),
            day(a.review_date, brief=True) if a.review_date else "–",
            str(a.rated),
            str(a.not_applicable),
            str(a.unrated),
            str(a.problems),
        )
    console.print(table)


def _glyph(cell: Cell, width: int) -> Text:
    letter = cell.letter if cell.level else GLYPHS.get(cell.css, cell.letter)
    return Text(letter.rjust(width), style=_style(cell.level) or ("dim" if letter == "·" else ""))


def _heatmap(console: Console, r: Report) -> None:
    _heading(console, "Heatmap: each academy's rating of each statement")
    key = Text("Key: ")
    for level in r.scale:
        key.append(f" {level.letter} ", style=_style(level))
        key.append(f" {level.label}  ")
    key.append("NA not applicable  · not rated")
    console.print(key)
    width = max([2] + [len(lv.letter) + 1 for lv in r.scale])
    table = _grid("Academy")
    numbers = []
    for area in r.heat_areas:
        numbers.append(Text("".join(s.number.rjust(width) for s in area.statements), "dim"))
        table.add_column(area.title, width=max(len(numbers[-1]), 15), no_wrap=False)
    table.add_row("", *numbers)
    for row in r.heat_rows:
        cells = [Text("").join(_glyph(c, width) for c in group) for group in row.groups]
        table.add_row(_name(row.academy), *cells)
    console.print(table)


def _distribution(console: Console, r: Report) -> None:
    _heading(console, "Ratings by area: score, then statements at each rating")
    table = _grid("Academy", *(a.title for a in r.areas), width=18)
    for index, academy in enumerate(r.academies):
        table.add_row(_name(academy), *(_letters(a.rows[index][1]) for a in r.areas))
    table.add_row(Text("The trust", style="bold"), *(_letters(a.trust) for a in r.areas))
    console.print(table)
    console.print(
        Text(
            "Scores run from 0% (all at the bottom of the scale) to 100% (all at the top).",
            style="dim",
        )
    )


def _priorities(console: Console, r: Report) -> None:
    _heading(
        console,
        f"Trust-wide priorities: needing action in at least "
        f"{percent(r.priority_share)} of academies",
    )
    if not r.priorities:
        console.print("None this cycle.")
        return
    table = _grid("Statement", "Academies", "Text", right=(1,))
    for p in r.priorities:
        table.add_row(p.statement, f"{p.count} ({percent(p.share)})", p.text)
    console.print(table)


def _outliers(console: Console, r: Report) -> None:
    _heading(console, f"Outliers: at least {points(r.outlier_gap)} below the trust in an area")
    for o in r.outliers:
        console.print(
            f"• {o.academy}, {o.area}: {percent(o.score)} against the trust's "
            f"{percent(o.trust_score)} ({points(o.gap)} below)"
        )
    if not r.outliers:
        console.print("None this cycle.")


def _peers(console: Console, r: Report) -> None:
    _heading(console, "Peer support: academies that could pair up")
    for p in r.peers:
        line = Text("• ")
        line.append(p.learner, style="bold")
        line.append(" (")
        line.append(p.learner_rating.letter, style=_style(p.learner_rating.level))
        line.append(") could learn from ")
        line.append(p.helper, style="bold")
        line.append(" (")
        line.append(p.helper_rating.letter, style=_style(p.helper_rating.level))
        line.append(f") in {p.area}: " + ", ".join(s.id for s in p.statements))
        console.print(line)
    if not r.peers:
        console.print("None this cycle.")


def _actions(console: Console, r: Report) -> None:
    _heading(
        console,
        f"Action plans: {r.action_count} action{'' if r.action_count == 1 else 's'}, "
        f"{r.overdue} overdue at the review date",
    )
    for area in r.actions:
        for a in area.actions:
            if a.overdue:
                console.print(
                    Text(
                        f"• Overdue: {a.who}, {a.owner}, due {day(a.due)}: {short(a.action, 80)}",
                        style="bold red",
                    )
                )


def _trust_review(console: Console, r: Report) -> None:
    t = r.trust_review
    if t is None:
        return
    when = f", carried out {day(t.review_date)}" if t.review_date else ""
    _heading(console, f"The trust's own review: {t.title} ({t.state_label.lower()}{when})")
    table = _grid("Area", "Ratings", first=45)
    for title, tally in t.areas:
        table.add_row(title, _letters(tally))
    console.print(table)
    if r.lens is None:
        return
    console.print(
        Text(f"The academies read through the {r.lens.title}'s areas (scores)", style="bold")
    )
    table = _grid("Academy", *(title for title, _ in r.lens.areas), right=range(1, 6), width=16)
    for academy, tallies in r.lens.rows:
        table.add_row(_name(academy), *(percent(x.score) for x in tallies))
    table.add_row(
        Text("All academies", style="bold"), *(percent(x.score) for x in r.lens.all_academies)
    )
    if r.lens.trust_review:
        table.add_row(
            Text("Trust's own review", style="bold"),
            *(percent(x.score) for x in r.lens.trust_review),
        )
    console.print(table)


def _problems(console: Console, r: Report) -> None:
    if not r.problems:
        return
    _heading(console, f"Problems found in the review files: {len(r.problems)}")
    for p in r.problems[:PROBLEMS_SHOWN]:
        where = f"{p.file}:{p.line}" if p.line else p.file
        style = "red" if p.severity == "error" else "yellow"
        console.print(Text(f"{where}: {p.severity}[{p.code}] {p.message}", style=style))
    if len(r.problems) > PROBLEMS_SHOWN:
        console.print(f"… and {len(r.problems) - PROBLEMS_SHOWN} more.")
    console.print("Run 'sendreview validate' for every detail and how to fix it.")
