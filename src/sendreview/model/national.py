"""National figures to read an academy's SEN context against, with where each came from.

Shipped as data (``national/*.yaml`` in the package; a trust may keep a newer file in its
repository), never as constants in code: every figure carries its year, release and address
so a trust board can check it.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from sendreview.model.base import Model


class Source(Model):
    """A published release: "Special educational needs in England", academic year 2025/26."""

    title: str
    publisher: str = "Department for Education"
    #: the academic year the figures describe, for example 2025/26 (the January 2026 census)
    year: str
    published: dt.date
    url: str


class PhaseFigures(Model):
    """One phase of state-funded schools (primary, secondary, special, or all of them)."""

    #: pupils on SEN support, and with an EHC plan, as a percentage of all pupils (0 to 100)
    sen_support_pct: float
    ehc_plan_pct: float
    #: census code -> percentage of pupils with SEN (support and plans together) whose
    #: primary need it is
    primary_need_pct: dict[str, float] = Field(default_factory=dict)


class NationalFigures(Model):
    source: Source
    #: "primary", "secondary", "special" and "all" (every state-funded school)
    phases: dict[str, PhaseFigures]
