"""``sendreview validate``: check reviews and the trust file, read the list of files a pull
request changed (so GitHub annotates those first), and gather what GitHub's job summary shows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from sendreview.checks.pipeline import Options
from sendreview.diagnostics import Report
from sendreview.errors import SendReviewError, UsageError
from sendreview.files import UnsafeFileError, read_regular, read_stdin
from sendreview.model.trust_view import AcademyResult, TrustView
from sendreview.render.job_summary import CycleSummary, JobSummary, SummaryLine
from sendreview.repository.layout import Repository, display_path, find_root
from sendreview.repository.reviews import Progress
from sendreview.repository.validate import validate as run


def validate(
    paths: Sequence[Path],
    *,
    allow_incomplete: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> Report:
    """What the checks found in ``paths`` (the current folder when none are given);
    ``progress`` is told of each file read."""
    options = Options(allow_incomplete=allow_incomplete, strict=strict)
    return run(list(paths) or [Path.cwd()], options, progress)


#: A list of changed files longer than this is not one 'git diff --name-only' wrote.
MAX_CHANGED_BYTES = 5 * 1024 * 1024


def read_changed(source: Path) -> list[str]:
    """The changed files' names as problems name them (relative to the current folder);
    ``-`` reads them from standard input.

    Read through :mod:`sendreview.files` like every other file, so a device, a pipe or an
    endless input is refused with a message instead of hanging the check."""
    hint = "Give a text file with one path a line, as 'git diff --name-only' writes it."
    try:
        if str(source) == "-":
            raw = read_stdin("standard input", MAX_CHANGED_BYTES)
        else:
            raw = read_regular(source, str(source), MAX_CHANGED_BYTES)
        text = raw.decode("utf-8")
    except UnsafeFileError as error:
        raise UsageError(
            f"Cannot read the list of changed files: {error.message}", error.hint or hint
        ) from error
    except UnicodeDecodeError as error:
        raise UsageError(
            f"The list of changed files '{source}' is not UTF-8 text.", hint
        ) from error
    return [display_path(Path(line)) for line in text.splitlines() if line.strip()]


# ---- the GitHub job summary --------------------------------------------------------------


def job_summary(report: Report) -> JobSummary:
    """What GitHub's job summary page shows for a validate report: for each cycle of each
    repository checked, newest first, a line per academy.

    How complete each review is comes from the trust view, exactly as ``aggregate`` and the
    reports count it; errors and warnings come from the report, so they match the annotations,
    ``--allow-incomplete`` and ``--strict`` included."""
    from sendreview.render.problems import summary

    errors = Counter(d.file for d in report.diagnostics if d.is_error)
    warnings = Counter(d.file for d in report.diagnostics if not d.is_error)
    result = JobSummary(headline=summary(report))
    covered: set[str] = set()
    for root in _roots(report.files):
        try:
            views = _views(root)
        except SendReviewError as error:
            result.notes.append(f"{root.name}: {error.message}")
            continue
        for view in views:
            lines = [_academy_line(a, errors, warnings) for a in view.academies]
            if view.trust_review is not None:
                review = view.trust_review
                lines.append(
                    SummaryLine(
                        name=f"{view.trust} ({review.framework.title})",
                        file=review.file,
                        errors=errors[review.file or ""],
                        warnings=warnings[review.file or ""],
                        state=review.state,
                    )
                )
            covered.update(line.file for line in lines if line.file)
            result.cycles.append(CycleSummary(view.trust, view.cycle, lines))
    for file in sorted(set(errors) | set(warnings)):
        if file not in covered:
            result.other.append(SummaryLine(file, file, errors[file], warnings[file]))
    return result


def _roots(files: list[str]) -> list[Path]:
    """The review repositories the checked files belong to, each once."""
    roots: set[Path] = set()
    for folder in {Path(file).parent for file in files}:
        root = find_root(folder)
        if root is not None:
            roots.add(root)
    return sorted(roots)


def _views(root: Path) -> list[TrustView]:
    """The trust view of every cycle in the repository, newest first."""
    from sendreview.trust_view.aggregate import aggregate

    return [aggregate(root, cycle) for cycle in reversed(Repository(root).cycles())]


def _academy_line(
    academy: AcademyResult, errors: Counter[str], warnings: Counter[str]
) -> SummaryLine:
    file = academy.file or ""
    return SummaryLine(
        name=academy.name,
        file=academy.file,
        errors=errors[file],
        warnings=warnings[file],
        state=academy.state,
        answered=academy.answered,
        statements=academy.answered + academy.unrated,
    )
