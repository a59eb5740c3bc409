"""The sheets an academy's workbook shares with the trust's: its statements, its actions and
its area scores against the trust; also the trust-level MAT review, which reads the same way.

Each statement sheet lists area, statement, rating in words, strengths, areas for development
and evidence, with the free text unwrapped (see :mod:`sendreview.prose`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.excel.columns import Column
from sendreview.model.framework import RatingLevel
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import NOT_APPLICABLE as NOT_APPLICABLE_KEY
from sendreview.model.trust_view import (
    UNRATED,
    AcademyResult,
    AreaSummary,
    CollatedAction,
    StatementRow,
    TrustReviewSummary,
    TrustView,
)
from sendreview.prose import unwrap
from sendreview.render.reports import wording
from sendreview.render.reports.wording import STATE_LABELS, Cell, Level, cell, day, levels, word
from sendreview.render.reports.xlsx_layout import Book, Sheet, Styled
from sendreview.render.reports.xlsx_moderation import detail_cells, detail_columns, detail_note
from sendreview.render.reports.xlsx_styles import (
    DATE,
    FLAG,
    NUMBER,
    PERCENT,
    RATING,
    TEXT,
)
from sendreview.trust_view.scores import enough_rated

SCORES, ACTIONS, MAT_REVIEW = "Area scores", "Action plan", "MAT review"
NOT_APPLICABLE, NOT_RATED = "Not applicable", "Not rated"
SCORE_NOTE = (
    "Scores run from 0% (every rated statement at the bottom of the scale) to 100% "
    "(every one at the top), from the statements rated so far; with less than half an area's "
    f"statements rated the score reads '{wording.NOT_ENOUGH}'."
)


def rated(counts: dict[str, int]) -> tuple[int, int]:
    """(rated, not rated) from a view's counts by rating id, 'unrated' and 'not_applicable'."""
    unrated = counts.get(UNRATED, 0)
    return sum(n for k, n in counts.items() if k not in (UNRATED, NOT_APPLICABLE_KEY)), unrated


def score_value(score: float | None, counts: dict[str, int]) -> object:
    """A score for a PERCENT cell, or the words saying there is not enough rated for one."""
    done, left = rated(counts)
    if score is not None and enough_rated(done, left):
        return score
    return Styled(wording.headline(score, done, left), TEXT) if done + left else None


def rests_on(counts: dict[str, int]) -> str:
    """'from 7 of 21 statements'."""
    return wording.rests_on(*rated(counts))


def answer(row: StatementRow, key: str, scale: Sequence[Level]) -> Cell:
    """The answer as a letter and a label: a rating, not applicable or not rated."""
    return cell(row.ratings.get(key), scale, row.not_applicable.get(key))


def state(value: str) -> str:
    """A review's state in words: 'No review' rather than 'missing'."""
    return STATE_LABELS.get(value, value)


def word_or_none(value: str | None) -> str | None:
    """'in-progress' as 'In progress'; nothing stays an empty cell."""
    return word(value) or None


def names_of(view: TrustView) -> dict[str, str]:
    """Academy id to name: sheets name academies as people know them."""
    return {a.id: a.name for a in view.academies}


def areas_of(view: TrustView) -> dict[str, str]:
    """Area id to title, for the academies' framework."""
    return {a.id: a.title for a in view.areas}


#: The columns of the action plan sheet, one row per action.
_ACTION_COLUMNS = (
    Column("Academy", 24),
    Column("Area", 18),
    Column("Action", 50),
    Column("Owner", 18),
    Column("Due", 12, DATE),
    Column("Priority", 9, TEXT),
    Column("Status", 12, TEXT),
    Column("Overdue", 10, FLAG),
    Column("Statements", 16),
    Column("Success criteria", 45),
)


def action_plan(
    book: Book, view: TrustView, actions: Sequence[CollatedAction], title: str, *, with_trust: bool
) -> None:
    """``with_trust``: add the trust-level review's own actions after the academies'."""
    sheet = Sheet(
        book,
        ACTIONS,
        title,
        "Every action, by area. Overdue: not done by its due date "
        "at the academy's review date. Use the arrows on row 3 to filter.",
        _ACTION_COLUMNS,
        freeze_columns=1,
    )
    names, areas = names_of(view), areas_of(view)
    for action in actions:
        _action_row(
            sheet,
            action,
            names.get(action.academy, action.academy),
            areas.get(action.area, action.area),
        )
    review = view.trust_review
    if review and with_trust:
        mat_areas = {a.id: a.title for a in review.areas}
        for action in review.actions:
            _action_row(
                sheet, action, "Trust-level review", mat_areas.get(action.area, action.area)
            )
    sheet.close()


def _action_row(sheet: Sheet, action: CollatedAction, who: str, area: str) -> None:
    sheet.append(
        [
            who,
            area,
            unwrap(action.action),
            action.owner,
            action.due,
            word_or_none(action.priority),
            word_or_none(action.status),
            "Overdue" if action.overdue else None,
            ", ".join(action.statements) or None,
            unwrap(action.success_criteria) or None,
        ]
    )


# ---- statement sheets (an academy, or the trust's own review) ----------------------------

STATEMENT_COLUMNS = [
    Column("Area", 16),
    Column("Statement", 20, TEXT),
    Column("Statement text", 42),
    Column("Rating", 10, RATING),
    Column("Strengths", 48),
    Column("Areas for development", 48),
    Column("Evidence", 32),
]


def academy_sheet(book: Book, view: TrustView, academy: AcademyResult, name: str) -> None:
    total = academy.answered + academy.unrated
    note = (
        f"{view.framework.title}. Review: {state(academy.state).lower()}, "
        f"{day(academy.review_date)}; "
        f"{academy.answered} of {total} statements answered."
    )
    extra = detail_columns(view, academy.id)
    if extra:
        counted = (
            "the academy's own"
            if view.ratings_in_use == "self"
            else "the moderator's where a statement was moderated"
        )
        note += detail_note(view, academy.id) + (
            f" Rating: {counted}. Beside it, for each statement moderated: the academy's own "
            "rating, the moderator's and the moderator's comment."
        )
    _statement_sheet(
        book,
        name,
        f"{academy.name}: SEND review, {view.cycle}",
        note,
        view.statements,
        academy.id,
        areas_of(view),
        view.rating_scale,
        (extra, detail_cells(view, academy.id)),
    )


def mat_review(book: Book, view: TrustView, review: TrustReviewSummary) -> None:
    note = (
        f"The trust's own review. Review: {state(review.state).lower()}, {day(review.review_date)}."
    )
    _statement_sheet(
        book,
        MAT_REVIEW,
        f"{view.trust}: {review.framework.title}, {view.cycle}",
        note,
        review.statements,
        TRUST_ID,
        {a.id: a.title for a in review.areas},
        view.rating_scale,
    )


def _statement_sheet(
    book: Book,
    name: str,
    title: str,
    note: str,
    rows: Sequence[StatementRow],
    key: str,
    areas: dict[str, str],
    scale: Sequence[RatingLevel],
    beside: tuple[Sequence[Column], dict[str, list[object]]] = ((), {}),
) -> None:
    """``beside``: columns after the rating (the moderation's) and their cells by statement."""
    extra, cells = beside
    columns = [*STATEMENT_COLUMNS[:4], *extra, *STATEMENT_COLUMNS[4:]]
    sheet = Sheet(book, name, title, note, columns)
    marks = levels(scale)
    blank: list[object] = [None] * len(extra)
    for row in rows:
        sheet.append(
            [
                areas.get(row.area, row.area),
                row.id,
                row.text,
                answer(row, key, marks).label,
                *cells.get(row.id, blank),
                _strengths(row, key) or None,
                unwrap(row.areas_for_development.get(key, "")) or None,
                "\n".join(row.evidence.get(key, [])) or None,
            ]
        )
    sheet.close()


def _strengths(row: StatementRow, key: str) -> str:
    """The strengths, after the reason when the statement does not apply."""
    parts = (
        [f"{NOT_APPLICABLE}: {unwrap(row.not_applicable[key])}"]
        if key in row.not_applicable
        else []
    )
    parts.append(unwrap(row.strengths.get(key, "")))
    return "\n\n".join(p for p in parts if p)


def academy_scores(book: Book, view: TrustView, academy: AcademyResult) -> None:
    scale = view.rating_scale
    columns = [
        Column("Area", 30),
        Column("This academy", 12, PERCENT),
        Column("Trust", 10, PERCENT),
        Column("Difference", 11, PERCENT),
        *(Column(level.label, 9, NUMBER) for level in scale),
        Column(NOT_APPLICABLE, 11, NUMBER),
        Column(NOT_RATED, 10, NUMBER),
        Column("Academy's score rests on", 22, TEXT),
        Column("Trust's score rests on", 22, TEXT),
    ]
    caveat = _academy_caveat(view, academy)
    sheet = Sheet(
        book,
        SCORES,
        f"{academy.name}: area scores against the trust, {view.cycle}",
        f"{caveat}Statements in each area by rating, and the area's score. {SCORE_NOTE}",
        columns,
        freeze_columns=1,
    )
    for area in view.areas:
        sheet.append(_score_row(area, academy.id, scale))
    sheet.close()


def _score_row(area: AreaSummary, academy_id: str, scale: Sequence[RatingLevel]) -> list[object]:
    counts = area.by_academy.get(academy_id, {})
    score, trust = (
        score_value(area.scores.get(academy_id), counts),
        score_value(area.trust_score, area.trust),
    )
    both = isinstance(score, float) and isinstance(trust, float)
    gap = round(score - trust, 3) if both else None  # type: ignore[operator]
    return [
        area.title,
        score,
        trust,
        gap,
        *(counts.get(level.id, 0) for level in scale),
        counts.get(NOT_APPLICABLE_KEY, 0),
        counts.get(UNRATED, 0),
        rests_on(counts),
        rests_on(area.trust),
    ]


def _academy_caveat(view: TrustView, academy: AcademyResult) -> str:
    """The report context's one sentence for an unfinished review, as the sheet's opening."""
    from sendreview.render.reports.context import build

    text = build(view, academy.id).focus.caveat  # type: ignore[union-attr]
    return f"Not final. {text} " if text else ""
