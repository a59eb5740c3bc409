"""The trust view's figures: counts, scores, priorities, outliers and peer-support pairs.

Everything here works on the statement rows already gathered, never on reviews, so it runs
once the reviews have been read and let go.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sendreview.choices import RatingsInUse
from sendreview.model import Framework
from sendreview.model.trust_view import (
    NOT_APPLICABLE,
    UNRATED,
    AreaSummary,
    Outlier,
    PeerPair,
    Priority,
    StatementRow,
)


@dataclass(frozen=True)
class AggregateOptions:
    """``priority_share``: a statement is a trust priority when at least this share of the
    academies with a review rate it red or amber. ``outlier_gap``: an academy is an outlier
    in an area when its score is this far below the trust's (scores run from 0 to 1).
    ``context_gap``: an academy's SEN context is worth a look when its SEN support or EHC
    plan percentage is this many percentage points from national for its phase.
    ``ratings``: "moderated" counts the moderator's rating where a statement was moderated,
    "self" the academy's own throughout."""

    priority_share: float = 0.5
    outlier_gap: float = 0.25
    context_gap: float = 5.0
    ratings: RatingsInUse = "moderated"


def rating_counts(
    rows: Iterable[StatementRow], academy_id: str, framework: Framework
) -> dict[str, int]:
    counts = {r.id: 0 for r in framework.rating_scale} | {UNRATED: 0, NOT_APPLICABLE: 0}
    for row in rows:
        rating = row.ratings.get(academy_id)
        key = (
            rating if rating else (NOT_APPLICABLE if academy_id in row.not_applicable else UNRATED)
        )
        counts[key] += 1
    return counts


def area_score(counts: dict[str, int], framework: Framework) -> float | None:
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


def area_summary(
    area_id: str, title: str, rows: list[StatementRow], ids: list[str], framework: Framework
) -> AreaSummary:
    by_academy = {aid: rating_counts(rows, aid, framework) for aid in ids}
    trust = Counter[str]()
    for counts in by_academy.values():
        trust.update(counts)
    return AreaSummary(
        id=area_id,
        title=title,
        by_academy=by_academy,
        trust=dict(trust),
        scores={aid: area_score(c, framework) for aid, c in by_academy.items()},
        trust_score=area_score(dict(trust), framework),
    )


def priorities(
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


def outliers(areas: list[AreaSummary], options: AggregateOptions) -> list[Outlier]:
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


#: Every field of a peer pair is given.
_PAIR_FIELDS = set(PeerPair.model_fields)


def peer_pairs(
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
            # Built without validating again, with one record of the fields set for all:
            # a large trust has one pair for each answer at the bottom of the scale.
            pairs.append(
                PeerPair.model_construct(
                    _PAIR_FIELDS,
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
