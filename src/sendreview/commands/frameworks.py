"""``sendreview frameworks list|show|check``: the frameworks available, one framework, and
what is wrong with a trust's own framework file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendreview.diagnostics import Report
from sendreview.errors import UsageError
from sendreview.model import Framework
from sendreview.repository.frameworks import FrameworkRegistry, load_framework_file
from sendreview.repository.layout import display_path, find_root


def _registry(repo: Path) -> FrameworkRegistry:
    """The built-in frameworks, and the repository's own when ``repo`` is in one."""
    return FrameworkRegistry.for_repository(find_root(repo) if repo.exists() else None)


def list_frameworks(repo: Path) -> list[Framework]:
    registry = _registry(repo)
    return [registry.require(i) for i in registry.ids()]


def show_framework(framework_id: str, repo: Path) -> Framework:
    return _registry(repo).require(framework_id)


@dataclass(frozen=True)
class FrameworkCheck:
    """The problems in a framework file, and the framework when it could be read."""

    report: Report
    framework: Framework | None

    @property
    def summary(self) -> str | None:
        """'Title: 4 areas, 20 statements.' for a framework without errors; else None."""
        if self.framework is None or self.report.errors:
            return None
        count = sum(1 for _ in self.framework.statements())
        return f"{self.framework.title}: {len(self.framework.areas)} areas, {count} statements."


def check_framework(file: Path) -> FrameworkCheck:
    if not file.is_file():
        raise UsageError(f"'{file}' is not a file.", "Give the path to a framework .yaml file.")
    framework, doc = load_framework_file(file, display_path(file))
    return FrameworkCheck(Report(files=[doc.file], diagnostics=doc.diagnostics), framework)
