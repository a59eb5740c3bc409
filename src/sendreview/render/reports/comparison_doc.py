"""``sendreview compare --format md|html``: what moved between two cycles as a document of
its own, drawn from the same partials (``_history.md.j2``, ``_history.html.j2``) as the
reports' "Since last review" section, so the two never say different things.

A comparison carries rating ids, not the framework's scale, so ratings read as their ids in
words ('Amber'); the report, which has the scale, uses the scale's labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sendreview.model.comparison import CycleComparison
from sendreview.render.reports.movement import Movement, movement
from sendreview.render.reports.templating import environment, tidy
from sendreview.render.reports.wording import Level, cycle_label


@dataclass(frozen=True)
class ComparisonDoc:
    """What ``compare.<kind>.j2`` reads; ``scale``, ``trend``, ``focus`` and ``moderation``
    are there for the page frame shared with the reports, which asks for them."""

    trust: str
    from_label: str
    to_label: str
    movement: Movement
    scale: list[Level] = field(default_factory=list)
    trend: None = None
    focus: None = None
    moderation: None = None


def _render(comparison: CycleComparison, kind: Literal["md", "html"]) -> str:
    doc = ComparisonDoc(
        trust=comparison.trust,
        from_label=cycle_label(comparison.from_),
        to_label=cycle_label(comparison.to),
        movement=movement(comparison),
    )
    return tidy(environment(kind).get_template(f"compare.{kind}.j2").render(report=doc))


def as_markdown(comparison: CycleComparison) -> str:
    return _render(comparison, "md")


def as_html(comparison: CycleComparison) -> str:
    return _render(comparison, "html")
