"""The trust view as JSON, written a piece at a time.

For a trust of 20,000 academies the JSON runs to hundreds of megabytes, twice over if it is
first built as one string (and again as bytes to write it). Here each top-level key, each item
of a list and each answer is encoded on its own and handed on as it is ready, so memory holds
the trust view and one piece of its JSON. The text is byte for byte what encoding the whole
view at once gives (pydantic's encoder, two-space indent): pieces are encoded with the same
encoder and indented to the depth they sit at.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from sendreview.render.trust_view_data import answers

if TYPE_CHECKING:
    from sendreview.model.trust_view import TrustView
    from sendreview.render.trust_view_data import Answer

#: Characters of encoded items gathered before they are handed on: fewer, larger writes,
#: but never much of the JSON at once (one statement's row holds every academy's answer).
_BATCH = 1 << 20


class _Pieces:
    """The JSON as UTF-8 pieces; each time it is read it is encoded afresh (a file writer
    may start again when another program replaced the file meanwhile)."""

    def __init__(self, view: TrustView) -> None:
        self.view = view

    def __iter__(self) -> Iterator[bytes]:
        return (piece.encode("utf-8") for piece in json_chunks(self.view))


def pieces(view: TrustView) -> Iterable[bytes]:
    """The JSON as UTF-8 to write to a file, a piece at a time (the registry's ``pieces``
    for the trust view's ``json`` format)."""
    return _Pieces(view)


def to_json(view: TrustView) -> str:
    """The whole JSON as one string (for a small view, or a test)."""
    return "".join(json_chunks(view))


def json_chunks(view: TrustView) -> Iterator[str]:
    """The trust view's keys as they always were, then ``responses``: the answers in long form.

    The keyed-by-academy shapes (``statements[].ratings``) change columns from trust to trust
    in tools that flatten JSON; ``responses`` has the same keys for every trust.
    """
    from pydantic import BaseModel

    yield "{"
    for index, name in enumerate(type(view).model_fields):
        yield f'{"," if index else ""}\n  "{name}": '
        value = getattr(view, name)
        if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            yield from _list(item.model_dump(mode="json") for item in value)
        else:  # through the view, so a field's own serializer (problems) has its say
            yield _encode(view.model_dump(mode="json", include={name})[name], depth=1)
    yield ',\n  "responses": '
    yield from _list((_answer_json(a) for a in answers(view)), together=200)
    yield "\n}\n"


def _list(items: Iterable[Any], together: int = 1) -> Iterator[str]:
    """A list one level down, encoded ``together`` items at a time (one call to the encoder
    for many small items; one each for large ones) and handed on in batches."""
    pieces: list[str] = []
    size = 0
    opened = False
    iterator = iter(items)
    while group := list(islice(iterator, together)):
        # '[' + the items, each on its own lines four spaces in + '\n  ]': keep the items.
        pieces.append(_encode(group, depth=1)[1:-4])
        size += len(pieces[-1])
        if size >= _BATCH:
            yield ("," if opened else "[") + ",".join(pieces)
            opened, pieces, size = True, [], 0
    if pieces:
        yield ("," if opened else "[") + ",".join(pieces)
        opened = True
    yield "\n  ]" if opened else "[]"


def _encode(value: Any, depth: int) -> str:
    # pydantic's encoder, as before: the standard library's is pure Python once it indents,
    # and took twice as long for a trust of 1,000 academies.
    text: str = _encoder().dump_json(value, indent=2).decode("utf-8")
    return text.replace("\n", "\n" + "  " * depth)


def _answer_json(answer: Answer) -> dict[str, Any]:
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


@cache
def _encoder() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Any)
