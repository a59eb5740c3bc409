"""The trust view as related CSV tables (``aggregate --format csv-tables``), for Power BI,
pandas and duckdb: one file per table, joined by their ``_id`` columns.

The tables and their columns are declared in :data:`.trust_view_data.TABLES`, a public
interface; the rows here use the same long form of answers as the JSON and the one CSV.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from sendreview.model.trust_view import NOT_APPLICABLE, UNRATED
from sendreview.render.trust_view_context import context_rows, need_rows
from sendreview.render.trust_view_data import (
    TABLES,
    answers,
    csv_text,
    date_text,
    flag,
    number_text,
    rating_score,
)
from sendreview.render.trust_view_moderation import moderation_rows

if TYPE_CHECKING:
    from sendreview.model.trust_view import TrustView


def to_tables(view: TrustView) -> dict[str, str]:
    """The trust view as related tables, file name to CSV text, joined by their ``_id`` columns."""
    rows = {
        "academies.csv": _academy_rows(view),
        "areas.csv": _area_rows(view),
        "statements.csv": _statement_rows(view),
        "rating_scale.csv": _scale_rows(view),
        "ratings.csv": _rating_rows(view),
        "evidence.csv": _evidence_rows(view),
        "area_scores.csv": _area_score_rows(view),
        "actions.csv": _action_rows(view),
        "context.csv": context_rows(view),
        "primary_need.csv": need_rows(view),
        "moderation.csv": moderation_rows(view),
    }
    return {name: csv_text(columns, rows[name]) for name, columns in TABLES.items()}


def _academy_rows(view: TrustView) -> Iterator[list[str]]:
    for a in view.academies:
        yield [
            view.cycle,
            a.id,
            a.name,
            a.phase or "",
            a.state,
            date_text(a.review_date),
            a.file or "",
            str(a.rated),
            str(a.not_applicable),
            str(a.unrated),
            str(round(a.completeness, 3)),
            str(a.errors),
            str(a.warnings),
        ]


def _area_rows(view: TrustView) -> Iterator[list[str]]:
    counts = {a.id: 0 for a in view.areas}
    for row in view.statements:
        counts[row.area] += 1
    for number, area in enumerate(view.areas, start=1):
        yield [
            view.cycle,
            view.framework.id,
            area.id,
            str(number),
            area.title,
            str(counts[area.id]),
            number_text(area.trust_score),
        ]


def _statement_rows(view: TrustView) -> Iterator[list[str]]:
    for number, row in enumerate(view.statements, start=1):
        yield [
            view.cycle,
            view.framework.id,
            row.id,
            str(number),
            row.area,
            row.text,
        ]


def _scale_rows(view: TrustView) -> Iterator[list[str]]:
    for position, level in enumerate(view.rating_scale):
        yield [
            view.cycle,
            level.id,
            level.label,
            level.letter,
            level.colour,
            str(position),
            number_text(rating_score(view, position)),
        ]


def _rating_rows(view: TrustView) -> Iterator[list[str]]:
    for a in answers(view):
        yield [
            view.cycle,
            a.academy.id,
            a.statement.id,
            a.statement.area,
            a.status,
            a.rating or "",
            a.label or "",
            number_text(a.position),
            number_text(a.score),
            date_text(a.academy.review_date),
            a.not_applicable or "",
            a.strengths,
            a.areas_for_development,
            a.self_rating or "",
            a.moderated_rating or "",
            flag(a.moderated),
        ]


def _evidence_rows(view: TrustView) -> Iterator[list[str]]:
    for a in answers(view):
        for item in a.evidence:
            yield [view.cycle, a.academy.id, a.statement.id, item]


def _area_score_rows(view: TrustView) -> Iterator[list[str]]:
    scale = {level.id for level in view.rating_scale}
    for academy in view.academies:
        for area in view.areas:
            counts = area.by_academy.get(academy.id, {})
            yield [
                view.cycle,
                academy.id,
                area.id,
                str(sum(n for key, n in counts.items() if key in scale)),
                str(counts.get(NOT_APPLICABLE, 0)),
                str(counts.get(UNRATED, 0)),
                number_text(area.scores.get(academy.id)),
            ]


def _action_rows(view: TrustView) -> Iterator[list[str]]:
    dates = {a.id: a.review_date for a in view.academies}
    for action in view.actions:
        yield [
            view.cycle,
            action.academy,
            action.area,
            action.action,
            action.owner,
            date_text(action.due),
            action.priority or "",
            action.status,
            flag(action.overdue),
            "; ".join(action.statements),
            action.success_criteria,
            date_text(dates.get(action.academy)),
        ]
