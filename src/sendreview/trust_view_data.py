"""The trust view as data for other tools: JSON for scripts and Power BI, CSV for Excel.

Both are public interfaces: columns and keys are added, never renamed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendreview.models.view import TrustView

from sendreview.prose import unwrap

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
]


def to_json(view: TrustView) -> str:
    return view.model_dump_json(indent=2) + "\n"


def to_csv(view: TrustView) -> str:
    """One row per academy and statement, the tidy shape Power BI and pivot tables want.

    Starts with a byte order mark so Excel reads it as UTF-8 (accents, curly quotes), and
    guards every text cell against being read as a formula.
    """
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    areas = {a.id: a.title for a in view.areas}
    for academy in view.academies:
        for row in view.statements:
            rating = row.ratings.get(academy.id)
            writer.writerow(
                [
                    _cell(v)
                    for v in (
                        view.trust,
                        view.cycle,
                        academy.id,
                        academy.name,
                        academy.phase or "",
                        academy.state,
                        row.area,
                        areas[row.area],
                        row.id,
                        row.text,
                        rating or "",
                        view.label(rating) if rating else "",
                        row.not_applicable.get(academy.id, ""),
                        unwrap(row.strengths.get(academy.id, "")),
                        unwrap(row.areas_for_development.get(academy.id, "")),
                        "; ".join(row.evidence.get(academy.id, [])),
                    )
                ]
            )
    return out.getvalue()


def _cell(value: str) -> str:
    """Text that Excel would run as a formula (=, +, -, @) gets a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


FORMATS: dict[str, Callable[[TrustView], str]] = {"json": to_json, "csv": to_csv}
