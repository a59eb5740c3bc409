"""The trust view's JSON, written a piece at a time, is the JSON of the whole view at once."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLE, whole_view_json
from sendreview.render import trust_view_json
from sendreview.trust_view.aggregate import aggregate


def test_pieces_make_the_same_json_as_the_whole_view(monkeypatch):
    view = aggregate(EXAMPLE, "2026-autumn")
    expected = whole_view_json(view)
    assert trust_view_json.to_json(view) == expected
    monkeypatch.setattr(trust_view_json, "_BATCH", 1)  # every item handed on by itself
    pieces = list(trust_view_json.json_chunks(view))
    assert "".join(pieces) == expected
    assert len(pieces) > len(view.academies) + len(view.statements)


def test_empty_lists_are_written_as_before():
    view = aggregate(EXAMPLE, "2026-autumn")
    view.priorities, view.peer_support, view.problems = [], [], []
    assert trust_view_json.to_json(view) == whole_view_json(view)


@cache
def _view() -> Any:
    return aggregate(EXAMPLE, "2026-autumn")


@given(
    text=st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    evidence=st.lists(st.text(st.characters(exclude_categories=("Cs",)), max_size=10), max_size=3),
)
@settings(max_examples=100, deadline=None)
def test_answers_written_by_hand_are_what_the_encoder_writes(text, evidence):
    """Quotes, backslashes, control characters, any script: each answer's JSON, written
    without the encoder, is the encoder's to the byte."""
    view = _view().model_copy(deep=True)
    academy = view.academies[0].id
    row = view.statements[0]
    row.strengths[academy] = text
    row.evidence[academy] = evidence
    row.not_applicable[academy] = text
    assert trust_view_json.to_json(view) == whole_view_json(view)
