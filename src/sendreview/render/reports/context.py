"""What the text reports show, shaped from a :class:`TrustView` once for every format.

The Markdown and HTML templates and the terminal view all draw on :func:`build`, so a
figure cannot differ between them. The shapes themselves are in :mod:`.shapes`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from sendreview.model.comparison import CycleComparison, Trend
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import (
    NOT_APPLICABLE,
    UNRATED,
    AcademyResult,
    AreaSummary,
    StatementRow,
    TrustReviewSummary,
    TrustView,
)
from sendreview.render.reports.area_chart import area_chart
from sendreview.render.reports.caveats import caveat, problem_summaries, validate_command
from sendreview.render.reports.focus import focus
from sendreview.render.reports.moderation import marks, moderation_section
from sendreview.render.reports.movement import movement
from sendreview.render.reports.movement_academy import own_movement
from sendreview.render.reports.need_profile import SUPPRESS_BELOW, need_profile
from sendreview.render.reports.shapes import (
    Academy,
    AreaTallies,
    HeatArea,
    HeatRow,
    Lens,
    OutlierRow,
    PeerGroup,
    PriorityRow,
    Report,
    StatementHead,
    TrustReview,
    TrustStatement,
)
from sendreview.render.reports.summary import academy_summary, executive_summary
from sendreview.render.reports.tallies import action_areas, answer_cell, tally
from sendreview.render.reports.trend_chart import trend_view
from sendreview.render.reports.wording import (
    STATE_LABELS,
    Cell,
    Level,
    cell,
    cycle_label,
    date_range,
    levels,
    rests_on,
    statement_number,
    word,
)


def build(
    view: TrustView,
    academy_id: str | None = None,
    comparison: CycleComparison | None = None,
    trend: Trend | None = None,
    suppress_below: int | None = SUPPRESS_BELOW,
) -> Report:
    """The report's content: the trust's, or with ``academy_id`` one academy's as well;
    with ``comparison`` what moved since the cycle before, with ``trend`` every cycle's;
    counts of pupils under ``suppress_below`` withheld (None: none are)."""
    report = _trust_sections(view)
    scale = report.scale
    report.caveat = caveat(report)
    report.area_chart = area_chart(report.areas)
    report.problem_summaries = problem_summaries(view, report.academies)
    report.validate_command = validate_command(report.academies, view.trust_review)
    if comparison is not None:
        report.movement = movement(comparison, scale)
    if trend is not None:
        report.trend = trend_view(trend)
    report.need_profile = need_profile(view, suppress_below, academy_id)
    report.moderation = moderation_section(view, scale)
    if academy_id is not None:
        report.focus = focus(view, report, academy_id)
        if comparison is not None:
            report.focus.movement = own_movement(comparison, report.focus.academy.id, scale)
    report.summary = executive_summary(report)  # last: it reads every section built above
    if report.focus is not None:
        report.focus.summary = academy_summary(report.focus)
    return report


def _trust_sections(view: TrustView) -> Report:
    """The sections every report has, built from the trust view alone."""
    scale = levels(view.rating_scale)
    academies = [_academy(a) for a in view.academies]
    names = {a.id: a.name for a in academies}
    titles = {a.id: a.title for a in view.areas}
    return Report(
        trust=view.trust,
        cycle=view.cycle,
        cycle_label=cycle_label(view.cycle),
        framework=view.framework.title,
        framework_version=view.framework.version,
        scale=scale,
        academies=academies,
        review_dates=date_range(a.review_date for a in academies),
        heat_areas=_heat_areas(view),
        heat_rows=_heat_rows(view, academies, scale),
        areas=[_area_tallies(a, academies, scale) for a in view.areas],
        priorities=_priorities(view, names, titles),
        priority_share=view.thresholds.priority_share,
        outliers=_outliers(view, names, titles),
        outlier_gap=view.thresholds.outlier_gap,
        peers=_peer_groups(view, names, titles, scale),
        actions=action_areas(view.actions, [(a.id, a.title) for a in view.areas], names),
        overdue=sum(1 for a in view.actions if a.overdue),
        trust_review=_trust_review(view.trust_review, scale),
        lens=_lens(view, academies, scale),
        problems=list(view.problems),
    )


def _priorities(
    view: TrustView, names: dict[str, str], titles: dict[str, str]
) -> list[PriorityRow]:
    return [
        PriorityRow(
            p.statement,
            titles.get(p.area, p.area),
            p.text,
            [names.get(a, a) for a in p.academies],
            p.count,
            p.share,
        )
        for p in view.priorities
    ]


def _outliers(view: TrustView, names: dict[str, str], titles: dict[str, str]) -> list[OutlierRow]:
    return [
        OutlierRow(
            names.get(o.academy, o.academy),
            titles.get(o.area, o.area),
            o.score,
            o.trust_score,
            o.gap,
            _basis(view, o.academy, o.area),
        )
        for o in view.outliers
    ]


def _basis(view: TrustView, academy: str, area: str) -> str:
    counts = next((a.by_academy.get(academy, {}) for a in view.areas if a.id == area), {})
    rated = sum(n for key, n in counts.items() if key not in (UNRATED, NOT_APPLICABLE))
    return rests_on(rated, counts.get(UNRATED, 0))


def _academy(a: AcademyResult) -> Academy:
    return Academy(
        id=a.id,
        name=a.name,
        phase=word(a.phase),
        state=a.state,
        state_label=STATE_LABELS.get(a.state, word(a.state)),
        review_date=a.review_date,
        file=a.file,
        rated=a.rated,
        not_applicable=a.not_applicable,
        unrated=a.unrated,
        errors=a.errors,
        warnings=a.warnings,
    )


def _heat_areas(view: TrustView) -> list[HeatArea]:
    by_area: dict[str, list[StatementHead]] = defaultdict(list)
    for row in view.statements:
        by_area[row.area].append(StatementHead(row.id, statement_number(row.id), row.text))
    return [HeatArea(a.id, a.title, by_area[a.id]) for a in view.areas]


def _heat_rows(view: TrustView, academies: list[Academy], scale: list[Level]) -> list[HeatRow]:
    by_area: dict[str, list[StatementRow]] = defaultdict(list)
    for row in view.statements:
        by_area[row.area].append(row)
    marked = marks(view, scale)

    def answer(row: StatementRow, academy: str) -> Cell:
        found = answer_cell(row, academy, scale)
        mark = marked.get((academy, row.id))
        return replace(found, moderation=mark) if mark else found

    return [
        HeatRow(academy, [[answer(r, academy.id) for r in by_area[area.id]] for area in view.areas])
        for academy in academies
    ]


def _area_tallies(area: AreaSummary, academies: list[Academy], scale: list[Level]) -> AreaTallies:
    rows = [(a, tally(area.by_academy.get(a.id, {}), scale)) for a in academies]
    return AreaTallies(area.id, area.title, rows, tally(area.trust, scale))


def _peer_groups(
    view: TrustView, names: dict[str, str], titles: dict[str, str], scale: list[Level]
) -> list[PeerGroup]:
    """Pairs of academies, once per area, with the statements they could work on together."""
    grouped: dict[tuple[str, str, str], list[StatementHead]] = defaultdict(list)
    ratings: dict[tuple[str, str, str], tuple[str, str]] = {}
    for p in view.peer_support:
        key = (p.from_academy, p.to_academy, p.area)
        grouped[key].append(StatementHead(p.statement, statement_number(p.statement), p.text))
        ratings[key] = (p.from_rating, p.to_rating)
    return [
        PeerGroup(
            helper=names.get(helper, helper),
            helper_rating=cell(ratings[key][0], scale),
            learner=names.get(learner, learner),
            learner_rating=cell(ratings[key][1], scale),
            area=titles.get(area, area),
            statements=statements,
        )
        for key, statements in grouped.items()
        for helper, learner, area in [key]
    ]


def _trust_review(review: TrustReviewSummary | None, scale: list[Level]) -> TrustReview | None:
    if review is None:
        return None
    bottom = scale[0].id if scale else None
    titles = {a.id: a.title for a in review.areas}
    return TrustReview(
        title=review.framework.title,
        state=review.state,
        state_label=STATE_LABELS.get(review.state, word(review.state)),
        review_date=review.review_date,
        file=review.file,
        areas=[(a.title, tally(a.trust, scale)) for a in review.areas],
        weakest=[
            TrustStatement(
                r.id,
                titles.get(r.area, r.area),
                r.text,
                answer_cell(r, TRUST_ID, scale),
                r.areas_for_development.get(TRUST_ID, ""),
            )
            for r in review.statements
            if bottom and r.ratings.get(TRUST_ID) == bottom
        ],
        actions=action_areas(
            review.actions, [(a.id, a.title) for a in review.areas], {TRUST_ID: "The trust"}
        ),
    )


def _lens(view: TrustView, academies: list[Academy], scale: list[Level]) -> Lens | None:
    if not view.lens or view.lens_framework is None:
        return None
    rows = [
        (a, [tally(area.by_academy.get(a.id, {}), scale) for area in view.lens]) for a in academies
    ]
    pooled = []
    for area in view.lens:
        total: Counter[str] = Counter()
        for counts in area.by_academy.values():
            total.update(counts)
        pooled.append(tally(dict(total), scale))
    own = None
    if view.trust_review is not None and view.trust_review.state != "missing":
        by_id = {a.id: a for a in view.trust_review.areas}
        own = [
            tally(by_id[a.id].trust, scale) if a.id in by_id else tally({}, scale)
            for a in view.lens
        ]
    return Lens(
        title=view.lens_framework.title,
        areas=[(a.title, len(a.statements)) for a in view.lens],
        rows=rows,
        all_academies=pooled,
        trust_review=own,
    )
