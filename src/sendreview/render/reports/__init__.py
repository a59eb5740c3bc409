"""Report formats, registered by name; each turns a :class:`TrustView` into a file's bytes.

A format's module is imported only when that format is asked for, so writing Markdown never
pays for openpyxl. The ``--format`` choices of ``sendreview report`` are this registry's keys.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sendreview.model.trust_view import TrustView


@dataclass(frozen=True)
class ReportRequest:
    """``academy``: one academy's report instead of the trust's. ``templates``: a folder
    with the trust's own copies of the report templates, used before the built-in ones."""

    view: TrustView
    academy: str | None = None
    templates: Path | None = None


Writer = Callable[[ReportRequest], bytes]


@dataclass(frozen=True)
class ReportFormat:
    name: str
    suffix: str
    description: str
    target: str  # "module:function", imported on first use

    def writer(self) -> Writer:
        module, function = self.target.split(":")
        return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


FORMATS: dict[str, ReportFormat] = {
    f.name: f
    for f in (
        ReportFormat(
            "md", ".md", "Markdown, for GitHub", "sendreview.render.reports.markdown:write"
        ),
        ReportFormat(
            "html",
            ".html",
            "one self-contained, printable web page",
            "sendreview.render.reports.html:write",
        ),
        ReportFormat("xlsx", ".xlsx", "an Excel workbook", "sendreview.render.reports.xlsx:write"),
    )
}


def render(name: str, request: ReportRequest) -> bytes:
    return FORMATS[name].writer()(request)


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
    view = request.view
    return (
        safe_filename("send-review", view.trust, view.cycle, request.academy or "")
        + FORMATS[name].suffix
    )
