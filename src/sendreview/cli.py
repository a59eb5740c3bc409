"""The ``sendreview`` command line: options, then the command (:mod:`sendreview.commands`),
then its result rendered in the chosen format (:mod:`sendreview.render.registry`), then the
exit code: 0 ok, 1 problems found, 2 could not run.

Heavy libraries (pydantic models, openpyxl, jinja2, rich) are imported inside the commands
that need them, so ``sendreview --help`` stays quick.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from sendreview import __version__
from sendreview import cli_options as opt
from sendreview import cli_runtime as rt
from sendreview.cli_context import context_app
from sendreview.cli_moderate import moderate
from sendreview.prose import plural, visible
from sendreview.render.formats import STDOUT
from sendreview.render.registry import Renders, Writes, get

app = typer.Typer(
    name="sendreview",
    help="Run a trust's SEND reviews as version-controlled data: scaffold blank reviews, "
    "check them, merge academies into a trust view and write reports.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings=rt.HELP_OPTIONS,
)
frameworks_app = typer.Typer(
    help="List, show and check review frameworks.",
    no_args_is_help=True,
    context_settings=rt.HELP_OPTIONS,
)
app.add_typer(frameworks_app, name="frameworks")
app.add_typer(context_app, name="context")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sendreview {__version__}")
        raise typer.Exit()


@app.callback()
@rt.reported
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


@app.command(cls=rt.WordsCommand)
@rt.reported
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH…",
            help="Review repositories, folders or files (default: the current folder).",
        ),
    ] = None,
    output: opt.ProblemsFormat = opt.AUTO,
    allow_incomplete: opt.AllowIncomplete = False,
    strict: opt.Strict = False,
    changed_first: opt.ChangedFirst = None,
) -> None:
    """Check reviews and the trust file.

    Exit code 0: no errors; 1: problems found; 2: the command could not run.
    """
    from sendreview.commands.validate import read_changed
    from sendreview.commands.validate import validate as run
    from sendreview.render.output import emit_problems
    from sendreview.render.progress import progress_bar

    changed = read_changed(changed_first) if changed_first is not None else []
    with progress_bar("Reading reviews") as progress:
        report = run(
            paths or [], allow_incomplete=allow_incomplete, strict=strict, progress=progress
        )
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if emit_problems(report, output.value, changed) == "github" and target:
        from sendreview.commands.validate import job_summary
        from sendreview.render.job_summary import append_to_step_summary

        if note := append_to_step_summary(job_summary(report), target):
            typer.echo(note, err=True)
    raise typer.Exit(1 if report.errors else 0)


@app.command(cls=rt.WordsCommand)
@rt.reported
def new(
    root: opt.NewRoot = Path("."),
    cycle: opt.NewCycle = ...,  # type: ignore[assignment]
    trust: opt.TrustName = None,
    framework: opt.Frameworks = None,
    academy: opt.AcademyNames = None,
    academies: opt.AcademiesCsv = None,
    ci: opt.Ci = None,
    install_from: opt.InstallFrom = None,
    carry_answers: opt.CarryAnswers = False,
) -> None:
    """Create a review repository, or add a cycle's reviews to one. Never overwrites."""
    from sendreview.commands.new import new as run
    from sendreview.render.terminal import print_scaffold

    result = run(
        root,
        cycle,
        trust=trust,
        frameworks=framework or [],
        academy_names=academy or [],
        academies_csv=academies,
        ci=ci,
        install_from=install_from,
        carry_answers=carry_answers,
    )
    print_scaffold(result, cycle)


@frameworks_app.command("list", cls=rt.WordsCommand)
@rt.reported
def frameworks_list(
    repo: opt.ListRepo = Path("."), output: opt.ListFormatOption = opt.TEXT_LIST
) -> None:
    """List the frameworks available."""
    from sendreview.commands.frameworks import list_frameworks
    from sendreview.render.output import render_to

    render_to(get(Renders.FRAMEWORKS, output.value), list_frameworks(repo))


@frameworks_app.command("show", cls=rt.WordsCommand)
@rt.reported
def frameworks_show(
    framework_id: Annotated[str, typer.Argument(metavar="ID", help="The framework's id.")],
    output: opt.ShowFormatOption = opt.TEXT_SHOW,
    repo: opt.ShowRepo = Path("."),
) -> None:
    """Show a framework's areas and statements."""
    from sendreview.commands.frameworks import show_framework
    from sendreview.render.output import render_to

    render_to(get(Renders.FRAMEWORK, output.value), show_framework(framework_id, repo))


@frameworks_app.command("check", cls=rt.WordsCommand)
@rt.reported
def frameworks_check(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A framework YAML file.")],
    output: opt.ProblemsFormat = opt.AUTO,
) -> None:
    """Check a trust's own framework file."""
    from sendreview.commands.frameworks import check_framework
    from sendreview.render.output import emit_problems

    checked = check_framework(file)
    emit_problems(checked.report, output.value)
    if checked.summary is not None:
        typer.echo(visible(checked.summary), err=True)
    raise typer.Exit(1 if checked.report.errors else 0)


@app.command(cls=rt.WordsCommand)
@rt.reported
def schema(
    root: opt.RepoArg = Path("."),
    force: Annotated[
        bool, typer.Option(help="Replace schema files sendreview did not write.")
    ] = False,
) -> None:
    """Write the JSON Schemas that let VS Code check review files as you type."""
    from sendreview.commands.schema import schema as run
    from sendreview.repository.layout import display_path

    written = run(root, force=force)
    for path in written:
        typer.echo(visible(f"wrote {display_path(path)}"))
    typer.echo(
        f"{plural(len(written), 'schema file')} written; the others were up to date.", err=True
    )


@app.command(cls=rt.WordsCommand)
@rt.reported
def aggregate(
    root: opt.RepoArg = Path("."),
    cycle: opt.CycleOption = None,
    output: opt.ViewFormatOption = None,
    priority_share: opt.PriorityShare = 0.5,
    outlier_gap: opt.OutlierGap = 0.25,
    context_gap: opt.ContextGap = 5.0,
    ratings: opt.RatingsOption = opt.MODERATED,
    out: opt.OutFile = None,
    force: opt.Force = False,
) -> None:
    """Merge every academy's review for a cycle into a trust view."""
    from sendreview.commands.aggregate import aggregate as run
    from sendreview.commands.aggregate import output_format
    from sendreview.render.output import render_to
    from sendreview.render.progress import progress_bar

    chosen = output_format(output and output.value, out, force=force)
    terminal = chosen.writes is Writes.TERMINAL  # arrows beside the scores: the cycle before too
    with progress_bar("Reading reviews") as progress:
        found = run(
            root,
            cycle,
            priority_share=priority_share,
            outlier_gap=outlier_gap,
            context_gap=context_gap,
            ratings=opt.ratings_of(ratings),
            since=terminal,
            progress=progress,
        )
    if terminal:
        render_to(chosen, found.view, comparison=found.comparison)
        return
    written = render_to(chosen, found.view, out, force=force)
    if chosen.writes is Writes.FILES:
        for path in written:
            typer.echo(visible(f"wrote {path}"))


@app.command(cls=rt.WordsCommand)
@rt.reported
def compare(
    root: opt.RepoArg = Path("."),
    from_cycle: opt.FromCycleOption = None,
    to_cycle: opt.ToCycleOption = None,
    output: opt.CompareFormatOption = None,
    ratings: opt.RatingsOption = opt.MODERATED,
    out: opt.CompareOut = None,
    force: opt.Force = False,
) -> None:
    """Show what moved between two cycles: ratings, scores, priorities, actions followed up
    and answers copied unchanged."""
    from sendreview.commands.compare import compare as run
    from sendreview.commands.compare import output_format
    from sendreview.render.output import render_to
    from sendreview.render.progress import progress_bar

    chosen = output_format(output and output.value, out, force=force)
    with progress_bar("Reading reviews") as progress:
        comparison = run(
            root, from_cycle, to_cycle, ratings=opt.ratings_of(ratings), progress=progress
        )
    render_to(chosen, comparison, out, force=force)


@app.command(cls=rt.WordsCommand)
@rt.reported
def report(
    root: opt.RepoArg = Path("."),
    cycle: opt.CycleOption = None,
    output: opt.ReportFormatOption = None,
    academy: opt.ReportAcademy = None,
    out: opt.ReportOut = None,
    templates: opt.Templates = None,
    context_gap: opt.ContextGap = 5.0,
    ratings: opt.RatingsOption = opt.MODERATED,
    suppress_below: opt.SuppressBelow = 5,
    no_suppress: opt.NoSuppress = False,
    force: opt.ReportForce = False,
) -> None:
    """Write the trust's report, or one academy's, as Markdown, HTML or Excel."""
    from sendreview.commands.report import report as run
    from sendreview.render.output import write_output

    made = run(
        root,
        cycle,
        requested=output and output.value,
        academy=academy,
        out=out,
        templates=templates,
        context_gap=context_gap,
        ratings=opt.ratings_of(ratings),
        suppress_below=None if no_suppress else suppress_below,
        force=force,
    )
    if write_output(made.target, made.data, force=force, binary=made.format.binary):
        typer.echo(visible(f"wrote {made.target}"))


@app.command(cls=rt.WordsCommand)
@rt.reported
def form(
    root: opt.RepoArg = Path("."),
    cycle: opt.FormCycle = None,
    academy: opt.FormAcademy = None,
    out: opt.FormOut = None,
    from_cycle: opt.FromCycle = None,
    force: opt.FormForce = False,
    moderation: opt.FormModeration = False,
    by: opt.FormBy = None,
) -> None:
    """Write a fillable Excel form per academy, pre-filled from its review."""
    from sendreview.commands.form import FormRequest, write_forms
    from sendreview.render.output import write_output
    from sendreview.render.terminal_forms import print_forms

    result = write_forms(
        FormRequest(
            root=root,
            cycle=cycle,
            academy=academy,
            out_dir=out,
            from_cycle=from_cycle,
            force=force,
            moderation=moderation,
            by=by,
        )
    )
    if cycle is None:
        typer.echo(f"Cycle {result.cycle}: the only one in this repository.", err=True)
    if result.data is not None:  # -o -: the workbook itself goes to standard output
        write_output(STDOUT, result.data, force=force, binary=True)
    print_forms(result, stderr=result.data is not None)


@app.command("import", cls=rt.WordsCommand)
@rt.reported
def import_(
    workbook: opt.Workbook,
    root: opt.RepoArg = Path("."),
    cycle: opt.ImportCycle = None,
    force: opt.ImportForce = False,
    keep_ours: opt.KeepOurs = False,
    dry_run: opt.DryRun = False,
    output: opt.ProblemsFormat = opt.AUTO,
    allow_incomplete: opt.ImportAllowIncomplete = False,
    strict: opt.Strict = False,
) -> None:
    """Read a returned form into the academy's review. Exit code 0: imported (or nothing to
    change); 1: errors in the form, nothing written; 2: could not run, or answers changed
    both in the form and in the review (settle them with --force or --keep-ours)."""
    from sendreview.commands.import_review import ImportRequest, apply_import, plan_import
    from sendreview.render.output import emit_problems
    from sendreview.render.terminal_forms import print_changes, print_dry_run, print_import_result

    request = ImportRequest.from_flags(
        workbook, root, cycle, strict=strict, force=force, keep_ours=keep_ours
    )
    if allow_incomplete:
        typer.echo(
            "Note: --allow-incomplete is no longer needed: import always takes unfinished "
            "work and lists its gaps as warnings.",
            err=True,
        )
    plan = plan_import(request)
    emit_problems(plan.report, output.value)
    if plan.blocked:
        typer.echo("Nothing was written: correct the workbook, then import it again.", err=True)
        raise typer.Exit(1)
    print_changes(plan)
    if dry_run:
        print_dry_run(plan)
    else:
        print_import_result(plan, apply_import(plan, force=force))


# ---- moderate: a moderator's file beside a review (in cli_moderate) ------------------------
app.command(cls=rt.WordsCommand)(moderate)


def main() -> None:
    """Console-script entry point."""
    from sendreview.render.console import configure_streams

    configure_streams()
    rt.end_quietly_on_closed_pipe()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
