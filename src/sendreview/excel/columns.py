"""A column of a table in a workbook: one shape for the report's sheets and the forms' tables."""

from __future__ import annotations

from dataclasses import dataclass

#: The report's named style for wrapped text and for headings: a column's defaults.
WRAPPED = "SEND wrapped text"
HEADING = "SEND heading"


@dataclass(frozen=True)
class Column:
    """A column: its heading and its width in Excel's units (one "0" of the default font).

    ``key``: the field of a review the column holds, where a reader must find it again (the
    forms). ``answer``: a form's cell a person types into, unlocked and bordered. ``style``
    and ``heading_style``: the report's named cell styles. ``hidden``: folded away behind
    Excel's outline button (+) until someone opens it.
    """

    heading: str
    width: float
    style: str = WRAPPED
    hidden: bool = False
    heading_style: str = HEADING
    key: str = ""
    answer: bool = False
