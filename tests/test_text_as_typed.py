"""A SENCO's words are never rewritten: text that YAML 1.1 would read as a number, a date or
a sexagesimal time reaches the review, the checks and every output exactly as it was typed.

YAML 1.1 (PyYAML) reads ``0777`` as 511, ``1_000`` as 1000, ``12:30`` as 750, ``0x1F`` as 31,
``.inf`` as infinity and the URN ``012345`` as 5349. Where the model wants text, the loader
takes the text as written instead. ``yes``/``no`` in a field of text are still refused with
advice to quote them, and an empty value, ``~`` or ``null`` is an unanswered field.

Layers: cli, with one unit property test of the loader.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import line_of, replace_once, validate_json
from sendreview.model import Review, Trust
from sendreview.source.loader import to_model
from sendreview.source.yaml_reader import parse_yaml

REVIEW = Path("reviews/2026-autumn/oak-primary.yaml")

#: Typed unquoted, and what YAML 1.1 would have made of each.
AS_TYPED = {
    "0777": 511,
    "1_000": 1000,
    "12:30": 750,
    "0x1F": 31,
    ".inf": float("inf"),
    "1.10": 1.1,
    "+1": 1,
    "0b101": 5,
    "2026-11-17": "a date",
    "190:20:30": 685230,
}


def aggregate(cli, root: Path) -> dict:
    return cli.json_ok("aggregate", root, "--cycle", "2026-autumn", "--format", "json")


def _every_text_field(review: Path, typed: str) -> None:
    """Type ``typed``, unquoted, into every free-text field of the filled review."""
    replace_once(
        review,
        "    strengths: Leaders review this every term with the SENCO.\n",
        f"    strengths: {typed}\n",
    )
    replace_once(
        review,
        "    areas_for_development: Keep the current practice under review.\n    evidence: []\n",
        f"    areas_for_development: {typed}\n    evidence: [{typed}, Policy]\n",
    )
    replace_once(review, "completed_by: [SENCO, Headteacher]", f"completed_by: [SENCO, {typed}]")
    replace_once(
        review,
        "    summary:\n    actions: []\n",
        f"    summary: {typed}\n"
        "    actions:\n"
        f"      - action: {typed}\n"
        f"        owner: {typed}\n"
        "        due: 2027-01-29\n"
        "        priority: high\n"
        f"        success_criteria: {typed}\n",
    )


@pytest.mark.parametrize("typed", list(AS_TYPED))
def test_text_fields_keep_what_was_typed(cli, filled_repo, typed):
    _every_text_field(filled_repo / REVIEW, typed)
    exit_code, found = validate_json(cli, filled_repo)
    assert (exit_code, found) == (0, [])
    view = aggregate(cli, filled_repo)
    row = next(r for r in view["statements"] if r["id"] == "leadership-1")
    assert row["strengths"]["oak-primary"] == typed
    assert row["areas_for_development"]["oak-primary"] == typed
    assert row["evidence"]["oak-primary"] == [typed, "Policy"]
    action = view["actions"][0]
    assert (action["action"], action["owner"], action["success_criteria"]) == (typed,) * 3
    assert action["due"] == "2027-01-29"  # a date where the model wants a date
    assert view["action_plan_summaries"]["oak-primary"]["leadership"] == typed


def test_the_report_shows_the_text_as_typed(cli, filled_repo, tmp_path):
    _every_text_field(filled_repo / REVIEW, "0777")
    out = tmp_path / "oak.md"
    result = cli(
        "report", filled_repo, "--cycle", "2026-autumn", "--academy", "oak-primary",
        "--format", "md", "-o", out,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    assert "0777" in report
    assert "511" not in report


def test_a_not_applicable_reason_keeps_what_was_typed(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "    rating: green\n", "    not_applicable: 12:30\n")
    exit_code, found = validate_json(cli, filled_repo)
    assert (exit_code, found) == (0, [])
    row = next(r for r in aggregate(cli, filled_repo)["statements"] if r["id"] == "leadership-1")
    assert row["not_applicable"]["oak-primary"] == "12:30"


def test_a_urn_keeps_its_leading_zero(cli, filled_repo):
    trust = filled_repo / "sendreview.yaml"
    replace_once(trust, "    name: Oak Primary\n", "    name: 0777\n    urn: 012345\n")
    assert validate_json(cli, filled_repo) == (0, [])
    doc = parse_yaml(trust.read_text(encoding="utf-8"), "sendreview.yaml")
    model = to_model(doc, Trust)
    assert model is not None
    assert (model.academies[0].urn, model.academies[0].name) == ("012345", "0777")


@pytest.mark.parametrize(("typed", "shown"), [("0123", "'0123'"), ("12345", "'12345'")])
def test_a_wrong_urn_is_reported_as_typed(cli, filled_repo, typed, shown):
    trust = filled_repo / "sendreview.yaml"
    replace_once(trust, "    name: Oak Primary\n", f"    name: Oak Primary\n    urn: {typed}\n")
    exit_code, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR206")
    assert exit_code == 1
    assert problem["message"] == f"{shown} is not a valid URN."
    assert problem["line"] == line_of(trust, "urn:")


def test_a_version_keeps_its_trailing_zero(cli, filled_repo):
    replace_once(filled_repo / REVIEW, 'framework_version: "1"', "framework_version: 1.10")
    exit_code, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR302")
    assert exit_code == 1
    assert "'1.10'" in problem["message"]
    assert "'1.1'" not in problem["message"]


def test_ids_keep_what_was_typed(cli, tmp_path):
    """An academy id of digits, unquoted in both files, is the same id."""
    root = tmp_path / "trust"
    assert (
        cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "0777").exit_code
        == 0
    )
    trust, review = root / "sendreview.yaml", root / "reviews/2026-autumn/0777.yaml"
    replace_once(trust, 'id: "0777"', "id: 0777")
    replace_once(review, 'academy: "0777"', "academy: 0777")
    exit_code, found = validate_json(cli, root)
    # Unanswered (the review) and not filled in (its SEN context), but not unknown.
    assert {p["code"] for p in found} <= {"SR401", "SR406", "SR807"}, found


def test_yes_and_no_in_a_text_field_are_refused_with_advice_to_quote(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(
        review, "strengths: Leaders review this every term with the SENCO.", "strengths: No"
    )
    exit_code, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR203")
    assert exit_code == 1
    assert problem["line"] == line_of(review, "strengths: No")
    assert "yes/no" in problem["message"]
    assert "quotes" in problem["hint"]


@pytest.mark.parametrize("empty", ["", " ~", " null", ' ""'])
def test_empty_tilde_and_null_are_unanswered(cli, filled_repo, empty):
    review = filled_repo / REVIEW
    replace_once(review, "    rating: green\n", "    rating: amber\n")
    replace_once(
        review,
        "    areas_for_development: Keep the current practice under review.\n",
        f"    areas_for_development:{empty}\n",
    )
    exit_code, found = validate_json(cli, filled_repo)
    # Amber with no areas for development (and no action): the same for all four.
    assert exit_code == 1
    assert [p["code"] for p in found] == ["SR403", "SR404"]
    row = next(r for r in aggregate(cli, filled_repo)["statements"] if r["id"] == "leadership-1")
    assert row["areas_for_development"].get("oak-primary", "") == ""


def test_the_review_date_stays_a_date(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "review_date: 2026-11-20", "review_date: 2026-11-17")
    assert validate_json(cli, filled_repo) == (0, [])
    academy = aggregate(cli, filled_repo)["academies"][0]
    assert academy["review_date"] == "2026-11-17"


_PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")))


@given(
    st.one_of(
        st.sampled_from(list(AS_TYPED)),
        st.from_regex(r"[-+]?[0-9_.:]{1,12}", fullmatch=True),
        _PLAIN,
    )
)
def test_any_plain_text_field_is_the_text_yaml_holds(typed):
    """Whatever a plain value in a field of text is, the review holds its text, or the file
    is refused with a message: never a silent change."""
    text = f"framework: f\ncycle: c\nresponses:\n  s:\n    strengths: {typed}\n"
    doc = parse_yaml(text, "f.yaml")
    review = to_model(doc, Review)
    if review is None:
        assert any(d.is_error for d in doc.diagnostics)
        return
    node = doc.data["responses"]["s"]["strengths"]
    written = typed.strip()
    strengths = review.responses["s"].strengths
    # The text as the parser holds it (YAML folds nothing on one line), or unanswered.
    assert strengths == written or (strengths == "" and node in ("", None))
