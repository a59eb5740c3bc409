"""Reports: each format turns a :class:`ReportRequest` into a file's bytes.

The formats (``md``, ``html``, ``xlsx``) are listed in :mod:`sendreview.render.registry`, which
imports a format's module only when that format is asked for, so writing Markdown never pays
for openpyxl.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sendreview.render.registry import Renders, get

if TYPE_CHECKING:
    from sendreview.model.comparison import CycleComparison, Trend
    from sendreview.model.trust_view import TrustView


@dataclass(frozen=True)
class ReportRequest:
    """``academy``: one academy's report instead of the trust's. ``templates``: a folder
    with the trust's own copies of the report templates, used before the built-in ones.
    ``comparison``: this cycle against the one before, for the "Since last review" section
    (None when there is no earlier cycle); ``trend``: every cycle, for the "Trend" section
    (shown from three cycles on). ``suppress_below``: see :mod:`.need_profile`."""

    view: TrustView
    academy: str | None = None
    templates: Path | None = None
    comparison: CycleComparison | None = None
    trend: Trend | None = None
    #: counts of pupils from 1 to one less than this are withheld (None: nothing is)
    suppress_below: int | None = 5


def render(name: str, request: ReportRequest) -> bytes:
    """The report in format ``name`` (see :mod:`sendreview.render.registry`)."""
    data: bytes = get(Renders.REPORT, name).function()(request)
    return data


def safe_filename(*parts: str) -> str:
    """A file name built from user text that cannot leave its folder or upset Windows.

    Separators, dots at the start, control and reserved characters are all removed, so an
    academy id like ``../../etc`` becomes ``etc``.
    """
    text = "-".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._-]+", "-", text)
    text = re.sub(r"\.{2,}", "", text)  # no '..' left to climb out of a folder with
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    return text[:120] or "report"


def default_output(request: ReportRequest, name: str) -> str:
    """The file a report goes to when no -o is given: from the trust, cycle and academy."""
    view = request.view
    return (
        safe_filename("send-review", view.trust, view.cycle, request.academy or "")
        + get(Renders.REPORT, name).suffix
    )
