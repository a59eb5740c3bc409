"""The ``sendreview moderate`` command: a blank moderation file for a moderator.

A module of its own beside :mod:`sendreview.cli`, which adds the command, so that cli.py
stays within one reader's view; the same rules apply: options, then the command, then what
it wrote (on stderr). The command's module is imported inside the function.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sendreview import cli_options as opt
from sendreview import cli_runtime as rt
from sendreview.prose import visible


@rt.reported
def moderate(
    root: opt.RepoArg = Path("."),
    cycle: opt.CycleOption = None,
    academy: Annotated[
        str,
        typer.Option(metavar="ID", help="The academy whose review is moderated (id or name)."),
    ] = ...,  # type: ignore[assignment]
    by: Annotated[
        str,
        typer.Option(
            metavar="ROLE",
            help='The moderator\'s role, for example "External reviewer (NLE)", '
            '"Trust SEND lead" or "Peer SENCO".',
        ),
    ] = "",
    name: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The moderator's name, if the trust records it."),
    ] = None,
    peer_academy: Annotated[
        str | None,
        typer.Option(metavar="ID", help="For a peer SENCO: the academy they come from."),
    ] = None,
    force: Annotated[
        bool, typer.Option(help="Replace the moderation file if it is there already.")
    ] = False,
) -> None:
    """Start a moderator's file beside an academy's review.

    Every statement, with the academy's own rating and words above a blank rating and
    comment for the moderator.
    """
    from sendreview.commands.moderate import ModerateRequest
    from sendreview.commands.moderate import moderate as scaffold
    from sendreview.render.terminal_moderation import scaffold_lines

    done = scaffold(ModerateRequest(root, academy, cycle, by, name, peer_academy, force))
    lines = scaffold_lines(
        done.path,
        done.academy.name,
        done.cycle,
        done.statements,
        done.rated,
        replaced=done.replaced,
    )
    for line in lines:
        typer.echo(visible(line), err=True)
