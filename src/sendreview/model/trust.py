"""The trust file: who the trust is, its academies, and the frameworks it reviews against."""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints, field_validator

from sendreview.model.base import SLUG_PATTERN, Model, Slug

PHASES = (
    "nursery",
    "primary",
    "middle",
    "secondary",
    "all-through",
    "special",
    "alternative-provision",
    "post-16",
)

#: The id a trust-level review's file is named by; an academy cannot take it.
TRUST_ID = "trust"


def _phase_word(value: Any) -> Any:
    if isinstance(value, str):
        return "-".join(value.strip().lower().replace("_", " ").split())
    return value


class Academy(Model):
    id: Slug
    name: str
    urn: Annotated[str, StringConstraints(pattern=r"^\d{6,7}$")] | None = None
    phase: Annotated[Literal[PHASES], BeforeValidator(_phase_word)] | None = None  # type: ignore[valid-type]

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value == TRUST_ID:
            raise ValueError("'trust' is kept for the trust-level review; choose another id")
        return value


class FrameworksInUse(Model):
    academy: Slug = "school-send-review"
    trust: Slug | None = None


class CycleDates(Model):
    """When a cycle with a name of the trust's own choosing (not ``2027-spring``) began, so
    that it takes its place among the others in time."""

    start: dt.date


class Trust(Model):
    trust: str
    frameworks: FrameworksInUse = Field(default_factory=FrameworksInUse)
    academies: list[Academy] = Field(default_factory=list)
    #: cycle name -> its dates, for cycles not named by year and term. The names are checked
    #: by a validator rather than typed as Slug keys: pydantic releases differ in whether a
    #: key's constraints reach the JSON Schema (``propertyNames``), and the schema a trust's
    #: editor reads should not depend on which release wrote it.
    cycles: dict[str, CycleDates] = Field(default_factory=dict)

    @field_validator("academies")
    @classmethod
    def _unique_ids(cls, academies: list[Academy]) -> list[Academy]:
        seen: set[str] = set()
        for academy in academies:
            if academy.id in seen:
                raise ValueError(f"the academy id '{academy.id}' is used twice")
            seen.add(academy.id)
        return academies

    @field_validator("cycles")
    @classmethod
    def _cycle_names(cls, cycles: dict[str, CycleDates]) -> dict[str, CycleDates]:
        for name in cycles:
            if len(name) > 80 or not re.fullmatch(SLUG_PATTERN, name):
                raise ValueError(
                    f"'{name}' is not a cycle name: use lowercase letters, digits and hyphens"
                )
        return cycles

    def academy(self, academy_id: str) -> Academy | None:
        return self._by_id.get(academy_id)

    def cycle_starts(self) -> dict[str, dt.date]:
        """Each cycle named in the trust file -> the day it began."""
        return {name: dates.start for name, dates in self.cycles.items()}

    @cached_property
    def _by_id(self) -> dict[str, Academy]:
        # A large trust checks every review against a list of a hundred or more academies.
        return {a.id: a for a in self.academies}
