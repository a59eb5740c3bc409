"""The Summary sheet of the trust's Excel report: the heatmap a director of SEND reads first.

Statements run down the sheet, grouped by area, and academies across: each cell is the
academy's rating as a letter, coloured by a rule on that letter, with the key below.
"""

from __future__ import annotations

import math
from collections import defaultdict

from sendreview.excel.columns import HEADING, Column
from sendreview.model.trust_view import StatementRow, TrustView
from sendreview.prose import shorten
from sendreview.render.reports.wording import Level, cell, levels
from sendreview.render.reports.xlsx_detail import answer
from sendreview.render.reports.xlsx_layout import Book, Sheet, Styled
from sendreview.render.reports.xlsx_styles import (
    AREA,
    HEADING_UP,
    LETTER,
    PERCENT,
    TEXT,
    legend_style,
)

SUMMARY, ACADEMIES = "Summary", "Academies"
#: Above this many academies the heatmap's academy names turn on their side.
NARROW_HEATMAP = 12
SHORT_TEXT = 70


def heatmap(book: Book, view: TrustView, caveat: str = "") -> None:
    """The heatmap: statements down, grouped by area; academies across."""
    narrow = len(view.academies) > NARROW_HEATMAP
    columns = [
        Column("Statement", 20, TEXT),
        Column("In short", 40),
        Column("Full statement", 60, hidden=True),
        *(
            Column(
                a.name, 5 if narrow else 14, LETTER, heading_style=HEADING_UP if narrow else HEADING
            )
            for a in view.academies
        ),
    ]
    scale = levels(view.rating_scale)
    sheet = Sheet(
        book,
        SUMMARY,
        f"{view.trust}: SEND review heatmap, {view.cycle}",
        f"{caveat}{view.framework.title}. Each cell is an academy's rating: {_key(scale)}. "
        "Full statements: click + above column D to show column C.",
        columns,
        freeze_columns=3,
        header_height=160 if narrow else 62,
        pages_wide=max(1, math.ceil(len(view.academies) / 40)),
    )
    sheet.append(
        [
            "Answered",
            "Statements rated or marked not applicable",
            None,
            *(Styled(a.completeness, PERCENT) for a in view.academies),
        ]
    )
    _statements(sheet, view, scale, len(columns))
    last = sheet.rows
    _legend(sheet, scale)
    sheet.close(last_row=last, autofilter=False)


def _key(scale: list[Level]) -> str:
    """'R Red, A Amber, G Green; NA not applicable; – not rated'."""
    na, none = cell(None, scale, ""), cell(None, scale)
    ratings = ", ".join(f"{r.letter} {r.label}" for r in scale)
    return f"{ratings}; {na.letter} {na.label.lower()}; {none.letter} {none.label.lower()}"


def _statements(sheet: Sheet, view: TrustView, scale: list[Level], width: int) -> None:
    """A row per statement, each area's under a row with its title."""
    by_area: dict[str, list[StatementRow]] = defaultdict(list)
    for row in view.statements:
        by_area[row.area].append(row)
    blank = [Styled(None, AREA)] * (width - 1)
    for area in view.areas:
        sheet.append([Styled(area.title, AREA), *blank])
        for row in by_area[area.id]:
            sheet.append(
                [
                    row.id,
                    shorten(row.text, SHORT_TEXT),
                    row.text,
                    *(answer(row, a.id, scale).letter for a in view.academies),
                ]
            )


def _legend(sheet: Sheet, scale: list[Level]) -> None:
    """The key below the table: each letter in its colour, and what it means."""
    na, none = cell(None, scale, ""), cell(None, scale)
    sheet.append([])
    sheet.append([Styled("Key", AREA), Styled(None, AREA)])
    for index, level in enumerate(scale):
        sheet.append(
            [
                Styled(level.letter, legend_style(index)),
                f"{level.label}: {level.description}".rstrip(": "),
            ]
        )
    sheet.append([Styled(na.letter, LETTER), f"{na.label}: the statement does not apply there."])
    sheet.append(
        [
            Styled(none.letter, LETTER),
            f"{none.label}: no rating yet, or the review is missing or could not be read "
            f"(see the {ACADEMIES} sheet).",
        ]
    )
