"""The domain model: frameworks, trusts and reviews, in pydantic, used everywhere."""

from sendreview.models.framework import Area, Framework, RatingLevel, Reference, Statement
from sendreview.models.review import Action, ActionPlan, Response, Review
from sendreview.models.trust import Academy, Trust

__all__ = [
    "Academy",
    "Action",
    "ActionPlan",
    "Area",
    "Framework",
    "RatingLevel",
    "Reference",
    "Response",
    "Review",
    "Statement",
    "Trust",
]
