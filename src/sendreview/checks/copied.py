"""Answers copied unchanged from the academy's earlier cycles (SR701).

A review is meant to be written afresh each cycle. Words carried forward while the rating
moved explain a rating that is no longer given, and words left alone for a third cycle
running may no longer be looked at; either way a trustee reading the report cannot tell.
Both are warnings, never errors: the words may still be true, and only the SENCO knows.
Which answers count as copied is :mod:`sendreview.checks.stale`, the one rule ``compare``
lists them by too.
"""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.checks.context import CheckContext, rule
from sendreview.checks.stale import copied_fields, same_words
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Response, Review

#: Each compared field as a sentence names it.
FIELD_NAMES = {"strengths": "strengths", "areas_for_development": "areas for development"}


@rule("copied-answers", "SR701")
def check_copied_answers(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Strengths or areas for development in the previous cycle's words while the rating
    moved, or in the same words for two cycles running."""
    # Another academy's review (a file named for one academy, written about another) is
    # not this academy's history: SR307 already reports the misnamed file.
    same = [r for r in ctx.previous[:2] if r.subject == ctx.review.subject]
    if not same or same[0] is not ctx.previous[0]:
        return  # nothing to compare with: no cost beyond this line
    last, older = same[0], (same[1] if len(same) > 1 else None)
    for statement_id, now in ctx.review.responses.items():
        before = last.responses.get(statement_id)
        if before is None:
            continue
        oldest = older.responses.get(statement_id) if older else None
        for field in copied_fields(now, before):
            here = ("responses", statement_id, field)
            if _moved(now, before):
                yield _moved_warning(ctx, field, last, before, now, here)
            elif older and oldest and same_words(getattr(now, field), getattr(oldest, field)):
                yield _unchanged_warning(ctx, field, older, last, here)


def _moved(now: Response, before: Response) -> bool:
    """Rated in both cycles, differently (an answer rated for the first time has not moved)."""
    return now.rating is not None and before.rating is not None and now.rating != before.rating


def _moved_warning(
    ctx: CheckContext,
    field: str,
    last: Review,
    before: Response,
    now: Response,
    here: tuple[str, ...],
) -> Diagnostic:
    was, is_now = _label(ctx, before.rating), _label(ctx, now.rating)
    return ctx.problem(
        "SR701",
        f"The {FIELD_NAMES[field]} are copied unchanged from {last.cycle} while the rating "
        f"moved from {was} to {is_now}; are they still true?",
        f"Rewrite them for this cycle, or add what has changed since {last.cycle}: they were "
        f"written when the rating was {was}.",
        path=here,
        severity=Severity.WARNING,
    )


def _unchanged_warning(
    ctx: CheckContext, field: str, older: Review, last: Review, here: tuple[str, ...]
) -> Diagnostic:
    return ctx.problem(
        "SR701",
        f"The {FIELD_NAMES[field]} are word for word those of {older.cycle} and {last.cycle}, "
        "unchanged for two cycles running; are they still true?",
        f"Rewrite them for this cycle, or add what was seen since {last.cycle} that shows "
        "they still hold.",
        path=here,
        severity=Severity.WARNING,
    )


def _label(ctx: CheckContext, rating: str | None) -> str:
    """'amber' as the framework names it, or the id as written when it has no such rating."""
    level = ctx.known_framework.rating(rating) if rating else None
    return level.label.lower() if level else str(rating)
