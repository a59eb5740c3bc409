"""``sendreview context import``: counts from a pupil-level export, and no pupil data
anywhere it writes or says; ``validate`` warns of a pupil list left in the repository."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import Cli, validate_json
from sendreview.errors import UsageError
from sendreview.model.context import NEED_CODES, SenContext
from sendreview.source.context_writer import context_text
from sendreview.source.pupil_csv import count_pupils, upn_column

CYCLE = "2026-autumn"
ACADEMY = "oak-primary"
BLANK = context_text(SenContext(academy=ACADEMY, cycle=CYCLE))

#: Made-up pupils: UPNs of the right shape and names no test text contains by chance.
PUPILS = [
    ("B801200005001", "Quillfeather", "Zebedee"),
    ("C801200005002", "Marchbanks", "Ottoline"),
    ("D801200005003", "Wetherspoonly", "Peregrine"),
    ("E801200005004", "Crumhorn", "Ysolde"),
    ("F801200005005", "Pennywhistle", "Barnaby"),
    ("G80120000500A", "Zoë-Ämberly", "Ðorothea"),
]
SECRETS = [part for pupil in PUPILS for part in pupil]

# The same six pupils as each system writes them: provision then primary need.
SIMS = [
    ("K - SEN Support", "ASD - Autistic Spectrum Disorder"),
    ("E - Education, Health and Care Plan", "ASD - Autistic Spectrum Disorder"),
    ("K - SEN Support", "SLCN - Speech, Language and Communication Needs"),
    ("N - No Special Educational Need", ""),
    ("N - No Special Educational Need", ""),
    ("E - Education, Health and Care Plan", "SEMH - Social, Emotional and Mental Health"),
]
ARBOR = [
    ("SEN Support", "Autistic Spectrum Disorder"),
    ("Education, Health and Care Plan", "Autistic Spectrum Disorder"),
    ("SEN Support", "Speech, Language & Communication Needs"),
    ("Monitoring", "Moderate Learning Difficulty"),  # not SEN in the census: need not counted
    ("", ""),
    ("EHC Plan", "Social, Emotional and Mental Health"),
]
BROMCOM = [("K", "ASD"), ("E", "asd"), ("K", "SLCN"), ("N", ""), ("N", ""), ("E", "SEMH")]
EXPECTED = {
    "pupils": 6,
    "sen_support": 2,
    "ehc_plans": 2,
    "primary_need": {"ASD": 2, "SEMH": 1, "SLCN": 1},
}


def export(rows: list[tuple[str, str]], headings: list[str], separator: str = ",") -> str:
    """A pupil list as an information system writes it: identity columns, then SEN."""

    def line(cells: list[str]) -> str:
        return separator.join(f'"{cell}"' if separator in cell else cell for cell in cells)

    body = [line([*pupil, "Year 4", *sen]) for pupil, sen in zip(PUPILS, rows, strict=True)]
    return "\n".join([line(headings), *body]) + "\n"


@pytest.fixture
def filled_repo(filled_repo: Path) -> Path:
    """The test repository with its academy's context file blank, as 'new' scaffolded it:
    an import fills a blank file in without --force (one with counts needs --force)."""
    (filled_repo / "context" / CYCLE / f"{ACADEMY}.yaml").write_text(BLANK, encoding="utf-8")
    return filled_repo


def still_blank(root: Path) -> bool:
    """Whether a refused import left the academy's context file as it was: blank."""
    return (root / "context" / CYCLE / f"{ACADEMY}.yaml").read_text(encoding="utf-8") == BLANK


def write_export(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / "pupils.csv"
    path.write_bytes(text.encode(encoding))
    return path


def written(root: Path) -> dict[str, Any]:
    text = (root / "context" / CYCLE / f"{ACADEMY}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def counted(data: dict[str, Any]) -> dict[str, Any]:
    need = {code: n for code, n in (data.get("primary_need") or {}).items() if n}
    return {
        "pupils": data["pupils"],
        "sen_support": data["sen_support"],
        "ehc_plans": data["ehc_plans"],
        "primary_need": need,
    }


def run_import(cli: Cli, root: Path, pupils: Path, *extra: str) -> Any:
    return cli("context", "import", pupils, "--academy", ACADEMY, "--cycle", CYCLE, root, *extra)


@pytest.mark.parametrize(
    ("rows", "headings", "separator", "encoding"),
    [
        pytest.param(
            SIMS,
            ["UPN", "Legal Surname", "Legal Forename", "Year", "SEN Status", "Primary Need"],
            ",",
            "utf-8-sig",
            id="sims",
        ),
        pytest.param(
            ARBOR,
            ["UPN", "Last Name", "First Name", "Year Group", "SEN Status", "Primary SEN Need"],
            ",",
            "utf-8",
            id="arbor",
        ),
        pytest.param(
            BROMCOM,
            ["UPN", "Surname", "Forename", "Year", "SEN Provision", "SEN Need Type"],
            ";",
            "utf-8",
            id="bromcom",
        ),
        pytest.param(
            SIMS,
            ["upn", "SURNAME", "forename", "year", "sen_status", "  Primary   need "],
            "\t",
            "cp1252",
            id="windows-1252-tabs-odd-headings",
        ),
    ],
)
def test_counts_from_each_systems_export(
    cli: Cli,
    filled_repo: Path,
    tmp_path: Path,
    rows: list[tuple[str, str]],
    headings: list[str],
    separator: str,
    encoding: str,
) -> None:
    pupils = write_export(tmp_path / "exports", export(rows, headings, separator), encoding)
    result = run_import(cli, filled_repo, pupils, "--census-date", "2026-10-01")
    assert result.exit_code == 0, result.output
    data = written(filled_repo)
    assert counted(data) == EXPECTED
    assert (data["academy"], data["cycle"], str(data["census_date"])) == (
        ACADEMY,
        CYCLE,
        "2026-10-01",
    )
    assert "6 pupils on roll, 2 on SEN support, 2 EHC plans" in result.stderr
    assert "ASD 2" in result.stderr


def test_no_upn_or_name_reaches_any_file_or_output(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    pupils = write_export(
        tmp_path / "exports",
        export(SIMS, ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]),
        "cp1252",
    )
    outputs = [run_import(cli, filled_repo, pupils)]
    outputs.append(run_import(cli, filled_repo, pupils))  # refused: the file is there
    bad = export(
        [("K", name) for _, name, _ in PUPILS],  # names where a need belongs
        ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"],
    )
    outputs.append(run_import(cli, filled_repo, write_export(tmp_path / "bad", bad), "--force"))
    assert [r.exit_code for r in outputs] == [0, 2, 2]
    shown = "".join(r.stdout + r.stderr for r in outputs)
    files = b"".join(p.read_bytes() for p in filled_repo.rglob("*") if p.is_file())
    for secret in SECRETS:
        assert secret not in shown
        for encoding in ("utf-8", "cp1252"):
            assert secret.encode(encoding) not in files
    assert sorted(p.name for p in (tmp_path / "exports").iterdir()) == ["pupils.csv"]


def test_a_pupil_file_inside_the_repository_is_refused(cli: Cli, filled_repo: Path) -> None:
    pupils = write_export(
        filled_repo / "data",
        export(BROMCOM, ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]),
    )
    result = run_import(cli, filled_repo, pupils)
    assert result.exit_code == 2
    assert "inside the review repository" in result.stderr
    assert "Move the export out of the repository" in result.stderr
    assert still_blank(filled_repo)


@pytest.mark.parametrize(
    ("rows", "column"),
    [
        ([*BROMCOM[:2], ("K", "Dyspraxia-ish"), *BROMCOM[3:]], "Primary Need"),
        ([*BROMCOM[:2], ("Quirky", "SLCN"), *BROMCOM[3:]], "SEN Status"),
    ],
)
def test_a_value_the_census_does_not_use_names_row_and_column_not_value(
    cli: Cli, filled_repo: Path, tmp_path: Path, rows: list[tuple[str, str]], column: str
) -> None:
    text = export(rows, ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"])
    result = run_import(cli, filled_repo, write_export(tmp_path / "exports", text))
    assert result.exit_code == 2
    assert f"row 4: the {column} is not one the census uses" in result.stderr
    assert "Dyspraxia" not in result.stderr and "Quirky" not in result.stderr
    assert still_blank(filled_repo)


def test_an_export_without_a_provision_column_is_refused(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    text = export(BROMCOM, ["UPN", "Surname", "Forename", "Year", "Need", "Other"])
    result = run_import(cli, filled_repo, write_export(tmp_path / "exports", text))
    assert result.exit_code == 2
    assert "no column headed 'SEN Provision' or 'SEN Status'" in result.stderr
    assert "Quillfeather" not in result.stderr


def test_an_existing_context_file_is_replaced_only_with_force(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    target = filled_repo / "context" / CYCLE / f"{ACADEMY}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("pupils: 999\n", encoding="utf-8")
    heads = ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]
    pupils = write_export(tmp_path / "exports", export(BROMCOM, heads))
    refused = run_import(cli, filled_repo, pupils)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "pupils: 999\n"
    assert run_import(cli, filled_repo, pupils, "--force").exit_code == 0
    assert counted(written(filled_repo)) == EXPECTED


def test_an_unknown_academy_is_named_with_a_suggestion(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    heads = ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]
    pupils = write_export(tmp_path / "exports", export(BROMCOM, heads))
    result = cli(
        "context", "import", pupils, "--academy", "oak-primry", "--cycle", CYCLE, filled_repo
    )
    assert result.exit_code == 2
    assert "Did you mean 'oak-primary'?" in result.stderr


def test_validate_warns_of_a_pupil_list_in_the_repository(cli: Cli, filled_repo: Path) -> None:
    headings = ["UPN", "Surname", "Forename", "Year", "SEN Provision", "Primary Need"]
    pupils = write_export(filled_repo.parent / "exports", export(SIMS, headings))
    assert run_import(cli, filled_repo, pupils, "--census-date", "2026-10-01").exit_code == 0
    code, before = validate_json(cli, filled_repo)
    assert code == 0 and not [p for p in before if p["code"] == "SR506"]
    (filled_repo / "notes").mkdir()
    (filled_repo / "notes" / "list.csv").write_text(
        "Name,Number\nZebedee Quillfeather,B801200005001\n", encoding="utf-8"
    )
    (filled_repo / "notes" / "headed.txt").write_text("UPN\tYear\n", encoding="utf-8")
    code, found = validate_json(cli, filled_repo)
    warnings = [p for p in found if p["code"] == "SR506"]
    assert sorted((p["file"].rsplit("/", 1)[1], p["line"]) for p in warnings) == [
        ("headed.txt", 1),
        ("list.csv", 2),
    ]
    assert code == 0 and all(p["severity"] == "warning" for p in warnings)
    shown = cli("validate", filled_repo)
    assert "looks like a list of pupils" in shown.stdout + shown.stderr
    assert "B801200005001" not in shown.stdout + shown.stderr


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Name,Year\nAnn,4\n", None),
        ("reference,x\nB8012000050012,4\n", None),  # 14 characters: not a UPN
        ("id;UPN\n1;x\n", 1),
        ("a,b\n1,2\n3,b801200005001\n4,B801200005001\n", 4),
    ],
)
def test_upn_column(text: str, line: int | None) -> None:
    assert upn_column(text) == line


_PROVISIONS = st.sampled_from(["K", "E", "N", "", "SEN Support", "EHC Plan", "Monitoring"])
_NEEDS = st.sampled_from([*NEED_CODES, ""])


@given(st.lists(st.tuples(_PROVISIONS, _NEEDS), max_size=40))
def test_counts_always_add_up(rows: list[tuple[str, str]]) -> None:
    text = "UPN,SEN Status,Primary Need\n" + "".join(
        f"B80120000{i:04d},{provision},{need}\n" for i, (provision, need) in enumerate(rows)
    )
    counts = count_pupils(text.encode("utf-8"), "pupils.csv")
    assert counts.pupils == len(rows)
    assert counts.sen_support + counts.ehc_plans <= counts.pupils
    with_need = sum(1 for p, n in rows if n and p not in ("N", "", "Monitoring"))
    assert sum(counts.primary_need.values()) == with_need
    if all(need for provision, need in rows if provision not in ("N", "", "Monitoring")):
        assert sum(counts.primary_need.values()) == counts.sen_support + counts.ehc_plans


def test_a_workbook_saved_as_csv_is_refused() -> None:
    with pytest.raises(UsageError, match="not a CSV text file"):
        count_pupils(b"PK\x03\x04\x00\x00", "pupils.csv")


def test_needs_no_pupil_has_are_zero_and_an_export_without_needs_leaves_them_blank(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    heads = ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]
    pupils = write_export(tmp_path / "exports", export(BROMCOM, heads))
    assert run_import(cli, filled_repo, pupils).exit_code == 0
    needs = written(filled_repo)["primary_need"]
    assert set(needs) == set(NEED_CODES) and needs["MLD"] == 0 and needs["ASD"] == 2
    no_needs = export(BROMCOM, ["UPN", "Surname", "Forename", "Year", "SEN Status", "Notes"])
    result = run_import(cli, filled_repo, write_export(tmp_path / "plain", no_needs), "--force")
    assert result.exit_code == 0
    assert "no Primary Need column" in result.stderr
    data = written(filled_repo)
    assert (data["sen_support"], data["ehc_plans"]) == (2, 2)
    assert not any(data["primary_need"].values())


@given(st.binary(max_size=400) | st.text(alphabet='KEN,;\t\n"ASD -', max_size=200).map(str.encode))
def test_any_bytes_give_counts_or_a_plain_message(raw: bytes) -> None:
    try:
        counts = count_pupils(b"SEN Status,Primary Need\n" + raw, "pupils.csv")
    except UsageError as error:
        assert "pupils.csv" in error.message
    else:
        assert counts.sen_support + counts.ehc_plans <= counts.pupils


def test_a_pupil_listed_twice_is_refused_without_showing_the_upn(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    text = export(BROMCOM, ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"])
    twice = text + text.splitlines()[2] + "\n"  # the second pupil again, as row 8
    result = run_import(cli, filled_repo, write_export(tmp_path / "exports", twice))
    assert result.exit_code == 2
    assert "row 8 has the same UPN as row 3" in result.stderr
    assert "C801200005002" not in result.stderr
    assert still_blank(filled_repo)


def test_a_cycle_not_in_the_repository_is_named_with_a_suggestion(
    cli: Cli, filled_repo: Path, tmp_path: Path
) -> None:
    heads = ["UPN", "Surname", "Forename", "Year", "SEN Status", "Primary Need"]
    pupils = write_export(tmp_path / "exports", export(BROMCOM, heads))
    result = cli(
        "context", "import", pupils, "--academy", ACADEMY, "--cycle", "2026-autum", filled_repo
    )
    assert result.exit_code == 2
    assert "There is no cycle '2026-autum'" in result.stderr
    assert "Did you mean '2026-autumn'?" in result.stderr
    bad = cli("context", "import", pupils, "--academy", ACADEMY, "--cycle", "Autumn", filled_repo)
    assert bad.exit_code == 2 and "'Autumn' is not a cycle name" in bad.stderr
    assert still_blank(filled_repo)
