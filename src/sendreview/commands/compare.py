"""``sendreview compare``: what moved between two cycles of a trust's reviews.

The cycles are checked (they exist, there are two, the first comes first) and the format
chosen before any review is read, so a mistake costs no waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sendreview.choices import RatingsInUse
from sendreview.errors import UsageError
from sendreview.history.compare import compare_views
from sendreview.model.comparison import CycleComparison
from sendreview.model.cycles import cycle_sort_key, cycle_start
from sendreview.model.trust import Trust
from sendreview.prose import did_you_mean, join_words
from sendreview.render.formats import STDOUT, choose_format
from sendreview.render.output import check_target
from sendreview.render.registry import Format, Renders, Writes, get, suffixes
from sendreview.repository.layout import Repository
from sendreview.repository.reviews import Progress
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import AggregateOptions


@dataclass(frozen=True)
class Cycles:
    """The two cycles compared, the one before the first (if any), and every cycle in time
    order."""

    before: str
    after: str
    earlier: str | None
    order: list[str]


def _file_hint() -> str:
    """Which files -o can name, from the registry (so a format added there is offered)."""
    by_suffix = suffixes(Renders.COMPARISON)
    return (
        f"Name a {join_words(list(by_suffix), 'or')} file with -o, or choose --format "
        f"{join_words(sorted(set(by_suffix.values())), 'or')}."
    )


def output_format(requested: str | None, out: Path | None, *, force: bool = False) -> Format:
    """The comparison's format: ``requested``, else from ``out``'s suffix, else text. A file
    already there is refused now without ``force``, before any review is read."""
    chosen = get(Renders.COMPARISON, choose_format(requested, out, Renders.COMPARISON, "text"))
    if out not in (None, STDOUT) and chosen.writes is Writes.TERMINAL:
        raise UsageError(
            "The summary for the terminal cannot be written to a file.",
            _file_hint(),
        )
    if out is not None and out != STDOUT and out.is_dir():
        raise UsageError(f"'{out}' is a folder.", "Give a file name with -o.")
    check_target(out, force=force)
    return chosen


def choose_cycles(root: Path, from_cycle: str | None, to_cycle: str | None) -> Cycles:
    """The cycles to compare: those asked for, else the two latest (``--to`` alone: it and
    the cycle before it)."""
    repo = Repository.at(root)
    # A broken trust file is its own message, before anything else.
    trust = repo.load_trust()
    starts = trust.cycle_starts()
    order = repo.cycles()
    if len(order) < 2:
        raise UsageError(
            "This repository has "
            + (f"one cycle, {order[0]}," if order else "no reviews yet,")
            + " so there is nothing to compare yet.",
            "Compare once the next cycle's reviews are in, for example after "
            "'sendreview new FOLDER --cycle NEXT-CYCLE'.",
        )
    after = _known(to_cycle, order) if to_cycle else order[-1]
    before = _known(from_cycle, order) if from_cycle else repo.previous_cycle(after)
    _check_placed([after] if before is None else [before, after], trust, not to_cycle)
    if before is None:
        raise UsageError(
            f"{after} is the first cycle in this repository: there is nothing before it.",
            f"Choose a later cycle with --to; cycles: {', '.join(order)}.",
        )
    _check_order(before, after, starts)
    return Cycles(before, after, repo.previous_cycle(before), order)


def _check_placed(cycles: list[str], trust: Trust, by_default: bool) -> None:
    """Refuse a cycle whose place in time is not known (a name of the trust's own with no
    start in the trust file). It sorts after every dated cycle only so that a list has an
    order: comparing with it would present a guess as "since last cycle". ``validate`` warns
    about the same folder (SR320), with the same remedy.
    """
    for cycle in cycles:
        if cycle_start(cycle, trust.cycle_starts()) is not None:
            continue
        entry = f"{cycle}: {{start: {dt.date.today().isoformat()}}}"
        where = (
            f"add '{entry}' under cycles: in sendreview.yaml"
            if trust.cycles
            else f"add 'cycles: {{{entry}}}' to sendreview.yaml"
        )
        other = "; or choose two other cycles with --from and --to" if by_default else ""
        raise UsageError(
            f"The cycle '{cycle}' cannot be placed in time: its folder is not named by year "
            "and term (like 2026-autumn) and sendreview.yaml gives it no start, so which "
            "cycle came before it is not known.",
            f"Date it: {where}; or rename its folder by year and term{other}.",
        )


def _known(cycle: str, order: list[str]) -> str:
    if cycle in order:
        return cycle
    raise UsageError(
        f"There are no reviews for cycle '{cycle}'.",
        did_you_mean(cycle, order) + f"Cycles in this repository: {', '.join(order)}.",
    )


def _check_order(before: str, after: str, starts: Mapping[str, dt.date]) -> None:
    if before == after:
        raise UsageError(
            f"--from and --to are both {after}.",
            "Compare two different cycles, the earlier one with --from.",
        )
    if cycle_sort_key(before, starts) > cycle_sort_key(after, starts):
        raise UsageError(
            f"--from {before} comes after --to {after}.",
            f"Swap them: --from {after} --to {before}.",
        )


def compare(
    root: Path,
    from_cycle: str | None = None,
    to_cycle: str | None = None,
    *,
    options: AggregateOptions | None = None,
    ratings: RatingsInUse | None = None,
    progress: Progress | None = None,
) -> CycleComparison:
    """How the trust's reviews moved from ``from_cycle`` to ``to_cycle`` (by default the two
    latest cycles); ``progress`` is told of the later cycle's reviews as they are read.
    ``ratings`` (else ``options``'s) chooses whose ratings count, in every cycle alike."""
    cycles = choose_cycles(root, from_cycle, to_cycle)
    options = options or AggregateOptions()
    if ratings is not None:
        options = replace(options, ratings=ratings)
    after = aggregate(root, cycles.after, options, progress)
    before = aggregate(root, cycles.before, options)
    earlier = aggregate(root, cycles.earlier, options) if cycles.earlier else None
    return compare_views(before, after, earlier=earlier, order=cycles.order)
