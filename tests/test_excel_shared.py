"""One look and one safety rule for every workbook: a form and a report agree.

A SENCO fills in a form and the director of SEND reads the report; both come from
:mod:`sendreview.excel`, so a rating is painted alike in both and text typed in either never
becomes a formula.
"""

from __future__ import annotations

import io
import zipfile
from itertools import product

import pytest
from openpyxl import Workbook, load_workbook

from conftest import EXAMPLE
from formtools import SCHOOL, soffice_resave
from sendreview.excel.colour import INK, WHITE, contrast, text_colour
from sendreview.excel.text import FORMULA_START
from sendreview.forms.meta import read_meta
from sendreview.forms.opening import read_workbook
from sendreview.forms.reader import read_answers
from sendreview.forms.values import reflow
from sendreview.forms.writer import FormSource, build_workbook
from sendreview.model import Response, Review
from sendreview.model.review import Action, ActionPlan
from sendreview.model.trust_view import TrustView
from sendreview.render.reports import ReportRequest, render
from sendreview.trust_view.aggregate import aggregate

#: Text a spreadsheet would take for a formula: each of Excel's formula starts.
UNSAFE = [f"{start}SUM(A1) and more" for start in FORMULA_START] + ['=HYPERLINK("x","y")']


@pytest.fixture(scope="module")
def view() -> TrustView:
    return aggregate(EXAMPLE, "2026-autumn")


def _form(review: Review) -> Workbook:
    return load_workbook(io.BytesIO(build_workbook(FormSource("Trust", SCHOOL, review, "Oak"))))


def _unsafe_view(view: TrustView) -> TrustView:
    """The example trust with each unsafe text as a statement's wording and as strengths."""
    unsafe = view.model_copy(deep=True)
    for statement, text in zip(unsafe.statements, UNSAFE, strict=False):
        statement.text = text
        statement.strengths["castlegate-academy"] = text
    return unsafe


def _looks(rules: list) -> dict[str, tuple[str, str]]:
    """(fill, text colour) of each rule, by the rating label in its formula."""
    out = {}
    for rule in rules:
        label = next(level.label for level in SCHOOL.rating_scale if level.label in rule.formula[0])
        out[label] = (rule.dxf.fill.fgColor.rgb[-6:], rule.dxf.font.color.rgb[-6:])
    return out


def test_text_colour_is_the_better_contrast_on_every_colour():
    for red, green, blue in product("0123456789ABCDEF", repeat=3):
        colour = f"#{red}{red}{green}{green}{blue}{blue}"
        chosen = text_colour(colour)
        other = INK if chosen == WHITE else WHITE
        assert contrast(colour, chosen) >= contrast(colour, other), colour
        assert contrast(colour, chosen) >= 4.5, colour


def test_a_form_and_a_report_paint_each_rating_alike(view):
    form = _form(Review(framework=SCHOOL.id, cycle="2026-autumn", academy="oak"))
    sheet = form["Leadership of SEND"]
    in_form = _looks([r for rng in sheet.conditional_formatting for r in rng.rules])
    report = load_workbook(io.BytesIO(render("xlsx", ReportRequest(view=view))))
    academy = report["Castlegate Academy"]
    in_report = _looks([r for rng in academy.conditional_formatting for r in rng.rules])
    assert set(in_form) == {level.label for level in SCHOOL.rating_scale}
    assert in_form == in_report
    for level in SCHOOL.rating_scale:
        fill, ink = in_form[level.label]
        assert fill == level.colour.lstrip("#").upper()
        assert f"#{ink}" == text_colour(level.colour)
    # The rating scale on the form's first sheet is painted the same way.
    labels = {c.value: c for c in form["Instructions"]["A"] if c.value}
    for level in SCHOOL.rating_scale:
        cell = labels[level.label]
        assert cell.fill.fgColor.rgb[-6:] == in_form[level.label][0]
        assert cell.font.color.rgb[-6:] == in_form[level.label][1]


def _no_formulas(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name), name
                assert b"<f " not in archive.read(name), name


def _guarded(workbook: Workbook, texts: list[str]) -> None:
    """Each of ``texts`` is in the workbook, and every cell that starts like a formula holds
    text with the quote prefix that keeps it text when someone edits it."""
    cells = [
        cell
        for ws in workbook.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START)
    ]
    assert set(texts) <= {cell.value for cell in cells}
    for cell in cells:
        assert cell.data_type == "s", cell.value
        assert cell.quotePrefix, cell.value


def _unsafe_review() -> Review:
    return Review(
        framework=SCHOOL.id,
        cycle="2026-autumn",
        academy="oak",
        responses={
            f"leadership-{n}": Response(strengths=text) for n, text in enumerate(UNSAFE, start=1)
        },
        action_plans={"leadership": ActionPlan(summary=UNSAFE[0], actions=[Action(action="=A1")])},
    )


def test_no_user_text_becomes_a_formula_in_a_form():
    data = build_workbook(FormSource("Trust", SCHOOL, _unsafe_review(), "Oak"))
    _no_formulas(data)
    shown = [reflow(text) for text in UNSAFE]  # a form drops a blank first line ("\r")
    texts = [text for text in shown if text.startswith(FORMULA_START)]
    assert len(texts) == len(UNSAFE) - 1
    _guarded(load_workbook(io.BytesIO(data)), [*texts, "=A1"])


def test_formula_looking_answers_survive_a_libreoffice_save(tmp_path):
    form = tmp_path / "oak.xlsx"
    form.write_bytes(build_workbook(FormSource("Trust", SCHOOL, _unsafe_review(), "Oak")))
    resaved = soffice_resave(form, tmp_path / "lo")
    _no_formulas(resaved.read_bytes())
    grids = read_workbook(resaved, resaved.name)
    review = read_answers(grids, read_meta(grids, resaved.name), SCHOOL, resaved.name).review
    for n, text in enumerate(UNSAFE, start=1):
        assert review.responses[f"leadership-{n}"].strengths == reflow(text)
    assert review.action_plans["leadership"].actions[0].action == "=A1"


def test_no_user_text_becomes_a_formula_in_a_report(view):
    data = render("xlsx", ReportRequest(view=_unsafe_view(view)))
    _no_formulas(data)
    _guarded(load_workbook(io.BytesIO(data)), UNSAFE)
