"""The file a person names with -o decides what goes into it, and never disagrees with it.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import EXAMPLE, SCRIPT, needs_script

CYCLE = ("--cycle", "2026-autumn")


def test_aggregate_writes_the_format_its_file_is_named_for(cli, tmp_path):
    result = cli("aggregate", EXAMPLE, *CYCLE, "-o", tmp_path / "view.json")
    assert result.exit_code == 0, result.output
    view = json.loads((tmp_path / "view.json").read_text(encoding="utf-8"))
    assert view["cycle"] == "2026-autumn"
    assert cli("aggregate", EXAMPLE, *CYCLE, "-o", tmp_path / "view.csv").exit_code == 0
    assert (tmp_path / "view.csv").read_text(encoding="utf-8-sig").startswith("trust,cycle,")


def test_aggregate_refuses_a_file_for_the_terminal_view_instead_of_ignoring_it(cli, tmp_path):
    result = cli("aggregate", EXAMPLE, *CYCLE, "-o", tmp_path / "view.txt")
    assert result.exit_code == 2
    assert "cannot be written to a file" in result.output
    assert not (tmp_path / "view.txt").exists()


@pytest.mark.parametrize(("name", "starts"), [("board.md", b"# "), ("board.html", b"<!DOCTYPE")])
def test_report_writes_the_format_its_file_is_named_for(cli, tmp_path, name, starts):
    result = cli("report", EXAMPLE, *CYCLE, "-o", tmp_path / name)
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).read_bytes().lstrip().startswith(starts)


def test_report_refuses_a_format_its_file_name_contradicts(cli, tmp_path):
    result = cli("report", EXAMPLE, *CYCLE, "--format", "html", "-o", tmp_path / "board.md")
    assert result.exit_code == 2
    assert "named as a md file" in result.output
    assert not (tmp_path / "board.md").exists()


@needs_script
@pytest.mark.parametrize(
    "args",
    [
        ("report", EXAMPLE, *CYCLE, "--format", "xlsx", "-o", "-"),
        ("form", EXAMPLE, *CYCLE, "--academy", "castlegate-academy", "-o", "-"),
    ],
    ids=["report", "form"],
)
def test_a_workbook_is_not_poured_onto_a_terminal(tmp_path, args):
    leader, follower = os.openpty()  # standard output is a terminal, as in a person's shell
    try:
        result = subprocess.run(
            [SCRIPT, *map(str, args)],
            stdout=follower,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert result.returncode == 2
    assert b"cannot be shown in the terminal" in result.stderr
    assert list(Path(tmp_path).iterdir()) == []


def test_form_o_with_an_xlsx_name_writes_that_workbook(cli, tmp_path):
    result = cli(
        "form", EXAMPLE, *CYCLE, "--academy", "castlegate-academy", "-o", tmp_path / "c.xlsx"
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "c.xlsx").is_file()
    everyone = cli("form", EXAMPLE, *CYCLE, "-o", tmp_path / "all.xlsx")
    assert everyone.exit_code == 2
    assert "names one workbook" in everyone.output
    assert not (tmp_path / "all.xlsx").exists()


@pytest.mark.parametrize("name", ["board.csv", "board.json", "board.htm"])
def test_report_refuses_a_file_named_for_a_format_it_does_not_write(cli, tmp_path, name):
    result = cli("report", EXAMPLE, *CYCLE, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "md (.md), html (.html), xlsx (.xlsx) or docx (.docx)" in result.output
    assert "--format" in result.output
    assert not (tmp_path / name).exists()


def test_report_with_format_still_writes_any_name(cli, tmp_path):
    result = cli("report", EXAMPLE, *CYCLE, "--format", "html", "-o", tmp_path / "board.htm")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "board.htm").read_bytes().lstrip().startswith(b"<!DOCTYPE")


@pytest.mark.parametrize(
    "command",
    [
        ("aggregate", *CYCLE, "--format", "json"),
        ("report", *CYCLE, "--format", "md"),
        ("compare", "--format", "md"),
    ],
)
def test_a_file_already_there_is_refused_before_any_review_is_read(
    cli, tmp_path, monkeypatch, command
):
    """A trust of a thousand academies takes seconds to read: the refusal comes first."""
    target = tmp_path / "kept.out"
    target.write_text("someone's work", encoding="utf-8")

    def no_reading(*args, **kwargs):
        raise AssertionError("the reviews were read before the refusal")

    monkeypatch.setattr("sendreview.trust_view.aggregate.read_all", no_reading)
    result = cli(*command, EXAMPLE, "-o", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "someone's work"
