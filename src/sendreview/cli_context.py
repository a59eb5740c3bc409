"""The ``sendreview context`` commands: each academy's SEN context, counts only.

A module of its own beside :mod:`sendreview.cli`, which adds the group, so that neither grows
past one reader's view; the same rules apply: options, then the command, then what it wrote
(on stderr). Heavy modules are imported inside each command.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from sendreview import cli_options as opt
from sendreview import cli_runtime as rt
from sendreview.prose import visible
from sendreview.render.registry import Renders, get

context_app = typer.Typer(
    help="Each academy's SEN context: counts of pupils by provision and need, and the "
    "national figures they are read against.",
    no_args_is_help=True,
    context_settings=rt.HELP_OPTIONS,
)


@context_app.command("import", cls=rt.WordsCommand)
@rt.reported
def context_import(
    pupils: Annotated[
        Path,
        typer.Argument(
            metavar="PUPILS.csv",
            help="A pupil list exported from SIMS, Arbor or Bromcom, kept outside the "
            "repository. Only its counts are kept.",
        ),
    ],
    academy: Annotated[
        str, typer.Option(metavar="ID", help="The academy's id (or name) in the trust file.")
    ],
    cycle: Annotated[str, typer.Option(metavar="CYCLE", help="The cycle, e.g. 2026-autumn.")],
    root: opt.RepoArg = Path("."),
    census_date: Annotated[
        datetime | None,
        typer.Option(
            formats=["%Y-%m-%d"], metavar="DATE", help="The date the export was taken on."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the academy's context file.")] = False,
) -> None:
    """Write an academy's context file from a pupil-level export: counts only, no pupils."""
    from sendreview.commands.context_import import import_context
    from sendreview.render.terminal_context import import_summary

    done = import_context(
        pupils,
        academy,
        cycle,
        root,
        census_date=census_date and census_date.date(),
        force=force,
    )
    for line in import_summary(done.path, done.context, done.has_needs):
        typer.echo(visible(line), err=True)


@context_app.command("national", cls=rt.WordsCommand)
@rt.reported
def context_national(
    root: opt.RepoArg = Path("."), output: opt.NationalFormatOption = opt.TEXT_NATIONAL
) -> None:
    """Show the national figures in use, their release and where they came from."""
    from sendreview.commands.national import national
    from sendreview.render.output import render_to

    render_to(get(Renders.NATIONAL, output.value), national(root))
