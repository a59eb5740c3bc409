"""Each academy's SEN context: written blank by ``new``, read from YAML or the cycle's CSV,
checked by ``validate`` at the line and column (or row and column) of each problem.

Layers: unit (the writer, the loader, ``load_contexts``) and cli (``new``, ``validate``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import line_of, only, replace_once, validate_json
from sendreview.codes import COMPLETENESS
from sendreview.model.context import NEED_CODES, SenContext
from sendreview.repository.context import load_contexts
from sendreview.repository.layout import Repository
from sendreview.source.context_csv import read_context_csv
from sendreview.source.context_writer import context_text
from sendreview.source.loader import to_model

CONTEXT = Path("context/2026-autumn/oak-primary.yaml")
CSV = Path("context/2026-autumn.csv")
HEADER = "academy,census_date,pupils,sen_support,ehc_plans,ASD,SLCN,SEMH\n"


def _problems(found: list[dict[str, Any]], code: str) -> list[tuple[str, int, int, str]]:
    return [
        (Path(p["file"]).name, p["line"], p["column"], p["severity"])
        for p in found
        if p["code"] == code
    ]


def _context(root: Path) -> Path:
    return root / CONTEXT


# ---- The writer ---------------------------------------------------------------------------


def test_a_blank_count_is_written_blank_not_zero():
    text = context_text(SenContext(academy="oak", cycle="2026-autumn", pupils=0), schema_link="x")
    assert text.startswith("# yaml-language-server: $schema=x\n")
    lines = text.splitlines()
    assert any(line.startswith("pupils: 0 ") for line in lines)
    assert any(line.startswith("sen_support:  ") and "SEN support" in line for line in lines)
    read = SenContext.model_validate(yaml.safe_load(text))
    assert read.pupils == 0 and read.sen_support is None
    assert set(read.primary_need) == set(NEED_CODES)  # every code, each blank
    assert all(count is None for count in read.primary_need.values())


_counts = st.none() | st.integers(min_value=0, max_value=10**6)


@given(
    pupils=_counts,
    support=_counts,
    need=st.dictionaries(st.sampled_from([*NEED_CODES, "XYZ"]), _counts),
    day=st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    period=st.none() | st.sampled_from(["2025-26", "yes", "0777", "autumn 2025"]),
    excluded=_counts,
)
def test_what_is_written_reads_back_the_same(pupils, support, need, day, period, excluded):
    context = SenContext(
        academy="oak",
        cycle="2026-autumn",
        census_date=day,
        pupils=pupils,
        sen_support=support,
        primary_need=need,
        period=period,
        permanent_exclusions={"ehc_plan": excluded},
    )
    read = SenContext.model_validate(yaml.safe_load(context_text(context)))
    # Codes missing from primary_need are written blank: the same, less the blank codes.
    assert read.model_dump(exclude={"primary_need", "suspensions"}) == context.model_dump(
        exclude={"primary_need", "suspensions"}
    )
    assert {c: n for c, n in read.primary_need.items() if n is not None} == {
        c: n for c, n in need.items() if n is not None
    }


# ---- new: blank files, never over a person's work -----------------------------------------


def test_new_writes_a_blank_context_per_academy_and_never_replaces_one(cli, filled_repo):
    context = _context(filled_repo)
    assert "pupils: 400" in context.read_text(encoding="utf-8")  # filled in by the fixture
    filled = context.read_bytes()
    assert cli("new", filled_repo, "--cycle", "2026-autumn").exit_code == 0
    assert context.read_bytes() == filled
    assert cli("new", filled_repo, "--cycle", "2027-spring").exit_code == 0
    blank = (filled_repo / "context/2027-spring/oak-primary.yaml").read_text(encoding="utf-8")
    assert blank.startswith("# yaml-language-server: $schema=../../schemas/context.schema.json\n")
    assert "cycle: 2027-spring" in blank


def test_new_writes_no_context_file_beside_the_cycles_csv(cli, filled_repo):
    (filled_repo / "context/2027-spring.csv").write_text(HEADER, encoding="utf-8")
    assert cli("new", filled_repo, "--cycle", "2027-spring").exit_code == 0
    assert not (filled_repo / "context/2027-spring").exists()


def test_a_blank_context_is_not_filled_in_yet(cli, tmp_path):
    root = tmp_path / "trust"
    cli("new", root, "--trust", "T", "--cycle", "2026-autumn", "--academy", "Oak Primary")
    code, found = validate_json(cli, root / "context")
    assert code == 1
    assert _problems(found, "SR807") == [
        ("oak-primary.yaml", line_of(_context(root), "pupils:"), 8, "error")
    ]
    code, found = validate_json(cli, root / "context", "--allow-incomplete")
    assert code == 0 and [p["severity"] for p in found] == ["warning"]
    assert "SR807" in COMPLETENESS


def test_a_count_left_blank_is_named(cli, filled_repo):
    replace_once(_context(filled_repo), "ehc_plans: 10", "ehc_plans:")
    replace_once(_context(filled_repo), "  DS: 0", "  DS:")
    code, found = validate_json(cli, filled_repo)
    assert code == 1
    assert [p["message"] for p in found if p["code"] == "SR807"] == [
        "'ehc_plans' is not filled in yet.",
        "The primary need counts for DS are not filled in yet.",
    ]
    assert not _problems(found, "SR802")  # a sum with a blank in it is not checked


# ---- The checks, each at its place --------------------------------------------------------


def test_a_filled_in_context_passes(cli, filled_repo):
    assert validate_json(cli, filled_repo) == (0, [])
    contexts, problems = load_contexts(
        Repository(filled_repo), "2026-autumn", Repository(filled_repo).load_trust()
    )
    assert problems == [] and contexts["oak-primary"].broad_areas()["semh"] == 10


def test_more_with_sen_than_on_roll_is_an_error(cli, filled_repo):
    replace_once(_context(filled_repo), "pupils: 400", "pupils: 45")
    _, found = validate_json(cli, filled_repo)
    problem = only(found, "SR801")
    assert (problem["line"], problem["severity"]) == (
        line_of(_context(filled_repo), "sen_support:"),
        "error",
    )
    assert "add up to 50, more than the 45 pupils on roll" in problem["message"]


def test_need_counts_that_do_not_add_up_are_a_warning_naming_the_difference(cli, filled_repo):
    replace_once(_context(filled_repo), "  ASD: 10", "  ASD: 13")
    code, found = validate_json(cli, filled_repo)
    problem = only(found, "SR802")
    assert code == 0 and problem["severity"] == "warning"
    assert "add up to 53, 3 more than the 50 pupils with SEN" in problem["message"]
    assert problem["line"] == line_of(_context(filled_repo), "primary_need:")


def test_a_code_not_on_the_census_list_suggests_the_likely_one(cli, filled_repo):
    replace_once(_context(filled_repo), "  ASD: 10", "  ASC: 10")
    replace_once(_context(filled_repo), "  SPLD: 5", "  SpLD: 5")  # SPLD, in any case
    _, found = validate_json(cli, filled_repo)
    problem = only(found, "SR803")
    assert (problem["line"], problem["column"]) == (line_of(_context(filled_repo), "ASC:"), 3)
    assert problem["hint"].startswith("Did you mean 'ASD'?")


def test_nsa_is_for_sen_support_only(cli, filled_repo):
    replace_once(_context(filled_repo), "sen_support: 40", "sen_support: 4")
    replace_once(_context(filled_repo), "  NSA: 0", "  NSA: 5")
    _, found = validate_json(cli, filled_repo)
    assert only(found, "SR804")["line"] == line_of(_context(filled_repo), "NSA:")


def test_a_census_date_far_from_the_term_is_a_warning(cli, filled_repo):
    replace_once(_context(filled_repo), "census_date: 2026-10-01", "census_date: 2025-10-01")
    code, found = validate_json(cli, filled_repo)
    problem = only(found, "SR805")
    assert code == 0 and problem["severity"] == "warning"
    assert "autumn term of 2026" in problem["message"]


def test_suspensions_need_their_period(cli, filled_repo):
    replace_once(_context(filled_repo), "  no_sen: ", "  no_sen: 3")  # the first: suspensions
    _, found = validate_json(cli, filled_repo)
    assert only(found, "SR806")["line"] == line_of(_context(filled_repo), "suspensions:")
    replace_once(_context(filled_repo), "period: ", "period: 2025-26")
    assert validate_json(cli, filled_repo) == (0, [])


def test_the_academy_and_cycle_match_the_trust_the_name_and_the_folder(cli, filled_repo):
    replace_once(_context(filled_repo), "academy: oak-primary", "academy: oak-primry")
    replace_once(_context(filled_repo), "cycle: 2026-autumn", "cycle: 2026-autum")
    _, found = validate_json(cli, filled_repo)
    assert only(found, "SR303")["hint"].startswith("Did you mean 'oak-primary'?")
    assert "named 'oak-primary.yaml'" in only(found, "SR307")["message"]
    assert only(found, "SR306")["hint"].startswith("Did you mean '2026-autumn'?")
    contexts, _ = load_contexts(Repository(filled_repo), "2026-autumn", None)
    assert contexts == {}  # not this academy's, nor this cycle's


def test_counts_that_are_not_whole_numbers_read_well(cli, filled_repo):
    path = _context(filled_repo)
    replace_once(path, "pupils: 400", "pupils: -3")
    replace_once(path, "sen_support: 40", "sen_support: 12.5")
    replace_once(path, "ehc_plans: 10", "ehc_plans: yes")
    _, found = validate_json(cli, filled_repo)
    said = {p["path"]: (p["code"], p["message"], p["line"]) for p in found}
    message = "pupils is '-3', but a count of pupils cannot be below 0."
    assert said["pupils"] == ("SR204", message, line_of(path, "pupils:"))
    assert said["sen_support"][:2] == (
        "SR203",
        "sen_support should be a whole number of pupils, but it is '12.5'.",
    )
    assert said["ehc_plans"][1].endswith("but it is read as true (yes/no).")  # not 1 pupil
    assert all("Input should" not in p["message"] for p in found)


# ---- The cycle's CSV ----------------------------------------------------------------------


def _with_csv(root: Path, rows: str) -> Path:
    _context(root).unlink()
    (root / CSV).write_text(HEADER + rows, encoding="utf-8")
    return root / CSV


def test_a_csv_gives_the_same_context_as_a_file(cli, filled_repo):
    _with_csv(filled_repo, "oak-primary,01/10/2026,400,40,10,20,20,10\n")
    assert validate_json(cli, filled_repo) == (0, [])
    repo = Repository(filled_repo)
    contexts, _ = load_contexts(repo, "2026-autumn", repo.load_trust())
    oak = contexts["oak-primary"]
    assert (oak.census_date, oak.pupils, oak.primary_need["ASD"]) == (dt.date(2026, 10, 1), 400, 20)


def test_a_csv_problem_is_at_its_row_and_column(cli, filled_repo):
    _with_csv(filled_repo, "oak-primary,2026-10-01,40,40,10,20,x,10\n")
    _, found = validate_json(cli, filled_repo)
    assert {(p["code"], p["line"], p["column"]) for p in found} == {("SR203", 2, 7)}
    (filled_repo / CSV).write_text(
        HEADER.replace("SEMH", "colour") + "oak-primary,,40,40,10,1,1,1\n", encoding="utf-8"
    )
    _, found = validate_json(cli, filled_repo)
    assert ("SR201", 1, 8) in {(p["code"], p["line"], p["column"]) for p in found}
    assert ("SR801", 2, 4) in {(p["code"], p["line"], p["column"]) for p in found}


def test_a_csv_without_an_academy_column_is_refused(cli, filled_repo):
    _with_csv(filled_repo, "")
    (filled_repo / CSV).write_text("school,pupils\noak,1\n", encoding="utf-8")
    _, found = validate_json(cli, filled_repo)
    assert "no 'academy' column" in only(found, "SR202")["message"]


def test_an_academy_in_both_the_csv_and_its_own_file_is_refused_in_both(cli, filled_repo):
    (filled_repo / CSV).write_text(
        HEADER + "oak-primary,2026-10-01,400,40,10,20,20,10\n", encoding="utf-8"
    )
    code, found = validate_json(cli, filled_repo)
    assert code == 1
    assert sorted(_problems(found, "SR808")) == [
        ("2026-autumn.csv", 2, 1, "error"),
        ("oak-primary.yaml", line_of(_context(filled_repo), "academy:"), 10, "error"),
    ]
    repo = Repository(filled_repo)
    assert load_contexts(repo, "2026-autumn", repo.load_trust())[0] == {}
    # Checking either file alone still finds the other.
    _, found = validate_json(cli, filled_repo / CSV)
    assert _problems(found, "SR808") == [("2026-autumn.csv", 2, 1, "error")]


@given(st.text(st.sampled_from(',"\n\r\t ;aAsSdDnN019-/x\u2028\xa0'), max_size=300))
def test_no_csv_gives_a_traceback(text):
    """Whatever a spreadsheet saved, reading it gives contexts or problems, never a crash."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "2026-autumn.csv"
        path.write_text(HEADER + text, encoding="utf-8")
        table = read_context_csv(path, "2026-autumn.csv", "2026-autumn")
        for doc in table.rows:
            to_model(doc, SenContext)
            assert all(d.line >= 1 for d in doc.diagnostics)


def test_a_csv_too_big_for_a_cell_is_named_not_a_crash(tmp_path):
    path = tmp_path / "2026-autumn.csv"
    path.write_text(HEADER + "oak," + "9" * 200_000 + "\n", encoding="utf-8")
    table = read_context_csv(path, "2026-autumn.csv", "2026-autumn")
    assert [d.code for d in table.diagnostics] == ["SR104"] and table.rows == []


def test_two_rows_for_one_academy_are_refused(cli, filled_repo):
    _with_csv(filled_repo, "oak-primary,,1,0,0,0,0,0\noak-primary,,2,0,0,0,0,0\n")
    _, found = validate_json(cli, filled_repo)
    assert [p["line"] for p in found if p["code"] == "SR808"] == [2, 3]
