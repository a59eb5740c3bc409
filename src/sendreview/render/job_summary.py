"""The GitHub job summary of ``sendreview validate``: the result, academy by academy.

GitHub shows only the first ten errors and ten warnings of a step on the files, so the
summary page carries the whole picture: for each cycle of each repository checked, a line per
academy with its errors, its warnings and how complete its review is. What goes in it is built
by the use case (:func:`sendreview.commands.validate.job_summary`); this module only writes it
as Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sendreview.errors import SendReviewError


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


def append_to_step_summary(summary: JobSummary, target: str) -> str | None:
    """Add the result, academy by academy, to GitHub's job summary page (the file ``target``).

    The checks have run by now, so a summary that cannot be written is a note (returned, for
    the CLI to show), not a failure."""
    from sendreview.files import append_regular

    try:
        append_regular(Path(target), markdown(summary).encode("utf-8"))
    except SendReviewError as error:
        return f"Could not write the job summary: {error.message}"
    return None
