"""Moderation files read from the repository and checked against the review they moderate.

A moderator's ratings are in ``reviews/<cycle>/moderation/<academy>.yaml``, beside the
academy's own review (:meth:`Repository.moderation_file`). They are read through the same
source loader as reviews (a position for every value; duplicate keys, misspelt keys, Windows
encodings and size limits handled the same way) and checked by
:mod:`sendreview.checks.moderation` against the framework, the trust file and the review.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from sendreview.checks.context import FrameworkLookup
from sendreview.checks.moderation import Expected, check_moderation
from sendreview.diagnostics import Diagnostic
from sendreview.model import Review, Trust
from sendreview.model.moderation import Moderation
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import (
    MODERATION_DIR,
    REVIEWS_DIR,
    Repository,
    display_path,
    yaml_files,
)
from sendreview.repository.reviews import read_all
from sendreview.source.loader import to_model
from sendreview.source.yaml_document import YamlDocument
from sendreview.source.yaml_reader import load_yaml


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
    registry: FrameworkLookup,
    trust: Trust | None,
    review: Review | None,
    *,
    review_missing: bool | None = None,
    today: dt.date | None = None,
) -> tuple[Moderation | None, list[Diagnostic]]:
    """Read one moderation file and check it against ``review``, the academy's review of
    the cycle. See :class:`LoadedModeration` for when the moderation comes back None.

    ``review_missing``: whether the academy has no review to moderate (SR901); by default,
    when ``review`` is None in a repository (``trust`` given). A review that is there but
    could not be read is None without being missing: its own problems are its file's.
    """
    doc = load_yaml(path, display_path(path))
    moderation = to_model(doc, Moderation, salvage=True)
    if moderation is None:
        return None, doc.diagnostics
    cycle, academy = place_of(path)
    if review_missing is None:
        review_missing = review is None and trust is not None and cycle is not None
    expected = Expected(
        trust, cycle, academy, path.name, review, review_missing, today or dt.date.today()
    )
    doc.diagnostics += check_moderation(moderation, doc, registry, expected)
    return _usable(moderation, doc, registry), doc.diagnostics


def read_moderation(
    path: Path, registry: FrameworkLookup, trust: Trust | None, today: dt.date | None = None
) -> LoadedModeration:
    """One moderation file, checked against the review its place names
    (``reviews/<cycle>/moderation/<academy>.yaml`` moderates ``reviews/<cycle>/<academy>.yaml``)."""
    cycle, academy = place_of(path)
    review, missing = None, False
    if cycle is not None and academy is not None:
        review_path = path.parent.parent / f"{academy}.yaml"
        missing = not (review_path.is_file() or review_path.is_symlink())
        review = None if missing else _read_quietly(review_path)
    moderation, diagnostics = load_moderation(
        path, registry, trust, review, review_missing=missing, today=today
    )
    return LoadedModeration(path.stem, path, display_path(path), moderation, diagnostics)


def load_moderations(
    repo: Repository, cycle: str, trust: Trust | None
) -> dict[str, LoadedModeration]:
    """Every moderation file of ``cycle`` by academy id (the file's name, without
    ``.yaml``), in the order of the file names, each read and checked against the
    academy's review; read on every core for a large trust, as reviews are."""
    registry = FrameworkRegistry.for_repository(repo.root)
    files = yaml_files(repo.cycle_dir(cycle) / MODERATION_DIR)
    read = partial(read_moderation, registry=registry, trust=trust)
    found: dict[str, LoadedModeration] = {}
    for loaded in read_all(files, read):
        found.setdefault(loaded.academy, loaded)
    return found


def place_of(path: Path) -> tuple[str | None, str | None]:
    """The cycle and academy that ``reviews/<cycle>/moderation/<academy>.yaml`` names, or
    (None, None) for a file anywhere else."""
    folder = Path(os.path.abspath(path)).parent
    if folder.name != MODERATION_DIR or folder.parent.parent.name != REVIEWS_DIR:
        return None, None
    return folder.parent.name, path.stem


def is_moderation_file(path: Path) -> bool:
    """A file in a ``moderation`` folder: a moderator's file, never a review, wherever the
    folder is (so that one copied out of a repository is still checked as what it is)."""
    return Path(os.path.abspath(path)).parent.name == MODERATION_DIR


#: Problems that make a moderation not this academy's, not this cycle's, or about nothing.
_NOT_USED = frozenset({"SR301", "SR303", "SR306", "SR307", "SR901", "SR902"})


def _usable(
    moderation: Moderation, doc: YamlDocument, registry: FrameworkLookup
) -> Moderation | None:
    """What of ``moderation`` can be compared with the academy's own ratings: None when
    part of the file could not be read or it is not the academy's; otherwise without the
    statements the framework does not have, and a rating not on the scale left blank."""
    framework = registry.get(moderation.framework)
    not_used = any(d.is_error and d.code in _NOT_USED for d in doc.diagnostics)
    if doc.dropped or not_used or framework is None:
        return None
    responses = {
        statement_id: response
        if response.rating is None or framework.rating(response.rating)
        else response.model_copy(update={"rating": None})
        for statement_id, response in moderation.responses.items()
        if framework.statement(statement_id) is not None
    }
    return moderation.model_copy(update={"responses": responses})


def _read_quietly(path: Path) -> Review | None:
    """The review as far as it can be read; its own problems are reported with its file."""
    return to_model(load_yaml(path), Review, salvage=True)
