"""A three-way import: who changed each answer, the SENCO in the form or someone in the YAML?

A form remembers a digest of every answer it was pre-filled with (its *base*, in the hidden
sheet; :mod:`sendreview.forms.meta`). An answer changed only in the form is taken; one
changed only in the YAML since the form was written is kept; one changed on both sides,
differently, is a conflict for the person importing to settle (``--force``: the form wins;
``--keep-ours``: the YAML wins).

After an import, what it took from the form (and what it saw there) is remembered by form id
beside the review, in ``reviews/<cycle>/.imports/<academy>.json`` (:func:`_record`). A later
version of the same form (the SENCO carried on and sent it again) is then compared with what
the last import saw and left, not with the form's first base, so only answers someone has
changed in the YAML since then can conflict. A hidden JSON file rather than a key in the
review: the review stays the SENCOs' and the schema's, a person never has to read or merge
it, and deleting it only costs a later version of a form some conflicts to settle by hand.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, Generic

from sendreview.errors import SendReviewError
from sendreview.files import read_regular
from sendreview.forms.compare import Change, Doc, Kind
from sendreview.forms.meta import FormMeta, digest
from sendreview.model import Framework
from sendreview.repository.layout import IMPORTS_DIR

RECORD_FORMAT = "sendreview-import-record"
#: Forms remembered per review; the oldest are forgotten first.
RECORD_LIMIT = 20
#: A record bigger than this is not a record sendreview wrote: it is ignored.
_RECORD_MAX_BYTES = 2_000_000


class OnConflict(Enum):
    """What to do with an answer changed differently in the form and in the YAML."""

    REFUSE = "refuse"
    FORM = "form"  # --force
    OURS = "ours"  # --keep-ours


@dataclass
class Merge(Generic[Doc]):
    """The review (or moderation) to write, and how each differing answer was settled."""

    review: Doc
    taken: list[Change] = field(default_factory=list)
    #: Changed only in the YAML since the form was written: kept.
    kept: list[Change] = field(default_factory=list)
    #: Changed on both sides (``old``: the YAML's value, ``new``: the form's).
    conflicts: list[Change] = field(default_factory=list)
    #: The form has no base (written by an older sendreview): every answer it would
    #: replace counts as a conflict, as before.
    without_base: bool = False
    #: Digests to remember for this form once the import is written (:func:`_record`).
    record: dict[str, dict[str, str]] = field(default_factory=dict)


def merge(
    form: Doc,
    yaml: Doc | None,
    framework: Framework,
    meta: FormMeta,
    previous: dict[str, dict[str, str]] | None,
    on_conflict: OnConflict,
    kind: Kind[Doc],
) -> Merge[Doc]:
    """Settle every answer that differs between the form and the YAML (``None``: no file).

    ``kind`` says how to read the answers of the file the form fills in: a review
    (:data:`~sendreview.forms.compare.REVIEW_ANSWERS`) or a moderation."""
    form_values = kind.values(form, framework)
    yaml_values = kind.values(yaml, framework)
    result = Merge(form, without_base=yaml is not None and not meta.base)
    for change in kind.changes(yaml, form, framework):
        path = ".".join(change.path)
        if yaml is None:
            result.taken.append(change)
            continue
        # Each side is measured from the answer the form was pre-filled with, or from what
        # this form's last import saw in the form and left in the review.
        form_base = (previous or {}).get("form", {}).get(path) or meta.base.get(path)
        yaml_base = (previous or {}).get("yaml", {}).get(path) or meta.base.get(path)
        if form_base is None or yaml_base is None:
            conflict = change.replaces
        else:
            if digest(form_values[path]) == form_base:
                result.kept.append(change)  # the SENCO left it; someone changed the YAML
                result.review = kind.take(result.review, yaml, change.path)
                continue
            conflict = digest(yaml_values[path]) != yaml_base
        if not conflict:
            result.taken.append(change)
        elif on_conflict is OnConflict.FORM:
            result.conflicts.append(change)
            result.taken.append(change)
        else:
            result.conflicts.append(change)
            result.review = kind.take(result.review, yaml, change.path)
    if meta.form_id:
        merged = kind.values(result.review, framework)
        result.record = _record(form_values, merged, result, meta, previous or {})
    return result


def _record(
    form_values: dict[str, Any],
    merged: dict[str, Any],
    result: Merge[Any],
    meta: FormMeta,
    previous: dict[str, dict[str, str]],
) -> dict[str, dict[str, str]]:
    """What to remember of this form, by digest: under ``form``, each answer of the form
    that this import has dealt with (so the same value is not a change next time); under
    ``yaml``, each answer the review now holds as the form has it. An answer kept as the
    review has it is not remembered on the review's side, so the review's own change still
    counts as one, and a later version of the form that changes it again is a conflict."""
    record = {side: dict(previous.get(side, {})) for side in ("form", "yaml")}
    settled = {".".join(c.path) for c in result.conflicts}
    for path, value in form_values.items():
        now = digest(value)
        if now == (record["form"].get(path) or meta.base.get(path)):
            continue  # the SENCO did not change it
        if merged[path] == value:
            record["form"][path] = record["yaml"][path] = now
        elif path in settled:  # --keep-ours: the form's value was seen and declined
            record["form"][path] = now
    return record if record["form"] else {}


# ---- the record of what each form's import took -------------------------------------------


def record_path(review_file: Path) -> Path:
    return review_file.parent / IMPORTS_DIR / (review_file.stem + ".json")


def read_record(review_file: Path) -> tuple[dict[str, Any], str | None]:
    """The forms remembered for a review, by form id; a record that cannot be read is
    treated as no record (with a note saying so), never as a reason to refuse."""
    path = record_path(review_file)
    if not os.path.lexists(path):
        return {}, None
    note = (
        f"{path.name} in {IMPORTS_DIR} could not be read, so earlier imports of this "
        "form are not taken into account. It is safe to delete."
    )
    try:
        # A record sendreview wrote is never a link: refuse one even inside the repository.
        if path.is_symlink() or path.parent.is_symlink():
            return {}, note
        data = json.loads(read_regular(path, str(path), _RECORD_MAX_BYTES).decode("utf-8"))
    except (SendReviewError, OSError, UnicodeDecodeError, ValueError):
        return {}, note
    if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
        return {}, note
    forms = data.get("forms")
    if not isinstance(forms, dict):
        return {}, note
    return {k: v for k, v in forms.items() if _valid_entry(v)}, None


def _valid_entry(entry: Any) -> bool:
    return isinstance(entry, dict) and all(
        isinstance(entry.get(side), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in entry[side].items())
        for side in ("form", "yaml")
    )


def record_text(forms: dict[str, Any], form_id: str, entry: dict[str, dict[str, str]]) -> str:
    """The record with this form's entry put last (most recent); the oldest forgotten."""
    kept = {k: v for k, v in forms.items() if k != form_id}
    kept[form_id] = entry
    recent = dict(list(kept.items())[-RECORD_LIMIT:])
    data = {"format": RECORD_FORMAT, "version": 1, "forms": recent}
    return json.dumps(data, indent=1) + "\n"
