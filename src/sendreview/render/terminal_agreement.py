"""Moderation in the terminal: which ratings the view counts, how far each academy agrees with
its moderator, the statements disagreed on most, and who could moderate whom.

Nothing is shown for a cycle without moderation: a trust that does not moderate sees the
trust view it always saw.
"""

from __future__ import annotations

import datetime as dt

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sendreview.model.moderation import Agreement, Moderator
from sendreview.model.trust_view import TrustView
from sendreview.prose import plural, shorten
from sendreview.render.reports.wording import day, percent
from sendreview.render.terminal_tables import NAME_WIDTH, heading

#: How many contested statements and moderation pairs are listed; the JSON has them all.
LISTED = 10


def print_ratings_in_use(console: Console, view: TrustView) -> None:
    """One line under the title, once any academy has been moderated."""
    if not view.moderation:
        return
    moderated = plural(len(view.moderation), "academy", "academies")
    if view.ratings_in_use == "moderated":
        words = (
            f"the moderator's where a statement was moderated ({moderated}), else the "
            "academy's own; --ratings self counts the academies' own throughout."
        )
    else:
        words = (
            f"each academy's own (--ratings self); the moderators' ratings of {moderated} are "
            "compared below but not counted."
        )
    line = Text("Ratings in use: ", style="bold")
    line.append(words)
    console.print(line)


def print_moderation(console: Console, view: TrustView) -> None:
    """The Moderation section: agreement per academy and across the trust, the statements
    disagreed on most, and the moderation pairs."""
    summary = view.moderation_summary
    if not view.moderation or summary is None:
        return
    heading(console, "Moderation: each academy's own ratings against its moderator's")
    names = {a.id: a.name for a in view.academies}
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    # The moderator under the academy's name, wrapped at words: a column of its own would
    # not fit a terminal 100 columns wide beside the figures.
    table.add_column("Academy, and who moderated", min_width=14, max_width=NAME_WIDTH + 8)
    for header in ("Compared", "Agreed", "Higher", "Lower", "Kappa"):
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("Leaning", no_wrap=True)
    for academy in view.academies:
        found = view.moderation.get(academy.id)
        if found is not None:
            who = Text(academy.name)
            who.append("\n" + _who(found.moderator, found.date, names), style="dim")
            table.add_row(who, *_figures(found))
    table.add_row(Text("The trust", style="bold"), *_figures(summary))
    console.print(table)
    console.print(_key(view), style="dim")
    _contested(console, view)
    _pairs(console, view, names)


def _who(moderator: Moderator, date: dt.date | None, names: dict[str, str]) -> str:
    """'Peer SENCO from Saltmarsh Primary Academy, 24 Nov 2026'."""
    who = moderator.role or "Moderator's role not given"
    if moderator.academy:
        who += f" from {names.get(moderator.academy, moderator.academy)}"
    return who + (f", {day(date, brief=True)}" if date else "")


def _figures(found: Agreement) -> list[str]:
    return [
        str(found.compared),
        percent(found.agreement),
        str(found.higher),
        str(found.lower),
        "–" if found.kappa is None else f"{found.kappa:.2f}",
        found.leaning,
    ]


def _key(view: TrustView) -> str:
    """What the columns mean, and why a kappa is missing where one is."""
    notes = sorted({m.kappa_note for m in view.moderation.values() if m.kappa_note})
    missing = f" No kappa (–): {'; or '.join(notes)}." if notes else ""
    return (
        "Compared: statements both rated; agreed: the share of them rated the same. Higher, "
        "lower: statements the academy rated above, or below, its moderator. Kappa: "
        "agreement beyond chance, a near miss counting for "
        f"more than a far one, from 0 (no better than chance) to 1 (full agreement).{missing} "
        "Generous: at least 2 more statements rated higher than lower, and at least a tenth "
        "of those compared; harsh: the other way round."
    )


def _contested(console: Console, view: TrustView) -> None:
    summary = view.moderation_summary
    statements = summary.statements if summary else []
    heading(console, "Statements academies and moderators disagree on most")
    if not statements:
        console.print("None: every statement compared was rated the same.")
        return
    for s in statements[:LISTED]:
        line = Text("• ")
        line.append(s.statement, style="bold")
        compared = plural(s.compared, "academy", "academies")
        line.append(f", rated differently in {s.disagreed} of {compared}: ")
        line.append(shorten(s.text, max(30, console.width - len(line.plain))))
        console.print(line)
    _more(console, len(statements))


def _pairs(console: Console, view: TrustView, names: dict[str, str]) -> None:
    heading(console, "Moderation pairs: a SENCO strong where another academy is weak")
    if not view.moderation_pairs:
        console.print("None this cycle.")
        return
    for pair in view.moderation_pairs[:LISTED]:
        line = Text("• ")
        line.append(names.get(pair.moderator_academy, pair.moderator_academy), style="bold")
        line.append("'s SENCO could moderate ")
        line.append(names.get(pair.academy, pair.academy), style="bold")
        line.append(": " + ", ".join(pair.statements))
        console.print(line)
    _more(console, len(view.moderation_pairs))


def _more(console: Console, count: int) -> None:
    if count > LISTED:
        console.print(
            f"… and {count - LISTED} more: aggregate --format json lists them all.", style="dim"
        )
