"""Reading a repository's review files through the checks, on every core when it pays.

Every command that reads reviews from disk (validate, aggregate, report, form) comes here;
what is read and checked per file is :mod:`sendreview.checks.pipeline`.

Reading a review is CPU-bound Python (parsing, the model, the checks), so a large trust (or a
local authority's thousands of schools) is read by a pool of processes and a small one in
this process, where starting workers would cost more than it saves. Whatever reads a file
runs where the file is read, so a worker sends back only what its caller keeps (problems,
or a review's figures) rather than whole reviews. Results come back in the order of the
paths, whichever worker finished first, so output built from them is the same from run to
run and machine to machine.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from sendreview.checks.pipeline import check_document
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Review, Trust
from sendreview.repository.earlier import EarlierCycles
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import cycle_folder_of, display_path
from sendreview.source.yaml_reader import load_yaml

T = TypeVar("T")
R = TypeVar("R")

#: Below this many files, starting worker processes costs more than it saves (measured with
#: scripts/benchmark.py: a pool of two costs about 0.1 s; a review takes 2 to 4 ms).
PARALLEL_FROM = 150
#: Worker processes at most: past this the parent, which gathers the results, is the limit.
MAX_WORKERS = 8

#: Called after each file with (files read, files in all): a progress bar, for instance.
Progress = Callable[[int, int], None]


@dataclass
class LoadedReview:
    """A review read from a file, with what the checks found in it."""

    path: Path
    review: Review | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: (cycle, framework, academy or 'trust'), kept when the review itself is dropped
    key: tuple[str, str, str] | None = None


def load_review(
    path: Path,
    registry: FrameworkRegistry,
    trust: Trust | None,
    earlier: EarlierCycles | None = None,
) -> LoadedReview:
    """Read one review and run every check on it; with ``earlier``, the rules that compare
    cycles see the same academy's reviews of the cycles before.

    The review handed back is None when anything had to be left out: a report or a form
    must not be built from part of a file.
    """
    doc = load_yaml(path, display_path(path))
    previous = earlier.reviews_before(path, doc.data) if earlier is not None else ()
    review = check_document(doc, registry, trust, path, cycle_folder_of(path), previous)
    key = (review.cycle, review.framework, review.subject) if review else None
    return LoadedReview(path, None if doc.dropped else review, doc.diagnostics, key)


def load_reviews(
    paths: list[Path],
    registry: FrameworkRegistry,
    trust: Trust | None,
    *,
    keep_reviews: bool = True,
    progress: Progress | None = None,
    earlier: EarlierCycles | None = None,
) -> list[LoadedReview]:
    """Read and check many reviews (:func:`read_all`). Without ``keep_reviews`` only the
    diagnostics come back, which saves sending every answer between processes when only the
    problems are wanted. ``earlier``: see :func:`load_review`."""
    read = partial(
        load_review if keep_reviews else _problems_only,
        registry=registry,
        trust=trust,
        earlier=earlier,
    )
    return list(read_all(paths, read, progress))


def _problems_only(
    path: Path,
    registry: FrameworkRegistry,
    trust: Trust | None,
    earlier: EarlierCycles | None = None,
) -> LoadedReview:
    loaded = load_review(path, registry, trust, earlier)
    loaded.review = None
    return loaded


def read_all(
    files: Sequence[T], read: Callable[[T], R], progress: Progress | None = None
) -> Iterator[R]:
    """``read(file)`` for each file (a path, or a path with what it is), in the order given.

    ``read`` must be picklable (a module-level function, or a :func:`functools.partial` of
    one) when there are enough files for a pool: it is sent once to each worker, with
    whatever it holds (the frameworks, the trust), not once per file.
    """
    workers = min(os.cpu_count() or 1, MAX_WORKERS) if len(files) >= PARALLEL_FROM else 1
    with _collecting_less():
        results = map(read, files) if workers < 2 else _in_pool(files, read, workers)
        for done, result in enumerate(results, start=1):
            if progress is not None:
                progress(done, len(files))
            yield result


@contextmanager
def _collecting_less() -> Iterator[None]:
    """Python's cycle collector runs seldom while files are read, and skips what was there
    before. Reading a file makes and drops thousands of small containers (events, positions,
    the data) with no cycles among them; at the default setting the collector ran every 700
    of them, over everything the process held, and took a fifth to a quarter of the time."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


_THRESHOLD = 10_000


def _in_pool(files: Sequence[T], read: Callable[[T], R], workers: int) -> Iterator[R]:
    from concurrent.futures import ProcessPoolExecutor

    # Chunks big enough that sending them costs little, small enough that both workers
    # stay busy to the end and results (and a progress bar) arrive steadily.
    chunk = max(1, min(64, len(files) // (workers * 32)))
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(read,)) as pool:
        yield from pool.map(_read_in_worker, files, chunksize=chunk)


_worker_read: Callable[[Any], Any] | None = None


def _start_worker(read: Callable[[Any], Any]) -> None:
    global _worker_read
    _worker_read = read
    gc.freeze()  # a worker only reads: the same setting as _collecting_less, for its life
    gc.set_threshold(_THRESHOLD, *gc.get_threshold()[1:])


def _read_in_worker(file: Any) -> Any:
    assert _worker_read is not None
    return _worker_read(file)


def same_subject_twice(loaded: list[LoadedReview]) -> list[Diagnostic]:
    """SR308: two files reviewing the same academy in one cycle, a problem of neither file
    alone, so not a rule of the registry."""
    seen: dict[tuple[str, str, str], LoadedReview] = {}
    out = []
    for item in loaded:
        key = item.key
        if key is None:
            continue
        if key in seen:
            first = display_path(seen[key].path)
            out.append(
                Diagnostic(
                    display_path(item.path),
                    1,
                    1,
                    "SR308",
                    Severity.ERROR,
                    f"This is a second review of '{key[2]}' for cycle {key[0]} "
                    f"(the first is {first}).",
                    "Keep one file per academy per cycle; merge the answers into one.",
                )
            )
        else:
            seen[key] = item
    return out
