"""``sendreview aggregate``: merge every academy's review for a cycle into a trust view, and
choose the format it is written in before any work is done."""

from __future__ import annotations

from pathlib import Path

from sendreview.choices import RatingsInUse
from sendreview.errors import UsageError
from sendreview.history.load import History, history_for
from sendreview.render.formats import STDOUT, choose_format
from sendreview.render.output import check_target
from sendreview.render.registry import Format, Renders, Writes, get
from sendreview.repository.reviews import Progress
from sendreview.trust_view.aggregate import aggregate as run
from sendreview.trust_view.scores import AggregateOptions


def output_format(requested: str | None, out: Path | None, *, force: bool = False) -> Format:
    """The trust view's format: ``requested``, else from ``out``'s suffix, else the terminal's.

    Refuses, before the view is built, what cannot be written: the terminal view into a file,
    a folder of tables without a folder, one file onto a folder, or onto a file already there
    without ``force``.
    """
    chosen = get(Renders.TRUST_VIEW, choose_format(requested, out, Renders.TRUST_VIEW, "text"))
    if chosen.writes is Writes.TERMINAL and out not in (None, STDOUT):
        raise UsageError(
            "The trust view in the terminal cannot be written to a file.",
            "Name a .json or .csv file with -o, or choose --format json, csv or csv-tables.",
        )
    if chosen.writes is Writes.FILES and (out is None or out == STDOUT):
        raise UsageError(
            f"--format {chosen.name} writes several files, so it needs a folder.",
            "Add -o and a folder, for example -o exports; it is made if need be.",
        )
    if chosen.writes is Writes.TEXT and out is not None and out.is_dir():
        raise UsageError(
            f"'{out}' is a folder.",
            "Give a file name with -o, or write the related tables into the folder with "
            "--format csv-tables.",
        )
    if chosen.writes is Writes.TEXT:
        check_target(out, force=force)
    return chosen


def aggregate(
    root: Path,
    cycle: str | None,
    *,
    priority_share: float = 0.5,
    outlier_gap: float = 0.25,
    context_gap: float = 5.0,
    ratings: RatingsInUse = "moderated",
    since: bool = False,
    progress: Progress | None = None,
) -> History:
    """The trust view of ``cycle`` (the only one, when None), and with ``since`` its comparison
    to the cycle before (None when it is the first), which the terminal view shows as arrows
    beside each area score; ``progress`` is told of each review read. ``ratings``: whose
    ratings count where a statement was moderated, the moderator's or the academy's own."""
    options = AggregateOptions(
        priority_share=priority_share,
        outlier_gap=outlier_gap,
        context_gap=context_gap,
        ratings=ratings,
    )
    if since:
        return history_for(root, cycle, options, progress=progress, trend=False, stale=False)
    return History(run(root, cycle, options, progress), comparison=None, trend=None)
