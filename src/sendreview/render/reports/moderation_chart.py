"""Agreement with the moderator as an inline SVG chart: a bar per academy, split into the
statements both rated the same, those the academy rated higher and those it rated lower.

Geometry is worked out here and the template only writes it out (as the trend and need-mix
charts are): no script, nothing a printer or a screen reader cannot take. The three parts
differ in pattern (solid, diagonal stripes, dots) as well as colour, a key names each, and
every bar is followed by its figures in words, so nothing is told by colour alone. The table
beside the chart holds the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sendreview.prose import shorten

if TYPE_CHECKING:
    from sendreview.render.reports.moderation import AgreementRow

#: SVG units: the chart scales to the page.
WIDTH = 720
LABEL_WIDTH = 230
BAR = 16
ROW = 30
#: Room above the first bar for the key.
TOP = 40
#: Room after the bar for its figures written out.
VALUE_ROOM = 250
LABEL_CHARS = 32
#: Where the key's three entries start.
KEY_X, KEY_STEP = 140, 180
#: The parts of a bar, in order: css class, what the key calls it, fill.
PARTS = (
    ("agreed", "Agreed", "#1B7A3E"),
    ("higher", "Academy rated higher", "url(#mod-higher)"),
    ("lower", "Academy rated lower", "url(#mod-lower)"),
)


@dataclass(frozen=True)
class Part:
    kind: str
    x: float
    width: float
    fill: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: float
    parts: list[Part]
    #: '20 agreed (74%) · 5 higher · 2 lower', written after the bar
    text: str
    text_x: float


@dataclass(frozen=True)
class Key:
    x: float
    label: str
    fill: str


@dataclass(frozen=True)
class ModerationChart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: list[Bar]
    key: list[Key]
    id: str = "moderation-chart"


def moderation_chart(rows: Sequence[AgreementRow]) -> ModerationChart:
    """One bar per academy, each as long as the statements compared (every bar ends at the
    same place: the parts are shares of what the academy and its moderator both rated)."""
    span = WIDTH - LABEL_WIDTH - VALUE_ROOM
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        parts = []
        x = float(LABEL_WIDTH)
        for (kind, _, fill), n in zip(PARTS, (row.agreed, row.higher, row.lower), strict=True):
            if n and row.compared:
                width = round(span * n / row.compared, 1)
                parts.append(Part(kind, round(x, 1), width, fill))
                x += width
        bars.append(
            Bar(
                label=shorten(row.name, LABEL_CHARS),
                y=y,
                parts=parts,
                text=_figures(row),
                text_x=(LABEL_WIDTH + span + 8) if parts else LABEL_WIDTH,
            )
        )
    return ModerationChart(
        title="Agreement with the moderator, by academy",
        description=_description(rows),
        width=WIDTH,
        height=TOP + len(rows) * ROW,
        label_width=LABEL_WIDTH,
        bars=bars,
        key=[Key(KEY_X + i * KEY_STEP, label, fill) for i, (_, label, fill) in enumerate(PARTS)],
    )


def _figures(row: AgreementRow) -> str:
    if not row.compared:
        return "nothing compared yet"
    return f"{row.agreed} agreed ({row.agreement}) · {row.higher} higher · {row.lower} lower"


def _description(rows: Sequence[AgreementRow]) -> str:
    """What the chart shows, in sentences a screen reader says in full."""
    parts = [
        f"{r.name}: {r.agreed} of {r.compared} statements agreed ({r.agreement}), "
        f"rated higher by the academy on {r.higher}, lower on {r.lower}"
        if r.compared
        else f"{r.name}: nothing compared yet"
        for r in rows
    ]
    return (
        "Of the statements each academy and its moderator both rated, how many they rated "
        "the same, how many the academy rated higher and how many lower. " + "; ".join(parts) + "."
    )
