"""What importing a moderation form would change in the moderation file, answer by answer.

The moderation file's counterpart of :mod:`~sendreview.forms.compare`: each answer (the
moderator's role, name and academy, the date, the summary, each statement's rating and
comment) is one unit that the three-way import (:mod:`~sendreview.forms.merge`) compares,
takes or keeps on its own, with texts compared exactly as written after the same tidying.
"""

from __future__ import annotations

from typing import Any

from sendreview.forms.compare import Change, DataPath, Kind, show_value
from sendreview.forms.values import reflow
from sendreview.model import Framework
from sendreview.model.moderation import ModeratedResponse, Moderation

_DETAILS: tuple[DataPath, ...] = (
    ("moderator", "role"),
    ("moderator", "name"),
    ("moderator", "academy"),
    ("date",),
    ("summary",),
)
_FIELDS = {"role": "role", "name": "name", "academy": "peer academy", "date": "date"}


def blank_moderation(
    framework: Framework, cycle: str = "none", academy: str = "none"
) -> Moderation:
    return Moderation(
        framework=framework.id,
        framework_version=framework.version,
        cycle=cycle,
        academy=academy,
    )


def moderation_values(moderation: Moderation | None, framework: Framework) -> dict[str, Any]:
    """Every answer of a moderation as a reader sees it, by dotted path."""
    moderation = moderation or blank_moderation(framework)
    moderator = moderation.moderator
    values: dict[str, Any] = {
        "moderator.role": reflow(moderator.role),
        "moderator.name": reflow(moderator.name or ""),
        "moderator.academy": moderator.academy or "",
        "date": moderation.date,
        "summary": reflow(moderation.summary),
    }
    for statement in framework.statements():
        response = moderation.responses.get(statement.id) or ModeratedResponse()
        values[f"responses.{statement.id}.rating"] = response.rating
        values[f"responses.{statement.id}.comment"] = reflow(response.comment)
    return values


def moderation_changes(
    old: Moderation | None, new: Moderation, framework: Framework
) -> list[Change]:
    """Every answer of ``new`` that reads differently from ``old``, in the form's order."""
    before = moderation_values(old, framework)
    after = moderation_values(new, framework)
    found = [
        _change(path, "About this moderation", _FIELDS.get(path[-1], path[-1]), before, after)
        for path in _DETAILS
    ]
    for statement in framework.statements():
        heading = f"{statement.id}: {statement.text}"
        for key, label in (("rating", "moderated rating"), ("comment", "moderator's comment")):
            found.append(_change(("responses", statement.id, key), heading, label, before, after))
    return [
        _shown(change, framework) if change.path[-1] == "rating" else change
        for change in found
        if change is not None
    ]


def _change(
    path: DataPath, heading: str, field: str, before: dict[str, Any], after: dict[str, Any]
) -> Change | None:
    key = ".".join(path)
    old, new = before[key], after[key]
    if old == new:
        return None
    return Change(path, heading, field, show_value(old), show_value(new), old not in (None, ""))


def _shown(change: Change, framework: Framework) -> Change:
    """A rating change shows the scale's labels, as the form does."""

    def label(rating: str) -> str:
        level = framework.rating(rating) if rating else None
        return level.label if level else rating

    return Change(
        change.path,
        change.heading,
        change.field,
        label(change.old),
        label(change.new),
        change.replaces,
    )


def take_moderation(target: Moderation, source: Moderation, path: DataPath) -> Moderation:
    """``target`` with the one answer at ``path`` taken from ``source``."""
    if path[0] == "moderator":
        moderator = target.moderator.model_copy(
            update={path[1]: getattr(source.moderator, path[1])}
        )
        return target.model_copy(update={"moderator": moderator})
    if len(path) == 1:
        return target.model_copy(update={path[0]: getattr(source, path[0])})
    _, statement_id, key = path
    src = source.responses.get(statement_id) or ModeratedResponse()
    dst = target.responses.get(statement_id) or ModeratedResponse()
    new = dst.model_copy(update={key: getattr(src, key)})
    return target.model_copy(update={"responses": {**target.responses, statement_id: new}})


#: How the three-way import reads, compares and takes a moderation's answers.
MODERATION_ANSWERS: Kind[Moderation] = Kind(moderation_values, moderation_changes, take_moderation)
