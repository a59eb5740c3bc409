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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendreview.model.trust_view import AcademyResult, StatementRow, TrustView

#: What an answer is: rated on the scale, marked not applicable, or not (yet, or readably) rated.
RATED = "rated"
NOT_APPLICABLE = "not_applicable"
UNRATED = "unrated"

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
]


@dataclass(frozen=True)
class Answer:
    """One academy's answer to one statement: a row of the long form every tool can load.

    ``position`` is the rating's place on the scale (0 for the worst level) and ``score`` the
    same place as a share of the scale (0 to 1); both are None unless ``status`` is rated.
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


def answers(view: TrustView) -> Iterator[Answer]:
    """Every academy's answer to every statement, academy by academy in the framework's order."""
    positions = {level.id: i for i, level in enumerate(view.rating_scale)}
    scores = {rating: rating_score(view, position) for rating, position in positions.items()}
    for academy in view.academies:
        for row in view.statements:
            rating = row.ratings.get(academy.id)
            reason = row.not_applicable.get(academy.id)
            status = RATED if rating else NOT_APPLICABLE if reason is not None else UNRATED
            yield Answer(
                academy=academy,
                statement=row,
                status=status,
                rating=rating or None,
                label=view.label(rating) if rating else None,
                position=positions.get(rating) if rating else None,
                score=scores.get(rating) if rating else None,
                not_applicable=reason,
                strengths=row.strengths.get(academy.id, ""),
                areas_for_development=row.areas_for_development.get(academy.id, ""),
                evidence=row.evidence.get(academy.id, []),
            )


def rating_score(view: TrustView, position: int) -> float | None:
    """One rating's score: the trust view's own scale-score rule, applied to one answer."""
    from sendreview.trust_view.aggregate import scale_score

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
    return _csv(
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
                _date(a.academy.review_date),
                a.status,
                _number(a.position),
                _number(a.score),
            ]
            for a in answers(view)
        ),
    )


def _csv(columns: list[str], rows: Iterable[list[str]]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return out.getvalue()


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _number(value: float | None) -> str:
    """Empty where there is no number, so tools read it as missing, never as 0."""
    return "" if value is None else str(value)


def _flag(value: bool) -> str:
    return "true" if value else "false"


FORMATS: dict[str, Callable[[TrustView], str]] = {"json": to_json, "csv": to_csv}
#: The format an output file's suffix names, when no --format is given.
SUFFIXES = {".json": "json", ".csv": "csv"}


# ---- Related CSV tables --------------------------------------------------------------------

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
}


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
    }
    return {name: _csv(columns, rows[name]) for name, columns in TABLES.items()}


def _academy_rows(view: TrustView) -> Iterator[list[str]]:
    for a in view.academies:
        yield [
            view.cycle,
            a.id,
            a.name,
            a.phase or "",
            a.state,
            _date(a.review_date),
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
            _number(area.trust_score),
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
            _number(rating_score(view, position)),
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
            _number(a.position),
            _number(a.score),
            _date(a.academy.review_date),
            a.not_applicable or "",
            a.strengths,
            a.areas_for_development,
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
                _number(area.scores.get(academy.id)),
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
            _date(action.due),
            action.priority or "",
            action.status,
            _flag(action.overdue),
            "; ".join(action.statements),
            action.success_criteria,
            _date(dates.get(action.academy)),
        ]


def write_tables(view: TrustView, folder: Path, *, force: bool = False) -> list[Path]:
    """Write :data:`TABLES` into ``folder`` (made if need be) and return the files written.

    Checks every file before writing any, so a refusal leaves the folder as it was; without
    ``force`` no existing file is replaced. Each file goes through the one atomic writer.
    """
    from sendreview.errors import RefusedError, UsageError
    from sendreview.files import check_replaceable, write_atomic

    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"'{folder}' is a file, and the tables need a folder.",
            "Give a folder with -o, for example -o exports; it is made if need be.",
        )
    targets = {name: folder / name for name in TABLES}
    existing = [name for name, path in targets.items() if path.exists() or path.is_symlink()]
    if existing and not force:
        raise RefusedError(
            f"'{folder}' already holds {', '.join(existing)}.",
            "Choose another folder with -o, or add --force to replace these files.",
        )
    for path in targets.values():  # a device, FIFO or outside link among them: write none
        check_replaceable(path)
    for name, text in to_tables(view).items():
        write_atomic(targets[name], text.encode("utf-8"), overwrite=force)
    return list(targets.values())


FOLDER_FORMATS: dict[str, Callable[..., list[Path]]] = {"csv-tables": write_tables}
