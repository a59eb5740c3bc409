"""``sendreview import`` as a three-way merge: the form, the review, and what the form was
pre-filled with. Answers changed on one side come in (or stay) without --force; only answers
changed on both sides, differently, need a decision.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from openpyxl import Workbook

from conftest import replace_once
from formtools import (
    ALDER,
    CYCLE,
    add_action,
    answer,
    detail,
    edit,
    make_form,
    run_import,
    soffice_resave,
)
from sendreview.forms.layout import META_SHEET
from sendreview.repository.layout import IMPORTS_DIR

REVIEW = Path("reviews") / CYCLE / f"{ALDER}.yaml"
RECORD = Path("reviews") / CYCLE / IMPORTS_DIR / f"{ALDER}.json"
GREEN_1 = "  leadership-1:\n    rating: green\n"
GREEN_2 = "  leadership-2:\n    rating: green\n"


def text_of(repo: Path) -> str:
    return (repo / REVIEW).read_text(encoding="utf-8")


def rate(statement: str, rating: str):
    return lambda wb: answer(wb, statement, "rating", rating)


def lead_rates(repo: Path, statement_line: str, rating: str) -> None:
    """The SEND lead changes a rating in the YAML after the form was sent."""
    replace_once(
        repo / REVIEW, statement_line, statement_line.replace("rating: green", f"rating: {rating}")
    )


# ---- each branch of the merge ----------------------------------------------------------------


def test_changed_only_in_the_form_is_applied_without_force(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "  leadership-2:\n    rating: amber\n" in text_of(example_repo)


def test_changed_only_in_the_review_is_kept(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    edit(form, rate("leadership-2", "Amber"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    text = text_of(example_repo)
    assert "  leadership-1:\n    rating: red\n" in text  # the lead's change stays
    assert "  leadership-2:\n    rating: amber\n" in text  # the SENCO's comes in
    assert "Kept 1 answer changed in" in result.stderr


def test_changed_on_both_sides_is_a_conflict_and_nothing_is_written(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    before = (example_repo / REVIEW).read_bytes()
    edit(form, lambda wb: (rate("leadership-1", "Amber")(wb), rate("leadership-2", "Amber")(wb)))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert (example_repo / REVIEW).read_bytes() == before
    err = result.stderr
    assert "1 answer changed both in the form and in" in err
    assert "leadership-1:" in err
    assert "In the form" in err
    assert "Amber" in err
    assert "Red" in err  # side by side: the form's, then the review's
    assert "--force" in err
    assert "--keep-ours" in err
    assert "nothing was written" in err


def test_changed_on_both_sides_the_same_way_is_no_conflict(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "amber")
    edit(form, rate("leadership-1", "Amber"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "nothing to change" in result.stderr


def test_force_takes_the_forms_answer(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    edit(form, lambda wb: (rate("leadership-1", "Amber")(wb), rate("leadership-2", "Amber")(wb)))
    result = run_import(cli, form, example_repo, "--force")
    assert result.exit_code == 0, result.output
    text = text_of(example_repo)
    assert "  leadership-1:\n    rating: amber\n" in text
    assert "  leadership-2:\n    rating: amber\n" in text


def test_keep_ours_keeps_the_reviews_answer_and_imports_the_rest(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    edit(form, lambda wb: (rate("leadership-1", "Amber")(wb), rate("leadership-2", "Amber")(wb)))
    result = run_import(cli, form, example_repo, "--keep-ours")
    assert result.exit_code == 0, result.output
    text = text_of(example_repo)
    assert "  leadership-1:\n    rating: red\n" in text
    assert "  leadership-2:\n    rating: amber\n" in text
    # Settled once, the same form does not ask again.
    again = run_import(cli, form, example_repo)
    assert again.exit_code == 0
    assert "nothing to change" in again.stderr


def test_force_and_keep_ours_together_are_refused(cli, example_repo):
    form = make_form(cli, example_repo)
    result = run_import(cli, form, example_repo, "--force", "--keep-ours")
    assert result.exit_code == 2
    assert "Choose one" in result.stderr


# ---- the same form again, and a later version of it -------------------------------------------


def test_the_same_form_imported_twice_changes_nothing(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    assert run_import(cli, form, example_repo).exit_code == 0
    after = (example_repo / REVIEW).read_bytes()
    record = (example_repo / RECORD).read_bytes()
    again = run_import(cli, form, example_repo)
    assert again.exit_code == 0
    assert "nothing to change" in again.stderr
    assert (example_repo / REVIEW).read_bytes() == after
    assert (example_repo / RECORD).read_bytes() == record


def test_a_later_version_of_an_imported_form_is_not_a_conflict(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    assert run_import(cli, form, example_repo).exit_code == 0
    # The SENCO carries on with the same form and sends it again.
    edit(form, rate("leadership-2", "Red"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "  leadership-2:\n    rating: red\n" in text_of(example_repo)


def test_a_later_version_conflicts_where_the_review_changed_since_the_import(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    assert run_import(cli, form, example_repo).exit_code == 0
    replace_once(
        example_repo / REVIEW,
        "leadership-2:\n    rating: amber",
        "leadership-2:\n    rating: green",
    )
    edit(form, rate("leadership-2", "Red"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert "1 answer changed both in the form and in" in result.stderr


def test_the_record_is_hidden_lenient_and_safe_to_delete(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    assert run_import(cli, form, example_repo).exit_code == 0
    record = example_repo / RECORD
    data = json.loads(record.read_text(encoding="utf-8"))
    assert data["format"] == "sendreview-import-record"
    assert len(data["forms"]) == 1
    assert cli("validate", example_repo).exit_code == 0  # validate does not trip over it
    record.write_text("{not json", encoding="utf-8")
    edit(form, rate("leadership-2", "Red"))
    # Without the record the later version looks like a conflict, and a note says why.
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert "could not be read" in result.stderr
    assert "safe to delete" in result.stderr
    record.unlink()
    assert run_import(cli, form, example_repo, "--force").exit_code == 0
    assert "  leadership-2:\n    rating: red\n" in text_of(example_repo)


# ---- a form made before forms remembered their answers ----------------------------------------


def _forget_base(workbook: Workbook) -> None:
    """What a form written by an older sendreview has: no form id, no base rows."""
    sheet = workbook[META_SHEET]
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value in ("base", "form_id"):
            for column in (1, 2, 3):
                sheet.cell(row, column).value = None


def test_an_old_form_without_a_base_needs_force_with_a_note(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: (_forget_base(wb), rate("leadership-2", "Amber")(wb)))
    before = (example_repo / REVIEW).read_bytes()
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert "older sendreview" in result.stderr
    assert (example_repo / REVIEW).read_bytes() == before
    assert run_import(cli, form, example_repo, "--force").exit_code == 0
    assert "  leadership-2:\n    rating: amber\n" in text_of(example_repo)
    assert not (example_repo / RECORD).exists()


# ---- unfinished work comes in; what cannot be read does not ----------------------------------


def test_a_half_filled_form_imports_with_its_gaps_as_warnings(cli, example_repo):
    form = make_form(cli, example_repo)

    def half(workbook: Workbook) -> None:
        for statement in ("leadership-1", "leadership-2", "leadership-3", "teaching-1"):
            answer(workbook, statement, "rating", None)

    edit(form, half)
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("warning[SR401]") == 4
    assert "  leadership-1:\n    rating:" in text_of(example_repo)
    assert cli("validate", example_repo).exit_code == 1  # validate stays the gate


def test_a_form_without_a_review_date_imports(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(form, lambda wb: detail(wb, "review_date", None))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "warning[SR406]" in result.stdout
    assert "review_date: 2026-11-12" not in text_of(example_repo)


def test_a_date_that_is_not_a_date_still_refuses_the_whole_form(cli, example_repo):
    form = make_form(cli, example_repo)
    before = (example_repo / REVIEW).read_bytes()
    edit(
        form,
        lambda wb: (detail(wb, "review_date", "next Tuesday"), rate("leadership-2", "Amber")(wb)),
    )
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 1
    assert "Instructions!" in result.stdout
    assert (example_repo / REVIEW).read_bytes() == before


def test_a_blank_status_and_priority_stay_blank(cli, example_repo):
    form = make_form(cli, example_repo)
    edit(
        form,
        lambda wb: add_action(
            wb,
            area="Leadership of SEND",
            action="Plan governor training.",
            owner="SENCO",
            due="12/02/2027",
        ),
    )
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "warning[SR405]" in result.stdout  # listed, not invented
    assert "has no priority." in result.stdout
    assert "has no status." in result.stdout
    text = text_of(example_repo)
    start = text.index("- action: Plan governor training.")
    written = text[start : text.index("\n", text.index("status:", start))]
    assert "priority:\n" in written + "\n"
    assert written.endswith("status:")
    assert "not-started" not in written
    # validate stays the gate: the blank status and priority are errors there.
    checked = cli("validate", example_repo)
    assert checked.exit_code == 1
    assert "has no priority." in checked.stdout
    assert "has no status." in checked.stdout


def test_after_keep_ours_a_later_change_to_that_answer_is_a_conflict_again(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    edit(form, rate("leadership-1", "Amber"))
    assert run_import(cli, form, example_repo, "--keep-ours").exit_code == 0
    edit(form, rate("leadership-1", "Green"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 2
    assert "  leadership-1:\n    rating: red\n" in text_of(example_repo)


def test_a_form_carried_forward_into_a_new_cycle_imports_without_force(cli, example_repo):
    out = example_repo.parent / "forms"
    made = cli(
        "form",
        example_repo,
        "--cycle",
        "2027-spring",
        "--academy",
        ALDER,
        "--from-cycle",
        CYCLE,
        "-o",
        out,
    )
    assert made.exit_code == 0, made.output
    form = out / f"{ALDER}-2027-spring.xlsx"
    edit(form, lambda wb: detail(wb, "review_date", "12/03/2027"))
    result = run_import(cli, form, example_repo, "--cycle", "2027-spring")
    assert result.exit_code == 0, result.output
    text = (example_repo / "reviews" / "2027-spring" / f"{ALDER}.yaml").read_text(encoding="utf-8")
    assert re.search(r"\n  leadership-1:\n(    #[^\n]*\n)*    rating: green\n", text)


def test_the_base_survives_a_libreoffice_re_save(cli, example_repo, tmp_path):
    """The hidden base rows are still read after LibreOffice has opened and saved the form."""
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    edit(form, rate("leadership-2", "Amber"))
    resaved = soffice_resave(form, tmp_path)
    result = run_import(cli, resaved, example_repo)
    assert result.exit_code == 0, result.output
    assert "older sendreview" not in result.stderr
    text = text_of(example_repo)
    assert "  leadership-1:\n    rating: red\n" in text
    assert "  leadership-2:\n    rating: amber\n" in text


def test_a_record_folder_linked_elsewhere_is_neither_read_nor_written(cli, example_repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (example_repo / RECORD).parent.symlink_to(outside, target_is_directory=True)
    form = make_form(cli, example_repo)
    edit(form, rate("leadership-2", "Amber"))
    result = run_import(cli, form, example_repo)
    assert result.exit_code == 0, result.output
    assert "  leadership-2:\n    rating: amber\n" in text_of(example_repo)
    assert list(outside.iterdir()) == []


def test_a_dry_run_says_a_real_import_would_stop_at_a_conflict(cli, example_repo):
    form = make_form(cli, example_repo)
    lead_rates(example_repo, GREEN_1, "red")
    before = (example_repo / REVIEW).read_bytes()
    edit(form, rate("leadership-1", "Amber"))
    result = run_import(cli, form, example_repo, "--dry-run")
    assert "Dry run: nothing was written." in result.stderr
    assert "A real import would stop" in result.stderr
    assert (example_repo / REVIEW).read_bytes() == before
