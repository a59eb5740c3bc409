"""The trust view as data for other tools: JSON for scripts and Power BI, one CSV for Excel,
and a folder of related CSV tables for Power BI, pandas and duckdb.

All are public interfaces: columns, keys and tables are added, never renamed. Every trust gets
the same columns and keys, whatever its academies and rating scale are called, so a query
written for one trust works for the next.

A CSV file is data, not a spreadsheet: review text is written exactly as the review holds it,
with CSV quoting only. Text that looks like a formula (``=SUM(A1)``, ``+44…``, ``-1``) is kept as
it is; the guard against formulas belongs in the Excel report, where cells can run.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from sendreview.model.trust_view import NOT_APPLICABLE, UNRATED
from sendreview.trust_view.scores import scale_score

if TYPE_CHECKING:
    from sendreview.model.trust_view import AcademyResult, StatementRow, TrustView

#: What an answer is: rated on the scale, marked not applicable, or not (yet, or readably) rated.
RATED = "rated"

CSV_COLUMNS = [
    "trust",
    "cycle",
    "academy_id",
    "academy",
    "phase",
    "review_state",
    "area_id",
    "area",
    "statement_id",
    "statement",
    "rating",
    "rating_label",
    "not_applicable",
    "strengths",
    "areas_for_development",
    "evidence",
    # Added for Power BI, pandas and duckdb: keep at the end, in this order.
    "review_date",
    "status",
    "rating_position",
    "rating_score",
    # Moderation: the academy's own rating beside the one in use, and the moderator's.
    "self_rating",
    "moderated_rating",
    "moderated",
]


class Answer(NamedTuple):
    """One academy's answer to one statement: a row of the long form every tool can load.

    ``position`` is the rating's place on the scale (0 for the worst level) and ``score`` the
    same place as a share of the scale (0 to 1); both are None unless ``status`` is rated.
    ``rating`` is the rating in use (the moderator's where the statement was moderated,
    unless the view counts the academies' own); ``self_rating`` the academy's own and
    ``moderated_rating`` the moderator's (None where it was not moderated).

    A named tuple, not a dataclass: a trust of 1,000 academies has 27,000 answers, and a
    frozen dataclass spent more building them than the JSON took to encode them.
    """

    academy: AcademyResult
    statement: StatementRow
    status: str
    rating: str | None
    label: str | None
    position: int | None
    score: float | None
    not_applicable: str | None
    strengths: str
    areas_for_development: str
    evidence: list[str]
    self_rating: str | None = None
    moderated_rating: str | None = None

    @property
    def moderated(self) -> bool:
        return self.moderated_rating is not None


def answers(view: TrustView) -> Iterator[Answer]:
    """Every academy's answer to every statement, academy by academy in the framework's order."""
    positions = {level.id: i for i, level in enumerate(view.rating_scale)}
    labels = {level.id: level.label for level in view.rating_scale}
    scores = {rating: rating_score(view, position) for rating, position in positions.items()}
    moderated = {academy: found.ratings for academy, found in view.moderation.items()}
    for academy in view.academies:
        theirs = moderated.get(academy.id, {})
        for row in view.statements:
            rating = row.ratings.get(academy.id)
            reason = row.not_applicable.get(academy.id)
            status = RATED if rating else NOT_APPLICABLE if reason is not None else UNRATED
            yield Answer(
                academy=academy,
                statement=row,
                status=status,
                rating=rating or None,
                label=(labels.get(rating) or view.label(rating)) if rating else None,
                position=positions.get(rating) if rating else None,
                score=scores.get(rating) if rating else None,
                not_applicable=reason,
                strengths=row.strengths.get(academy.id, ""),
                areas_for_development=row.areas_for_development.get(academy.id, ""),
                evidence=row.evidence.get(academy.id, []),
                self_rating=row.self_ratings.get(academy.id, rating) or None,
                moderated_rating=theirs.get(row.id),
            )


def rating_score(view: TrustView, position: int) -> float | None:
    """One rating's score: the trust view's own scale-score rule, applied to one answer."""
    return scale_score([(position, 1)], len(view.rating_scale) - 1)


# ---- JSON ----------------------------------------------------------------------------------


def to_json(view: TrustView) -> str:
    """The trust view as JSON (:mod:`sendreview.render.trust_view_json`, which also writes it
    a piece at a time for a large trust)."""
    from sendreview.render.trust_view_json import to_json as encode

    return encode(view)


# ---- One CSV table -------------------------------------------------------------------------


def to_csv(view: TrustView) -> str:
    """One row per academy and statement, the tidy shape Power BI and pivot tables want.

    Starts with a byte order mark so Excel reads it as UTF-8 (accents, curly quotes).
    """
    areas = {a.id: a.title for a in view.areas}
    return csv_text(
        CSV_COLUMNS,
        (
            [
                view.trust,
                view.cycle,
                a.academy.id,
                a.academy.name,
                a.academy.phase or "",
                a.academy.state,
                a.statement.area,
                areas[a.statement.area],
                a.statement.id,
                a.statement.text,
                a.rating or "",
                a.label or "",
                a.not_applicable or "",
                a.strengths,
                a.areas_for_development,
                "; ".join(a.evidence),
                date_text(a.academy.review_date),
                a.status,
                number_text(a.position),
                number_text(a.score),
                a.self_rating or "",
                a.moderated_rating or "",
                flag(a.moderated),
            ]
            for a in answers(view)
        ),
    )


def csv_text(columns: list[str], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def flag(value: bool) -> str:
    return "true" if value else "false"


def number_text(value: float | None) -> str:
    """Empty where there is no number, so tools read it as missing, never as 0."""
    return "" if value is None else str(value)


# ---- Related CSV tables (written by :mod:`.trust_view_tables`) ---------------------------

#: Each table's file name and columns. Names are fixed here, never made from review text.
TABLES: dict[str, list[str]] = {
    "academies.csv": [
        "cycle",
        "academy_id",
        "academy",
        "phase",
        "review_state",
        "review_date",
        "file",
        "rated",
        "not_applicable",
        "unrated",
        "completeness",
        "errors",
        "warnings",
    ],
    "areas.csv": [
        "cycle",
        "framework_id",
        "area_id",
        "sort_order",
        "area",
        "statements",
        "trust_score",
    ],
    "statements.csv": [
        "cycle",
        "framework_id",
        "statement_id",
        "sort_order",
        "area_id",
        "statement",
    ],
    "rating_scale.csv": [
        "cycle",
        "rating",
        "rating_label",
        "letter",
        "colour",
        "rating_position",
        "rating_score",
    ],
    "ratings.csv": [
        "cycle",
        "academy_id",
        "statement_id",
        "area_id",
        "status",
        "rating",
        "rating_label",
        "rating_position",
        "rating_score",
        "review_date",
        "not_applicable",
        "strengths",
        "areas_for_development",
        "self_rating",
        "moderated_rating",
        "moderated",
    ],
    "evidence.csv": ["cycle", "academy_id", "statement_id", "evidence"],
    "area_scores.csv": [
        "cycle",
        "academy_id",
        "area_id",
        "rated",
        "not_applicable",
        "unrated",
        "score",
    ],
    "actions.csv": [
        "cycle",
        "academy_id",
        "area_id",
        "action",
        "owner",
        "due",
        "priority",
        "status",
        "overdue",
        "statements",
        "success_criteria",
        "review_date",
    ],
    # The SEN context: exact counts, for the trust's own analysis (reports withhold small ones).
    "context.csv": [
        "cycle",
        "academy_id",
        "has_context",
        "census_date",
        "pupils",
        "sen_support",
        "ehc_plans",
        "sen_support_pct",
        "ehc_plan_pct",
        "national_phase",
        "national_sen_support_pct",
        "national_ehc_plan_pct",
        "communication_and_interaction",
        "cognition_and_learning",
        "semh",
        "sensory_physical",
        "unassigned",
        "period",
        "suspensions_no_sen",
        "suspensions_sen_support",
        "suspensions_ehc_plan",
        "permanent_exclusions_no_sen",
        "permanent_exclusions_sen_support",
        "permanent_exclusions_ehc_plan",
    ],
    "primary_need.csv": ["cycle", "academy_id", "need_code", "need", "broad_area", "pupils"],
    # Moderation: one row per academy and statement its moderator rated.
    "moderation.csv": [
        "cycle",
        "academy_id",
        "statement_id",
        "area_id",
        "self_rating",
        "moderated_rating",
        "compared",
        "agreed",
        "steps",
        "comment",
        "moderator_role",
        "moderator_academy",
        "moderation_date",
    ],
}
