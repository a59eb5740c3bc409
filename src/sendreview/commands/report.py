"""``sendreview report``: the trust's report, or one academy's, as the bytes of a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendreview.choices import RatingsInUse
from sendreview.history.load import history_for
from sendreview.render.formats import choose_format
from sendreview.render.output import check_target
from sendreview.render.registry import Format, Renders, get
from sendreview.render.reports import ReportRequest, default_output, render
from sendreview.trust_view.scores import AggregateOptions


@dataclass(frozen=True)
class ReportFile:
    """A report ready to write: its format, where it goes and its bytes."""

    format: Format
    target: Path
    data: bytes


def report(
    root: Path,
    cycle: str | None,
    *,
    requested: str | None = None,
    academy: str | None = None,
    out: Path | None = None,
    templates: Path | None = None,
    context_gap: float = 5.0,
    ratings: RatingsInUse = "moderated",
    suppress_below: int | None = 5,
    force: bool = False,
) -> ReportFile:
    """The report in ``requested`` format (else from ``out``'s suffix, else HTML), for
    ``out`` (else a name made from the trust, cycle and academy). With an earlier cycle in
    the repository it says what moved since; from the third cycle on, the trend as well.
    Counts of pupils under ``suppress_below`` are withheld (None: every count is shown).
    ``ratings`` chooses whose ratings count, in this cycle and the ones before alike. A file
    named by ``out`` that is already there is refused now without ``force``."""
    name = choose_format(requested, out, Renders.REPORT, "html")
    check_target(out, force=force)
    history = history_for(root, cycle, AggregateOptions(context_gap=context_gap, ratings=ratings))
    view = history.view
    if academy is not None:
        # An id or a name; anything that is not one of the trust's academies is refused.
        academy = view.academy(academy).id
    request = ReportRequest(
        view=view,
        academy=academy,
        templates=templates,
        comparison=history.comparison,
        trend=history.trend,
        suppress_below=suppress_below,
    )
    target = out or Path(default_output(request, name))
    return ReportFile(get(Renders.REPORT, name), target, render(name, request))
