"""Two cycles compared, as data for other tools: JSON for scripts and a tidy CSV for Excel.

Both are public interfaces: keys and columns are added, never renamed. The JSON writes the
model's ``from_`` fields as ``from``. The CSV is written like the trust view's
(:mod:`sendreview.render.trust_view_data`): UTF-8 with a byte order mark, text exactly as the
files hold it, with CSV quoting only.
"""

from __future__ import annotations

from collections.abc import Iterator

from sendreview.model.comparison import CycleComparison
from sendreview.render.trust_view_data import csv_text

CSV_COLUMNS = [
    "academy",
    "academy_name",
    "area",
    "statement",
    "from",
    "to",
    "direction",
    # Added beside the columns: keep at the end, in this order.
    "from_cycle",
    "to_cycle",
    "statement_in",
]


def to_json(comparison: CycleComparison) -> str:
    return comparison.model_dump_json(by_alias=True, indent=2) + "\n"


def to_csv(comparison: CycleComparison) -> str:
    """One row per academy and statement, academy by academy in the framework's order."""
    return csv_text(CSV_COLUMNS, _rows(comparison))


def _rows(comparison: CycleComparison) -> Iterator[list[str]]:
    for academy in comparison.academies:
        for statement in comparison.statements:
            change = statement.changes.get(academy.id)
            if change is None:
                continue
            yield [
                academy.id,
                academy.name,
                statement.area,
                statement.id,
                change.from_ or "",
                change.to or "",
                change.direction,
                comparison.from_,
                comparison.to,
                statement.cycles,
            ]
