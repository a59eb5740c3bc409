"""Check review repositories and files: the core of ``sendreview validate``.

:func:`validate` returns a :class:`Report`; it never prints and never changes a file. It
finds the files and what each is (trust file, review, moderation, context, framework,
crosswalk); reviews are read and checked by :mod:`sendreview.repository.reviews`, the
pipeline every command shares, and moderations by :mod:`sendreview.repository.moderation`.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sendreview.checks.consistency import check_cycles, check_trust
from sendreview.checks.pipeline import Options, adjust_severity
from sendreview.diagnostics import Report
from sendreview.errors import UsageError
from sendreview.files import leaves_repository
from sendreview.model import Trust
from sendreview.repository.context import CSV_SUFFIX, check_files
from sendreview.repository.crosswalks import CROSSWALKS_DIR, check_crosswalk_file
from sendreview.repository.earlier import cycle_folders, earlier_cycles
from sendreview.repository.frameworks import FrameworkRegistry, load_framework_file
from sendreview.repository.layout import (
    CONTEXT_DIR,
    FRAMEWORKS_DIR,
    MODERATION_DIR,
    REVIEWS_DIR,
    TRUST_FILE,
    YAML_SUFFIXES,
    Repository,
    cycle_folder_of,
    display_path,
    find_root,
    read_trust,
)
from sendreview.repository.moderation import is_moderation_file, read_moderation
from sendreview.repository.pupil_lists import pupil_lists
from sendreview.repository.reviews import Progress, load_reviews, read_all, same_subject_twice


@dataclass
class _Targets:
    trust: bool = False
    reviews: list[Path] = field(default_factory=list)
    frameworks: list[Path] = field(default_factory=list)
    crosswalks: list[Path] = field(default_factory=list)
    contexts: list[Path] = field(default_factory=list)
    moderations: list[Path] = field(default_factory=list)
    seen: set[Path] = field(default_factory=set)
    #: Each folder resolved once: resolving walks every part of the path, and a cycle's
    #: folder holds hundreds of reviews.
    folders: dict[Path, Path] = field(default_factory=dict)

    def resolved_folder(self, folder: Path) -> Path:
        if folder not in self.folders:
            self.folders[folder] = folder.resolve()
        return self.folders[folder]


#: Errors stay errors and warnings warnings: what ``validate`` does without options.
DEFAULT_OPTIONS = Options()


def validate(
    paths: list[Path], options: Options = DEFAULT_OPTIONS, progress: Progress | None = None
) -> Report:
    """Check every trust, review and framework file under ``paths``; ``progress`` is told
    of each review read (for a progress bar)."""
    report = Report()
    for root, targets in _collect(paths).items():
        _validate_root(root, targets, report, progress)
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
    """The YAML files under ``path`` (and folders linked in from outside), hidden ones left
    out, in the order of their folders and names.

    Walked with :func:`os.walk` on plain strings: for a trust of a thousand reviews,
    :meth:`Path.rglob` and a :class:`Path` per entry cost a tenth of reading the reviews.
    Links to folders are listed but not followed, as ``rglob`` does.
    """
    if path.is_file():
        return [path]
    found = []
    for folder, folders, names in os.walk(path):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in (*names, *folders):
            if name.startswith("."):
                continue
            file = os.path.join(folder, name)
            if _is_yaml(file, name) or _is_context_table(folder, file) or _linked_away(file):
                found.append(file)
    return [Path(file) for file in sorted(found, key=lambda file: file.split(os.sep))]


def _is_yaml(file: str, name: str) -> bool:
    return name.lower().endswith(YAML_SUFFIXES) and os.path.isfile(file)


def _is_context_table(folder: str, file: str) -> bool:
    """``context/<cycle>.csv``: a cycle's SEN contexts in one table."""
    return (
        os.path.basename(folder) == CONTEXT_DIR
        and file.lower().endswith(CSV_SUFFIX)
        and os.path.isfile(file)
    )


def _linked_away(file: str) -> bool:
    """A folder linked in from outside the repository: not searched (what it holds is not the
    repository's), but reported, so its reviews are not skipped without a word."""
    return os.path.islink(file) and os.path.isdir(file) and leaves_repository(Path(file))


def _classify(file: Path, root: Path | None, targets: _Targets) -> bool:
    """File ``file`` under what it is; False for a file that is none of sendreview's.

    ``file`` is kept as written, links and all, so that reading it can refuse a link out of
    the repository by name; only its folder is resolved to find its place in the repository.
    """
    in_folder = targets.resolved_folder(file.parent) / file.name
    seen = file.resolve() if file.is_symlink() else in_folder
    if seen in targets.seen:  # named twice, e.g. a repository and a file inside it
        return True
    targets.seen.add(seen)
    if root is None:
        (targets.moderations if is_moderation_file(file) else targets.reviews).append(file)
        return True
    try:
        relative = in_folder.relative_to(root)
    except ValueError:  # its folder is a link out of the repository: reading it says so
        targets.reviews.append(file)
        return True
    if relative.as_posix() == TRUST_FILE:
        targets.trust = True
    elif relative.parts[0] == REVIEWS_DIR and relative.parts[-2:-1] == (MODERATION_DIR,):
        targets.moderations.append(file)
    elif relative.parts[0] == REVIEWS_DIR:
        targets.reviews.append(file)
    elif relative.parts[0] == CONTEXT_DIR and len(relative.parts) > 1:
        targets.contexts.append(file)
    elif relative.parts[:2] == (FRAMEWORKS_DIR, CROSSWALKS_DIR) and len(relative.parts) == 3:
        targets.crosswalks.append(file)
    elif relative.parts[0] == FRAMEWORKS_DIR and len(relative.parts) == 2:
        targets.frameworks.append(file)
    else:
        return False
    return True


def _validate_root(
    root: Path | None, targets: _Targets, report: Report, progress: Progress | None = None
) -> None:
    registry = FrameworkRegistry.for_repository(root)
    trust = _check_trust_file(root, targets, registry, report)
    if root is not None and targets.trust:  # the whole repository: any pupil list left in it
        report.extend(pupil_lists(root))
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
    earlier = None
    if root is not None:
        folders = {cycle_folder_of(path) for path in targets.reviews}
        cycles = {folder for folder in folders if folder is not None}
        earlier = earlier_cycles(Repository(root), cycles, trust)
    loaded = load_reviews(
        targets.reviews,
        registry,
        trust,
        keep_reviews=False,
        progress=progress,
        earlier=earlier,
    )
    for item in loaded:
        report.files.append(display_path(item.path))
        report.extend(item.diagnostics)
    report.extend(same_subject_twice(loaded))
    read = partial(read_moderation, registry=registry, trust=trust)
    for moderation in read_all(targets.moderations, read):
        report.files.append(moderation.file)
        report.extend(moderation.diagnostics)
    if root is not None and targets.contexts:
        for context_file in check_files(Repository(root), trust, targets.contexts):
            report.files.append(display_path(context_file.path))
            report.extend(context_file.diagnostics)


def _check_trust_file(
    root: Path | None, targets: _Targets, registry: FrameworkRegistry, report: Report
) -> Trust | None:
    """The trust file the reviews are checked against; its own problems are reported when
    it is among the files to check. None outside a repository, or when it has errors."""
    if root is None:
        return None
    trust, doc = read_trust(root)
    if trust is not None:
        doc.diagnostics.extend(check_trust(trust, doc, registry))
        if targets.trust:  # listing the cycle folders is wasted on a check of one review
            doc.diagnostics.extend(check_cycles(trust, doc, cycle_folders(Repository(root))))
    if targets.trust:
        report.files.append(doc.file)
        report.extend(doc.diagnostics)
    return trust
