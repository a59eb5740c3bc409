"""The reports' "SEN context" section: each academy's need profile beside national figures,
with small numbers withheld.

Published counts of pupils are protected the way DfE protects its own: a count from 1 to
``suppress_below - 1`` is shown as "fewer than 5", and any percentage, rate or difference
worked out from it is withheld, since it would give the count back. Zero is shown (it
reveals no pupil). ``suppress_below`` None (``report --no-suppress``) shows everything, for
a report that stays inside the SEND team. The trust view's JSON and CSV keep exact counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from sendreview.model.context import BROAD_AREA_TITLES
from sendreview.model.context_view import AcademyContext, ContextView, GroupRates
from sendreview.model.trust_view import TrustView
from sendreview.render.reports.need_chart import WITHHELD, NeedChart, need_chart

#: Counts from 1 to one less than this are shown as "fewer than 5" (``report --suppress-below``).
SUPPRESS_BELOW = 5
#: What each kind of "worth a look" means, in words a trust board reads.
WORTH_A_LOOK_WORDS: dict[str, str] = {
    "sen_support_low": "possible under-identification: SEN support well below national",
    "sen_support_high": "SEN support well above national",
    "ehc_plan_low": "EHC plans well below national",
    "ehc_plan_high": "EHC plans well above national",
}
#: The area of the school review whose statements the academy's context sits beside.
BESIDE_AREA = "identification"
_PHASE_WORDS = {
    "all": "all state-funded schools",
    "primary": "state-funded primary schools",
    "secondary": "state-funded secondary schools",
    "special": "state-funded special schools",
}


@dataclass(frozen=True)
class Protect:
    """How small a count must be to be withheld (None: nothing is)."""

    below: int | None

    def small(self, n: int | None) -> bool:
        return self.below is not None and n is not None and 0 < n < self.below

    def count(self, n: int | None) -> str:
        if n is None:
            return "not given"
        return f"fewer than {self.below}" if self.small(n) else f"{n:,}"

    def share(self, pct: float | None, *counts: int | None) -> str:
        """``pct``, unless any count it was worked out from is small."""
        if any(self.small(n) for n in counts):
            return WITHHELD
        return "–" if pct is None else f"{pct:.1f}%"

    def points(self, gap: float | None, *counts: int | None) -> str:
        if any(self.small(n) for n in counts):
            return WITHHELD
        return "–" if gap is None else f"{gap:+.1f} points"


@dataclass(frozen=True)
class AreaShare:
    id: str
    title: str
    count: str
    share: str
    national: str
    #: the shares as numbers for the chart; None where withheld or not known
    value: float | None
    national_value: float | None


@dataclass(frozen=True)
class Exclusions:
    title: str
    counts: tuple[str, str, str]
    rates: tuple[str, str, str]
    ratios: tuple[str, str]


@dataclass
class Profile:
    """One academy's context (or the trust's), every figure as text, already protected."""

    id: str
    name: str
    against: str
    pupils: str
    sen_support: str
    sen_support_pct: str
    sen_support_national: str
    sen_support_gap: str
    ehc_plans: str
    ehc_plan_pct: str
    ehc_plan_national: str
    ehc_plan_gap: str
    areas: list[AreaShare]
    exclusions: list[Exclusions]
    period: str | None
    census_date: str | None
    #: whether there is a national figure to read this profile against
    has_national: bool = True


@dataclass(frozen=True)
class Flag:
    name: str
    words: str
    figure: str
    national: str
    gap: str


@dataclass
class NeedProfile:
    source: str
    source_url: str | None
    gap: float
    suppress_below: int | None
    trust: Profile
    academies: list[Profile]
    missing: list[str]
    flags: list[Flag]
    #: whether any academy could be read against a national figure for its phase
    compared: bool
    #: in an academy's report: that academy's profile, and the area it sits beside
    own: Profile | None = None
    beside: str | None = None
    own_flags: list[Flag] = field(default_factory=list)
    #: the need mix drawn, for HTML: the trust's, and in an academy's report the academy's
    trust_chart: NeedChart | None = None
    own_chart: NeedChart | None = None


def need_profile(
    view: TrustView, suppress_below: int | None, academy_id: str | None = None
) -> NeedProfile | None:
    """The "SEN context" section, or None when no academy has a context file."""
    context = view.context
    if context is None:
        return None
    protect = Protect(suppress_below)
    names = {a.id: a.name for a in view.academies}
    profiles = [
        _profile(aid, names.get(aid, aid), c, protect) for aid, c in context.academies.items()
    ]
    flags = _flags(context, names, protect)
    section = NeedProfile(
        source=_source(context),
        source_url=context.national.url if context.national else None,
        gap=context.gap,
        suppress_below=suppress_below,
        trust=_total(
            _profile("trust", "The trust", context.trust, protect),
            list(context.academies.values()),
            protect,
        ),
        academies=profiles,
        missing=[names.get(aid, aid) for aid in context.missing],
        flags=[f for _, f in flags],
        compared=any(c.national is not None for c in context.academies.values()),
    )
    section.trust_chart = need_chart(section.trust)
    if academy_id is not None:
        section.own = next((p for p in profiles if p.id == academy_id), None)
        section.own_chart = need_chart(section.own) if section.own else None
        section.own_flags = [f for aid, f in flags if aid == academy_id]
        section.beside = BESIDE_AREA if any(a.id == BESIDE_AREA for a in view.areas) else None
    return section


def _source(context: ContextView) -> str:
    national = context.national
    if national is None:
        return "No national figures could be read."
    return f"{national.publisher}, \u201c{national.source}\u201d, {national.year}"


def _profile(aid: str, name: str, c: AcademyContext, protect: Protect) -> Profile:
    national = c.national
    return Profile(
        id=aid,
        name=name,
        against=_PHASE_WORDS.get(national.national_phase, national.national_phase)
        if national
        else "no national figure",
        pupils=protect.count(c.pupils),
        sen_support=protect.count(c.sen_support),
        sen_support_pct=protect.share(c.sen_support_pct, c.sen_support),
        sen_support_national=_pct(national.sen_support_pct if national else None),
        sen_support_gap=protect.points(
            national.sen_support_gap if national else None, c.sen_support
        ),
        ehc_plans=protect.count(c.ehc_plans),
        ehc_plan_pct=protect.share(c.ehc_plan_pct, c.ehc_plans),
        ehc_plan_national=_pct(national.ehc_plan_pct if national else None),
        ehc_plan_gap=protect.points(national.ehc_plan_gap if national else None, c.ehc_plans),
        areas=_areas(c, protect),
        exclusions=_exclusions(c, protect),
        period=c.period,
        census_date=c.census_date,
        has_national=national is not None,
    )


def _total(trust: Profile, academies: list[AcademyContext], protect: Protect) -> Profile:
    """The trust's figures, with each total withheld where an academy's count in it is:
    the total less the academies shown would give the withheld count back."""
    if protect.below is None:
        return trust

    def hidden(count: Callable[[AcademyContext], int | None]) -> bool:
        return any(protect.small(count(a)) for a in academies)

    if hidden(lambda a: a.sen_support):
        trust.sen_support = trust.sen_support_pct = trust.sen_support_gap = WITHHELD
    if hidden(lambda a: a.ehc_plans):
        trust.ehc_plans = trust.ehc_plan_pct = trust.ehc_plan_gap = WITHHELD
    trust.areas = [
        replace(area, count=WITHHELD, share=WITHHELD, value=None)
        if any(protect.small(a.broad_areas.get(area.id)) for a in academies)
        else area
        for area in trust.areas
    ]
    sizes = [_group_sizes(a) for a in academies]
    hidden_sizes = [any(protect.small(size[i]) for size in sizes) for i in range(3)]
    titles = [title for title, _ in _GROUPS]
    trust.exclusions = [
        _masked(
            e,
            [
                any(protect.small(_group_counts(a, titles.index(e.title))[i]) for a in academies)
                for i in range(3)
            ],
            hidden_sizes,
        )
        for e in trust.exclusions
    ]
    return trust


def _group_counts(a: AcademyContext, index: int) -> tuple[int | None, ...]:
    group = (a.suspensions, a.permanent_exclusions)[index]
    return (None,) * 3 if group is None else (group.no_sen, group.sen_support, group.ehc_plan)


def _group_sizes(a: AcademyContext) -> tuple[int | None, int | None, int | None]:
    """Pupils without SEN, on SEN support, with a plan: the rates' denominators."""
    with_sen = None if a.sen_support is None or a.ehc_plans is None else a.sen_support + a.ehc_plans
    no_sen = None if a.pupils is None or with_sen is None else a.pupils - with_sen
    return no_sen, a.sen_support, a.ehc_plans


def _three(items: Iterable[str]) -> tuple[str, str, str]:
    first, second, third = items
    return first, second, third


def _masked(e: Exclusions, counts: list[bool], sizes: list[bool]) -> Exclusions:
    """``e`` with a count withheld where it is small (``counts``), a rate where its count or
    its group's size is (``sizes``: the rate times nothing else gives the size back), and a
    ratio where either rate it divides is."""
    w = WITHHELD
    rate_hidden = [counts[i] or sizes[i] for i in range(3)]
    return Exclusions(
        e.title,
        _three(w if counts[i] else e.counts[i] for i in range(3)),
        _three(w if rate_hidden[i] else e.rates[i] for i in range(3)),
        (
            w if rate_hidden[0] or rate_hidden[1] else e.ratios[0],
            w if rate_hidden[0] or rate_hidden[2] else e.ratios[1],
        ),
    )


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _areas(c: AcademyContext, protect: Protect) -> list[AreaShare]:
    nationally = c.national.broad_areas_pct if c.national else {}
    rows = []
    for area, title in BROAD_AREA_TITLES.items():
        n = c.broad_areas.get(area, 0)
        pct = c.broad_areas_pct.get(area)
        hidden = protect.small(n)
        rows.append(
            AreaShare(
                id=area,
                title=title,
                count=protect.count(n),
                share=protect.share(pct, n),
                national=_pct(nationally.get(area)),
                value=None if hidden else pct,
                national_value=nationally.get(area),
            )
        )
    return rows


_GROUPS = (("Suspensions", "suspensions"), ("Permanent exclusions", "permanent_exclusions"))


def _exclusions(c: AcademyContext, protect: Protect) -> list[Exclusions]:
    found: list[tuple[str, GroupRates | None]] = [
        (title, getattr(c, name)) for title, name in _GROUPS
    ]
    return [_exclusion(title, g, protect, c) for title, g in found if g is not None]


def _exclusion(title: str, g: GroupRates, protect: Protect, c: AcademyContext) -> Exclusions:
    counts = (g.no_sen, g.sen_support, g.ehc_plan)

    def rate(value: float | None) -> str:
        return "–" if value is None else f"{value:.2f}"

    def ratio(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f} times"

    shown = Exclusions(
        title=title,
        counts=(protect.count(counts[0]), protect.count(counts[1]), protect.count(counts[2])),
        rates=(rate(g.no_sen_rate), rate(g.sen_support_rate), rate(g.ehc_plan_rate)),
        ratios=(ratio(g.sen_support_ratio), ratio(g.ehc_plan_ratio)),
    )
    sizes = _group_sizes(c)
    return _masked(shown, [protect.small(n) for n in counts], [protect.small(n) for n in sizes])


def _flags(context: ContextView, names: dict[str, str], protect: Protect) -> list[tuple[str, Flag]]:
    flags = []
    for w in context.worth_a_look:
        academy = context.academies[w.academy]
        count = academy.sen_support if w.kind.startswith("sen_support") else academy.ehc_plans
        flags.append(
            (
                w.academy,
                Flag(
                    name=names.get(w.academy, w.academy),
                    words=WORTH_A_LOOK_WORDS.get(w.kind, w.kind),
                    figure=protect.share(w.figure, count),
                    national=_pct(w.national),
                    gap=protect.points(w.gap, count),
                ),
            )
        )
    return flags
