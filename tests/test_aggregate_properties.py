"""Property-based tests for the merge: whatever the answers, the trust view adds up.

Layer: unit (the library, called directly).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from sendreview.model import Review
from sendreview.repository.frameworks import builtin
from sendreview.source.review_writer import render_review
from sendreview.trust_view.aggregate import aggregate

FRAMEWORK = builtin("school-send-review")
ANSWER = st.one_of(st.sampled_from(["red", "amber", "green"]), st.none(), st.just("n/a"))


def write_repo(root: Path, answers: list[dict[str, str | None]]) -> None:
    ids = [f"academy-{i}" for i in range(len(answers))]
    (root / "sendreview.yaml").write_text(
        "trust: Property Trust\nacademies:\n"
        + "".join(f"  - id: {i}\n    name: Academy {i}\n" for i in ids),
        encoding="utf-8",
    )
    folder = root / "reviews" / "2026-autumn"
    folder.mkdir(parents=True)
    for academy_id, answer in zip(ids, answers, strict=True):
        responses = {
            sid: (
                {"not_applicable": "Not relevant here."}
                if value == "n/a"
                else {"rating": value, "areas_for_development": "To improve."}
            )
            for sid, value in answer.items()
        }
        review = Review.model_validate(
            {
                "framework": FRAMEWORK.id,
                "cycle": "2026-autumn",
                "academy": academy_id,
                "review_date": "2026-11-20",
                "responses": responses,
            }
        )
        (folder / f"{academy_id}.yaml").write_text(
            render_review(review, FRAMEWORK), encoding="utf-8"
        )


ANSWERS = st.lists(
    st.fixed_dictionaries({s: ANSWER for s in FRAMEWORK.statement_ids}), min_size=1, max_size=4
)


@settings(max_examples=examples(25))
@given(ANSWERS)
def test_trust_view_adds_up(answers):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_repo(root, answers)
        view = aggregate(root, "2026-autumn")
    ids = [a.id for a in view.academies]
    for academy_id, answer in zip(ids, answers, strict=True):
        for row in view.statements:
            given_answer = answer[row.id]
            expected = given_answer if given_answer in ("red", "amber", "green") else None
            assert row.ratings[academy_id] == expected
            assert (academy_id in row.not_applicable) == (given_answer == "n/a")
        result = view.academy(academy_id)
        assert result.rated + result.not_applicable + result.unrated == 27
        assert result.unrated == sum(1 for v in answer.values() if v is None)
        # No action plans are written, so any red or amber leaves the review incomplete too.
        finished = result.unrated == 0 and not any(v in ("red", "amber") for v in answer.values())
        assert result.state == ("complete" if finished else "incomplete")
    for area in view.areas:
        size = len(FRAMEWORK.area(area.id).statements)
        for counts in area.by_academy.values():
            assert sum(counts.values()) == size
        assert sum(area.trust.values()) == size * len(ids)
    for priority in view.priorities:
        row = next(r for r in view.statements if r.id == priority.statement)
        concerned = [a for a, r in row.ratings.items() if r in ("red", "amber")]
        assert priority.academies == concerned
        assert priority.count >= 2
    for pair in view.peer_support:
        row = next(r for r in view.statements if r.id == pair.statement)
        assert row.ratings[pair.from_academy] == "green"
        assert row.ratings[pair.to_academy] == "red"
