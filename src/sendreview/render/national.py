"""``context national``: the national figures in use, for people (text) and scripts (json).

The source and its address come first in both: a figure a board reads is only as good as
the release it can be checked against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sendreview.model.context import NEED_CODES
from sendreview.render.problems import exact_json

if TYPE_CHECKING:
    from sendreview.model.national import NationalFigures, NationalInUse, PhaseFigures


def as_json(used: NationalInUse) -> str:
    return exact_json({"origin": used.origin, **used.figures.model_dump(mode="json")})


def as_text(used: NationalInUse) -> str:
    lines = [f"National figures in use: {used.origin}", *_release(used.figures)]
    if used.figures.previous is not None:
        lines += ["", "The release before:", *_release(used.figures.previous)]
    return "\n".join(lines) + "\n"


def _release(figures: NationalFigures) -> list[str]:
    source = figures.source
    published = f", published {source.published.isoformat()}" if source.published else ""
    lines = [f"{source.title}, {source.year} ({source.publisher}{published})", source.url, ""]
    if not figures.phases:
        # Said in so many words: a blank table could be read as "no pupils with SEN".
        return [*lines, "No figures from this release are in use yet."]
    lines.append(f"{'':<10} {'SEN support':>11} {'EHC plan':>9}")
    for name, phase in figures.phases.items():
        lines.append(f"{name:<10} {phase.sen_support_pct:>10.1f}% {phase.ehc_plan_pct:>8.1f}%")
        if phase.covers:
            lines.append(f"{'':<10} ({phase.covers})")
    for name, phase in figures.phases.items():
        lines += _needs(name, phase)
    return lines


def _needs(name: str, phase: PhaseFigures) -> list[str]:
    """The phase's primary needs, largest first, as shares of its pupils with SEN."""
    if not phase.primary_need_pct:
        return []
    ranked = sorted(phase.primary_need_pct.items(), key=lambda item: -item[1])
    return [
        "",
        f"Primary need, {name} (% of pupils with SEN):",
        *(f"  {code:<5} {pct:>5.1f}%  {NEED_CODES.get(code, '')}" for code, pct in ranked),
    ]
