"""The trust view's JSON, written a piece at a time, is the JSON of the whole view at once."""

from __future__ import annotations

from functools import cache
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from conftest import EXAMPLE
from sendreview.render import trust_view_json
from sendreview.render.trust_view_data import Answer, answers
from sendreview.trust_view.aggregate import aggregate


def _response(answer: Answer) -> dict[str, Any]:
    """One of ``responses``: its public shape, key by key and in this order."""
    academy = answer.academy
    return {
        "academy": academy.id,
        "statement": answer.statement.id,
        "area": answer.statement.area,
        "status": answer.status,
        "rating": answer.rating,
        "label": answer.label,
        "position": answer.position,
        "score": answer.score,
        "review_date": academy.review_date.isoformat() if academy.review_date else None,
        "review_state": academy.state,
        "phase": academy.phase,
        "not_applicable": answer.not_applicable,
        "strengths": answer.strengths,
        "areas_for_development": answer.areas_for_development,
        "evidence": answer.evidence,
        "self_rating": answer.self_rating,
        "moderated_rating": answer.moderated_rating,
        "moderated": answer.moderated,
    }


def _whole(view: Any) -> str:
    """The view and its responses through pydantic's encoder in one go."""
    data = view.model_dump(mode="json")
    data["responses"] = [_response(a) for a in answers(view)]
    return TypeAdapter(dict[str, Any]).dump_json(data, indent=2).decode("utf-8") + "\n"


def test_pieces_make_the_same_json_as_the_whole_view(monkeypatch):
    view = aggregate(EXAMPLE, "2026-autumn")
    expected = _whole(view)
    assert trust_view_json.to_json(view) == expected
    monkeypatch.setattr(trust_view_json, "_BATCH", 1)  # every item handed on by itself
    pieces = list(trust_view_json.json_chunks(view))
    assert "".join(pieces) == expected
    assert len(pieces) > len(view.academies) + len(view.statements)


def test_empty_lists_are_written_as_before():
    view = aggregate(EXAMPLE, "2026-autumn")
    view.priorities, view.peer_support, view.problems = [], [], []
    assert trust_view_json.to_json(view) == _whole(view)


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
    assert trust_view_json.to_json(view) == _whole(view)
