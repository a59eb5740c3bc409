"""Moderation in the trust view: the cycle's moderation files read, agreement worked out, and
(unless the academies' own ratings were asked for) the moderators' ratings put in use.

The swap happens on the statement rows before any figure is worked out from them, so area
scores, priorities, outliers and peer pairs all count the same ratings. A cycle without a
``moderation`` folder costs one look at the disk: nothing is imported or read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sendreview.choices import RatingsInUse
from sendreview.diagnostics import Diagnostic
from sendreview.model import Framework, Trust
from sendreview.model.moderation import (
    AcademyModeration,
    Moderation,
    ModerationPair,
    ModerationSummary,
)
from sendreview.model.trust_view import PeerPair, StatementRow
from sendreview.repository.layout import MODERATION_DIR, Repository
from sendreview.trust_view.moderation import Compared, academy_moderation, trust_summary


@dataclass
class Moderated:
    """What the trust view takes of a cycle's moderation: each academy's, the trust's
    summary, and the moderation files' problems."""

    academies: dict[str, AcademyModeration] = field(default_factory=dict)
    summary: ModerationSummary | None = None
    problems: list[Diagnostic] = field(default_factory=list)


def read_moderations(
    repo: Repository, cycle: str, trust: Trust, reviewed: set[str]
) -> tuple[dict[str, tuple[Moderation, str]], list[Diagnostic]]:
    """Academy id -> (its moderation, the file as a person sees it), for the academies in
    ``reviewed`` (those whose review was read) whose moderation can be used; and every
    problem of the cycle's moderation files."""
    if not (repo.cycle_dir(cycle) / MODERATION_DIR).is_dir():
        return {}, []
    from sendreview.repository.moderation import load_moderations

    found: dict[str, tuple[Moderation, str]] = {}
    problems: list[Diagnostic] = []
    for academy, loaded in load_moderations(repo, cycle, trust).items():
        problems += loaded.diagnostics
        if loaded.moderation is not None and academy in reviewed:
            found[academy] = (loaded.moderation, loaded.file)
    return found, problems


def moderate(
    rows: list[StatementRow],
    moderations: Mapping[str, tuple[Moderation, str]],
    framework: Framework,
    ratings: RatingsInUse,
) -> Moderated:
    """Each academy's agreement with its moderator (against its own ratings, as gathered in
    ``rows``) and the trust's; with ``ratings`` "moderated", the moderators' ratings then
    replace the academies' own in ``rows``, the own kept in ``self_ratings`` where they
    differ."""
    found = Moderated()
    compared: dict[str, list[Compared]] = {}
    for academy, (moderation, file) in moderations.items():
        own = {row.id: row.ratings.get(academy) for row in rows}
        found.academies[academy], compared[academy] = academy_moderation(
            moderation, own, framework, file
        )
    found.summary = trust_summary(compared, framework)
    if ratings == "moderated":
        use_moderated(rows, found.academies)
    return found


def use_moderated(rows: list[StatementRow], academies: Mapping[str, AcademyModeration]) -> None:
    """Put each moderator's rating in use where it differs from the academy's own rating.

    Only a rating replaces a rating: a statement the academy left unrated or marked not
    applicable stays so (``validate`` warns that such a moderation has nothing to compare
    with), so how complete a review is, and what its scores rest on, is the academy's own.
    """
    for row in rows:
        ratings = row.ratings
        for academy, moderation in academies.items():
            moderated = moderation.ratings.get(row.id)
            own = ratings.get(academy)
            if moderated is not None and own is not None and own != moderated:
                row.self_ratings[academy] = own
                ratings[academy] = moderated


#: Every field of a moderation pair is given.
_PAIR_FIELDS = set(ModerationPair.model_fields)


def moderation_pairs(pairs: list[PeerPair]) -> list[ModerationPair]:
    """Peer-support pairs offered as moderation pairs: the SENCO of an academy strong where
    another is weak moderates it, on the statements the pair shares. Grouped by the two
    academies, the pair with most statements first (then in the order found); an academy
    never moderates itself."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for pair in pairs:
        if pair.from_academy != pair.to_academy:
            statements = grouped.setdefault((pair.from_academy, pair.to_academy), [])
            if pair.statement not in statements:
                statements.append(pair.statement)
    # Built without validating again (a large trust has tens of thousands of pairs), with
    # one record of the fields set for all.
    found = [
        ModerationPair.model_construct(
            _PAIR_FIELDS, moderator_academy=moderator, academy=academy, statements=statements
        )
        for (moderator, academy), statements in grouped.items()
    ]
    return sorted(found, key=lambda p: -len(p.statements))
