"""Moderation as one of the related CSV tables: ``moderation.csv``, one row per academy and
statement its moderator rated, with the academy's own rating beside the moderator's.

``compared`` is false where the academy gave no rating of its own (unrated or not
applicable): there is nothing to agree with, so ``agreed`` and ``steps`` are empty. ``steps``
is how many points of the scale the academy rated itself above its moderator (negative:
below), as in the JSON's disagreements.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sendreview.render.trust_view_data import date_text, flag

if TYPE_CHECKING:
    from sendreview.model.trust_view import TrustView


def moderation_rows(view: TrustView) -> Iterator[list[str]]:
    rows = {row.id: row for row in view.statements}
    positions = {level.id: i for i, level in enumerate(view.rating_scale)}
    for academy in view.academies:
        found = view.moderation.get(academy.id)
        if found is None:
            continue
        for statement, moderated in found.ratings.items():
            row = rows[statement]
            own = row.self_ratings.get(academy.id, row.ratings.get(academy.id))
            compared = own is not None
            steps = positions[own] - positions[moderated] if own is not None else None
            yield [
                view.cycle,
                academy.id,
                statement,
                row.area,
                own or "",
                moderated,
                flag(compared),
                flag(own == moderated) if compared else "",
                "" if steps is None else str(steps),
                found.comments.get(statement, ""),
                found.moderator.role,
                found.moderator.academy or "",
                date_text(found.date),
            ]
