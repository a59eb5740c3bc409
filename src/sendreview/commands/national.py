"""``sendreview context national``: the national figures in use, and where they came from."""

from __future__ import annotations

from pathlib import Path

from sendreview.errors import UsageError
from sendreview.model.national import NationalInUse
from sendreview.repository.layout import find_root
from sendreview.repository.national import load_national


def national(repo: Path) -> NationalInUse:
    """The figures in use for the repository at or above ``repo``; outside a repository,
    the ones shipped with sendreview."""
    if not repo.exists():
        raise UsageError(f"'{repo}' does not exist.", "Check the spelling of the folder.")
    figures, origin = load_national(find_root(repo if repo.is_dir() else repo.parent))
    return NationalInUse(figures, origin)
