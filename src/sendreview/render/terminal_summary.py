"""The executive summary in the terminal: a short panel before the tables, the same sentences
the reports open with (:mod:`sendreview.render.reports.summary`)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from sendreview.render.reports.shapes import Report


def print_summary(console: Console, report: Report) -> None:
    """One sentence to a bullet: the panel reads the same without colour."""
    if not report.summary:
        return
    body = Table.grid(padding=(0, 1))
    body.add_column(no_wrap=True)  # the bullets; sentences wrap beside them, not under them
    body.add_column()
    for sentence in report.summary:
        body.add_row(Text("•", style="bold"), Text(sentence))
    console.print()
    console.print(Panel(body, title="Summary", title_align="left", box=box.ROUNDED, expand=False))
