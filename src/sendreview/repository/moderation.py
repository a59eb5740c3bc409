"""Moderation files read from the repository and checked against the review they moderate.

A moderator's ratings are in ``reviews/<cycle>/moderation/<academy>.yaml``, beside the
academy's own review (:meth:`Repository.moderation_file`). They are read through the same
source loader as reviews (a position for every value; duplicate keys, misspelt keys, Windows
encodings and size limits handled the same way) and checked by
:mod:`sendreview.checks.moderation` against the framework, the trust file and the review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sendreview.diagnostics import Diagnostic
from sendreview.model import Review, Trust
from sendreview.model.moderation import Moderation
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository


@dataclass
class LoadedModeration:
    """One moderation file as read for the trust view.

    ``moderation`` is None when it cannot be used: the file could not be read, it is not
    this academy's or this cycle's, or the academy has no review to moderate. Otherwise it
    holds only what can be compared: statements of the framework rated on its scale (a
    response with a problem is left out, and ``diagnostics`` say why). ``file`` is the path
    as a person sees it.
    """

    academy: str
    path: Path
    file: str
    moderation: Moderation | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_moderation(
    path: Path,
    registry: FrameworkRegistry,
    trust: Trust | None,
    review: Review | None,
) -> tuple[Moderation | None, list[Diagnostic]]:
    """Read one moderation file and check it against ``review``, the academy's review of
    the cycle (None when it has none, itself a problem). See :class:`LoadedModeration` for
    when the moderation comes back None."""
    raise NotImplementedError


def load_moderations(
    repo: Repository, cycle: str, trust: Trust | None
) -> dict[str, LoadedModeration]:
    """Every moderation file of ``cycle`` by academy id (the file's name), in the order of
    the file names, each read and checked against the academy's review."""
    raise NotImplementedError
