"""Each academy's SEN context beside the national figures for its phase, and the trust's.

The MAT SEND Review asks a trust to understand "the distribution of the four broad areas of
SEN need within individual academies and across the MAT as a whole"; the school review's
identification statements ask leaders to use nationally available data. This module turns
the academies' context files (counts only) into those figures. It decides nothing about
small numbers: the trust view keeps exact counts, and reports withhold the small ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sendreview.model.context import BROAD_AREAS, ByProvision, SenContext, broad_area_of
from sendreview.model.context_view import (
    AcademyContext,
    Comparison,
    ContextFigures,
    ContextView,
    GroupRates,
    NationalRef,
    WorthALook,
)
from sendreview.model.national import NationalFigures, PhaseFigures

#: The national phase a whole trust is read against: every state-funded school.
ALL_SCHOOLS = "all"


@dataclass(frozen=True)
class Phased:
    """An academy of the trust: its id and the national phase it is read against."""

    id: str
    national_phase: str


def context_view(
    academies: Iterable[Phased],
    contexts: dict[str, SenContext],
    national: NationalFigures | None,
    gap: float,
    origin: str = "",
) -> ContextView | None:
    """The trust's SEN context, or None when no academy has a context file for the cycle
    (then the trust view and reports are as they were before context files existed). A file
    ``new`` scaffolded and nobody filled in counts as no file: blanks are not zeros."""
    contexts = {aid: c for aid, c in contexts.items() if c.filled_in}
    chosen = list(academies)
    present = [a for a in chosen if a.id in contexts]
    if not present:
        return None
    per_academy = {
        a.id: _academy(contexts[a.id], _phase(national, a.national_phase)) for a in present
    }
    trust = _with_national(
        AcademyContext(**_figures(_summed(contexts[a.id] for a in present)).model_dump()),
        _phase(national, ALL_SCHOOLS),
    )
    return ContextView(
        national=_reference(national, origin),
        gap=gap,
        academies=per_academy,
        trust=trust,
        missing=[a.id for a in chosen if a.id not in contexts],
        worth_a_look=[w for aid, c in per_academy.items() for w in worth_a_look(aid, c, gap)],
    )


def _phase(national: NationalFigures | None, phase: str) -> tuple[str, PhaseFigures] | None:
    if national is None:
        return None
    found = national.phases.get(phase) or national.phases.get(ALL_SCHOOLS)
    if found is None:
        return None
    return (phase if phase in national.phases else ALL_SCHOOLS), found


def _reference(national: NationalFigures | None, origin: str) -> NationalRef | None:
    if national is None:
        return None
    source = national.source
    return NationalRef(
        year=source.year,
        source=source.title,
        publisher=source.publisher,
        published=source.published.isoformat() if source.published else None,
        url=source.url,
        origin=origin,
    )


def _academy(context: SenContext, phase: tuple[str, PhaseFigures] | None) -> AcademyContext:
    figures = _figures(context)
    academy = AcademyContext(
        **figures.model_dump(),
        census_date=context.census_date.isoformat() if context.census_date else None,
    )
    return _with_national(academy, phase)


def _with_national(
    academy: AcademyContext, phase: tuple[str, PhaseFigures] | None
) -> AcademyContext:
    if phase is None:
        return academy
    name, figures = phase
    academy.national = Comparison(
        national_phase=name,
        sen_support_pct=figures.sen_support_pct,
        ehc_plan_pct=figures.ehc_plan_pct,
        sen_support_gap=_minus(academy.sen_support_pct, figures.sen_support_pct),
        ehc_plan_gap=_minus(academy.ehc_plan_pct, figures.ehc_plan_pct),
        broad_areas_pct=national_broad_areas(figures),
    )
    return academy


def national_broad_areas(figures: PhaseFigures) -> dict[str, float | None]:
    """The national need mix by broad area (percentages of pupils with SEN), None for every
    area when the national file gives no need mix for the phase."""
    if not figures.primary_need_pct:
        return dict.fromkeys(BROAD_AREAS)
    totals = dict.fromkeys(BROAD_AREAS, 0.0)
    for code, pct in figures.primary_need_pct.items():
        area = broad_area_of(code)
        if area is not None:
            totals[area] += pct
    return {area: round(pct, 1) for area, pct in totals.items()}


def _figures(context: SenContext) -> ContextFigures:
    needs = {code: n for code, n in sorted(context.primary_need.items()) if n is not None}
    areas = context.broad_areas()
    recorded = sum(areas.values())
    return ContextFigures(
        pupils=context.pupils,
        sen_support=context.sen_support,
        ehc_plans=context.ehc_plans,
        sen_support_pct=percent(context.sen_support, context.pupils),
        ehc_plan_pct=percent(context.ehc_plans, context.pupils),
        primary_need=needs,
        broad_areas=areas,
        broad_areas_pct={area: percent(n, recorded) for area, n in areas.items()},
        suspensions=_rates(context.suspensions, context),
        permanent_exclusions=_rates(context.permanent_exclusions, context),
        period=context.period,
    )


def percent(part: int | None, whole: int | None) -> float | None:
    """``part`` as a percentage of ``whole`` to one decimal place; None when either is
    missing or ``whole`` is 0 (no share of nothing)."""
    if part is None or not whole:
        return None
    return round(100 * part / whole, 1)


def _minus(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(a - b, 1)


def _rates(counts: ByProvision | None, context: SenContext) -> GroupRates | None:
    """Events per 100 pupils in each group: pupils without SEN are the roll less those with
    SEN, so the rates compare like with like whatever the academy's size."""
    if counts is None:
        return None
    with_sen = context.with_sen
    no_sen_pupils = (
        None if context.pupils is None or with_sen is None else context.pupils - with_sen
    )
    no_sen = _rate(counts.no_sen, no_sen_pupils)
    support = _rate(counts.sen_support, context.sen_support)
    plan = _rate(counts.ehc_plan, context.ehc_plans)
    return GroupRates(
        no_sen=counts.no_sen,
        sen_support=counts.sen_support,
        ehc_plan=counts.ehc_plan,
        no_sen_rate=no_sen,
        sen_support_rate=support,
        ehc_plan_rate=plan,
        sen_support_ratio=_ratio(support, no_sen),
        ehc_plan_ratio=_ratio(plan, no_sen),
    )


def _rate(events: int | None, group: int | None) -> float | None:
    if events is None or not group or group < 0:
        return None
    return round(100 * events / group, 2)


def _ratio(rate: float | None, base: float | None) -> float | None:
    return None if rate is None or not base else round(rate / base, 1)


def _summed(contexts: Iterable[SenContext]) -> SenContext:
    """The academies' counts added up; a count one academy left blank leaves the trust's
    total blank too, rather than a total that silently misses an academy."""
    chosen = list(contexts)
    needs: dict[str, int | None] = {}
    for context in chosen:
        for code, n in context.primary_need.items():
            needs[code] = _add(needs.get(code, 0), n)
    return SenContext.model_construct(
        academy="trust",
        cycle=chosen[0].cycle,
        census_date=None,
        pupils=_total(chosen, lambda c: c.pupils),
        sen_support=_total(chosen, lambda c: c.sen_support),
        ehc_plans=_total(chosen, lambda c: c.ehc_plans),
        primary_need=needs,
        suspensions=_summed_groups([c.suspensions for c in chosen]),
        permanent_exclusions=_summed_groups([c.permanent_exclusions for c in chosen]),
        period=next((c.period for c in chosen if c.period), None),
    )


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _total(contexts: list[SenContext], count: Callable[[SenContext], int | None]) -> int | None:
    return _sum(count(c) for c in contexts)


def _summed_groups(groups: list[ByProvision | None]) -> ByProvision | None:
    """Only when every academy gave the figures: a trust-wide rate from some academies'
    exclusions over every academy's pupils would understate it."""
    if not groups or any(g is None for g in groups):
        return None
    present = [g for g in groups if g is not None]
    return ByProvision.model_construct(
        no_sen=_sum(g.no_sen for g in present),
        sen_support=_sum(g.sen_support for g in present),
        ehc_plan=_sum(g.ehc_plan for g in present),
    )


def _sum(values: Iterable[int | None]) -> int | None:
    total: int | None = 0
    for value in values:
        total = _add(total, value)
    return total


def worth_a_look(academy_id: str, context: AcademyContext, gap: float) -> Iterable[WorthALook]:
    """The ways ``context`` is ``gap`` or more percentage points from national."""
    national = context.national
    if national is None:
        return
    pairs = (
        ("sen_support", context.sen_support_pct, national.sen_support_pct),
        ("ehc_plan", context.ehc_plan_pct, national.ehc_plan_pct),
    )
    for name, figure, nationally in pairs:
        if figure is None or nationally is None:
            continue
        difference = round(figure - nationally, 1)
        if abs(difference) >= gap:
            kind = f"{name}_{'low' if difference < 0 else 'high'}"
            if kind == "sen_support_low" and not _fewer_with_sen(context, national):
                continue  # a special school's pupils on plans, not on SEN support
            yield WorthALook(
                academy=academy_id, kind=kind, figure=figure, national=nationally, gap=difference
            )


def _fewer_with_sen(context: AcademyContext, national: Comparison) -> bool:
    """Whether fewer pupils have SEN at all (support and plans together) than nationally:
    low SEN support alone is no sign of under-identification where pupils have plans."""
    if None in (context.sen_support_pct, context.ehc_plan_pct, national.ehc_plan_pct):
        return True
    ours = (context.sen_support_pct or 0.0) + (context.ehc_plan_pct or 0.0)
    theirs = (national.sen_support_pct or 0.0) + (national.ehc_plan_pct or 0.0)
    return ours < theirs
