"""``sendreview new``: a repository from nothing, a new cycle, and never an overwrite.

Layers: cli for ``new`` and ``schema``; unit for the review schema and the written files'
permissions.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import digest, fill, fill_context
from sendreview.repository.frameworks import builtin


def test_new_repository(cli, tmp_path):
    root = tmp_path / "repo"
    result = cli(
        "new",
        root,
        "--trust",
        "Test Trust",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak Primary",
        "--academy",
        "St Mary’s C of E High",
        "--framework",
        "school-send-review",
        "--framework",
        "mat-send-review",
        "--ci",
        "github",
    )
    assert result.exit_code == 0, result.output
    files = set(digest(root))
    assert {
        "sendreview.yaml",
        "README.md",
        "reviews/2026-autumn/oak-primary.yaml",
        "reviews/2026-autumn/st-marys-c-of-e-high.yaml",
        "reviews/2026-autumn/trust.yaml",
        "schemas/trust.schema.json",
        "schemas/school-send-review.review.schema.json",
        "schemas/mat-send-review.review.schema.json",
        ".github/workflows/sendreview.yml",
    } <= files
    assert "created" in result.stdout
    assert "sendreview validate" in result.stdout
    trust = yaml.safe_load((root / "sendreview.yaml").read_text(encoding="utf-8"))
    assert trust["frameworks"] == {"academy": "school-send-review", "trust": "mat-send-review"}
    assert [a["name"] for a in trust["academies"]] == ["Oak Primary", "St Mary’s C of E High"]


def test_blank_review_shows_every_statement_beside_its_answer(cli, tmp_path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    text = (root / "reviews/2026-autumn/oak.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../schemas/school-send-review.review.schema.json\n"
    )
    framework = builtin("school-send-review")
    lines = text.splitlines()
    for statement in framework.statements():
        at = lines.index(f"  {statement.id}:")
        comment = []
        for line in lines[at + 1 :]:
            if not line.strip().startswith("#") or line.strip().startswith("# rating:"):
                break
            comment.append(line.strip().removeprefix("# "))
        assert " ".join(comment) == statement.text
        # The scale sits on its own line above a blank rating, so an editor can complete it.
        after = lines[at + 1 + len(comment) : at + 3 + len(comment)]
        assert after == ["    # rating: red, amber, green", "    rating:"]
    data = yaml.safe_load(text)
    assert list(data["responses"]) == framework.statement_ids
    assert list(data["action_plans"]) == [a.id for a in framework.areas]


def test_blank_review_is_incomplete_but_well_formed(cli, tmp_path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    result = cli("validate", root, "--allow-incomplete", "--format", "json")
    assert result.exit_code == 0
    assert {'"code": "SR401"', '"code": "SR406"'} <= {
        line.strip().rstrip(",") for line in result.stdout.splitlines() if '"code"' in line
    }


def test_scaffold_fill_validate(cli, tmp_path):
    root = tmp_path / "repo"
    cli(
        "new",
        root,
        "--trust",
        "T",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak",
        "--framework",
        "school-send-review",
        "--framework",
        "mat-send-review",
    )
    for review in (root / "reviews/2026-autumn").glob("*.yaml"):
        review.write_text(fill(review.read_text(encoding="utf-8")), encoding="utf-8")
    context = root / "context/2026-autumn/oak.yaml"
    context.write_text(fill_context(context.read_text(encoding="utf-8")), encoding="utf-8")
    result = cli("validate", root)
    assert result.exit_code == 0, result.stdout
    assert "Checked 4 files: no problems found." in result.stdout


def test_never_overwrites_and_adds_a_new_cycle(cli, tmp_path):
    root = tmp_path / "repo"
    cli(
        "new",
        root,
        "--trust",
        "T",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak",
        "--academy",
        "Elm",
    )
    review = root / "reviews/2026-autumn/oak.yaml"
    review.write_text(fill(review.read_text(encoding="utf-8")), encoding="utf-8")
    before = digest(root)
    again = cli("new", root, "--cycle", "2026-autumn")
    assert again.exit_code == 0
    assert digest(root) == before
    assert "kept" in again.stdout
    spring = cli("new", root, "--cycle", "2027-spring")
    assert spring.exit_code == 0
    after = digest(root)
    assert {k: after[k] for k in before} == before
    assert {"reviews/2027-spring/oak.yaml", "reviews/2027-spring/elm.yaml"} <= set(after)


def test_new_cycle_for_one_academy(cli, tmp_path):
    root = tmp_path / "repo"
    cli(
        "new",
        root,
        "--trust",
        "T",
        "--cycle",
        "2026-autumn",
        "--academy",
        "Oak",
        "--academy",
        "Elm",
    )
    result = cli("new", root, "--cycle", "2027-spring", "--academy", "Elm")
    assert result.exit_code == 0
    assert not (root / "reviews/2027-spring/oak.yaml").exists()
    assert (root / "reviews/2027-spring/elm.yaml").exists()


def test_academy_not_in_trust_file_is_refused(cli, tmp_path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    result = cli("new", root, "--cycle", "2027-spring", "--academy", "Birch")
    assert result.exit_code == 2
    assert "not in sendreview.yaml" in result.stderr


def test_academies_from_csv(cli, tmp_path):
    csv = tmp_path / "academies.csv"
    csv.write_bytes(
        "\ufeffName,URN,Phase\nOak Primary,123456,Primary\nElm School,,special\n".encode("utf-8")
    )
    root = tmp_path / "repo"
    result = cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academies", csv)
    assert result.exit_code == 0, result.output
    trust = yaml.safe_load((root / "sendreview.yaml").read_text(encoding="utf-8"))
    assert trust["academies"] == [
        {"id": "oak-primary", "name": "Oak Primary", "urn": "123456", "phase": "primary"},
        {"id": "elm-school", "name": "Elm School", "phase": "special"},
    ]


def test_bad_csv_row_is_named(cli, tmp_path):
    csv = tmp_path / "academies.csv"
    csv.write_text("name,phase\nOak Primary,infant-ish\n", encoding="utf-8")
    result = cli(
        "new", tmp_path / "repo", "--trust", "T", "--cycle", "2026-autumn", "--academies", csv
    )
    assert result.exit_code == 2
    assert "academies.csv:2" in result.stderr
    assert not (tmp_path / "repo").exists()


def test_new_needs_a_trust_and_academies(cli, tmp_path):
    assert cli("new", tmp_path / "r", "--cycle", "2026-autumn", "--academy", "Oak").exit_code == 2
    assert cli("new", tmp_path / "r", "--cycle", "2026-autumn", "--trust", "T").exit_code == 2
    bad_cycle = cli(
        "new", tmp_path / "r", "--cycle", "Autumn 2026", "--trust", "T", "--academy", "O"
    )
    assert bad_cycle.exit_code == 2
    assert "2026-autumn" in bad_cycle.stderr
    unknown = cli(
        "new",
        tmp_path / "r",
        "--cycle",
        "2026-autumn",
        "--trust",
        "T",
        "--academy",
        "O",
        "--framework",
        "school-send-reveiw",
    )
    assert unknown.exit_code == 2
    assert "Did you mean 'school-send-review'" in unknown.stderr


def test_github_workflow_runs_validate(cli, tmp_path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak", "--ci", "github")
    workflow = yaml.safe_load(
        (root / ".github/workflows/sendreview.yml").read_text(encoding="utf-8")
    )
    steps = workflow["jobs"]["validate"]["steps"]
    command = 'sendreview validate --format github --allow-incomplete --changed-first "$changed"'
    assert steps[-1]["run"].rstrip().endswith(command)
    assert any("pip install" in s.get("run", "") for s in steps)


def test_schema_command_rewrites_only_its_own_files(cli, tmp_path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak")
    schema = root / "schemas" / "trust.schema.json"
    schema.write_text("{}", encoding="utf-8")
    refused = cli("schema", root)
    assert refused.exit_code == 2
    assert schema.read_text(encoding="utf-8") == "{}"
    assert cli("schema", root, "--force").exit_code == 0
    assert "Generated by sendreview" in schema.read_text(encoding="utf-8")


def test_review_schema_knows_statements_and_ratings(tmp_path):
    from sendreview.source.json_schema import review_schema

    schema = review_schema(builtin("school-send-review"))
    responses = schema["properties"]["responses"]
    assert responses["additionalProperties"] is False
    assert len(responses["properties"]) == 27
    assert schema["$defs"]["Response"]["properties"]["rating"]["enum"] == [
        "red",
        "amber",
        "green",
        None,
    ]
    assert schema["$defs"]["Response"]["additionalProperties"] is False


def test_scaffolded_files_are_plain_utf8_with_unix_line_ends(cli, tmp_path: Path):
    root = tmp_path / "repo"
    cli("new", root, "--trust", "Trust – with a dash", "--cycle", "2026-autumn", "--academy", "Oak")
    raw = (root / "sendreview.yaml").read_bytes()
    assert b"\r\n" not in raw
    assert "Trust – with a dash".encode() in raw


def test_written_files_can_be_shared(tmp_path):
    """Reports are written atomically but with ordinary permissions, not private ones."""
    import os

    from sendreview.files import write_atomic

    target = tmp_path / "report.html"
    write_atomic(target, b"<p>report</p>")
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
