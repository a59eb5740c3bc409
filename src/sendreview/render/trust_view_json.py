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
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from sendreview.render.trust_view_data import answers

if TYPE_CHECKING:
    from sendreview.model.trust_view import TrustView

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
    yield from _batched(_answer_texts(view))
    yield "\n}\n"


def _list(items: Iterable[Any]) -> Iterator[str]:
    """A list one level down, each item encoded on its own and handed on in batches."""
    # '[' + the item on its own lines four spaces in + '\n  ]': keep the item.
    return _batched(_encode([item], depth=1)[1:-4] for item in items)


def _batched(texts: Iterable[str]) -> Iterator[str]:
    """A list one level down from its items' JSON texts (each starting on a new line four
    spaces in), handed on in batches of about :data:`_BATCH` characters."""
    pieces: list[str] = []
    size = 0
    opened = False
    for text in texts:
        pieces.append(text)
        size += len(text)
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


def _answer_texts(view: TrustView) -> Iterator[str]:
    """Each answer's JSON, exactly as the encoder writes it at this depth: written here,
    since a trust of 1,000 academies has 27,000 answers, and building a mapping of each for
    the encoder took longer than encoding the rest of the view. The keys, in this order, are
    the public shape of ``responses``; tests hold the text to the encoder's."""
    text = encode_basestring
    academy: Any = None
    for answer in answers(view):
        if answer.academy is not academy:  # answers come academy by academy
            academy = answer.academy
            head = f'\n    {{\n      "academy": {text(academy.id)},\n      "statement": '
            date = academy.review_date.isoformat() if academy.review_date else None
            about = (
                f'      "review_date": {_json(date)},\n'
                f'      "review_state": {text(academy.state)},\n'
                f'      "phase": {_json(academy.phase)},\n'
            )
        row = answer.statement
        yield (
            f'{head}{text(row.id)},\n      "area": {text(row.area)},\n'
            f'      "status": {text(answer.status)},\n'
            f'      "rating": {_json(answer.rating)},\n'
            f'      "label": {_json(answer.label)},\n'
            f'      "position": {_json(answer.position)},\n'
            f'      "score": {_json(answer.score)},\n'
            f"{about}"
            f'      "not_applicable": {_json(answer.not_applicable)},\n'
            f'      "strengths": {text(answer.strengths)},\n'
            f'      "areas_for_development": {text(answer.areas_for_development)},\n'
            f'      "evidence": {_texts(answer.evidence)},\n'
            f'      "self_rating": {_json(answer.self_rating)},\n'
            f'      "moderated_rating": {_json(answer.moderated_rating)},\n'
            f'      "moderated": {"true" if answer.moderated else "false"}\n    }}'
        )


def _json(value: str | float | None) -> str:
    """A text, number or nothing as the encoder writes it (numbers by the encoder itself:
    how it writes 1e-07 is its own)."""
    if value is None:
        return "null"
    if isinstance(value, str):
        return encode_basestring(value)
    if isinstance(value, int):
        return str(value)
    return _number(value)


@cache  # a handful of scores; floats only, since a cache takes 1 and 1.0 for the same key
def _number(value: float) -> str:
    return _encode(value, depth=0)


def _texts(items: list[str]) -> str:
    if not items:
        return "[]"
    inner = ",\n        ".join(map(encode_basestring, items))
    return f"[\n        {inner}\n      ]"


@cache
def _encoder() -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(Any)
