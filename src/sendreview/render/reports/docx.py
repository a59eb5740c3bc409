"""The Word report (``report --format docx``): the board pack a clerk puts in the trustees'
papers, from the same content as the HTML report (:func:`.context.build`), never figures of
its own.

The document is a cover (trust, cycle, dates, the summary), a table of contents, then one
section after another, each a function of a :class:`~.docx_base.DocxPage` that writes its
heading, tables and pictures, or nothing when the repository has no such data. The sections
are in two lists, :data:`TRUST_SECTIONS` and :data:`ACADEMY_SECTIONS`, in the order the
report shows them: a new kind of data adds its section by putting its function in the list
(where the HTML report has it), and nothing else here changes.

python-docx and Pillow are imported only here and in the modules this one loads, so no other
format or command pays for them.
"""

from __future__ import annotations

from collections.abc import Callable

from sendreview.render.reports import ReportRequest
from sendreview.render.reports import docx_academy as academy
from sendreview.render.reports import docx_context as sen_context
from sendreview.render.reports import docx_history as history
from sendreview.render.reports import docx_moderation as moderation
from sendreview.render.reports import docx_trust as trust
from sendreview.render.reports.context import build
from sendreview.render.reports.docx_base import DocxPage
from sendreview.render.reports.docx_document import (
    contents,
    cover,
    finish,
    new_document,
    signatures,
)

#: A section of the Word report: writes itself onto the page, or nothing when the report
#: has none of its data (as the HTML's ``{% if %}`` around a section).
Section = Callable[[DocxPage], None]

#: The trust report's sections, in order (as trust.html.j2).
TRUST_SECTIONS: list[Section] = [
    trust.at_a_glance,
    trust.completeness,
    trust.heatmap,
    trust.ratings_by_area,
    history.since_last_review,
    history.trend,
    sen_context.trust_context,
    moderation.trust_moderation,
    trust.priorities,
    trust.outliers,
    trust.peer_support,
    trust.trust_review,
    trust.action_plans,
]

#: One academy's report (``--academy``), in order (as academy.html.j2).
ACADEMY_SECTIONS: list[Section] = [
    academy.summary,
    moderation.academy_moderation,
    history.own_movement,
    sen_context.academy_context,
    academy.areas,
    academy.what_is_missing,
]


def write(request: ReportRequest) -> bytes:
    """The report as the bytes of a .docx file."""
    report = build(
        request.view, request.academy, request.comparison, request.trend, request.suppress_below
    )
    page = DocxPage(new_document(request.templates, report), report, request)
    cover(page)
    toc = contents(page)
    for section in ACADEMY_SECTIONS if request.academy else TRUST_SECTIONS:
        section(page)
    if not request.academy:
        signatures(page)
    toc.fill()
    return finish(page.document)
