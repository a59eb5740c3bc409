"""Commands that agree: --cycle, --academy, -h, help in words, a closed pipe, and next-step
hints that work when run exactly as printed.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from conftest import EXAMPLE, SCRIPT, fill, needs_script
from sendreview.cli import app


def _commands() -> list[list[str]]:
    group = typer.main.get_command(app)
    out = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        if hasattr(command, "commands"):
            out.append([name])
            out += [[name, sub] for sub in command.commands]
        else:
            out.append([name])
    return out


@pytest.mark.parametrize("command", [[], *_commands()], ids=lambda c: " ".join(c) or "top")
def test_dash_h_is_help_and_help_shows_words(cli, command):
    short = cli(*command, "-h")
    assert short.exit_code == 0, short.output
    assert short.stdout == cli(*command, "--help").stdout
    assert "-h, --help" in short.stdout
    # Words a person reads (PATH…, FOLDER, NUMBER), not Python types.
    assert not re.search(r"<(path|str|int|float|list\[|[a-z]+ range)", short.stdout), short.stdout


def _two_cycles(cli, root: Path) -> None:
    result = cli("new", root, "--cycle", "2027-spring")
    assert result.exit_code == 0, result.output


def test_form_picks_the_only_cycle(cli, example_repo, tmp_path):
    for earlier in ("2026-spring", "2026-summer"):
        shutil.rmtree(example_repo / "reviews" / earlier)
    result = cli("form", example_repo, "-o", tmp_path / "forms")
    assert result.exit_code == 0, result.output
    assert "Cycle 2026-autumn: the only one" in result.stderr
    assert len(list((tmp_path / "forms").glob("*.xlsx"))) == 5


def test_every_cycle_command_asks_when_there_are_several(cli, example_repo, tmp_path):
    _two_cycles(cli, example_repo)
    for args in (["form", example_repo, "-o", tmp_path / "f"], ["aggregate", example_repo]):
        result = cli(*args)
        assert result.exit_code == 2
        has = "2026-spring, 2026-summer, 2026-autumn, 2027-spring"  # in time, not by name
        assert f"Which cycle? This repository has {has}." in result.stderr


@pytest.mark.parametrize(
    "typed", ["Castlegate Academy", "castlegate academy", "castlegate-academy"]
)
def test_report_academy_by_id_or_name(cli, example_repo, tmp_path, typed):
    target = tmp_path / "castlegate.md"
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "-f",
        "md",
        "--academy",
        typed,
        "-o",
        target,
    )
    assert result.exit_code == 0, result.output
    assert "Castlegate Academy" in target.read_text(encoding="utf-8")


def test_academy_miss_says_did_you_mean(cli, example_repo, tmp_path):
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--academy",
        "Castlegate Acadmy",
        "-o",
        tmp_path / "x",
    )
    assert result.exit_code == 2
    assert "Did you mean 'Castlegate Academy'?" in result.stderr
    result = cli(
        "form",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--academy",
        "castelgate",
        "-o",
        tmp_path / "f",
    )
    assert result.exit_code == 2
    assert "Did you mean 'castlegate-academy'?" in result.stderr


def test_form_academy_by_name(cli, example_repo, tmp_path):
    result = cli(
        "form",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--academy",
        "WILLOWMERE SCHOOL",
        "-o",
        tmp_path / "f",
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "f").iterdir()] == ["willowmere-school-2026-autumn.xlsx"]


@needs_script
@pytest.mark.skipif(shutil.which("head") is None, reason="no 'head' to close the pipe")
@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
def test_closed_pipe_ends_quietly(fmt):
    """`sendreview aggregate | head -2` through a real pipe: no traceback, no message, and
    the exit code a shell reports for a closed pipe (141), never a bare 1."""
    command = f"{shlex.quote(SCRIPT)} aggregate --cycle 2026-autumn -f {fmt}"
    shell = f'{command} | head -c 20; echo "rc=${{PIPESTATUS[0]}}"'
    result = subprocess.run(
        ["bash", "-c", shell], cwd=EXAMPLE, capture_output=True, text=True, timeout=120
    )
    assert result.stderr == ""
    assert re.search(r"rc=(0|141)$", result.stdout.strip()), result.stdout


def test_form_says_pre_filled_only_when_it_was(cli, tmp_path):
    root = tmp_path / "trust"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak Primary")
    blank = cli("form", root, "-o", tmp_path / "blank")
    assert blank.exit_code == 0, blank.output
    assert "pre-filled" not in blank.stdout
    review = root / "reviews" / "2026-autumn" / "oak-primary.yaml"
    review.write_text(fill(review.read_text(encoding="utf-8")), encoding="utf-8")
    filled = cli("form", root, "-o", tmp_path / "filled")
    assert filled.exit_code == 0, filled.output
    assert re.search(r"\(pre-filled from \S*oak-primary\.yaml\)", filled.stdout), filled.stdout


def _run_as_printed(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert SCRIPT is not None
    env = {**os.environ, "PATH": f"{Path(SCRIPT).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-c", line], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


@needs_script
def test_hints_run_as_printed_from_another_folder(cli, tmp_path, monkeypatch):
    """A repository whose folder name has a space, made and used from the folder above."""
    monkeypatch.chdir(tmp_path)
    made = cli("new", "my trust", "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    assert made.exit_code == 0, made.output
    validate = re.search(r"Check the answers:\s+(sendreview validate .+)", made.stdout).group(1)
    assert validate == "sendreview validate 'my trust'"
    assert _run_as_printed(validate, tmp_path).returncode == 1  # runs: the review is blank
    formed = cli("form", "my trust", "-o", "forms")
    assert formed.exit_code == 0, formed.output
    hint = re.search(r"run: (sendreview import FILE\.xlsx.*)", formed.stdout).group(1)
    line = hint.replace("FILE.xlsx", "forms/oak-2026-autumn.xlsx") + " --dry-run"
    result = _run_as_printed(line, tmp_path)
    assert "not inside a review repository" not in result.stderr
    assert result.returncode in (0, 1), result.stderr


def test_new_inside_git_does_not_suggest_git_init(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    result = cli(
        "new", tmp_path / "trust", "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak"
    )
    assert result.exit_code == 0, result.output
    assert "git init" not in result.stdout
    assert re.search(r"Keep the work:\s+git -C \S+ add \. && git -C", result.stdout)


def test_new_outside_git_suggests_git_init(cli, tmp_path):
    result = cli(
        "new", tmp_path / "trust", "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak"
    )
    if any((p / ".git").exists() for p in (tmp_path, *tmp_path.parents)):
        pytest.skip("the temporary folder is inside a git repository")
    assert "git init" in result.stdout


def test_importing_the_command_line_loads_no_model_parser_or_terminal_library():
    """`sendreview --help` and typer's option parsing run before any command: pydantic (and
    every model), PyYAML, rich and jinja2 load only in the commands that use them."""
    code = (
        "import sys, sendreview.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'pydantic', 'yaml', 'rich', 'jinja2'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
