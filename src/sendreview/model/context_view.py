"""Each academy's SEN context in the trust view, beside the national figures for its phase.

Part of the trust view's public JSON (``aggregate --format json``, key ``context``): add
fields, never rename them. Counts here are exact; reports withhold small ones (see
``render/reports/need_profile.py``), the trust's own data files do not.
"""

from __future__ import annotations

from sendreview.model.base import ViewModel


class NationalRef(ViewModel):
    """Where the national figures came from, so a trust board can check them."""

    year: str
    source: str
    publisher: str
    #: the day the release was published, where known (year-month-day)
    published: str | None
    url: str
    #: the packaged release, or the trust's own newer file
    origin: str = ""


class GroupRates(ViewModel):
    """Suspensions or permanent exclusions per 100 pupils in each group, and how many times
    the rate for pupils with SEN is that of pupils without (None where a group is empty or a
    count is missing)."""

    no_sen: int | None
    sen_support: int | None
    ehc_plan: int | None
    no_sen_rate: float | None
    sen_support_rate: float | None
    ehc_plan_rate: float | None
    sen_support_ratio: float | None
    ehc_plan_ratio: float | None


class ContextFigures(ViewModel):
    """One academy's figures, or the trust's summed over the academies with a context file.

    Percentages are of all pupils on roll (0 to 100); broad-area shares are of pupils with
    a recorded primary need."""

    pupils: int | None
    sen_support: int | None
    ehc_plans: int | None
    sen_support_pct: float | None
    ehc_plan_pct: float | None
    primary_need: dict[str, int]
    broad_areas: dict[str, int]
    broad_areas_pct: dict[str, float | None]
    suspensions: GroupRates | None = None
    permanent_exclusions: GroupRates | None = None
    period: str | None = None


class Comparison(ViewModel):
    """The academy against the national figure for its phase, in percentage points."""

    national_phase: str
    sen_support_pct: float | None
    ehc_plan_pct: float | None
    sen_support_gap: float | None
    ehc_plan_gap: float | None
    broad_areas_pct: dict[str, float | None]


class WorthALook(ViewModel):
    """An academy far from the national picture for its phase: a question to ask, not a
    finding (``kind``: ``sen_support_low`` "possible under-identification", ``sen_support_high``,
    ``ehc_plan_low``, ``ehc_plan_high``)."""

    academy: str
    kind: str
    figure: float
    national: float
    gap: float


class AcademyContext(ContextFigures):
    census_date: str | None = None
    file: str | None = None
    national: Comparison | None = None


class ContextView(ViewModel):
    """``national``: None when no national figures could be read. ``missing``: academies
    without a context file for the cycle (listed, never counted as zeros)."""

    national: NationalRef | None
    #: how many percentage points from national an academy must be to be worth a look
    gap: float
    academies: dict[str, AcademyContext]
    #: summed over the academies with a context file, read against every state-funded school
    trust: AcademyContext
    missing: list[str]
    worth_a_look: list[WorthALook]
