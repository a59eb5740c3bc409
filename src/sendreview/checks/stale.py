"""Answers copied unchanged from an earlier cycle.

A SENCO who carries last term's words forward while the rating moved, or leaves the same words
for a third cycle running, is asked whether they are still true. ``validate`` warns about it
and ``compare`` lists it, both by this one rule.
"""

from __future__ import annotations

from sendreview.model.review import Response

#: The answer fields whose words are compared across cycles.
STALE_FIELDS = ("strengths", "areas_for_development")


def same_words(now: str, before: str) -> bool:
    """Whether two answers are the same words: spacing and line breaks aside (re-flowing a
    paragraph is not rewriting it), and never for an empty answer."""
    words = now.split()
    return bool(words) and words == before.split()


def copied_fields(now: Response, before: Response) -> list[str]:
    """The fields of ``now`` written in the same words as ``before``."""
    return [f for f in STALE_FIELDS if same_words(getattr(now, f), getattr(before, f))]
