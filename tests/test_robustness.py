"""Edge cases found in review: each once gave a traceback, a wrong figure or lost a file.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from conftest import EXAMPLE, digest, replace_once, validate_json

CASTLEGATE = "reviews/2026-autumn/castlegate-academy.yaml"
#: The example trust's one warning, there on purpose: Castlegate's autumn review keeps summer's
#: strengths for graduated-approach-5 while the rating fell (an answer copied unchanged).
EXAMPLE_COPIED = "SR701"


def test_aggregate_output_is_not_overwritten_without_force(cli, tmp_path):
    target = tmp_path / "keep.json"
    target.write_text("mine", encoding="utf-8")
    refused = cli(
        "aggregate",
        EXAMPLE,
        "--cycle",
        "2026-autumn",
        "--format",
        "json",
        "-o",
        target,
    )
    assert refused.exit_code == 2
    assert target.read_text(encoding="utf-8") == "mine"
    assert (
        cli(
            "aggregate",
            EXAMPLE,
            "--cycle",
            "2026-autumn",
            "--format",
            "json",
            "-o",
            target,
            "--force",
        ).exit_code
        == 0
    )
    assert json.loads(target.read_text(encoding="utf-8"))["trust"] == "Larkspur Learning Trust"


def test_naming_a_file_twice_is_not_a_second_review(cli, example_repo):
    exit_code, found = validate_json(cli, example_repo, example_repo / CASTLEGATE)
    # once, not twice: the answer the example copies from summer on purpose (EXAMPLE_COPIED)
    assert (exit_code, [p["code"] for p in found]) == (0, [EXAMPLE_COPIED])


def test_trust_framework_problems_are_found_from_any_folder(cli, example_repo, monkeypatch):
    (example_repo / "frameworks").mkdir()
    (example_repo / "frameworks" / "own.yaml").write_text("id: own\ntitel: x\n", encoding="utf-8")
    monkeypatch.chdir(example_repo.parent)
    outside = cli("validate", example_repo.name, "--format", "json")
    monkeypatch.chdir(example_repo)
    inside = cli("validate", "--format", "json")
    assert outside.exit_code == inside.exit_code == 1
    assert {p["code"] for p in json.loads(outside.stdout)} >= {"SR201"}


def test_a_trusts_own_crosswalk_is_checked(cli, example_repo):
    folder = example_repo / "frameworks" / "crosswalks"
    folder.mkdir(parents=True)
    source = EXAMPLE.parents[1] / "frameworks/crosswalks/school-send-review--mat-send-review.yaml"
    target = folder / source.name
    shutil.copy(source, target)
    assert cli("validate", example_repo).exit_code == 0
    replace_once(target, "leadership-2: leadership", "leadership-2: leadershp")
    exit_code, found = validate_json(cli, example_repo)
    assert exit_code == 1
    assert [p["code"] for p in found] == ["SR318", EXAMPLE_COPIED]


def test_a_review_in_the_wrong_cycle_folder_is_not_counted(cli, example_repo):
    replace_once(example_repo / CASTLEGATE, "cycle: 2026-autumn", "cycle: 2025-autumn")
    assert cli("validate", example_repo).exit_code == 1
    from sendreview.trust_view.aggregate import aggregate

    view = aggregate(example_repo, "2026-autumn")
    assert view.academy("castlegate-academy").state == "invalid"


@pytest.mark.parametrize(
    "args",
    [
        ("report", EXAMPLE, "--cycle", "2026-autumn", "--format", "md", "-o", "{file}/x.md"),
        ("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv", "-o", "{file}/x.csv"),
        ("new", "{file}/repo", "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak"),
    ],
    ids=["report", "aggregate", "new"],
)
def test_write_failures_are_messages_not_tracebacks(cli, tmp_path, args):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = cli(*[str(a).replace("{file}", str(blocker)) for a in args])
    assert result.exit_code == 2
    assert "Cannot write" in result.stderr


def test_schema_refuses_before_writing_anything(cli, example_repo):
    schemas = example_repo / "schemas"
    (schemas / "framework.schema.json").write_text("{}", encoding="utf-8")
    (schemas / "trust.schema.json").unlink()
    before = digest(schemas)
    assert cli("schema", example_repo).exit_code == 2
    assert digest(schemas) == before


def test_a_trusts_template_that_fails_is_named(cli, tmp_path):
    own = tmp_path / "templates"
    own.mkdir()
    (own / "trust.md.j2").write_text("{{ 1 / 0 }}", encoding="utf-8")
    result = cli(
        "report",
        EXAMPLE,
        "--cycle",
        "2026-autumn",
        "--format",
        "md",
        "--templates",
        own,
        "-o",
        tmp_path / "r.md",
    )
    assert result.exit_code == 2
    assert "template could not be used" in result.stderr


def test_square_brackets_in_names_print_as_written(cli, example_repo):
    replace_once(
        example_repo / "sendreview.yaml",
        "name: Castlegate Academy",
        'name: "Castlegate [/] Academy [red]"',
    )
    result = cli("aggregate", example_repo, "--cycle", "2026-autumn")
    assert result.exit_code == 0
    assert "Castlegate [/] Academy" in result.stdout


def test_priority_share_and_outlier_gap_change_the_view(cli):
    def view(*extra):
        return cli.json_ok(
            "aggregate",
            EXAMPLE,
            "--cycle",
            "2026-autumn",
            "--format",
            "json",
            *extra,
        )

    default = view()
    assert len(view("--priority-share", "1.0")["priorities"]) < len(default["priorities"])
    assert [p["statement"] for p in view("--priority-share", "1.0")["priorities"]] == [
        "identification-3"
    ]
    assert view("--outlier-gap", "0.5")["outliers"] == []
    assert len(view("--outlier-gap", "0.05")["outliers"]) > len(default["outliers"])


def test_validate_never_changes_the_example(cli):
    before = digest(EXAMPLE)
    for extra in ((), ("--strict",), ("--format", "json"), ("--format", "github")):
        cli("validate", EXAMPLE, *extra)
    assert digest(EXAMPLE) == before
    assert os.listdir(EXAMPLE)  # the example is still there


def test_a_broken_trust_framework_is_named_not_called_missing(cli, example_repo):
    (example_repo / "frameworks").mkdir()
    (example_repo / "frameworks" / "own.yaml").write_text("id: own\ntitel: x\n", encoding="utf-8")
    result = cli("frameworks", "show", "own", "--repo", example_repo)
    assert result.exit_code == 2
    assert "own.yaml:1:1" in result.stderr


def test_a_folder_of_repositories_checks_each_as_a_repository(cli, example_repo):
    exit_code, found = validate_json(cli, example_repo.parent)
    assert (exit_code, [p["code"] for p in found]) == (0, [EXAMPLE_COPIED])
