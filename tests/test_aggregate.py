"""The trust view of the example trust, pinned; its JSON and CSV shapes; broken reviews.

Layers: unit for the trust view the library builds; cli for what ``aggregate`` prints (JSON,
CSV, the terminal view).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import EXAMPLE, replace_once
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import AggregateOptions

ACADEMIES = [
    "alder-brook-primary",
    "castlegate-academy",
    "willowmere-school",
    "fernhill-all-through",
    "saltmarsh-primary",
]
CYCLE_DIR = Path("reviews") / "2026-autumn"


@pytest.fixture(scope="module")
def view():
    return aggregate(EXAMPLE, "2026-autumn")


def test_every_example_review_is_complete(view):
    assert [a.id for a in view.academies] == ACADEMIES
    assert {a.state for a in view.academies} == {"complete"}
    assert [a.rated for a in view.academies] == [27, 27, 26, 27, 27]
    assert view.problems == []


@pytest.fixture(scope="module")
def own_view():
    """The academies' own ratings throughout (``--ratings self``): the view as it was before
    Castlegate and Alder Brook were moderated."""
    return aggregate(EXAMPLE, "2026-autumn", AggregateOptions(ratings="self"))


OWN_PRIORITIES = [
    "identification-3",
    "leadership-4",
    "teaching-3",
    "teaching-7",
    "identification-4",
    "teaching-5",
    "graduated-approach-2",
    "graduated-approach-6",
    "identification-1",
]


def test_priorities(view, own_view):
    first = view.priorities[0]
    assert (first.statement, first.count, first.share) == ("identification-3", 5, 1.0)
    assert first.academies == ACADEMIES
    # Moderators lowered Alder Brook's leadership-7 and Castlegate's identification-2 to
    # amber: three academies in five now rate each of them red or amber.
    assert [p.statement for p in view.priorities] == [
        *OWN_PRIORITIES[:6],
        "leadership-7",
        *OWN_PRIORITIES[6:],
        "identification-2",
    ]
    assert [p.statement for p in own_view.priorities] == OWN_PRIORITIES


def test_outliers(view, own_view):
    # Moderated, Castlegate falls well below the trust in every area but one; by its own
    # ratings, in one.
    assert [(o.academy, o.area, o.score, o.trust_score) for o in view.outliers] == [
        ("castlegate-academy", "graduated-approach", 0.286, 0.757),
        ("castlegate-academy", "teaching", 0.429, 0.757),
        ("castlegate-academy", "leadership", 0.5, 0.814),
        ("castlegate-academy", "identification", 0.417, 0.672),
    ]
    assert [(o.academy, o.area, o.score, o.trust_score) for o in own_view.outliers] == [
        ("castlegate-academy", "graduated-approach", 0.286, 0.757)
    ]


def test_peer_pairs(view, own_view):
    assert [(p.from_academy, p.to_academy, p.statement) for p in view.peer_support] == [
        ("willowmere-school", "castlegate-academy", s)
        for s in ("leadership-6", "teaching-5", *(f"graduated-approach-{n}" for n in (1, 4, 5)))
    ] + [("alder-brook-primary", "castlegate-academy", "identification-5")]
    assert [(p.from_academy, p.to_academy, p.statement) for p in own_view.peer_support] == [
        ("willowmere-school", "castlegate-academy", f"graduated-approach-{n}") for n in (1, 4, 5)
    ]


def test_actions_and_overdue(view):
    assert len(view.actions) == 42
    overdue = [(a.academy, a.due.isoformat()) for a in view.actions if a.overdue]
    assert overdue == [
        ("castlegate-academy", "2026-10-23"),
        ("fernhill-all-through", "2026-10-23"),
    ]


def test_not_applicable_is_neither_a_rating_nor_unrated(view):
    row = next(s for s in view.statements if s.id == "identification-1")
    assert row.ratings["willowmere-school"] is None
    assert "EHC plan" in row.not_applicable["willowmere-school"]
    area = next(a for a in view.areas if a.id == "identification")
    assert area.by_academy["willowmere-school"]["not_applicable"] == 1
    assert area.by_academy["willowmere-school"]["unrated"] == 0


def test_trust_level_review_and_lens(view):
    assert view.trust_review is not None
    assert view.trust_review.state == "complete"
    assert [a.id for a in view.trust_review.areas] == [
        "leadership",
        "identification",
        "tracking",
        "teaching",
        "provision",
    ]
    assert [len(area.statements) for area in view.lens] == [7, 2, 5, 11, 2]
    assert sum(len(area.statements) for area in view.lens) == 27


def test_json_is_the_public_shape(cli):
    data = cli.json_ok("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "json")
    assert data["trust"] == "Larkspur Learning Trust"
    assert data["cycle"] == "2026-autumn"
    assert data["framework"]["id"] == "school-send-review"
    assert data["framework"]["version"] == "1"
    assert [a["id"] for a in data["academies"]] == ACADEMIES
    assert all(a["name"] for a in data["academies"])
    assert len(data["statements"]) == 27
    statement = data["statements"][0]
    assert {"id", "area", "text", "ratings"} <= statement.keys()
    assert set(statement["ratings"]) == set(ACADEMIES)
    assert set(statement["ratings"].values()) <= {"red", "amber", "green", None}
    for area in data["areas"]:
        assert {"id", "title", "by_academy"} <= area.keys()
        assert set(area["by_academy"]) == set(ACADEMIES)
        for counts in area["by_academy"].values():
            assert {"red", "amber", "green", "unrated"} <= counts.keys()


def test_csv_is_a_tidy_table_for_excel(cli):
    result = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["trust", "cycle", "academy_id", "academy"]
    assert {"area_id", "statement_id", "rating", "rating_label", "strengths"} <= set(header)
    assert len(body) == 5 * 27 == 135
    assert all(len(r) == len(header) for r in body)


def test_csv_keeps_formula_looking_text_exactly(cli, example_repo):
    """A CSV file is data: no apostrophe is added (the Excel report guards its own cells)."""
    review = example_repo / CYCLE_DIR / "castlegate-academy.yaml"
    replace_once(
        review,
        "The headteacher has made SEND one of the three priorities",
        '=HYPERLINK("http://example.invalid") The headteacher has made SEND one of the three',
    )
    result = cli("aggregate", example_repo, "--cycle", "2026-autumn", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    cell = next(
        r["strengths"]
        for r in rows
        if r["academy_id"] == "castlegate-academy" and r["statement_id"] == "leadership-1"
    )
    assert cell.startswith('=HYPERLINK("http://example.invalid") The headteacher')


@pytest.fixture
def broken_repo(example_repo: Path) -> Path:
    """Castlegate's review cannot be read, Saltmarsh has none, Alder Brook left one unrated."""
    folder = example_repo / CYCLE_DIR
    (folder / "castlegate-academy.yaml").write_text("framework: [unclosed\n", encoding="utf-8")
    (folder / "saltmarsh-primary.yaml").unlink()
    replace_once(
        folder / "alder-brook-primary.yaml", "  leadership-1:\n    rating: green", "  leadership-1:"
    )
    # ... nor did its moderator: a moderator's rating would count.
    replace_once(
        folder / "moderation" / "alder-brook-primary.yaml",
        '    rating: green\n    comment: "Agree: parents and pupils I spoke to knew',
        '    rating:\n    comment: "Agree: parents and pupils I spoke to knew',
    )
    return example_repo


def test_broken_reviews_are_counted_as_such(broken_repo):
    view = aggregate(broken_repo, "2026-autumn")
    states = {a.id: a.state for a in view.academies}
    assert states == {
        "alder-brook-primary": "incomplete",
        "castlegate-academy": "invalid",
        "willowmere-school": "complete",
        "fernhill-all-through": "complete",
        "saltmarsh-primary": "missing",
    }
    counts = {a.id: (a.rated, a.unrated) for a in view.academies}
    assert counts["alder-brook-primary"] == (26, 1)
    assert counts["castlegate-academy"] == (0, 27)
    assert counts["saltmarsh-primary"] == (0, 27)
    for row in view.statements:
        assert row.ratings["castlegate-academy"] is None
        assert row.ratings["saltmarsh-primary"] is None
    leadership = next(a for a in view.areas if a.id == "leadership")
    assert leadership.by_academy["castlegate-academy"]["unrated"] == 7
    assert leadership.scores["castlegate-academy"] is None
    # The trust's totals hold only the ratings that could be read.
    rated = sum(n for k, n in leadership.trust.items() if k in ("red", "amber", "green"))
    assert rated == 6 + 7 + 7
    # Alder Brook's moderator left the statement unrated too, so no SR906 either.
    assert {p.code for p in view.problems} == {"SR104", "SR401"}


def test_broken_reviews_in_the_terminal(cli, broken_repo):
    result = cli("aggregate", broken_repo, "--cycle", "2026-autumn")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "2 of 5 reviews complete" in out
    for words in ("Incomplete", "Cannot be read", "No review"):
        assert words in out
    # What is missing, in words, per academy; the codes are for 'sendreview validate'.
    assert "Alder Brook Primary Academy: 1 statement not rated." in out
    assert "Castlegate Academy: 1 error that stops the review being read in full." in out
    assert f"run: sendreview validate {broken_repo}" in " ".join(out.split())
    assert "SR104" not in out
    assert "SR401" not in out
    assert out.index("Not final.") < out.index("Completeness")


def test_terminal_view_of_the_example(cli):
    result = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "5 of 5 reviews complete" in out
    assert "identification-3" in out
    assert "5 (100%)" in out
    assert "Castlegate Academy, Implementation of the Graduated Approach: 29%" in out
    assert "could learn from Willowmere School" in out
    assert "42 actions, 2 overdue" in out
    assert "MAT SEND Review" in out
    assert "All academies" in out
    # Ratings are letters, readable without colour, each as wide as 'NA' and a space so a
    # not-applicable cell shifts nothing; piped output is 100 columns wide.
    assert " R  A  A  R  R  A  A" in out
    assert "NA  G  A  A  G  G" in out
    assert max(len(line) for line in out.splitlines()) <= 100
