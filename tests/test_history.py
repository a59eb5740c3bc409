"""Cycles compared, in the library: every direction, score, action outcome and stale answer of
a trust with a known pattern (tests/historytools.py), a framework changed between cycles, the
trend, and properties that hold for any ratings.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from historytools import BOOK_LOOK, FORUM, LIBRARY, SURVEY, TRAINING, write_trust
from sendreview.history.compare import compare_views, direction
from sendreview.history.load import history_for
from sendreview.history.trend import trend_of
from sendreview.model.comparison import CycleComparison
from sendreview.model.trust_view import StatementRow, TrustView
from sendreview.trust_view.aggregate import aggregate


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_trust(tmp_path_factory.mktemp("rowan"))


@pytest.fixture(scope="module")
def views(root: Path) -> dict[str, TrustView]:
    return {c: aggregate(root, c) for c in ("2026-spring", "2026-summer", "2026-autumn")}


@pytest.fixture(scope="module")
def moved(views: dict[str, TrustView]) -> CycleComparison:
    return compare_views(
        views["2026-summer"],
        views["2026-autumn"],
        earlier=views["2026-spring"],
        order=list(views),
    )


def directions(c: CycleComparison, academy: str) -> dict[str, str]:
    return {s.id: s.changes[academy].direction for s in c.statements}


def test_every_direction_by_the_scales_order(moved):
    assert directions(moved, "oak") == {
        "voice-1": "up",  # amber -> green
        "voice-2": "down",  # green -> amber
        "teaching-1": "same",
        "teaching-2": "new",  # not rated -> red
    }
    assert directions(moved, "ash") == {
        "voice-1": "gone",  # red -> not rated
        "voice-2": "same",
        "teaching-1": "up",  # red -> amber
        "teaching-2": "same",
    }
    change = next(s for s in moved.statements if s.id == "voice-1").changes["oak"]
    assert (change.from_, change.to) == ("amber", "green")


def test_an_academy_in_one_cycle_only(moved):
    """Yew left after the summer, Elm joined in the autumn: each is said, never a crash."""
    assert [(a.id, a.cycles) for a in moved.academies] == [
        ("oak", "both"),
        ("ash", "both"),
        ("elm", "to"),
        ("yew", "from"),
    ]
    assert set(directions(moved, "elm").values()) == {"new"}
    assert set(directions(moved, "yew").values()) == {"gone"}
    scores = {m.academy: (m.score.from_, m.score.to) for m in moved.movement}
    assert scores["elm"] == (None, 0.875)
    assert scores["yew"] == (0.875, None)


def test_scores_then_and_now(moved):
    areas = {a.id: a for a in moved.areas}
    assert (areas["voice"].trust.from_, areas["voice"].trust.to) == (0.75, 0.8)
    assert (areas["teaching"].scores["oak"].from_, areas["teaching"].scores["oak"].to) == (
        0.5,
        0.25,
    )
    assert areas["teaching"].scores["oak"].change == -0.25
    assert areas["voice"].scores["ash"].change == 0.5
    assert (moved.overall.from_, moved.overall.to) == (0.636, 0.682)  # 7 of 11, 7.5 of 11


def test_most_improved_and_declined_name_only_academies_that_moved(moved):
    assert moved.most_improved == ["ash"]
    assert moved.most_declined == ["oak"]
    oak = next(m for m in moved.movement if m.academy == "oak")
    assert (oak.up, oak.down, oak.same) == (1, 1, 1)


def test_priorities_new_resolved_persisting(moved):
    assert {p.statement: p.state for p in moved.priorities} == {
        "teaching-2": "persisting",
        "teaching-1": "persisting",
        "voice-2": "new",
        "voice-1": "resolved",
    }
    resolved = next(p for p in moved.priorities if p.state == "resolved")
    assert resolved.academies == ["oak", "ash"]  # those that rated it low then


def test_actions_done_carried_carried_twice_new_and_dropped(moved):
    by_text = {" ".join(a.action.split()): a for a in moved.actions}
    assert len(moved.actions) == len(by_text) == 5
    survey = by_text[SURVEY]
    assert (survey.outcome, survey.carried_from, survey.cycles_carried) == (
        "carried",
        "2026-spring",
        2,
    )
    assert survey.overdue  # still due in spring, and not done by the autumn review
    assert not by_text[LIBRARY].overdue
    training = by_text[TRAINING]
    assert (training.outcome, training.carried_from, training.cycles_carried) == (
        "done",
        "2026-summer",
        1,
    )
    assert by_text[LIBRARY].outcome == "new"
    assert by_text[LIBRARY].cycles_carried == 0
    forum = by_text[FORUM]
    assert (forum.outcome, forum.status) == ("dropped", "not-started")
    # The same words with the line broken elsewhere: the same action, carried.
    book = by_text[BOOK_LOOK]
    assert (book.academy, book.outcome, book.carried_from) == ("ash", "carried", "2026-summer")


def test_an_action_copied_by_hand_is_traced_to_where_it_was_first_promised(views):
    """Without the third cycle the survey (carried_from written by new) still counts from
    spring; an action with no carried_from counts from the cycle before."""
    c = compare_views(views["2026-summer"], views["2026-autumn"])
    by_text = {" ".join(a.action.split()): a for a in c.actions}
    assert by_text[SURVEY].carried_from == "2026-spring"
    assert by_text[SURVEY].cycles_carried == 2
    assert by_text[BOOK_LOOK].cycles_carried == 1


def test_stale_answers(moved):
    assert [(s.academy, s.statement, s.field, s.since, s.rating_moved) for s in moved.stale] == [
        ("oak", "voice-1", "strengths", "2026-summer", True),
        ("ash", "teaching-2", "areas_for_development", "2026-spring", False),
    ]


def test_unchanged_for_two_cycles_needs_the_third(views):
    c = compare_views(views["2026-summer"], views["2026-autumn"])
    assert [(s.academy, s.statement) for s in c.stale] == [("oak", "voice-1")]


def _with_rows(view: TrustView, rows: list[StatementRow], version: str) -> TrustView:
    framework = view.framework.model_copy(update={"version": version})
    return view.model_copy(update={"statements": rows, "framework": framework})


def test_a_statement_in_one_cycle_only_when_the_framework_changed(views):
    """Version 2 dropped teaching-2 and added voice-3: both listed, neither a crash."""
    before = views["2026-summer"]
    after = views["2026-autumn"]
    added = StatementRow(
        id="voice-3", area="voice", text="Pupils choose how they show learning.", ratings={}
    )
    added.ratings.update({"oak": "green", "ash": None, "elm": "amber"})
    rows = [r for r in after.statements if r.id != "teaching-2"] + [added]
    c = compare_views(before, _with_rows(after, rows, "2"))
    cycles = {s.id: s.cycles for s in c.statements}
    assert cycles == {
        "voice-1": "both",
        "voice-2": "both",
        "teaching-1": "both",
        "voice-3": "to",
        "teaching-2": "from",
    }
    gone = next(s for s in c.statements if s.id == "teaching-2")
    assert gone.changes["ash"].direction == "gone"
    assert gone.changes["oak"].direction == "same"  # not rated then, not in the framework now
    new = next(s for s in c.statements if s.id == "voice-3")
    assert new.changes["oak"].direction == "new"
    assert c.framework_versions == {"2026-summer": "1", "2026-autumn": "2"}


def test_the_trend_oldest_first(views):
    trend = trend_of(list(views.values()))
    assert trend.cycles == ["2026-spring", "2026-summer", "2026-autumn"]
    voice = next(a for a in trend.areas if a.id == "voice")
    assert voice.trust == {"2026-spring": 0.833, "2026-summer": 0.75, "2026-autumn": 0.8}
    assert voice.academies["yew"]["2026-autumn"] is None  # no review: a gap, not a zero
    assert list(trend.overall) == trend.cycles


def test_history_for_reads_the_cycles_before(root):
    history = history_for(root, "2026-autumn")
    assert history.view.cycle == "2026-autumn"
    assert history.comparison is not None
    assert (history.comparison.from_, history.comparison.to) == ("2026-summer", "2026-autumn")
    assert history.trend is not None and len(history.trend.cycles) == 3
    assert [s.since for s in history.comparison.stale] == ["2026-summer", "2026-spring"]


def test_history_of_the_first_cycle_and_of_two(root):
    first = history_for(root, "2026-spring")
    assert (first.comparison, first.trend) == (None, None)
    second = history_for(root, "2026-summer")
    assert second.comparison is not None and second.trend is None


def test_direction_by_rank():
    assert [direction(0, 2), direction(2, 0), direction(1, 1)] == ["up", "down", "same"]
    assert [direction(None, 0), direction(0, None), direction(None, None)] == [
        "new",
        "gone",
        "same",
    ]


RATING = st.sampled_from([None, "red", "amber", "green"])


def _rated(view: TrustView, ratings: list[str | None]) -> TrustView:
    """``view`` with its ratings replaced, academy by academy and statement by statement."""
    ids = [a.id for a in view.academies]
    values = iter(ratings)
    rows = [
        row.model_copy(update={"ratings": {aid: next(values) for aid in ids}})
        for row in view.statements
    ]
    return view.model_copy(update={"statements": rows})


def _cells(view: TrustView) -> int:
    return len(view.academies) * len(view.statements)


@given(data=st.data())
def test_a_view_compared_with_itself_moved_nowhere(views, data):
    base = views["2026-autumn"]
    view = _rated(base, data.draw(st.lists(RATING, min_size=_cells(base), max_size=_cells(base))))
    c = compare_views(view, view)
    assert {ch.direction for s in c.statements for ch in s.changes.values()} <= {"same"}
    changes = [a.trust.change for a in c.areas] + [m.score.change for m in c.movement]
    assert set(changes) <= {0, None}
    assert (c.most_improved, c.most_declined) == ([], [])
    assert all(a.outcome != "dropped" for a in c.actions)
    assert all(p.state == "persisting" for p in c.priorities)


OPPOSITE = {"up": "down", "down": "up", "same": "same", "new": "gone", "gone": "new"}


@given(data=st.data())
def test_swapping_the_cycles_turns_every_direction_round(views, data):
    base = views["2026-autumn"]
    size = _cells(base)
    one = _rated(base, data.draw(st.lists(RATING, min_size=size, max_size=size)))
    two = _rated(base, data.draw(st.lists(RATING, min_size=size, max_size=size)))
    forth, back = compare_views(one, two), compare_views(two, one)
    for a, b in zip(forth.statements, back.statements, strict=True):
        for academy, change in a.changes.items():
            assert b.changes[academy].direction == OPPOSITE[change.direction]


def test_a_score_moves_by_the_points_its_rounded_figures_show():
    """80% -> 85% is 5 points in every view, though the unrounded scores are 5.6 apart: a
    trustee reading the terminal and the report sees the same figures."""
    from sendreview.model.comparison import ScoreChange
    from sendreview.render.movement import moved
    from sendreview.render.reports.movement import score_move

    change = ScoreChange(from_=0.797, to=0.853)
    assert change.points == 5
    assert moved(change) == "↑ 5 points"
    assert score_move("Every area", change).change == "up 5 points"
