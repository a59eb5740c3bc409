"""The Word report, reopened with python-docx and read as XML: structure, accessibility,
branding, safety of user text, and LibreOffice's reading of it.

Layers: unit for the document the library renders; cli for ``report --format docx``.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentType
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from conftest import EXAMPLE, replace_once
from sendreview.commands.report import report
from sendreview.render.reports import ReportRequest
from sendreview.render.reports.context import build
from sendreview.render.reports.docx_base import DocxPage, clean
from sendreview.render.reports.docx_document import finish, new_document
from sendreview.render.reports.pictures import (
    Bar,
    Key,
    Series,
    grouped_bars,
    line_chart,
    stacked_bars,
)
from sendreview.trust_view.aggregate import aggregate

CYCLE = "2026-autumn"
TRUST_SECTIONS = [
    "At a glance",
    "Completeness",
    "Heatmap",
    "Ratings by area",
    "Since last review",
    "Trend",
    "SEN context",
    "Moderation",
    "Trust-wide priorities",
    "Outliers",
    "Peer support",
    "The trust's own review",
    "Action plans",
    "Sign-off",
]
PNG = b"\x89PNG\r\n\x1a\n"


def docx_bytes(academy: str | None = None, templates: Path | None = None) -> bytes:
    return report(EXAMPLE, CYCLE, requested="docx", academy=academy, templates=templates).data


def open_docx(data: bytes) -> DocumentType:
    return Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def trust_data() -> bytes:
    return docx_bytes()


@pytest.fixture(scope="module")
def trust_doc(trust_data: bytes) -> DocumentType:
    return open_docx(trust_data)


@pytest.fixture(scope="module")
def academy_doc() -> DocumentType:
    return open_docx(docx_bytes("castlegate-academy"))


def headings(doc: DocumentType, level: int = 1) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == f"Heading {level}"]


def sections(doc: DocumentType) -> list[str]:
    """The Heading 1 sections after the contents: the cover may have its own ('Summary')."""
    texts = [p.text for p in doc.paragraphs]
    after = doc.paragraphs[texts.index("Contents") :]
    return [p.text for p in after if p.style.name == "Heading 1"]


def in_order(found: list[str], expected: list[str]) -> bool:
    """Every one of ``expected`` in ``found``, in that order: sections that other kinds of
    data add (moderation) may come between them."""
    rest = iter(found)
    return all(any(f == e for f in rest) for e in expected)


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read(name).decode("utf-8")


# ---- Structure -----------------------------------------------------------------------------


def test_cover_and_sections_in_the_order_of_the_html_report(trust_doc):
    title = [p.text for p in trust_doc.paragraphs if p.style.name == "Title"]
    assert title == ["Larkspur Learning Trust"]
    assert in_order(sections(trust_doc), TRUST_SECTIONS)
    assert sections(trust_doc)[-1] == "Sign-off"
    cover = "\n".join(p.text for p in trust_doc.paragraphs[:8])
    assert "SEND review · Autumn 2026" in cover
    assert "Reviews carried out 10 to 20 November 2026" in cover


def test_the_contents_is_a_toc_field_listing_every_section(trust_data):
    body = part(trust_data, "word/document.xml")
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-1"', body)
    start = body.index('fldCharType="separate"')
    end = body.index('fldCharType="end"', start)
    shown = re.findall(r"<w:t>([^<]*)</w:t>", body[start:end])
    assert shown == sections(open_docx(trust_data))
    assert in_order(shown, TRUST_SECTIONS)


def test_every_table_repeats_its_header_row(trust_doc):
    for table in trust_doc.tables:
        first = table.rows[0]._tr
        assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_the_heatmap_shades_each_cell_and_writes_its_letter(trust_doc):
    heatmap = next(t for t in trust_doc.tables if t.rows[1].cells[0].text == "Academy")
    # two header rows: the areas over their statements, then the statements' numbers
    assert heatmap.rows[0].cells[1].text == "Leadership of SEND"
    assert heatmap.rows[1]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    cell = heatmap.rows[2].cells[1]
    shading = cell._tc.tcPr.find(qn("w:shd"))
    assert cell.text in {"R", "A", "G"}
    colours = {"R": "B3261E", "A": "B25E00", "G": "1B6E3A"}
    assert shading.get(qn("w:fill")) == colours[cell.text]


def test_every_picture_has_alt_text_and_a_title(trust_doc):
    shapes = list(trust_doc.inline_shapes)
    assert len(shapes) >= 3  # ratings by area, trend, need mix
    for shape in shapes:
        doc_pr = shape._inline.docPr
        assert doc_pr.get("title")
        assert len(doc_pr.get("descr")) > 40
    alts = [s._inline.docPr.get("descr") for s in shapes]
    assert any(a.startswith("Ratings in each area") and "Green" in a for a in alts)
    assert any(a.startswith("Trust score by area") and "%" in a for a in alts)


def test_page_numbers_in_the_footer(trust_data):
    footer = next(
        part(trust_data, n)
        for n in zipfile.ZipFile(io.BytesIO(trust_data)).namelist()
        if n.startswith("word/footer")
    )
    assert 'w:instr=" PAGE "' in footer
    assert 'w:instr=" NUMPAGES "' in footer
    assert "Larkspur Learning Trust · SEND review Autumn 2026 · Page" in footer


def test_british_english_on_the_defaults_and_the_normal_style(trust_data):
    styles = part(trust_data, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults>") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="en-GB"' in defaults
    normal = styles[styles.index('w:styleId="Normal"') :]
    normal = normal[: normal.index("</w:style>")]
    assert 'w:val="en-GB"' in normal


def test_a4_with_a_landscape_section_for_the_heatmap(trust_doc):
    a4 = {(Cm(21.0), Cm(29.7)), (Cm(29.7), Cm(21.0))}
    sizes = [(s.page_width, s.page_height) for s in trust_doc.sections]
    for width, height in sizes:
        assert any(abs(width - w) < Cm(0.05) and abs(height - h) < Cm(0.05) for w, h in a4)
    assert sizes[0][0] < sizes[0][1]  # the cover is portrait
    assert any(width > height for width, height in sizes)


def test_the_signature_block_ends_the_trust_report(trust_doc):
    table = trust_doc.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["", "Name", "Role", "Signature", "Date"]
    assert [r.cells[0].text for r in table.rows[1:]] == ["Prepared by", "Approved by"]
    assert all(c.text.strip() == "" for r in table.rows[1:] for c in r.cells[1:])


def test_ratings_are_written_as_text_as_well_as_shaded(trust_doc):
    key = next(t for t in trust_doc.tables if t.rows[0].cells[0].text == "Letter")
    labels = [r.cells[1].text for r in key.rows[1:]]
    assert in_order(labels, ["Red", "Amber", "Green", "Not applicable", "Not rated"])
    assert [r.cells[0].text for r in key.rows[1:4]] == ["R", "A", "G"]
    assert labels[-1] == "Marked"  # the example is moderated: a marked letter is the moderator's


def test_the_executive_summary_is_on_the_cover(monkeypatch):
    from sendreview.render.reports import docx as word

    def with_summary(*args, **kwargs):
        built = build(*args, **kwargs)
        built.summary = ["All five reviews are complete.", "Leadership of SEND is strongest."]
        return built

    monkeypatch.setattr(word, "build", with_summary)
    doc = open_docx(docx_bytes())
    texts = [p.text for p in doc.paragraphs]
    at = texts.index("Summary")
    assert doc.paragraphs[at].style.name == "Heading 1"
    assert texts[at + 1 : at + 3] == [
        "All five reviews are complete.",
        "Leadership of SEND is strongest.",
    ]
    assert at < texts.index("Contents")
    academy = open_docx(docx_bytes("castlegate-academy"))
    assert "All five reviews are complete." not in [p.text for p in academy.paragraphs]


def test_the_same_files_make_the_same_document(trust_data):
    assert docx_bytes() == trust_data


def test_the_academy_report_has_that_academys_sections(academy_doc):
    title = [p.text for p in academy_doc.paragraphs if p.style.name == "Title"]
    assert title == ["Castlegate Academy"]
    found = headings(academy_doc)
    assert found[0] == "Summary"
    assert in_order(found, ["Summary", "Moderation", "Since last review", "Leadership of SEND"])
    assert "Leadership of SEND" in found
    assert "Sign-off" not in found
    statement = next(t for t in academy_doc.tables if t.rows[0].cells[0].text == "leadership-1")
    assert statement.rows[1].cells[0].text == "Rating"
    assert statement.rows[1].cells[1].text in {"R Red", "A Amber", "G Green"}


# ---- Text from the reviews -----------------------------------------------------------------


def test_clean_removes_what_xml_cannot_hold_and_keeps_the_rest():
    assert clean("a\x00b\x01c\x0bd\x1f\ufffee") == "abcde"
    assert clean("tab\there\nline é ✓ { PAGE } =SUM(A1) <b>&") == (
        "tab\there\nline é ✓ { PAGE } =SUM(A1) <b>&"
    )


def test_control_characters_in_user_text_still_make_a_valid_document():
    view = aggregate(EXAMPLE, CYCLE)
    request = ReportRequest(view=view)
    page = DocxPage(new_document(None, build(view)), build(view), request)
    page.paragraph("bell\x07 and <tag> & { PAGE }", lead="lead\x1b")
    page.table(["a\x01", "b"], [["=SUM(A1)\x0c", "x"]])
    doc = open_docx(finish(page.document))
    assert doc.paragraphs[-2].text == "lead bell and <tag> & { PAGE }"
    assert doc.tables[-1].rows[1].cells[0].text == "=SUM(A1)"


def test_user_text_stays_text_never_a_field(cli, example_repo, tmp_path):
    review = example_repo / "reviews" / CYCLE / "castlegate-academy.yaml"
    old = "      The headteacher has made SEND one of the three priorities"
    replace_once(review, old, "      =SUM(A1) { PAGE } <w:t>&amp; The headteacher")
    target = tmp_path / "castlegate.docx"
    args = ("report", example_repo, "--cycle", CYCLE, "--academy", "castlegate-academy")
    result = cli(*args, "-o", target)
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    body = part(data, "word/document.xml")
    assert "=SUM(A1) { PAGE } &lt;w:t&gt;&amp;amp; The headteacher" in body
    instructions = re.findall(r'w:instr="([^"]*)"|<w:instrText[^>]*>([^<]*)<', body)
    assert all("SUM" not in "".join(i) and "headteacher" not in "".join(i) for i in instructions)


# ---- Branding ------------------------------------------------------------------------------


def branded(folder: Path) -> Path:
    """A trust's reference.docx: a distinct body font, a header, and a body to be cleared."""
    doc = Document()
    doc.styles["Normal"].font.name = "Courier New"
    doc.styles["Normal"].font.size = Pt(11)
    doc.sections[0].header.paragraphs[0].text = "LARKSPUR BRANDED HEADER"
    doc.add_paragraph("Old body text that must not appear")
    folder.mkdir(parents=True, exist_ok=True)
    doc.save(str(folder / "reference.docx"))
    return folder


def test_a_reference_docx_gives_its_styles_and_header(tmp_path):
    doc = open_docx(docx_bytes(templates=branded(tmp_path / "brand")))
    assert doc.styles["Normal"].font.name == "Courier New"
    assert "LARKSPUR BRANDED HEADER" in doc.sections[0].header.paragraphs[0].text
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Old body text" not in text
    assert in_order(sections(doc), TRUST_SECTIONS)


def test_a_reference_docx_that_is_not_word_is_refused_in_words(cli, tmp_path):
    folder = tmp_path / "brand"
    folder.mkdir()
    (folder / "reference.docx").write_text("not a document", encoding="utf-8")
    target = tmp_path / "out.docx"
    result = cli("report", EXAMPLE, "--cycle", CYCLE, "--templates", folder, "-o", target)
    assert result.exit_code == 2
    assert "could not be opened as a Word document" in result.stderr
    assert not target.exists()


def test_the_cli_chooses_docx_from_the_suffix(cli, tmp_path):
    target = tmp_path / "board.docx"
    result = cli("report", EXAMPLE, "--cycle", CYCLE, "-o", target)
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:2] == b"PK"


def test_other_formats_never_load_python_docx_or_pillow():
    code = (
        "import sys; from sendreview.commands.report import report; "
        f"report(__import__('pathlib').Path({str(EXAMPLE)!r}), {CYCLE!r}, requested='html'); "
        "print([m for m in ('docx', 'PIL') if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# ---- Pictures ------------------------------------------------------------------------------


def test_stacked_bars_say_every_count_in_their_alt_text():
    keys = [Key("#B3261E", "R", "Red"), Key("#1B6E3A", "G", "Green"), Key("none", "–", "Not rated")]
    picture = stacked_bars(
        "Ratings",
        [("Area one", [(2, "#B3261E", "R"), (5, "#1B6E3A", "G"), (1, "none", "–")])],
        keys,
    )
    assert picture.png.startswith(PNG)
    assert picture.alt == "Ratings. Area one: 2 Red, 5 Green, 1 Not rated."
    assert picture.width == 1260 and picture.height > 100


def test_line_chart_and_grouped_bars_leave_gaps_and_withheld_figures_out():
    lines = line_chart("Scores", ["Spring", "Summer", "Autumn"], [Series("One", [0.5, None, 0.7])])
    assert lines.png.startswith(PNG)
    assert "One: 50%, –, 70%" in lines.alt
    bars = grouped_bars("Mix", [("Area", [Bar(None, "withheld"), Bar(0.2, "national 20%", True)])])
    assert bars.png.startswith(PNG)
    assert bars.alt == "Mix. Area: withheld, national 20%."


# ---- LibreOffice ---------------------------------------------------------------------------


def soffice_writer() -> str:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer")
    program = Path(os.path.realpath(soffice)).parent
    if not any(program.glob("libswlo.*")) and not any(program.glob("swlo.*")):
        pytest.skip("LibreOffice Writer is not installed: apt-get install libreoffice-writer")
    return soffice


def convert(soffice: str, source: Path, to: str) -> Path:
    out = source.parent
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out / f'lo-{uuid.uuid4().hex}').as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env={**os.environ, "HOME": str(out)},
    )
    return out / f"{source.stem}.{to.split(':')[0]}"


def pdf_text(soffice: str, pdf: Path, source: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")
    return convert(soffice, source, "txt:Text").read_text(encoding="utf-8", errors="replace")


def test_libreoffice_prints_the_board_pack(trust_data, tmp_path):
    soffice = soffice_writer()
    source = tmp_path / "larkspur-trust.docx"
    source.write_bytes(trust_data)
    pdf = convert(soffice, source, "pdf")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 20 <= pages <= 60, pages
    text = " ".join(pdf_text(soffice, pdf, source).split())
    for needle in (
        "Larkspur Learning Trust",
        "At a glance",
        "Trust-wide priorities",
        "Prepared by",
        "Approved by",
        f"Page 1 of {pages}",
    ):
        assert needle in text, needle


def test_no_heading_or_table_header_is_left_at_the_foot_of_a_page(trust_doc):
    """Headings keep with what follows, and a table's header row with its first row, so a
    heading never stands alone at the bottom of a page with its table on the next."""
    headings = [p for p in trust_doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings
    assert all(p.paragraph_format.keep_with_next for p in headings)
    for table in trust_doc.tables:
        for cell in table.rows[0].cells:
            assert all(p.paragraph_format.keep_with_next for p in cell.paragraphs)
