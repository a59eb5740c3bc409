"""Merge every academy's review for a cycle into a :class:`TrustView`.

The trust view is what the MAT SEND Review calls "aggregating the data and recommendations
within the more granular SEND Review into a broader trust wide evaluation": ratings by area
and academy, trust-wide priorities, outliers, peer-support pairs and every action plan.

Reviews that are missing, unfinished or invalid are reported as such. Their ratings are
counted only where the review could be read and the rating is on the scale; nothing is
silently dropped and nothing unreadable is counted as a rating.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sendreview.codes import COMPLETENESS
from sendreview.diagnostics import Diagnostic
from sendreview.errors import UsageError
from sendreview.model import Framework, Review, Trust
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import (
    AcademyResult,
    AreaSummary,
    CollatedAction,
    FrameworkRef,
    LensArea,
    Outlier,
    PeerPair,
    Priority,
    ReviewState,
    StatementRow,
    Thresholds,
    TrustReviewSummary,
    TrustView,
)
from sendreview.prose import did_you_mean
from sendreview.repository.crosswalks import find_crosswalk
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository, display_path
from sendreview.repository.reviews import LoadedReview, load_review, load_reviews

UNRATED = "unrated"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class AggregateOptions:
    """``priority_share``: a statement is a trust priority when at least this share of the
    academies with a review rate it red or amber. ``outlier_gap``: an academy is an outlier
    in an area when its score is this far below the trust's (scores run from 0 to 1)."""

    priority_share: float = 0.5
    outlier_gap: float = 0.25


def aggregate(
    root: Path, cycle: str | None = None, options: AggregateOptions = AggregateOptions()
) -> TrustView:
    repo = Repository.at(root)
    trust = repo.load_trust()
    registry = FrameworkRegistry.for_repository(repo.root)
    cycle = choose_cycle(repo, cycle)
    framework = registry.require(trust.frameworks.academy)
    loaded = _load_all(repo, cycle, registry, trust)
    reviews = {aid: item.review for aid, item in loaded.items() if item and item.review}
    academies = [_result(a.id, a.name, a.phase, loaded[a.id], framework) for a in trust.academies]
    ids = [a.id for a in academies]
    statements = _statements(framework, reviews, ids)
    areas = [
        _area_summary(
            area.id, area.title, [s for s in statements if s.area == area.id], ids, framework
        )
        for area in framework.areas
    ]
    view = TrustView(
        trust=trust.trust,
        cycle=cycle,
        framework=_ref(framework),
        rating_scale=framework.rating_scale,
        thresholds=Thresholds(
            priority_share=options.priority_share, outlier_gap=options.outlier_gap
        ),
        academies=academies,
        statements=statements,
        areas=areas,
        priorities=_priorities(statements, framework, len(reviews), options),
        outliers=_outliers(areas, options),
        peer_support=_peer_pairs(statements, areas, framework),
        actions=_actions(reviews, framework),
        action_plan_summaries=_summaries(reviews),
        problems=_problems(item for item in loaded.values() if item),
    )
    _add_trust_level(view, repo, registry, trust, framework, cycle, statements, ids)
    return view


def choose_cycle(repo: Repository, cycle: str | None) -> str:
    """The cycle asked for, or the only one there is."""
    chosen = repo.cycle_or_only(cycle)
    cycles = repo.cycles()
    if chosen not in cycles:
        raise UsageError(
            f"There are no reviews for cycle '{chosen}'.",
            did_you_mean(chosen, cycles)
            + f"Cycles in this repository: {', '.join(cycles) or 'none yet'}.",
        )
    return chosen


def _load_all(
    repo: Repository, cycle: str, registry: FrameworkRegistry, trust: Trust
) -> dict[str, LoadedReview | None]:
    """Each academy's review for the cycle, or None where it has none."""
    paths = {a.id: repo.review_file(cycle, a.id) for a in trust.academies}
    present = {aid: path for aid, path in paths.items() if path.is_file()}
    loaded = dict(zip(present, load_reviews(list(present.values()), registry, trust), strict=True))
    return {aid: loaded.get(aid) for aid in paths}


def _load(path: Path, registry: FrameworkRegistry, trust: Trust) -> LoadedReview | None:
    return load_review(path, registry, trust) if path.is_file() else None


def _state(item: LoadedReview | None) -> ReviewState:
    if item is None:
        return "missing"
    errors = [d for d in item.diagnostics if d.is_error]
    if item.review is None or any(d.code not in COMPLETENESS for d in errors):
        return "invalid"
    return "incomplete" if any(d.code in COMPLETENESS for d in item.diagnostics) else "complete"


def _result(
    academy_id: str, name: str, phase: str | None, item: LoadedReview | None, framework: Framework
) -> AcademyResult:
    review = item.review if item else None
    counts = Counter(_cell(review, s.id, framework) for s in framework.statements())
    rated = sum(n for key, n in counts.items() if key not in (UNRATED, NOT_APPLICABLE))
    return AcademyResult(
        id=academy_id,
        name=name,
        phase=phase,
        file=display_path(item.path) if item else None,
        state=_state(item),
        review_date=review.review_date if review else None,
        rated=rated,
        not_applicable=counts[NOT_APPLICABLE],
        unrated=counts[UNRATED],
        errors=sum(1 for d in item.diagnostics if d.is_error) if item else 0,
        warnings=sum(1 for d in item.diagnostics if not d.is_error) if item else 0,
    )


def _cell(review: Review | None, statement_id: str, framework: Framework) -> str:
    """What one academy's answer to one statement counts as: a rating id, unrated or N/A."""
    response = review.responses.get(statement_id) if review else None
    if response is None:
        return UNRATED
    if response.is_not_applicable and response.rating is None:
        return NOT_APPLICABLE
    if response.rating is not None and framework.rating(response.rating) is not None:
        return response.rating
    return UNRATED


def _statements(
    framework: Framework, reviews: dict[str, Review], ids: list[str]
) -> list[StatementRow]:
    rows = []
    for area in framework.areas:
        for statement in area.statements:
            row = StatementRow(id=statement.id, area=area.id, text=statement.text, ratings={})
            for academy_id in ids:
                cell = _cell(reviews.get(academy_id), statement.id, framework)
                row.ratings[academy_id] = None if cell in (UNRATED, NOT_APPLICABLE) else cell
                response = (
                    reviews[academy_id].responses.get(statement.id)
                    if academy_id in reviews
                    else None
                )
                if response is None:
                    continue
                if cell == NOT_APPLICABLE:
                    row.not_applicable[academy_id] = str(response.not_applicable)
                row.strengths[academy_id] = response.strengths.strip()
                row.areas_for_development[academy_id] = response.areas_for_development.strip()
                row.evidence[academy_id] = list(response.evidence)
            rows.append(row)
    return rows


def _counts(rows: Iterable[StatementRow], academy_id: str, framework: Framework) -> dict[str, int]:
    counts = {r.id: 0 for r in framework.rating_scale} | {UNRATED: 0, NOT_APPLICABLE: 0}
    for row in rows:
        rating = row.ratings.get(academy_id)
        key = (
            rating if rating else (NOT_APPLICABLE if academy_id in row.not_applicable else UNRATED)
        )
        counts[key] += 1
    return counts


def _score(counts: dict[str, int], framework: Framework) -> float | None:
    ranked = ((framework.rank(r), n) for r, n in counts.items() if framework.rating(r))
    return scale_score(ranked, len(framework.rating_scale) - 1)


def scale_score(ranked: Iterable[tuple[int, int]], top: int) -> float | None:
    """Mean position on the scale of the rated answers: 0 is all bottom, 1 all top.

    ``ranked`` holds (position on the scale, number of answers) pairs; ``top`` is the
    position of the best rating. None when nothing is rated.
    """
    pairs = [(rank, n) for rank, n in ranked if n]
    total = sum(n for _, n in pairs)
    if not total or not top:
        return None
    return round(sum(rank * n for rank, n in pairs) / (top * total), 3)


def enough_rated(rated: int, unrated: int) -> bool:
    """Whether a score rests on at least half the statements that apply (not applicable
    ones left out): below that, reports show no headline score and no outlier is drawn."""
    applicable = rated + unrated
    return applicable > 0 and 2 * rated >= applicable


def _area_summary(
    area_id: str, title: str, rows: list[StatementRow], ids: list[str], framework: Framework
) -> AreaSummary:
    by_academy = {aid: _counts(rows, aid, framework) for aid in ids}
    trust = Counter[str]()
    for counts in by_academy.values():
        trust.update(counts)
    return AreaSummary(
        id=area_id,
        title=title,
        by_academy=by_academy,
        trust=dict(trust),
        scores={aid: _score(c, framework) for aid, c in by_academy.items()},
        trust_score=_score(dict(trust), framework),
    )


def _priorities(
    rows: list[StatementRow], framework: Framework, reviewed: int, options: AggregateOptions
) -> list[Priority]:
    out = []
    for row in rows:
        concerned = [aid for aid, r in row.ratings.items() if framework.needs_action(r)]
        share = len(concerned) / reviewed if reviewed else 0.0
        if len(concerned) >= 2 and share >= options.priority_share:
            out.append(
                Priority(
                    statement=row.id,
                    area=row.area,
                    text=row.text,
                    academies=concerned,
                    count=len(concerned),
                    share=round(share, 3),
                )
            )
    # Most academies first; among equals, the statement with the most of the worst rating.
    worst = framework.rating_ids[0]
    return sorted(
        out,
        key=lambda p: (
            -p.count,
            -sum(
                1
                for a in p.academies
                if next(r for r in rows if r.id == p.statement).ratings[a] == worst
            ),
        ),
    )


def _outliers(areas: list[AreaSummary], options: AggregateOptions) -> list[Outlier]:
    out = []
    for area in areas:
        if area.trust_score is None:
            continue
        for academy_id, score in area.scores.items():
            counts = area.by_academy.get(academy_id, {})
            rated = sum(n for k, n in counts.items() if k not in ("unrated", "not_applicable"))
            if not enough_rated(rated, counts.get("unrated", 0)):
                continue  # a score from too few statements is no ground to single one out
            if score is not None and area.trust_score - score >= options.outlier_gap:
                out.append(
                    Outlier(
                        academy=academy_id,
                        area=area.id,
                        score=score,
                        trust_score=area.trust_score,
                        gap=round(area.trust_score - score, 3),
                    )
                )
    return sorted(out, key=lambda o: -o.gap)


def _peer_pairs(
    rows: list[StatementRow], areas: list[AreaSummary], framework: Framework
) -> list[PeerPair]:
    """Pair each academy at the bottom of the scale with one at the top on the same statement.

    Of the academies at the top, the one strongest across the whole area is suggested, since
    it is most likely to have practice worth a visit.
    """
    bottom, top = framework.rating_ids[0], framework.rating_ids[-1]
    area_scores = {a.id: a.scores for a in areas}
    pairs = []
    for row in rows:
        strong = [aid for aid, r in row.ratings.items() if r == top]
        if not strong:
            continue
        scores = area_scores[row.area]
        helper = max(strong, key=lambda aid: scores.get(aid) or 0.0)
        for weak in (aid for aid, r in row.ratings.items() if r == bottom):
            pairs.append(
                PeerPair(
                    statement=row.id,
                    area=row.area,
                    text=row.text,
                    from_academy=helper,
                    from_rating=top,
                    to_academy=weak,
                    to_rating=bottom,
                )
            )
    return pairs


def _actions(reviews: dict[str, Review], framework: Framework) -> list[CollatedAction]:
    out = []
    for area in framework.areas:
        for academy_id, review in reviews.items():
            plan = review.action_plans.get(area.id)
            for action in plan.actions if plan else []:
                out.append(
                    CollatedAction(
                        academy=academy_id,
                        area=area.id,
                        action=action.action.strip(),
                        owner=action.owner.strip(),
                        due=action.due,
                        priority=action.priority,
                        status=action.status or "",
                        statements=list(action.statements),
                        success_criteria=action.success_criteria.strip(),
                        overdue=bool(review.review_date and action.is_overdue(review.review_date)),
                    )
                )
    return out


def _summaries(reviews: dict[str, Review]) -> dict[str, dict[str, str]]:
    return {
        academy_id: {area: plan.summary.strip() for area, plan in plans if plan.summary.strip()}
        for academy_id, review in reviews.items()
        if (plans := list(review.action_plans.items()))
    }


def _problems(items: Iterable[LoadedReview]) -> list[Diagnostic]:
    return [d for item in items for d in item.diagnostics]


def _ref(framework: Framework) -> FrameworkRef:
    return FrameworkRef(id=framework.id, version=framework.version, title=framework.title)


def _add_trust_level(
    view: TrustView,
    repo: Repository,
    registry: FrameworkRegistry,
    trust: Trust,
    framework: Framework,
    cycle: str,
    rows: list[StatementRow],
    ids: list[str],
) -> None:
    """The trust's own review, and the academies read through its areas by a crosswalk."""
    if not trust.frameworks.trust:
        return
    mat = registry.require(trust.frameworks.trust)
    item = _load(repo.review_file(cycle, TRUST_ID), registry, trust)
    review = item.review if item else None
    reviews = {TRUST_ID: review} if review else {}
    mat_rows = _statements(mat, reviews, [TRUST_ID])
    view.trust_review = TrustReviewSummary(
        framework=_ref(mat),
        file=display_path(item.path) if item else None,
        state=_state(item),
        review_date=review.review_date if review else None,
        areas=[
            _area_summary(a.id, a.title, [r for r in mat_rows if r.area == a.id], [TRUST_ID], mat)
            for a in mat.areas
        ],
        statements=mat_rows,
        actions=_actions(reviews, mat),
    )
    if item:
        view.problems += _problems([item])
    crosswalk = find_crosswalk(framework, mat, repo.root)
    if crosswalk is None:
        return
    by_id = {r.id: r for r in rows}
    view.lens_framework = _ref(mat)
    for area in mat.areas:
        statement_ids = crosswalk.statements_by_area(framework, mat)[area.id]
        chosen = [by_id[s] for s in statement_ids]
        counts = {aid: _counts(chosen, aid, framework) for aid in ids}
        view.lens.append(
            LensArea(
                id=area.id,
                title=area.title,
                statements=statement_ids,
                by_academy=counts,
                scores={aid: _score(c, framework) for aid, c in counts.items()},
            )
        )
