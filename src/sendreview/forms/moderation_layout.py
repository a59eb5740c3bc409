"""The layout of a moderation form, shared by its writer and its reader.

A moderator (an external reviewer, the trust's SEND lead or a peer SENCO) sees, per area, each
statement with the academy's own rating, strengths and areas for development, locked and
greyed, and beside them two open cells: their own rating and a comment. The first sheet holds
who moderated, when, and their summary. As in a review form (:mod:`~sendreview.forms.layout`),
tables are found again by their headings and answers by their labels, never by place.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendreview.excel.columns import Column
from sendreview.forms.layout import Detail
from sendreview.forms.values import Choice, reflow
from sendreview.model import Framework, Response, Trust
from sendreview.model.moderation import ModeratedResponse

#: The first sheet: instructions, and who moderated.
MODERATION_SHEET = "Moderation"

#: Columns that tell the reader it has found a moderation table.
MODERATION_KEYS = ("ref", "rating")


def moderation_columns(framework: Framework) -> list[Column]:
    """An area sheet's columns: the academy's answers (locked), then the moderator's.

    Widths add up to at most 145, as a review form's do, so a sheet prints at 9 point or more
    fitted to landscape A4.
    """
    labels = framework.labels
    return [
        Column("Ref", 12, key="ref"),
        Column("Statement", 30, key="statement"),
        Column("Academy's rating", 10, key="self_rating"),
        Column(f"Academy's {labels.strengths.lower()}", 25, key="self_strengths"),
        Column(f"Academy's {labels.areas_for_development.lower()}", 25, key="self_development"),
        Column("Your rating", 11, key="rating", answer=True),
        Column("Your comment", 31, key="comment", answer=True),
    ]


@dataclass(frozen=True)
class ModeratorDetail(Detail):
    """A moderation-level answer beside its label on the first sheet; ``path``: where it
    lives in the moderation file (``moderator.role``, ``date``)."""

    path: tuple[str, ...] = ()


MODERATOR_DETAILS = [
    ModeratorDetail("role", "Your role", ("moderator", "role")),
    ModeratorDetail("name", "Your name (if your trust records it)", ("moderator", "name")),
    ModeratorDetail(
        "academy", "Your academy (a peer SENCO's own school)", ("moderator", "academy")
    ),
    ModeratorDetail("date", "Date of the moderation", ("date",)),
    ModeratorDetail("summary", "Your summary of the review", ("summary",)),
]


def self_rating_text(response: Response | None, framework: Framework) -> str:
    """The academy's own answer to a statement in a word or two: its rating's label, or
    'Not applicable' with the reason given."""
    if response is None:
        return ""
    if response.is_not_applicable:
        reason = response.not_applicable
        return "Not applicable" + (f": {reflow(reason)}" if isinstance(reason, str) else "")
    level = framework.rating(response.rating) if response.rating else None
    return level.label if level else (response.rating or "")


def moderation_cells(
    statement_id: str,
    text: str,
    own: Response | None,
    moderated: ModeratedResponse | None,
    framework: Framework,
) -> dict[str, object]:
    """What each column of a statement's row shows."""
    moderated = moderated or ModeratedResponse()
    level = framework.rating(moderated.rating) if moderated.rating else None
    return {
        "ref": statement_id,
        "statement": text,
        "self_rating": self_rating_text(own, framework),
        "self_strengths": reflow(own.strengths) if own else "",
        "self_development": reflow(own.areas_for_development) if own else "",
        "rating": level.label if level else (moderated.rating or ""),
        "comment": reflow(moderated.comment),
    }


def peer_choices(trust: Trust, academy: str) -> list[Choice]:
    """The academies a peer SENCO may come from: every academy but the one moderated."""
    return [Choice(a.id, a.name) for a in trust.academies if a.id != academy]
