"""Crosswalks: how one framework's statements read under another framework's areas.

The built-in crosswalk places each School SEND Review statement under one of the MAT SEND
Review's five areas. A trust can override it with a file of the same name in its repository's
``frameworks/crosswalks/`` folder.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from sendreview.diagnostics import Diagnostic
from sendreview.errors import SendReviewError
from sendreview.model import Framework
from sendreview.model.base import Model, Slug
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import FRAMEWORKS_DIR, display_path
from sendreview.resources import data_dir
from sendreview.source.loader import load_model, to_model
from sendreview.source.yaml_reader import parse_yaml

CROSSWALKS_DIR = "crosswalks"


class Crosswalk(Model):
    source: Slug = Field(alias="from")
    target: Slug = Field(alias="to")
    map: dict[str, Slug]

    def statements_by_area(self, source: Framework, target: Framework) -> dict[str, list[str]]:
        """Target area id to the source statements placed under it, in the source's order."""
        out: dict[str, list[str]] = {area.id: [] for area in target.areas}
        for statement in source.statements():
            area = self.map.get(statement.id)
            if area in out:
                out[area].append(statement.id)
        return out

    def problems(self, source: Framework, target: Framework) -> list[str]:
        """Ids in the map that the frameworks do not have."""
        bad = [
            f"'{s}' is not a statement of {source.id}"
            for s in self.map
            if source.statement(s) is None
        ]
        bad += [
            f"'{a}' is not an area of {target.id}"
            for a in set(self.map.values())
            if target.area(a) is None
        ]
        return bad


def check_crosswalk_file(path: Path, registry: FrameworkRegistry) -> list[Diagnostic]:
    """A trust's own crosswalk, against the frameworks it names."""
    crosswalk, doc = load_model(path, Crosswalk, display_path(path))
    if crosswalk is None:
        return doc.diagnostics
    for key in ("from", "to"):
        framework_id = crosswalk.source if key == "from" else crosswalk.target
        if registry.get(framework_id) is None:
            doc.diagnostics.append(
                doc.problem(
                    "SR301",
                    f"There is no framework called '{framework_id}'.",
                    registry.suggest(framework_id),
                    path=(key,),
                )
            )
    source, target = registry.get(crosswalk.source), registry.get(crosswalk.target)
    if source is not None and target is not None:
        for problem in crosswalk.problems(source, target):
            statement = problem.split("'")[1]
            where = ("map", statement) if statement in crosswalk.map else ("map",)
            doc.diagnostics.append(
                doc.problem(
                    "SR318",
                    f"This crosswalk does not match the frameworks: {problem}.",
                    f"Use statement ids of {source.id} and area ids of {target.id}.",
                    path=where,
                    key=True,
                )
            )
    return doc.diagnostics


def file_name(source_id: str, target_id: str) -> str:
    return f"{source_id}--{target_id}.yaml"


def find_crosswalk(source: Framework, target: Framework, root: Path | None) -> Crosswalk | None:
    """The trust's own crosswalk if it has one, else the built-in one, else none."""
    name = file_name(source.id, target.id)
    own = root / FRAMEWORKS_DIR / CROSSWALKS_DIR / name if root else None
    if own is not None and own.is_file():
        crosswalk, doc = load_model(own, Crosswalk, display_path(own))
        if crosswalk is None:
            first = next(d for d in doc.diagnostics if d.is_error)
            raise SendReviewError(f"{first.location()}: {first.message}", first.hint)
    else:
        packaged = data_dir("frameworks") / CROSSWALKS_DIR / name
        if not packaged.is_file():
            return None
        crosswalk = to_model(parse_yaml(packaged.read_text(encoding="utf-8"), name), Crosswalk)
        if crosswalk is None:  # pragma: no cover - the built-in crosswalk is tested
            raise RuntimeError(f"built-in crosswalk {name} is invalid")
        own = None
    problems = crosswalk.problems(source, target)
    if problems:
        where = display_path(own) if own else name
        raise SendReviewError(
            f"The crosswalk {where} does not match the frameworks: {problems[0]}.",
            "Use statement ids of the academy framework and area ids of the trust framework.",
        )
    return crosswalk
