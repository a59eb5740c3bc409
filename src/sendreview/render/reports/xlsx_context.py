"""The trust workbook's "SEN context" sheet: each academy's SEN support, EHC plans and need
mix by broad area beside national figures, with small counts withheld as in the Markdown and
HTML reports (the figures come from the same :mod:`.need_profile`)."""

from __future__ import annotations

from sendreview.excel.columns import Column
from sendreview.model.context import BROAD_AREA_TITLES
from sendreview.render.reports.need_profile import NeedProfile, Profile
from sendreview.render.reports.xlsx_layout import Book, Sheet
from sendreview.render.reports.xlsx_styles import NUMBER, TEXT

CONTEXT = "SEN context"


def context_sheet(book: Book, trust: str, cycle: str, np: NeedProfile) -> None:
    columns = [
        Column("Academy", 32),
        Column("Compared with", 26),
        Column("Pupils", 10, NUMBER),
        Column("SEN support", 12, NUMBER),
        Column("SEN support, % of pupils", 13, TEXT),
        Column("National", 11, TEXT),
        Column("EHC plans", 12, NUMBER),
        Column("EHC plans, % of pupils", 13, TEXT),
        Column("National", 11, TEXT),
        *(Column(title, 16, NUMBER) for title in BROAD_AREA_TITLES.values()),
        Column("Worth a look", 40),
    ]
    sheet = Sheet(book, CONTEXT, f"{trust}: SEN context, {cycle}", _note(np), columns)
    for p in [*np.academies, np.trust]:
        flags = "; ".join(f.words for f in np.flags if f.name == p.name)
        sheet.append(_row(p, flags))
    for name in np.missing:
        sheet.append([name, "No context file for this cycle: not counted."])
    sheet.close()


def _note(np: NeedProfile) -> str:
    shown = (
        f"Counts from 1 to {np.suppress_below - 1} are shown as \u201cfewer than "
        f"{np.suppress_below}\u201d and percentages worked out from them withheld."
        if np.suppress_below
        else "Every count is shown exactly: keep this workbook inside the SEND team."
    )
    return (
        f"National figures: {np.source}. Worth a look: {np.gap:g} or more percentage points "
        f"from national for the academy's phase. Broad areas: pupils with SEN by the area of "
        f"their primary need. {shown}"
    )


def _row(p: Profile, flags: str) -> list[object]:
    return [
        p.name,
        p.against,
        _number(p.pupils),
        _number(p.sen_support),
        p.sen_support_pct,
        p.sen_support_national,
        _number(p.ehc_plans),
        p.ehc_plan_pct,
        p.ehc_plan_national,
        *(_number(a.count) for a in p.areas),
        flags,
    ]


def _number(text: str) -> object:
    """A count as a number Excel can add up; "fewer than 5" and "withheld" stay words."""
    plain = text.replace(",", "")
    return int(plain) if plain.isdigit() else text
