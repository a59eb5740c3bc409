"""Which trust, framework, cycle and academy a workbook is the form for.

The writer puts this in a hidden sheet; here it is found again by its content (the sheet
may have been renamed or moved) and checked before any answer is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sendreview.forms.layout import FORMAT, FORMAT_VERSION, META_KEYS, META_STATEMENT
from sendreview.forms.opening import Grid, WorkbookError
from sendreview.forms.values import clean_text
from sendreview.models.base import SLUG_PATTERN
from sendreview.prose import excerpt

_NOT_A_FORM_HINT = (
    "Import the workbook that 'sendreview form' made, with the answers typed "
    "into it. If the answers were copied into another workbook, copy them back "
    "into the form."
)


@dataclass(frozen=True)
class FormMeta:
    trust: str
    framework: str
    framework_version: str
    cycle: str
    academy: str | None
    subject_name: str
    #: (statement id, area id) for every statement the form was written with.
    statements: tuple[tuple[str, str], ...]
    #: The sheet that holds this, which the reader leaves out.
    sheet: str


def read_meta(grids: Sequence[Grid], display: str) -> FormMeta:
    for grid in grids:
        values, statements = _scan(grid)
        if values.get("format") == FORMAT:
            return _meta(values, statements, grid.title, display)
    raise WorkbookError(
        f"'{display}' is not a sendreview form (it has no form details).", _NOT_A_FORM_HINT
    )


def _scan(grid: Grid) -> tuple[dict[str, str], list[tuple[str, str]]]:
    values: dict[str, str] = {}
    statements = []
    for row in grid.rows():
        key = clean_text(grid.value(row, 1))
        if key in META_KEYS:
            values[key] = clean_text(grid.value(row, 2))
        elif key == META_STATEMENT:
            statements.append((clean_text(grid.value(row, 2)), clean_text(grid.value(row, 3))))
    return values, statements


def _meta(
    values: dict[str, str], statements: list[tuple[str, str]], sheet: str, display: str
) -> FormMeta:
    version = values.get("format_version", "")
    if not version.isdigit():
        raise WorkbookError(
            f"The form details in '{display}' have been changed "
            f"(format version '{excerpt(version)}').",
            _NOT_A_FORM_HINT,
        )
    if int(version) > FORMAT_VERSION:
        raise WorkbookError(
            f"'{display}' was made by a newer version of sendreview "
            f"({values.get('written_by', 'unknown')}).",
            "Upgrade sendreview (pip install --upgrade sendreview), then import it again.",
        )
    for key in ("framework", "cycle"):
        if not re.fullmatch(SLUG_PATTERN, values.get(key, "")):
            raise WorkbookError(
                f"The form details in '{display}' have been changed ({key} "
                f"'{excerpt(values.get(key, ''))}').",
                _NOT_A_FORM_HINT,
            )
    academy = values.get("academy") or None
    if academy is not None and not re.fullmatch(SLUG_PATTERN, academy):
        raise WorkbookError(
            f"The form details in '{display}' have been changed (academy '{excerpt(academy)}').",
            _NOT_A_FORM_HINT,
        )
    return FormMeta(
        trust=values.get("trust", ""),
        framework=values["framework"],
        framework_version=values.get("framework_version", ""),
        cycle=values["cycle"],
        academy=academy,
        subject_name=values.get("academy_name", "") or (academy or "the trust"),
        statements=tuple(statements),
        sheet=sheet,
    )
