"""Answers carried forward in the same words: is what they say still true?

The rule is the one ``validate`` uses (:mod:`sendreview.checks.stale`): an answer copied
unchanged from the cycle before while the rating moved, or unchanged for two cycles running.
"""

from __future__ import annotations

from typing import cast

from sendreview.checks.stale import STALE_FIELDS, same_words
from sendreview.model.comparison import StaleText, TextField
from sendreview.model.trust_view import StatementRow, TrustView


def _text(row: StatementRow | None, field: str, academy_id: str) -> str:
    answers: dict[str, str] = getattr(row, field) if row is not None else {}
    return answers.get(academy_id, "")


def stale_text(
    before: TrustView, after: TrustView, *, earlier: TrustView | None = None
) -> list[StaleText]:
    """Each answer of ``after`` written in the words of ``before``, where the rating moved or
    ``earlier`` had the same words too; ``since`` is the earliest of them."""
    then = {row.id: row for row in before.statements}
    first = {row.id: row for row in earlier.statements} if earlier else {}
    found: list[StaleText] = []
    for row in after.statements:
        old = then.get(row.id)
        if old is None:
            continue
        for academy_id in row.ratings:
            rating, rating_then = row.ratings.get(academy_id), old.ratings.get(academy_id)
            moved = None not in (rating, rating_then) and rating != rating_then
            for field in STALE_FIELDS:
                now = _text(row, field, academy_id)
                if not same_words(now, _text(old, field, academy_id)):
                    continue
                twice = earlier is not None and same_words(
                    now, _text(first.get(row.id), field, academy_id)
                )
                if moved or twice:
                    found.append(
                        StaleText(
                            academy=academy_id,
                            statement=row.id,
                            field=cast(TextField, field),
                            since=earlier.cycle if twice and earlier else before.cycle,
                            rating_moved=moved,
                        )
                    )
    return found
