"""An academy's SEN context for a cycle: how many pupils, with which provision and which
primary need. Counts only, never pupils.

The MAT SEND Review asks trusts to understand "the distribution of the four broad areas of
SEN need within individual academies and across the MAT as a whole"; a rating of the
identification statements means little without these numbers beside it. The codes are the
school census's (provision ``K`` SEN support, ``E`` EHC plan; primary need as below).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, NonNegativeInt
from pydantic_core import PydanticCustomError

from sendreview.model.base import Model, Slug

#: The school census's primary need codes and what they stand for. ``DS`` (Down syndrome) is
#: collected from January 2025; ``NSA`` is valid only for pupils on SEN support.
NEED_CODES: dict[str, str] = {
    "SPLD": "Specific learning difficulty",
    "MLD": "Moderate learning difficulty",
    "SLD": "Severe learning difficulty",
    "PMLD": "Profound and multiple learning difficulty",
    "SEMH": "Social, emotional and mental health",
    "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment",
    "VI": "Vision impairment",
    "MSI": "Multi-sensory impairment",
    "PD": "Physical disability",
    "ASD": "Autistic spectrum disorder",
    "DS": "Down syndrome",
    "OTH": "Other difficulty or disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}

#: The Code of Practice's four broad areas of need, and the codes DfE assigns to none of them
#: (``unassigned``: other, no specialist assessment, and Down syndrome, whose area DfE has
#: not set). The keys are public (``aggregate --format json``).
BROAD_AREAS: dict[str, tuple[str, ...]] = {
    "communication_and_interaction": ("SLCN", "ASD"),
    "cognition_and_learning": ("SPLD", "MLD", "SLD", "PMLD"),
    "semh": ("SEMH",),
    "sensory_physical": ("HI", "VI", "MSI", "PD"),
    "unassigned": ("OTH", "NSA", "DS"),
}

BROAD_AREA_TITLES: dict[str, str] = {
    "communication_and_interaction": "Communication and interaction",
    "cognition_and_learning": "Cognition and learning",
    "semh": "Social, emotional and mental health",
    "sensory_physical": "Sensory and/or physical",
    "unassigned": "Not assigned to an area",
}


def broad_area_of(code: str) -> str | None:
    """The broad area a census code belongs to (``unassigned`` for OTH, NSA, DS), or None
    for a code that is not on the census list."""
    return next((area for area, codes in BROAD_AREAS.items() if code in codes), None)


def _blank_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


def _codes_upper(value: Any) -> Any:
    """``asd``, ``Asd `` and ``ASD`` are the same code: the census writes them in capitals."""
    if isinstance(value, dict):
        return {k.strip().upper() if isinstance(k, str) else k: v for k, v in value.items()}
    return {} if value is None else value


def _not_yes_no(value: Any) -> Any:
    """``pupils: yes`` is not 1 pupil: pydantic would read true as 1 and false as 0."""
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return _blank_to_none(value)


#: A count of pupils: a whole number, zero or more; blank while not yet filled in.
Count = Annotated[NonNegativeInt | None, BeforeValidator(_not_yes_no)]


class ByProvision(Model):
    """Suspensions or permanent exclusions over a period, by the pupils' SEN provision."""

    no_sen: Count = None
    sen_support: Count = None
    ehc_plan: Count = None


class SenContext(Model):
    """One academy's figures for one cycle, as kept in ``context/<cycle>/<academy>.yaml``."""

    academy: Slug
    cycle: Slug
    #: the census or snapshot the counts come from
    census_date: Annotated[dt.date | None, BeforeValidator(_blank_to_none)] = None
    pupils: Count = None
    sen_support: Count = None
    ehc_plans: Count = None
    #: census code -> pupils whose primary need it is
    primary_need: Annotated[dict[str, Count], BeforeValidator(_codes_upper)] = Field(
        default_factory=dict
    )
    suspensions: ByProvision | None = None
    permanent_exclusions: ByProvision | None = None
    #: the period suspensions and exclusions were counted over, for example 2025-26
    period: Annotated[str | None, BeforeValidator(_blank_to_none)] = None

    @property
    def with_sen(self) -> int | None:
        """Pupils with SEN (support or plan), or None until both are filled in."""
        if self.sen_support is None or self.ehc_plans is None:
            return None
        return self.sen_support + self.ehc_plans

    @property
    def filled_in(self) -> bool:
        """Whether any count is given: a file ``new`` scaffolded and nobody filled in is not
        yet a context (blanks are not zeros)."""
        counts = (self.pupils, self.sen_support, self.ehc_plans, *self.primary_need.values())
        return any(n is not None for n in counts)

    def broad_areas(self) -> dict[str, int]:
        """Pupils by broad area of need, every area present (0 where none); codes not on the
        census list are left out (validate reports them)."""
        totals = dict.fromkeys(BROAD_AREAS, 0)
        for code, count in self.primary_need.items():
            area = broad_area_of(code)
            if area is not None and count:
                totals[area] += count
        return totals
