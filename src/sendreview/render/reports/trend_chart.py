"""The "Trend" section: each area's trust score in every cycle, as a table for every format
and, in HTML, an inline SVG line chart beside it.

The chart is drawn here as geometry (points, paths, label positions), so the template only
writes it out: no script, no network, nothing a printer or a screen reader cannot take. Each
line has its own marker shape and dash pattern and a label at its end, so no line is told
from another by colour alone; the table beside it says every figure in words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sendreview.model.comparison import Trend
from sendreview.prose import shorten
from sendreview.render.reports.wording import cycle_label, percent

#: The chart's size in SVG units: it scales to the page, and prints on A4 at about 17 cm.
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 250, 16, 40
#: Dark enough for 3:1 against white (WCAG's contrast for graphics), and apart in hue.
COLOURS = ("#0B5CAD", "#A33C00", "#1B7A3E", "#7B3FA0", "#333333", "#8A6500", "#A0185A")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "bar")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "", "6 3", "2 3")
#: Labels closer than this (SVG units) are moved apart, with a line back to their point.
LABEL_GAP = 17
LABEL_CHARS = 28
#: Fewer cycles than this show no trend: two cycles are the "Since last review" section.
MIN_CYCLES = 3


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    value: str
    cycle: str

    def marker(self, shape: str, size: float = 4.5) -> str:
        """An SVG path ``d`` drawing ``shape`` centred on the point."""
        x, y, r = self.x, self.y, size
        if shape == "circle":
            return f"M{x - r:g},{y:g}a{r:g},{r:g} 0 1,0 {2 * r:g},0a{r:g},{r:g} 0 1,0 {-2 * r:g},0Z"
        if shape == "square":
            return f"M{x - r:g},{y - r:g}h{2 * r:g}v{2 * r:g}h{-2 * r:g}Z"
        if shape == "triangle":
            return f"M{x:g},{y - r:g}L{x + r:g},{y + r:g}L{x - r:g},{y + r:g}Z"
        if shape == "triangle-down":
            return f"M{x:g},{y + r:g}L{x + r:g},{y - r:g}L{x - r:g},{y - r:g}Z"
        if shape == "diamond":
            return f"M{x:g},{y - r:g}L{x + r:g},{y:g}L{x:g},{y + r:g}L{x - r:g},{y:g}Z"
        if shape == "cross":
            h = r / 2.5
            return (
                f"M{x - h:g},{y - r:g}h{2 * h:g}v{r - h:g}h{r - h:g}v{2 * h:g}h{h - r:g}"
                f"v{r - h:g}h{-2 * h:g}v{h - r:g}h{h - r:g}v{-2 * h:g}h{r - h:g}Z"
            )
        return f"M{x - r:g},{y - r / 2:g}h{2 * r:g}v{r:g}h{-2 * r:g}Z"  # a bar


@dataclass(frozen=True)
class Line:
    title: str
    label: str
    colour: str
    marker: str
    dash: str
    points: list[Point]
    #: the path of the line: one run per stretch of cycles that all have a score
    path: str
    label_y: float
    #: the point the label names (its last score), for the leader line when it moved
    end: Point | None

    @property
    def markers(self) -> list[str]:
        return [p.marker(self.marker) for p in self.points]


@dataclass(frozen=True)
class Tick:
    text: str
    at: float


@dataclass(frozen=True)
class TrendView:
    """The trend as a table (every format) and a chart (HTML)."""

    cycles: list[str]  # labels, oldest first
    rows: list[tuple[str, list[str]]]  # area title, its score in each cycle
    overall: list[str]
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    description: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM


def trend_view(trend: Trend) -> TrendView | None:
    """The section, or None with fewer than :data:`MIN_CYCLES` cycles."""
    if len(trend.cycles) < MIN_CYCLES:
        return None
    labels = [cycle_label(c) for c in trend.cycles]
    xs = _xs(len(trend.cycles))
    lines = [
        _line(i, area.title, [area.trust.get(c) for c in trend.cycles], xs, labels)
        for i, area in enumerate(trend.areas)
    ]
    lines = _spread_labels(lines)
    rows = [(a.title, [percent(a.trust.get(c)) for c in trend.cycles]) for a in trend.areas]
    return TrendView(
        cycles=labels,
        rows=rows,
        overall=[percent(trend.overall.get(c)) for c in trend.cycles],
        lines=lines,
        x_ticks=[Tick(label, x) for label, x in zip(labels, xs, strict=True)],
        y_ticks=[Tick(f"{v}%", _y(v / 100)) for v in (0, 25, 50, 75, 100)],
        description=_description(rows, labels),
    )


def _xs(count: int) -> list[float]:
    inner = WIDTH - RIGHT - LEFT - 24
    return [round(LEFT + 12 + inner * i / max(1, count - 1), 1) for i in range(count)]


def _y(score: float) -> float:
    return round(TOP + (HEIGHT - BOTTOM - TOP) * (1 - score), 1)


def _line(
    index: int, title: str, scores: list[float | None], xs: list[float], labels: list[str]
) -> Line:
    points = [
        Point(x, _y(s), percent(s), label)
        for s, x, label in zip(scores, xs, labels, strict=True)
        if s is not None
    ]
    runs: list[str] = []
    previous: float | None = None
    for s, x in zip(scores, xs, strict=True):
        if s is not None:
            runs.append(f"{'L' if previous is not None else 'M'}{x:g},{_y(s):g}")
        previous = s
    end = points[-1] if points else None
    return Line(
        title=title,
        label=shorten(title, LABEL_CHARS),
        colour=COLOURS[index % len(COLOURS)],
        marker=MARKERS[index % len(MARKERS)],
        dash=DASHES[index % len(DASHES)],
        points=points,
        path="".join(runs),
        label_y=end.y if end else float(HEIGHT - BOTTOM),
        end=end,
    )


def _spread_labels(lines: list[Line]) -> list[Line]:
    """Move the end labels apart where lines finish close together, keeping their order."""
    order = sorted(range(len(lines)), key=lambda i: lines[i].label_y)
    ys = [lines[i].label_y for i in order]
    for k in range(1, len(ys)):
        ys[k] = max(ys[k], ys[k - 1] + LABEL_GAP)
    overflow = ys[-1] - (HEIGHT - BOTTOM) if ys else 0
    if overflow > 0:  # pushed below the plot: shift the stack up, still apart
        ys = [y - overflow for y in ys]
        for k in range(len(ys) - 2, -1, -1):
            ys[k] = min(ys[k], ys[k + 1] - LABEL_GAP)
    placed = list(lines)
    for k, i in enumerate(order):
        placed[i] = replace(lines[i], label_y=round(ys[k], 1))
    return placed


def _description(rows: list[tuple[str, list[str]]], labels: list[str]) -> str:
    """What the chart shows, in a sentence a screen reader says in full."""
    parts = [f"{title}: {', '.join(values)}" for title, values in rows]
    return f"The trust's score in each area, {labels[0]} to {labels[-1]}. " + "; ".join(parts) + "."
