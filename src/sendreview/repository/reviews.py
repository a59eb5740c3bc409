"""Reading a repository's review files through the checks, on every core when it pays.

Every command that reads reviews from disk (validate, aggregate, report, form) comes here;
what is read and checked per file is :mod:`sendreview.checks.pipeline`.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.checks.pipeline import check_document
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Review, Trust
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import display_path
from sendreview.source.yaml_reader import load_yaml


@dataclass
class LoadedReview:
    """A review read from a file, with what the checks found in it."""

    path: Path
    review: Review | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: (cycle, framework, academy or 'trust'), kept when the review itself is dropped
    key: tuple[str, str, str] | None = None


def load_review(path: Path, registry: FrameworkRegistry, trust: Trust | None) -> LoadedReview:
    """Read one review and run every check on it.

    The review handed back is None when anything had to be left out: a report or a form
    must not be built from part of a file.
    """
    doc = load_yaml(path, display_path(path))
    review = check_document(doc, registry, trust, path)
    key = (review.cycle, review.framework, review.subject) if review else None
    return LoadedReview(path, None if doc.dropped else review, doc.diagnostics, key)


#: Below this many files, starting worker processes costs more than it saves.
PARALLEL_FROM = 150


def load_reviews(
    paths: list[Path],
    registry: FrameworkRegistry,
    trust: Trust | None,
    *,
    keep_reviews: bool = True,
) -> list[LoadedReview]:
    """Read and check many reviews, on every core when there are enough to be worth it.

    Parsing is CPU-bound Python, so a large trust (or a local authority's thousands of
    schools) is read by a pool of processes; a small one in this process. Without
    ``keep_reviews`` only the diagnostics come back, which saves sending every answer
    between processes when only the problems are wanted.
    """
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return [load_review(path, registry, trust) for path in paths]
    chunk = max(1, len(paths) // (workers * 8))
    with ProcessPoolExecutor(
        workers, initializer=_start_worker, initargs=(registry, trust, keep_reviews)
    ) as pool:
        return list(pool.map(_load_in_worker, paths, chunksize=chunk))


_worker_context: tuple[FrameworkRegistry, Trust | None, bool] | None = None


def _start_worker(registry: FrameworkRegistry, trust: Trust | None, keep: bool) -> None:
    global _worker_context
    _worker_context = (registry, trust, keep)


def _load_in_worker(path: Path) -> LoadedReview:
    assert _worker_context is not None
    registry, trust, keep = _worker_context
    loaded = load_review(path, registry, trust)
    if not keep:
        loaded.review = None
    return loaded


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
