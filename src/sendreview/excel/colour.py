"""Which text colour reads on a coloured fill: one rule for every workbook, page and terminal.

A rating is shown as its label on the rating's colour, in the Excel report, the Excel form,
the HTML report and the terminal, so the text colour is chosen here once. The rule is WCAG 2's
contrast ratio: of white and black, the one with more contrast. The better of the two always
reaches 4.5:1 on any colour (at worst about 4.6:1), so a trust's own scale with a pale or
middling colour stays readable. (A plain luminance cut-off at one half, which the form once
used, picks the worse of the two on about one colour in seven.)
"""

from __future__ import annotations

WHITE, INK = "#FFFFFF", "#000000"


def luminance(colour: str) -> float:
    """Relative luminance as WCAG 2 defines it, from a #RRGGBB colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    """WCAG 2's contrast ratio of two #RRGGBB colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour(background: str) -> str:
    """White or black (#RRGGBB), whichever has more contrast on ``background`` (#RRGGBB)."""
    return WHITE if contrast(background, WHITE) >= contrast(background, INK) else INK
