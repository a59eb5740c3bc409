"""Two cycles compared, in the terminal (rich): what a director of SEND reads in a minute.

The trust's scores then and now, area by area and academy by academy, who improved and who
slipped, the trust priorities that came and went, whether the actions promised were done, and
answers carried forward in the same words. Every movement is an arrow with its words
(:mod:`sendreview.render.movement`); colour only repeats them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sendreview.model.comparison import (
    ActionFollowUp,
    CycleComparison,
    PriorityChange,
    ScoreChange,
)
from sendreview.prose import join_words, plural, shorten
from sendreview.render.console import console as terminal_console
from sendreview.render.movement import invalid_note, moderation_note, moved, style_of, then_now
from sendreview.render.reports.wording import cycle_label
from sendreview.render.terminal import terminal_width

#: The most improved (declined) academies named; the table above shows every one.
SHOWN = 3
#: Lines of a list (ratings gone down, actions, copied answers) shown before "…and N more".
LISTED = 12
FIELD_WORDS = {"strengths": "strengths", "areas_for_development": "areas for development"}


class _Names:
    """Academy and area ids to the names a person reads."""

    def __init__(self, c: CycleComparison) -> None:
        self.academies = {a.id: a.name for a in c.academies}
        self.areas = {a.id: a.title for a in c.areas}

    def academy(self, academy_id: str) -> str:
        return self.academies.get(academy_id, academy_id)

    def area(self, area_id: str) -> str:
        return self.areas.get(area_id, area_id)


def print_comparison(c: CycleComparison, console: Console | None = None) -> None:
    console = console or terminal_console()
    console.width = terminal_width(console)
    names = _Names(c)
    console.print(
        Text(f"{c.trust}: what moved from {cycle_label(c.from_)} to {cycle_label(c.to)}", "bold")
    )
    console.print(Text("The trust overall: ").append(_movement(c.overall)))
    if c.invalid:
        console.print(Text(invalid_note(c), "bold"))
    if c.moderation_changed:
        console.print(Text(moderation_note(c), "bold"))
    _areas(console, c)
    _academies(console, c, names)
    _statements(console, c, names)
    _priorities(console, c)
    _actions(console, c, names)
    _stale(console, c, names)
    _one_cycle_only(console, c)


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style="bold underline"))


def _movement(change: ScoreChange) -> Text:
    """'62% → 71%  ↑ 9 points': the words always, the colour as well."""
    text = Text(then_now(change))
    words = moved(change)
    if words:
        text.append("  ")
        text.append(words, style=style_of(change))
    return text


def _table(*headers: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    table.add_column(headers[0], max_width=36)
    for header in headers[1:]:
        table.add_column(header, no_wrap=True)
    return table


def _areas(console: Console, c: CycleComparison) -> None:
    _heading(console, f"The trust's score in each area, {c.from_} → {c.to}")
    table = _table("Area", "Score then → now")
    for area in c.areas:
        table.add_row(area.title, _movement(area.trust))
    console.print(table)
    console.print(
        Text(
            "Scores run from 0% (every rating at the bottom of the scale) to 100% (all at "
            "the top); a change is in percentage points.",
            style="dim",
        )
    )


def _academies(console: Console, c: CycleComparison, names: _Names) -> None:
    _heading(console, "Each academy overall")
    table = _table("Academy", "Score then → now", "Statements up", "down")
    for m in c.movement:
        table.add_row(names.academy(m.academy), _movement(m.score), str(m.up), str(m.down))
    console.print(table)
    moves = {m.academy: m.score for m in c.movement}
    for label, ids in (("Most improved", c.most_improved), ("Most declined", c.most_declined)):
        listed = [f"{names.academy(a)} ({moved(moves[a])})" for a in ids[:SHOWN]]
        line = Text(f"{label}: ", style="bold")
        line.append(join_words(listed) + "." if listed else "none.")
        console.print(line)


def _statements(console: Console, c: CycleComparison, names: _Names) -> None:
    """Every rating that went down, named; those that went up, counted."""
    counts = Counter(change.direction for s in c.statements for change in s.changes.values())
    _heading(
        console,
        f"Ratings: {counts['up']} up, {counts['down']} down, {counts['same']} the same, "
        f"{counts['new']} newly rated, {counts['gone']} no longer rated",
    )
    lines = []
    for s in c.statements:
        for academy_id, change in s.changes.items():
            if change.direction == "down":
                line = Text("↓ down: ", style="bold")
                line.append(f"{names.academy(academy_id)}, {s.id} ({change.from_} → {change.to})")
                line.append(f": {shorten(s.text, 70)}", style="dim")
                lines.append(line)
    _listed(console, lines)


def _listed(console: Console, lines: Sequence[Text | str]) -> None:
    """At most :data:`LISTED` lines, so that a large trust's summary still reads in a minute;
    the JSON and CSV hold every one."""
    for line in lines[:LISTED]:
        console.print(line)
    if len(lines) > LISTED:
        console.print(
            Text(f"…and {len(lines) - LISTED} more: --format json lists every one.", "italic")
        )


def _priorities(console: Console, c: CycleComparison) -> None:
    _heading(console, "Trust-wide priorities")
    by_state: dict[str, list[PriorityChange]] = {
        "new": [],
        "resolved": [],
        "persisting": [],
        "unrated": [],
    }
    for p in c.priorities:
        by_state[p.state].append(p)
    words = {
        "new": "New this cycle",
        "resolved": "Resolved since last cycle",
        "persisting": "Still priorities",
        "unrated": "Not yet rated this cycle",
    }
    for state, label in words.items():
        found = by_state[state]
        if state == "unrated" and not found:
            continue  # only worth a line while a cycle is being filled in
        console.print(Text(f"{label}: ", style="bold").append(str(len(found)) if found else "none"))
        for p in found:
            console.print(f"  • {p.statement}: {shorten(p.text, 80)}")


def _actions(console: Console, c: CycleComparison, names: _Names) -> None:
    tally = Counter(a.outcome for a in c.actions)
    twice = [a for a in c.actions if a.outcome == "carried" and a.cycles_carried >= 2]
    _heading(
        console,
        f"Actions: {tally['done']} done, {tally['carried']} carried forward unfinished "
        f"({len(twice)} carried twice or more), {tally['dropped']} dropped, {tally['new']} new",
    )
    overdue = sum(a.overdue for a in c.actions if a.outcome != "dropped")
    if overdue:
        console.print(f"{plural(overdue, 'action')} of {c.to} overdue at the review date.")
    lines = [_action_line(f"Carried {_times(a.cycles_carried)}", a, names) for a in twice]
    lines += [_action_line("Dropped", a, names) for a in c.actions if a.outcome == "dropped"]
    _listed(console, lines)
    if not twice and not tally["dropped"]:
        console.print("No action carried twice, and none dropped.")


def _times(n: int) -> str:
    return "twice" if n == 2 else f"{n} times"


def _action_line(label: str, a: ActionFollowUp, names: _Names) -> Text:
    line = Text(f"• {label}: ", style="bold")
    since = f", promised in {a.carried_from}" if a.carried_from else ""
    line.append(f"{names.academy(a.academy)}, {names.area(a.area)}{since}: ")
    line.append(shorten(a.action, 80))
    return line


def _stale(console: Console, c: CycleComparison, names: _Names) -> None:
    _heading(console, f"Answers copied unchanged: {plural(len(c.stale), 'answer')}")
    lines = [
        f"• {names.academy(s.academy)}, {s.statement} {FIELD_WORDS[s.field]}: the same words "
        f"since {s.since}, {'while the rating moved' if s.rating_moved else 'for two cycles'}. "
        "Is it still true?"
        for s in c.stale
    ]
    _listed(console, lines)
    if not c.stale:
        console.print("None: every answer carried forward was rewritten or its rating held.")


def _one_cycle_only(console: Console, c: CycleComparison) -> None:
    """Statements and academies in one of the two cycles only: said, not hidden."""
    lines = [
        _only(f"Statements only in {c.from_}", [s.id for s in c.statements if s.cycles == "from"]),
        _only(f"Statements only in {c.to}", [s.id for s in c.statements if s.cycles == "to"]),
        _only(f"Academies reviewed only in {c.from_}", _academies_in(c, "from")),
        _only(f"Academies reviewed only in {c.to}", _academies_in(c, "to")),
    ]
    found = [line for line in lines if line]
    if not found:
        return
    versions = sorted(set(c.framework_versions.values()))
    note = f" (framework versions {' and '.join(versions)})" if len(versions) > 1 else ""
    _heading(console, f"In one cycle only{note}")
    for line in found:
        console.print(f"• {line}")


def _academies_in(c: CycleComparison, cycles: str) -> list[str]:
    return [a.name for a in c.academies if a.cycles == cycles]


def _only(label: str, items: Sequence[str]) -> str:
    return f"{label}: {', '.join(items)}." if items else ""
