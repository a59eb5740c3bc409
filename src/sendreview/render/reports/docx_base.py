"""The Word document's scaffolding: the page a section writes on, and how text, tables and
pictures go into it.

Every section of the Word report (:mod:`.docx`) is a function of one :class:`DocxPage`,
which carries the document, the report's content (:func:`.context.build`, the same as the
HTML's) and the request. Through it a section writes headings in Word's own Heading styles
(so the navigation pane and a table of contents work), tables whose header row repeats on
every page, and pictures that always carry alt text. User text only ever goes in as the text
of a run, never as a field or markup, with the characters XML cannot hold taken out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from sendreview.render.reports.moderation import MARK
from sendreview.render.reports.shapes import NA_COLOUR

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph

    from sendreview.render.reports import ReportRequest
    from sendreview.render.reports.pictures import Picture
    from sendreview.render.reports.shapes import Report
    from sendreview.render.reports.wording import Cell

#: A4, in centimetres, and the margins every section keeps.
A4 = (21.0, 29.7)
MARGIN = 2.0
#: The characters XML 1.0 cannot hold (a document with one will not open): C0 controls but
#: tab, newline and carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HEADER_FILL = "E4E8EC"
BORDER = "9AA5B1"
TABLE_TEXT = 9  # points


def clean(text: object) -> str:
    """User text made safe for a run: characters XML cannot hold are removed. Nothing else
    is needed: a run's text is never read as a field code or markup, so '{ PAGE }',
    '=SUM(A1)' and '<b>' stay exactly as typed."""
    return _NOT_XML.sub("", str(text))


@dataclass(frozen=True)
class Shaded:
    """A table cell with a fill: its text (always there, so the cell reads in black and
    white) and the text colour that contrasts with the fill."""

    text: str
    fill: str  # "#RRGGBB", or "" for none
    ink: str = "#000000"
    bold: bool = False


def rating(cell: Cell, label: bool = False) -> Shaded:
    """A rating's cell: its letter (and, with ``label``, its label) on its colour; not
    applicable on grey, not rated on white."""
    mark = MARK if cell.moderation else ""  # the moderator's rating, where it differs
    text = f"{cell.letter}{mark} {cell.label}" if label else cell.letter + mark
    if cell.level is not None:
        return Shaded(text, cell.level.colour, cell.level.text_colour, bold=True)
    if cell.letter == "NA":
        return Shaded(text, NA_COLOUR, "#000000")
    return Shaded(text, "")


def plain(text: str) -> Shaded:
    """A cell in the first column that is not a row's name (a statement's words): not bold."""
    return Shaded(text, "")


CellValue = str | Shaded


class DocxPage:
    """Where a section writes: the document, what the report shows, and the request."""

    def __init__(self, document: Document, report: Report, request: ReportRequest) -> None:
        self.document = document
        self.report = report
        self.request = request

    def style(self, name: str) -> str | None:
        """``name`` when the document has that style (a trust's reference.docx may not)."""
        names = {s.name for s in self.document.styles}
        return name if name in names else None

    def heading(self, text: str, level: int = 1) -> Paragraph:
        paragraph: Paragraph = self.document.add_heading(clean(text), level)
        # Never the last line of a page: a heading keeps with what it heads, in a trust's
        # reference.docx too, whose heading styles may not say so.
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def paragraph(
        self, text: str = "", *, lead: str = "", style: str = "", size: float = 0
    ) -> Paragraph:
        """A paragraph; ``lead`` goes before the text in bold ('Not final.'); ``size`` in
        points makes it smaller and tighter than body text (a long list of statements)."""
        p = self.document.add_paragraph(style=self.style(style) if style else None)
        runs = ([p.add_run(clean(lead) + " ")] if lead else []) + (
            [p.add_run(clean(text))] if text else []
        )
        if lead:
            runs[0].bold = True
        if size:
            for run in runs:
                run.font.size = Pt(size)
            p.paragraph_format.space_after = Pt(2)
        return p

    def note(self, text: str) -> Paragraph:
        """A smaller, quieter paragraph: how to read a table, where figures come from."""
        p = self.document.add_paragraph()
        run = p.add_run(clean(text))
        run.italic = True
        run.font.size = Pt(9)
        return p

    def bullets(self, items: Iterable[str | tuple[str, str]]) -> None:
        """A bulleted list; an item ``(bold, rest)`` starts with its bold words."""
        style = self.style("List Bullet")
        for item in items:
            p = self.document.add_paragraph(style=style)
            if style is None:
                p.add_run("• ")
            lead, rest = item if isinstance(item, tuple) else ("", item)
            if lead:
                p.add_run(clean(lead)).bold = True
            p.add_run(clean(rest))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[CellValue]],
        *,
        widths: Sequence[float] = (),
        size: float = TABLE_TEXT,
        caption: str = "",
        together: bool = False,
    ) -> Table:
        """A table with a header row that repeats on every page and a bold first column;
        ``widths`` are each column's share of the width between the margins (the first
        column twice the others when not given); ``caption`` is written above it;
        ``together`` keeps a short table on one page."""
        if caption:
            self.caption(caption)
        table: Table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _borders(table)
        for i, text in enumerate(header):
            _fill(table.rows[0].cells[i], Shaded(text, "#" + HEADER_FILL, bold=True), size)
        repeat_header(table)
        _keep_with_next(table.rows[0])  # the header row stays with the first row under it
        for r, row in enumerate(rows, start=1):
            _cant_split(table.rows[r])
            for i, value in enumerate(row):
                shaded = value if isinstance(value, Shaded) else Shaded(value, "", bold=i == 0)
                _fill(table.rows[r].cells[i], shaded, size)
        if together:
            keep_together(table)
        weights = list(widths) or [2.0] + [1.0] * (len(header) - 1)
        scale = self.text_width / sum(weights)
        set_widths(table, [w * scale for w in weights])
        self.document.add_paragraph()  # keeps the next table or heading apart
        return table

    def caption(self, text: str) -> Paragraph:
        p = self.document.add_paragraph(style=self.style("Caption"))
        run = p.add_run(clean(text))
        run.bold = True
        run.font.size = Pt(9)
        p.paragraph_format.keep_with_next = True
        return p

    def picture(self, picture: Picture, width: float = 16.0) -> None:
        """The chart ``width`` centimetres wide, with its title and alt text on the picture
        itself (what a screen reader says, and what Word shows under Alt Text)."""
        from io import BytesIO

        self.document.add_picture(BytesIO(picture.png), width=Cm(width))
        shape = self.document.inline_shapes[-1]
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", clean(picture.alt))
        doc_pr.set("title", clean(picture.title))
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True

    def landscape(self) -> None:
        """A new page, and a landscape section from it: for a wide heatmap or table."""
        _new_section(self.document, landscape=True)

    def portrait(self) -> None:
        _new_section(self.document, landscape=False)

    def start(self, title: str, *, landscape: bool = False, new_page: bool = False) -> None:
        """A section's Heading 1, on a landscape or portrait page as asked: a change of
        orientation starts a new page; ``new_page`` starts one anyway."""
        if landscape != self.landscape_now:
            self.landscape() if landscape else self.portrait()
        elif new_page:
            self.page_break()
        self.heading(title, 1).paragraph_format.keep_with_next = True

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    @property
    def landscape_now(self) -> bool:
        return self.document.sections[-1].orientation == WD_ORIENT.LANDSCAPE

    @property
    def text_width(self) -> float:
        """The width between the margins of the current section, in centimetres."""
        return (A4[1] if self.landscape_now else A4[0]) - 2 * MARGIN


def page_setup(section: object, landscape: bool) -> None:
    """A4 in either orientation, with the same margins."""
    short, long = Cm(A4[0]), Cm(A4[1])
    s = section
    s.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT  # type: ignore[attr-defined]
    s.page_width, s.page_height = (long, short) if landscape else (short, long)  # type: ignore[attr-defined]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(s, side, Cm(MARGIN))


def _new_section(document: Document, landscape: bool) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    page_setup(section, landscape)


def repeat_header(table: Table, rows: int = 1) -> None:
    """Marks the first ``rows`` rows as header rows (w:tblHeader): Word and LibreOffice
    repeat them at the top of every page the table runs onto, and screen readers read
    them as column headers."""
    for row in table.rows[:rows]:
        tr_pr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        header.set(qn("w:val"), "true")
        tr_pr.append(header)
        _cant_split(row)


def _keep_with_next(row: _Row) -> None:
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True


def add_header_band(table: Table, bands: Sequence[tuple[str, int]], size: float = 8) -> None:
    """A header row above the first, naming groups of columns (an area over its statements)
    in merged cells, after one blank cell over the first column; it repeats on every page
    with the header row under it."""
    row = table.add_row()  # type: ignore[no-untyped-call]  # python-docx leaves it untyped
    table.rows[0]._tr.addprevious(row._tr)
    cells = table.rows[0].cells
    _fill(cells[0], Shaded("", "#" + HEADER_FILL), size)
    column = 1
    for title, width in bands:
        if width < 1:
            continue
        merged = cells[column].merge(cells[column + width - 1]) if width > 1 else cells[column]
        _fill(merged, Shaded(title, "#" + HEADER_FILL, bold=True), size)
        column += width
    repeat_header(table)
    _keep_with_next(table.rows[0])


def tight(table: Table, margin_cm: float = 0.05) -> None:
    """Narrow cell margins and centred text past the first column: for a grid of letters
    (a heatmap), so that 'NA' still fits a column under a centimetre wide."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(margin_cm * 567)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table._tbl.tblPr.append(margins)
    for row in table.rows:
        for cell in row.cells[1:]:
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def keep_together(table: Table) -> None:
    """Every row kept with the next, so Word and LibreOffice move a short table whole to
    the next page rather than break it."""
    for table_row in table.rows[:-1]:
        for cell in table_row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True


def _cant_split(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


def set_widths(table: Table, widths: Sequence[float]) -> None:
    """Column widths in centimetres, on every cell (Word reads the cells, LibreOffice the
    grid), with automatic fitting off so they hold."""
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = Cm(width)
    for col, width in zip(table.columns, widths, strict=False):
        col.width = Cm(width)


def _fill(cell: _Cell, value: Shaded, size: float) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    lines = clean(value.text).split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        run.font.size = Pt(size)
        run.bold = value.bold or None
        if value.fill:
            run.font.color.rgb = RGBColor.from_string(value.ink.lstrip("#").upper())
        if i < len(lines) - 1:
            run.add_break()
    if value.fill:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), value.fill.lstrip("#").upper())
        cell._tc.get_or_add_tcPr().append(shading)


def _borders(table: Table) -> None:
    """Thin grey borders on every cell, drawn here rather than by a table style a trust's
    reference.docx may not have."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), BORDER)
        borders.append(line)
    table._tbl.tblPr.append(borders)
