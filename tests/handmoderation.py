"""Moderation added by hand to a trust view, with a known pattern, until the example trust
has moderation files of its own: Castlegate's moderator rates it more harshly than it rates
itself (generous, one statement two steps apart), Alder Brook's nearly agrees (one statement
the academy rated lower). The statements take the moderator's rating, as a view built with
moderated ratings in use does, and keep the academy's own in ``self_ratings``."""

from __future__ import annotations

import datetime as dt

from sendreview.model.moderation import (
    AcademyModeration,
    ContestedStatement,
    Disagreement,
    ModerationSummary,
    Moderator,
)
from sendreview.model.trust_view import TrustView

SCRIPT = "<script>alert(1)</script>"
#: academy -> statement -> (the moderator's rating, comment)
PATTERN = {
    "castlegate-academy": {
        "leadership-2": ("red", "Two steps: governors' minutes never mention SEND. " + SCRIPT),
        "teaching-1": ("amber", "Adaptive teaching seen in two lessons of six."),
        "graduated-approach-2": ("red", "Provision map out of date."),
    },
    "alder-brook-primary": {
        "leadership-4": ("green", "Stronger than the academy says: minutes seen."),
    },
}
MODERATORS = {
    "castlegate-academy": Moderator(role="External reviewer (NLE)", name="Sam Okafor"),
    "alder-brook-primary": Moderator(role="Peer SENCO", academy="castlegate-academy"),
}


def hand_moderation(view: TrustView, ratings: str = "moderated") -> TrustView:
    """``view`` with moderation; ``ratings`` "self" leaves the academies' own ratings in use.
    Any moderation the view read from files is taken out first."""
    _without_moderation(view)
    order = [level.id for level in view.rating_scale]
    rows = {r.id: r for r in view.statements}
    contested: dict[str, list[str]] = {}
    for academy, pattern in PATTERN.items():
        found = []
        compared = sum(1 for r in view.statements if r.ratings.get(academy) in order)
        for statement, (moderated, comment) in pattern.items():
            row = rows[statement]
            own = row.ratings[academy]
            assert own in order and own != moderated, (academy, statement, own)
            steps = order.index(own) - order.index(moderated)
            found.append(
                Disagreement(
                    statement=statement,
                    area=row.area,
                    self=own,
                    moderated=moderated,
                    comment=comment,
                    steps=steps,
                )
            )
            contested.setdefault(statement, []).append(academy)
            if ratings == "moderated":
                row.self_ratings[academy] = own
                row.ratings[academy] = moderated
        higher = sum(1 for d in found if d.steps > 0)
        view.moderation[academy] = AcademyModeration(
            moderator=MODERATORS[academy],
            date=dt.date(2026, 11, 24),
            summary="A careful self-review.",
            statements_moderated=compared,
            compared=compared,
            agreed=compared - len(found),
            agreement=(compared - len(found)) / compared,
            higher=higher,
            lower=len(found) - higher,
            kappa=0.61 if academy == "castlegate-academy" else None,
            kappa_note="" if academy == "castlegate-academy" else "fewer than 10 compared",
            leaning="generous" if higher > len(found) - higher else "harsh",
            disagreements=found,
        )
    mods = view.moderation.values()
    compared = sum(m.compared for m in mods)
    agreed = sum(m.agreed for m in mods)
    view.moderation_summary = ModerationSummary(
        academies=len(view.moderation),
        compared=compared,
        agreed=agreed,
        agreement=agreed / compared,
        higher=sum(m.higher for m in mods),
        lower=sum(m.lower for m in mods),
        kappa=0.58,
        leaning="generous",
        statements=[
            ContestedStatement(
                statement=s,
                area=rows[s].area,
                text=rows[s].text,
                compared=2,
                disagreed=len(a),
                academies=a,
            )
            for s, a in contested.items()
        ],
    )
    view.ratings_in_use = "self" if ratings == "self" else "moderated"
    return view


def _without_moderation(view: TrustView) -> None:
    """The academies' own ratings back in every statement, and no moderation."""
    for row in view.statements:
        for academy, own in row.self_ratings.items():
            row.ratings[academy] = own
        row.self_ratings.clear()
    view.moderation.clear()
    view.moderation_summary = None
