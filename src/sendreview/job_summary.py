"""The GitHub job summary of ``sendreview validate``: the result, academy by academy.

GitHub shows only the first ten errors and ten warnings of a step on the files, so the
summary page carries the whole picture: for each cycle of each repository checked, a line per
academy with its errors, its warnings and how complete its review is. How complete comes from
the trust view (:func:`sendreview.aggregate.aggregate`), exactly as ``aggregate`` and the
reports count it; errors and warnings come from the validate report, so they match the
annotations, ``--allow-incomplete`` and ``--strict`` included.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.diagnostics import Report
from sendreview.errors import SendReviewError
from sendreview.models.view import AcademyResult, TrustView
from sendreview.repository import Repository, find_root


@dataclass(frozen=True)
class SummaryLine:
    """One academy's review (or the trust's own, or another file) and what was found in it."""

    name: str
    file: str | None
    errors: int
    warnings: int
    #: complete, incomplete, invalid or missing; None for a file that is not a review
    state: str | None = None
    answered: int | None = None
    statements: int | None = None


@dataclass
class CycleSummary:
    trust: str
    cycle: str
    lines: list[SummaryLine]


@dataclass
class JobSummary:
    headline: str
    cycles: list[CycleSummary] = field(default_factory=list)
    #: files with problems that belong to no academy's line (the trust file, frameworks, ...)
    other: list[SummaryLine] = field(default_factory=list)
    #: repositories whose trust view could not be built, and why
    notes: list[str] = field(default_factory=list)


def job_summary(report: Report) -> JobSummary:
    """The summary of a validate report, built from each repository's trust views."""
    from sendreview.output import summary

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
    """The trust view of every cycle in the repository, newest (by name) first."""
    from sendreview.aggregate import aggregate

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


def markdown(summary: JobSummary) -> str:
    """The summary as GitHub Markdown; every name from a trust's files is escaped."""
    from sendreview.reports.templating import markdown_escape
    from sendreview.reports.wording import STATE_LABELS, cycle_label, percent

    def text(value: str) -> str:
        return markdown_escape(" ".join(value.split()))

    out = ["## SEND reviews", "", text(summary.headline), ""]
    for cycle in summary.cycles:
        out += [f"### {text(cycle.trust)}: {text(cycle_label(cycle.cycle))}", ""]
        out += ["| Review | Errors | Warnings | How complete | File |", "|---|--:|--:|---|---|"]
        for line in cycle.lines:
            state = STATE_LABELS.get(line.state or "", line.state or "")
            if line.statements:
                answered = line.answered or 0
                state += (
                    f": {answered} of {line.statements} statements answered "
                    f"({percent(answered / line.statements)})"
                )
            out.append(
                f"| {text(line.name)} | {line.errors} | {line.warnings} | {text(state)} "
                f"| {text(line.file or '')} |"
            )
        out.append("")
    if summary.other:
        out += ["### Other files", "", "| File | Errors | Warnings |", "|---|--:|--:|"]
        out += [
            f"| {text(line.name)} | {line.errors} | {line.warnings} |" for line in summary.other
        ]
        out.append("")
    for note in summary.notes:
        out += [f"No trust view for {text(note)}", ""]
    return "\n".join(out) + "\n"
