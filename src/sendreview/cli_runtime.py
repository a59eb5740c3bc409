"""The CLI's typer plumbing, shared by every command: help that names arguments in words, one
handler that turns an expected failure into a message and exit code 2, and quiet ends on a
closed pipe. The options themselves are in :mod:`sendreview.cli_options`.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import typer

from sendreview.errors import SendReviewError
from sendreview.prose import visible


class WordsCommand(typer.core.TyperCommand):
    """A command whose help names what to give in words (``FOLDER``, ``PATH…``).

    Typer prints an argument's Python type beside it (``<path>``, ``<list[Path]>``) even
    when it has a metavar; here an argument with a metavar shows the metavar alone, and a
    metavar ending in '…' already says "one or more".
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument) and param.metavar:
                name = param.metavar
                param.display_type_rich = _no_type  # type: ignore[method-assign]
                if name.endswith("…"):
                    usage = name if param.required else f"[{name}]"
                    param._usage_display_name = functools.partial(str, usage)  # type: ignore[method-assign]


def _no_type(ctx: object) -> None:
    """Shown where typer would print an argument's Python type: nothing."""
    return None


#: -h works as --help for every command.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

F = TypeVar("F", bound=Callable[..., Any])


def reported(function: F) -> F:
    """Turn an expected failure into a plain message and exit code 2, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            result = function(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
            return result
        except BrokenPipeError:
            _quiet_after_closed_pipe()
        except typer.Exit:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                _quiet_after_closed_pipe()
            raise
        except SendReviewError as error:
            # Messages quote names and paths from files: show hidden characters as escapes.
            typer.echo(f"Error: {visible(error.message)}", err=True)
            if error.hint:
                typer.echo(f"Hint: {visible(error.hint)}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


#: The exit code of a command whose reader went away (128 + SIGPIPE), as shells report it.
CLOSED_PIPE_EXIT = 141


def _quiet_after_closed_pipe() -> NoReturn:
    """The reader of our output stopped reading (``sendreview aggregate | head -2``): that is
    the reader's choice, not a failure to report. Point stdout at nothing so that Python's
    final flush does not complain, and end with the code a shell expects."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    raise typer.Exit(CLOSED_PIPE_EXIT)


def end_quietly_on_closed_pipe() -> None:
    """When the reader of our output goes away (``sendreview aggregate | head -2``), end as
    Unix tools do: at once, without a word, with the shell reporting 141.

    Python ignores SIGPIPE and raises BrokenPipeError instead, which rich turns into a bare
    exit code 1 and Python into "Exception ignored" at exit. Restoring the default action
    ends the process cleanly at the first write to a closed pipe. Only for the console
    script: a program that imports sendreview keeps its own signal handling.
    """
    import signal

    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
