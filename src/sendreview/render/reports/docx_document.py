"""The Word document around the sections: the base document (the trust's reference.docx or
python-docx's own), A4 pages, British English, the footer with page numbers, the cover, the
table of contents, the signature block, and the file's bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sendreview.errors import UsageError
from sendreview.files.reading import read_regular
from sendreview.render.reports.docx_base import DocxPage, clean, page_setup, set_widths
from sendreview.render.reports.wording import day

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.text.paragraph import Paragraph

    from sendreview.render.reports.shapes import Report

#: The trust's Word styles, if it has them: a file of this name in the --templates folder.
REFERENCE = "reference.docx"
REFERENCE_LIMIT = 20 * 1024 * 1024
LANGUAGE = "en-GB"
#: The table of contents lists the sections (Heading 1); Word adds page numbers on update.
TOC_FIELD = ' TOC \\o "1-1" \\h \\z \\u '


def new_document(templates: Path | None, report: Report) -> Document:
    """The document the report is written into: the trust's reference.docx with its body
    cleared (so its styles, fonts, colours and header with a logo carry over), else
    python-docx's own; A4, in British English, with page numbers in the footer."""
    from docx import Document as open_document

    reference = templates / REFERENCE if templates is not None else None
    if reference is not None and reference.is_file():
        document = _reference(reference)
    else:
        document = open_document()
        _fonts(document)
    page_setup(document.sections[0], landscape=False)
    _language(document)
    _footer(document, report)
    _properties(document, report)
    return document


def _reference(path: Path) -> Document:
    from docx import Document as open_document

    data = read_regular(path, str(path), REFERENCE_LIMIT)
    try:
        document = open_document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several kinds for a file that is not Word
        raise UsageError(
            f"'{path}' could not be opened as a Word document ({type(exc).__name__}).",
            "Save your branded document from Word as a .docx file named reference.docx, or "
            "take it out of the templates folder to use the built-in styles.",
        ) from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):  # the last sectPr holds the page and header
            body.remove(child)
    return document


#: Arial is in Word everywhere, and LibreOffice always has a font of the same widths
#: (Liberation Sans), so pages break in the same places in both.
FONT = "Arial"


def _fonts(document: Document) -> None:
    """The built-in look: Arial throughout, body text at 10 points."""
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3"):
        style = document.styles[name]
        r_fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for script in ("ascii", "hAnsi", "cs", "eastAsia"):
            r_fonts.set(qn(f"w:{script}"), FONT)
            r_fonts.attrib.pop(qn(f"w:{script}Theme"), None)  # a theme font would win
    document.styles["Normal"].font.size = Pt(10)


def _language(document: Document) -> None:
    """British English for spelling and for screen readers: on the document's defaults and
    on the Normal style, which a reference.docx may have set to another language."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    r_pr_default = _child(defaults, "w:rPrDefault")
    for r_pr in [_child(r_pr_default, "w:rPr"), document.styles["Normal"].element.get_or_add_rPr()]:
        lang = _child(r_pr, "w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        lang.set(qn("w:eastAsia"), LANGUAGE)


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _footer(document: Document, report: Report) -> None:
    """'Larkspur Trust · SEND review Autumn 2026 · Page 3 of 20', with PAGE and NUMPAGES
    fields; a reference.docx footer that already numbers its pages is kept as it is."""
    footer = document.sections[0].footer
    if not footer.is_linked_to_previous and "PAGE" in footer._element.xml:
        return
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    who = report.focus.academy.name if report.focus else report.trust
    paragraph.add_run(clean(f"{who} · SEND review {report.cycle_label} · Page "))
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES", "1")
    for run in paragraph.runs:
        run.font.size = Pt(8)


def _field(paragraph: Paragraph, code: str, shown: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    size = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "16")
    size.append(sz)
    run.append(size)
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _properties(document: Document, report: Report) -> None:
    """Title and language in the file's properties; its dates are the reviews', never
    today's, so the same files make the same document."""
    props = document.core_properties
    props.title = clean(_title(report))
    props.subject = "SEND review"
    props.language = LANGUAGE
    props.author = clean(report.trust)
    props.last_modified_by = "sendreview"
    props.comments = ""
    props.revision = 1
    dates = [a.review_date for a in report.academies if a.review_date]
    when = dt.datetime.combine(max(dates), dt.time()) if dates else dt.datetime(2000, 1, 1)
    props.created = props.modified = when


def _title(report: Report) -> str:
    who = report.focus.academy.name if report.focus else report.trust
    return f"{who}: SEND review, {report.cycle_label}"


def cover(page: DocxPage) -> None:
    """The first page: who and when, the framework, the caveat and the summary."""
    r = page.report
    focus = r.focus
    document = page.document
    document.add_paragraph(clean(focus.academy.name if focus else r.trust), style="Title")
    eyebrow = f"SEND review · {r.cycle_label}" + (f" · {r.trust}" if focus else "")
    page.paragraph(eyebrow, style="Subtitle")
    page.paragraph(f"{r.framework} (version {r.framework_version})")
    for line in _cover_lines(r):
        page.paragraph(line)
    caveat = focus.caveat if focus else r.caveat
    if caveat:
        page.paragraph(caveat, lead="Not final.")
    # The executive summary (Report.summary, where the report has one) is the trust's: an
    # academy's report opens on its own Summary section instead.
    summary: list[str] = [] if focus else list(getattr(r, "summary", None) or [])
    if summary:
        page.heading("Summary", 1)
        for sentence in summary:
            page.paragraph(sentence)
    page.page_break()


def _cover_lines(r: Report) -> list[str]:
    if r.focus:
        a = r.focus.academy
        when = f"Review carried out {day(a.review_date)}" if a.review_date else "No review date"
        return [w for w in (a.phase, when, f"State of the review: {a.state_label}") if w]
    lines = [f"{len(r.academies)} academies"]
    if r.review_dates:
        lines.append(f"Reviews carried out {r.review_dates}")
    if r.trust_review and r.trust_review.review_date:
        lines.append(f"Trust-level review {day(r.trust_review.review_date)}")
    return lines


@dataclass
class Contents:
    """The table of contents: a TOC field whose shown text lists the sections, filled in
    once they are written (Word adds page numbers when the field is updated)."""

    page: DocxPage
    anchor: Paragraph
    entries: list[str] = field(default_factory=list)

    def fill(self) -> None:
        body = list(self.page.document.paragraphs)
        start = next(i for i, p in enumerate(body) if p._p is self.anchor._p)
        titles = [p.text for p in body[start:] if p.style is not None and _is_h1(p)]
        _toc_field(self.anchor, titles or ["Contents"])


def _is_h1(paragraph: Paragraph) -> bool:
    style = paragraph.style
    return style is not None and style.name == "Heading 1"


def contents(page: DocxPage) -> Contents:
    heading = page.paragraph("Contents", style="TOC Heading")
    if page.style("TOC Heading") is None:
        heading.runs[0].bold = True
        heading.runs[0].font.size = Pt(16)
    anchor = page.paragraph()
    page.page_break()
    return Contents(page, anchor)


def _toc_field(anchor: Paragraph, titles: list[str]) -> None:
    """The field over several paragraphs: begin, instruction and separator in the first,
    each title a paragraph, the end in the last."""
    ordered = [anchor.insert_paragraph_before() for _ in titles[1:]] + [anchor]
    _fld_char(ordered[0], "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = TOC_FIELD
    run = OxmlElement("w:r")
    run.append(instr)
    ordered[0]._p.append(run)
    _fld_char(ordered[0], "separate")
    for paragraph, title in zip(ordered, titles, strict=True):
        paragraph.add_run(clean(title))
        paragraph.paragraph_format.space_after = Pt(4)
    _fld_char(ordered[-1], "end")


def _fld_char(paragraph: Paragraph, kind: str) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)


def signatures(page: DocxPage) -> None:
    """Who prepared the report and who approved it, with room to sign, as board papers
    carry at their end."""
    if page.landscape_now:
        page.portrait()
    page.heading("Sign-off", 1)
    page.paragraph("To be completed before the report goes to the board.")
    blank = " "
    table = page.table(
        ["", "Name", "Role", "Signature", "Date"],
        [["Prepared by", blank, blank, blank, blank], ["Approved by", blank, blank, blank, blank]],
        widths=(2.8, 3.8, 3.4, 3.6, 3.4),
        size=10,
    )
    for row in table.rows[1:]:
        row.height = Cm(1.6)
    set_widths(table, (2.8, 3.8, 3.4, 3.6, 3.4))


def finish(document: Document) -> bytes:
    """The file's bytes, each part stamped with one fixed time rather than the moment it
    was written, so the same files make the same document."""
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(fixed, source.read(info.filename))
    return out.getvalue()
