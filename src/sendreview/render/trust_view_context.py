"""The SEN context as two of the related CSV tables: ``context.csv`` (one row per academy of
the trust, and one for the trust, ``academy_id`` ``trust``) and ``primary_need.csv`` (one row
per academy and census need code). Counts are exact: these files are the trust's own data;
the reports are where small numbers are withheld.

An academy without a context file has a row with ``has_context`` false and every figure
empty, so it is never read as zeros.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sendreview.model.context import BROAD_AREAS, NEED_CODES, broad_area_of
from sendreview.model.trust import TRUST_ID
from sendreview.render.trust_view_data import number_text

if TYPE_CHECKING:
    from sendreview.model.context_view import AcademyContext, GroupRates
    from sendreview.model.trust_view import TrustView


def context_rows(view: TrustView) -> Iterator[list[str]]:
    context = view.context
    if context is None:
        return
    for academy in view.academies:
        found = context.academies.get(academy.id)
        yield [view.cycle, academy.id, *_figures(found)]
    yield [view.cycle, TRUST_ID, *_figures(context.trust)]


def _figures(c: AcademyContext | None) -> list[str]:
    if c is None:
        return ["false", *[""] * 21]
    national = c.national
    return [
        "true",
        c.census_date or "",
        number_text(c.pupils),
        number_text(c.sen_support),
        number_text(c.ehc_plans),
        number_text(c.sen_support_pct),
        number_text(c.ehc_plan_pct),
        national.national_phase if national else "",
        number_text(national.sen_support_pct if national else None),
        number_text(national.ehc_plan_pct if national else None),
        *(number_text(c.broad_areas.get(area)) for area in BROAD_AREAS),
        c.period or "",
        *_groups(c.suspensions),
        *_groups(c.permanent_exclusions),
    ]


def _groups(g: GroupRates | None) -> list[str]:
    if g is None:
        return ["", "", ""]
    return [number_text(g.no_sen), number_text(g.sen_support), number_text(g.ehc_plan)]


def need_rows(view: TrustView) -> Iterator[list[str]]:
    context = view.context
    if context is None:
        return
    chosen = [*context.academies.items(), (TRUST_ID, context.trust)]
    for academy_id, c in chosen:
        for code, pupils in c.primary_need.items():
            area = broad_area_of(code) or ""
            yield [view.cycle, academy_id, code, NEED_CODES.get(code, ""), area, str(pupils)]
