"""Charts as PNG pictures, for formats that cannot carry SVG (the Word board pack).

Drawn with Pillow alone (no numpy, no plotting stack), at print resolution, in Pillow's
bundled font so the picture looks the same on every machine. Every chart comes back as a
:class:`Picture`: its bytes *and* a text alternative that says every figure, because the
picture goes into a document as alt text too, and the same figures are in a table beside
it. Nothing is told by colour alone: each bar segment carries its letter and count, and
each line of a line chart its own marker and its name at its end.

The drawing functions are general (a stacked bar per row, groups of single bars, lines over
cycles), so any section can draw its chart with them.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from sendreview.excel.colour import text_colour

if TYPE_CHECKING:
    from collections.abc import Callable

    from PIL import Image, ImageDraw, ImageFont

#: Pixels per inch the pictures are drawn for: sharp on paper at the width they are placed.
DPI = 200
#: Drawn for 16 cm of an A4 portrait page (the text width between 2.5 cm margins).
WIDTH = 1260
INK = "#1F2933"
GRID = "#D5DBE1"
#: The outline a segment of no colour (not rated) is drawn with.
OUTLINE = "#6B7785"
SIZE = 26  # body text, in pixels (about 9.5 pt at the placed size)
PAD = 16


@dataclass(frozen=True)
class Picture:
    """A chart as PNG bytes, with the sentence that says what it shows (its alt text)."""

    png: bytes
    title: str
    alt: str
    width: int  # pixels
    height: int

    @property
    def aspect(self) -> float:
        return self.height / self.width


@dataclass(frozen=True)
class Key:
    """One entry of a chart's legend: a colour, the letter on it, and what it means."""

    colour: str
    letter: str
    label: str


#: One piece of a stacked bar: how many, its colour ("none": white with an outline) and the
#: letter written on it beside the count.
Segment = tuple[int, str, str]


@dataclass(frozen=True)
class Bar:
    """One bar of a group: its length as a share of the longest (0 to 1; None draws no bar),
    the text written after it, and whether it is drawn outlined (a comparison such as
    national) rather than filled."""

    value: float | None
    text: str
    outlined: bool = False
    colour: str = "#0B5CAD"


@dataclass(frozen=True)
class Series:
    """One line of a line chart: its name and a value (0 to 1) per x label, None for a gap."""

    name: str
    values: Sequence[float | None]


#: Dark enough for 3:1 against white, and apart in hue (as the HTML trend chart's).
LINE_COLOURS = ("#0B5CAD", "#A33C00", "#1B7A3E", "#7B3FA0", "#333333", "#8A6500", "#A0185A")
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "triangle-down", "bar")


@cache
def font(size: int = SIZE) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's own bundled font at ``size``: there on every machine Pillow is."""
    from PIL import ImageFont

    return ImageFont.load_default(size=size)


def _text_width(draw: ImageDraw.ImageDraw, text: str, size: int = SIZE) -> float:
    return draw.textlength(text, font=font(size))


def _fit(draw: ImageDraw.ImageDraw, text: str, room: float, size: int = SIZE) -> str:
    """``text`` cut with '…' to fit ``room`` pixels."""
    if _text_width(draw, text, size) <= room:
        return text
    while text and _text_width(draw, text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


def _drawn(text: str) -> str:
    """``text`` in characters the bundled font has: its dashes are plain hyphens."""
    return text.replace("–", "-").replace("—", "-")


def _label(draw: ImageDraw.ImageDraw, text: str, right: float, middle: float, room: float) -> None:
    """A row's label, right-aligned before its bar: on two lines when one is too narrow."""
    text = _drawn(text)
    if _text_width(draw, text) <= room:
        draw.text((right, middle), text, fill=INK, font=font(), anchor="rm")
        return
    small = SIZE - 4
    words, first = text.split(), ""
    while words and _text_width(draw, f"{first} {words[0]}".strip(), small) <= room:
        first = f"{first} {words.pop(0)}".strip()
    second = _fit(draw, " ".join(words), room, small)
    for line, dy in ((first, -small / 2 - 1), (second, small / 2 + 1)):
        draw.text((right, middle + dy), line, fill=INK, font=font(small), anchor="rm")


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def _canvas(height: int) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, max(1, height)), "white")
    return image, ImageDraw.Draw(image)


@cache
def _ruler() -> ImageDraw.ImageDraw:
    """A drawing surface for measuring text before the picture's height is known."""
    return _canvas(1)[1]


TITLE_HEIGHT = PAD + SIZE + 4 + 18


def _title(draw: ImageDraw.ImageDraw, title: str) -> int:
    """The chart's title across its top; returns where the chart itself starts."""
    words = _fit(draw, title, WIDTH - 2 * PAD, SIZE + 4)
    draw.text((PAD, PAD), words, fill=INK, font=font(SIZE + 4))
    return TITLE_HEIGHT


LEGEND_ROW = SIZE + 18


def _legend_places(keys: Sequence[Key]) -> list[tuple[Key, float, int]]:
    """Where each key goes: its x and its row, wrapping at the picture's width."""
    x, row, places = float(PAD), 0, []
    for k in keys:
        width = 52 + _text_width(_ruler(), k.label) + 28
        if x + width > WIDTH - PAD and x > PAD:
            x, row = float(PAD), row + 1
        places.append((k, x, row))
        x += width
    return places


def _legend_height(keys: Sequence[Key]) -> int:
    places = _legend_places(keys)
    return (places[-1][2] + 1) * LEGEND_ROW + 8 if places else 0


def _legend(draw: ImageDraw.ImageDraw, keys: Sequence[Key], y: int) -> None:
    """The key in rows under a chart: a swatch with its letter, then what it means."""
    for k, x, row in _legend_places(keys):
        top = y + row * LEGEND_ROW
        _swatch(draw, (x, top - 2, x + 44, top + SIZE + 4), k.colour, k.letter)
        draw.text((x + 52, top), _drawn(k.label), fill=INK, font=font())


def _swatch(
    draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float], colour: str, text: str
) -> None:
    """A filled box with ``text`` centred on it, in black or white for contrast."""
    fill = "white" if colour == "none" else colour
    draw.rectangle(box, fill=fill, outline=OUTLINE if colour == "none" else fill, width=2)
    ink = INK if colour == "none" else text_colour(colour)
    left, top, right, bottom = box
    text = _drawn(text)
    if text and _text_width(draw, text) + 6 <= right - left:
        draw.text(
            ((left + right) / 2, (top + bottom) / 2), text, fill=ink, font=font(), anchor="mm"
        )


def _label_room(draw: ImageDraw.ImageDraw, labels: Sequence[str], most: float = 0.3) -> int:
    """Room for the labels before the bars: the widest label's, up to ``most`` of the width
    (a longer label goes on two lines)."""
    widest = max((_text_width(draw, s) for s in labels), default=0)
    return int(min(WIDTH * most, widest + 2 * PAD))


def stacked_bars(
    title: str, rows: Sequence[tuple[str, Sequence[Segment]]], keys: Sequence[Key] = ()
) -> Picture:
    """A stacked horizontal bar a row, each segment as wide as its count and carrying its
    letter and count where they fit (the alt text and the legend say them all).

    ``rows`` is ``[(label, [(count, colour, letter), ...]), ...]``; ``keys`` is the legend
    drawn under the bars, which also names each letter in the alt text.
    """
    bar, gap = 46, 14
    height = TITLE_HEIGHT + len(rows) * (bar + gap) + 6 + _legend_height(keys) + PAD
    image, draw = _canvas(height)
    y = _title(draw, title)
    room = _label_room(draw, [label for label, _ in rows])
    span = WIDTH - room - PAD
    for label, segments in rows:
        _label(draw, label, room - PAD, y + bar / 2, room - 2 * PAD)
        total = sum(n for n, _, _ in segments)
        x = float(room)
        for count, colour, letter in segments:
            if count and total:
                width = span * count / total
                _swatch(draw, (x, y, x + width, y + bar), colour, f"{letter} {count}")
                x += width
        y += bar + gap
    _legend(draw, keys, y + 6)
    return Picture(_png(image), title, _stacked_alt(title, rows, keys), WIDTH, height)


def _stacked_alt(
    title: str, rows: Sequence[tuple[str, Sequence[Segment]]], keys: Sequence[Key]
) -> str:
    names = {k.letter: k.label for k in keys}
    parts = []
    for label, segments in rows:
        counts = [f"{n} {names.get(letter, letter)}" for n, _, letter in segments if n]
        parts.append(f"{label}: {', '.join(counts) or 'nothing'}")
    return f"{title}. " + "; ".join(parts) + "."


def grouped_bars(
    title: str, groups: Sequence[tuple[str, Sequence[Bar]]], keys: Sequence[Key] = ()
) -> Picture:
    """Groups of single bars (an area: the academy's share, then national's), each bar as
    long as its value and its text written after it. An outlined bar differs from a filled
    one in its fill, not only its colour."""
    bar, gap, group_gap = 30, 6, 22
    bars = sum(len(b) for _, b in groups)
    height = TITLE_HEIGHT + bars * (bar + gap) + len(groups) * group_gap + _legend_height(keys)
    image, draw = _canvas(height + PAD)
    y = _title(draw, title)
    room = _label_room(draw, [label for label, _ in groups], 0.4)
    values = [b.text for _, bs in groups for b in bs]
    span = WIDTH - room - PAD - max((_text_width(draw, t) for t in values), default=0) - 16
    for label, group in groups:
        _label(draw, label, room - PAD, y + (len(group) * (bar + gap) - gap) / 2, room - 2 * PAD)
        for b in group:
            width = 0.0 if b.value is None else span * max(0.0, min(1.0, b.value))
            if width:
                box = (room, y, room + width, y + bar)
                if b.outlined:
                    draw.rectangle(box, fill="white", outline=OUTLINE, width=3)
                else:
                    draw.rectangle(box, fill=b.colour)
            draw.text(
                (room + width + 10, y + bar / 2), _drawn(b.text), fill=INK, font=font(), anchor="lm"
            )
            y += bar + gap
        y += group_gap
    _legend(draw, keys, y)
    alt = "; ".join(f"{label}: " + ", ".join(b.text for b in bs) for label, bs in groups)
    return Picture(_png(image), title, f"{title}. {alt}.", WIDTH, height + PAD)


def line_chart(
    title: str, x_labels: Sequence[str], series: Sequence[Series], value_text: str = "{:.0%}"
) -> Picture:
    """Lines over ``x_labels`` on a scale from 0 to 1 (shown as 0% to 100%), each with its
    own marker and its name and last value at its end; a None value leaves a gap."""
    height, top, bottom, left = 620, 80, 70, 90
    image, draw = _canvas(height)
    _title(draw, title)
    labels = [f"{s.name} {value_text.format(1)}" for s in series]
    widest = max((_text_width(draw, _drawn(label)) for label in labels), default=0)
    right = WIDTH - int(min(WIDTH * 0.4, max(220, widest + 40)))
    plot = height - bottom - top

    def y_at(v: float) -> float:
        return top + plot * (1 - v)

    for tick in (0, 0.25, 0.5, 0.75, 1):
        draw.line((left, y_at(tick), right, y_at(tick)), fill=GRID, width=2)
        draw.text((left - 10, y_at(tick)), f"{tick:.0%}", fill=INK, font=font(), anchor="rm")
    xs = [
        left + 24 + (right - left - 48) * i / max(1, len(x_labels) - 1)
        for i in range(len(x_labels))
    ]
    for x, label in zip(xs, x_labels, strict=True):
        draw.text((x, height - bottom + 16), _drawn(label), fill=INK, font=font(), anchor="mt")
    ends = _draw_lines(draw, series, xs, y_at)
    _end_labels(draw, ends, right, value_text, height - bottom)
    alt = "; ".join(
        f"{s.name}: " + ", ".join("–" if v is None else value_text.format(v) for v in s.values)
        for s in series
    )
    span = f"{x_labels[0]} to {x_labels[-1]}" if x_labels else ""
    return Picture(_png(image), title, f"{title}, {span}. {alt}.", WIDTH, height)


End = tuple[Series, float, float, str]  # a line's series, last y, last value and colour


def _draw_lines(
    draw: ImageDraw.ImageDraw,
    series: Sequence[Series],
    xs: Sequence[float],
    at: Callable[[float], float],
) -> list[End]:
    """Each series as a line (broken where a value is missing) with its markers; returns
    where each ends, for its label."""
    ends: list[End] = []
    for i, s in enumerate(series):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        points = [(x, at(v), v) for x, v in zip(xs, s.values, strict=True) if v is not None]
        run: list[tuple[float, float]] = []
        for x, v in zip(xs, s.values, strict=True):
            if v is None:
                run = []
                continue
            run.append((x, at(v)))
            if len(run) > 1:
                draw.line(run[-2:], fill=colour, width=5)
        for x, y, _ in points:
            _marker(draw, MARKERS[i % len(MARKERS)], x, y, colour)
        if points:
            ends.append((s, points[-1][1], points[-1][2], colour))
    return ends


def _marker(draw: ImageDraw.ImageDraw, shape: str, x: float, y: float, colour: str) -> None:
    r = 11
    shapes = {
        "square": [(x - r, y - r), (x + r, y - r), (x + r, y + r), (x - r, y + r)],
        "triangle": [(x, y - r), (x + r, y + r), (x - r, y + r)],
        "triangle-down": [(x, y + r), (x + r, y - r), (x - r, y - r)],
        "diamond": [(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
        "bar": [(x - r, y - r / 2), (x + r, y - r / 2), (x + r, y + r / 2), (x - r, y + r / 2)],
    }
    if shape == "circle":
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour, outline="white", width=2)
    elif shape == "cross":
        h = r / 2.5
        draw.rectangle((x - h, y - r, x + h, y + r), fill=colour)
        draw.rectangle((x - r, y - h, x + r, y + h), fill=colour)
    else:
        draw.polygon(shapes[shape], fill=colour, outline="white")


def _end_labels(
    draw: ImageDraw.ImageDraw,
    ends: list[tuple[Series, float, float, str]],
    right: float,
    value_text: str,
    bottom: float,
) -> None:
    """Each line's name and last value at its end, moved apart where lines end close."""
    gap = SIZE + 6
    order = sorted(ends, key=lambda e: e[1])
    ys = [e[1] for e in order]
    for k in range(1, len(ys)):
        ys[k] = max(ys[k], ys[k - 1] + gap)
    overflow = (ys[-1] - bottom) if ys else 0
    if overflow > 0:
        ys = [y - overflow for y in ys]
    for (s, y, value, colour), label_y in zip(order, ys, strict=True):
        if abs(label_y - y) > 2:
            draw.line((right + 4, y, right + 22, label_y), fill=colour, width=2)
        text = _fit(draw, _drawn(f"{s.name} {value_text.format(value)}"), WIDTH - right - 36)
        draw.text((right + 28, label_y), text, fill=colour, font=font(), anchor="lm")
