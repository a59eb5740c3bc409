"""Choices the command line offers and the library takes, kept apart from the models.

The command line builds its options (and ``sendreview --help``) from these before any
command runs; importing them from :mod:`sendreview.model` would load pydantic and every model
first, and double the time ``--help`` takes.
"""

from __future__ import annotations

from typing import Literal

#: Which ratings the trust view counts: the moderator's where a statement was moderated
#: (the default), or the academy's own throughout.
RatingsInUse = Literal["moderated", "self"]
RATINGS_IN_USE: tuple[RatingsInUse, ...] = ("moderated", "self")
