"""Every output format sendreview writes, in one registry: what it renders, its name, its file
suffix, a line saying what it is for, and the function that writes it (imported on first use).

The CLI's ``--format`` choices and their help, and the format an ``-o NAME.suffix`` chooses,
all come from here, so adding a format (a Word report, say) means adding one entry and one
function, never a branch in a command. Nothing here imports a format's code: ``sendreview
--help`` and ``validate`` never pay for openpyxl or jinja2.

What a format's function takes follows from :attr:`Format.renders`, and what it gives back
from :attr:`Format.writes`:

==============  ===============================================================
renders         the function is called with
==============  ===============================================================
``problems``    a :class:`~sendreview.diagnostics.Report` (``changed_first=``)
``trust-view``  a :class:`~sendreview.model.trust_view.TrustView`
``report``      a :class:`~sendreview.render.reports.ReportRequest`
``frameworks``  a list of :class:`~sendreview.model.Framework`
``framework``   one :class:`~sendreview.model.Framework`
``comparison``  a :class:`~sendreview.model.comparison.CycleComparison`
``national``    a :class:`~sendreview.model.national.NationalInUse`
==============  ===============================================================

==============  ===============================================================
writes          the function returns
==============  ===============================================================
``text``        ``str``, for standard output or a UTF-8 file
``bytes``       ``bytes``, for a file or standard output
``files``       ``dict[str, str]``: file name to text, for a folder
``terminal``    nothing: it prints to the terminal (rich), and cannot go to a file
==============  ===============================================================
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sendreview.prose import join_words


class Renders(StrEnum):
    """What a format renders."""

    PROBLEMS = "problems"
    TRUST_VIEW = "trust-view"
    REPORT = "report"
    FRAMEWORKS = "frameworks"
    FRAMEWORK = "framework"
    COMPARISON = "comparison"
    NATIONAL = "national"


class Writes(StrEnum):
    """What a format's function gives back."""

    TEXT = "text"
    BYTES = "bytes"
    FILES = "files"
    TERMINAL = "terminal"


def _load(target: str) -> Callable[..., Any]:
    module, function = target.split(":")
    return getattr(importlib.import_module(module), function)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Format:
    """One output format. ``target`` and ``styled`` are ``"module:function"``, imported on use.

    ``suffix`` is the file suffix that chooses this format for ``-o`` ('' when it writes no
    single file). ``styled``, for a text format, prints the same content in colour when it
    goes to the terminal, built from the data itself (never by re-reading the text).
    """

    renders: Renders
    name: str
    suffix: str
    writes: Writes
    description: str
    target: str
    styled: str = ""
    #: for a text format: "module:function" giving the same text as UTF-8 pieces for a file
    #: or '-o -', re-readable, so a large output is never held whole
    pieces: str = ""
    #: bytes a terminal cannot show (a workbook): refused on standard output to a terminal
    binary: bool = False

    def function(self) -> Callable[..., Any]:
        return _load(self.target)

    def styled_function(self) -> Callable[..., Any] | None:
        return _load(self.styled) if self.styled else None

    def pieces_function(self) -> Callable[..., Any] | None:
        return _load(self.pieces) if self.pieces else None


_R = "sendreview.render"

FORMATS: tuple[Format, ...] = (
    # Problems found by validate, frameworks check and import.
    Format(Renders.PROBLEMS, "text", ".txt", Writes.TEXT, "for people",
           f"{_R}.problems:as_text", styled=f"{_R}.terminal:print_problems"),
    Format(Renders.PROBLEMS, "json", ".json", Writes.TEXT, "for scripts",
           f"{_R}.problems:as_json"),
    Format(Renders.PROBLEMS, "github", "", Writes.TEXT, "annotations on a pull request's files",
           f"{_R}.problems:as_github"),
    # The trust view (aggregate).
    Format(Renders.TRUST_VIEW, "text", "", Writes.TERMINAL, "in the terminal",
           f"{_R}.terminal_trust_view:print_trust_view"),
    Format(Renders.TRUST_VIEW, "json", ".json", Writes.TEXT, "for scripts and Power BI",
           f"{_R}.trust_view_data:to_json", pieces=f"{_R}.trust_view_json:pieces"),
    Format(Renders.TRUST_VIEW, "csv", ".csv", Writes.TEXT, "one table, for Excel",
           f"{_R}.trust_view_data:to_csv"),
    Format(Renders.TRUST_VIEW, "csv-tables", "", Writes.FILES,
           "related tables in the folder given by -o", f"{_R}.trust_view_tables:to_tables"),
    # Reports (report).
    Format(Renders.REPORT, "md", ".md", Writes.BYTES, "Markdown",
           f"{_R}.reports.markdown:write"),
    Format(Renders.REPORT, "html", ".html", Writes.BYTES, "a printable web page",
           f"{_R}.reports.html:write"),
    Format(Renders.REPORT, "xlsx", ".xlsx", Writes.BYTES, "Excel",
           f"{_R}.reports.xlsx:write", binary=True),
    Format(Renders.REPORT, "docx", ".docx", Writes.BYTES, "Word, for board papers",
           f"{_R}.reports.docx:write", binary=True),
    # Frameworks (frameworks list, frameworks show).
    Format(Renders.FRAMEWORKS, "text", "", Writes.TERMINAL, "for people",
           f"{_R}.terminal:print_framework_list"),
    Format(Renders.FRAMEWORKS, "json", ".json", Writes.TEXT, "for scripts",
           f"{_R}.frameworks:list_json"),
    Format(Renders.FRAMEWORK, "text", "", Writes.TERMINAL, "for people",
           f"{_R}.terminal:print_framework"),
    Format(Renders.FRAMEWORK, "json", ".json", Writes.TEXT, "a stable interface for scripts",
           f"{_R}.frameworks:as_json"),
    Format(Renders.FRAMEWORK, "yaml", ".yaml", Writes.TEXT, "as the framework file holds it",
           f"{_R}.frameworks:as_yaml"),
    # Two cycles compared (compare).
    Format(Renders.COMPARISON, "text", "", Writes.TERMINAL, "a summary in the terminal",
           f"{_R}.comparison_text:print_comparison"),
    Format(Renders.COMPARISON, "json", ".json", Writes.TEXT, "a stable interface for scripts",
           f"{_R}.comparison_data:to_json"),
    Format(Renders.COMPARISON, "csv", ".csv", Writes.TEXT,
           "one row per academy and statement, for Excel", f"{_R}.comparison_data:to_csv"),
    Format(Renders.COMPARISON, "md", ".md", Writes.TEXT, "Markdown",
           f"{_R}.reports.comparison_doc:as_markdown"),
    Format(Renders.COMPARISON, "html", ".html", Writes.TEXT, "a printable web page",
           f"{_R}.reports.comparison_doc:as_html"),
    # The national figures in use (context national).
    Format(Renders.NATIONAL, "text", ".txt", Writes.TEXT, "for people",
           f"{_R}.national:as_text"),
    Format(Renders.NATIONAL, "json", ".json", Writes.TEXT, "for scripts",
           f"{_R}.national:as_json"),
)  # fmt: skip


def formats(renders: Renders) -> dict[str, Format]:
    """The formats for one kind of output, by name, in the order the CLI offers them."""
    return {f.name: f for f in FORMATS if f.renders is renders}


def get(renders: Renders, name: str) -> Format:
    return formats(renders)[name]


def suffixes(renders: Renders) -> dict[str, str]:
    """Suffix (``.md``) to format name, for the formats that write one named file."""
    return {f.suffix: f.name for f in formats(renders).values() if f.suffix}


def choices_help(renders: Renders, first: Mapping[str, str] | None = None) -> str:
    """'md (Markdown), html (a printable web page) or xlsx (Excel)', for --help; ``first``
    adds choices the CLI offers before the formats (name to description, such as ``auto``)."""
    parts = [f"{name} ({text})" for name, text in (first or {}).items()]
    parts += [f"{f.name} ({f.description})" for f in formats(renders).values()]
    return join_words(parts, "or")
