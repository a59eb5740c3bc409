"""The ``sendreview`` command line: parse arguments, call the core, print the result.

Heavy libraries (pydantic models, openpyxl, jinja2, rich) are imported inside the commands
that need them, so ``sendreview --help`` stays quick.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer

from sendreview import __version__
from sendreview.errors import SendReviewError
from sendreview.prose import visible
from sendreview.render.formats import STDOUT
from sendreview.render.problems import FORMATTERS
from sendreview.render.reports import FORMATS as REPORT_FORMATS
from sendreview.render.trust_view_data import FOLDER_FORMATS as VIEW_FOLDER_FORMATS
from sendreview.render.trust_view_data import FORMATS as VIEW_FORMATS

if TYPE_CHECKING:
    from sendreview.diagnostics import Report


class _WordsCommand(typer.core.TyperCommand):
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
                param.display_type_rich = lambda ctx: None  # type: ignore[method-assign]
                if name.endswith("…"):
                    usage = name if param.required else f"[{name}]"
                    param._usage_display_name = lambda usage=usage: usage  # type: ignore[method-assign]


#: -h works as --help for every command.
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="sendreview",
    help="Run a trust's SEND reviews as version-controlled data: scaffold blank reviews, "
    "check them, merge academies into a trust view and write reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=HELP_OPTIONS,
)
frameworks_app = typer.Typer(
    help="List, show and check review frameworks.",
    no_args_is_help=True,
    context_settings=HELP_OPTIONS,
)
app.add_typer(frameworks_app, name="frameworks")

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


def _end_quietly_on_closed_pipe() -> None:
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sendreview {__version__}")
        raise typer.Exit()


@app.callback()
@reported
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Run a trust's SEND reviews as version-controlled data."""
    from sendreview.files import current_folder

    current_folder()  # a folder deleted under the terminal is a message, not a traceback


# Format choices come from the registries of output formats, so adding a format there adds
# it here. The registries are small modules; the formats' own code is imported on use.
DiagnosticFormat = StrEnum("DiagnosticFormat", ["auto", *FORMATTERS])  # type: ignore[misc]
ViewFormat = StrEnum("ViewFormat", ["text", *VIEW_FORMATS, *VIEW_FOLDER_FORMATS])  # type: ignore[misc]
ReportFormatName = StrEnum("ReportFormatName", list(REPORT_FORMATS))  # type: ignore[misc]

ListFormat = StrEnum("ListFormat", ["text", "json"])  # type: ignore[misc]
ShowFormat = StrEnum("ShowFormat", ["text", "json", "yaml"])  # type: ignore[misc]

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
        help="How to list problems: text, json or github (auto: github inside GitHub Actions, "
        "text otherwise).",
    ),
]
AllowIncomplete = Annotated[
    bool, typer.Option(help="Report unfinished work as warnings, for work in progress.")
]
Strict = Annotated[bool, typer.Option(help="Treat text that looks like pupil data as an error.")]


@app.command(cls=_WordsCommand)
@reported
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH…",
            help="Review repositories, folders or files (default: the current folder).",
        ),
    ] = None,
    output: ProblemsFormat = DiagnosticFormat.auto,
    allow_incomplete: AllowIncomplete = False,
    strict: Strict = False,
    changed_first: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE",
            help="A file listing the files a pull request changed, one a line ('-': read "
            "them from standard input): GitHub annotations show their problems first.",
        ),
    ] = None,
) -> None:
    """Check reviews and the trust file.

    Exit code 0: no errors; 1: problems found; 2: the command could not run.
    """
    from sendreview.render.progress import progress_bar
    from sendreview.repository.validate import Options
    from sendreview.repository.validate import validate as run

    changed = _read_changed(changed_first) if changed_first is not None else []
    options = Options(allow_incomplete=allow_incomplete, strict=strict)
    with progress_bar("Reading reviews") as progress:
        report = run(paths or [Path.cwd()], options, progress)
    if _emit(report, output, changed=changed) == "github":
        _write_job_summary(report)
    raise typer.Exit(1 if report.errors else 0)


def _read_changed(source: Path) -> list[str]:
    """The changed files' names as problems name them (relative to the current folder)."""
    from sendreview.errors import UsageError
    from sendreview.repository.layout import display_path

    hint = "Give a text file with one path a line, as 'git diff --name-only' writes it."
    try:
        text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(
            f"Cannot read the list of changed files '{source}': {error.strerror or error}.", hint
        ) from error
    except UnicodeDecodeError as error:
        raise UsageError(
            f"The list of changed files '{source}' is not UTF-8 text.", hint
        ) from error
    return [display_path(Path(line)) for line in text.splitlines() if line.strip()]


def _write_job_summary(report: Report) -> None:
    """Inside GitHub Actions, add the result, academy by academy, to the job's summary page."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from sendreview.render.job_summary import job_summary, markdown

    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown(job_summary(report)))
    except OSError as error:  # the checks have run; a summary that cannot be written is a note
        typer.echo(f"Could not write the job summary to {target}: {error.strerror}.", err=True)


def _emit(report: Report, output: DiagnosticFormat, changed: list[str] | None = None) -> str:
    """Print diagnostics in the chosen format; 'auto' means GitHub annotations inside Actions.

    Returns the format used, so that validate knows whether to write a job summary."""
    name = output.value
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if name == "github":
        from sendreview.render.problems import as_github

        typer.echo(as_github(report, changed_first=changed or ()))
        return name
    text = FORMATTERS[name](report)
    if name == "text":
        from sendreview.render.terminal import print_styled

        print_styled(text)
    else:
        typer.echo(text)
    return name


@app.command(cls=_WordsCommand)
@reported
def new(
    root: Annotated[
        Path, typer.Argument(metavar="FOLDER", help="Folder of the review repository.")
    ] = Path("."),
    cycle: Annotated[
        str, typer.Option(metavar="CYCLE", help="The review cycle, for example 2026-autumn.")
    ] = ...,  # type: ignore[assignment]
    trust: Annotated[
        str | None, typer.Option(metavar="NAME", help="The trust's name (for a new repository).")
    ] = None,
    framework: Annotated[
        list[str] | None,
        typer.Option(
            "--framework",
            metavar="ID",
            help="Framework to use; repeat for a trust-level one too "
            "(default: school-send-review).",
        ),
    ] = None,
    academy: Annotated[
        list[str] | None,
        typer.Option(
            "--academy", metavar="NAME", help="An academy's name; repeat for each academy."
        ),
    ] = None,
    academies: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="A CSV file with a name column (and optionally urn, phase, id)."
        ),
    ] = None,
    ci: Annotated[
        str | None, typer.Option(metavar="SERVICE", help="Also write a CI workflow: github.")
    ] = None,
    install_from: Annotated[
        str | None,
        typer.Option(
            metavar="REQUIREMENT",
            help="Where the CI workflow installs sendreview from: a pinned pip requirement, "
            "for example git+https://github.com/OWNER/sendreview@COMMIT (default: where this "
            "sendreview came from, if that was a git URL; else the repository variable "
            "SENDREVIEW_INSTALL).",
        ),
    ] = None,
) -> None:
    """Create a review repository, or add a cycle's blank reviews to one. Never overwrites."""
    from sendreview.repository.academies import academies_from_names, read_academies_csv
    from sendreview.repository.scaffold import NewRequest, scaffold

    chosen = academies_from_names(academy or [])
    if academies is not None:
        chosen += read_academies_csv(academies)
    result = scaffold(
        NewRequest(
            root=root,
            cycle=cycle,
            trust_name=trust,
            frameworks=framework or [],
            academies=chosen,
            ci=ci,
            install_from=install_from,
        )
    )
    from sendreview.render.terminal import print_scaffold

    print_scaffold(result, cycle)


@frameworks_app.command("list", cls=_WordsCommand)
@reported
def frameworks_list(
    repo: Annotated[
        Path, typer.Option(metavar="FOLDER", help="Also list this repository's own frameworks.")
    ] = Path("."),
    output: Annotated[
        ListFormat, typer.Option("--format", "-f", help="text or json.")
    ] = ListFormat.text,
) -> None:
    """List the frameworks available."""
    from sendreview.render.terminal import print_framework_list
    from sendreview.repository.frameworks import FrameworkRegistry
    from sendreview.repository.layout import find_root

    registry = FrameworkRegistry.for_repository(find_root(repo) if repo.exists() else None)
    print_framework_list([registry.require(i) for i in registry.ids()], output)


@frameworks_app.command("show", cls=_WordsCommand)
@reported
def frameworks_show(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework's id.")],
    output: Annotated[
        ShowFormat, typer.Option("--format", "-f", help="text, json or yaml.")
    ] = ShowFormat.text,
    repo: Annotated[
        Path, typer.Option(metavar="FOLDER", help="Repository with the trust's own frameworks.")
    ] = Path("."),
) -> None:
    """Show a framework's areas and statements."""
    from sendreview.render.terminal import print_framework
    from sendreview.repository.frameworks import FrameworkRegistry
    from sendreview.repository.layout import find_root

    registry = FrameworkRegistry.for_repository(find_root(repo) if repo.exists() else None)
    print_framework(registry.require(framework_id), output)


@frameworks_app.command("check", cls=_WordsCommand)
@reported
def frameworks_check(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A framework YAML file.")],
    output: ProblemsFormat = DiagnosticFormat.auto,
) -> None:
    """Check a trust's own framework file."""
    from sendreview.diagnostics import Report
    from sendreview.errors import UsageError
    from sendreview.repository.frameworks import load_framework_file
    from sendreview.repository.layout import display_path

    if not file.is_file():
        raise UsageError(f"'{file}' is not a file.", "Give the path to a framework .yaml file.")
    framework, doc = load_framework_file(file, display_path(file))
    report = Report(files=[doc.file], diagnostics=doc.diagnostics)
    _emit(report, output)
    if framework is not None and not report.errors:
        count = sum(1 for _ in framework.statements())
        typer.echo(
            visible(f"{framework.title}: {len(framework.areas)} areas, {count} statements."),
            err=True,
        )
    raise typer.Exit(1 if report.errors else 0)


@app.command(cls=_WordsCommand)
@reported
def schema(
    root: RepoArg = Path("."),
    force: Annotated[
        bool, typer.Option(help="Replace schema files sendreview did not write.")
    ] = False,
) -> None:
    """Write the JSON Schemas that let VS Code check review files as you type."""
    from sendreview.repository.frameworks import FrameworkRegistry
    from sendreview.repository.layout import SCHEMAS_DIR, Repository, display_path
    from sendreview.repository.schemas import repository_frameworks, write_schemas

    repo = Repository.at(root)
    frameworks = repository_frameworks(repo.root, FrameworkRegistry.for_repository(repo.root))
    written = write_schemas(repo.root / SCHEMAS_DIR, frameworks, force=force)
    for path in written:
        typer.echo(visible(f"wrote {display_path(path)}"))
    typer.echo(f"{len(written)} schema file(s) written; the others were up to date.", err=True)


@app.command(cls=_WordsCommand)
@reported
def aggregate(
    root: RepoArg = Path("."),
    cycle: CycleOption = None,
    output: Annotated[
        ViewFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="text (in the terminal), json (for scripts and Power BI), csv (one table, "
            "for Excel) or csv-tables (related tables in the folder given by -o). Default: "
            "from the -o file's suffix (.json, .csv), else text.",
        ),
    ] = None,
    priority_share: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            metavar="NUMBER",
            help="Share of academies rating a statement red or amber that "
            "makes it a trust priority.",
        ),
    ] = 0.5,
    outlier_gap: Annotated[
        float,
        typer.Option(
            min=0.0,
            max=1.0,
            metavar="NUMBER",
            help="How far below the trust an academy's area score must be to "
            "be an outlier (scores run from 0 to 1).",
        ),
    ] = 0.25,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="Write to this file (the folder, for csv-tables; '-' for standard output).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the output file(s) if they exist.")] = False,
) -> None:
    """Merge every academy's review for a cycle into a trust view."""
    from sendreview.errors import UsageError
    from sendreview.render.formats import choose_format
    from sendreview.render.progress import progress_bar
    from sendreview.render.trust_view_data import FOLDER_FORMATS, FORMATS, SUFFIXES
    from sendreview.trust_view.aggregate import AggregateOptions
    from sendreview.trust_view.aggregate import aggregate as run

    name = choose_format(output and output.value, out, SUFFIXES, "text")
    if name == "text" and out not in (None, STDOUT):
        raise UsageError(
            "The trust view in the terminal cannot be written to a file.",
            "Name a .json or .csv file with -o, or choose --format json, csv or csv-tables.",
        )
    if name in FOLDER_FORMATS and (out is None or str(out) == "-"):
        raise UsageError(
            f"--format {name} writes several files, so it needs a folder.",
            "Add -o and a folder, for example -o exports; it is made if need be.",
        )
    if name in FORMATS and out is not None and out.is_dir():
        raise UsageError(
            f"'{out}' is a folder.",
            "Give a file name with -o, or write the related tables into the folder with "
            "--format csv-tables.",
        )
    options = AggregateOptions(priority_share=priority_share, outlier_gap=outlier_gap)
    with progress_bar("Reading reviews") as progress:
        view = run(root, cycle, options, progress)
    if name == "text":
        from sendreview.render.terminal_trust_view import print_trust_view

        print_trust_view(view)
        return
    if name in FOLDER_FORMATS and out is not None:
        for path in FOLDER_FORMATS[name](view, out, force=force):
            typer.echo(visible(f"wrote {path}"))
        return
    if out is None:
        sys.stdout.write(FORMATS[name](view))
    else:
        from sendreview.render.trust_view_json import encoded

        _write_output(out, encoded(name, view), force=force)


@app.command(cls=_WordsCommand)
@reported
def report(
    root: RepoArg = Path("."),
    cycle: CycleOption = None,
    output: Annotated[
        ReportFormatName | None,
        typer.Option(
            "--format",
            "-f",
            help="md (Markdown), html (a printable web page) or xlsx (Excel). Default: from "
            "the -o file's suffix, else html.",
        ),
    ] = None,
    academy: Annotated[
        str | None,
        typer.Option(metavar="ACADEMY", help="One academy's report (its id or its name)."),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FILE",
            help="The file to write (default: a name from the trust and cycle; "
            "'-' for standard output).",
        ),
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            metavar="FOLDER", help="A folder with your own copies of the report templates."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace the output file if it exists.")] = False,
) -> None:
    """Write the trust's report, or one academy's, as Markdown, HTML or Excel."""
    from sendreview.render.formats import choose_format
    from sendreview.render.reports import FORMATS, ReportRequest, default_output, render
    from sendreview.trust_view.aggregate import aggregate as run

    suffixes = {f.suffix: f.name for f in FORMATS.values()}
    name = choose_format(output and output.value, out, suffixes, "html")
    view = run(root, cycle)
    if academy is not None:
        # An id or a name; anything that is not one of the trust's academies is refused.
        academy = view.academy(academy).id
    request = ReportRequest(view=view, academy=academy, templates=templates)
    target = out or Path(default_output(request, name))
    if _write_output(target, render(name, request), force=force, binary=name == "xlsx"):
        typer.echo(visible(f"wrote {target}"))


def _write_output(
    target: Path, data: bytes | Iterable[bytes], *, force: bool, binary: bool = False
) -> bool:
    """Write an output file (only ever replacing a regular one); False for standard output.

    ``-o -`` writes to standard output, for every command with ``-o``; a workbook is refused
    there while standard output is a terminal, where its bytes would only garble the screen.
    """
    if target == STDOUT:
        if binary and sys.stdout.isatty():
            from sendreview.errors import UsageError

            raise UsageError(
                "A workbook cannot be shown in the terminal.",
                "Send it to a file (-o NAME.xlsx) or into another program (-o - | ...).",
            )
        sys.stdout.flush()
        sys.stdout.buffer.writelines([data] if isinstance(data, bytes) else data)
        sys.stdout.buffer.flush()
        return False
    from sendreview.files import write_atomic

    write_atomic(target, data, overwrite=force)
    return True


@app.command(cls=_WordsCommand)
@reported
def form(
    root: RepoArg = Path("."),
    cycle: Annotated[
        str | None,
        typer.Option(
            metavar="CYCLE",
            help="The cycle the forms are for, for example 2027-spring (default: the only "
            "one, if there is one).",
        ),
    ] = None,
    academy: Annotated[
        str | None,
        typer.Option(
            metavar="ACADEMY",
            help="One academy's form (its id or its name); 'trust' for the trust's own review.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="FOLDER",
            help="Folder for the workbooks (default: forms/CYCLE); a name ending .xlsx for "
            "the one workbook asked for with --academy; '-' writes that one to standard "
            "output.",
        ),
    ] = None,
    from_cycle: Annotated[
        str | None,
        typer.Option(
            metavar="CYCLE", help="Start from each academy's answers in this earlier cycle."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Replace workbooks that are already there.")] = False,
) -> None:
    """Write a fillable Excel form per academy, pre-filled from its review."""
    from sendreview.commands.form import FormRequest, write_forms
    from sendreview.render.terminal_forms import print_forms

    result = write_forms(
        FormRequest(
            root=root,
            cycle=cycle,
            academy=academy,
            out_dir=out,
            from_cycle=from_cycle,
            force=force,
        )
    )
    if cycle is None:
        typer.echo(f"Cycle {result.cycle}: the only one in this repository.", err=True)
    if result.data is not None:  # -o -: the workbook itself goes to standard output
        _write_output(STDOUT, result.data, force=force, binary=True)
    print_forms(result, stderr=result.data is not None)


@app.command("import", cls=_WordsCommand)
@reported
def import_(
    workbook: Annotated[Path, typer.Argument(metavar="FILE", help="The returned form (.xlsx).")],
    root: RepoArg = Path("."),
    cycle: Annotated[
        str | None,
        typer.Option(
            metavar="CYCLE",
            help="The cycle you are importing into; refuses a form for another cycle.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            help="Where an answer was changed both in the form and in the review, take the "
            "form's (and replace a read-only review)."
        ),
    ] = False,
    keep_ours: Annotated[
        bool,
        typer.Option(
            help="Where an answer was changed both in the form and in the review, keep the "
            "review's; import the rest."
        ),
    ] = False,
    dry_run: Annotated[bool, typer.Option(help="Show what would change; write nothing.")] = False,
    output: ProblemsFormat = DiagnosticFormat.auto,
    allow_incomplete: Annotated[
        bool,
        typer.Option(
            help="No longer needed: unfinished work is always imported, its gaps listed as "
            "warnings ('sendreview validate' still reports them)."
        ),
    ] = False,
    strict: Strict = False,
) -> None:
    """Read a returned form into the academy's review. Exit code 0: imported (or nothing to
    change); 1: errors in the form, nothing written; 2: could not run, or answers changed
    both in the form and in the review (settle them with --force or --keep-ours)."""
    from sendreview.commands.import_review import ImportRequest, apply_import, plan_import
    from sendreview.errors import UsageError
    from sendreview.forms.merge import OnConflict
    from sendreview.render.terminal_forms import print_changes, print_dry_run, print_import_result
    from sendreview.repository.validate import Options

    if force and keep_ours:
        raise UsageError(
            "--force and --keep-ours say opposite things.",
            "Choose one: --force takes the form's answers, --keep-ours keeps the review's.",
        )
    if allow_incomplete:
        typer.echo(
            "Note: --allow-incomplete is no longer needed: import always takes unfinished "
            "work and lists its gaps as warnings.",
            err=True,
        )
    on_conflict = OnConflict.FORM if force else OnConflict.OURS if keep_ours else OnConflict.REFUSE
    plan = plan_import(
        ImportRequest(
            workbook=workbook,
            root=root,
            cycle=cycle,
            options=Options(strict=strict),
            on_conflict=on_conflict,
        )
    )
    _emit(plan.report, output)
    if plan.blocked:
        typer.echo("Nothing was written: correct the workbook, then import it again.", err=True)
        raise typer.Exit(1)
    print_changes(plan)
    if dry_run:
        print_dry_run(plan)
    else:
        print_import_result(plan, apply_import(plan, force=force))


def main() -> None:
    """Console-script entry point."""
    from sendreview.render.console import configure_streams

    configure_streams()
    _end_quietly_on_closed_pipe()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
