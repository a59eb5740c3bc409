"""The CLI's typer plumbing, shared by every command in :mod:`sendreview.cli`: help that
names arguments in words, one handler that turns an expected failure into a message and exit
code 2, quiet ends on a closed pipe, and the options several commands share, with format
choices taken from the one registry of output formats.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from sendreview.errors import SendReviewError
from sendreview.prose import visible
from sendreview.render.registry import Renders, choices_help, formats, suffixes


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


# Format choices and their help come from the one registry of output formats, so adding a
# format there adds it here. The registry is a small module; the formats' code loads on use.
DiagnosticFormat = StrEnum("DiagnosticFormat", ["auto", *formats(Renders.PROBLEMS)])  # type: ignore[misc]
ViewFormat = StrEnum("ViewFormat", list(formats(Renders.TRUST_VIEW)))  # type: ignore[misc]
ReportFormatName = StrEnum("ReportFormatName", list(formats(Renders.REPORT)))  # type: ignore[misc]
ListFormat = StrEnum("ListFormat", list(formats(Renders.FRAMEWORKS)))  # type: ignore[misc]
ShowFormat = StrEnum("ShowFormat", list(formats(Renders.FRAMEWORK)))  # type: ignore[misc]
CompareFormat = StrEnum("CompareFormat", list(formats(Renders.COMPARISON)))  # type: ignore[misc]
NationalFormat = StrEnum("NationalFormat", list(formats(Renders.NATIONAL)))  # type: ignore[misc]


def from_suffix(renders: Renders, default: str) -> str:
    return f"Default: from the -o file's suffix ({', '.join(suffixes(renders))}), else {default}."


# Parameters several commands share.
RepoArg = Annotated[
    Path,
    typer.Argument(metavar="FOLDER", help="The review repository (default: the current folder)."),
]
CycleOption = Annotated[
    str | None,
    typer.Option(
        metavar="CYCLE",
        help="The cycle, for example 2026-autumn (default: the only one, if there is one).",
    ),
]
ProblemsFormat = Annotated[
    DiagnosticFormat,
    typer.Option(
        "--format",
        "-f",
        help="How to list problems: "
        + choices_help(Renders.PROBLEMS, {"auto": "github inside GitHub Actions, else text"})
        + ".",
    ),
]
AllowIncomplete = Annotated[
    bool, typer.Option(help="Report unfinished work as warnings, for work in progress.")
]
Strict = Annotated[bool, typer.Option(help="Treat text that looks like pupil data as an error.")]
Force = Annotated[bool, typer.Option(help="Replace the output file(s) if they exist.")]
OutFile = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this file (the folder, for csv-tables; '-' for standard output).",
    ),
]

#: The defaults of the format options, as values of their choices.
AUTO = DiagnosticFormat("auto")
TEXT_LIST = ListFormat("text")
TEXT_SHOW = ShowFormat("text")
TEXT_NATIONAL = NationalFormat("text")

# ---- Options of one command each, kept here so that the commands read at a glance ----------

# new
NewRoot = Annotated[Path, typer.Argument(metavar="FOLDER", help="Folder of the review repository.")]
NewCycle = Annotated[
    str, typer.Option(metavar="CYCLE", help="The review cycle, for example 2026-autumn.")
]
TrustName = Annotated[
    str | None, typer.Option(metavar="NAME", help="The trust's name (for a new repository).")
]
Frameworks = Annotated[
    list[str] | None,
    typer.Option(
        "--framework",
        metavar="ID",
        help="Framework to use; repeat for a trust-level one too (default: school-send-review).",
    ),
]
AcademyNames = Annotated[
    list[str] | None,
    typer.Option("--academy", metavar="NAME", help="An academy's name; repeat for each academy."),
]
AcademiesCsv = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE", help="A CSV file with a name column (and optionally urn, phase, id)."
    ),
]
Ci = Annotated[
    str | None, typer.Option(metavar="SERVICE", help="Also write a CI workflow: github.")
]
CarryAnswers = Annotated[
    bool,
    typer.Option(
        "--carry-answers",
        help="Start each review from the previous cycle's answers (ratings, text, evidence), "
        "to update rather than rewrite them. Unfinished actions are carried either way.",
    ),
]
InstallFrom = Annotated[
    str | None,
    typer.Option(
        metavar="REQUIREMENT",
        help="Where the CI workflow installs sendreview from: a pinned pip requirement, "
        "for example git+https://github.com/OWNER/sendreview@COMMIT (default: where this "
        "sendreview came from, if that was a git URL; else the repository variable "
        "SENDREVIEW_INSTALL).",
    ),
]

# validate
ChangedFirst = Annotated[
    Path | None,
    typer.Option(
        metavar="FILE",
        help="A file listing the files a pull request changed, one a line ('-': read "
        "them from standard input): GitHub annotations show their problems first.",
    ),
]

# aggregate
ViewFormatOption = Annotated[
    ViewFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=f"{choices_help(Renders.TRUST_VIEW)}. {from_suffix(Renders.TRUST_VIEW, 'text')}",
    ),
]
PriorityShare = Annotated[
    float,
    typer.Option(
        min=0.0,
        max=1.0,
        metavar="NUMBER",
        help="Share of academies rating a statement red or amber that makes it a trust priority.",
    ),
]
OutlierGap = Annotated[
    float,
    typer.Option(
        min=0.0,
        max=1.0,
        metavar="NUMBER",
        help="How far below the trust an academy's area score must be to be an outlier "
        "(scores run from 0 to 1).",
    ),
]
ContextGap = Annotated[
    float,
    typer.Option(
        min=0.0,
        max=100.0,
        metavar="POINTS",
        help="How many percentage points an academy's SEN support or EHC plans must be from "
        "the national figure for its phase to be named as worth a look.",
    ),
]

# report
SuppressBelow = Annotated[
    int,
    typer.Option(
        min=2,
        metavar="COUNT",
        help="Show counts of pupils below this (from 1) as 'fewer than COUNT' and withhold "
        "the percentages worked out from them.",
    ),
]
NoSuppress = Annotated[
    bool,
    typer.Option(
        "--no-suppress",
        help="Show every count of pupils exactly: for a report that stays inside the SEND team.",
    ),
]
ReportFormatOption = Annotated[
    ReportFormatName | None,
    typer.Option(
        "--format",
        "-f",
        help=f"{choices_help(Renders.REPORT)}. Default: from the -o file's suffix, else html.",
    ),
]
ReportAcademy = Annotated[
    str | None, typer.Option(metavar="ACADEMY", help="One academy's report (its id or its name).")
]
ReportOut = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="The file to write (default: a name from the trust and cycle; "
        "'-' for standard output).",
    ),
]
Templates = Annotated[
    Path | None,
    typer.Option(metavar="FOLDER", help="A folder with your own copies of the report templates."),
]
ReportForce = Annotated[bool, typer.Option(help="Replace the output file if it exists.")]

# context national
NationalFormatOption = Annotated[
    NationalFormat, typer.Option("--format", "-f", help=choices_help(Renders.NATIONAL) + ".")
]

# frameworks
ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help=choices_help(Renders.FRAMEWORKS) + ".")
]
ShowFormatOption = Annotated[
    ShowFormat, typer.Option("--format", "-f", help=choices_help(Renders.FRAMEWORK) + ".")
]
ListRepo = Annotated[
    Path, typer.Option(metavar="FOLDER", help="Also list this repository's own frameworks.")
]
ShowRepo = Annotated[
    Path, typer.Option(metavar="FOLDER", help="Repository with the trust's own frameworks.")
]

# form
FormCycle = Annotated[
    str | None,
    typer.Option(
        metavar="CYCLE",
        help="The cycle the forms are for, for example 2027-spring (default: the only "
        "one, if there is one).",
    ),
]
FormAcademy = Annotated[
    str | None,
    typer.Option(
        metavar="ACADEMY",
        help="One academy's form (its id or its name); 'trust' for the trust's own review.",
    ),
]
FormOut = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FOLDER",
        help="Folder for the workbooks (default: forms/CYCLE); a name ending .xlsx for "
        "the one workbook asked for with --academy; '-' writes that one to standard "
        "output.",
    ),
]
FromCycle = Annotated[
    str | None,
    typer.Option(metavar="CYCLE", help="Start from each academy's answers in this earlier cycle."),
]
FormForce = Annotated[bool, typer.Option(help="Replace workbooks that are already there.")]

# import
Workbook = Annotated[Path, typer.Argument(metavar="FILE", help="The returned form (.xlsx).")]
ImportCycle = Annotated[
    str | None,
    typer.Option(
        metavar="CYCLE",
        help="The cycle you are importing into; refuses a form for another cycle.",
    ),
]
ImportForce = Annotated[
    bool,
    typer.Option(
        help="Where an answer was changed both in the form and in the review, take the "
        "form's (and replace a read-only review)."
    ),
]
KeepOurs = Annotated[
    bool,
    typer.Option(
        help="Where an answer was changed both in the form and in the review, keep the "
        "review's; import the rest."
    ),
]
DryRun = Annotated[bool, typer.Option(help="Show what would change; write nothing.")]
ImportAllowIncomplete = Annotated[
    bool,
    typer.Option(
        help="No longer needed: unfinished work is always imported, its gaps listed as "
        "warnings ('sendreview validate' still reports them)."
    ),
]

# compare
CompareFormatOption = Annotated[
    CompareFormat | None,
    typer.Option(
        "--format",
        "-f",
        help=f"{choices_help(Renders.COMPARISON)}. {from_suffix(Renders.COMPARISON, 'text')}",
    ),
]
FromCycleOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="CYCLE",
        help="The earlier cycle (default: the one before --to).",
    ),
]
ToCycleOption = Annotated[
    str | None,
    typer.Option(
        "--to",
        metavar="CYCLE",
        help="The later cycle (default: the latest).",
    ),
]
CompareOut = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to this file ('-' for standard output).",
    ),
]
