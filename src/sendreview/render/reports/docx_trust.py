"""The trust report's own sections in Word, as trust.html.j2 has them: at a glance,
completeness, the heatmap, ratings by area, priorities, outliers, peer support, the trust's
own review and the action plans. Each reads the report's content and writes it; none works
a figure out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sendreview.prose import plural, unwrap
from sendreview.render.reports.docx_base import (
    CellValue,
    DocxPage,
    Shaded,
    add_header_band,
    plain,
    rating,
    tight,
)
from sendreview.render.reports.pictures import Key, Segment, stacked_bars
from sendreview.render.reports.shapes import NA_COLOUR, ActionArea, ActionRow, Tally
from sendreview.render.reports.wording import Level, day, percent, points

if TYPE_CHECKING:
    from docx.table import Table

SCORE_NOTE = (
    "A score runs from 0% (every rated statement at the bottom of the scale) to 100% (every "
    "one at the top), from the statements rated so far; an area with less than half its "
    'statements rated shows "not enough rated yet".'
)


def score_text(t: Tally, with_counts: bool = True) -> str:
    """A tally in a table cell: its score, what it rests on, and its counts by letter."""
    lines = [t.headline, t.basis] + ([t.summary] if with_counts else [])
    return "\n".join(lines)


def tally_header(scale: Sequence[Level], first: str) -> list[str]:
    return [first, "Score", *(lv.label for lv in scale), "Not applicable", "Not rated"]


def tally_widths(scale: Sequence[Level]) -> list[float]:
    return [3.0, 2.2, *([1.0] * len(scale)), 1.6, 1.1]


def tally_row(title: str, t: Tally) -> list[CellValue]:
    counts = [str(n) for _, n in t.counts]
    return [title, f"{t.headline}\n{t.basis}", *counts, str(t.not_applicable), str(t.unrated)]


def keys(scale: Sequence[Level]) -> list[Key]:
    """The legend of every ratings chart: each level, not applicable and not rated."""
    out = [Key(lv.colour, lv.letter, lv.label) for lv in scale]
    return out + [Key(NA_COLOUR, "NA", "Not applicable"), Key("none", "–", "Not rated")]


def segments(t: Tally) -> list[Segment]:
    """A tally as a stacked bar's pieces, worst first, then not applicable and not rated."""
    parts: list[Segment] = [(n, lv.colour, lv.letter) for lv, n in t.counts]
    return parts + [(t.not_applicable, NA_COLOUR, "NA"), (t.unrated, "none", "–")]


def legend(page: DocxPage) -> None:
    """The key to the ratings: each letter on its colour, with its label and meaning."""
    rows: list[list[CellValue]] = [
        [Shaded(lv.letter, lv.colour, lv.text_colour, True), lv.label, lv.description]
        for lv in page.report.scale
    ]
    rows.append([Shaded("NA", NA_COLOUR, "#000000", True), "Not applicable", ""])
    rows.append([Shaded("–", ""), "Not rated", ""])
    if page.report.moderation is not None:
        mod = page.report.moderation
        rows.append(
            [Shaded(mod.mark, ""), "Marked", mod.mark_meaning[:1].upper() + mod.mark_meaning[1:]]
        )
    page.table(
        ["Letter", "Rating", "What it means"],
        rows,
        widths=(1.5, 4.5, 11.0),
        caption="Key to the ratings",
    )


def at_a_glance(page: DocxPage) -> None:
    r = page.report
    page.start("At a glance")
    figures = [
        (f"{r.complete} of {len(r.academies)}", " academies with a complete review"),
        (str(len(r.priorities)), " trust-wide priorities"),
        (
            str(len(r.outliers)),
            f" {'outlier' if len(r.outliers) == 1 else 'outliers'} below the trust",
        ),
        (str(len(r.peers)), f" peer-support {'pairing' if len(r.peers) == 1 else 'pairings'}"),
        (str(r.overdue), f" of {r.action_count} actions overdue"),
    ]
    if r.problem_summaries:
        n = len(r.problem_summaries)
        figures.append((str(n), f" review {'file' if n == 1 else 'files'} with something missing"))
    page.bullets(figures)
    page.table(
        tally_header(r.scale, "Area"),
        [tally_row(a.title, a.trust) for a in r.areas],
        widths=tally_widths(r.scale),
        caption="The trust's ratings in each area, all academies together",
    )
    page.note(SCORE_NOTE)


def completeness(page: DocxPage) -> None:
    r = page.report
    page.start("Completeness")
    rows: list[list[CellValue]] = [
        [
            a.name,
            a.phase,
            day(a.review_date, brief=True) if a.review_date else "–",
            a.state_label,
            str(a.rated),
            str(a.not_applicable),
            str(a.unrated),
            str(a.problems),
        ]
        for a in r.academies
    ]
    header = [
        "Academy",
        "Phase",
        "Review date",
        "State",
        "Rated",
        "Not applicable",
        "Not rated",
        "Problems",
    ]
    widths = (2.3, 1.8, 1.6, 1.6, 1.2, 2.1, 1.3, 2.0)
    page.table(header, rows, widths=widths, caption="Where each academy's review stands")
    page.note(
        "Only ratings from reviews that could be read are counted; a review with no file, or "
        "one that cannot be read, counts as not rated."
    )
    if r.problem_summaries:
        page.heading("What is missing", 2)
        page.bullets((f"{s.who}: ", f"{s.text}.") for s in r.problem_summaries)
        page.note(f"To see each one, where it is and how to fix it, run “{r.validate_command}”.")


def heatmap(page: DocxPage) -> None:
    """Academies down, statements across under their areas: each cell the rating's letter
    on its colour, so it reads in black and white too."""
    r = page.report
    page.start("Heatmap", landscape=True)
    page.paragraph(
        "Each academy's rating of each statement, grouped by area. The statements are listed "
        "under the table."
    )
    legend(page)
    columns = [s for area in r.heat_areas for s in area.statements]
    name_width = 4.5
    cell = (page.text_width - name_width) / max(1, len(columns))
    size = 8 if cell >= 0.6 else 6.5
    rows: list[list[CellValue]] = [
        [row.academy.name, *(rating(c) for group in row.groups for c in group)]
        for row in r.heat_rows
    ]
    header = ["Academy", *(s.number for s in columns)]
    table = page.table(
        header,
        rows,
        widths=(name_width, *([cell] * len(columns))),
        size=size,
        caption="Ratings by academy and statement",
    )
    _area_band(page, table)
    tight(table)
    page.heading("The statements", 2)
    for area in r.heat_areas:
        page.paragraph(lead=area.title, size=9).paragraph_format.keep_with_next = True
        for s in area.statements:
            page.paragraph(f"{s.number}. {s.text}", size=9)


def _area_band(page: DocxPage, table: Table) -> None:
    """A first header row naming each area over its statements' columns (merged cells)."""
    bands = [(area.title, len(area.statements)) for area in page.report.heat_areas]
    add_header_band(table, bands)


def ratings_by_area(page: DocxPage) -> None:
    """Each area's ratings across the trust as a picture, then each academy's score."""
    r = page.report
    page.start("Ratings by area", landscape=True)
    page.paragraph(
        "Each academy's score in each area, and how many statements it rated at each level. "
        + SCORE_NOTE
    )
    chart = stacked_bars(
        "Ratings in each area, all academies together",
        [(a.title, segments(a.trust)) for a in r.areas],
        keys(r.scale),
    )
    page.picture(chart, min(page.text_width, 22.0))
    rows: list[list[CellValue]] = [
        [a.name, *(score_text(area.rows[i][1]) for area in r.areas)]
        for i, a in enumerate(r.academies)
    ]
    rows.append(["The trust", *(score_text(area.trust) for area in r.areas)])
    page.table(
        ["Academy", *(a.title for a in r.areas)],
        rows,
        size=8,
        caption="Scores and ratings by academy and area",
    )


def priorities(page: DocxPage) -> None:
    r = page.report
    page.start("Trust-wide priorities", new_page=True)
    page.paragraph(
        f"Statements that at least {percent(r.priority_share)} of the academies with a review "
        "rate as needing action, the most widespread first."
    )
    if not r.priorities:
        page.paragraph("No statement reaches that share this cycle.")
        return
    rows: list[list[CellValue]] = [
        [
            plain(f"{p.statement}\n{p.text}"),
            p.area,
            f"{p.count} ({percent(p.share)})",
            ", ".join(p.academies),
        ]
        for p in r.priorities
    ]
    page.table(
        ["Statement", "Area", "Academies", "Which academies"],
        rows,
        widths=(7.0, 3.5, 2.2, 4.3),
        caption="Statements most often rated as needing action",
    )


def outliers(page: DocxPage) -> None:
    r = page.report
    page.start("Outliers")
    page.paragraph(
        f"Academies whose score in an area is at least {points(r.outlier_gap)} below the trust's."
    )
    if not r.outliers:
        page.paragraph("No academy is that far below the trust in any area.")
        return
    rows: list[list[CellValue]] = [
        [o.academy, o.area, f"{percent(o.score)}\n{o.basis}", percent(o.trust_score), points(o.gap)]
        for o in r.outliers
    ]
    header = ["Academy", "Area", "Academy's score", "Trust's score", "Below the trust by"]
    page.table(header, rows, caption="Academies well below the trust in an area")


def peer_support(page: DocxPage) -> None:
    r = page.report
    page.start("Peer support")
    page.paragraph(
        "Where one academy rates a statement at the top of the scale and another at the "
        "bottom, they could pair up: a peer SEND review visit, or shared practice."
    )
    if not r.peers:
        page.paragraph(
            "No statement has one academy at the top of the scale and another at the bottom "
            "this cycle."
        )
        return
    for p in r.peers:
        page.bullets(
            [
                (
                    p.learner,
                    f" ({p.learner_rating.letter} {p.learner_rating.label}) could learn "
                    f"from {p.helper} ({p.helper_rating.letter} {p.helper_rating.label}) in "
                    f"{p.area}:",
                )
            ]
        )
        for s in p.statements:
            page.paragraph(f"{s.id}: {s.text}", style="List Bullet 2")


def trust_review(page: DocxPage) -> None:
    r = page.report
    t = r.trust_review
    if t is None:
        return
    page.start("The trust's own review", new_page=True)
    when = f", carried out {day(t.review_date)}" if t.review_date else ""
    page.paragraph(f"The {t.title}: {t.state_label.lower()}{when}.")
    page.table(
        tally_header(r.scale, "Area"),
        [tally_row(title, x) for title, x in t.areas],
        widths=tally_widths(r.scale),
        caption=f"The trust's rating of itself in each area of the {t.title}",
    )
    if t.weakest and r.scale:
        page.heading(f"Where the trust rated itself {r.scale[0].label}", 2)
        for s in t.weakest:
            page.paragraph(
                f"{s.id} · {s.area}: {s.text}", lead=f"{s.rating.letter} {s.rating.label}."
            )
            if s.areas_for_development:
                page.paragraph(unwrap(s.areas_for_development))
    _lens(page)
    if t.actions:
        page.heading("The trust's action plan", 2)
        for area in t.actions:
            page.heading(_area_title(area), 3)
            actions_table(page, area.actions, with_who=False)


def _lens(page: DocxPage) -> None:
    lens = page.report.lens
    if lens is None:
        return
    page.heading(f"The academies through the {lens.title}'s areas", 2)
    page.paragraph(
        f"The academies' statements grouped under the {lens.title}'s areas, beside the "
        "trust's own rating of each area."
    )
    rows: list[list[CellValue]] = [
        [a.name, *(score_text(x) for x in tallies)] for a, tallies in lens.rows
    ]
    rows.append(["All academies", *(score_text(x) for x in lens.all_academies)])
    if lens.trust_review:
        rows.append(["The trust's own review", *(score_text(x) for x in lens.trust_review)])
    header = ["Academy", *(f"{title} ({plural(n, 'statement')})" for title, n in lens.areas)]
    page.table(header, rows, size=8, caption=f"Academy scores in the {lens.title}'s areas")


def _area_title(area: ActionArea) -> str:
    return area.title + (f" ({area.overdue} overdue)" if area.overdue else "")


def actions_table(page: DocxPage, actions: Sequence[ActionRow], with_who: bool = True) -> None:
    """An action plan: each action with its success criteria, owner, due date (and
    'Overdue' in words), priority and status."""
    rows: list[list[CellValue]] = []
    for a in actions:
        action = unwrap(a.action) + (
            f"\nSuccess criteria: {unwrap(a.success_criteria)}" if a.success_criteria else ""
        )
        due = (day(a.due) if a.due else "No date") + ("\nOVERDUE" if a.overdue else "")
        cells: list[CellValue] = [
            action,
            a.owner,
            Shaded(due, "#FBE3D6") if a.overdue else due,
            a.priority,
            a.status,
        ]
        if not with_who:
            cells[0] = Shaded(action, "", bold=False)
        rows.append([a.who, *cells] if with_who else cells)
    header = (["Academy"] if with_who else []) + ["Action", "Owner", "Due", "Priority", "Status"]
    widths = ((3.0,) if with_who else ()) + (6.0 if with_who else 8.8, 2.4, 2.2, 1.9, 1.9)
    page.table(header, rows, widths=widths, size=8.5)


def action_plans(page: DocxPage) -> None:
    r = page.report
    page.start("Action plans", new_page=True)
    page.paragraph(
        f"Every academy's actions, by area. {r.overdue} "
        f"{'action is' if r.overdue == 1 else 'actions are'} overdue at the academy's review "
        "date, marked OVERDUE."
    )
    if not r.actions:
        page.paragraph("No academy has an action plan yet.")
    for area in r.actions:
        page.heading(_area_title(area), 2)
        actions_table(page, area.actions)
