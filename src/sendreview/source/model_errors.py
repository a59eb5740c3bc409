"""Why pydantic refused a file's data, said for a person and placed at its line and column.

pydantic reports a location (``loc``) in its own terms: union members' type names, a missing
key, a literal's choices. Here each error becomes one :class:`Diagnostic` with a stable code,
a message that quotes what was typed and a hint, at the data's place in the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from sendreview.diagnostics import Diagnostic
from sendreview.prose import (
    NOT_APPLICABLE_HINT,
    did_you_mean,
    excerpt,
    means_not_applicable,
    normalise_id,
    odd_character,
)
from sendreview.source.yaml_document import DataPath, YamlDocument, format_path


def value_at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def explain_errors(
    doc: YamlDocument, model: type[BaseModel], exc: ValidationError
) -> list[Diagnostic]:
    errors = exc.errors(include_url=False)
    located = [(error, data_part(doc.data, tuple(error["loc"]))) for error in errors]
    # A misspelt key ('titel') also makes the right one ('title') missing: one mistake, so
    # report it once, as the typo with its suggestion.
    misspelt = {
        (loc[:-1], guess)
        for error, loc in located
        if error["type"] == "extra_forbidden"
        for guess in difflib.get_close_matches(str(loc[-1]), _allowed_keys(model, loc[:-1]), n=1)
    }
    out = []
    for error, loc in located:
        if error["type"] == "missing" and (loc[:-1], loc[-1]) in misspelt:
            continue
        written = doc.written.get(loc)
        if written is None and error["type"] == "literal_error":
            written = _typed(doc.data, loc)  # as typed, before ids were normalised
        code, message, hint, is_key = _describe(error, loc, model, written)
        out.append(doc.problem(code, message, hint, path=loc, key=is_key))
    return out


def _typed(data: Any, loc: DataPath) -> str | None:
    try:
        value = value_at(data, loc)
    except (KeyError, IndexError, TypeError):
        return None
    return value if isinstance(value, str) else None


def data_part(data: Any, loc: DataPath) -> DataPath:
    """Keep the parts of a pydantic ``loc`` that name keys and items in the data.

    Errors inside a union carry the member's type name (``str``, ``function-before[...]``)
    in their ``loc``; those are not places in the file. A missing key is kept as the last
    part, so the message can name it and the position is its parent's.
    """
    kept: list[str | int] = []
    node = data
    for part in loc:
        child = _child(node, part)
        if child is not _ABSENT:
            node = child
        elif isinstance(node, dict) and isinstance(part, str) and not _is_type_tag(part):
            kept.append(part)
            break
        else:
            continue
        kept.append(part)
    return tuple(kept)


_ABSENT = object()


def _child(node: Any, part: str | int) -> Any:
    """The value under a key or at an index of ``node``, or ``_ABSENT``."""
    if isinstance(node, dict):
        return node.get(part, _ABSENT)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def _is_type_tag(part: str) -> bool:
    return "[" in part or part in {"str", "bool", "date", "int", "float", "list", "dict", "none"}


#: A problem's code, message, hint, and whether the key (not the value) is its place.
Description = tuple[str, str, str, bool]

_DATE_KINDS = {
    "date_from_datetime_parsing",
    "date_parsing",
    "date_type",
    "datetime_from_date_parsing",
}

#: What each wrong-type error expected, in words.
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list (one item per line, each starting with '- ')",
    "dict_type": "a set of 'key: value' lines",
    "model_type": "a set of 'key: value' lines",
    "bool_type": "true or false",
    "int_type": "a whole number",
}


def _describe(
    error: Any, loc: DataPath, model: type[BaseModel], written: str | None = None
) -> Description:
    """Code, message, hint and whether the key is the place; ``written`` is the value's text
    as typed, where YAML read it as a number or date, so the message quotes what was typed."""
    kind = error["type"]
    value = error.get("input")
    where = excerpt(format_path(loc), 80) or "the file"
    name = str(loc[-1]) if loc else "value"
    if kind == "extra_forbidden":
        return _unknown_key(name, _allowed_keys(model, loc[:-1]))
    if kind == "missing":
        return (
            "SR202",
            f"'{name}' is missing from {format_path(loc[:-1]) or 'the file'}.",
            f"Add a line '{name}: ...' here.",
            False,
        )
    if kind in _DATE_KINDS:
        return ("SR205", *_date_problem(value), False)
    if kind == "literal_error":
        typed = written if written is not None else value
        return _not_a_choice(name, str(typed), error.get("ctx", {}).get("expected", ""))
    if kind == "string_pattern_mismatch":
        return _bad_pattern(name, value)
    if kind in _NOT_A_COUNT or (kind == "int_type" and isinstance(value, bool)):
        return _not_a_count(kind, where, value, written)
    if kind in _EXPECTED:
        message = f"{where} should be {_EXPECTED[kind]}, but it is {kind_of(value, written)}."
        return ("SR203", message, _type_hint(value), False)
    if kind == "value_error":
        return _refused_value(where, str(error.get("msg", "")))
    return ("SR204", f"{where}: {error.get('msg', 'not allowed')}.", "", False)


#: Errors of a count of pupils (the only whole numbers a person types into a file).
_NOT_A_COUNT = {"int_parsing", "int_from_float", "greater_than_equal"}


def _not_a_count(kind: str, where: str, value: Any, written: str | None) -> Description:
    """A count that is not a whole number of zero or more, said as a count of pupils."""
    typed = kind_of(value, written)
    if kind == "greater_than_equal":
        message = f"{where} is {typed}, but a count of pupils cannot be below 0."
        return ("SR204", message, "Write 0 if there are none.", False)
    return (
        "SR203",
        f"{where} should be a whole number of pupils, but it is {typed}.",
        "Write the number of pupils in digits, for example 12 (0 for none): no commas, "
        "decimals or words. Leave it blank while you do not know it yet.",
        False,
    )


def _unknown_key(name: str, allowed: list[str]) -> Description:
    hint = did_you_mean(name, allowed)
    hint += f"Keys allowed here: {', '.join(allowed)}." if allowed else ""
    return (
        "SR201",
        f"'{excerpt(name)}' is not a key sendreview knows here, so what it holds would be ignored.",
        hint,
        True,
    )


def _not_a_choice(name: str, typed: str, expected: str) -> Description:
    """A value outside a fixed list (``expected`` is pydantic's list of the choices)."""
    choices = re.findall(r"'([^']*)'", expected)
    hint = NOT_APPLICABLE_HINT if name == "rating" and means_not_applicable(typed) else ""
    return (
        "SR204",
        f"'{excerpt(typed)}' is not allowed for {name}.",
        hint or did_you_mean(normalise_id(typed), choices) + f"Use one of: {', '.join(choices)}.",
        False,
    )


def _bad_pattern(name: str, value: Any) -> Description:
    what = {"urn": "URN", "colour": "colour", "id": "id"}.get(name, f"{name} id")
    odd = odd_character(value) if isinstance(value, str) else ""
    return ("SR206", f"'{excerpt(value)}' is not a valid {what}.", odd + _pattern_hint(name), False)


def _refused_value(where: str, message: str) -> Description:
    """A validator's own message (pydantic prefixes 'Value error, '), as a sentence."""
    message = message.removeprefix("Value error, ")
    return (
        "SR207" if "used twice" in message else "SR204",
        f"{where}: {excerpt(message[:1].upper() + message[1:], 200)}.",
        "",
        False,
    )


def _date_problem(value: Any) -> tuple[str, str]:
    """Message and hint for a date that cannot be read: day-first, or a day that never was."""
    text = excerpt(value)
    day_first = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
        return (
            f"'{text}' is written day first; review files need year-month-day.",
            f"Write it as {year:04d}-{month:02d}-{day:02d}.",
        )
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso and not 1 <= int(iso.group(2)) <= 12:
        year, month, day = (int(part) for part in iso.groups())
        swapped = f"{year:04d}-{day:02d}-{month:02d}"
        return (
            f"'{text}' is not a real date: there is no month {month}.",
            (f"If the day and month are swapped, write {swapped}. " if 1 <= day <= 12 else "")
            + "Dates are year-month-day, with the month from 01 to 12.",
        )
    if iso:
        return (
            f"'{text}' is not a real date: that month has no such day.",
            "Check the day and the month, for example 2027-02-28.",
        )
    return (
        f"'{text}' is not a date sendreview can read.",
        "Write dates as year-month-day, for example 2027-02-12.",
    )


def kind_of(value: Any, written: str | None = None) -> str:
    if isinstance(value, bool):
        return f"read as {str(value).lower()} (yes/no)"
    if isinstance(value, dict):
        return "a set of 'key: value' lines"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    if written is not None:
        return f"'{written}'"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, (int, float)):
        return f"a number ({excerpt(value)})"
    return f"'{excerpt(value)}'"


def _type_hint(value: Any) -> str:
    if isinstance(value, bool):
        return (
            "YAML reads yes, no, on, off, true and false as yes/no answers. Put the text in "
            'double quotes, for example "No".'
        )
    if isinstance(value, (dict, list)):
        return (
            "Check the indentation: this line may be indented too far, or a '-' is "
            "missing or extra."
        )
    return "Compare with a blank file made by 'sendreview new'."


def _pattern_hint(name: str) -> str:
    if name == "urn":
        return 'A URN is the school\'s 6-digit Unique Reference Number, in quotes: urn: "123456".'
    if name == "colour":
        return 'Write colours as # and six hex digits, for example "#1B6E3A".'
    return (
        "Ids use lowercase letters, digits and hyphens only, for example "
        "'alder-brook-primary' or '2026-autumn'."
    )


def _allowed_keys(model: type[BaseModel], loc: DataPath) -> list[str]:
    """The field names of the model found at ``loc`` (for 'did you mean')."""
    current: Any = model
    for part in loc:
        current = field_type(current, part)
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def field_type(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and len(args) == 2:
        return args[1]
    if origin is list and args:
        return args[0]
    return None


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional to reach the type that holds fields."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            members = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in members if isinstance(a, type) and issubclass(a, BaseModel)]
            annotation = models[0] if models else members[0]
        else:
            return annotation
