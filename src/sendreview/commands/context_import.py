"""``sendreview context import``: an academy's context file from a pupil-level export.

The export names every pupil; the context file holds only counts. The export is read into
memory and never copied, and one kept inside the review repository is refused, because
whatever is in the repository is committed and shared with the whole trust.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from sendreview.errors import RefusedError, UsageError
from sendreview.files import UnsafeFileError, read_regular, write_atomic
from sendreview.model.context import NEED_CODES, SenContext
from sendreview.model.cycles import check_cycle_name
from sendreview.prose import did_you_mean
from sendreview.repository.layout import (
    Repository,
    context_schema_link,
    display_path,
)
from sendreview.source.pupil_csv import PupilCounts, count_pupils

#: A pupil export of the largest academy (a few thousand rows of a few hundred columns) is
#: well under this; a larger file is not one.
MAX_EXPORT_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class ContextImport:
    """What an import wrote: the context file and its figures."""

    path: Path
    context: SenContext
    #: False when the export had no primary need column (the need counts are left blank)
    has_needs: bool


def import_context(
    pupils: Path,
    academy: str,
    cycle: str,
    root: Path = Path("."),
    *,
    census_date: dt.date | None = None,
    force: bool = False,
) -> ContextImport:
    """Count the pupils in ``pupils`` and write ``context/<cycle>/<academy>.yaml``; an
    existing context file is replaced only with ``force``."""
    from sendreview.source.context_writer import context_text

    check_cycle_name(cycle)
    repo = Repository.at(root)
    _check_cycle(repo, cycle)
    academy_id = _academy_id(repo, academy)
    _refuse_inside(pupils, repo)
    counts = count_pupils(_read_export(pupils), pupils.name)
    context = _context(counts, academy_id, cycle, census_date)
    target = repo.context_file(cycle, academy_id)
    replace = force or _blank(target, repo)
    if not replace and os.path.lexists(target):
        raise RefusedError(
            f"'{display_path(target)}' is already there, so it was left as it is.",
            "Add --force to replace it with the counts from this export.",
        )
    text = context_text(context, schema_link=context_schema_link())
    write_atomic(target, text.encode("utf-8"), overwrite=replace)
    return ContextImport(target, context, counts.has_needs)


def _blank(target: Path, repo: Repository) -> bool:
    """Whether ``target`` is the blank file ``new`` scaffolded, with no count filled in: the
    import fills it in, as a person would, rather than ask for --force over nothing."""
    from sendreview.repository.context import read_context_file

    if not target.is_file():
        return False
    entries = read_context_file(target, None, None).entries
    return len(entries) == 1 and entries[0].context is not None and not entries[0].context.filled_in


def _check_cycle(repo: Repository, cycle: str) -> None:
    """A mistyped cycle would put the counts where no review or report looks for them."""
    cycles = repo.cycles()
    if cycle not in cycles:
        raise UsageError(
            f"There is no cycle '{cycle}' in this repository.",
            did_you_mean(cycle, cycles)
            + f"Cycles in this repository: {', '.join(cycles) or 'none yet'}. Start a new "
            f"one with 'sendreview new --cycle {cycle}'.",
        )


def _academy_id(repo: Repository, wanted: str) -> str:
    """The academy's id in the trust file, found by its id or its name."""
    from sendreview.commands.moderate import academy_by_id_or_name

    return academy_by_id_or_name(repo.load_trust(), wanted).id


def _refuse_inside(pupils: Path, repo: Repository) -> None:
    """A pupil list inside the repository would be committed with the reviews."""
    real = Path(os.path.realpath(pupils))
    if real.is_relative_to(Path(os.path.realpath(repo.root))):
        raise RefusedError(
            f"'{pupils}' is inside the review repository, so it was not read: pupil lists "
            "must never be committed.",
            "Move the export out of the repository (for example to your Downloads folder), "
            "import it from there, then delete it.",
        )


def _read_export(pupils: Path) -> bytes:
    try:
        return read_regular(pupils, str(pupils), MAX_EXPORT_BYTES)
    except UnsafeFileError as error:
        raise UsageError(
            f"Cannot read the pupil export: {error.message}",
            error.hint or "Check the path to the exported CSV file.",
        ) from error


def _context(
    counts: PupilCounts, academy: str, cycle: str, census_date: dt.date | None
) -> SenContext:
    return SenContext(
        academy=academy,
        cycle=cycle,
        census_date=census_date,
        pupils=counts.pupils,
        sen_support=counts.sen_support,
        ehc_plans=counts.ehc_plans,
        # Every code counted, so a need no pupil has is 0 (known) rather than blank (not yet
        # known); without a need column the counts stay blank for the SENCO to fill in.
        primary_need={code: counts.primary_need[code] for code in NEED_CODES}
        if counts.has_needs
        else {},
    )
