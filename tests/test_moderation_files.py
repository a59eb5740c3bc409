"""Moderation files: a moderator's ratings beside an academy's review, scaffolded by
``sendreview moderate``, read and checked by ``validate`` at the line of each problem, and
loaded for the trust view.

Layers: unit (``load_moderations``) and cli (``moderate``, ``validate``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import line_of, only, replace_once, validate_json
from sendreview.codes import CODES, COMPLETENESS
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository
from sendreview.repository.moderation import load_moderation, load_moderations

CYCLE = "2026-autumn"
MODERATION = Path(f"reviews/{CYCLE}/moderation")
CASTLEGATE = MODERATION / "castlegate-academy.yaml"
ALDER = MODERATION / "alder-brook-primary.yaml"


def _rating_line(path: Path, statement: str) -> int:
    """The line of a statement's ``rating:`` in a moderation file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  {statement}:")
    return next(n for n in range(start, len(lines)) if lines[n].startswith("    rating:")) + 1


def _set_rating(path: Path, statement: str, rating: str, comment: str | None = None) -> None:
    """Give ``statement`` a rating (and, when given, a comment) as a moderator would."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = _rating_line(path, statement) - 1
    lines[at] = f"    rating: {rating}".rstrip()
    if comment is not None:
        end = at + 1
        while end < len(lines) and lines[end].startswith(("    comment:", "      ")):
            end += 1
        lines[at + 1 : end] = [f"    comment: {comment}".rstrip()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _check(cli, root: Path, *extra: str) -> list[dict[str, Any]]:
    _, found = validate_json(cli, root, *extra)
    return found


def _codes(found: list[dict[str, Any]]) -> set[str]:
    return {p["code"] for p in found}


# ---- the example's moderations ----------------------------------------------------------------


def test_the_example_moderations_are_checked_and_clean(cli, example_repo):
    found = _check(cli, example_repo / MODERATION)
    assert found == []
    result = cli("validate", example_repo / MODERATION)
    assert result.exit_code == 0
    assert "Checked 2 files" in result.stdout


def test_one_generous_and_one_close(example_repo):
    """Castlegate's external reviewer moderates every statement and rates seven a step lower;
    Alder Brook's peer SENCO moderates most and differs on two, one either way."""
    loaded = load_moderations(
        Repository(example_repo), CYCLE, Repository(example_repo).load_trust()
    )
    assert list(loaded) == ["alder-brook-primary", "castlegate-academy"]
    castlegate, alder = loaded["castlegate-academy"], loaded["alder-brook-primary"]
    assert castlegate.diagnostics == [] and alder.diagnostics == []
    assert castlegate.file.endswith(CASTLEGATE.as_posix())
    steps = _steps(example_repo, "castlegate-academy", castlegate.moderation)
    assert (
        len(steps) == 27 and sorted(steps.values()).count(1) == 7 and set(steps.values()) == {0, 1}
    )
    assert castlegate.moderation.moderator.role == "External reviewer (NLE)"
    steps = _steps(example_repo, "alder-brook-primary", alder.moderation)
    assert len(steps) == 20 and sorted(steps.values()) == [-1, *[0] * 18, 1]
    assert alder.moderation.moderator.academy == "saltmarsh-primary"


def _steps(root: Path, academy: str, moderation) -> dict[str, int]:
    """Per statement moderated: how many points of the scale the academy rated above."""
    scale = ["red", "amber", "green"]
    review = yaml.safe_load((root / f"reviews/{CYCLE}/{academy}.yaml").read_text("utf-8"))
    return {
        sid: scale.index(review["responses"][sid]["rating"]) - scale.index(r.rating)
        for sid, r in moderation.responses.items()
        if r.rating
    }


def test_a_moderation_file_is_never_taken_for_a_review(cli, example_repo):
    """Not listed as an academy, a cycle or a review with problems by the commands that list
    a cycle's reviews; its folder is no cycle."""
    assert "moderation" not in Repository(example_repo).cycles()
    view = cli.json_ok("aggregate", example_repo, "--cycle", CYCLE, "--format", "json")
    assert "moderation" not in {a["id"] for a in view["academies"]}
    assert not [p for p in view["problems"] if "moderation" in p["file"]]
    result = cli("validate", example_repo / "reviews" / CYCLE)
    assert result.exit_code == 0 and "Checked 8 files" in result.stdout


def test_a_moderation_file_outside_a_repository_is_still_a_moderation(cli, tmp_path):
    lone = tmp_path / "moderation" / "castlegate-academy.yaml"
    lone.parent.mkdir()
    shutil.copy(Path(__file__).parents[1] / "examples/larkspur-trust" / CASTLEGATE, lone)
    assert _check(cli, lone) == []


# ---- every check at its line --------------------------------------------------------------


CASES = [
    # (file, old, new, code, the line it is reported at (a needle in the changed file))
    (
        CASTLEGATE,
        "framework: school-send-review",
        "framework: school-send-reviw",
        "SR301",
        "framework:",
    ),
    (CASTLEGATE, 'framework_version: "1"', 'framework_version: "2"', "SR302", "framework_version"),
    (
        CASTLEGATE,
        "framework: school-send-review",
        "framework: mat-send-review",
        "SR902",
        "framework:",
    ),
    (
        CASTLEGATE,
        "academy: castlegate-academy",
        "academy: castlegate",
        "SR303",
        "academy: castlegate",
    ),
    (CASTLEGATE, "cycle: 2026-autumn", "cycle: 2026-summer", "SR306", "cycle:"),
    (
        CASTLEGATE,
        "academy: castlegate-academy",
        "academy: willowmere-school",
        "SR307",
        "academy: willow",
    ),
    (CASTLEGATE, "  role: External reviewer (NLE)", "  role:", "SR903", "  role:"),
    (ALDER, "  academy: saltmarsh-primary", "  academy: saltmarsh", "SR904", "  academy: saltm"),
    (
        ALDER,
        "  academy: saltmarsh-primary",
        "  academy: alder-brook-primary",
        "SR905",
        "  academy: alder",
    ),
    (CASTLEGATE, "date: 2026-11-26", "date: 2099-11-26", "SR909", "date: 2099"),
    (CASTLEGATE, "date: 2026-11-26", "date: 2026-05-26", "SR910", "date: 2026-05"),
    (CASTLEGATE, "date: 2026-11-26", "date:", "SR911", "date:"),
    (CASTLEGATE, "  leadership-1:", "  leadersip-1:", "SR310", "leadersip-1"),
    (CASTLEGATE, "    rating: amber", "    rating: ambr", "SR312", "rating: ambr"),
    (CASTLEGATE, "    comment: Agree.", "    coment: Agree.", "SR201", "coment"),
    (
        CASTLEGATE,
        "date: 2026-11-26",
        "date: 2026-11-26\ndate: 2026-11-27",
        "SR105",
        "date: 2026-11-27",
    ),
    (CASTLEGATE, "date: 2026-11-26", "date: 2026-02-30", "SR205", "date: 2026-02-30"),
    (ALDER, "We differ on two.", "We differ on two (see Mrs Okafor's notes).", "SR505", "Mrs Ok"),
    (ALDER, "Agree: visual", "Agree (UPN B801200005001): visual", "SR501", "B8012"),
    (CASTLEGATE, "  role: External reviewer (NLE)", "  role: Mrs Okafor", "SR505", "role: Mrs"),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "code", "needle"), CASES, ids=[case[3] for case in CASES]
)
def test_each_problem_is_reported_at_its_line(cli, example_repo, file, old, new, code, needle):
    path = example_repo / file
    replace_once(path, old, new)
    problem = only(_check(cli, path), code)
    assert problem["line"] == line_of(path, needle), problem
    assert Path(problem["file"]).name == path.name
    assert problem["message"] and problem["hint"], problem
    assert code in CODES


def test_a_near_miss_is_named(cli, example_repo):
    path = example_repo / CASTLEGATE
    replace_once(path, "  leadership-1:", "  leadersip-1:")
    _set_rating(path, "leadership-3", "ambr")
    found = _check(cli, path)
    assert "Did you mean 'leadership-1'?" in only(found, "SR310")["hint"]
    assert "Did you mean 'amber'?" in only(found, "SR312")["hint"]
    replace_once(example_repo / ALDER, "  academy: saltmarsh-primary", "  academy: saltmarsh")
    assert (
        "Did you mean 'saltmarsh-primary'?"
        in only(_check(cli, example_repo / ALDER), "SR904")["hint"]
    )


def test_a_review_that_is_not_there_cannot_be_moderated(cli, example_repo):
    (example_repo / f"reviews/{CYCLE}/castlegate-academy.yaml").unlink()
    path = example_repo / CASTLEGATE
    problem = only(_check(cli, path), "SR901")
    assert (
        problem["line"] == line_of(path, "academy: castlegate") and problem["severity"] == "error"
    )
    assert "no review of castlegate-academy" in problem["message"]


def test_a_statement_the_academy_left_unrated_has_nothing_to_compare(cli, example_repo):
    review = example_repo / f"reviews/{CYCLE}/castlegate-academy.yaml"
    replace_once(review, "    rating: amber", "    rating:")  # leadership-1, the first
    path = example_repo / CASTLEGATE
    problem = only(_check(cli, path, "--allow-incomplete"), "SR906")
    assert problem["line"] == _rating_line(path, "leadership-1")
    assert problem["severity"] == "warning"


def test_a_different_rating_needs_a_comment(cli, example_repo):
    path = example_repo / ALDER
    _set_rating(path, "leadership-2", "amber")  # green in the review, no comment
    problem = only(_check(cli, path), "SR907")
    assert problem["line"] == _rating_line(path, "leadership-2")
    assert problem["severity"] == "warning"
    assert "Amber where the academy rated itself Green" in problem["message"]
    _set_rating(path, "leadership-2", "amber", "The report to governors is narrative only.")
    assert _check(cli, path) == []


def test_the_same_rating_needs_no_comment(cli, example_repo):
    path = example_repo / ALDER
    _set_rating(path, "leadership-5", "green")  # not moderated before; green in the review
    assert _check(cli, path) == []


def test_unfinished_work_counts_as_unfinished(cli, example_repo):
    """A role, a date and something moderated are what --allow-incomplete lets wait."""
    assert {"SR903", "SR908", "SR911"} <= COMPLETENESS
    path = example_repo / CASTLEGATE
    replace_once(path, "  role: External reviewer (NLE)", "  role:")
    replace_once(path, "date: 2026-11-26", "date:")
    assert {p["severity"] for p in _check(cli, path)} == {"error"}
    assert {p["severity"] for p in _check(cli, path, "--allow-incomplete")} == {"warning"}


def test_windows_text_is_read_and_checked(cli, example_repo):
    path = example_repo / ALDER
    text = path.read_text(encoding="utf-8").replace(
        "We differ on two.", "We differ on two \u2013 both small."
    )
    path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
    found = _check(cli, path)
    assert _codes(found) == {"SR103"}


# ---- the loader -------------------------------------------------------------------------------


def test_a_moderation_not_the_academys_is_not_used(example_repo):
    repo = Repository(example_repo)
    replace_once(
        example_repo / CASTLEGATE, "academy: castlegate-academy", "academy: willowmere-school"
    )
    loaded = load_moderations(repo, CYCLE, repo.load_trust())
    assert loaded["castlegate-academy"].moderation is None
    assert [d.code for d in loaded["castlegate-academy"].diagnostics] == ["SR307"]
    assert loaded["alder-brook-primary"].moderation is not None


def test_what_cannot_be_compared_is_left_out(example_repo):
    """A rating off the scale is left blank and a statement the framework lacks left out,
    so the trust view compares only what can be; the rest of the file is used."""
    path = example_repo / CASTLEGATE
    replace_once(path, "    rating: amber", "    rating: ambr")  # leadership-1
    replace_once(path, "  leadership-2:", "  leadersip-2:")
    repo = Repository(example_repo)
    registry = FrameworkRegistry.for_repository(example_repo)
    moderation, found = load_moderation(
        path, registry, repo.load_trust(), None, review_missing=False
    )
    assert moderation is not None
    assert moderation.responses["leadership-1"].rating is None
    assert "leadersip-2" not in moderation.responses and "leadership-2" not in moderation.responses
    assert moderation.responses["leadership-6"].rating == "red"
    assert sorted(d.code for d in found) == ["SR310", "SR312"]


def test_an_unreadable_moderation_is_named_and_not_used(example_repo):
    repo = Repository(example_repo)
    (example_repo / CASTLEGATE).write_text("responses: [\n", encoding="utf-8")
    loaded = load_moderations(repo, CYCLE, repo.load_trust())["castlegate-academy"]
    assert loaded.moderation is None and [d.code for d in loaded.diagnostics] == ["SR104"]


def test_a_cycle_without_moderations_has_none(example_repo):
    repo = Repository(example_repo)
    assert load_moderations(repo, "2026-summer", repo.load_trust()) == {}


def test_today_decides_what_is_after_today(example_repo):
    repo = Repository(example_repo)
    registry = FrameworkRegistry.for_repository(example_repo)
    path = example_repo / CASTLEGATE
    _, found = load_moderation(
        path, registry, repo.load_trust(), None, review_missing=False, today=dt.date(2026, 11, 25)
    )
    assert [d.code for d in found] == ["SR909"]


def test_strict_makes_pupil_data_in_a_moderation_an_error(cli, example_repo):
    path = example_repo / ALDER
    replace_once(path, "Agree: visual", "Agree (UPN B801200005001): visual")
    assert only(_check(cli, path), "SR501")["severity"] == "warning"
    problem = only(_check(cli, path, "--strict"), "SR501")
    assert problem["severity"] == "error" and "B801200005001" not in problem["message"]
