"""YAML file to pydantic model, with every problem placed at its line and column."""

from __future__ import annotations

import copy
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from sendreview.source.model_errors import data_part, explain_errors, field_type, kind_of, value_at
from sendreview.source.yaml_document import DataPath, YamlDocument
from sendreview.source.yaml_reader import load_yaml

M = TypeVar("M", bound=BaseModel)


def load_model(
    path: Path, model: type[M], display: str | None = None
) -> tuple[M | None, YamlDocument]:
    """Read a file as ``model``. Problems are in the returned document's diagnostics."""
    doc = load_yaml(path, display)
    return to_model(doc, model), doc


def to_model(doc: YamlDocument, model: type[M], *, salvage: bool = False) -> M | None:
    """Validate a document's data against ``model``, adding problems to the document.

    With ``salvage``, a file whose problems are confined to some answers still gives a
    model, built from the rest: each part with a structural problem (a wrong type, an
    unknown key, a bad date) is reported, left out and recorded in ``doc.dropped``, so the
    other answers are checked in the same run. A file whose required keys are wrong gives
    None, as without ``salvage``.
    """
    if doc.data is None and not doc.ok:
        return None
    if not isinstance(doc.data, dict):
        doc.diagnostics.append(
            doc.problem(
                "SR203",
                f"This file should be a set of 'key: value' lines, but it is {kind_of(doc.data)}.",
                "Compare it with a blank file made by 'sendreview new'.",
            )
        )
        return None
    keep_text_as_written(doc, model)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        doc.diagnostics.extend(explain_errors(doc, model, exc))
        return _salvaged(doc, model, exc) if salvage else None


#: Rounds of leaving parts out before giving up; each round leaves out every part that
#: failed, so a second round is needed only where leaving a part out uncovered another.
_SALVAGE_ROUNDS = 5


def _salvaged(doc: YamlDocument, model: type[M], exc: ValidationError) -> M | None:
    """The model built without the parts ``exc`` found wrong, or None if it cannot be."""
    data = copy.deepcopy(doc.data)
    for _ in range(_SALVAGE_ROUNDS):
        for error in exc.errors(include_url=False):
            loc = data_part(data, tuple(error["loc"]))
            if error["type"] == "missing":
                loc = loc[:-1]  # the key is not there: the part holding it goes
            while loc in doc.dropped and len(loc) > 1:
                loc = loc[:-1]  # left out already and still wrong: its container goes
            if len(loc) < 2 and not _has_default(model, loc):
                return None  # a required key such as 'framework' or 'cycle'
            _leave_out(data, loc)
            doc.dropped.add(loc)
        try:
            return model.model_validate(data)
        except ValidationError as again:
            exc = again
    return None


def _has_default(model: type[BaseModel], loc: DataPath) -> bool:
    field = model.model_fields.get(str(loc[0])) if loc else None
    return field is not None and not field.is_required()


def _leave_out(data: Any, loc: DataPath) -> None:
    """Remove the value at ``loc``; an item of a list becomes empty, so the items after it
    keep their numbers (and their positions in the file)."""
    try:
        container = value_at(data, loc[:-1])
    except (KeyError, IndexError, TypeError):
        return  # inside a part already left out
    last = loc[-1]
    if isinstance(container, list) and isinstance(last, int) and 0 <= last < len(container):
        container[last] = {}
    elif isinstance(container, dict):
        container.pop(last, None)


def keep_text_as_written(doc: YamlDocument, model: type[BaseModel]) -> None:
    """Give every field of text the text as it was written, where YAML 1.1 read it otherwise.

    YAML 1.1 reads ``0777`` as 511, ``12:30`` as 750, ``1_000`` as 1000, ``.inf`` as infinity,
    ``2026-11-17`` as a date and the URN ``012345`` as 5349. A SENCO's words, an id or a URN
    must reach the model as typed, so where the model wants text the written text replaces
    what YAML made of it (in ``doc.data``, so messages quote what was typed too). A field that
    takes a date keeps the date. ``yes``/``no`` stay true/false: in a field of text that is
    reported, with the advice to put the text in quotes.
    """
    for path, written in doc.written.items():
        value = value_at(doc.data, path)
        if isinstance(value, bool):
            continue
        annotation: Any = model
        for part in path:
            annotation = field_type(annotation, part)
            if annotation is None:
                break
        if annotation is None:
            continue
        accepted = _accepted(annotation)
        if str in accepted and not any(isinstance(value, kind) for kind in accepted - {str}):
            _set_at(doc.data, path, written)


def _set_at(data: Any, path: DataPath, value: Any) -> None:
    container: Any = value_at(data, path[:-1])
    container[path[-1]] = value


def _accepted(annotation: Any) -> set[type]:
    """The Python types a field takes; a list field also takes one item (``evidence: X``)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _accepted(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return set().union(*(_accepted(member) for member in typing.get_args(annotation)))
    if origin is typing.Literal:
        return {type(choice) for choice in typing.get_args(annotation)}
    if origin is list:
        args = typing.get_args(annotation)
        return {list} | (_accepted(args[0]) if args else set())
    if origin is dict or (isinstance(annotation, type) and issubclass(annotation, BaseModel)):
        return {dict}
    if isinstance(annotation, type):
        return {annotation}
    return {object}
