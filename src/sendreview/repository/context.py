"""A cycle's SEN contexts read from the repository: each academy's file, or the cycle's CSV.

An academy's context is in ``context/<cycle>/<academy>.yaml``, or in a row of
``context/<cycle>.csv`` where a trust keeps every academy's figures in one spreadsheet. Both
are read into the same :class:`SenContext` and checked by the same checks; an academy given
in both places is refused (SR808): sendreview cannot know which figures are right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.checks.context_figures import Expected, check_context
from sendreview.diagnostics import Diagnostic
from sendreview.model.context import SenContext
from sendreview.model.trust import Trust
from sendreview.repository.layout import (
    CONTEXT_DIR,
    YAML_SUFFIXES,
    Repository,
    display_path,
    yaml_files,
)
from sendreview.source.context_csv import read_context_csv
from sendreview.source.loader import to_model
from sendreview.source.yaml_document import YamlDocument
from sendreview.source.yaml_reader import load_yaml

CSV_SUFFIX = ".csv"


@dataclass
class Entry:
    """One academy's context as read (None when it could not be), the document that places
    its values, and its problems."""

    context: SenContext | None
    doc: YamlDocument
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def used(self) -> bool:
        """Whether the context is the academy's for this cycle, and given once."""
        return self.context is not None and not any(
            d.is_error and d.code in _NOT_USED for d in self.diagnostics
        )


#: Problems that make a context not the academy's, or not this cycle's.
_NOT_USED = frozenset({"SR303", "SR306", "SR307", "SR808"})


@dataclass
class ContextFile:
    """One file of contexts as read: an entry for a YAML file, one per row of a CSV, and the
    problems of the file as a whole (a CSV's header)."""

    path: Path
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [*self.problems, *(d for entry in self.entries for d in entry.diagnostics)]


def load_contexts(
    repo: Repository, cycle: str, trust: Trust | None
) -> tuple[dict[str, SenContext], list[Diagnostic]]:
    """The cycle's contexts by academy id, for the academies that have one, and every
    problem found in them.

    A context is left out when it could not be read, when it is not one of the trust's
    academies, when its file is named or filed for another academy or cycle, or when the
    academy's context is given twice (SR808); it is kept with other problems (counts that
    do not add up, counts not filled in yet), which the diagnostics name.
    """
    contexts: dict[str, SenContext] = {}
    diagnostics: list[Diagnostic] = []
    for file in read_cycle(repo, cycle, trust):
        for entry in file.entries:
            if entry.used and entry.context is not None:
                contexts[entry.context.academy] = entry.context
        diagnostics += file.diagnostics
    return contexts, diagnostics


def read_cycle(repo: Repository, cycle: str, trust: Trust | None) -> list[ContextFile]:
    """Every context file of ``cycle`` read and checked, the CSV's rows against the files."""
    folder = repo.root / CONTEXT_DIR / cycle
    files = [read_context_file(path, trust, cycle) for path in yaml_files(folder)]
    table = repo.root / CONTEXT_DIR / f"{cycle}{CSV_SUFFIX}"
    if table.is_file() or table.is_symlink():
        csv_file = read_csv_file(table, trust, cycle)
        _given_twice(files, csv_file)
        files.append(csv_file)
    return files


def read_context_file(path: Path, trust: Trust | None, cycle: str | None) -> ContextFile:
    """One academy's context file, checked against the trust and the place it is in."""
    doc = load_yaml(path, display_path(path))
    context = to_model(doc, SenContext)
    if context is not None:
        doc.diagnostics += check_context(context, doc, Expected(trust, cycle, path.stem, path.name))
    return ContextFile(path, [Entry(context, doc, doc.diagnostics)])


def read_csv_file(path: Path, trust: Trust | None, cycle: str) -> ContextFile:
    """The cycle's CSV: every row read and checked; an academy with two rows is refused."""
    table = read_context_csv(path, display_path(path), cycle)
    found = ContextFile(path, problems=table.diagnostics)
    for doc in table.rows:
        context = to_model(doc, SenContext)
        if context is not None:
            doc.diagnostics += check_context(context, doc, Expected(trust, cycle))
        found.entries.append(Entry(context, doc, doc.diagnostics))
    rows = Counter(entry.context.academy for entry in found.entries if entry.context)
    for entry in found.entries:
        if entry.context is not None and rows[entry.context.academy] > 1:
            entry.diagnostics.append(
                entry.doc.problem(
                    "SR808",
                    f"{entry.context.academy} has more than one row in this file, so none "
                    "of them is used.",
                    "Keep one row per academy.",
                    path=("academy",),
                )
            )
    return found


def _given_twice(files: list[ContextFile], table: ContextFile) -> None:
    """An academy with its own file and a row in the CSV: refused in both, since which
    figures are right is for the trust to say."""
    rows = {entry.context.academy: entry for entry in table.entries if entry.context}
    for entry in (entry for file in files for entry in file.entries):
        row = rows.get(entry.context.academy) if entry.context else None
        if row is None or entry.context is None:
            continue
        line = row.doc.position(("academy",))[0]
        academy, csv_name, own = entry.context.academy, row.doc.file, entry.doc.file
        hint = "Keep each academy's figures in one place: delete its file or its row."
        entry.diagnostics.append(
            entry.doc.problem(
                "SR808",
                f"The SEN context of {academy} is also on line {line} of {csv_name}, so "
                "neither is used.",
                hint,
                path=("academy",),
            )
        )
        row.diagnostics.append(
            row.doc.problem(
                "SR808",
                f"The SEN context of {academy} is also in {own}, so neither is used.",
                hint,
                path=("academy",),
            )
        )


def check_files(repo: Repository, trust: Trust | None, paths: list[Path]) -> list[ContextFile]:
    """``paths`` (files under ``context/``) read and checked, for ``validate``.

    A file in its cycle's place is checked with the rest of its cycle, so that an academy
    given both in its own file and in the cycle's CSV is found whichever of the two is
    checked; any other file under ``context/`` is checked on its own.
    """
    wanted = {_identity(path): path for path in paths}
    cycles: set[str] = set()
    alone: list[Path] = []
    for path in paths:
        cycle = _cycle_of(repo, path)
        if cycle is None:
            alone.append(path)
        else:
            cycles.add(cycle)
    found = [
        file
        for cycle in sorted(cycles)
        for file in read_cycle(repo, cycle, trust)
        if _identity(file.path) in wanted
    ]
    return found + [read_context_file(path, trust, None) for path in alone]


def _identity(path: Path) -> Path:
    """A file by its resolved folder and its own name: a link is still itself."""
    return path.parent.resolve() / path.name


def _cycle_of(repo: Repository, path: Path) -> str | None:
    """The cycle of ``context/<cycle>/<academy>.yaml`` or ``context/<cycle>.csv``."""
    try:
        parts = _identity(path).relative_to(repo.root.resolve() / CONTEXT_DIR).parts
    except ValueError:
        return None
    if len(parts) == 2 and parts[1].lower().endswith(YAML_SUFFIXES):
        return parts[0]
    if len(parts) == 1 and parts[0].lower().endswith(CSV_SUFFIX):
        return parts[0][: -len(CSV_SUFFIX)]
    return None
