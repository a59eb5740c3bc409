"""One academy's report in Word (``report --academy``), as academy.html.j2 has it: a
summary beside the trust, each area's statements with the academy's answers and its action
plan, and what is missing from its file."""

from __future__ import annotations

from sendreview.prose import unwrap
from sendreview.render.reports.docx_base import CellValue, DocxPage, rating
from sendreview.render.reports.docx_context import own_context
from sendreview.render.reports.docx_trust import SCORE_NOTE, actions_table, legend, score_text
from sendreview.render.reports.shapes import FocusArea, StatementDetail


def summary(page: DocxPage) -> None:
    focus = page.report.focus
    if focus is None:
        return
    a = focus.academy
    page.start("Summary")
    for sentence in focus.summary:  # the academy's own sentences, as its HTML report opens
        page.paragraph(sentence)
    figures = [
        (a.state_label, " state of the review"),
        (
            str(a.rated),
            " statements rated"
            + (f", {a.not_applicable} not applicable" if a.not_applicable else ""),
        ),
        *([(str(a.unrated), " not rated")] if a.unrated else []),
        (str(focus.action_count), " actions in the plan"),
        (str(focus.overdue), " overdue at the review date"),
    ]
    page.bullets(figures)
    rows: list[list[CellValue]] = [
        [area.title, score_text(area.tally), score_text(area.trust, False), area.comparison]
        for area in focus.areas
    ]
    page.table(
        ["Area", a.name, "The trust", "Compared with the trust"],
        rows,
        widths=(4.6, 4.4, 3.6, 4.4),
        caption=f"{a.name} beside the trust, area by area",
    )
    page.note(SCORE_NOTE)
    legend(page)


def areas(page: DocxPage) -> None:
    focus = page.report.focus
    if focus is None:
        return
    np = page.report.need_profile
    for area in focus.areas:
        _area(page, area, focus.academy.name)
        if np is not None and np.beside == area.id:
            page.heading("SEN context", 2)
            own_context(page)
        page.heading(f"Action plan: {area.title}", 2)
        if area.summary:
            page.paragraph(unwrap(area.summary), lead="Summary of areas for development:")
        if area.actions:
            actions_table(page, area.actions, with_who=False)
        else:
            page.paragraph("No actions in this area.")


def _area(page: DocxPage, area: FocusArea, name: str) -> None:
    page.start(area.title, new_page=True)
    t = area.tally
    page.paragraph(
        f"{name}: {t.headline} ({t.basis}: {t.summary}). The trust: {area.trust.headline} "
        f"({area.trust.basis}). {area.comparison[:1].upper()}{area.comparison[1:]}."
    )
    for s in area.statements:
        _statement(page, s)


def _statement(page: DocxPage, s: StatementDetail) -> None:
    """A statement as a small table: its rating (letter on colour, and label), the text,
    then each part of the answer in a row of its own."""
    rows: list[list[CellValue]] = []
    if s.rating.note:
        rows.append(["Not applicable because", unwrap(s.rating.note)])
    rows.append(["Strengths", unwrap(s.strengths) or "None recorded."])
    rows.append(["Areas for development", unwrap(s.areas_for_development) or "None recorded."])
    if s.evidence:
        rows.append(["Evidence", "\n".join(f"• {e}" for e in s.evidence)])
    across = " · ".join(f"{level.label} {n}" for level, n in s.across_trust)
    rows.append(["Across the trust", across])
    page.table(
        [s.id, s.text],
        [["Rating", rating(s.rating, label=True)], *rows],
        widths=(4.2, 12.8),
        together=True,
        size=9,
    )


def what_is_missing(page: DocxPage) -> None:
    focus = page.report.focus
    if focus is None or focus.problem_summary is None:
        return
    s = focus.problem_summary
    page.start("What is missing", new_page=True)
    page.bullets([(f"{s.who}: ", f"{s.text}.")])
    page.note(
        f"To see each one, where it is and how to fix it, run “{page.report.validate_command}”."
    )
