"""``form --moderation`` and ``import`` of a moderation form: the moderator's Excel round trip.

A moderator gets each area's statements with the academy's own answers locked and greyed, and
fills in a rating and a comment; ``import`` writes them to the moderation file beside the
review, with the same care as a review form.

Layer: cli (every test runs sendreview commands), with the workbook opened by openpyxl as
Excel would.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import validate_json
from formtools import ALDER, CYCLE, edit, run_import, soffice_resave
from sendreview.forms.layout import META_SHEET
from sendreview.forms.moderation_layout import MODERATOR_DETAILS
from sendreview.model.moderation import Moderation
from sendreview.source.loader import load_model

MODERATION = Path("reviews") / CYCLE / "moderation"
NLE = "External reviewer (NLE)"


@pytest.fixture
def repo(example_repo: Path) -> Path:
    """The example trust with no moderation yet, so every test starts from the same place."""
    shutil.rmtree(example_repo / MODERATION, ignore_errors=True)
    return example_repo


def moderation_form(cli, repo: Path, academy: str = ALDER, *extra: str) -> Path:
    out = repo.parent / "forms"
    result = cli(
        "form", repo, "--cycle", CYCLE, "--academy", academy, "--moderation", "-o", out, *extra
    )
    assert result.exit_code == 0, result.output
    return out / f"{academy}-{CYCLE}-moderation.xlsx"


def cell_of(workbook: Workbook, statement_id: str, heading: str):
    """A statement's cell under ``heading``, wherever its row and column have moved to."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value == statement_id and cell.column == 1:
                    header = next(
                        r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Ref"
                    )
                    column = next(
                        c
                        for c in range(1, sheet.max_column + 1)
                        if sheet.cell(header, c).value == heading
                    )
                    return sheet.cell(cell.row, column)
    raise AssertionError(statement_id)


def rate(workbook: Workbook, statement_id: str, rating: str, comment: str | None = None) -> str:
    cell = cell_of(workbook, statement_id, "Your rating")
    cell.value = rating
    if comment is not None:
        text = cell_of(workbook, statement_id, "Your comment")
        text.value = comment
        text.data_type = "s"  # typed, as Excel keeps text that starts with '='
    return f"'{cell.parent.title}'!{cell.coordinate}"


def moderator(workbook: Workbook, key: str, value: object) -> None:
    label = next(d.label for d in MODERATOR_DETAILS if d.key == key)
    sheet = workbook["Moderation"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
    sheet.cell(row, 2).value = value


def moderation_of(repo: Path, academy: str = ALDER) -> Moderation:
    found, doc = load_model(repo / MODERATION / f"{academy}.yaml", Moderation, "moderation")
    assert found is not None, [d.message for d in doc.diagnostics]
    return found


def fill_in(workbook: Workbook) -> None:
    """What a moderator types: details, two ratings that differ from the academy's, one
    that agrees, and a comment over lines that starts like a formula."""
    moderator(workbook, "role", NLE)
    moderator(workbook, "name", "A. Reviewer")
    moderator(workbook, "academy", "Castlegate Academy")
    moderator(workbook, "date", "20/11/2026")
    moderator(workbook, "summary", "A fair self-review.\n\nLeadership is a little generous.")
    rate(workbook, "leadership-1", "Green", "Agreed.")
    rate(workbook, "leadership-2", "amber", "=Not yet at every meeting\n- minutes seen")
    rate(workbook, "teaching-1", "R")


# ---- the round trip ----------------------------------------------------------------------------


def test_what_the_moderator_types_is_what_the_file_holds(cli, repo):
    form = edit(moderation_form(cli, repo, ALDER, "--by", NLE), fill_in)
    result = run_import(cli, form, repo)
    assert result.exit_code == 0, result.output
    assert f"created {(repo / MODERATION / ALDER).as_posix()}.yaml" in result.stderr
    moderation = moderation_of(repo)
    assert moderation.moderator.model_dump() == {
        "role": NLE,
        "name": "A. Reviewer",
        "academy": "castlegate-academy",
    }
    assert moderation.date == dt.date(2026, 11, 20)
    assert moderation.summary == "A fair self-review.\n\nLeadership is a little generous."
    answered = {k: r for k, r in moderation.responses.items() if r.rating or r.comment}
    assert {k: (r.rating, r.comment) for k, r in answered.items()} == {
        "leadership-1": ("green", "Agreed."),
        "leadership-2": ("amber", "=Not yet at every meeting\n- minutes seen"),
        "teaching-1": ("red", ""),
    }
    assert (moderation.framework, moderation.cycle, moderation.academy) == (
        "school-send-review",
        CYCLE,
        ALDER,
    )
    again = run_import(cli, form, repo)
    assert again.exit_code == 0
    assert "already has these answers: nothing to change" in again.stderr


def test_a_new_file_is_written_as_sendreview_moderate_writes_one(cli, repo):
    form = edit(moderation_form(cli, repo), fill_in)
    run_import(cli, form, repo)
    text = (repo / MODERATION / f"{ALDER}.yaml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../../../schemas/school-send-review.moderation"
    )
    assert "  # ==== Leadership of SEND ====\n" in text
    assert "    # Academy's rating: Green\n" in text
    assert "    rating: amber\n" in text
    code, problems = validate_json(cli, repo / MODERATION / f"{ALDER}.yaml")
    assert [p["code"] for p in problems if p["severity"] == "error"] == [], problems


def test_the_moderation_files_checks_run_at_the_forms_cells(cli, repo):
    def change(workbook: Workbook) -> None:
        rate(workbook, "leadership-2", "Red", "Ask office@alder.example for the minutes.")
        rate(workbook, "leadership-3", "Amber")  # differs from the academy's Green: no comment

    result = run_import(cli, edit(moderation_form(cli, repo), change), repo, "--format", "json")
    assert result.exit_code == 0, result.output  # warnings: unfinished work comes in
    found = {p["code"]: p for p in json.loads(result.stdout)}
    assert found["SR903"]["sheet"] == "Moderation" and "'Your role'" in found["SR903"]["hint"]
    assert found["SR911"]["sheet"] == "Moderation"
    email = found["SR502"]
    assert (email["sheet"], email["path"]) == (
        "Leadership of SEND",
        "responses.leadership-2.comment",
    )
    assert email["cell"] == "G7"  # the comment of the statement on the second row
    assert found["SR907"]["path"].startswith("responses.leadership-3")
    assert {p["severity"] for p in found.values()} == {"warning"}


def test_the_form_is_prefilled_from_the_moderation_file(cli, repo):
    run_import(cli, edit(moderation_form(cli, repo), fill_in), repo)
    workbook = load_workbook(moderation_form(cli, repo, ALDER, "--force"))
    assert cell_of(workbook, "leadership-2", "Your rating").value == "Amber"
    comment = cell_of(workbook, "leadership-2", "Your comment")
    assert comment.value == "=Not yet at every meeting\n- minutes seen"
    assert comment.data_type == "s" and comment.quotePrefix  # text, never a formula
    front = workbook["Moderation"]
    values = {front.cell(r, 1).value: front.cell(r, 2).value for r in range(1, front.max_row + 1)}
    assert values["Your role"] == NLE
    assert values["Your academy (a peer SENCO's own school)"] == "Castlegate Academy"
    assert values["Date of the moderation"].date() == dt.date(2026, 11, 20)


def test_the_academys_answers_are_locked_and_grey_and_the_moderators_open(cli, repo):
    workbook = load_workbook(moderation_form(cli, repo))
    assert workbook.sheetnames[0] == "Moderation"
    assert workbook[META_SHEET].sheet_state == "hidden"
    meta = workbook[META_SHEET]
    rows = {meta.cell(r, 1).value: meta.cell(r, 2).value for r in range(1, meta.max_row + 1)}
    assert (rows["kind"], rows["format_version"], rows["academy"]) == ("moderation", "2", ALDER)
    own = cell_of(workbook, "leadership-1", "Academy's rating")
    assert own.value == "Green"
    assert own.protection.locked and own.fill.start_color.rgb.endswith("E7E6E6")
    strengths = cell_of(workbook, "leadership-1", "Academy's strengths")
    assert strengths.value.startswith("Our SEND vision") and strengths.protection.locked
    mine = cell_of(workbook, "leadership-1", "Your rating")
    assert not mine.protection.locked
    sheet = mine.parent
    assert sheet.protection.sheet
    lists = [v for v in sheet.data_validations.dataValidation if mine.coordinate in v.sqref]
    assert lists and lists[0].formula1 == '"Red,Amber,Green"'
    coloured = [r for rng in sheet.conditional_formatting for r in rng.rules]
    assert sorted(r.formula[0] for r in coloured) == ['"Amber"', '"Green"', '"Red"']


# ---- problems in the workbook, at their cell ------------------------------------------------


def test_a_rating_not_on_the_scale_is_reported_at_its_cell(cli, repo):
    where: list[str] = []
    form = edit(
        moderation_form(cli, repo), lambda wb: where.append(rate(wb, "leadership-3", "Gren"))
    )
    result = run_import(cli, form, repo, "--format", "json")
    assert result.exit_code == 1
    (problem,) = [p for p in json.loads(result.stdout) if p["severity"] == "error"]
    assert problem["code"] == "SR312"
    assert f"'{problem['sheet']}'!{problem['cell']}" == where[0]
    assert '"Gren" is not a rating' in problem["message"]
    assert "Did you mean Green?" in problem["hint"]
    assert not (repo / MODERATION).exists()


def test_a_date_and_a_peer_academy_that_cannot_be_read_are_placed(cli, repo):
    def change(workbook: Workbook) -> None:
        moderator(workbook, "date", "31/02/2026")
        moderator(workbook, "academy", "Oakfield")

    result = run_import(cli, edit(moderation_form(cli, repo), change), repo, "--format", "json")
    assert result.exit_code == 1
    found = {p["code"]: p for p in json.loads(result.stdout)}
    assert found["SR205"]["sheet"] == found["SR303"]["sheet"] == "Moderation"
    assert "Oakfield" in found["SR303"]["message"]


# ---- who changed what --------------------------------------------------------------------------


def test_an_answer_changed_in_the_file_since_is_kept_and_comments_stay(cli, repo):
    run_import(cli, edit(moderation_form(cli, repo), fill_in), repo)
    path = repo / MODERATION / f"{ALDER}.yaml"
    form = moderation_form(cli, repo, ALDER, "--force")
    text = path.read_text(encoding="utf-8").replace(
        "    rating: red\n", "    rating: amber  # agreed at the feedback meeting\n"
    )
    path.write_text("# kept by the SEND lead\n" + text, encoding="utf-8")
    edit(form, lambda wb: rate(wb, "leadership-1", "Amber"))
    result = run_import(cli, form, repo)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# kept by the SEND lead\n")
    assert "    rating: amber  # agreed at the feedback meeting\n" in after
    assert moderation_of(repo).responses["leadership-1"].rating == "amber"
    assert "Kept 1 answer changed in" in result.stderr


def test_an_answer_changed_on_both_sides_waits_for_force(cli, repo):
    run_import(cli, edit(moderation_form(cli, repo), fill_in), repo)
    path = repo / MODERATION / f"{ALDER}.yaml"
    form = moderation_form(cli, repo, ALDER, "--force")
    path.write_text(
        path.read_text(encoding="utf-8").replace("rating: red", "rating: amber"), encoding="utf-8"
    )
    edit(form, lambda wb: rate(wb, "teaching-1", "Green"))
    before = path.read_text(encoding="utf-8")
    dry = run_import(cli, form, repo, "--dry-run")
    refused = run_import(cli, form, repo)
    assert refused.exit_code == 2 and "changed both in the form and in" in refused.stderr
    assert path.read_text(encoding="utf-8") == before
    assert "Dry run: nothing was written" in dry.stderr
    forced = run_import(cli, form, repo, "--force")
    assert forced.exit_code == 0, forced.output
    assert moderation_of(repo).responses["teaching-1"].rating == "green"


# ---- refusals ----------------------------------------------------------------------------------


def test_a_form_for_another_cycle_or_trust_is_refused(cli, repo):
    form = moderation_form(cli, repo)
    other_cycle = run_import(cli, form, repo, "--cycle", "2026-summer")
    assert other_cycle.exit_code == 2
    assert "is the form for cycle 2026-autumn, not 2026-summer" in other_cycle.stderr

    def other_trust(workbook: Workbook) -> None:
        meta = workbook[META_SHEET]
        row = next(r for r in range(1, meta.max_row + 1) if meta.cell(r, 1).value == "trust")
        meta.cell(row, 2).value = "Oak Trust"

    refused = run_import(cli, edit(form, other_trust), repo)
    assert refused.exit_code == 2 and "is a form for Oak Trust" in refused.stderr
    assert not (repo / MODERATION).exists()


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--academy", ALDER, "--by", NLE), "Add --moderation"),
        (("--academy", "trust", "--moderation"), "not the trust's"),
        (("--academy", ALDER, "--moderation", "--from-cycle", "2026-summer"), "--from-cycle"),
    ],
)
def test_options_that_cannot_go_together_are_refused(cli, repo, extra, words):
    result = cli("form", repo, "--cycle", CYCLE, *extra, "-o", repo.parent / "forms")
    assert result.exit_code == 2
    assert words in " ".join(result.stderr.split())
    assert not (repo.parent / "forms").exists()


def test_every_academy_with_a_review_gets_a_form_and_one_without_is_refused(cli, repo):
    (repo / "reviews" / CYCLE / "saltmarsh-primary.yaml").unlink()
    out = repo.parent / "forms"
    result = cli("form", repo, "--cycle", CYCLE, "--moderation", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"{a}-{CYCLE}-moderation.xlsx"
        for a in ("alder-brook-primary", "castlegate-academy", "fernhill-all-through")
        + ("willowmere-school",)
    ]
    assert "Send each to its moderator" in result.stdout
    alone = cli("form", repo, "--cycle", CYCLE, "--moderation", "--academy", "saltmarsh-primary")
    assert alone.exit_code == 2 and "nothing to moderate yet" in alone.stderr


def test_a_moderation_form_never_replaces_the_sencos_form(cli, repo):
    out = repo.parent / "forms"
    assert cli("form", repo, "--cycle", CYCLE, "--academy", ALDER, "-o", out).exit_code == 0
    moderation_form(cli, repo)
    assert sorted(p.name for p in out.iterdir()) == [
        f"{ALDER}-{CYCLE}-moderation.xlsx",
        f"{ALDER}-{CYCLE}.xlsx",
    ]


# ---- LibreOffice ---------------------------------------------------------------------------------


def test_a_form_re_saved_by_libreoffice_imports_the_same(cli, repo, tmp_path):
    form = edit(moderation_form(cli, repo), fill_in)
    resaved = soffice_resave(form, tmp_path / "lo")
    result = run_import(cli, resaved, repo)
    assert result.exit_code == 0, result.output
    moderation = moderation_of(repo)
    assert moderation.responses["leadership-2"].comment == (
        "=Not yet at every meeting\n- minutes seen"
    )
    assert moderation.moderator.academy == "castlegate-academy"


def test_the_examples_moderation_changes_by_one_line_and_keeps_its_comments(cli, example_repo):
    path = example_repo / MODERATION / f"{ALDER}.yaml"
    before = path.read_text(encoding="utf-8").split("\n")
    form = moderation_form(cli, example_repo)
    assert cell_of(load_workbook(form), "leadership-1", "Your rating").value == "Green"
    result = run_import(cli, edit(form, lambda wb: rate(wb, "leadership-1", "Amber")), example_repo)
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8").split("\n")
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [("    rating: green", "    rating: amber")]


def test_a_moderation_file_that_cannot_be_read_is_named_not_overwritten(cli, repo):
    form = edit(moderation_form(cli, repo), fill_in)
    path = repo / MODERATION / f"{ALDER}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text("framework: school-send-review\nresponses: [\n", encoding="utf-8")
    refused = run_import(cli, form, repo)
    assert refused.exit_code == 2
    assert f"{ALDER}.yaml" in refused.stderr and "cannot be read" in refused.stderr
    assert path.read_text(encoding="utf-8").endswith("responses: [\n")
    out = repo.parent / "again"
    again = cli("form", repo, "--cycle", CYCLE, "--academy", ALDER, "--moderation", "-o", out)
    assert again.exit_code == 2 and "Fix the moderation file first" in again.stderr
