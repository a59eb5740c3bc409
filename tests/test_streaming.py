"""The trust view's JSON, written a piece at a time, is the JSON of the whole view at once."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from conftest import EXAMPLE
from sendreview.render import trust_view_json
from sendreview.render.trust_view_data import answers
from sendreview.trust_view.aggregate import aggregate


def _whole(view: Any) -> str:
    data = view.model_dump(mode="json")
    data["responses"] = [trust_view_json._answer_json(a) for a in answers(view)]
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
