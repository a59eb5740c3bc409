"""Terminal output (rich): problems in colour, what ``new`` made, the frameworks, and the
width every terminal view fits.

Loaded only when something is printed to a terminal: by the format registry
(:mod:`sendreview.render.registry`, by name), by cli.py inside ``new``, and by the trust
view's terminal renderer for :func:`terminal_width`. Nothing below render/ imports it, so rich
stays out of the library.
"""

from __future__ import annotations

import os
import shlex

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from sendreview.diagnostics import Report
from sendreview.model import Framework
from sendreview.prose import plural
from sendreview.render.console import console
from sendreview.render.problems import lines
from sendreview.repository.layout import display_path
from sendreview.repository.scaffold import ScaffoldResult

#: How the pieces of the text problems format look on a terminal.
_STYLES = {"file": "bold", "error": "bold red", "warning": "yellow", "hint": "dim"}


def _console(stderr: bool = False) -> Console:
    # Reviews are long prose: let the terminal wrap, and never guess at highlighting.
    # markup=False: names and titles come from users, and '[' in them must print as written.
    # Hidden and control characters in them are shown as escapes (sendreview.render.console).
    return console(stderr=stderr, soft_wrap=True)


PIPED_WIDTH = 100


def terminal_width(out: Console) -> int:
    """The terminal's own width, however wide; ``COLUMNS`` when set; else 100 for a pipe."""
    if out.is_terminal or os.environ.get("COLUMNS"):
        return out.width
    return PIPED_WIDTH


def _wrapping_console() -> Console:
    """A console that wraps text at word boundaries to the terminal's width, for prose
    that should not be left to the terminal to break mid-word."""
    out = console()
    out.width = terminal_width(out)
    return out


def print_problems(report: Report) -> None:
    """The text problems format, coloured when the output is a terminal: each piece is styled
    by what it is (a file, an error, a hint), as the diagnostics say, not by its wording."""
    console = _console()
    for line in lines(report):
        console.print(Text.assemble(*((text, _STYLES.get(kind, "")) for text, kind in line)))


def print_scaffold(result: ScaffoldResult, cycle: str) -> None:
    # What each new review carried from last cycle goes to stderr, one line per review:
    # stdout stays the list of files, as before.
    messages = _console(stderr=True)
    for line in result.carried:
        messages.print(line)
    console = _console()
    for path in result.created:
        console.print(Text.assemble(("created", "green"), f" {display_path(path)}"))
    for path in result.kept:
        console.print(f"kept   {display_path(path)} (already there, not changed)", style="dim")
    where = shlex.quote(display_path(result.root))
    console.print()
    console.print(
        f"{plural(len(result.created), 'file')} created, {len(result.kept)} left as they were."
    )
    console.print("Next:")
    console.print(
        f"  1. Each SENCO fills in reviews/{cycle}/<academy>.yaml (VS Code checks it as they type)."
    )
    console.print(f"     and the academy's census counts in context/{cycle}/<academy>.yaml.")
    console.print(f"  2. Check the answers:   sendreview validate {where}")
    # Every command is printed to run as it stands from the current folder.
    start = "" if result.in_git else f"git init {where} && "
    console.print(
        f"  3. Keep the work:       {start}git -C {where} add . && "
        f'git -C {where} commit -m "Start {cycle} SEND reviews"'
    )
    for number, note in enumerate(result.notes, start=4):
        console.print(f"  {number}. {note}")


def print_framework_list(frameworks: list[Framework]) -> None:
    console = _console()
    for f in frameworks:
        count = sum(1 for _ in f.statements())
        console.print(
            Text.assemble(
                (f.id, "bold"),
                f"  {f.title} (version {f.version}, {f.level} level): "
                f"{plural(len(f.areas), 'area')}, {plural(count, 'statement')}",
            )
        )


def print_framework(f: Framework) -> None:
    console = _wrapping_console()
    console.print(Text.assemble((f.title, "bold"), f" ({f.id}, version {f.version})"))
    if f.publisher:
        console.print(
            f"Published by {f.publisher}. An {f.level}-level review."
            if f.level == "academy"
            else f"Published by {f.publisher}. A trust-level review."
        )
    scale = ", ".join(f"{r.label} ({r.letter})" for r in f.rating_scale)
    console.print(f"Rating scale: {scale}.")
    for area in f.areas:
        console.print()
        console.print(Text.assemble((area.title, "bold underline"), "  ", (area.id, "dim")))
        if area.description:
            console.print(Text(" ".join(area.description.split()), style="italic"))
        # Statement texts wrap under themselves, beside their ids.
        statements = Table.grid(padding=(0, 1))
        statements.add_column(style="cyan", no_wrap=True)
        statements.add_column()
        for statement in area.statements:
            statements.add_row(statement.id, " ".join(statement.text.split()))
        console.print(Padding(statements, (0, 0, 0, 2)))
        for reference in area.references:
            console.print(f"  Reference: {reference.title}", style="dim")
