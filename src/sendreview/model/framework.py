"""A review framework: areas of statements, and the scale they are rated on."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from sendreview.model.base import Model, Slug, Text

HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class RatingLevel(Model):
    """One point on a rating scale, such as red or green."""

    id: Slug
    label: str
    letter: Annotated[str, StringConstraints(min_length=1, max_length=3)]
    colour: HexColour
    description: Text = ""
    needs_action: bool | None = None


#: Red, amber, green: the scale a framework has unless it declares its own.
DEFAULT_RATING_SCALE = [
    RatingLevel(
        id="red",
        label="Red",
        letter="R",
        colour="#B3261E",
        description="Not yet in place, or not effective",
    ),
    RatingLevel(
        id="amber",
        label="Amber",
        letter="A",
        colour="#B25E00",
        description="Partly in place, or not yet consistent",
    ),
    RatingLevel(
        id="green",
        label="Green",
        letter="G",
        colour="#1B6E3A",
        description="Fully in place and effective",
    ),
]


class Reference(Model):
    """A document or resource that helps answer an area's statements."""

    title: str
    file: str | None = None
    url: str | None = None


class Statement(Model):
    id: Slug
    text: str


class Area(Model):
    id: Slug
    title: str
    description: Text = ""
    references: list[Reference] = Field(default_factory=list)
    statements: list[Statement] = Field(min_length=1)


class Labels(Model):
    """What the response fields are called in this framework's own words."""

    strengths: str = "Strengths"
    areas_for_development: str = "Areas for development"


class Framework(Model):
    """A published or trust-written review framework.

    ``level`` says who a review is about: one academy, or the trust as a whole.
    The rating scale is listed worst first; its order is what "below the trust" means.
    """

    id: Slug
    version: str
    title: str
    publisher: Text = ""
    level: Literal["academy", "trust"] = "academy"
    description: Text = ""
    labels: Labels = Field(default_factory=Labels)
    action_plan: bool = True
    references: list[Reference] = Field(default_factory=list)
    rating_scale: list[RatingLevel] = Field(
        default_factory=lambda: list(DEFAULT_RATING_SCALE), min_length=2
    )
    areas: list[Area] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_are_unique(self) -> Framework:
        for kind, ids in (
            ("area", [a.id for a in self.areas]),
            ("statement", [s.id for a in self.areas for s in a.statements]),
            ("rating", [r.id for r in self.rating_scale]),
        ):
            seen: set[str] = set()
            for item in ids:
                if item in seen:
                    raise ValueError(f"the {kind} id '{item}' is used twice; ids must be unique")
                seen.add(item)
        return self

    @cached_property
    def _index(self) -> _Index:
        # Every response of every review is looked up here: index once, in plain dicts
        # (pydantic's private attributes cost a __getattr__ call on each access).
        return _Index(self)

    def statements(self) -> Iterator[Statement]:
        for area in self.areas:
            yield from area.statements

    def statement(self, statement_id: str) -> Statement | None:
        return self._index.statements.get(statement_id)

    def area_of(self, statement_id: str) -> Area | None:
        return self._index.area_of.get(statement_id)

    def area(self, area_id: str) -> Area | None:
        return self._index.areas.get(area_id)

    def rating(self, rating_id: str) -> RatingLevel | None:
        return self._index.ratings.get(rating_id)

    @property
    def statement_ids(self) -> list[str]:
        return list(self._index.statements)

    @property
    def rating_ids(self) -> list[str]:
        return [r.id for r in self.rating_scale]

    def rank(self, rating_id: str) -> int:
        """Position on the scale, 0 for the worst: used to compare academies."""
        return self._index.rank[rating_id]

    def needs_action(self, rating_id: str | None) -> bool:
        """True for ratings that call for areas for development and an action (red, amber).

        A scale may say so level by level; otherwise it is the lower half of the scale,
        never the top level.
        """
        return rating_id in self._index.needs_action


class _Index:
    """Lookups by id for one framework, built on first use."""

    def __init__(self, framework: Framework) -> None:
        self.areas = {a.id: a for a in framework.areas}
        self.statements = {s.id: s for a in framework.areas for s in a.statements}
        self.area_of = {s.id: a for a in framework.areas for s in a.statements}
        scale = framework.rating_scale
        self.ratings = {r.id: r for r in scale}
        self.rank = {r.id: i for i, r in enumerate(scale)}
        lower_half = min((len(scale) + 1) // 2, len(scale) - 1)
        self.needs_action = {
            r.id
            for i, r in enumerate(scale)
            if (r.needs_action if r.needs_action is not None else i < lower_half)
        }
