"""``sendreview import``: a returned form read back, whatever was done to the workbook.

Layers: cli, with two unit checks (the action columns' layout, and the example left untouched).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import EXAMPLE, digest, fill_context, replace_once
from formtools import (
    ACTION,
    ALDER,
    COLUMNS,
    CYCLE,
    add_action,
    answer,
    detail,
    edit,
    make_form,
    row_of,
    run_import,
    soffice_resave,
)
from sendreview.diagnostics import Location
from sendreview.forms.layout import META_SHEET

REVIEW = Path("reviews") / CYCLE / f"{ALDER}.yaml"
FIXTURES = Path(__file__).parent / "fixtures" / "forms"


def problems(result) -> list[dict]:
    return json.loads(result.stdout)


def at(problem: dict) -> str:
    """Where a problem in a form is, as Excel's Go To box takes it: 'Leadership of SEND'!C8.
    A workbook problem carries its sheet and cell as data; its path is the data path."""
    if problem["sheet"] is None:
        return ""
    return Location(problem["file"], sheet=problem["sheet"], cell=problem["cell"]).cell_ref


def comment_lines(path: Path) -> list[str]:
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().startswith("#")
    ]


# ---- the round trip, end to end -------------------------------------------------------------


def test_senco_and_send_lead_round_trip(cli, example_repo):
    """The lead sends a form; the SENCO changes some answers; the lead imports them."""
    review = example_repo / REVIEW
    comments = comment_lines(review)
    replace_once(review, "responses:", "responses:\n  # Moderated with the trust, 20 Nov.")
    form = make_form(cli, example_repo)

    def senco(workbook: Workbook) -> None:
        answer(workbook, "leadership-2", "rating", "Amber")
        answer(
            workbook,
            "leadership-2",
            "areas_for_development",
            "Governors’ questions are “too gentle”:\r\n• agenda too long  \r\n• reports late",
        )
        answer(workbook, "teaching-6", "evidence", "CPD log 2026-27\nStaff survey, October 2026")
        add_action(
            workbook,
            area="Leadership of SEND",
            action="Train governors to challenge.",
            owner="SEND link governor",
            due="12/02/2027",
            priority="High",
            status="Not started",
            statements="leadership-2",
        )

    edit(form, senco)
    shown = run_import(cli, form, example_repo, "--dry-run")
    assert shown.exit_code == 0
    assert "rating: Green -> Amber" in shown.stderr
    assert "    + • agenda too long" in shown.stderr
    assert "leadership-2: An update on SEND" in shown.stderr
    untouched = review.read_bytes()
    # Nobody changed the review since the form was written: no --force needed.
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert f"updated {(example_repo / REVIEW).as_posix()}" in result.stderr
    text = review.read_text(encoding="utf-8")
    assert text != untouched.decode("utf-8")
    assert "  leadership-2:\n    rating: amber\n" in text
    assert "      Governors’ questions are “too gentle”:\n      • agenda too long\n" in text
    assert (
        "      - action: Train governors to challenge.\n        owner: SEND link governor\n"
        "        due: 2027-02-12\n" in text
    )
    # Every comment survives, in order: statement texts, headings and the lead's own note.
    after = comment_lines(review)
    assert [line for line in after if line in comments] == comments
    assert "# Moderated with the trust, 20 Nov." in after
    # Only the changed answers changed.
    old_lines = untouched.decode("utf-8").splitlines()
    assert len(set(text.splitlines()) ^ set(old_lines)) < 20
    assert cli("validate", example_repo, "--strict").exit_code == 0
    again = run_import(cli, form, example_repo)
    assert again.exit_code == 0
    assert "nothing to change" in again.stderr


def test_blank_review_is_filled_in_without_force(cli, tmp_path):
    """A new cycle's blank review: filling it in replaces nothing, so no --force is needed."""
    root = tmp_path / "trust"
    assert (
        cli(
            "new", root, "--trust", "Oak Trust", "--cycle", CYCLE, "--academy", "Oak Primary"
        ).exit_code
        == 0
    )
    form = make_form(cli, root, "oak-primary")

    def fill(workbook: Workbook) -> None:
        for sheet in workbook.worksheets[1:-2]:
            for row in range(6, sheet.max_row + 1):
                ref = sheet.cell(row, COLUMNS["ref"]).value
                if ref:
                    sheet.cell(row, COLUMNS["rating"]).value = "green"
                    sheet.cell(row, COLUMNS["strengths"]).value = "Strong and consistent."
        detail(workbook, "review_date", dt.datetime(2026, 11, 20))
        detail(workbook, "completed_by", "SENCO\nHeadteacher")

    edit(form, fill)
    result = run_import(cli, form, root)
    assert result.exit_code == 0, result.output
    assert "0 replaced" in result.stderr
    text = (root / "reviews" / CYCLE / "oak-primary.yaml").read_text(encoding="utf-8")
    assert "review_date: 2026-11-20" in text
    assert "completed_by: [SENCO, Headteacher]" in text
    assert "# The governors/trustees, leaders and SENCO have a clear and ambitious vision" in text
    context = root / "context" / CYCLE / "oak-primary.yaml"  # the census counts, by hand
    context.write_text(fill_context(context.read_text(encoding="utf-8")), encoding="utf-8")
    assert cli("validate", root).exit_code == 0


def test_import_into_a_new_cycle_writes_a_fresh_file(cli, example_repo, tmp_path):
    out = tmp_path / "spring"
    assert (
        cli(
            "form",
            example_repo,
            "--cycle",
            "2027-spring",
            "--from-cycle",
            CYCLE,
            "--academy",
            ALDER,
            "-o",
            out,
        ).exit_code
        == 0
    )
    form = out / f"{ALDER}-2027-spring.xlsx"
    edit(form, lambda wb: detail(wb, "review_date", "12/03/2027"))
    refused = run_import(cli, form, example_repo)
    assert refused.exit_code == 2
    assert "--cycle 2027-spring" in refused.stderr
    result = run_import(cli, form, example_repo, "--cycle", "2027-spring")
    assert result.exit_code == 0, result.output
    written = example_repo / "reviews" / "2027-spring" / f"{ALDER}.yaml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/")
    assert "review_date: 2027-03-12" in text
    assert "cycle: 2027-spring" in text
    assert cli("validate", example_repo).exit_code == 0


def test_dry_run_writes_nothing(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-1", "rating", "Red"))
    before = digest(example_repo)
    result = run_import(cli, form, example_repo, "--dry-run", "--allow-incomplete")
    assert result.exit_code == 0
    assert "Green -> Red" in result.stderr
    assert "Dry run: nothing was written." in result.stderr
    assert digest(example_repo) == before


def test_json_output_stays_json(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-1", "rating", "Gren"))
    result = run_import(cli, form, example_repo, "--format", "json")
    assert result.exit_code == 1
    assert [p["code"] for p in problems(result)] == ["SR312"]


# ---- answers checked as strictly as validate ------------------------------------------------


def test_a_rating_typo_is_reported_by_sheet_and_cell(cli, example_repo):
    form = make_form(cli, example_repo)

    def typo(workbook: Workbook) -> None:
        workbook["Leadership of SEND"].title = "Leadership"
        answer(workbook, "leadership-2", "rating", "Gren")

    edit(form, typo)
    before = digest(example_repo)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 1
    assert (
        'error[SR312] Leadership!C7: "Gren" is not a rating; choose Red, Amber or Green.'
        in result.stdout
    )
    assert "Did you mean Green?" in result.stdout
    assert "Nothing was written" in result.stderr
    assert digest(example_repo) == before


@pytest.mark.parametrize("typed", ["green", "G", "Green ", " GREEN", "g"])
def test_ratings_typed_loosely_are_understood(cli, example_repo, typed):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-4", "rating", typed))
    result = run_import(cli, form, example_repo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "rating: Amber -> Green" in result.stderr


def test_action_plan_problems_by_cell(cli, example_repo):
    form = make_form(cli, example_repo)

    def mistakes(workbook: Workbook) -> None:
        sheet = workbook["Action plan"]
        sheet["D5"] = "31/02/2027"
        sheet["E5"] = "urgent"
        add_action(
            workbook,
            action="Something with no area",
            owner="SENCO",
            due="1/3/2027",
            priority="Low",
            status="Not started",
        )
        add_action(
            workbook,
            area="Leadership of SEND",
            action="Refers to a typo",
            owner="SENCO",
            due=dt.datetime(2027, 3, 1),
            priority="Low",
            status="Not started",
            statements="leadership-99",
        )

    edit(form, mistakes)
    result = run_import(cli, form, example_repo, "--format", "json")
    assert result.exit_code == 1
    found = {(p["code"], at(p)) for p in problems(result)}
    assert ("SR205", "'Action plan'!D5") in found
    assert ("SR204", "'Action plan'!E5") in found
    assert any(code == "SR605" for code, _ in found)
    assert any(code == "SR315" for code, _ in found)
    assert "SR405" not in {code for code, _ in found}  # the date and priority are reported


def test_unfinished_form_is_imported_with_warnings(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-3", "rating", None))
    result = run_import(cli, form, example_repo, "--format", "json", "--dry-run")
    assert result.exit_code == 0
    found = problems(result)
    assert [(p["code"], p["severity"], at(p)) for p in found] == [
        ("SR401", "warning", "'Leadership of SEND'!C8")
    ]
    assert "Choose a rating from the drop-down" in found[0]["hint"]
    partial = run_import(cli, form, example_repo, "--allow-incomplete")
    assert partial.exit_code == 0, partial.output
    assert "--allow-incomplete is no longer needed" in partial.stderr
    assert "warning[SR401]" in partial.stdout
    text = (example_repo / REVIEW).read_text(encoding="utf-8")
    assert "  leadership-3:\n    rating:\n" in text or "  leadership-3:\n    rating: \n" in text


def test_red_without_areas_for_development_or_action(cli, example_repo):
    form = make_form(cli, example_repo)

    def red(workbook: Workbook) -> None:
        answer(workbook, "identification-2", "rating", "Red")
        answer(workbook, "identification-2", "areas_for_development", None)

    edit(form, red)
    result = run_import(cli, form, example_repo, "--format", "json")
    codes = {(p["code"], at(p)) for p in problems(result)}
    assert ("SR403", "'Identification, Assessment'!E7") in codes


def test_not_applicable_and_a_rating_together(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-1", "not_applicable", "No governors here"))
    result = run_import(cli, form, example_repo, "--format", "json")
    assert [(p["code"], at(p)) for p in problems(result)] == [("SR313", "'Leadership of SEND'!G6")]


def test_not_applicable_with_a_reason_is_imported(cli, example_repo):
    form = make_form(cli, example_repo)

    def not_applicable(workbook: Workbook) -> None:
        answer(workbook, "leadership-1", "rating", None)
        answer(workbook, "leadership-1", "not_applicable", "We are a new school; no governors yet.")

    edit(form, not_applicable)
    result = run_import(cli, form, example_repo, "--force")
    assert result.exit_code == 0, result.output
    text = (example_repo / REVIEW).read_text(encoding="utf-8")
    assert "  leadership-1:\n    not_applicable: We are a new school; no governors yet.\n" in text
    assert cli("validate", example_repo).exit_code == 0


def test_pupil_data_is_a_warning_and_strict_makes_it_an_error(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-1", "evidence", "Email from jo@example.org"))
    loose = run_import(cli, form, example_repo, "--dry-run", "--format", "json")
    assert loose.exit_code == 0
    assert [(p["code"], p["severity"], at(p)) for p in problems(loose)] == [
        ("SR502", "warning", "'Leadership of SEND'!F6")
    ]
    strict = run_import(cli, form, example_repo, "--strict", "--format", "json")
    assert strict.exit_code == 1


# ---- what people do to spreadsheets ---------------------------------------------------------


def test_rows_resorted_blank_rows_added_columns_hidden_and_widened(cli, example_repo):
    form = make_form(cli, example_repo)

    def shuffle(workbook: Workbook) -> None:
        for sheet in workbook.worksheets[1:5]:
            first, last = 6, sheet.max_row
            rows = [[sheet.cell(r, c).value for c in range(1, 8)] for r in range(first, last + 1)]
            random.Random(4).shuffle(rows)
            for offset, values in enumerate(rows):
                for column, value in enumerate(values, start=1):
                    sheet.cell(first + offset, column).value = value
            sheet.insert_rows(8, amount=2)
            sheet.column_dimensions["B"].hidden = True
            sheet.column_dimensions["D"].width = 120
        workbook.move_sheet("Action plan", offset=-3)
        workbook["Action plan"].insert_rows(7)

    edit(form, shuffle)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


def test_sheets_renamed_and_a_row_moved_to_another_sheet(cli, example_repo):
    form = make_form(cli, example_repo)

    def rename(workbook: Workbook) -> None:
        for number, sheet in enumerate(workbook.worksheets):
            sheet.title = f"Tab {number}"
        sheet, row = row_of(workbook, "teaching-1")
        values = [sheet.cell(row, c).value for c in range(1, 8)]
        sheet.delete_rows(row)
        other = workbook["Tab 1"]
        for column, value in enumerate(values, start=1):
            other.cell(40, column).value = value

    edit(form, rename)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


def test_a_deleted_row_is_reported_not_erased(cli, example_repo):
    form = make_form(cli, example_repo)

    def delete(workbook: Workbook) -> None:
        sheet, row = row_of(workbook, "leadership-5")
        sheet.delete_rows(row)

    edit(form, delete)
    result = run_import(cli, form, example_repo, "--format", "json")
    assert result.exit_code == 1
    assert [p["code"] for p in problems(result)] == ["SR311"]
    assert "leadership-5 has no row in the form" in problems(result)[0]["message"]


def test_two_rows_for_one_statement_and_text_without_a_ref(cli, example_repo):
    form = make_form(cli, example_repo)

    def copy(workbook: Workbook) -> None:
        sheet, row = row_of(workbook, "leadership-2")
        for column in range(1, 8):
            sheet.cell(30, column).value = sheet.cell(row, column).value
        sheet.cell(30, COLUMNS["rating"]).value = "Red"
        sheet.cell(31, COLUMNS["strengths"]).value = "A note typed below the table."

    edit(form, copy)
    result = run_import(cli, form, example_repo, "--format", "json")
    found = {(p["code"], at(p)) for p in problems(result)}
    assert ("SR602", "'Leadership of SEND'!A30") in found
    assert ("SR601", "'Leadership of SEND'!D31") in found


def test_an_identical_copied_row_is_harmless(cli, example_repo):
    form = make_form(cli, example_repo)

    def copy(workbook: Workbook) -> None:
        sheet, row = row_of(workbook, "leadership-2")
        for column in range(1, 8):
            sheet.cell(30, column).value = sheet.cell(row, column).value

    edit(form, copy)
    assert run_import(cli, form, example_repo).exit_code == 0


def test_a_missing_column_is_reported(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: wb["Leadership of SEND"].delete_cols(COLUMNS["evidence"]))
    result = run_import(cli, form, example_repo, "--format", "json")
    assert result.exit_code == 1
    assert ("SR604", "'Leadership of SEND'!A5") in {(p["code"], at(p)) for p in problems(result)}


def test_a_cell_showing_a_spreadsheet_error(cli, example_repo):
    form = make_form(cli, example_repo)

    def formula_error(workbook: Workbook) -> None:
        sheet, row = row_of(workbook, "leadership-1")
        cell = sheet.cell(row, COLUMNS["strengths"])
        cell.value = "#NAME?"
        cell.data_type = "e"

    edit(form, formula_error)
    result = run_import(cli, form, example_repo, "--format", "json")
    assert [(p["code"], at(p)) for p in problems(result)] == [("SR603", "'Leadership of SEND'!D6")]


def test_dates_typed_as_text_real_dates_and_numbers(cli, example_repo):
    form = make_form(cli, example_repo)

    def dates(workbook: Workbook) -> None:
        sheet = workbook["Action plan"]
        sheet["D5"] = "26/03/2027"  # the same date as before, typed
        sheet["D6"] = dt.datetime(2027, 2, 12)  # unchanged, a real date
        detail(workbook, "review_date", 46338)  # a date that lost its format: 12 Nov 2026

    edit(form, dates)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


def test_a_libreoffice_re_save_reads_the_same(cli, example_repo, tmp_path):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-4", "rating", "green"))
    resaved = soffice_resave(form, tmp_path / "lo")
    workbook = load_workbook(resaved)
    assert workbook[META_SHEET].sheet_state == "hidden"
    result = run_import(cli, resaved, example_repo, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "rating: Amber -> Green" in result.stderr
    assert "1 answer added, 1 replaced." not in result.stderr  # one change only
    assert result.stderr.count(" -> ") == 1


def test_a_workbook_rebuilt_from_values_reads_the_same(cli, example_repo, tmp_path):
    """An export (Google Sheets, say) keeps values and hidden sheets, not much else."""
    form = make_form(cli, example_repo)
    source = load_workbook(form)
    copy = Workbook()
    copy.remove(copy.active)
    for sheet in source.worksheets:
        target = copy.create_sheet(sheet.title)
        target.sheet_state = sheet.sheet_state
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    target.cell(cell.row, cell.column).value = cell.value
    rebuilt = tmp_path / "exported.xlsx"
    copy.save(rebuilt)
    result = run_import(cli, rebuilt, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


# ---- files that are not a form, or not this trust's -----------------------------------------


def _zip(path: Path, names: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in names.items():
            archive.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("name,rating\nleadership-1,green\n"), "not an Excel workbook"),
        (lambda p: p.write_bytes(b""), "not an Excel workbook"),
        (lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40), "damaged"),
        (
            lambda p: _zip(p, {"word/document.xml": "<w/>", "[Content_Types].xml": "<x/>"}),
            "a Word document",
        ),
        (lambda p: _zip(p, {"content.xml": "<x/>", "mimetype": "x"}), "OpenDocument"),
        (
            lambda p: _zip(p, {"xl/workbook.xml": "<not-xml", "[Content_Types].xml": "<x/>"}),
            "damaged",
        ),
        (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), ".xls"),
    ],
)
def test_files_that_are_not_workbooks(cli, example_repo, tmp_path, make, message):
    path = tmp_path / "returned.xlsx"
    make(path)
    result = run_import(cli, path, example_repo)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Hint:" in result.stderr


def test_a_password_protected_workbook(cli, example_repo):
    result = run_import(cli, FIXTURES / "password-protected.xlsx", example_repo)
    assert result.exit_code == 2
    assert "protected with a password" in result.stderr


def test_a_truncated_download(cli, example_repo, tmp_path):
    form = make_form(cli, example_repo)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(form.read_bytes()[: form.stat().st_size // 2])
    result = run_import(cli, broken, example_repo)
    assert result.exit_code == 2
    assert "damaged" in result.stderr


def test_a_workbook_that_is_not_a_form(cli, example_repo, tmp_path):
    path = tmp_path / "budget.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "SEND budget 2026-27"
    workbook.save(path)
    result = run_import(cli, path, example_repo)
    assert result.exit_code == 2
    assert "is not a sendreview form" in result.stderr


def test_no_such_file_or_a_folder(cli, example_repo, tmp_path):
    assert run_import(cli, tmp_path / "missing.xlsx", example_repo).exit_code == 2
    assert run_import(cli, tmp_path, example_repo).exit_code == 2


def _meta(workbook: Workbook, key: str, value: str) -> None:
    sheet = workbook[META_SHEET]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == key)
    sheet.cell(row, 2).value = value


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("trust", "Birchwood Academies Trust", "a form for Birchwood Academies Trust"),
        ("framework", "trust-core-offer", "is a trust-core-offer form"),
        ("framework_version", "2", "version '2'"),
        ("academy", "oakfield-primary", "'oakfield-primary', which is not an academy"),
        ("format_version", "9", "newer version of sendreview"),
        ("cycle", "Autumn term", "have been changed"),
    ],
)
def test_a_form_for_another_trust_framework_or_academy_is_refused(
    cli, example_repo, key, value, message
):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: _meta(wb, key, value))
    before = digest(example_repo)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert message in result.stderr
    assert digest(example_repo) == before


def test_a_form_for_another_cycle_is_refused(cli, example_repo):
    form = make_form(cli, example_repo)
    result = run_import(cli, form, example_repo, "--cycle", "2027-spring")
    assert result.exit_code == 2
    assert "is the form for cycle 2026-autumn, not 2027-spring" in result.stderr


def test_a_review_file_that_cannot_be_read_is_not_overwritten(cli, example_repo):
    form = make_form(cli, example_repo)
    review = example_repo / REVIEW
    review.write_text(review.read_text(encoding="utf-8") + "\n  bad: [\n", encoding="utf-8")
    before = review.read_bytes()
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert "cannot be updated safely" in result.stderr
    assert review.read_bytes() == before


def test_crlf_files_keep_their_line_ends(cli, example_repo):
    review = example_repo / REVIEW
    review.write_bytes(review.read_bytes().replace(b"\n", b"\r\n"))
    form = make_form(cli, example_repo)
    edit(form, lambda wb: answer(wb, "leadership-4", "rating", "Green"))
    assert run_import(cli, form, example_repo, "--force").exit_code == 0
    data = review.read_bytes()
    assert b"rating: green\r\n" in data
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_the_trust_level_review_round_trips(cli, example_repo, tmp_path):
    assert (
        cli("form", example_repo, "--cycle", CYCLE, "--academy", "trust", "-o", tmp_path).exit_code
        == 0
    )
    form = tmp_path / f"trust-{CYCLE}.xlsx"
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


def test_example_trust_is_untouched_by_the_suite():
    assert (EXAMPLE / REVIEW).is_file()


def test_action_columns_are_where_the_layout_says():
    assert list(ACTION) == [
        "area",
        "action",
        "owner",
        "due",
        "priority",
        "status",
        "statements",
        "success_criteria",
    ]


def test_form_problems_are_listed_sheet_by_sheet_in_the_workbooks_order(cli, example_repo):
    """As a SENCO goes through the form: sheet by sheet as the workbook orders them (not by
    name), then row, then column; never by code, which every workbook problem would be
    sorted by otherwise (they all have line 0)."""
    form = make_form(cli, example_repo)

    def mistakes(workbook: Workbook) -> None:
        sheet = workbook["Action plan"]
        sheet["E5"] = "urgent"  # SR204, before SR205 by code
        sheet["D5"] = "31/02/2027"
        answer(workbook, "leadership-2", "rating", "Gren")
        answer(workbook, "leadership-1", "rating", "Gren")

    edit(form, mistakes)
    result = run_import(cli, form, example_repo, "--format", "json")
    assert result.exit_code == 1
    places = [at(p) for p in problems(result) if p["code"] in ("SR204", "SR205", "SR312")]
    assert places == [
        "'Leadership of SEND'!C6",
        "'Leadership of SEND'!C7",
        "'Action plan'!D5",
        "'Action plan'!E5",
    ]
