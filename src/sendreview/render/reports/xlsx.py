"""The Excel report: the trust's workbook, or one academy's with ``--academy``.

The trust workbook is what a director of SEND opens before a board meeting: the executive
summary on the Overview sheet, the heatmap on the Summary sheet, then completeness,
priorities, outliers, peer-support pairs, area scores, every action, the trust-level MAT
review and a sheet per academy. An academy's workbook holds its own sheet, its action plan
and its area scores against the trust.

Ratings are written as words (or letters in the heatmap) and coloured by conditional
formatting on that text, so colour is never the only signal and a rating changed in Excel
changes colour. The heatmap is :mod:`.xlsx_heatmap`; layout, print set-up and safe cells
live in :mod:`.xlsx_layout`.
"""

from __future__ import annotations

from sendreview.excel.columns import Column
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import (
    AcademyResult,
    AreaSummary,
    LensArea,
    TrustReviewSummary,
    TrustView,
)
from sendreview.render.reports import ReportRequest
from sendreview.render.reports.wording import cell, levels
from sendreview.render.reports.xlsx_context import CONTEXT, context_sheet
from sendreview.render.reports.xlsx_detail import (
    ACTIONS,
    MAT_REVIEW,
    NOT_APPLICABLE,
    NOT_RATED,
    SCORE_NOTE,
    SCORES,
    academy_scores,
    academy_sheet,
    action_plan,
    areas_of,
    mat_review,
    names_of,
    rests_on,
    score_value,
    state,
    word_or_none,
)
from sendreview.render.reports.xlsx_heatmap import ACADEMIES, SUMMARY, heatmap
from sendreview.render.reports.xlsx_history import (
    SINCE,
    own_sheet,
    sheet_names,
    since_sheets,
    trend_sheet,
)
from sendreview.render.reports.xlsx_layout import Book, Link, Sheet, Styled
from sendreview.render.reports.xlsx_moderation import (
    DISAGREEMENTS,
    MODERATION,
    moderation_sheets,
)
from sendreview.render.reports.xlsx_styles import (
    AREA,
    DATE,
    NUMBER,
    PERCENT,
    RATING,
    TEXT,
)
from sendreview.render.reports.xlsx_summary import OVERVIEW, overview_sheet

PRIORITIES, OUTLIERS, PEERS = "Priorities", "Outliers", "Peer support"


def write(request: ReportRequest) -> bytes:
    view = request.view
    book = Book(view.rating_scale, footer=f"{view.trust} · SEND review {view.cycle}")
    if request.academy:
        _academy_workbook(book, request, view.academy(request.academy))
    else:
        _trust_workbook(book, request)
    return book.save()


def _trust_workbook(book: Book, request: ReportRequest) -> None:
    from sendreview.render.reports.context import build

    view = request.view
    report = build(view, None, request.comparison, request.trend, request.suppress_below)
    caveat = f"Not final. {report.caveat} " if report.caveat else ""
    history = sheet_names(report.movement, report.trend)
    for fixed in (OVERVIEW, SUMMARY, ACADEMIES, PRIORITIES, OUTLIERS, PEERS, SCORES, *history):
        book.name(fixed)
    for fixed in (ACTIONS, MAT_REVIEW, *((CONTEXT,) if report.need_profile else ())):
        book.name(fixed)
    for fixed in (MODERATION, DISAGREEMENTS) if report.moderation else ():
        book.name(fixed)
    sheets = {a.id: book.name(a.name) for a in view.academies}
    overview_sheet(book, report, caveat)
    heatmap(book, view, caveat)
    _academies(book, view, sheets)
    _priorities(book, view)
    _outliers(book, view)
    _peer_support(book, view)
    _area_scores(book, view, caveat)
    if report.movement:
        since_sheets(book, view.trust, report.movement, caveat)
    if report.trend:
        trend_sheet(book, view.trust, report.trend)
    if report.need_profile:
        context_sheet(book, view.trust, view.cycle, report.need_profile)
    if report.moderation:
        moderation_sheets(book, view.trust, view.cycle, report.moderation)
    action_plan(
        book, view, view.actions, f"{view.trust}: every action plan, {view.cycle}", with_trust=True
    )
    if view.trust_review:
        mat_review(book, view, view.trust_review)
    for academy in view.academies:
        academy_sheet(book, view, academy, sheets[academy.id])


def _academy_workbook(book: Book, request: ReportRequest, academy: AcademyResult) -> None:
    view = request.view
    moved = None
    if request.comparison is not None:
        from sendreview.render.reports.movement_academy import own_movement

        moved = own_movement(request.comparison, academy.id, levels(view.rating_scale))
    for fixed in (ACTIONS, SCORES, *((SINCE,) if moved else ())):
        book.name(fixed)
    academy_sheet(book, view, academy, book.name(academy.name))
    own = [a for a in view.actions if a.academy == academy.id]
    action_plan(book, view, own, f"{academy.name}: action plan, {view.cycle}", with_trust=False)
    academy_scores(book, view, academy)
    if moved:
        own_sheet(book, academy.name, moved)


# ---- trust sheets ------------------------------------------------------------------------


def _academies(book: Book, view: TrustView, sheets: dict[str, str]) -> None:
    columns = [
        Column("Academy", 32),
        Column("Id", 24, TEXT),
        Column("Phase", 14, TEXT),
        Column("Review", 12, TEXT),
        Column("Review date", 13, DATE),
        Column("Answered", 11, PERCENT),
        Column("Rated", 8, NUMBER),
        Column(NOT_APPLICABLE, 11, NUMBER),
        Column(NOT_RATED, 10, NUMBER),
        Column("Errors", 8, NUMBER),
        Column("Warnings", 10, NUMBER),
        Column("File", 45),
    ]
    sheet = Sheet(
        book,
        ACADEMIES,
        f"{view.trust}: completeness of reviews, {view.cycle}",
        "Answered: statements rated or marked not applicable. A missing or "
        "unreadable review counts no ratings. Click a name to open its sheet.",
        columns,
        freeze_columns=1,
    )
    for academy in view.academies:
        sheet.append(_academy_row(academy, sheets[academy.id]))
    sheet.close()


def _academy_row(a: AcademyResult, sheet_name: str) -> list[object]:
    """One academy's line on the completeness sheet, its name a link to its own sheet."""
    return [
        Link(a.name, sheet_name),
        a.id,
        word_or_none(a.phase),
        state(a.state),
        a.review_date,
        a.completeness,
        a.rated,
        a.not_applicable,
        a.unrated,
        a.errors,
        a.warnings,
        a.file,
    ]


def _priorities(book: Book, view: TrustView) -> None:
    names, areas = names_of(view), areas_of(view)
    columns = [
        Column("Area", 20),
        Column("Statement", 20, TEXT),
        Column("Statement text", 60),
        Column("Academies", 11, NUMBER),
        Column("Share", 9, PERCENT),
        Column("Which academies", 60),
    ]
    sheet = Sheet(
        book,
        PRIORITIES,
        f"{view.trust}: trust-wide priorities, {view.cycle}",
        f"Statements that at least {view.thresholds.priority_share:.0%} of the "
        "academies with a review (and at least two) rate as needing action.",
        columns,
    )
    for p in view.priorities:
        sheet.append(
            [
                areas.get(p.area, p.area),
                p.statement,
                p.text,
                p.count,
                p.share,
                "; ".join(names.get(a, a) for a in p.academies),
            ]
        )
    if not view.priorities:
        sheet.append(["No statement reaches the threshold."])
    sheet.close()


def _outliers(book: Book, view: TrustView) -> None:
    names, areas = names_of(view), areas_of(view)
    columns = [
        Column("Academy", 32),
        Column("Area", 28),
        Column("Academy score", 12, PERCENT),
        Column("Trust score", 12, PERCENT),
        Column("Gap (points)", 12, PERCENT),
        Column("Academy score rests on", 22, TEXT),
    ]
    counts = {(a.id, academy): c for a in view.areas for academy, c in a.by_academy.items()}
    sheet = Sheet(
        book,
        OUTLIERS,
        f"{view.trust}: outliers, {view.cycle}",
        f"Academies whose score in an area is at least "
        f"{view.thresholds.outlier_gap:.0%} points below the trust's. {SCORE_NOTE}",
        columns,
    )
    for o in view.outliers:
        sheet.append(
            [
                names.get(o.academy, o.academy),
                areas.get(o.area, o.area),
                o.score,
                o.trust_score,
                o.gap,
                rests_on(counts.get((o.area, o.academy), {})),
            ]
        )
    if not view.outliers:
        sheet.append(["No academy falls that far below the trust in any area."])
    sheet.close()


def _peer_support(book: Book, view: TrustView) -> None:
    names, areas = names_of(view), areas_of(view)
    columns = [
        Column("Area", 20),
        Column("Statement", 20, TEXT),
        Column("Statement text", 50),
        Column("Academy", 28),
        Column("Its rating", 11, RATING),
        Column("Could pair with", 28),
        Column("Their rating", 11, RATING),
    ]
    sheet = Sheet(
        book,
        PEERS,
        f"{view.trust}: peer support, {view.cycle}",
        "Where one academy is at the bottom of the scale on a statement and another "
        "at the top, a peer SEND review visit is suggested; the partner is the "
        "academy strongest across the area.",
        columns,
    )
    scale = levels(view.rating_scale)
    for p in view.peer_support:
        sheet.append(
            [
                areas.get(p.area, p.area),
                p.statement,
                p.text,
                names.get(p.to_academy, p.to_academy),
                cell(p.to_rating, scale).label,
                names.get(p.from_academy, p.from_academy),
                cell(p.from_rating, scale).label,
            ]
        )
    if not view.peer_support:
        sheet.append(["No statement has academies at both ends of the scale."])
    sheet.close()


def _area_scores(book: Book, view: TrustView, caveat: str = "") -> None:
    """Every academy's score per area, and the same read through the MAT review's areas,
    then what each score rests on ('from 7 of 7 statements')."""
    lens = view.lens_framework.title if view.lens_framework else ""
    columns = [
        Column("Academy", 32),
        Column("Review", 12, TEXT),
        *(Column(a.title, 14, PERCENT) for a in view.areas),
        *(Column(f"{lens}: {a.title}", 16, PERCENT) for a in view.lens),
        *(Column(f"{a.title}: rests on", 20, TEXT) for a in view.areas),
        *(Column(f"{lens}: {a.title}: rests on", 22, TEXT) for a in view.lens),
    ]
    note = caveat + SCORE_NOTE
    if view.lens:
        note += (
            f" Columns headed '{lens}' read the academies' statements through the {lens}'s areas."
        )
    sheet = Sheet(
        book, SCORES, f"{view.trust}: area scores, {view.cycle}", note, columns, freeze_columns=1
    )
    sheet.append(
        [
            Styled("All academies", AREA),
            None,
            *(score_value(a.trust_score, a.trust) for a in view.areas),
            *(None for _ in view.lens),
            *(rests_on(a.trust) for a in view.areas),
        ]
    )
    if view.trust_review and view.lens:
        sheet.append(_trust_review_scores(view, view.trust_review))
    for academy in view.academies:
        sheet.append(_academy_scores(view, academy))
    sheet.close()


def _trust_review_scores(view: TrustView, review: TrustReviewSummary) -> list[object]:
    """The trust-level review's own scores, under the MAT review's (the lens's) columns."""
    own = {
        a.id: score_value(a.scores.get(TRUST_ID), a.by_academy.get(TRUST_ID, {}))
        for a in review.areas
    }
    basis = {a.id: rests_on(a.by_academy.get(TRUST_ID, {})) for a in review.areas}
    return [
        Styled("Trust-level review", AREA),
        state(review.state),
        *(None for _ in view.areas),
        *(own.get(a.id) for a in view.lens),
        *(None for _ in view.areas),
        *(basis.get(a.id, "") for a in view.lens),
    ]


def _academy_scores(view: TrustView, academy: AcademyResult) -> list[object]:
    """An academy's score in each area and each lens area, then what each rests on."""
    both: list[AreaSummary | LensArea] = [*view.areas, *view.lens]
    return [
        academy.name,
        state(academy.state),
        *(score_value(a.scores.get(academy.id), a.by_academy.get(academy.id, {})) for a in both),
        *(rests_on(a.by_academy.get(academy.id, {})) for a in both),
    ]
