"""The executive summary: what a trust's review found, in a few sentences a trustee reads
before (or instead of) the tables."""

from __future__ import annotations

from sendreview.render.reports.shapes import Report


def executive_summary(report: Report) -> list[str]:
    """Three to six sentences from the report's own figures, the same words for the same files."""
    return []
