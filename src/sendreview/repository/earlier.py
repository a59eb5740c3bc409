"""A review's earlier cycles, for the rules that compare cycles (answers copied unchanged).

``validate`` works out once per repository which cycles come before each cycle it reads
(:func:`earlier_cycles`); the answer holds only names and a folder, so it travels cheaply to
every worker that reads files (:func:`sendreview.repository.reviews.read_all`). Each review
then reads the same academy's file in the two cycles before its own. Those files are read,
not checked: each one's own problems are reported when it is checked itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sendreview.checks.stale import STALE_FIELDS, same_words
from sendreview.model import Review, Trust
from sendreview.model.cycles import cycle_sort_key, cycle_start, in_time_order
from sendreview.repository.layout import REVIEWS_DIR, Repository, cycle_folder_of
from sendreview.source.loader import to_model
from sendreview.source.yaml_reader import load_yaml

#: How many cycles back a review is compared: the previous one, for words copied while the
#: rating moved, and the one before it, for words unchanged two cycles running.
DEPTH = 2


@dataclass(frozen=True)
class EarlierCycles:
    """Each cycle folder -> the cycles before it, newest first, in a repository's reviews."""

    reviews_dir: Path
    before: dict[str, tuple[str, ...]]

    def reviews_before(self, path: Path, data: object = None) -> tuple[Review, ...]:
        """The reviews filed under the same name (the academy's id) in the cycles before
        ``path``'s, newest first. It stops at the first that is missing or cannot be read:
        a review two cycles back is not "the previous one" when the one between is missing.

        ``data`` is ``path``'s own review as read (not yet checked): the cycle before the
        previous one is read only when some answer there is in the previous cycle's words,
        the one case in which it can matter, so that a SENCO who rewrites every answer
        costs one more file read per review, not two.
        """
        found: list[Review] = []
        for cycle in self.before.get(cycle_folder_of(path) or "", ()):
            if found and not _any_words_kept(data, found[-1]):
                break
            review = _read_quietly(self.reviews_dir / cycle / path.name)
            if review is None:
                break
            # Its folder, not what it says, is the cycle it was filed for (SR306 reports
            # the difference); messages name the cycle a SENCO will find it in.
            if review.cycle != cycle:
                review = review.model_copy(update={"cycle": cycle})
            found.append(review)
        return tuple(found)


def earlier_cycles(
    repository: Repository, cycles: Iterable[str], trust: Trust | None
) -> EarlierCycles | None:
    """Where the reviews of ``cycles`` find their earlier cycles; None when none of them has
    one, so that a repository of one cycle pays nothing more for the comparison.

    The order is :meth:`Repository.previous_cycle`'s (:func:`cycle_sort_key`), from the
    trust already read: asking the repository would read the trust file again for each
    cycle, which for a trust of thousands of academies costs more than the comparison.
    A cycle that cannot be placed in time (a name of the trust's own with no start in the
    trust file) is compared with nothing: which cycle came before it is not known, and
    ``validate`` says so (SR320).
    """
    starts = trust.cycle_starts() if trust else {}
    wanted = {cycle for cycle in cycles if cycle_start(cycle, starts) is not None}
    in_time = in_time_order(cycle_folders(repository), starts) if wanted else []
    before: dict[str, tuple[str, ...]] = {}
    for cycle in wanted:
        # An undated cycle sorts after every dated one, so is never among the earlier.
        key = cycle_sort_key(cycle, starts)
        earlier = [c for c in in_time if cycle_sort_key(c, starts) < key]
        if earlier:
            before[cycle] = tuple(reversed(earlier[-DEPTH:]))
    return EarlierCycles(repository.root / REVIEWS_DIR, before) if before else None


def cycle_folders(repository: Repository) -> list[str]:
    """The names of the cycle folders, by name: :meth:`Repository.cycles` without putting
    them in time, which reads the trust file again."""
    folder = repository.root / REVIEWS_DIR
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def _read_quietly(path: Path) -> Review | None:
    """The review in ``path``, as much of it as can be read; None without a word when there
    is no such file or it is not a review (its own check reports why)."""
    if not path.is_file():
        return None
    return to_model(load_yaml(path), Review, salvage=True)


def _any_words_kept(data: object, before: Review) -> bool:
    """Whether any answer in ``data`` (a review as read, before its checks) is in the same
    words as ``before``'s; True when ``data`` is not given, so nothing is skipped."""
    if data is None:
        return True
    responses = data.get("responses") if isinstance(data, dict) else None
    if not isinstance(responses, dict):
        return False
    for statement_id, answer in responses.items():
        was = before.responses.get(statement_id) if isinstance(statement_id, str) else None
        if was is None or not isinstance(answer, dict):
            continue
        for field in STALE_FIELDS:
            now = answer.get(field)
            if isinstance(now, str) and same_words(now, getattr(was, field)):
                return True
    return False
