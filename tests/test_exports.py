"""The trust view's data exports, loaded the way a data person loads them: with duckdb.

`aggregate --format csv`, `--format csv-tables -o FOLDER` and `--format json` must give the
same columns for every trust, types a tool can guess (dates, numbers, flags), and review text
exactly as written, however much it looks like a formula.

Layers: cli for the exports ``aggregate`` writes; unit for the JSON model, the scale rule and
the README's column list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, digest, replace_once
from sendreview.render.trust_view_data import CSV_COLUMNS, TABLES
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import scale_score

duckdb = pytest.importorskip("duckdb", reason="duckdb is in the test extra: pip install -e .[test]")

CYCLE_DIR = Path("reviews") / "2026-autumn"
CASTLEGATE = CYCLE_DIR / "castlegate-academy.yaml"
#: Text a spreadsheet would run as a formula; a CSV or JSON file must hand it back unchanged.
FORMULAS = {
    "strengths": "=SUM(A1)",
    "areas_for_development": "+44 20 7946 0000",
    "evidence": "@x",
    "next_strengths": "-1",
    "academy": "=1+1",
    "action": '=HYPERLINK("http://example.invalid","x")',
}

PINNED_CSV_COLUMNS = [
    "trust",
    "cycle",
    "academy_id",
    "academy",
    "phase",
    "review_state",
    "area_id",
    "area",
    "statement_id",
    "statement",
    "rating",
    "rating_label",
    "not_applicable",
    "strengths",
    "areas_for_development",
    "evidence",
    "review_date",
    "status",
    "rating_position",
    "rating_score",
    "self_rating",
    "moderated_rating",
    "moderated",
]


def set_answer(path: Path, statement: str, key: str, value: str) -> None:
    """Replace one statement's ``key: |`` block with ``value``, quoted as YAML needs."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index(f"  {statement}:\n")
    at += next(i for i, line in enumerate(lines[at:]) if line == f"    {key}: |\n")
    end = at + 1
    while lines[end].startswith("      "):
        end += 1
    lines[at:end] = [f"    {key}: {json.dumps(value)}\n"]
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def exports(tmp_path_factory, module_cli) -> Path:
    """The example trust with formula-looking text and one unrated answer, and its exports."""
    root = tmp_path_factory.mktemp("exports")
    repo = root / "larkspur-trust"
    shutil.copytree(EXAMPLE, repo)
    review = repo / CASTLEGATE
    set_answer(review, "leadership-1", "strengths", FORMULAS["strengths"])
    set_answer(review, "leadership-1", "areas_for_development", FORMULAS["areas_for_development"])
    set_answer(review, "leadership-2", "strengths", FORMULAS["next_strengths"])
    replace_once(review, "      - School development plan 2026-27\n", '      - "@x"\n')
    replace_once(
        review,
        "      - action: |\n          Rewrite and publish the SEN information report for 2026-27, "
        "check it against the Code of\n          Practice and link it to the LA's Local Offer.\n",
        f"      - action: {json.dumps(FORMULAS['action'])}\n",
    )
    replace_once(repo / "sendreview.yaml", "name: Castlegate Academy", 'name: "=1+1"')
    # Alder Brook leaves one statement unrated; Willowmere has one marked not applicable.
    replace_once(
        repo / CYCLE_DIR / "alder-brook-primary.yaml",
        "  leadership-1:\n    rating: green",
        "  leadership-1:",
    )
    # ... which its moderator did not rate either: a moderator's rating would count.
    replace_once(
        repo / CYCLE_DIR / "moderation" / "alder-brook-primary.yaml",
        '    rating: green\n    comment: "Agree: parents and pupils I spoke to knew',
        '    rating:\n    comment: "Agree: parents and pupils I spoke to knew',
    )
    for args in (
        ["--format", "csv", "-o", str(root / "view.csv")],
        ["--format", "json", "-o", str(root / "view.json")],
        ["--format", "csv-tables", "-o", str(root / "tables")],
    ):
        result = module_cli("aggregate", repo, "--cycle", "2026-autumn", *args)
        assert result.exit_code == 0, result.output
    return root


def query(sql: str) -> list[tuple]:
    """Plain SQL through duckdb's DB-API connection, the interface stable across its releases."""
    with duckdb.connect() as connection:
        return connection.execute(sql).fetchall()


def csv_table(path: Path) -> str:
    return f"read_csv('{path.as_posix()}')"


def json_list(path: Path, key: str) -> str:
    """One list of the JSON file as a table, the way Power BI's "to table" reads it."""
    source = f"read_json('{path.as_posix()}', maximum_object_size = 100000000)"
    return f"(SELECT unnest({key}, recursive := true) FROM {source})"


def types(table: str) -> dict[str, str]:
    return {name: kind for name, kind, *_ in query(f"DESCRIBE SELECT * FROM {table}")}


INTEGERS = ("BIGINT", "INTEGER")


def test_the_csv_columns_are_the_documented_ones(cli):
    result = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeff")
    assert result.stdout[1:].splitlines()[0] == ",".join(PINNED_CSV_COLUMNS)
    assert CSV_COLUMNS == PINNED_CSV_COLUMNS


def test_the_readme_documents_every_column_word_for_word():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The trust view and reports", 1)[1].split("\n## ", 1)[0]
    section = re.sub(r"\s+", " ", section)
    assert "`" + ", ".join(PINNED_CSV_COLUMNS) + "`" in section
    for name, names in TABLES.items():
        assert f"`{name}`: `" + ", ".join(names) + "`" in section, name


def test_duckdb_reads_the_csv_with_the_right_types(exports):
    view = csv_table(exports / "view.csv")
    kinds = types(view)
    assert list(kinds) == PINNED_CSV_COLUMNS
    assert kinds["review_date"] == "DATE"
    assert kinds["rating_position"] in INTEGERS
    assert kinds["rating_score"] == "DOUBLE"
    assert kinds["strengths"] == kinds["academy"] == kinds["evidence"] == "VARCHAR"
    assert query(f"SELECT count(*) FROM {view}") == [(5 * 27,)]


def test_formula_looking_text_comes_back_exactly_from_the_csv(exports):
    first, second = query(
        "SELECT academy, strengths, areas_for_development, evidence "
        f"FROM {csv_table(exports / 'view.csv')} WHERE academy_id = 'castlegate-academy' "
        "AND statement_id IN ('leadership-1', 'leadership-2') ORDER BY statement_id"
    )
    assert first == (
        FORMULAS["academy"],
        FORMULAS["strengths"],
        FORMULAS["areas_for_development"],
        "@x; SEND policy (last reviewed 2023); Parent survey, October 2026",
    )
    assert second[1] == FORMULAS["next_strengths"]


def test_not_applicable_and_unrated_have_no_numbers(exports):
    view = csv_table(exports / "view.csv")
    unrated, not_applicable = query(
        "SELECT status, rating, rating_label, rating_position, rating_score, "
        f"not_applicable IS NULL FROM {view} WHERE "
        "(academy_id = 'alder-brook-primary' AND statement_id = 'leadership-1') OR "
        "(academy_id = 'willowmere-school' AND statement_id = 'identification-1') "
        "ORDER BY academy_id"
    )
    assert unrated == ("unrated", None, None, None, None, True)
    assert not_applicable == ("not_applicable", None, None, None, None, False)
    statuses = dict(query(f"SELECT status, count(*) FROM {view} GROUP BY status"))
    assert statuses == {"rated": 5 * 27 - 2, "unrated": 1, "not_applicable": 1}


def test_positions_and_scores_follow_the_scale(exports):
    pairs = query(
        "SELECT DISTINCT rating, rating_position, rating_score "
        f"FROM {csv_table(exports / 'view.csv')} WHERE status = 'rated' ORDER BY 2"
    )
    assert pairs == [("red", 0, 0.0), ("amber", 1, 0.5), ("green", 2, 1.0)]
    assert [scale_score([(p, 1)], 2) for p in (0, 1, 2)] == [0.0, 0.5, 1.0]


def test_the_tables_load_with_the_right_types(exports):
    folder = exports / "tables"
    assert sorted(p.name for p in folder.iterdir()) == sorted(TABLES)
    kinds = {name: types(csv_table(folder / name)) for name in TABLES}
    for name, names in TABLES.items():
        assert list(kinds[name]) == names, name
        assert (folder / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    assert kinds["ratings.csv"]["review_date"] == "DATE"
    assert kinds["ratings.csv"]["rating_position"] in INTEGERS
    assert kinds["ratings.csv"]["rating_score"] == "DOUBLE"
    assert kinds["academies.csv"]["review_date"] == "DATE"
    assert kinds["academies.csv"]["completeness"] == "DOUBLE"
    assert kinds["area_scores.csv"]["score"] == "DOUBLE"
    assert kinds["rating_scale.csv"]["rating_position"] in INTEGERS
    assert kinds["rating_scale.csv"]["rating_score"] == "DOUBLE"
    assert kinds["actions.csv"]["due"] == "DATE"
    assert kinds["actions.csv"]["overdue"] == "BOOLEAN"


def test_the_tables_hold_the_trust_view(exports):
    folder = exports / "tables"
    actions = csv_table(folder / "actions.csv")
    assert query(f"SELECT count(*) FROM {actions}") == [(42,)]
    assert query(f"SELECT academy_id, due FROM {actions} WHERE overdue ORDER BY 1") == [
        ("castlegate-academy", dt.date(2026, 10, 23)),
        ("fernhill-all-through", dt.date(2026, 10, 23)),
    ]
    assert (FORMULAS["action"],) in query(f"SELECT action FROM {actions}")
    academies = csv_table(folder / "academies.csv")
    assert ("castlegate-academy", FORMULAS["academy"]) in query(
        f"SELECT academy_id, academy FROM {academies}"
    )
    evidence = csv_table(folder / "evidence.csv")
    assert (FORMULAS["evidence"],) in query(
        f"SELECT evidence FROM {evidence} WHERE academy_id = 'castlegate-academy'"
    )
    ratings = csv_table(folder / "ratings.csv")
    assert query(f"SELECT count(*) FROM {ratings}") == [(5 * 27,)]
    # An area's score is the mean of its answers' scores: one rule, in the reports and here.
    mismatched = query(
        f"SELECT s.academy_id, s.area_id FROM {csv_table(folder / 'area_scores.csv')} s JOIN ("
        f"  SELECT academy_id, area_id, round(avg(rating_score), 3) AS mean FROM {ratings}"
        "  GROUP BY ALL) r USING (academy_id, area_id) WHERE s.score IS DISTINCT FROM r.mean"
    )
    assert mismatched == []
    # Every table joins on its ids.
    orphans = query(
        f"SELECT r.statement_id FROM {ratings} r "
        f"LEFT JOIN {csv_table(folder / 'statements.csv')} s USING (statement_id) "
        f"LEFT JOIN {csv_table(folder / 'areas.csv')} a ON a.area_id = r.area_id "
        f"LEFT JOIN {academies} c USING (academy_id) "
        "WHERE s.statement_id IS NULL OR a.area_id IS NULL OR c.academy_id IS NULL"
    )
    assert orphans == []


def test_json_long_form_loads_in_duckdb(exports):
    responses = json_list(exports / "view.json", "responses")
    kinds = types(responses)
    assert list(kinds)[:9] == [
        "academy",
        "statement",
        "area",
        "status",
        "rating",
        "label",
        "position",
        "score",
        "review_date",
    ]
    assert kinds["review_date"] == "DATE"
    assert kinds["position"] in INTEGERS
    assert kinds["score"] == "DOUBLE"
    assert query(f"SELECT count(*) FROM {responses}") == [(5 * 27,)]
    first, second = query(
        f"SELECT strengths, areas_for_development, evidence[1] FROM {responses} "
        "WHERE academy = 'castlegate-academy' AND statement IN ('leadership-1', 'leadership-2') "
        "ORDER BY statement"
    )
    assert first == (
        FORMULAS["strengths"],
        FORMULAS["areas_for_development"],
        FORMULAS["evidence"],
    )
    assert second[0] == FORMULAS["next_strengths"]
    assert query(
        f"SELECT status, rating, label, position, score FROM {responses} "
        "WHERE academy = 'alder-brook-primary' AND statement = 'leadership-1'"
    ) == [("unrated", None, None, None, None)]
    actions = types(json_list(exports / "view.json", "actions"))
    assert actions["due"] == "DATE"
    assert actions["overdue"] == "BOOLEAN"


def test_json_keeps_its_public_keys_and_adds_the_long_form():
    view = aggregate(EXAMPLE, "2026-autumn")
    from sendreview.render.trust_view_data import to_json

    data = json.loads(to_json(view))
    responses = data.pop("responses")
    assert data == json.loads(view.model_dump_json())
    assert len(responses) == 5 * 27
    assert {tuple(r) for r in responses} == {
        (
            "academy",
            "statement",
            "area",
            "status",
            "rating",
            "label",
            "position",
            "score",
            "review_date",
            "review_state",
            "phase",
            "not_applicable",
            "strengths",
            "areas_for_development",
            "evidence",
            "self_rating",
            "moderated_rating",
            "moderated",
        )
    }
    first = responses[0]
    assert first["academy"] == "alder-brook-primary"
    assert first["statement"] == "leadership-1"
    assert (first["rating"], first["label"], first["position"], first["score"]) == (
        "green",
        "Green",
        2,
        1.0,
    )
    assert first["review_date"] == "2026-11-12"


def test_a_four_level_scale_scores_by_the_same_rule(example_repo):
    """A trust's own scale gives the same columns; positions run 0 to 3, scores 0 to 1."""
    view = aggregate(example_repo, "2026-autumn")
    four = view.model_copy(deep=True)
    worst = four.rating_scale[0]
    four.rating_scale = [
        worst.model_copy(update={"id": f"level-{n}", "label": f"Level {n}"}) for n in range(4)
    ]
    four.statements[0].ratings = {a.id: f"level-{n % 4}" for n, a in enumerate(four.academies)}
    from sendreview.render.trust_view_data import answers

    got = {
        (a.rating, a.position, a.score) for a in answers(four) if a.statement.id == "leadership-1"
    }
    assert got == {
        ("level-0", 0, 0.0),
        ("level-1", 1, 0.333),
        ("level-2", 2, 0.667),
        ("level-3", 3, 1.0),
    }


def test_tables_need_a_folder(cli, tmp_path):
    result = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables")
    assert result.exit_code == 2
    assert "needs a folder" in result.stderr
    blocker = tmp_path / "a-file"
    blocker.write_text("mine", encoding="utf-8")
    result = cli(
        "aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables", "-o", blocker
    )
    assert result.exit_code == 2
    assert "is a file" in result.stderr
    assert blocker.read_text(encoding="utf-8") == "mine"


def test_tables_are_replaced_only_with_force(cli, tmp_path):
    folder = tmp_path / "exports" / "2026-autumn"
    result = cli(
        "aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables", "-o", folder
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("wrote ") == len(TABLES)
    (folder / "ratings.csv").write_text("my own edits", encoding="utf-8")
    (folder / "notes.txt").write_text("not ours", encoding="utf-8")
    before = digest(folder)
    result = cli(
        "aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables", "-o", folder
    )
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert "ratings.csv" in result.stderr
    assert digest(folder) == before  # nothing written, not even the tables that were missing
    result = cli(
        "aggregate",
        EXAMPLE,
        "--cycle",
        "2026-autumn",
        "--format",
        "csv-tables",
        "-o",
        folder,
        "--force",
    )
    assert result.exit_code == 0, result.stderr
    assert (folder / "ratings.csv").read_text(encoding="utf-8-sig").startswith("cycle,")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "not ours"


def test_tables_refuse_when_only_one_is_there(cli, tmp_path):
    (tmp_path / "actions.csv").write_text("mine", encoding="utf-8")
    result = cli(
        "aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables", "-o", tmp_path
    )
    assert result.exit_code == 2
    assert "actions.csv" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.csv"]


def test_one_csv_into_a_folder_points_to_the_tables(cli, tmp_path):
    result = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv", "-o", tmp_path)
    assert result.exit_code == 2
    assert "is a folder" in result.stderr
    assert "--format csv-tables" in result.stderr


def test_tables_cannot_go_to_standard_output(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(
        "aggregate", EXAMPLE, "--cycle", "2026-autumn", "--format", "csv-tables", "-o", "-"
    )
    assert result.exit_code == 2
    assert "needs a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []
