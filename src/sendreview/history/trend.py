"""Every cycle's scores in a row, oldest first: what a report draws as the trend."""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.history.compare import overall_score
from sendreview.model.comparison import AreaTrend, Trend
from sendreview.model.trust_view import TrustView


def trend_of(views: Sequence[TrustView]) -> Trend:
    """The trust's and each academy's score in each area, cycle by cycle (``views`` oldest
    first). An area or academy missing from a cycle (the framework or the trust changed)
    has no score there (None), so every line has a point, or a gap, for every cycle."""
    cycles = [view.cycle for view in views]
    titles: dict[str, str] = {}
    for view in reversed(views):  # the newest framework's order and titles first
        for area in view.areas:
            titles.setdefault(area.id, area.title)
    academies = list(dict.fromkeys(a.id for view in reversed(views) for a in view.academies))
    areas = []
    for area_id, title in titles.items():
        found = [next((a for a in view.areas if a.id == area_id), None) for view in views]
        trust = {c: (a.trust_score if a else None) for c, a in zip(cycles, found, strict=True)}
        by_academy = {
            academy_id: {
                c: (a.scores.get(academy_id) if a else None)
                for c, a in zip(cycles, found, strict=True)
            }
            for academy_id in academies
        }
        areas.append(AreaTrend(id=area_id, title=title, trust=trust, academies=by_academy))
    overall = {view.cycle: overall_score(view) for view in views}
    return Trend(cycles=cycles, areas=areas, overall=overall)
