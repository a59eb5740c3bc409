"""The need mix as an inline SVG bar chart: each broad area's share of pupils with SEN, the
academy's (or trust's) beside the national share for its phase.

Geometry is worked out here and the template only writes it out (as the trend chart does):
no script, nothing a printer or screen reader cannot take. The two bars of an area differ
in fill (solid against outlined) as well as colour, and every bar carries its figure in
words, so nothing is told by colour alone; the table beside it has every figure too. A
withheld share draws no bar, only the word "withheld".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendreview.render.reports.need_profile import Profile

#: What stands in for a withheld figure.
WITHHELD = "withheld"

#: SVG units: the chart scales to the page.
WIDTH = 720
LABEL_WIDTH = 250
BAR = 14
GAP = 3
GROUP = 2 * BAR + GAP + 16
TOP = 30
#: Room for the figure written after the longest bar.
VALUE_ROOM = 115


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    text: str
    text_x: float
    national: bool


@dataclass(frozen=True)
class Group:
    title: str
    y: float
    bars: list[Bar]


@dataclass(frozen=True)
class NeedChart:
    id: str
    #: whose need mix it is: "The trust", or the academy's name
    subject: str
    title: str
    description: str
    width: int
    height: int
    label_width: int
    groups: list[Group]


def need_chart(profile: Profile) -> NeedChart:
    """The chart of ``profile``'s need mix; the scale runs to the largest share shown."""
    shown = [v for a in profile.areas for v in (a.value, a.national_value) if v is not None]
    top = max(shown, default=0.0) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    groups = []
    for index, area in enumerate(profile.areas):
        y = TOP + index * GROUP
        pairs = ((area.value, area.share, False), (area.national_value, area.national, True))
        bars = []
        for offset, (value, text, national) in enumerate(pairs):
            width = 0.0 if value is None else round(span * value / top, 1)
            label = f"national {text}" if national else text
            if value is None and text != WITHHELD:
                label = "national –" if national else "–"
            bars.append(
                Bar(
                    x=LABEL_WIDTH,
                    y=y + offset * (BAR + GAP),
                    width=width,
                    text=label,
                    text_x=LABEL_WIDTH + width + 6,
                    national=national,
                )
            )
        groups.append(Group(area.title, y, bars))
    return NeedChart(
        id=f"need-{profile.id}",
        subject=profile.name.lower() if profile.id == "trust" else profile.name,
        title=f"Need mix by broad area: {profile.name} beside national",
        description=_description(profile),
        width=WIDTH,
        height=TOP + len(profile.areas) * GROUP,
        label_width=LABEL_WIDTH,
        groups=groups,
    )


def _description(profile: Profile) -> str:
    parts = [f"{a.title}: {a.share}, national {a.national}" for a in profile.areas]
    return (
        f"Share of pupils with SEN by broad area of primary need, against {profile.against}. "
        + "; ".join(parts)
        + "."
    )
