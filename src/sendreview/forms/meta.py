"""Which trust, framework, cycle and academy a workbook is the form for.

The writer puts this in a hidden sheet; here it is found again by its content (the sheet
may have been renamed or moved) and checked before any answer is read.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sendreview.forms.layout import (
    FORMAT,
    META_KEYS,
    META_STATEMENT,
    MODERATION_FORMAT_VERSION,
    MODERATION_KIND,
    REVIEW_KIND,
)
from sendreview.forms.opening import Grid, WorkbookError
from sendreview.forms.values import clean_text
from sendreview.model.base import SLUG_PATTERN
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
    #: Which form this is (a new id each time one is written); empty for an older form.
    form_id: str = ""
    #: A digest of each answer the form was pre-filled with, by answer path
    #: (:func:`answer_digests`); empty for a form written before forms remembered them.
    base: dict[str, str] = field(default_factory=dict)
    #: What the form is for: ``review`` (an academy's own answers) or ``moderation``.
    kind: str = REVIEW_KIND


#: Rows of the hidden sheet that say what the form was pre-filled with: the key in column A,
#: an answer's path in B and the digest of its value in C. Digests, not the answers
#: themselves: an import only needs to know whether an answer changed, and a hidden copy of
#: the SENCO's text would be one more place for it to be read or go stale.
META_BASE = "base"
META_FORM_ID = "form_id"
_DIGEST = re.compile(r"[0-9a-f]{16}")
_FORM_ID = re.compile(r"[0-9a-f]{32}")


def digest(value: Any) -> str:
    """A short fingerprint of one canonical answer (see :func:`answer_values`)."""
    text = json.dumps(value, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def answer_digests(values: dict[str, Any]) -> dict[str, str]:
    return {path: digest(value) for path, value in values.items()}


def base_rows(form_id: str, values: dict[str, Any]) -> Iterator[tuple[str, ...]]:
    """The hidden rows a form is written with so that an import can tell who changed what."""
    yield (META_FORM_ID, form_id)
    for path, value in answer_digests(values).items():
        yield (META_BASE, path, value)


def read_meta(grids: Sequence[Grid], display: str) -> FormMeta:
    for grid in grids:
        values, statements = _scan(grid)
        if values.get("format") == FORMAT:
            meta = _meta(values, statements, grid.title, display)
            form_id, base = _scan_base(grid)
            return replace(meta, form_id=form_id, base=base)
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


def _scan_base(grid: Grid) -> tuple[str, dict[str, str]]:
    """The form's id and base digests. Read leniently: a row someone has changed is left
    out, and the import then treats that answer as a form without a base would."""
    form_id = ""
    base: dict[str, str] = {}
    for row in grid.rows():
        key = clean_text(grid.value(row, 1))
        if key == META_FORM_ID:
            found = clean_text(grid.value(row, 2))
            form_id = found if _FORM_ID.fullmatch(found) else ""
        elif key == META_BASE:
            path, value = clean_text(grid.value(row, 2)), clean_text(grid.value(row, 3))
            if path and _DIGEST.fullmatch(value):
                base[path] = value
    return (form_id, base) if form_id and base else ("", {})


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
    kind = values.get("kind") or REVIEW_KIND
    if int(version) > MODERATION_FORMAT_VERSION or kind not in (REVIEW_KIND, MODERATION_KIND):
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
        kind=kind,
    )
