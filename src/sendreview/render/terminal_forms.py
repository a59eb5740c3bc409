"""Terminal output of ``sendreview form`` and ``sendreview import`` (rich), from the results
in :mod:`sendreview.forms.results`; cli.py imports it inside those two commands.

What an import would change goes to stderr, so that ``--format json`` keeps stdout for the
problems alone.
"""

from __future__ import annotations

import difflib
import shlex
from itertools import groupby
from typing import Any

from rich.console import Console
from rich.text import Text

from sendreview.forms.compare import Change
from sendreview.forms.merge import OnConflict
from sendreview.forms.results import FormResult, ImportPlan
from sendreview.prose import plural, shorten
from sendreview.render.console import console
from sendreview.repository.layout import display_path


def _console(stderr: bool = False) -> Console:
    return console(stderr=stderr, soft_wrap=True)


def print_forms(result: FormResult, *, stderr: bool = False) -> None:
    """What was written; on stderr when stdout carries the workbook itself (``-o -``)."""
    console = _console(stderr=stderr)
    for form in result.written:
        line = Text("wrote ", style="green")
        shown = (
            display_path(form.path) if str(form.path) != "-" else "the workbook to standard output"
        )
        line.append(shown, style="")
        if form.source is not None:
            how = "carried forward from" if form.carried else "pre-filled from"
            line.append(f" ({how} {display_path(form.source)})", style="dim")
        console.print(line)
    for note in result.notes:
        console.print(Text(note, style="yellow"))
    count = len(result.written)
    # The hint runs as printed from here: the repository named unless it is this folder.
    where = display_path(result.root)
    repo = "" if where == "." else f" {shlex.quote(where)}"
    who = "moderator" if result.moderation else "SENCO"
    console.print(
        Text(
            f"{plural(count, 'form')} written. Send each to its "
            f"{who}; when it comes back, run: sendreview import FILE.xlsx{repo}"
        )
    )


def print_changes(plan: ImportPlan[Any]) -> None:
    """Notes, conflicts side by side, answers kept, then each answer that would change,
    grouped by statement: the old text, then the new."""
    console = _console(stderr=True)
    target = display_path(plan.target)
    for note in plan.notes:
        console.print(Text(note, style="yellow"))
    if plan.conflicts:
        _print_conflicts(console, plan)
    if plan.kept:
        console.print(
            Text(
                f"Kept {plural(len(plan.kept), 'answer')} changed in "
                f"{target} since the form was written (the form still has the earlier one):",
                style="bold",
            )
        )
        for change in plan.kept:
            console.print(Text(f"  {shorten(change.heading, 80)}: {change.field}"))
        console.print()
    if not plan.changes:
        console.print(Text(f"{target} already has these answers: nothing to change."))
        return
    verb = "Changes to" if plan.existing is not None else "New file"
    console.print(Text(f"{verb} {target}:", style="bold"))
    for heading, items in groupby(plan.changes, key=lambda c: c.heading):
        console.print()
        console.print(Text(shorten(heading, 110), style="bold"))
        for change in items:
            _print_change(console, change)
    console.print()
    filled = len(plan.changes) - len(plan.replaced)
    console.print(Text(f"{plural(filled, 'answer')} added, {len(plan.replaced)} replaced."))


def _print_conflicts(console: Console, plan: ImportPlan[Any]) -> None:
    """Each conflict as a table row: the statement, the form's value, the review's value."""
    from rich.table import Table

    target = display_path(plan.target)
    count = len(plan.conflicts)
    title = (
        f"{plural(count, 'answer')} changed both in the form and in {target}"
        if not plan.without_base
        else f"{plural(count, 'answer')} the form would replace in {target}"
    )
    table = Table(title=title, title_justify="left", show_lines=True, expand=False)
    table.add_column("Statement")
    table.add_column("In the form")
    table.add_column("In the review file")
    for change in plan.conflicts:
        table.add_row(
            f"{shorten(change.heading, 80)}\n({change.field})",
            change.new or "(empty)",
            change.old or "(empty)",
        )
    console.print(table)
    how = {
        OnConflict.FORM: "--force: the form's answers are taken.",
        OnConflict.OURS: f"--keep-ours: the answers in {target} are kept.",
        OnConflict.REFUSE: "Import again with --force to take the form's answers, or with "
        f"--keep-ours to keep those in {target}.",
    }[plan.on_conflict]
    console.print(Text(how, style="yellow"))
    console.print()


def _print_change(console: Console, change: Change) -> None:
    old, new = change.old.split("\n"), change.new.split("\n")
    if len(old) == 1 and len(new) == 1 and len(change.old) + len(change.new) < 80:
        line = Text(f"  {change.field}: ")
        line.append(change.old or "(empty)", style="red")
        line.append(" -> ")
        line.append(change.new or "(empty)", style="green")
        console.print(line)
        return
    console.print(Text(f"  {change.field}:"))
    for row in difflib.ndiff(old if change.old else [], new if change.new else []):
        if row.startswith("- "):
            console.print(Text(f"    - {row[2:]}", style="red"))
        elif row.startswith("+ "):
            console.print(Text(f"    + {row[2:]}", style="green"))
    if not change.new:
        console.print(Text("    (now empty)", style="red"))


def print_dry_run(plan: ImportPlan[Any]) -> None:
    """Say plainly that nothing was written, and whether a real import would stop."""
    console = _console(stderr=True)
    line = "Dry run: nothing was written."
    if plan.conflicts and plan.on_conflict is OnConflict.REFUSE:
        line += " A real import would stop at the answers changed on both sides, shown above."
    console.print(Text(line, style="yellow"))


def print_import_result(plan: ImportPlan[Any], written: bool) -> None:
    console = _console(stderr=True)
    if written:
        verb = "updated" if plan.existing is not None else "created"
        console.print(Text(f"{verb} {display_path(plan.target)}", style="green"))
        console.print(
            Text(f"Check it with: sendreview validate {shlex.quote(display_path(plan.target))}")
        )
