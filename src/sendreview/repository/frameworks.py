"""The built-in frameworks, and a trust's own ones, found by id."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sendreview.diagnostics import Diagnostic
from sendreview.errors import UsageError
from sendreview.model import Framework
from sendreview.prose import did_you_mean
from sendreview.repository.layout import display_path
from sendreview.resources import data_dir
from sendreview.source.loader import to_model
from sendreview.source.yaml_document import YamlDocument
from sendreview.source.yaml_reader import load_yaml, parse_yaml


def builtin_ids() -> list[str]:
    return sorted(_builtin_documents())


@cache
def _builtin_documents() -> dict[str, str]:
    folder = data_dir("frameworks")
    return {
        entry.name.removesuffix(".yaml"): entry.read_text(encoding="utf-8")
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }


@cache
def builtin(framework_id: str) -> Framework:
    """A built-in framework. Built-ins are tested, so a problem here is a bug, not user input."""
    text = _builtin_documents()[framework_id]
    doc = parse_yaml(text, f"{framework_id}.yaml")
    framework = to_model(doc, Framework)
    if framework is None:  # pragma: no cover - guarded by the framework tests
        raise RuntimeError(f"built-in framework {framework_id} is invalid: {doc.diagnostics}")
    return framework


def load_framework_file(
    path: Path, display: str | None = None
) -> tuple[Framework | None, YamlDocument]:
    """Read a trust's own framework file, with positions for every problem."""
    doc = load_yaml(path, display)
    return to_model(doc, Framework), doc


@dataclass
class FrameworkRegistry:
    """The frameworks a repository can use: the built-ins plus its ``frameworks/`` folder."""

    custom: dict[str, Framework] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @classmethod
    def for_repository(cls, root: Path | None) -> FrameworkRegistry:
        registry = cls()
        if root is None or not (root / "frameworks").is_dir():
            return registry
        for path in sorted((root / "frameworks").glob("*.y*ml")):
            framework, doc = load_framework_file(path, display_path(path))
            registry.diagnostics.extend(doc.diagnostics)
            if framework is None:
                continue
            if framework.id in _builtin_documents():
                registry.diagnostics.append(
                    doc.problem(
                        "SR317",
                        f"'{framework.id}' is the id of a built-in framework.",
                        f"Give your framework its own id, for example '{framework.id}-our-trust'.",
                        path=("id",),
                    )
                )
                continue
            registry.custom[framework.id] = framework
        return registry

    def ids(self) -> list[str]:
        return sorted({*builtin_ids(), *self.custom})

    def get(self, framework_id: str) -> Framework | None:
        if framework_id in self.custom:
            return self.custom[framework_id]
        if framework_id in _builtin_documents():
            return builtin(framework_id)
        return None

    def require(self, framework_id: str) -> Framework:
        """A framework the user asked for by name; an unknown name cannot be run."""
        framework = self.get(framework_id)
        broken = [d for d in self.diagnostics if d.is_error and Path(d.file).stem == framework_id]
        if framework is None and broken:
            raise UsageError(
                f"The framework '{framework_id}' has a problem: {broken[0].location()}: "
                f"{broken[0].message}",
                "Fix it first ('sendreview validate' lists every problem).",
            )
        if framework is None:
            raise UsageError(
                f"There is no framework called '{framework_id}'.", self.suggest(framework_id)
            )
        return framework

    def suggest(self, framework_id: str) -> str:
        known = ", ".join(self.ids())
        return did_you_mean(framework_id, self.ids()) + f"Frameworks available: {known}."
