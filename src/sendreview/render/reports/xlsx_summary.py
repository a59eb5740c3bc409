"""The Overview sheet of the trust's Excel report: the executive summary, first in the book.

The sentences are the ones every trust report opens with (:mod:`.summary`), one to a row so
each wraps in a wide column and prints on the first page; the heatmap follows on the Summary
sheet. A sheet of its own keeps the heatmap's frozen header rows free of six sentences.
"""

from __future__ import annotations

from sendreview.excel.columns import Column
from sendreview.render.reports.shapes import Report
from sendreview.render.reports.xlsx_layout import Book, Sheet
from sendreview.render.reports.xlsx_styles import WRAP

OVERVIEW = "Overview"


def overview_sheet(book: Book, report: Report, caveat: str) -> None:
    """The summary's sentences under the report's title; the caveat, if any, above them."""
    sheet = Sheet(
        book,
        OVERVIEW,
        f"{report.trust}: SEND review, {report.cycle_label}",
        f"{caveat}What the review found, from the review files; the sheets that follow give "
        "every figure.",
        [Column("Summary", 120, WRAP)],
    )
    for sentence in report.summary:
        sheet.append([sentence])
    sheet.close(autofilter=False)
