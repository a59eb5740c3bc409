"""Moderation: a second view of an academy's self-assessment, and how far the two agree.

An academy rates itself; an external reviewer (an NLE or SLE), the trust's SEND lead or a peer
SENCO from another academy then moderates. The moderator's ratings live in a file of their
own beside the review (``reviews/<cycle>/moderation/<academy>.yaml``), so the academy's own
answers are never touched, and a trust can always show both.

:class:`Moderation` is that file. The view models below it are what the trust view carries
(``aggregate --format json`` prints them under ``moderation`` and ``moderation_summary``):
their field names are a public interface, so add fields, do not rename them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field

from sendreview.model.base import Model, Slug, Text, ViewModel
from sendreview.model.review import OptionalDate, OptionalText, _blank_responses, _blank_to_none
from sendreview.model.review import _rating as _read_rating

#: Which way an academy's self-assessment runs against its moderator's.
Leaning = Literal["generous", "harsh", "balanced"]


class Moderator(Model):
    """Who moderated: their role (such as "External reviewer (NLE)", "Trust SEND lead" or
    "Peer SENCO"), their name if the trust records it, and for a peer SENCO the id of the
    academy they come from."""

    role: Text = ""
    name: OptionalText = None
    academy: Annotated[Slug | None, BeforeValidator(_blank_to_none)] = None


class ModeratedResponse(Model):
    """The moderator's rating of one statement, on the framework's scale, and a comment
    (most useful where the rating differs from the academy's own)."""

    # Read as a review's rating is ('Amber ' is amber); a blank rating is not moderated yet.
    rating: Annotated[str | None, BeforeValidator(_read_rating)] = None
    comment: Text = ""


class Moderation(Model):
    """A moderator's view of one academy's review for a cycle."""

    framework: Slug
    framework_version: OptionalText = None
    cycle: Slug
    academy: Slug
    moderator: Moderator = Field(default_factory=Moderator)
    date: OptionalDate = None
    #: the moderator's overall summary of the review
    summary: Text = ""
    responses: Annotated[dict[str, ModeratedResponse], BeforeValidator(_blank_responses)] = Field(
        default_factory=dict
    )


# --- What the trust view carries ------------------------------------------------------------


class Disagreement(ViewModel):
    """One statement the academy and its moderator rated differently."""

    statement: str
    area: str
    #: the academy's own rating and the moderator's (rating ids of the scale)
    self: str
    moderated: str
    comment: str = ""
    #: points of the scale between the two: positive where the academy rated itself higher
    steps: int = 0


class Agreement(ViewModel):
    """How far self and moderated ratings agree, over the statements both rated on the scale.

    ``higher``: statements the academy rated above its moderator; ``lower``: below.
    ``kappa``: weighted kappa (quadratic weights over the scale's order), None where it
    would mean nothing, with ``kappa_note`` saying why (too few statements compared, or
    every rating the same so that chance agreement is total).
    """

    compared: int = 0
    agreed: int = 0
    #: agreed / compared, from 0 to 1 (None when nothing could be compared)
    agreement: float | None = None
    higher: int = 0
    lower: int = 0
    kappa: float | None = None
    kappa_note: str = ""
    leaning: Leaning = "balanced"


class AcademyModeration(Agreement):
    """One academy's moderation: who, when, the agreement and every disagreement."""

    moderator: Moderator
    date: dt.date | None = None
    file: str | None = None
    summary: str = ""
    #: statements moderated (a rating given), whether or not the academy rated them; named
    #: apart from the responses' ``moderated`` (true or false) in the same JSON
    statements_moderated: int = 0
    #: statement id -> the moderator's rating, for every statement moderated on the scale
    ratings: dict[str, str] = Field(default_factory=dict)
    #: statement id -> the moderator's comment, where one was written
    comments: dict[str, str] = Field(default_factory=dict)
    disagreements: list[Disagreement] = Field(default_factory=list)


class ContestedStatement(ViewModel):
    """A statement moderators disagreed with academies on, across the trust."""

    statement: str
    area: str
    text: str
    compared: int
    disagreed: int
    #: academy ids where self and moderated ratings differ
    academies: list[str] = Field(default_factory=list)


class ModerationSummary(Agreement):
    """Agreement across every moderated academy, and the statements disagreed on most."""

    academies: int = 0
    statements: list[ContestedStatement] = Field(default_factory=list)


class ModerationPair(ViewModel):
    """A peer SENCO who could moderate another academy: from an academy strong where the
    other is weak (the trust view's peer-support pairs, grouped by the two academies)."""

    moderator_academy: str
    academy: str
    statements: list[str]
