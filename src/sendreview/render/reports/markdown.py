"""The Markdown report, for a trust's GitHub repository: tables and headings GitHub renders.

Drawn from ``trust.md.j2`` (or ``academy.md.j2`` with ``--academy``) in the templates folder.
"""

from __future__ import annotations

from sendreview.render.reports import ReportRequest
from sendreview.render.reports.templating import render, tidy


def write(request: ReportRequest) -> bytes:
    return tidy(render(request, "md")).encode("utf-8")
