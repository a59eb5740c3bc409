"""The trust view in the terminal (rich): what ``sendreview aggregate`` shows a director of SEND.

Drawn from the same shaped data as the Markdown and HTML reports
(:mod:`sendreview.render.reports.context`), so the figures match. Every rating shows its letter on
its colour, so the view reads the same with colour turned off (``NO_COLOR``) or printed.

Laid out for the terminal's width: a wide table (the heatmap, the scores by area) is split
into blocks of whole areas that fit side by side, so a row is never broken and a heading
never cut; a wider terminal shows more areas per block. Piped output is 100 columns wide
unless ``COLUMNS`` says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sendreview.model.comparison import CycleComparison, ScoreChange
from sendreview.model.trust_view import TrustView
from sendreview.prose import plural, shorten
from sendreview.render.console import console as terminal_console
from sendreview.render.movement import moved
from sendreview.render.reports.context import build
from sendreview.render.reports.shapes import Academy, Report, Tally
from sendreview.render.reports.wording import Cell, Level, day, percent, points
from sendreview.render.terminal import terminal_width
from sendreview.render.terminal_agreement import print_moderation, print_ratings_in_use
from sendreview.render.terminal_need_profile import print_need_profile
from sendreview.render.terminal_summary import print_summary
from sendreview.render.terminal_tables import NAME_WIDTH
from sendreview.render.terminal_tables import grid as _grid
from sendreview.render.terminal_tables import heading as _heading

GAP = 3  # between two columns of a table: padding, the (blank) rule, padding
GLYPHS = {"rt--na": "NA", "rt--none": "·"}


#: (area id, academy id or None for the trust) -> the score then and now
Changes = Mapping[tuple[str, str | None], ScoreChange]


def print_trust_view(
    view: TrustView, console: Console | None = None, comparison: CycleComparison | None = None
) -> None:
    """The trust view; with ``comparison`` (this cycle against the one before), each area
    score shows how it moved since."""
    report = build(view, comparison=comparison)  # with it, the summary says what moved
    console = console or terminal_console()
    console.width = terminal_width(console)
    for part in (
        _title,
        partial(_moderation, print_ratings_in_use, view),
        _caveat,
        print_summary,
        _completeness,
        _heatmap,
        partial(_distribution, since=comparison),
        print_need_profile,
        _priorities,
        _outliers,
        _peers,
        partial(_moderation, print_moderation, view),
        _actions,
        _trust_review,
        _problems,
    ):
        part(console, report)


def _moderation(
    draw: Callable[[Console, TrustView], None], view: TrustView, console: Console, _: Report
) -> None:
    """A part drawn from the view itself: moderation is not part of the shaped report."""
    draw(console, view)


def _name(academy: Academy) -> Text:
    return Text(academy.name, overflow="ellipsis", no_wrap=True)


def _name_width(console: Console, r: Report, room: int) -> int:
    """The academy column: the longest name, at most 28 columns, narrower still (down to 14)
    when the other columns need the room."""
    longest = max([len("The trust")] + [len(a.name) for a in r.academies])
    return max(14, min(longest, NAME_WIDTH, console.width - room))


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _blocks(widths: Sequence[int], room: int) -> list[list[int]]:
    """Columns (by index) packed in order into blocks that fit ``room`` side by side."""
    blocks: list[list[int]] = []
    used = room + 1
    for index, width in enumerate(widths):
        if blocks and used + GAP + width <= room:
            blocks[-1].append(index)
            used += GAP + width
        else:
            blocks.append([index])
            used = width
    return blocks


def _block_tables(
    console: Console,
    r: Report,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Sequence[tuple[Text, Callable[[int], Text]]],
) -> None:
    """A table too wide for the terminal as several, each with the names and whole columns.

    ``widths`` are each column's width (its cells' and its header's longest word), so a
    header wraps at words and a row of cells is never broken.
    """
    name = _name_width(console, r, GAP + max(widths, default=0))
    for block in _blocks(widths, console.width - name - GAP):
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
        table.add_column("Academy", no_wrap=True, width=name)
        for index in block:
            table.add_column(headers[index], width=widths[index], no_wrap=False)
        for label, cell in rows:
            table.add_row(label, *(cell(index) for index in block))
        console.print(table)


def _style(level: Level | None) -> str:
    return f"bold {level.text_colour} on {level.colour}" if level else ""


def _letters(tally: Tally) -> Text:
    """'93% from 7 of 7' over 'A 1 G 6', each letter in its rating's colour; a thinly
    rated area shows 'not enough rated yet' over 'from 1 of 7' instead of a percentage."""
    if tally.enough:
        text = Text(tally.headline, style="bold")
        text.append(f" {tally.basis.removesuffix(' statements').removesuffix(' statement')}")
    else:
        text = Text(tally.headline, style="italic")
        text.append(f"\n{tally.basis.removesuffix(' statements').removesuffix(' statement')}")
    text.append("\n")
    parts = [(lv.letter, n, _style(lv)) for lv, n in tally.counts if n]
    parts += [("NA", tally.not_applicable, "")] if tally.not_applicable else []
    parts += [("·", tally.unrated, "dim")] if tally.unrated else []
    for number, (letter, n, style) in enumerate(parts):
        text.append(" " if number else "")
        text.append(letter, style=style)
        text.append(f" {n}")
    return text


def _caveat(console: Console, r: Report) -> None:
    if r.caveat:
        console.print()
        line = Text("Not final. ", style="bold yellow")
        line.append(r.caveat)
        console.print(line)


def _title(console: Console, r: Report) -> None:
    console.print(Text(f"{r.trust}: SEND review, {r.cycle_label}", style="bold"))
    line = f"{r.framework} (version {r.framework_version}), {len(r.academies)} academies"
    if r.review_dates:
        line += f", reviews carried out {r.review_dates}"
    console.print(line)


def _completeness(console: Console, r: Report) -> None:
    _heading(console, f"Completeness: {r.complete} of {len(r.academies)} reviews complete")
    # The academy names give way (cut with …) before a date or a count is broken.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column("Academy", max_width=NAME_WIDTH)
    table.add_column("Review", no_wrap=True)
    table.add_column("Date", no_wrap=True)
    for header in ("Rated", "N/A", "Not\nrated", "Problems"):
        table.add_column(header, justify="right", no_wrap=True)
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
    # Every cell is as wide as the widest glyph plus a space, so 'NA' never runs into its
    # neighbour and every row's letters stand under their statement numbers.
    glyphs = [len(lv.letter) for lv in r.scale] + [1]
    if any(c.css == "rt--na" for row in r.heat_rows for group in row.groups for c in group):
        glyphs.append(len(GLYPHS["rt--na"]))
    width = max(glyphs) + 1
    widths = [max(len(area.statements) * width, _longest_word(area.title)) for area in r.heat_areas]

    def numbers(index: int) -> Text:
        return Text("".join(s.number.rjust(width) for s in r.heat_areas[index].statements), "dim")

    def cells(row_groups: list[list[Cell]]) -> Callable[[int], Text]:
        return lambda index: Text("").join(_glyph(c, width) for c in row_groups[index])

    rows: list[tuple[Text, Callable[[int], Text]]] = [(Text(""), numbers)]
    rows += [(_name(row.academy), cells(row.groups)) for row in r.heat_rows]
    _block_tables(console, r, [a.title for a in r.heat_areas], widths, rows)


def _changes(comparison: CycleComparison | None) -> Changes:
    if comparison is None:
        return {}
    found: dict[tuple[str, str | None], ScoreChange] = {}
    for area in comparison.areas:
        found[(area.id, None)] = area.trust
        found.update({(area.id, academy): change for academy, change in area.scores.items()})
    return found


def _distribution(console: Console, r: Report, since: CycleComparison | None = None) -> None:
    _heading(console, "Ratings by area: score, what it rests on, then statements at each rating")
    tallies = [[t for _, t in area.rows] + [area.trust] for area in r.areas]
    changes = _changes(since)
    ids: list[str | None] = [a.id for a in r.academies] + [None]

    def cell(index: int, row: int) -> Text:
        """The tally, and under a score shown, how it moved since the cycle before."""
        tally, text = tallies[index][row], _letters(tallies[index][row])
        change = changes.get((r.areas[index].id, ids[row]))
        if tally.enough and change is not None and (words := moved(change)):
            text.append(f"\n{words}")
        return text

    widths = [
        max([_longest_word(area.title)] + [_text_width(cell(i, row)) for row in range(len(ids))])
        for i, area in enumerate(r.areas)
    ]
    names = [_name(a) for a in r.academies] + [Text("The trust", style="bold")]
    rows = [(n, partial(cell, row=row)) for row, n in enumerate(names)]
    _block_tables(console, r, [a.title for a in r.areas], widths, rows)
    if since is not None:
        console.print(
            Text(
                f"↑ ↓ =: how a score moved since {since.from_}, in percentage points.",
                style="dim",
            )
        )
    console.print(
        Text(
            "Scores run from 0% (all at the bottom of the scale) to 100% (all at the top). "
            "'from 6 of 7': the score rests on 6 rated statements of the 7 that apply; with "
            "less than half rated, no score is shown.",
            style="dim",
        )
    )


def _text_width(text: Text) -> int:
    return max((len(line) for line in text.plain.splitlines()), default=0)


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
            f"• {o.academy}, {o.area}: {percent(o.score)} ({o.basis}) against the trust's "
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
        f"Action plans: {plural(r.action_count, 'action')}, {r.overdue} overdue at the review date",
    )
    for area in r.actions:
        for a in area.actions:
            if a.overdue:
                console.print(
                    Text(
                        f"• Overdue: {a.who}, {a.owner}, due {day(a.due)}: {shorten(a.action, 80)}",
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
    lens = r.lens
    columns = [list(t) for t in zip(*(tallies for _, tallies in lens.rows), strict=True)]
    for index, total in enumerate(lens.all_academies):
        columns[index].append(total)
        if lens.trust_review:
            columns[index].append(lens.trust_review[index])
    names = [_name(a) for a, _ in lens.rows] + [Text("All academies", style="bold")]
    names += [Text("Trust's own review", style="bold")] if lens.trust_review else []
    widths = [
        max([_longest_word(title)] + [_text_width(_letters(t)) for t in columns[i]])
        for i, (title, _) in enumerate(lens.areas)
    ]
    rows = [
        (n, (lambda index, row=row: _letters(columns[index][row]))) for row, n in enumerate(names)
    ]
    _block_tables(console, r, [title for title, _ in lens.areas], widths, rows)


def _problems(console: Console, r: Report) -> None:
    if not r.problem_summaries:
        return
    _heading(console, "What is missing in the review files")
    for summary in r.problem_summaries:
        line = Text("• ")
        line.append(summary.who, style="bold")
        line.append(f": {summary.text}.")
        console.print(line)
    console.print(f"To see each one, where it is and how to fix it, run: {r.validate_command}")
