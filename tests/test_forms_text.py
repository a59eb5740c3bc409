"""Text in the Excel forms: every line break arrives both ways, and every word shows and prints.

Layers: unit (the form writer and reader, called directly), with one cli test through
``import``.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import examples
from formtools import ALDER, COLUMNS, CYCLE, SCHOOL, answer, edit, make_form, soffice_convert
from sendreview.excel.row_height import row_height
from sendreview.forms.compare import changes
from sendreview.forms.meta import read_meta
from sendreview.forms.opening import read_workbook
from sendreview.forms.reader import read_answers
from sendreview.forms.values import clean_text, evidence_cell, evidence_items, evidence_of
from sendreview.forms.writer import FormSource, build_workbook
from sendreview.forms.yamlupdate import update_text
from sendreview.model import Response, Review
from sendreview.model.review import Action, ActionPlan
from sendreview.source.loader import to_model
from sendreview.source.review_writer import render_review
from sendreview.source.yaml_reader import parse_yaml

REVIEW = Path("reviews") / CYCLE / f"{ALDER}.yaml"
SHEETS = tuple(area.title for area in SCHOOL.areas)

# ---- the round trip, as a property ----------------------------------------------------------

# Characters people type or paste, spaces and tabs included. Line breaks come only from the
# strategies below (YAML also reads U+0085, U+2028 and U+2029 as line breaks).
_CHARS = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\ufffe\uffff"
) | st.sampled_from(" \t•-–“”’é")
_LINE = st.text(_CHARS, max_size=30)
_SOLID_LINE = _LINE.filter(lambda line: line.strip())
#: Free text: lines with blank lines among them, and blank lines or spaces at either end.
_TEXT = st.lists(_LINE, max_size=5).map("\n".join)
#: An evidence item: one line, or several, with no blank line inside.
_ITEM = st.lists(_SOLID_LINE, min_size=1, max_size=3).map("\n".join)


@st.composite
def _reviews(draw: st.DrawFn) -> Review:
    chosen = set(draw(st.lists(st.sampled_from(SCHOOL.statement_ids), unique=True, max_size=5)))
    responses = {}
    for statement_id in SCHOOL.statement_ids:
        if statement_id not in chosen:
            responses[statement_id] = Response()
            continue
        rated = draw(st.booleans())
        responses[statement_id] = Response(
            rating=draw(st.sampled_from(SCHOOL.rating_ids)) if rated else None,
            not_applicable=None if rated else draw(_SOLID_LINE | _TEXT.filter(str.strip)),
            strengths=draw(_TEXT),
            areas_for_development=draw(_TEXT),
            evidence=draw(st.lists(_ITEM, max_size=3)),
        )
    plans = {}
    for area in draw(st.lists(st.sampled_from([a.id for a in SCHOOL.areas]), unique=True)):
        actions = st.builds(
            Action,
            action=_TEXT,
            owner=_SOLID_LINE,
            success_criteria=_TEXT,
            status=st.just("not-started"),
        )
        plans[area] = ActionPlan(summary=draw(_TEXT), actions=draw(st.lists(actions, max_size=2)))
    return Review(
        framework=SCHOOL.id,
        framework_version=SCHOOL.version,
        cycle=CYCLE,
        academy="oak",
        responses=responses,
        action_plans=plans,
    )


def _answers(review: Review) -> dict[str, object]:
    """Every answer, as the review holds it once tidied (spaces at line ends, blank lines at
    either end and Windows line ends are the only things the forms change)."""
    out: dict[str, object] = {}
    for statement_id, response in review.responses.items():
        reason = response.not_applicable if isinstance(response.not_applicable, str) else ""
        out[statement_id] = (
            response.rating,
            clean_text(reason),
            clean_text(response.strengths),
            clean_text(response.areas_for_development),
            evidence_items(response.evidence),
        )
    for area_id, plan in review.action_plans.items():
        actions = [
            (clean_text(a.action), clean_text(a.owner), clean_text(a.success_criteria))
            for a in plan.actions
        ]
        if clean_text(plan.summary) or actions:
            out[area_id] = (clean_text(plan.summary), actions)
    return out


def _through_a_form(review: Review, folder: Path) -> Review:
    path = folder / "form.xlsx"
    path.write_bytes(build_workbook(FormSource("Trust", SCHOOL, review, "Oak Primary")))
    grids = read_workbook(path, "form.xlsx")
    read = read_answers(grids, read_meta(grids, "form.xlsx"), SCHOOL, "form.xlsx")
    assert [d for d in read.diagnostics if d.is_error] == []
    return read.review


def _load(text: str) -> Review:
    review = to_model(parse_yaml(text, "review.yaml"), Review)
    assert review is not None
    return review


# Each example writes and reads a workbook and a review file (about half a second): a few in
# CI, many more under `make fuzz`.
@settings(max_examples=examples(8), deadline=timedelta(seconds=20))
@given(review=_reviews())
def test_yaml_to_form_to_yaml_keeps_every_answer_exactly(review, tmp_path_factory):
    """YAML -> form -> YAML is the identity, line breaks and blank lines included."""
    in_yaml = _load(render_review(review, SCHOOL))
    assert _answers(in_yaml) == _answers(review)
    returned = _through_a_form(in_yaml, tmp_path_factory.mktemp("form"))
    assert _answers(returned) == _answers(in_yaml)
    # Importing the form back into its own YAML file changes nothing...
    assert changes(in_yaml, returned, SCHOOL) == []
    # ...and importing it into a blank review writes every answer exactly.
    blank = Review(framework=SCHOOL.id, framework_version=SCHOOL.version, cycle=CYCLE)
    blank_text = render_review(blank, SCHOOL)
    written = update_text(blank_text, returned, changes(_load(blank_text), returned, SCHOOL))
    assert _answers(_load(written)) == _answers(in_yaml)


# ---- line breaks, by example ----------------------------------------------------------------


def test_a_two_line_answer_shows_on_two_lines_and_comes_back_exactly(tmp_path):
    responses = {sid: Response() for sid in SCHOOL.statement_ids}
    responses["leadership-1"] = Response(
        rating="green",
        strengths="Vision is in the SDP.\nStaff know it.\n\n- governors\n  - link governor",
        evidence=["SEND policy", "SDP"],
    )
    review = Review(framework=SCHOOL.id, cycle=CYCLE, academy="oak", responses=responses)
    returned = _through_a_form(review, tmp_path)
    assert returned.responses["leadership-1"] == responses["leadership-1"]
    sheet = load_workbook(tmp_path / "form.xlsx")["Leadership of SEND"]
    row = next(r for r in range(1, 20) if sheet.cell(r, COLUMNS["ref"]).value == "leadership-1")
    assert sheet.cell(row, COLUMNS["strengths"]).value == responses["leadership-1"].strengths
    assert sheet.cell(row, COLUMNS["evidence"]).value == "SEND policy\nSDP"  # one a line


def test_evidence_items_with_line_breaks_are_marked_with_dashes():
    items = ["SEND policy\n(governors, March 2026)", "SDP", "Provision map"]
    cell = evidence_cell(items)
    assert cell == "- SEND policy\n  (governors, March 2026)\n- SDP\n- Provision map"
    assert evidence_of(cell) == items
    # One item alone, a blank line or a "- " of its own inside an item: still exact.
    for odd in (["one\ntwo"], ["Minutes\n\n- March\n  indented"], ["- dashed", "plain"]):
        assert evidence_of(evidence_cell(odd)) == odd
    # Without the dash, every line is an item, as the heading says.
    assert evidence_of("SEND policy\r\nSDP\n\n  Provision map  ") == [
        "SEND policy",
        "SDP",
        "Provision map",
    ]
    # Typed by a person: lines below a dash belong to its item, indented or not.
    assert evidence_of("- SEND policy\n(governors)\n- SDP") == ["SEND policy\n(governors)", "SDP"]


def test_line_breaks_typed_in_excel_arrive_in_the_yaml(cli, example_repo):
    """Alt+Enter in Excel, a paste from Word with Windows line ends: the lines stay lines."""
    form = make_form(cli, example_repo)

    def senco(workbook):
        answer(workbook, "leadership-3", "strengths", "Vision is in the SDP.\r\nStaff know it.  ")
        answer(
            workbook,
            "leadership-3",
            "evidence",
            "- SEND policy\r\n(governors, March)\r\n- SDP",
        )
        answer(workbook, "leadership-3", "areas_for_development", "First.\n\n\nAfter gaps.")

    edit(form, senco)
    result = cli("import", form, example_repo, "--force")
    assert result.exit_code == 0, result.output
    text = (example_repo / REVIEW).read_text(encoding="utf-8")
    assert "      Vision is in the SDP.\n      Staff know it.\n" in text
    response = _load(text).responses["leadership-3"]
    assert response.strengths.rstrip("\n") == "Vision is in the SDP.\nStaff know it."
    assert response.areas_for_development.rstrip("\n") == "First.\n\n\nAfter gaps."
    assert response.evidence == ["SEND policy\n(governors, March)", "SDP"]
    again = cli("import", form, example_repo)
    assert again.exit_code == 0
    assert "nothing to change" in again.stderr


# ---- showing and printing every word --------------------------------------------------------

_SENTENCE = (
    "Pupils with SEND are known well by staff, and their plans are reviewed each term "
    "with their families, who say that they feel listened to. "
)
_LAST = "and that is why governors now ask sharper questions"
#: About twenty lines in an answer column: its row is as tall as that, and no taller.
_PARAGRAPH = _SENTENCE * 5 + _LAST + "."
_LAST_OF_ALL = "which is the last sentence of a very long answer"
#: Longer than Excel's tallest row can show in an answer column of the usual width.
_VERY_LONG = _SENTENCE * 20 + _LAST_OF_ALL + "."


def _long_form(tmp_path: Path) -> Path:
    responses = {sid: Response() for sid in SCHOOL.statement_ids}
    responses["leadership-1"] = Response(rating="amber", strengths=_PARAGRAPH)
    responses["teaching-1"] = Response(rating="green", strengths=_VERY_LONG)
    plans = {
        "leadership": ActionPlan(
            summary=_PARAGRAPH, actions=[Action(action=_PARAGRAPH, owner="SENCO")]
        )
    }
    review = Review(
        framework=SCHOOL.id, cycle=CYCLE, academy="oak", responses=responses, action_plans=plans
    )
    path = tmp_path / "form.xlsx"
    path.write_bytes(build_workbook(FormSource("Trust", SCHOOL, review, "Oak Primary")))
    return path


def _row(sheet, statement_id: str) -> int:
    return next(r for r in range(1, 20) if sheet.cell(r, COLUMNS["ref"]).value == statement_id)


def test_rows_are_as_tall_as_their_text_and_answer_rows_can_grow(tmp_path):
    path = _long_form(tmp_path)
    workbook = load_workbook(path)
    sheet = workbook["Leadership of SEND"]
    row = _row(sheet, "leadership-1")
    width = sheet.column_dimensions["D"].width
    assert width == 31  # the usual width: the paragraph fits
    assert sheet.row_dimensions[row].height >= row_height([(_PARAGRAPH, width)], spare_lines=2)
    assert sheet.row_dimensions[row].height > row_height([("short", width)]) * 10
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet2.xml").decode()
    # Answer rows have a height but not a fixed one, so Excel grows them as people type.
    answer_row = re.search(rf'<row r="{row}"[^>]*>', xml).group(0)
    assert "ht=" in answer_row
    assert "customHeight" not in answer_row
    # Too long for Excel's tallest row (409 points) at that width: the column is widened.
    teaching = workbook["High Quality Adaptive Teaching"]
    assert teaching.column_dimensions["D"].width > 31
    assert teaching.column_dimensions["E"].width == 31
    assert teaching.row_dimensions[_row(teaching, "teaching-1")].height <= 409
    for sheet in workbook.worksheets[:-1]:
        setup = sheet.page_setup
        assert (setup.paperSize, setup.orientation, setup.fitToWidth) == (9, "landscape", 1)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows, sheet.title


def _pages(pdf: Path) -> list[list[tuple[str, float]]]:
    """Each page of the PDF: its words and the height of each word's box, in points."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    word = r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>'
    return [
        [
            (html.unescape(w), float(y_max) - float(y_min))
            for y_min, y_max, w in re.findall(word, page)
        ]
        for page in bbox.split("<page ")[1:]
    ]


def test_libreoffice_prints_every_word_on_a4_at_a_readable_size(tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed: apt-get install poppler-utils")
    pdf = soffice_convert(_long_form(tmp_path), tmp_path, "pdf")
    data = pdf.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes
    for width, height in boxes:  # A4 landscape: 297 x 210 mm
        assert (round(float(width)), round(float(height))) == (842, 595)
    pages = _pages(pdf)
    text = " ".join(word for page in pages for word, _ in page)
    # Every answer is printed to its last words: strengths, summary and action, and the
    # very long answer in its widened column.
    assert text.count(_LAST) == 3
    assert text.count(_LAST_OF_ALL) == 1
    for page in pages:
        words = [word for word, _ in page]
        # Each page is headed with its sheet's title, and an area sheet's pages repeat the
        # column headings.
        assert " ".join(words).startswith(("School SEND Review", "Action plan", *SHEETS))
        if set(words) & set(SCHOOL.statement_ids):
            assert {"Ref", "Statement", "Rating"} <= set(words)
        # Fitted to the page's width, text is 9 point or more: a word's box is about 1.16
        # times the font size (in DejaVu Sans, LibreOffice's stand-in for Calibri). Only
        # the sheet with the widened column may print smaller.
        if not " ".join(words).startswith("High Quality Adaptive Teaching"):
            assert min(height for _, height in page) / 1.16 >= 9, words[:8]


def test_line_breaks_survive_a_libreoffice_save(tmp_path):
    responses = {sid: Response() for sid in SCHOOL.statement_ids}
    responses["leadership-1"] = Response(
        rating="green",
        strengths="Vision is in the SDP.\nStaff know it.\n\nGovernors too.",
        evidence=["SEND policy\n(governors)", "SDP"],
    )
    review = Review(framework=SCHOOL.id, cycle=CYCLE, academy="oak", responses=responses)
    path = tmp_path / "form.xlsx"
    path.write_bytes(build_workbook(FormSource("Trust", SCHOOL, review, "Oak Primary")))
    resaved = soffice_convert(path, tmp_path / "lo", "xlsx")
    grids = read_workbook(resaved, "form.xlsx")
    read = read_answers(grids, read_meta(grids, "form.xlsx"), SCHOOL, "form.xlsx")
    assert read.review.responses["leadership-1"] == responses["leadership-1"]


def test_a_line_break_moved_inside_an_evidence_item_is_a_change():
    """Evidence items keep their own line breaks, so moving one is imported, not ignored."""
    before = Review(
        framework=SCHOOL.id,
        cycle=CYCLE,
        academy="oak",
        responses={"leadership-1": Response(evidence=["SEND policy (governors)", "SDP"])},
    )
    after = before.model_copy(
        update={
            "responses": {"leadership-1": Response(evidence=["SEND policy\n(governors)", "SDP"])}
        }
    )
    found = changes(before, after, SCHOOL)
    assert [c.path for c in found] == [("responses", "leadership-1", "evidence")]
    assert changes(after, after, SCHOOL) == []
