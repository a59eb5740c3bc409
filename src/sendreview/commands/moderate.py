"""``sendreview moderate``: a blank moderation file for a moderator to fill in.

The file goes beside the academy's review (``reviews/<cycle>/moderation/<academy>.yaml``)
with every statement of the framework, each showing the academy's own rating and words, so
the moderator needs nothing else open. The academy's review is read, never changed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sendreview.errors import RefusedError, UsageError
from sendreview.files import write_atomic
from sendreview.model import Academy, Review, Trust
from sendreview.model.moderation import Moderation, Moderator
from sendreview.prose import choose_by_id_or_name, did_you_mean, did_you_mean_item
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import (
    TRUST_FILE,
    Repository,
    display_path,
    moderation_schema_link,
)
from sendreview.source.loader import to_model
from sendreview.source.yaml_reader import load_yaml


@dataclass(frozen=True)
class ModerateRequest:
    """What ``sendreview moderate`` was asked for: whose review, and who moderates."""

    root: Path
    academy: str
    cycle: str | None = None
    #: the moderator's role, such as "External reviewer (NLE)"
    by: str = ""
    name: str | None = None
    #: for a peer SENCO: the academy they come from (an id or a name)
    peer_academy: str | None = None
    force: bool = False


@dataclass(frozen=True)
class ModerationScaffold:
    """What was written: the file, for whom, and how much of the review there is to see."""

    path: Path
    academy: Academy
    cycle: str
    statements: int
    #: statements the academy rated: what the moderator can compare with
    rated: int
    replaced: bool


def moderate(request: ModerateRequest) -> ModerationScaffold:
    """Write the moderation file; refuse to replace one without ``force``, and refuse an
    academy with no review to moderate."""
    from sendreview.source.moderation_writer import moderation_text

    repo = Repository.at(request.root)
    trust = repo.load_trust()
    cycle = _cycle(repo, request.cycle)
    academy = academy_by_id_or_name(trust, request.academy)
    peer = _peer(trust, request.peer_academy, academy)
    review = _review(repo, cycle, academy)
    framework = FrameworkRegistry.for_repository(repo.root).require(review.framework)
    target = repo.moderation_file(cycle, academy.id)
    existed = os.path.lexists(target)
    if existed and not request.force:
        raise RefusedError(
            f"'{display_path(target)}' is already there, so it was left as it is.",
            "Add --force to replace it with a blank one (the ratings and comments in it "
            "would be lost).",
        )
    moderation = Moderation(
        framework=framework.id,
        framework_version=framework.version,
        cycle=cycle,
        academy=academy.id,
        moderator=Moderator(role=request.by.strip(), name=request.name, academy=peer),
    )
    text = moderation_text(
        moderation,
        framework,
        review,
        schema_link=moderation_schema_link(framework.id),
        academy_name=academy.name,
    )
    write_atomic(target, text.encode("utf-8"), overwrite=request.force)
    rated = sum(1 for s in framework.statement_ids if _rated(review, s))
    return ModerationScaffold(target, academy, cycle, len(framework.statement_ids), rated, existed)


def _cycle(repo: Repository, cycle: str | None) -> str:
    chosen = repo.cycle_or_only(cycle)
    cycles = repo.cycles()
    if chosen not in cycles:
        raise UsageError(
            f"There is no cycle '{chosen}' in this repository.",
            did_you_mean(chosen, cycles)
            + f"Cycles in this repository: {', '.join(cycles) or 'none yet'}.",
        )
    return chosen


def academy_by_id_or_name(trust: Trust, wanted: str) -> Academy:
    """The academy by its id or its name, in any case; refuses any other name, suggesting
    the closest. The trust's own review is not moderated here. Shared with ``sendreview
    context``, which takes an academy the same way."""
    items = [(a.id, a.name) for a in trust.academies]
    found = choose_by_id_or_name(wanted, items)
    academy = trust.academy(found) if found else None
    if academy is None:
        raise UsageError(
            f"'{wanted}' is not an academy in {TRUST_FILE}.",
            did_you_mean_item(wanted, items)
            + "Academies: "
            + (", ".join(item_id for item_id, _ in items) or "none yet")
            + ".",
        )
    return academy


def _peer(trust: Trust, wanted: str | None, academy: Academy) -> str | None:
    """A peer SENCO's own academy: another of the trust's academies."""
    if wanted is None or not wanted.strip():
        return None
    peer = academy_by_id_or_name(trust, wanted)
    if peer.id == academy.id:
        raise UsageError(
            f"--peer-academy names {academy.name}, the academy being moderated.",
            "Give the academy the peer SENCO comes from; leave --peer-academy out for a "
            "moderator from outside the trust's academies.",
        )
    return peer.id


def _review(repo: Repository, cycle: str, academy: Academy) -> Review:
    """The academy's review of the cycle, which the moderation file shows beside each
    statement; without one there is nothing to moderate."""
    path = repo.review_file(cycle, academy.id)
    if not path.is_file():
        raise RefusedError(
            f"{academy.name} has no review for cycle {cycle} to moderate "
            f"({display_path(path)} is not there).",
            f"The academy rates itself first: 'sendreview new --cycle {cycle}' makes a blank "
            "review for the SENCO to fill in.",
        )
    doc = load_yaml(path, display_path(path))
    review = to_model(doc, Review, salvage=True)
    if review is None:
        raise RefusedError(
            f"The review {display_path(path)} cannot be read, so it cannot be moderated.",
            "Fix it first ('sendreview validate' lists every problem).",
        )
    return review


def _rated(review: Review, statement_id: str) -> bool:
    response = review.responses.get(statement_id)
    return response is not None and response.rating is not None
