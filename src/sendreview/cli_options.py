"""The options the CLI's commands share, and those of one command each, kept together so that
the commands read at a glance; format choices are taken from the one registry of output
formats. The typer plumbing (help in words, the error handler) is :mod:`sendreview.cli_runtime`.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sendreview.choices import RATINGS_IN_USE, RatingsInUse
from sendreview.render.registry import Renders, choices_help, formats, suffixes

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

# aggregate, report and compare
RatingsChoice = StrEnum("RatingsChoice", list(RATINGS_IN_USE))  # type: ignore[misc]
MODERATED = RatingsChoice("moderated")
RatingsOption = Annotated[
    RatingsChoice,
    typer.Option(
        help="Whose ratings count where a statement was moderated: 'moderated' (the "
        "moderator's) or 'self' (the academy's own). Agreement is shown either way.",
    ),
]


def ratings_of(choice: RatingsChoice) -> RatingsInUse:
    """The choice as the library takes it (typer's choices are plain strings)."""
    return "self" if choice.value == "self" else "moderated"


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
    typer.Option(
        metavar="FOLDER",
        help="A folder with your own copies of the report templates (and, for docx, your "
        "branded reference.docx).",
    ),
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
FormModeration = Annotated[
    bool,
    typer.Option(
        help="A moderator's form instead: the academy's own answers locked beside the "
        "moderator's rating and comment, for each academy with a review (imported into "
        "reviews/CYCLE/moderation/)."
    ),
]
FormBy = Annotated[
    str | None,
    typer.Option(
        metavar="ROLE",
        help='With --moderation: the moderator\'s role, for example "External reviewer (NLE)".',
    ),
]

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
        # --cycle as every other command takes it: that cycle against the one before.
        "--cycle",
        metavar="CYCLE",
        help="The later cycle (default: the latest); --cycle says the same.",
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
