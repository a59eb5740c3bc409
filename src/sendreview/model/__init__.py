"""The domain model: frameworks, trusts and reviews, in pydantic, used everywhere."""

from sendreview.model.framework import Area, Framework, RatingLevel, Reference, Statement
from sendreview.model.review import Action, ActionPlan, Response, Review
from sendreview.model.trust import Academy, Trust

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
