"""``sendreview schema``: write the JSON Schemas that let an editor check reviews as they are
typed."""

from __future__ import annotations

from pathlib import Path

from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import SCHEMAS_DIR, Repository
from sendreview.repository.schemas import repository_frameworks, write_schemas


def schema(root: Path, *, force: bool = False) -> list[Path]:
    """The schema files written; those already up to date are left alone."""
    repo = Repository.at(root)
    frameworks = repository_frameworks(repo.root, FrameworkRegistry.for_repository(repo.root))
    return write_schemas(repo.root / SCHEMAS_DIR, frameworks, force=force)
