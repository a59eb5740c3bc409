"""Frameworks as data: ``frameworks list --format json`` and ``frameworks show --format
json|yaml``, stable interfaces for scripts (their terminal forms are in :mod:`.terminal`)."""

from __future__ import annotations

from sendreview.model import Framework
from sendreview.render.problems import exact_json


def list_json(frameworks: list[Framework]) -> str:
    return exact_json([_summary(f) for f in frameworks])


def _summary(f: Framework) -> dict[str, object]:
    return {
        "id": f.id,
        "version": f.version,
        "title": f.title,
        "level": f.level,
        "areas": len(f.areas),
        "statements": sum(1 for _ in f.statements()),
    }


def as_json(framework: Framework) -> str:
    return exact_json(framework.model_dump(mode="json"))


def as_yaml(framework: Framework) -> str:
    import yaml

    data = framework.model_dump(mode="json")
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
