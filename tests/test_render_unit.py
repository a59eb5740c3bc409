"""Renderers on their own: every registered format, given a small report or trust view built
in memory (no files, no CLI), and the registry agreeing with the CLI's choices.

Layers: unit, with cli checks that each command's --format choices are the registry's.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sendreview.diagnostics import Diagnostic, Report, Severity
from sendreview.model.framework import DEFAULT_RATING_SCALE
from sendreview.model.trust_view import TrustView
from sendreview.render.formats import choose_format
from sendreview.render.registry import FORMATS, Format, Renders, Writes, formats, suffixes
from sendreview.render.reports import ReportRequest
from sendreview.repository.frameworks import FrameworkRegistry

ERROR = Diagnostic(
    "reviews/2026-autumn/oak.yaml", 4, 3, "SR401", Severity.ERROR, "Rate error[x] here", "Pick."
)
WARNING = Diagnostic("reviews/2026-autumn/ash.yaml", 0, 0, "SR406", Severity.WARNING, "No date")
REPORT = Report(files=["reviews/2026-autumn/oak.yaml", "reviews/2026-autumn/ash.yaml"],
                diagnostics=[ERROR, WARNING])  # fmt: skip


def _view() -> TrustView:
    """Two academies, one area of two statements, on the default red-amber-green scale."""
    scale = [level.model_dump(mode="json") for level in DEFAULT_RATING_SCALE]
    ratings = {"oak": "green", "ash": "red"}
    return TrustView.model_validate(
        {
            "trust": "Test Trust",
            "cycle": "2026-autumn",
            "framework": {"id": "school-send-review", "version": "1", "title": "SEND review"},
            "rating_scale": scale,
            "thresholds": {"priority_share": 0.5, "outlier_gap": 0.25},
            "academies": [
                {"id": "oak", "name": "Oak Primary", "state": "complete", "rated": 2},
                {"id": "ash", "name": "Ash <Academy>", "state": "incomplete", "rated": 1,
                 "unrated": 1},
            ],
            "statements": [
                {"id": "lead-1", "area": "lead", "text": "Leaders know =SUM(A1)",
                 "ratings": ratings, "strengths": {"oak": "Clear plan"}},
                {"id": "lead-2", "area": "lead", "text": "Staff are trained",
                 "ratings": {"oak": "amber", "ash": None}},
            ],
            "areas": [
                {"id": "lead", "title": "Leadership",
                 "by_academy": {"oak": {"green": 1, "amber": 1}, "ash": {"red": 1, "unrated": 1}},
                 "trust": {"green": 1, "amber": 1, "red": 1, "unrated": 1},
                 "scores": {"oak": 0.75, "ash": 0.0}, "trust_score": 0.5},
            ],
            "priorities": [],
            "outliers": [],
            "peer_support": [],
            "actions": [],
        }
    )  # fmt: skip


def _ids(f: Format) -> str:
    return f"{f.renders}-{f.name}"


def _subject(f: Format) -> object:
    from sendreview.history.compare import compare_views

    view = _view()
    registry = FrameworkRegistry.for_repository(None)
    if f.renders is Renders.COMPARISON:  # built only when asked for: it compares two cycles
        return compare_views(view, view)
    if f.renders is Renders.NATIONAL:
        from sendreview.model.national import NationalInUse
        from sendreview.repository.national import packaged

        return NationalInUse(packaged(), "the figures shipped with sendreview")
    return {
        Renders.PROBLEMS: REPORT,
        Renders.TRUST_VIEW: view,
        Renders.REPORT: ReportRequest(view=view),
        Renders.FRAMEWORKS: [registry.require(i) for i in registry.ids()],
        Renders.FRAMEWORK: registry.require("school-send-review"),
    }[f.renders]


@pytest.mark.parametrize("chosen", FORMATS, ids=_ids)
def test_every_format_renders_a_small_subject(chosen, capsys):
    result = chosen.function()(_subject(chosen))
    printed = capsys.readouterr().out
    if chosen.writes is Writes.TERMINAL:
        assert result is None
        assert printed.strip()
    elif chosen.writes is Writes.FILES:
        assert result
        assert all(name.endswith(".csv") and text for name, text in result.items())
    elif chosen.writes is Writes.BYTES:
        assert isinstance(result, bytes)
        assert result
    else:
        assert isinstance(result, str)
        assert result.strip()
    if chosen.writes is not Writes.TERMINAL:
        assert not printed  # only terminal formats print; the others return their output


def test_problems_text_lists_each_file_then_a_summary():
    text = formats(Renders.PROBLEMS)["text"].function()(REPORT)
    assert text.splitlines() == [
        "reviews/2026-autumn/ash.yaml",
        "  reviews/2026-autumn/ash.yaml: warning[SR406] No date",
        "",
        "reviews/2026-autumn/oak.yaml",
        "  reviews/2026-autumn/oak.yaml:4:3: error[SR401] Rate error[x] here",
        "      hint: Pick.",
        "",
        "Checked 2 files: 1 error, 1 warning in 2 files.",
    ]


def test_problems_json_and_github():
    by_name = formats(Renders.PROBLEMS)
    rows = json.loads(by_name["json"].function()(REPORT))
    assert [r["code"] for r in rows] == ["SR406", "SR401"]
    github = by_name["github"].function()(REPORT, changed_first=["reviews/2026-autumn/oak.yaml"])
    assert github.splitlines()[0].startswith("::error file=reviews/2026-autumn/oak.yaml,line=4")


def test_terminal_colours_come_from_the_diagnostics(capsys):
    """A message that reads like a code ('error[x]') is not coloured as one."""
    from rich.console import Console

    from sendreview.render import terminal

    out = io.StringIO()
    monkey = Console(file=out, force_terminal=True, color_system="standard", width=200)
    real = terminal._console
    terminal._console = lambda stderr=False: monkey  # type: ignore[assignment]
    try:
        terminal.print_problems(REPORT)
    finally:
        terminal._console = real  # type: ignore[assignment]
    line = next(x for x in out.getvalue().splitlines() if "SR401" in x)
    assert "\x1b[1;31merror[SR401]\x1b[0m" in line
    assert line.endswith(" Rate error[x] here")  # plain, not coloured


def test_trust_view_csv_and_json():
    view = _view()
    by_name = formats(Renders.TRUST_VIEW)
    rows = list(csv.DictReader(io.StringIO(by_name["csv"].function()(view).lstrip("\ufeff"))))
    assert [(r["academy_id"], r["statement_id"], r["rating"]) for r in rows] == [
        ("oak", "lead-1", "green"),
        ("oak", "lead-2", "amber"),
        ("ash", "lead-1", "red"),
        ("ash", "lead-2", ""),
    ]
    assert rows[0]["statement"] == "Leaders know =SUM(A1)"  # data, kept as written
    assert rows[0]["rating_score"] == "1.0"
    data = json.loads(by_name["json"].function()(view))
    assert data["responses"][3]["status"] == "unrated"
    tables = by_name["csv-tables"].function()(view)
    assert "ratings.csv" in tables


def test_reports_show_the_academies():
    request = ReportRequest(view=_view())
    by_name = formats(Renders.REPORT)
    assert "Oak Primary" in by_name["md"].function()(request).decode("utf-8")
    page = by_name["html"].function()(request).decode("utf-8")
    assert "Ash &lt;Academy&gt;" in page
    book = load_workbook(io.BytesIO(by_name["xlsx"].function()(request)))
    assert "Summary" in book.sheetnames


def test_frameworks_as_data():
    by_name = formats(Renders.FRAMEWORK)
    framework = _subject(by_name["json"])
    assert json.loads(by_name["json"].function()(framework))["id"] == "school-send-review"
    assert by_name["yaml"].function()(framework).startswith("id: school-send-review")


# ---- The registry and the CLI agree --------------------------------------------------------


def _cli_choices(cli, command: tuple[str, ...]) -> list[str]:
    """A command's --format choices, as its help offers them: ``--format <md|html|xlsx>``, or
    ``--format [md|html|xlsx]`` from the oldest typer pyproject.toml allows."""
    result = cli(*command, "--help")
    assert result.exit_code == 0, result.output
    found = re.search(r"--format\s+[<\[]([a-z|-]+)[>\]]", result.stdout)
    assert found, result.stdout
    return found.group(1).split("|")


COMMANDS = {
    ("validate",): Renders.PROBLEMS,
    ("import",): Renders.PROBLEMS,
    ("frameworks", "check"): Renders.PROBLEMS,
    ("aggregate",): Renders.TRUST_VIEW,
    ("report",): Renders.REPORT,
    ("frameworks", "list"): Renders.FRAMEWORKS,
    ("frameworks", "show"): Renders.FRAMEWORK,
    ("compare",): Renders.COMPARISON,
    ("context", "national"): Renders.NATIONAL,
}


def test_every_command_with_a_format_is_checked_here():
    from typer.main import get_command

    from sendreview.cli import app

    found = set()

    def walk(command, path):
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))
        if any("--format" in getattr(p, "opts", ()) for p in command.params):
            found.add(path)

    walk(get_command(app), ())
    assert found == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_cli_format_choices_are_the_registry(cli, command):
    renders = COMMANDS[command]
    extra = ["auto"] if renders is Renders.PROBLEMS else []
    assert _cli_choices(cli, command) == extra + list(formats(renders))


@pytest.mark.parametrize("chosen", FORMATS, ids=_ids)
def test_each_suffix_chooses_its_format(chosen):
    if not chosen.suffix:
        assert chosen.writes in (Writes.TERMINAL, Writes.FILES) or chosen.name == "github"
        return
    assert re.fullmatch(r"\.[a-z]+", chosen.suffix)
    assert suffixes(chosen.renders)[chosen.suffix] == chosen.name
    named = Path(f"out{chosen.suffix.upper()}")
    assert choose_format(None, named, chosen.renders, "none") == chosen.name


def test_formats_are_unique_and_importable():
    keys = [(f.renders, f.name) for f in FORMATS]
    assert len(keys) == len(set(keys))
    for f in FORMATS:
        assert callable(f.function())
        assert f.styled_function() is None or callable(f.styled_function())
        assert f.pieces_function() is None or callable(f.pieces_function())


def test_formats_do_not_load_at_start_up():
    """Importing the CLI loads the registry, never a format's code, openpyxl or jinja2."""
    targets = (t for f in FORMATS for t in (f.target, f.styled, f.pieces) if t)
    lazy = sorted({t.split(":")[0] for t in targets})
    lazy += ["openpyxl", "jinja2", "sendreview.render.output", "sendreview.commands"]
    code = f"import sys, sendreview.cli; print([m for m in {lazy!r} if m in sys.modules])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# ---- Where rendered output goes ------------------------------------------------------------


def test_render_to_a_file_a_folder_and_standard_output(tmp_path, capsys):
    from sendreview.render.output import render_to

    by_name = formats(Renders.TRUST_VIEW)
    target = tmp_path / "view.json"
    assert render_to(by_name["json"], _view(), target) == [target]
    assert json.loads(target.read_text(encoding="utf-8"))["trust"] == "Test Trust"
    written = render_to(by_name["csv-tables"], _view(), tmp_path / "tables")
    assert sorted(p.name for p in written) == sorted(by_name["csv-tables"].function()(_view()))
    assert render_to(by_name["csv"], _view()) == []
    assert capsys.readouterr().out.startswith("\ufefftrust,cycle,")


def test_problems_go_to_standard_output_ending_in_a_line_break(capsys):
    from sendreview.render.output import emit_problems

    assert emit_problems(REPORT, "json") == "json"
    out = capsys.readouterr().out
    assert out.endswith("]\n")
    assert json.loads(out)[0]["code"] == "SR406"
