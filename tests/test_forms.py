"""``sendreview form``: the workbook a SENCO fills in, and the exact round trip back.

Layers: cli for ``sendreview form`` and its workbooks; unit for the form's cells, dates, ratings
and YAML update, called directly.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import digest, examples
from formtools import ALDER, COLUMNS, CYCLE, SCHOOL, make_form, row_of
from sendreview.excel.sheet_names import sheet_name as sheet_title
from sendreview.excel.text import EXCEL_CELL_LIMIT
from sendreview.forms.compare import answers_of, changes
from sendreview.forms.layout import FORMAT, META_SHEET, cell_ref
from sendreview.forms.meta import read_meta
from sendreview.forms.opening import read_workbook
from sendreview.forms.reader import FORM_CODES, read_answers
from sendreview.forms.values import (
    Choice,
    clean_text,
    match_choice,
    parse_date,
    reflow,
    wrap_paragraphs,
)
from sendreview.forms.writer import FormSource, build_workbook
from sendreview.forms.yamlupdate import update_text
from sendreview.model import Response, Review
from sendreview.model.review import Action, ActionPlan
from sendreview.source.loader import to_model
from sendreview.source.review_writer import render_review
from sendreview.source.yaml_reader import parse_yaml

# ---- the command ------------------------------------------------------------------------


def test_form_writes_one_workbook_per_academy_and_never_overwrites(cli, example_repo, tmp_path):
    out = tmp_path / "forms"
    result = cli("form", example_repo, "--cycle", CYCLE, "-o", out)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        f"{a}-{CYCLE}.xlsx"
        for a in (
            "alder-brook-primary",
            "castlegate-academy",
            "fernhill-all-through",
            "saltmarsh-primary",
            "willowmere-school",
        )
    ]
    assert "5 forms written" in result.stdout
    before = digest(out)
    again = cli("form", example_repo, "--cycle", CYCLE, "-o", out)
    assert again.exit_code == 2
    assert "already there" in again.stderr
    assert "--force" in again.stderr
    assert digest(out) == before
    assert cli("form", example_repo, "--cycle", CYCLE, "-o", out, "--force").exit_code == 0


def test_default_folder_is_forms_and_cycle(cli, example_repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("form", example_repo, "--cycle", CYCLE, "--academy", ALDER)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "forms" / CYCLE / f"{ALDER}-{CYCLE}.xlsx").is_file()


def test_unknown_academy_and_bad_cycle_are_refused(cli, example_repo, tmp_path):
    result = cli("form", example_repo, "--cycle", CYCLE, "--academy", "oak", "-o", tmp_path)
    assert result.exit_code == 2
    assert "'oak' is not an academy" in result.stderr
    assert "Traceback" not in result.output
    result = cli("form", example_repo, "--cycle", "Autumn 2026", "-o", tmp_path)
    assert result.exit_code == 2
    assert "not a cycle name" in result.stderr
    result = cli(
        "form",
        example_repo,
        "--cycle",
        "2027-spring",
        "--from-cycle",
        "2020-summer",
        "-o",
        tmp_path,
    )
    assert result.exit_code == 2
    assert "2020-summer" in result.stderr


def test_workbook_layout(cli, example_repo):
    workbook = load_workbook(make_form(cli, example_repo))
    assert workbook.sheetnames == [
        "Instructions",
        "Leadership of SEND",
        "High Quality Adaptive Teaching",
        "Implementation of the Graduated",
        "Identification, Assessment",
        "Action plan",
        META_SHEET,
    ]
    assert workbook[META_SHEET].sheet_state == "hidden"
    assert workbook.active.title == "Instructions"
    sheet, row = row_of(workbook, "leadership-1")
    assert sheet.title == "Leadership of SEND"
    # Pre-filled from the academy's YAML, ratings by their label.
    assert sheet.cell(row, COLUMNS["rating"]).value == "Green"
    # Exactly the YAML's text, its line breaks included (they used to be joined).
    yaml_file = example_repo / "reviews" / CYCLE / f"{ALDER}.yaml"
    written = to_model(parse_yaml(yaml_file.read_text("utf-8"), "alder.yaml"), Review)
    assert written is not None
    strengths = written.responses["leadership-1"].strengths
    assert "\n" in strengths.strip()
    assert sheet.cell(row, COLUMNS["strengths"]).value == clean_text(strengths)
    # The statement is locked, the answers are open, and the sheet is protected so that
    # columns can still be widened and hidden.
    assert sheet.protection.sheet
    assert sheet.protection.formatColumns is False
    assert sheet.cell(row, COLUMNS["statement"]).protection.locked
    for key in ("rating", "strengths", "areas_for_development", "evidence", "not_applicable"):
        assert not sheet.cell(row, COLUMNS[key]).protection.locked, key
        assert sheet.cell(row, COLUMNS[key]).alignment.wrap_text
    assert sheet.column_dimensions["D"].width >= 30


def test_ratings_have_a_drop_down_of_labels_and_coloured_text_labels(cli, example_repo):
    sheet = load_workbook(make_form(cli, example_repo))["Leadership of SEND"]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert [v.formula1 for v in lists] == ['"Red,Amber,Green"']
    assert "C6" in lists[0].sqref
    assert "C12" in lists[0].sqref
    rules = [rule for rng in sheet.conditional_formatting for rule in rng.rules]
    assert [r.formula for r in rules] == [['"Red"'], ['"Amber"'], ['"Green"']]
    assert rules[0].dxf.fill.fgColor.rgb.endswith("B3261E")


def test_action_plan_sheet_has_drop_downs_and_a_date_check(cli, example_repo):
    sheet = load_workbook(make_form(cli, example_repo))["Action plan"]
    validations = {f"{v.type}:{v.formula1}": v for v in sheet.data_validations.dataValidation}
    assert '"High,Medium,Low"' in {v.formula1 for v in validations.values()}
    assert '"Not started,In progress,Done"' in {v.formula1 for v in validations.values()}
    # An area title holds a comma, so the area list is kept in the hidden sheet.
    area = next(v for v in validations.values() if v.formula1.startswith(META_SHEET))
    assert "A5" in area.sqref
    date = next(v for v in validations.values() if v.type == "date")
    assert "D5" in date.sqref
    assert sheet["B5"].value.startswith("Each foundation subject leader completes")
    assert sheet["D5"].value == dt.datetime(2027, 3, 26)
    assert not sheet["B50"].protection.locked  # room for new actions
    assert not sheet.column_dimensions["B"].protection.locked  # and beyond
    assert "D500" in str(date.sqref) or "D504" in str(date.sqref)


def test_metadata_is_in_a_hidden_sheet_that_survives_a_re_save(cli, example_repo):
    workbook = load_workbook(make_form(cli, example_repo))
    meta = workbook[META_SHEET]
    values = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, 15)}
    assert values["format"] == FORMAT
    assert values["trust"] == "Larkspur Learning Trust"
    assert (values["framework"], values["framework_version"]) == ("school-send-review", "1")
    assert (values["cycle"], values["academy"]) == (CYCLE, ALDER)
    statements = [
        meta.cell(r, 2).value
        for r in range(1, meta.max_row + 1)
        if meta.cell(r, 1).value == "statement"
    ]
    assert statements == SCHOOL.statement_ids


def test_trust_level_form(cli, example_repo, tmp_path):
    result = cli("form", example_repo, "--cycle", CYCLE, "--academy", "trust", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    workbook = load_workbook(tmp_path / f"trust-{CYCLE}.xlsx")
    assert workbook.sheetnames[1:6] == [
        "Leadership",
        "Identification",
        "Tracking and Monitoring",
        "High Quality Teaching",
        "Developing Provision",
    ]
    assert workbook["Leadership"]["D5"].value == "Current examples of strengths"


def test_from_cycle_carries_answers_forward(cli, example_repo, tmp_path):
    result = cli(
        "form",
        example_repo,
        "--cycle",
        "2027-spring",
        "--from-cycle",
        CYCLE,
        "--academy",
        ALDER,
        "-o",
        tmp_path,
    )
    assert result.exit_code == 0, result.output
    assert "carried forward from" in result.stdout
    path = tmp_path / f"{ALDER}-2027-spring.xlsx"
    grids = read_workbook(path, path.name)
    meta = read_meta(grids, path.name)
    review = read_answers(grids, meta, SCHOOL, path.name).review
    assert meta.cycle == "2027-spring"
    assert review.responses["leadership-4"].rating == "amber"
    assert review.review_date is None  # a new review has its own date
    assert review.action_plans["leadership"].actions


def test_user_text_never_becomes_a_formula():
    texts = [
        '=HYPERLINK("http://example.org","click")',
        "+44 1632 960000",
        "-3 points",
        "@SUM(A1)",
        "=1+1",
    ]
    review = Review(
        framework=SCHOOL.id,
        cycle=CYCLE,
        academy="oak",
        responses={"leadership-1": Response(strengths=texts[0], evidence=texts[1:])},
        action_plans={
            "leadership": ActionPlan(summary="=2*3", actions=[Action(action="=A1", owner="+SENCO")])
        },
    )
    data = build_workbook(FormSource("Trust", SCHOOL, review, "Oak"))
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        xml = "".join(
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        )
    assert "<f>" not in xml
    assert "<f " not in xml
    workbook = load_workbook(__import__("io").BytesIO(data))
    sheet, row = row_of(workbook, "leadership-1")
    assert sheet.cell(row, COLUMNS["strengths"]).data_type == "s"
    assert sheet.cell(row, COLUMNS["strengths"]).value == texts[0]


def test_answer_too_long_for_a_cell_is_refused_by_name(cli, example_repo, tmp_path):
    review = example_repo / "reviews" / CYCLE / f"{ALDER}.yaml"
    text = review.read_text(encoding="utf-8")
    review.write_text(
        text.replace("rating: green", "rating: green\n    # long\n", 1).replace(
            "    strengths: |\n      Our SEND vision",
            f"    strengths: |\n      {'x' * (EXCEL_CELL_LIMIT + 1)}\n      Our SEND vision",
            1,
        ),
        encoding="utf-8",
    )
    result = cli("form", example_repo, "--cycle", CYCLE, "--academy", ALDER, "-o", tmp_path)
    assert result.exit_code == 2
    assert "leadership-1 strengths" in result.stderr
    assert "32,767" in result.stderr
    assert not list(tmp_path.glob("*.xlsx"))


def test_importing_cli_does_not_load_excel_or_ruamel():
    code = (
        "import sys, sendreview.cli; "
        "print(any(m.split('.')[0] in ('openpyxl', 'ruamel') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_lists_the_two_commands(cli):
    result = cli("--help")
    assert "form" in result.stdout
    assert "import" in result.stdout


def test_form_codes_are_in_the_catalogue():
    from sendreview.codes import CODES

    assert {c: t for c, t in CODES.items() if c.startswith("SR6")} == FORM_CODES
    assert sorted(FORM_CODES) == ["SR601", "SR602", "SR603", "SR604", "SR605"]


# ---- reading values the way people type them ---------------------------------------------


@pytest.mark.parametrize("typed", ["Green", "green", "G", "g", "Green ", " GREEN", "green\n"])
def test_a_rating_can_be_typed_many_ways(typed):
    choices = [Choice("red", "Red", "R"), Choice("green", "Green", "G")]
    assert match_choice(typed, choices) == choices[1]


@pytest.mark.parametrize("typed", ["Gren", "Greenish", "GR", ""])
def test_a_rating_typo_matches_nothing(typed):
    assert match_choice(typed, [Choice("green", "Green", "G")]) is None


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("12/02/2027", dt.date(2027, 2, 12)),
        ("12/2/27", dt.date(2027, 2, 12)),
        ("12.02.2027", dt.date(2027, 2, 12)),
        ("2027-02-12", dt.date(2027, 2, 12)),
        ("12 February 2027", dt.date(2027, 2, 12)),
        ("12th Feb 2027", dt.date(2027, 2, 12)),
        (dt.datetime(2027, 2, 12, 0, 0), dt.date(2027, 2, 12)),
        (46430, dt.date(2027, 2, 12)),
        ("", None),
        (None, None),
    ],
)
def test_dates_typed_or_real(typed, expected):
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2027", "next Tuesday", "2027-13-01", 12, "12/02"])
def test_impossible_dates_are_refused(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_pasted_text_keeps_its_characters_but_not_stray_spaces():
    pasted = "\r\n“Quoted” – dash\u00a0 \r\n• bullet one   \r\n\t• bullet two\r\n\r\n"
    assert clean_text(pasted) == "“Quoted” – dash\n• bullet one\n\t• bullet two"
    assert clean_text("line_x000D_\nnext") == "line\nnext"  # how Excel stores a CR


def test_sheet_titles_are_legal_and_unique():
    taken = {"Instructions"}
    assert sheet_title("Sensory/physical: [needs]?", taken) == "Sensory physical needs"
    assert sheet_title("Instructions", taken) == "Instructions (2)"
    assert len(sheet_title("x" * 40, taken)) == 31
    assert cell_ref("Leadership", 7, 3) == "Leadership!C7"
    assert cell_ref("Leadership of SEND", 7, 28) == "'Leadership of SEND'!AB7"


# ---- the round trip, over generated reviews -----------------------------------------------

_EXCEL_AND_YAML = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[
        chr(c)
        for c in [
            *range(0, 9),
            11,
            12,
            *range(14, 32),
            127,
            *range(0x80, 0x85),
            *range(0x86, 0xA0),
            0xFEFF,
            0xFFFE,
            0xFFFF,
        ]
    ],
)
_TEXT = st.text(_EXCEL_AND_YAML, max_size=120)
_LINE = st.text(_EXCEL_AND_YAML.filter(lambda c: c not in "\r\n"), min_size=1, max_size=40)
_LONG = st.integers(EXCEL_CELL_LIMIT - 40, EXCEL_CELL_LIMIT).map(
    lambda n: ("Pupils’ “voice” – é 你好 🎓\n• item " * 1000)[:n]
)
_ANSWER = st.one_of(_TEXT, _TEXT, _TEXT, _LONG, st.just(""))


@st.composite
def responses(draw: st.DrawFn) -> Response:
    kind = draw(st.sampled_from(["empty", "rated", "rated", "not applicable"]))
    return Response(
        rating=draw(st.sampled_from(SCHOOL.rating_ids)) if kind == "rated" else None,
        not_applicable=draw(_LINE) if kind == "not applicable" else None,
        strengths=draw(_ANSWER) if kind != "empty" else "",
        areas_for_development=draw(_TEXT),
        evidence=draw(st.lists(_LINE, max_size=3)),
    )


@st.composite
def actions(draw: st.DrawFn) -> Action:
    return Action(
        action=draw(_TEXT),
        owner=draw(_LINE),
        due=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))),
        priority=draw(st.sampled_from([None, "high", "medium", "low"])),
        status=draw(st.sampled_from(["not-started", "in-progress", "done"])),
        statements=draw(st.lists(st.sampled_from(SCHOOL.statement_ids), max_size=3)),
        success_criteria=draw(_TEXT),
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    ids = SCHOOL.statement_ids
    chosen = draw(st.lists(st.sampled_from(ids), unique=True, max_size=8))
    plans = {}
    for area in draw(st.lists(st.sampled_from([a.id for a in SCHOOL.areas]), unique=True)):
        plans[area] = ActionPlan(summary=draw(_TEXT), actions=draw(st.lists(actions(), max_size=2)))
    return Review(
        framework=SCHOOL.id,
        framework_version=SCHOOL.version,
        cycle=CYCLE,
        academy="oak",
        review_date=draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))),
        completed_by=draw(st.lists(_LINE, max_size=3)),
        moderated_by=draw(st.none() | _LINE),
        responses={sid: draw(responses()) if sid in chosen else Response() for sid in ids},
        action_plans=plans,
    )


# Each example writes and reads a workbook, or updates a whole review through ruamel.yaml
# (about a second): a few in CI, many more under `make fuzz`.
_SLOW = settings(max_examples=examples(6), deadline=timedelta(seconds=20))


@_SLOW
@given(review=reviews())
def test_review_to_form_and_back_is_lossless(review, tmp_path_factory):
    path = tmp_path_factory.mktemp("form") / "form.xlsx"
    path.write_bytes(build_workbook(FormSource("Trust", SCHOOL, review, "Oak Primary")))
    grids = read_workbook(path, "form.xlsx")
    meta = read_meta(grids, "form.xlsx")
    answers = read_answers(grids, meta, SCHOOL, "form.xlsx")
    assert [d for d in answers.diagnostics if d.is_error] == []
    assert answers_of(answers.review) == answers_of(review)
    assert changes(review, answers.review, SCHOOL) == []


@_SLOW
@given(old=reviews(), new=reviews())
def test_yaml_update_writes_the_new_answers_and_keeps_every_comment(old, new):
    text = render_review(old, SCHOOL)
    before = to_model(parse_yaml(text, "old.yaml"), Review)
    assert before is not None
    out = update_text(text, new, changes(before, new, SCHOOL))
    doc = parse_yaml(out, "new.yaml")
    after = to_model(doc, Review)
    assert after is not None, doc.diagnostics
    assert answers_of(after) == answers_of(new)
    comments = [line.strip() for line in out.splitlines() if line.lstrip().startswith("#")]
    statement_comments = [
        line.strip() for line in text.splitlines() if line.lstrip().startswith("# ")
    ]
    for line in statement_comments:
        assert line in comments


@given(text=_TEXT)
def test_reflow_is_stable(text):
    once = reflow(text)
    assert reflow(once) == once
    assert clean_text(once) == once
    assert reflow(wrap_paragraphs(text)) == once


def test_the_example_trust_round_trips_through_its_forms(cli, example_repo, tmp_path):
    out = tmp_path / "forms"
    assert cli("form", example_repo, "--cycle", CYCLE, "-o", out).exit_code == 0
    before = digest(example_repo)
    for path in sorted(out.iterdir()):
        result = cli("import", path, example_repo)
        assert result.exit_code == 0, result.output
        assert "nothing to change" in result.stderr
    assert digest(example_repo) == before


def test_a_form_from_an_empty_cell_file(tmp_path):
    """A blank scaffolded review makes a blank form that reads back as blank."""
    review = Review(framework=SCHOOL.id, cycle=CYCLE, academy="oak")
    path = tmp_path / "blank.xlsx"
    path.write_bytes(build_workbook(FormSource("Trust", SCHOOL, review, "Oak")))
    grids = read_workbook(path, path.name)
    answers = read_answers(grids, read_meta(grids, path.name), SCHOOL, path.name)
    assert answers_of(answers.review) == answers_of(review)
    assert Path(path).stat().st_size < 60_000
