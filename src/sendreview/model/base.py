"""Shared model settings and field types."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

#: Ids are lowercase words joined by hyphens: stable, readable in a file name and a URL.
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=80)]


def _blank_to_empty(value: Any) -> Any:
    """An empty YAML value (``strengths:``) is an empty answer, not a missing one."""
    return "" if value is None else value


def _one_or_many(value: Any) -> Any:
    """Accept a single item where a list belongs (``evidence: Provision map``)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    return value


#: Free text that may be left empty.
Text = Annotated[str, BeforeValidator(_blank_to_empty)]
#: A list of short texts that may be written as one item or left empty.
TextList = Annotated[list[str], BeforeValidator(_one_or_many)]


class Model(BaseModel):
    """Every model refuses unknown keys, so a typo such as ``strenghts`` never drops text."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)


class ViewModel(BaseModel):
    """Output models (the trust view, context, moderation, comparisons): built by the code,
    so no need to refuse unknown keys."""
