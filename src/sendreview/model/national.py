"""National figures to read an academy's SEN context against, with where each came from.

Shipped as data (``national/*.yaml`` in the package; a trust may keep a newer file in its
repository), never as constants in code: every figure carries its year, release and address
so a trust board can check it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, field_validator

from sendreview.model.base import Model
from sendreview.model.context import NEED_CODES

#: A share of pupils, in percent: a figure outside 0 to 100 is a typing mistake in the file.
Percent = Annotated[float, Field(ge=0, le=100)]

#: How far a phase's primary need shares may add up away from 100: DfE rounds each share to
#: one decimal place, so fourteen of them can miss by up to 0.7.
NEED_TOTAL_TOLERANCE = 1.0


class Source(Model):
    """A published release: "Special educational needs in England", academic year 2025/26."""

    title: str
    publisher: str = "Department for Education"
    #: the academic year the figures describe, for example 2025/26 (the January 2026 census)
    year: str
    #: the day DfE published the release; None where it could not be checked
    published: dt.date | None = None
    url: str


class PhaseFigures(Model):
    """One phase of state-funded schools (primary, secondary, special, or all of them)."""

    #: pupils on SEN support, and with an EHC plan, as a percentage of all pupils (0 to 100)
    sen_support_pct: Percent
    ehc_plan_pct: Percent
    #: census code -> percentage of pupils with SEN (support and plans together) whose
    #: primary need it is
    primary_need_pct: dict[str, Percent] = Field(default_factory=dict)
    #: which schools the figures cover, in the release's words, where that is not plain
    #: from the phase's name (the headline "all" includes independent schools, for example)
    covers: str = ""

    @field_validator("primary_need_pct")
    @classmethod
    def _census_codes_adding_up(cls, shares: dict[str, float]) -> dict[str, float]:
        """Shares of one whole: a code off the census list, or a total far from 100, is a
        figure typed into the wrong line or missed out."""
        unknown = sorted(set(shares) - set(NEED_CODES))
        if unknown:
            raise ValueError(
                f"{', '.join(unknown)} is not a census primary need code; the codes are "
                + ", ".join(NEED_CODES)
            )
        total = sum(shares.values())
        if shares and abs(total - 100) > NEED_TOTAL_TOLERANCE:
            raise ValueError(
                f"the primary need shares add up to {total:.1f}%, not about 100%: "
                "check for a share typed twice or missed out"
            )
        return shares


class NationalFigures(Model):
    source: Source
    #: "primary", "secondary", "special" and "all" (every state-funded school); a phase the
    #: release does not give, or whose figures could not be checked against it, is left out
    phases: dict[str, PhaseFigures] = Field(default_factory=dict)
    #: the same figures from the release before, so a reader sees which way they are moving
    previous: NationalFigures | None = None


@dataclass(frozen=True)
class NationalInUse:
    """The figures a trust view reads academies against, and a line saying whose file they
    are: a board paper that quotes them should be able to say where they came from."""

    figures: NationalFigures
    origin: str
