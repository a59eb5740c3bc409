"""One pass and one set of rules: every problem of a file in one run, ids read leniently the
same way everywhere, and review dates checked against their cycle's term.

Layers: cli, with two unit checks of the shared rules (normalising a rating, a cycle's terms).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import line_of, replace_once, validate_json

REVIEW = Path("reviews/2026-autumn/oak-primary.yaml")


def codes(found: list[dict]) -> list[str]:
    return sorted(p["code"] for p in found)


def _set_response(review: Path, statement: str, body: str) -> None:
    """Replace one statement's answer with ``body`` (lines indented under it)."""
    lines = review.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {statement}:")
    end = start + 1
    while end < len(lines) and (lines[end].startswith("    ") or not lines[end].strip()):
        end += 1
    lines[start + 1 : end] = ["    " + line for line in body.strip("\n").splitlines()]
    review.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _four_waves(review: Path) -> None:
    """The hand-filled file from the issue, which needed four runs to get right."""
    replace_once(review, "review_date: 2026-11-20", "review_date: 20/11/2026")
    _set_response(
        review,
        "leadership-1",
        "rating: red\nstrenghts: The SENCO meets governors.\nareas_for_development:\n",
    )
    _set_response(review, "leadership-2", "rating: Amber\nareas_for_development:\n")
    _set_response(review, "teaching-1", "rating: red\nareas_for_development: Adapt more lessons.\n")
    replace_once(
        review,
        "  leadership:  # Leadership of SEND\n    summary:\n    actions: []",
        "  leadership:  # Leadership of SEND\n    summary:\n    actions:\n"
        "      - action: Report to governors each term\n"
        "        owner: Mrs Patel\n"
        "        due: 2027-02-30\n"
        "        priority: High\n"
        "        status: Not started",
    )


def test_four_waves_come_in_one_run(cli, filled_repo):
    """A structural problem in one answer (an unknown key, a bad date) no longer hides the
    other answers' checks, completeness or privacy. (A tab is a YAML syntax error: the file
    cannot be read at all, so it is still reported first and alone; see test_bad_input.)"""
    review = filled_repo / REVIEW
    _four_waves(review)
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 1
    assert codes(found) == ["SR201", "SR205", "SR205", "SR403", "SR403", "SR404", "SR505"], found
    by_line = {(p["code"], p["line"]) for p in found}
    assert ("SR205", line_of(review, "review_date:")) in by_line
    assert ("SR205", line_of(review, "2027-02-30")) in by_line
    assert ("SR201", line_of(review, "strenghts")) in by_line
    assert ("SR505", line_of(review, "Mrs Patel")) in by_line
    # 'Amber', 'High' and 'Not started' are read as amber, high and not-started.
    assert not {"SR312", "SR204"} & set(codes(found))


def test_a_dropped_answer_is_not_also_missing(cli, filled_repo):
    """An answer that is not a set of lines is reported once, not also as a missing statement;
    an unreadable review date is not also 'missing'; an action item that is not a set of
    lines is not also 'incomplete' nor 'no action'."""
    review = filled_repo / REVIEW
    replace_once(review, "review_date: 2026-11-20", "review_date: [2026]")
    text = review.read_text(encoding="utf-8")
    start = text.index("  leadership-1:\n")
    end = text.index("  leadership-2:\n")
    review.write_text(text[:start] + "  leadership-1: green\n" + text[end:], encoding="utf-8")
    _set_response(review, "teaching-1", "rating: red\nareas_for_development: More.\n")
    replace_once(
        review,
        "  teaching:  # High Quality Adaptive Teaching\n    summary:\n    actions: []",
        "  teaching:  # High Quality Adaptive Teaching\n    summary:\n    actions:\n"
        "      - Adapt more lessons",
    )
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 1
    assert codes(found) == ["SR203", "SR203", "SR205"], found


def test_a_wrong_required_key_still_stops_the_file(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "cycle: 2026-autumn", "cycle: Autumn 2026")
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 1, found
    assert codes(found) == ["SR206"], found


@pytest.mark.parametrize("typed", ["Amber", " AMBER ", "amber"])
def test_rating_case_and_spaces_do_not_matter(cli, filled_repo, typed):
    _set_response(
        filled_repo / REVIEW,
        "leadership-1",
        f'rating: "{typed}"\nareas_for_development: More.\n',
    )
    replace_once(
        filled_repo / REVIEW,
        "  leadership:  # Leadership of SEND\n    summary:\n    actions: []",
        "  leadership:  # Leadership of SEND\n    summary:\n    actions:\n"
        "      - {action: Train staff, owner: SENCO, due: 2027-01-10, priority: ' Medium',"
        " status: In_Progress}",
    )
    exit_code, found = validate_json(cli, filled_repo)
    assert (exit_code, found) == (0, [])


@pytest.mark.parametrize("typed", ["n/a", "N/A", "not applicable", "NA"])
def test_na_as_a_rating_points_to_not_applicable(cli, filled_repo, typed):
    replace_once(filled_repo / REVIEW, "rating: green", f"rating: {typed}")
    _, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR312")
    assert "not_applicable:" in problem["hint"]
    assert "reason" in problem["hint"]


@pytest.mark.parametrize(
    ("field", "typed", "guess"),
    [("priority", "hihg", "high"), ("status", "don", "done"), ("status", "in progres", None)],
)
def test_misspelt_priority_or_status_gets_did_you_mean(cli, filled_repo, field, typed, guess):
    replace_once(
        filled_repo / REVIEW,
        "  leadership:  # Leadership of SEND\n    summary:\n    actions: []",
        "  leadership:  # Leadership of SEND\n    summary:\n    actions:\n"
        "      - action: Train staff\n        owner: SENCO\n        due: 2027-01-10\n"
        f"        {field}: {typed}",
    )
    _, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR204")
    assert f"'{typed}' is not allowed for {field}" in problem["message"]
    assert f"Did you mean '{guess or 'in-progress'}'?" in problem["hint"]


def test_review_date_outside_the_cycle_is_a_warning(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "review_date: 2026-11-20", "review_date: 2019-06-15")
    exit_code, found = validate_json(cli, filled_repo)
    assert exit_code == 0
    [problem] = found
    assert problem["code"] == "SR319"
    assert problem["severity"] == "warning"
    assert problem["line"] == line_of(review, "review_date:")
    assert "autumn term of 2026 (September to December 2026)" in problem["message"]
    assert "2026-11-20" in problem["hint"]


@pytest.mark.parametrize("date", ["2026-08-20", "2027-01-15", "2026-09-01", "2026-12-31"])
def test_review_date_near_the_term_is_fine(cli, filled_repo, date):
    replace_once(filled_repo / REVIEW, "review_date: 2026-11-20", f"review_date: {date}")
    assert validate_json(cli, filled_repo) == (0, [])


def test_missing_date_hint_uses_the_cycles_own_dates(cli, tmp_path):
    root = tmp_path / "trust"
    cli("new", root, "--trust", "T", "--cycle", "2027-spring", "--academy", "Oak Primary")
    _, found = validate_json(cli, root)
    problem = next(p for p in found if p["code"] == "SR406")
    assert "review_date: 2027-02-12" in problem["hint"]


def test_impossible_month_is_called_that(cli, filled_repo):
    replace_once(filled_repo / REVIEW, "review_date: 2026-11-20", "review_date: 2026-13-01")
    _, found = validate_json(cli, filled_repo)
    problem = next(p for p in found if p["code"] == "SR205")
    assert "there is no month 13" in problem["message"]
    assert "2026-01-13" in problem["hint"]


def test_terms():
    from sendreview.model.cycles import term_of

    assert term_of("2026-autumn").window()[0].isoformat() == "2026-08-01"
    assert term_of("2027-spring").window()[0].isoformat() == "2026-12-01"
    assert term_of("2027-summer").window()[1].isoformat() == "2027-09-30"
    assert term_of("autumn-2026") is None


def test_one_normalising_rule_for_yaml_and_excel():
    from sendreview.forms.layout import STATUSES
    from sendreview.forms.values import match_choice
    from sendreview.model.review import Action

    for typed in ["Not started", " NOT_STARTED ", "not-started"]:
        assert Action.model_validate({"status": typed}).status == "not-started"
        assert match_choice(typed, STATUSES).id == "not-started"
