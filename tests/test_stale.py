"""`validate` on a repository of several cycles: answers copied unchanged (SR701), and cycles
that cannot be placed in time (SR320, SR321).

Each test gives Alder Brook's review of 2026-autumn (the example trust) earlier cycles made
from it, so the words compared are a real SENCO's, and changes one thing.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from conftest import EXAMPLE, line_of, only, replace_once, validate_json

ACADEMY = "alder-brook-primary"
#: The first words of Alder Brook's leadership-1 strengths, to find their line.
STRENGTHS = "Our SEND vision"


def review(root: Path, cycle: str = "2026-autumn") -> Path:
    return root / "reviews" / cycle / f"{ACADEMY}.yaml"


def earlier(root: Path, cycle: str, date: str) -> Path:
    """Alder Brook's 2026-autumn review, filed word for word as its review of ``cycle``."""
    text = review(root).read_text(encoding="utf-8")
    path = review(root, cycle)
    path.parent.mkdir(exist_ok=True)
    text = text.replace("cycle: 2026-autumn", f"cycle: {cycle}", 1)
    path.write_text(text.replace("review_date: 2026-11-12", f"review_date: {date}", 1), "utf-8")
    return path


def rate_first_amber(path: Path) -> None:
    """Leadership-1 (the file's first rating) amber rather than green."""
    replace_once(path, "rating: green", "rating: amber")


def copied(found: list[dict], cycle: str = "2026-autumn") -> list[dict]:
    """The SR701 warnings about Alder Brook's review of ``cycle``: the example trust may have
    earlier cycles of its own, with copies of its own."""
    mine = f"reviews/{cycle}/{ACADEMY}.yaml"
    return [p for p in found if p["code"] == "SR701" and p["file"].endswith(mine)]


def test_copied_while_the_rating_moved_is_a_warning_at_the_field(cli, example_repo):
    rate_first_amber(earlier(example_repo, "2026-summer", "2026-06-18"))
    code, found = validate_json(cli, example_repo)
    assert code == 0  # a warning: the words may still be true
    warnings = [p for p in copied(found) if "moved" in p["message"]]
    # only leadership-1 moved; both its answers were carried over
    assert [p["path"] for p in warnings] == [
        "responses.leadership-1.strengths",
        "responses.leadership-1.areas_for_development",
    ]
    first = warnings[0]
    assert first["severity"] == "warning"
    assert first["file"].endswith(f"reviews/2026-autumn/{ACADEMY}.yaml")
    assert first["line"] == line_of(review(example_repo), STRENGTHS) - 1  # 'strengths: |'
    assert first["column"] == 16  # the value, after "    strengths: "
    assert "copied unchanged from 2026-summer" in first["message"]
    assert "moved from amber to green" in first["message"]
    assert first["hint"].startswith("Rewrite them for this cycle")


def test_the_same_words_for_two_cycles_running_are_a_warning(cli, example_repo):
    earlier(example_repo, "2026-spring", "2026-02-12")
    earlier(example_repo, "2026-summer", "2026-06-18")
    _, found = validate_json(cli, example_repo)
    here = [p for p in copied(found) if p["path"] == "responses.leadership-1.strengths"]
    assert len(here) == 1
    assert "those of 2026-spring and 2026-summer" in here[0]["message"]
    assert "two cycles running" in here[0]["message"]
    # The earlier cycles are only compared with the ones before them, 2026-summer with
    # 2026-spring: one cycle of the same words is not yet a warning.
    assert copied(found, "2026-summer") == []


def test_no_warning_when_the_answer_was_rewritten(cli, example_repo):
    for cycle, date in (("2026-spring", "2026-02-12"), ("2026-summer", "2026-06-18")):
        earlier(example_repo, cycle, date)
    replace_once(review(example_repo), "SEND is a standing item", "This term SEND is an item")
    _, found = validate_json(cli, example_repo)
    paths = {p["path"] for p in copied(found)}
    assert "responses.leadership-1.strengths" in paths  # still copied
    assert "responses.leadership-2.strengths" not in paths
    assert "responses.leadership-2.areas_for_development" in paths  # the answer left alone


def test_no_warning_when_the_rating_moved_and_the_words_differ(cli, example_repo):
    summer = earlier(example_repo, "2026-summer", "2026-06-18")
    rate_first_amber(summer)
    replace_once(summer, "Next step: the school council", "The school council")
    replace_once(summer, STRENGTHS, "In summer our SEND vision")
    _, found = validate_json(cli, example_repo)
    assert not [p for p in copied(found) if "leadership-1." in p["path"]]


def test_no_warning_for_empty_answers(cli, example_repo):
    """Leadership-3 has no areas for development, in every cycle: nothing was copied."""
    for cycle, date in (("2026-spring", "2026-02-12"), ("2026-summer", "2026-06-18")):
        earlier(example_repo, cycle, date)
    _, found = validate_json(cli, example_repo)
    paths = {p["path"] for p in copied(found)}
    assert "responses.leadership-3.strengths" in paths
    assert "responses.leadership-3.areas_for_development" not in paths


def rewrite_every_answer(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(strengths|areas_for_development): \|\n +", r"\g<0>Now: ", text)
    path.write_text(text, encoding="utf-8")


def test_the_same_words_two_cycles_apart_are_no_warning(cli, example_repo):
    """2026-spring's words again in 2026-autumn, after a summer written afresh."""
    earlier(example_repo, "2026-spring", "2026-02-12")
    summer = earlier(example_repo, "2026-summer", "2026-06-18")
    rewrite_every_answer(summer)
    code, found = validate_json(cli, example_repo)
    assert copied(found) == []
    assert code == 0


def test_the_cycle_before_last_is_read_only_when_an_answer_was_kept(example_repo):
    from sendreview.repository.earlier import EarlierCycles

    earlier(example_repo, "2026-spring", "2026-02-12")
    summer = earlier(example_repo, "2026-summer", "2026-06-18")
    now = review(example_repo)
    data = yaml.safe_load(now.read_text(encoding="utf-8"))
    cycles = EarlierCycles(
        example_repo / "reviews", {"2026-autumn": ("2026-summer", "2026-spring")}
    )
    assert [r.cycle for r in cycles.reviews_before(now, data)] == ["2026-summer", "2026-spring"]
    rewrite_every_answer(summer)
    assert [r.cycle for r in cycles.reviews_before(now, data)] == ["2026-summer"]
    summer.unlink()
    assert cycles.reviews_before(now, data) == ()


def test_a_missing_or_unreadable_earlier_review_gives_no_warning(cli, example_repo):
    summer = earlier(example_repo, "2026-summer", "2026-06-18")
    rate_first_amber(summer)
    summer.write_text("framework: [school-send-review\n", encoding="utf-8")
    code, found = validate_json(cli, example_repo)
    assert copied(found) == []
    assert only(found, "SR104")["file"].endswith(f"reviews/2026-summer/{ACADEMY}.yaml")
    assert code == 1


def test_parallel_reading_finds_the_same_copies(cli, example_repo, monkeypatch):
    from sendreview.repository import reviews

    rate_first_amber(earlier(example_repo, "2026-summer", "2026-06-18"))
    serial = validate_json(cli, example_repo)
    monkeypatch.setattr(reviews, "PARALLEL_FROM", 2)
    assert validate_json(cli, example_repo) == serial
    assert len([p for p in copied(serial[1]) if "moved" in p["message"]]) == 2


def test_text_output_names_the_code(cli, example_repo):
    rate_first_amber(earlier(example_repo, "2026-summer", "2026-06-18"))
    result = cli("validate", example_repo)
    assert result.exit_code == 0, result.output
    assert f"{ACADEMY}.yaml:" in result.output
    assert "warning[SR701] The strengths are copied unchanged from 2026-summer" in result.output


# ---- cycles placed in time --------------------------------------------------------------


def date_cycles(root: Path, yaml: str) -> None:
    trust = root / "sendreview.yaml"
    trust.write_text(trust.read_text(encoding="utf-8") + yaml, encoding="utf-8")


def test_a_cycle_folder_that_cannot_be_placed_in_time_is_a_warning(cli, example_repo):
    rate_first_amber(earlier(example_repo, "pilot", "2026-06-18"))
    code, found = validate_json(cli, example_repo)
    assert code == 0
    problem = only(found, "SR320")
    assert problem["file"].endswith("larkspur-trust/sendreview.yaml")
    assert "'pilot'" in problem["message"]
    assert "add 'cycles: {pilot: {start: " in problem["hint"]
    assert copied(found) == []  # not known to come before 2026-autumn, so not compared


def test_a_dated_cycle_takes_its_place_in_time(cli, example_repo):
    rate_first_amber(earlier(example_repo, "pilot", "2026-08-10"))
    date_cycles(example_repo, "cycles:\n  pilot:\n    start: 2026-07-20\n")
    _, found = validate_json(cli, example_repo)
    assert "SR320" not in {p["code"] for p in found}
    assert ["copied unchanged from pilot" in p["message"] for p in copied(found)] == [True] * 2


def test_the_hint_adds_to_cycles_the_trust_file_already_has(cli, example_repo):
    earlier(example_repo, "pilot", "2026-06-18")
    earlier(example_repo, "trial", "2026-06-18")
    date_cycles(example_repo, "cycles:\n  pilot:\n    start: 2026-04-20\n")
    _, found = validate_json(cli, example_repo)
    problem = only(found, "SR320")
    assert "'trial'" in problem["message"]
    assert "add 'trial: {start: " in problem["hint"]
    assert problem["line"] == line_of(example_repo / "sendreview.yaml", "cycles:")


def test_a_term_cycle_dated_outside_its_term_is_a_warning(cli, example_repo):
    date_cycles(example_repo, "cycles:\n  2026-summer:\n    start: 2026-11-02\n")
    code, found = validate_json(cli, example_repo)
    assert code == 0
    problem = only(found, "SR321")
    assert problem["line"] == line_of(example_repo / "sendreview.yaml", "start: 2026-11-02")
    assert problem["path"] == "cycles.2026-summer.start"
    assert "the summer term of 2026" in problem["message"]
    assert "start: 2026-04-01" in problem["hint"]


def test_a_term_cycle_dated_inside_its_term_is_no_warning(cli, example_repo):
    date_cycles(example_repo, "cycles:\n  2026-summer:\n    start: 2026-04-20\n")
    code, found = validate_json(cli, example_repo)
    assert code == 0
    assert "SR321" not in {p["code"] for p in found}


def test_earlier_cycles_follow_the_repository_order(tmp_path):
    """The cycles compared are those `Repository.previous_cycle` gives, a dated cycle of the
    trust's own naming in its place among those named by term, an undated one nowhere."""
    from sendreview.repository.earlier import earlier_cycles
    from sendreview.repository.layout import Repository

    trust = (EXAMPLE / "sendreview.yaml").read_text(encoding="utf-8")
    (tmp_path / "sendreview.yaml").write_text(trust, encoding="utf-8")
    date_cycles(tmp_path, "cycles:\n  pilot:\n    start: 2026-04-20\n")
    for cycle in ("2026-spring", "pilot", "trial", "2026-autumn", "2027-spring"):
        (tmp_path / "reviews" / cycle).mkdir(parents=True)
    repository = Repository(tmp_path)
    found = earlier_cycles(
        repository, ["2026-autumn", "2026-spring", "trial"], repository.load_trust()
    )
    assert found is not None
    assert found.before == {"2026-autumn": ("pilot", "2026-spring")}
    assert repository.previous_cycle("2026-autumn") == "pilot"
    assert repository.previous_cycle("pilot") == "2026-spring"
    assert earlier_cycles(repository, ["2026-spring"], repository.load_trust()) is None
