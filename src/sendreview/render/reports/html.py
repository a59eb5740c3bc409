"""The HTML report: one self-contained page a director of SEND can print for the board.

Drawn from ``trust.html.j2`` (or ``academy.html.j2`` with ``--academy``) in the templates
folder. Styles and charts are inline (CSS and SVG), so the file needs no network and no
script; ratings always carry their letter or label, never colour alone.
"""

from __future__ import annotations

from sendreview.render.reports import ReportRequest
from sendreview.render.reports.templating import render, tidy


def write(request: ReportRequest) -> bytes:
    return tidy(render(request, "html")).encode("utf-8")
