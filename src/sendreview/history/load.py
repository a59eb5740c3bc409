"""A cycle's trust view with its history: the comparison with the cycle before it, and the
trend across every cycle up to it, read from a repository's cycles in time order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendreview.history.compare import compare_views
from sendreview.history.trend import trend_of
from sendreview.model.comparison import CycleComparison, Trend
from sendreview.model.trust_view import TrustView
from sendreview.repository.layout import Repository
from sendreview.repository.reviews import Progress
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import AggregateOptions

#: A trend needs at least this many cycles: two points are a comparison, not a trend.
TREND_CYCLES = 3


@dataclass(frozen=True)
class History:
    """``view``: the cycle asked for. ``comparison``: with the cycle before it (None when it
    is the first). ``trend``: every cycle up to it, oldest first (None below three cycles,
    or when not asked for)."""

    view: TrustView
    comparison: CycleComparison | None
    trend: Trend | None


def history_for(
    root: Path,
    cycle: str | None,
    options: AggregateOptions | None = None,
    *,
    progress: Progress | None = None,
    trend: bool = True,
    stale: bool = True,
) -> History:
    """The trust view of ``cycle`` (the only one, when None) and its history.

    Each earlier cycle is aggregated with the same ``options``; ``progress`` is told of the
    reviews of ``cycle`` only. With ``trend=False`` at most two earlier cycles are read: the
    one before, and (unless ``stale=False``, when only the scores matter) the one before that,
    for answers unchanged for two cycles.
    """
    options = options or AggregateOptions()
    view = aggregate(root, cycle, options, progress)
    repo = Repository.at(root)
    order = repo.cycles()
    upto = order[: order.index(view.cycle) + 1] if view.cycle in order else [view.cycle]
    if repo.cycle_start(view.cycle) is None:
        # Not placed in time (validate's SR320): it sorts last only so that a list has an
        # order, so which cycles came before it is not known and none is shown as its past.
        upto = [view.cycle]
    wanted = upto[:-1] if trend else upto[-3:-1] if stale else upto[-2:-1]
    earlier = [aggregate(root, c, options) for c in wanted]
    comparison = None
    if earlier:
        comparison = compare_views(
            earlier[-1], view, earlier=earlier[-2] if len(earlier) > 1 else None, order=order
        )
    found = [*earlier, view]
    return History(
        view=view,
        comparison=comparison,
        trend=trend_of(found) if trend and len(found) >= TREND_CYCLES else None,
    )
