"""The SEN context in Word, as _context.html.j2 has it: identification beside national, who
is worth a look, the need mix as a picture and a table, and exclusions. Every figure is the
text :mod:`.need_profile` made, so a count it withheld stays withheld here."""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.render.reports import need_chart as nc
from sendreview.render.reports.docx_base import CellValue, DocxPage
from sendreview.render.reports.need_profile import Flag, NeedProfile, Profile
from sendreview.render.reports.pictures import Bar, Key, grouped_bars


def _about(page: DocxPage, np: NeedProfile) -> None:
    if np.suppress_below:
        protect = (
            f"Counts from 1 to {np.suppress_below - 1} are shown as \u201cfewer than "
            f"{np.suppress_below}\u201d, and any percentage worked out from them is withheld."
        )
    else:
        protect = "Every count is shown exactly: keep this report inside the SEND team."
    source = np.source + (f" ({np.source_url})" if np.source_url else "")
    page.note(f"National figures: {source}. {protect}")


def _identification(page: DocxPage, rows: Sequence[Profile], caption: str) -> None:
    body: list[list[CellValue]] = [
        [
            p.name,
            p.pupils,
            p.sen_support,
            p.sen_support_pct,
            p.sen_support_national,
            p.ehc_plans,
            p.ehc_plan_pct,
            p.ehc_plan_national,
            p.against,
        ]
        for p in rows
    ]
    header = [
        "",
        "Pupils",
        "SEN support",
        "% of pupils",
        "National",
        "EHC plans",
        "% of pupils",
        "National",
        "Compared with",
    ]
    widths = (3.0, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 1.2, 2.4)
    page.table(header, body, widths=widths, size=8, caption=caption)


def _mix(page: DocxPage, rows: Sequence[Profile], caption: str) -> None:
    if not rows or not rows[0].areas:
        return
    body: list[list[CellValue]] = []
    for p in rows:
        body.append(
            [
                p.name,
                *(a.count + ("" if a.share == nc.WITHHELD else f"\n{a.share}") for a in p.areas),
            ]
        )
        if p.has_national:
            body.append([f"National\n{p.against}", *(a.national for a in p.areas)])
    page.table(["", *(a.title for a in rows[0].areas)], body, size=8, caption=caption)


def _chart(page: DocxPage, chart: nc.NeedChart | None) -> None:
    """The need mix as bars: the subject's share filled, national's outlined; a withheld
    share draws no bar, only the word."""
    if chart is None:
        return
    span = nc.WIDTH - nc.LABEL_WIDTH - nc.VALUE_ROOM
    groups = [
        (g.title, [Bar(b.width / span if b.width else None, b.text, b.national) for b in g.bars])
        for g in chart.groups
    ]
    keys = [
        Key("#0B5CAD", "", chart.subject[:1].upper() + chart.subject[1:]),
        Key("none", "", "National"),
    ]
    picture = grouped_bars(chart.title, groups, keys)
    page.picture(picture, min(page.text_width, 16.0))
    page.note(
        f"Each area's share of pupils with SEN: the solid bar is {chart.subject}, the "
        "outlined bar national. The table gives every figure."
    )


def _exclusions(page: DocxPage, rows: Sequence[Profile]) -> None:
    shown = [p for p in rows if p.exclusions]
    if not shown:
        return
    page.note(
        "Per 100 pupils in each group; \u201ctimes\u201d compares pupils with SEN with "
        "pupils without."
    )
    body: list[list[CellValue]] = [
        [
            p.name,
            p.period or "–",
            e.title,
            *(
                c if r == nc.WITHHELD else f"{c}\n{r}"
                for c, r in zip(e.counts, e.rates, strict=True)
            ),
            *e.ratios,
        ]
        for p in shown
        for e in p.exclusions
    ]
    header = [
        "",
        "Period",
        "",
        "No SEN",
        "SEN support",
        "EHC plan",
        "SEN support against no SEN",
        "EHC plan against no SEN",
    ]
    page.table(
        header, body, size=8, caption="Suspensions and permanent exclusions by SEN provision"
    )


def _flags(page: DocxPage, flags: Sequence[Flag]) -> None:
    page.bullets(
        (f.name, f": {f.words} ({f.figure} against {f.national} nationally, {f.gap}).")
        for f in flags
    )


def trust_context(page: DocxPage) -> None:
    np = page.report.need_profile
    if np is None:
        return
    page.start("SEN context", new_page=True)
    _about(page, np)
    page.heading("Identification beside national", 2)
    _identification(
        page,
        [*np.academies, np.trust],
        "SEN support and EHC plans as a share of pupils on roll, beside national",
    )
    if np.missing:
        page.paragraph(f"No context file for this cycle, so not counted: {', '.join(np.missing)}.")
    page.heading("Worth a look", 2)
    page.paragraph(
        f"Academies whose SEN support or EHC plans are {np.gap:.1f} or more percentage points "
        "from the national figure for their phase. Each is a question to ask, not a finding."
    )
    if np.flags:
        _flags(page, np.flags)
    elif not np.compared:
        page.paragraph(
            "None can be named: the national figures in use give no figure for "
            "these academies' phases."
        )
    else:
        page.paragraph(f"None: every academy is within {np.gap:.1f} points of national.")
    page.heading("Need mix by broad area", 2)
    page.paragraph(
        "Pupils with SEN by the broad area of their primary need, and their share "
        "of pupils with a recorded need."
    )
    _chart(page, np.trust_chart)
    _mix(page, [*np.academies, np.trust], "Pupils with SEN by broad area of need, beside national")
    if any(p.exclusions for p in [*np.academies, np.trust]):
        page.heading("Suspensions and permanent exclusions", 2)
        _exclusions(page, [*np.academies, np.trust])


def academy_context(page: DocxPage) -> None:
    """The academy's own context as a section of its own, unless it sits in an area of the
    review (:attr:`NeedProfile.beside`), which then writes it (:func:`own_context`)."""
    np = page.report.need_profile
    if np is None or np.beside:
        return
    page.start("SEN context")
    own_context(page)


def own_context(page: DocxPage) -> None:
    np = page.report.need_profile
    if np is None:
        return
    p = np.own
    if p is None:
        page.paragraph("No context file for this academy this cycle.")
        return
    _about(page, np)
    _identification(page, [p], f"{p.name}: SEN support and EHC plans beside national")
    if np.own_flags:
        page.paragraph(f"Worth a look ({np.gap:.1f} or more percentage points from national):")
        _flags(page, np.own_flags)
    _chart(page, np.own_chart)
    _mix(page, [p], f"{p.name}: pupils with SEN by broad area of need")
    _exclusions(page, [p])
