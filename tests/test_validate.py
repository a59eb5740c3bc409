"""Completeness, privacy, output formats and exit codes of ``sendreview validate``.

Layers: cli, with one unit check that the parallel trust view matches the serial one.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLE, line_of, replace_once, validate_json

REVIEW = Path("reviews/2026-autumn/oak-primary.yaml")


def test_example_trust_validates_cleanly(cli):
    """Its one finding is the answer the example copies on purpose: Castlegate's new SENCO kept
    summer's strengths for graduated-approach-5 while the rating fell from amber to red."""
    result = cli("validate", EXAMPLE, "--strict")
    assert result.exit_code == 0, result.stdout
    assert "Checked 36 files: 1 warning in 1 file." in result.stdout
    _, found = validate_json(cli, EXAMPLE, "--strict")
    assert [(Path(p["file"]).name, p["code"], p["path"]) for p in found] == [
        ("castlegate-academy.yaml", "SR701", "responses.graduated-approach-5.strengths")
    ]


def test_unrated_statement_is_incomplete(cli, filled_repo):
    review = filled_repo / REVIEW
    number = line_of(review, "rating: green")
    replace_once(review, "rating: green", "rating:")
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 1
    assert [(p["code"], p["line"], p["severity"]) for p in found] == [("SR401", number, "error")]
    exit_code, found = validate_json(cli, filled_repo, "--allow-incomplete")
    assert exit_code == 0
    assert found[0]["severity"] == "warning"


def test_red_needs_areas_for_development_and_an_action(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "rating: red")
    replace_once(
        review,
        "areas_for_development: Keep the current practice under review.",
        "areas_for_development:",
    )
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 1
    assert sorted(p["code"] for p in found) == ["SR403", "SR404"]
    action = next(p for p in found if p["code"] == "SR404")
    assert "Leadership of SEND" in action["message"]
    assert "leadership-1" in action["message"]


def test_action_plan_completes_a_red_area(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "rating: amber")
    replace_once(
        review,
        "  leadership:  # Leadership of SEND\n    summary:\n    actions: []",
        "  leadership:  # Leadership of SEND\n    summary: Vision not shared yet.\n"
        "    actions:\n      - action: Share the SEND vision with all staff at INSET.\n"
        "        owner: SENCO\n        due: 2027-01-06\n        priority: high\n"
        "        status: not-started\n        statements: [leadership-1]\n",
    )
    exit_code, found = validate_json(cli, filled_repo)
    assert (exit_code, found) == (0, [])


def test_not_applicable_needs_a_reason(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "not_applicable: true")
    exit_code, found = validate_json(cli, filled_repo)
    assert [p["code"] for p in found] == ["SR402"]
    assert exit_code == 1
    replace_once(review, "not_applicable: true", "not_applicable: No pupils have an EHC plan.")
    assert validate_json(cli, filled_repo) == (0, [])


def test_rating_and_not_applicable_together(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "rating: green\n    not_applicable: Not relevant here.")
    exit_code, found = validate_json(cli, filled_repo)
    assert [p["code"] for p in found] == ["SR313"]


def test_pupil_data_is_a_warning_and_strict_makes_it_an_error(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(
        review,
        "strengths: Leaders review this every term with the SENCO.",
        "strengths: |\n      Plan for B801200005001 agreed.\n"
        "      Contact parent.carer@example.org or 07700 900123.\n"
        "      DOB 14/03/2016 noted.",
    )
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 0
    assert [(p["code"], p["line"]) for p in found] == [
        ("SR501", line_of(review, "B801200005001")),
        ("SR502", line_of(review, "example.org")),
        ("SR503", line_of(review, "07700")),
        ("SR504", line_of(review, "DOB")),
    ]
    assert "B801200005001" not in json.dumps(found), "identifiers are not repeated in full"
    exit_code, found = validate_json(cli, filled_repo, "--strict")
    assert exit_code == 1
    assert {p["severity"] for p in found} == {"error"}


def test_an_owner_must_be_a_role(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "completed_by: [SENCO, Headteacher]", "completed_by: [Mrs Patel, SENCO]")
    exit_code, found = validate_json(cli, filled_repo)
    assert [p["code"] for p in found] == ["SR505"]


def test_ordinary_text_is_not_mistaken_for_pupil_data(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(
        review,
        "strengths: Leaders review this every term with the SENCO.",
        "strengths: 14% of pupils (61 of 430) are on SEN support; reviewed 12/03/2026, "
        "see SEND_Code_of_Practice_January_2015.pdf and www.gov.uk guidance.",
    )
    assert validate_json(cli, filled_repo, "--strict") == (0, [])


def test_text_format_groups_by_file_with_a_summary(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "rating: gren")
    result = cli("validate", filled_repo, "--format", "text")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.endswith("oak-primary.yaml"))
    assert "error[SR312]" in lines[header + 1]
    assert "hint: Did you mean 'green'?" in lines[header + 2]
    # The trust file, the review and the academy's SEN context.
    assert lines[-1] == "Checked 3 files: 1 error in 1 file."


def test_github_format_annotates_lines(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "rating: green", "rating: gren")
    number = line_of(review, "gren")
    result = cli("validate", filled_repo, "--format", "github")
    annotation = result.stdout.splitlines()[0]
    assert annotation.startswith("::error file=")
    assert f"oak-primary.yaml,line={number},col=" in annotation
    assert "title=SR312::'gren' is not a rating" in annotation
    assert "%0A" in annotation  # the hint follows on its own line


def test_github_format_is_automatic_in_actions(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "rating: green", "rating: gren")
    result = cli("validate", filled_repo, env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error ")


def test_json_shape(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "rating: green", "rating: gren")
    _, found = validate_json(cli, filled_repo)
    assert set(found[0]) >= {"file", "line", "column", "severity", "code", "message"}


def test_validating_one_file_uses_its_repository(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "academy: oak-primary", "academy: ash-primary")
    exit_code, found = validate_json(cli, review)
    assert exit_code == 1
    assert "SR303" in [p["code"] for p in found]


def test_two_reviews_of_one_academy(cli, filled_repo):
    review = filled_repo / REVIEW
    (review.parent / "oak-primary-copy.yaml").write_text(
        review.read_text(encoding="utf-8"), encoding="utf-8"
    )
    _, found = validate_json(cli, filled_repo)
    assert {"SR307", "SR308"} <= {p["code"] for p in found}


def test_many_files_are_read_in_parallel_with_the_same_result(cli, example_repo, monkeypatch):
    from sendreview.repository import reviews as module

    broken = example_repo / "reviews/2026-autumn/castlegate-academy.yaml"
    replace_once(broken, "rating: amber", "rating: gren")
    serial = validate_json(cli, example_repo)
    monkeypatch.setattr(module, "PARALLEL_FROM", 2)
    assert validate_json(cli, example_repo) == serial
    assert serial[0] == 1
    # SR701: the answer the example copies unchanged from summer on purpose
    assert [p["code"] for p in serial[1]] == ["SR312", "SR701"]


def test_parallel_aggregate_matches_serial(example_repo, monkeypatch):
    from sendreview.repository import reviews as module
    from sendreview.trust_view.aggregate import aggregate

    serial = aggregate(example_repo, "2026-autumn")
    monkeypatch.setattr(module, "PARALLEL_FROM", 2)
    assert aggregate(example_repo, "2026-autumn") == serial


def test_each_missing_detail_of_an_action_is_its_own_problem(cli, example_repo):
    """A board report counts 'actions without a due date' from each problem's data path."""
    review = example_repo / "reviews" / "2026-autumn" / "castlegate-academy.yaml"
    replace_once(review, "        due: 2026-10-23\n        priority: high\n", "")
    _, found = validate_json(cli, example_repo)
    missing = [p for p in found if p["code"] == "SR405"]
    assert [p["path"].rpartition(".")[2] for p in missing] == ["due", "priority"]
    assert missing[0]["message"].endswith("has no due date.")
    # both point at the action itself: the "- action: |" line above its text
    assert missing[0]["line"] == missing[1]["line"] == line_of(review, "Rewrite and publish") - 1
