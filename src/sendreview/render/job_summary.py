"""The GitHub job summary of ``sendreview validate``: the result, academy by academy.

GitHub shows only the first ten errors and ten warnings of a step on the files, so the
summary page carries the whole picture: for each cycle of each repository checked, a line per
academy with its errors, its warnings and how complete its review is. How complete comes from
the trust view (:func:`sendreview.trust_view.aggregate.aggregate`), exactly as ``aggregate`` and the
reports count it; errors and warnings come from the validate report, so they match the
annotations, ``--allow-incomplete`` and ``--strict`` included.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sendreview.diagnostics import Report
from sendreview.errors import SendReviewError
from sendreview.model.trust_view import AcademyResult, TrustView
from sendreview.repository.layout import Repository, find_root


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

    cycles = sorted(Repository(root).cycles(), key=_cycle_order, reverse=True)
    return [aggregate(root, cycle) for cycle in cycles]


_TERMS = {"spring": 1, "summer": 2, "autumn": 3}


def _cycle_order(cycle: str) -> tuple[str, int, str]:
    """'2027-spring' before '2027-summer' before '2027-autumn', which sorting by name
    would not give; any other cycle name sorts by name."""
    year, _, term = cycle.partition("-")
    return (year, _TERMS.get(term, 0), cycle) if year.isdigit() else (cycle, 0, cycle)


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


#: GitHub refuses a step summary over 1 MiB; stop a little short of it.
SUMMARY_BYTES = 1_000_000


def markdown(summary: JobSummary, budget: int = SUMMARY_BYTES) -> str:
    """The summary as GitHub Markdown; every name from a trust's files is escaped.

    Cycles come newest first; those that would take the page past ``budget`` bytes are left
    out, and the page says so.
    """
    blocks = [f"No trust view for {_text(note)}\n" for note in summary.notes]
    blocks += [_cycle_block(cycle) for cycle in summary.cycles]
    if summary.other:
        rows = ["### Other files", "", "| File | Errors | Warnings |", "|---|--:|--:|"]
        rows += [
            f"| {_text(line.name)} | {line.errors} | {line.warnings} |" for line in summary.other
        ]
        blocks.append("\n".join(rows) + "\n")
    out = f"## SEND reviews\n\n{_text(summary.headline)}\n\n"
    left_out = "More is in the step's log: GitHub's summary page holds 1 MiB.\n"
    for block in blocks:
        if len((out + block + left_out).encode("utf-8")) > budget:
            return out + left_out
        out += block + "\n"
    return out


def _text(value: str) -> str:
    """A name from a trust's files, on one line, with Markdown's special characters escaped."""
    from sendreview.render.reports.templating import markdown_escape

    return markdown_escape(" ".join(value.split()))


def _cycle_block(cycle: CycleSummary) -> str:
    """One cycle's table: a row per review, with its problems and how complete it is."""
    from sendreview.render.reports.wording import STATE_LABELS, cycle_label, percent

    rows = [
        f"### {_text(cycle.trust)}: {_text(cycle_label(cycle.cycle))}",
        "",
        "| Review | Errors | Warnings | How complete | File |",
        "|---|--:|--:|---|---|",
    ]
    for line in cycle.lines:
        state = STATE_LABELS.get(line.state or "", line.state or "")
        if line.statements:
            answered = line.answered or 0
            state += (
                f": {answered} of {line.statements} statements answered "
                f"({percent(answered / line.statements)})"
            )
        rows.append(
            f"| {_text(line.name)} | {line.errors} | {line.warnings} | {_text(state)} "
            f"| {_text(line.file or '')} |"
        )
    return "\n".join(rows) + "\n"


def append_to_step_summary(report: Report) -> str | None:
    """Inside GitHub Actions, add the result, academy by academy, to the job's summary page.

    The checks have run by now, so a summary that cannot be written is a note (returned, for
    the CLI to show), not a failure."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    from sendreview.files import append_regular

    try:
        append_regular(Path(target), markdown(job_summary(report)).encode("utf-8"))
    except SendReviewError as error:
        return f"Could not write the job summary: {error.message}"
    return None
