"""Check review repositories and files: the core of ``sendreview validate``.

:func:`validate` returns a :class:`Report`; it never prints and never changes a file.
"""

from __future__ import annotations

import os
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.checks.completeness import check_completeness, check_cycle_dates
from sendreview.checks.consistency import (
    check_action_plans,
    check_framework_ref,
    check_statements,
    check_subject,
    check_trust,
)
from sendreview.checks.privacy import check_privacy
from sendreview.codes import COMPLETENESS, PRIVACY
from sendreview.diagnostics import Diagnostic, Report, Severity
from sendreview.errors import UsageError
from sendreview.model import Review, Trust
from sendreview.repository.crosswalks import CROSSWALKS_DIR, check_crosswalk_file
from sendreview.repository.files import leaves_repository
from sendreview.repository.frameworks import FrameworkRegistry, load_framework_file
from sendreview.repository.layout import (
    FRAMEWORKS_DIR,
    REVIEWS_DIR,
    TRUST_FILE,
    display_path,
    find_root,
    is_yaml,
)
from sendreview.source.loader import load_model, to_model
from sendreview.source.yaml_reader import YamlDocument, format_path, load_yaml


@dataclass(frozen=True)
class Options:
    """``allow_incomplete`` makes unfinished work a warning; ``strict`` makes privacy an error."""

    allow_incomplete: bool = False
    strict: bool = False


@dataclass
class LoadedReview:
    """A review read from a file, with what the checks found in it."""

    path: Path
    review: Review | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    #: (cycle, framework, academy or 'trust'), kept when the review itself is dropped
    key: tuple[str, str, str] | None = None


@dataclass
class _Targets:
    trust: bool = False
    reviews: list[Path] = field(default_factory=list)
    frameworks: list[Path] = field(default_factory=list)
    crosswalks: list[Path] = field(default_factory=list)
    seen: set[Path] = field(default_factory=set)


def validate(paths: list[Path], options: Options = Options()) -> Report:
    """Check every trust, review and framework file under ``paths``."""
    report = Report()
    for root, targets in _collect(paths).items():
        _validate_root(root, targets, report)
    report.diagnostics = [adjust_severity(d, options) for d in report.diagnostics]
    return report


def _collect(paths: list[Path]) -> dict[Path | None, _Targets]:
    """Group the files to check by the repository they belong to (None: no repository)."""
    grouped: dict[Path | None, _Targets] = defaultdict(_Targets)
    for path in paths:
        if not path.exists():
            raise UsageError(f"'{path}' does not exist.", "Check the spelling of the path.")
        root = find_root(path if path.is_dir() else path.parent)
        # A folder above several repositories: each file belongs to the repository it is in.
        roots: dict[Path, Path | None] = {}
        found = []
        for file in _files(path):
            own = root
            if own is None:
                if file.parent not in roots:
                    roots[file.parent] = find_root(file.parent)
                own = roots[file.parent]
            found.append(_classify(Path(os.path.abspath(file)), own, grouped[own]))
        if not any(found):
            raise UsageError(
                f"There are no review files in '{path}'.",
                "Give a review repository (the folder holding sendreview.yaml), a "
                "folder of reviews, or a .yaml file.",
            )
    return grouped


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return sorted(
        p for p in path.rglob("*") if (is_yaml(p) or _linked_away(p)) and not _hidden(p, path)
    )


def _linked_away(path: Path) -> bool:
    """A folder linked in from outside the repository: not searched (what it holds is not the
    repository's), but reported, so its reviews are not skipped without a word."""
    return path.is_symlink() and path.is_dir() and leaves_repository(path)


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts)


def _classify(file: Path, root: Path | None, targets: _Targets) -> bool:
    """File ``file`` under what it is; False for a file that is none of sendreview's.

    ``file`` is kept as written, links and all, so that reading it can refuse a link out of
    the repository by name; only its folder is resolved to find its place in the repository.
    """
    seen = file.resolve()
    if seen in targets.seen:  # named twice, e.g. a repository and a file inside it
        return True
    targets.seen.add(seen)
    if root is None:
        targets.reviews.append(file)
        return True
    try:
        relative = (file.parent.resolve() / file.name).relative_to(root)
    except ValueError:  # its folder is a link out of the repository: reading it says so
        targets.reviews.append(file)
        return True
    if relative.as_posix() == TRUST_FILE:
        targets.trust = True
    elif relative.parts[0] == REVIEWS_DIR:
        targets.reviews.append(file)
    elif relative.parts[:2] == (FRAMEWORKS_DIR, CROSSWALKS_DIR) and len(relative.parts) == 3:
        targets.crosswalks.append(file)
    elif relative.parts[0] == FRAMEWORKS_DIR and len(relative.parts) == 2:
        targets.frameworks.append(file)
    else:
        return False
    return True


def _validate_root(root: Path | None, targets: _Targets, report: Report) -> None:
    registry = FrameworkRegistry.for_repository(root)
    trust = None
    if root is not None:
        trust_path = root / TRUST_FILE
        trust, doc = load_model(trust_path, Trust, display_path(trust_path))
        if trust is not None:
            doc.diagnostics.extend(check_trust(trust, doc, registry))
        if targets.trust:
            report.files.append(doc.file)
            report.extend(doc.diagnostics)
    for path in targets.frameworks:
        display = display_path(path)
        report.files.append(display)
        if root is not None:
            report.extend(d for d in registry.diagnostics if d.file == display)
        else:
            report.extend(load_framework_file(path, display)[1].diagnostics)
    for path in targets.crosswalks:
        report.files.append(display_path(path))
        report.extend(check_crosswalk_file(path, registry))
    loaded = load_reviews(targets.reviews, registry, trust, keep_reviews=False)
    for item in loaded:
        report.files.append(display_path(item.path))
        report.extend(item.diagnostics)
    report.extend(_same_subject_twice(loaded))


def load_review(path: Path, registry: FrameworkRegistry, trust: Trust | None) -> LoadedReview:
    """Read one review and run every check on it.

    A structural problem in one answer (a wrong type, an unknown key, a bad date) leaves
    that answer out, and the rest of the file is still checked, so every problem comes in
    one run. The review handed back is None when anything had to be left out: a report
    or a form must not be built from part of a file.
    """
    doc = load_yaml(path, display_path(path))
    review = to_model(doc, Review, salvage=True)
    if review is not None:
        found: list[Diagnostic] = []
        framework, problems = check_framework_ref(review, doc, registry)
        found.extend(problems)
        if framework is not None:
            found.extend(check_subject(review, doc, framework, trust, path))
            found.extend(check_statements(review, doc, framework))
            found.extend(check_action_plans(review, doc, framework))
            found.extend(check_completeness(review, doc, framework))
            found.extend(check_cycle_dates(review, doc))
        found.extend(check_privacy(review, doc))
        doc.diagnostics.extend(_not_about_dropped(found, doc))
    key = (review.cycle, review.framework, review.subject) if review else None
    return LoadedReview(path, None if doc.dropped else review, doc.diagnostics, key)


def _not_about_dropped(found: list[Diagnostic], doc: YamlDocument) -> list[Diagnostic]:
    """Leave out what later checks say about a part already reported and left out (a
    review date that could not be read is not also 'missing')."""
    dropped = [format_path(part) for part in doc.dropped]
    return [
        d
        for d in found
        if not any(
            d.path == part or d.path.startswith((f"{part}.", f"{part}[")) for part in dropped
        )
    ]


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


def _same_subject_twice(loaded: list[LoadedReview]) -> list[Diagnostic]:
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


def adjust_severity(diagnostic: Diagnostic, options: Options) -> Diagnostic:
    """Apply --allow-incomplete and --strict to one problem."""
    if options.allow_incomplete and diagnostic.code in COMPLETENESS:
        return diagnostic.with_severity(Severity.WARNING)
    if options.strict and diagnostic.code in PRIVACY:
        return diagnostic.with_severity(Severity.ERROR)
    return diagnostic
