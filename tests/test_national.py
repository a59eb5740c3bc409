"""National figures: the file shipped with sendreview, a trust's own newer file, the phase
an academy is read against, and ``context national``.

Layer: repository (the loader) and cli (the command).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, line_of
from sendreview.model.context import NEED_CODES
from sendreview.model.national import NEED_TOTAL_TOLERANCE, NationalFigures
from sendreview.model.trust import PHASES
from sendreview.repository.national import (
    NATIONAL_FILE,
    NATIONAL_PHASES,
    PACKAGED_FILE,
    load_national,
    national_phase_of,
    packaged,
)

RELEASES = "https://explore-education-statistics.service.gov.uk/find-statistics/special-educational-needs-in-england/"

#: A trust's own file, as a director of SEND would type it from a release. The figures are
#: made up for the tests (round numbers), not DfE's.
TRUST_FIGURES = """\
source:
  title: Special educational needs in England
  publisher: Department for Education
  year: "2026/27"
  published: 2027-06-10
  url: https://example.org/sen-2027
phases:
  primary:
    sen_support_pct: 15.0
    ehc_plan_pct: 4.0
    primary_need_pct: {SLCN: 40.0, SEMH: 20.0, ASD: 20.0, MLD: 10.0, SPLD: 10.0}
  all:
    sen_support_pct: 15.5
    ehc_plan_pct: 6.5
    covers: every school in England, including independent schools
"""


def trust_repo(tmp_path: Path, text: str = TRUST_FIGURES) -> Path:
    """A repository (a trust file is enough to be one) with its own national figures."""
    (tmp_path / "sendreview.yaml").write_text("trust: Test Trust\n", encoding="utf-8")
    (tmp_path / NATIONAL_FILE).write_text(text, encoding="utf-8")
    return tmp_path


def figure_problems(figures: NationalFigures) -> list[str]:
    """What is wrong with a set of figures, checked the way a reader would check them."""
    problems = []
    for release in (figures, figures.previous):
        if release is None:
            continue
        for name, phase in release.phases.items():
            if name not in NATIONAL_PHASES:
                problems.append(f"{release.source.year}: {name} is not a national phase")
            for pct in (
                phase.sen_support_pct,
                phase.ehc_plan_pct,
                *phase.primary_need_pct.values(),
            ):
                if not 0 <= pct <= 100:
                    problems.append(f"{release.source.year} {name}: {pct} is not a share")
            total = sum(phase.primary_need_pct.values())
            if phase.primary_need_pct and abs(total - 100) > NEED_TOTAL_TOLERANCE:
                problems.append(f"{release.source.year} {name}: needs add up to {total}")
            problems += [
                f"{name}: {code}?" for code in phase.primary_need_pct if code not in NEED_CODES
            ]
    return problems


# ---- the packaged file -----------------------------------------------------------------------


def test_packaged_figures_load_and_name_their_release():
    figures, origin = load_national(None)
    assert origin == f"the figures shipped with sendreview ({PACKAGED_FILE})"
    assert figures.source.title == "Special educational needs in England"
    assert figures.source.publisher == "Department for Education"
    assert (figures.source.year, figures.source.url) == ("2025/26", RELEASES + "2025-26")
    assert figures.previous is not None
    assert (figures.previous.source.year, figures.previous.source.url) == (
        "2024/25",
        RELEASES + "2024-25",
    )


def test_packaged_figures_are_shares_that_add_up():
    assert figure_problems(packaged()) == []


def test_every_shipped_figure_names_the_table_it_came_from():
    """A figure without the table beside it cannot be checked by a trust board."""
    text = (ROOT / "national" / PACKAGED_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        key = line.split(":", 1)[0].strip()
        if key in {"sen_support_pct", "ehc_plan_pct"}:
            assert "#" in line, f"no source comment: {line}"


def test_the_checks_would_catch_bad_figures():
    """The checks the packaged file passes are not empty: they find each kind of mistake."""
    figures = NationalFigures.model_validate(yaml.safe_load(TRUST_FIGURES))
    assert figure_problems(figures) == []
    bad = figures.model_copy(deep=True)
    bad.phases["middle"] = bad.phases["all"]
    bad.phases["primary"].primary_need_pct["SLCN"] = 90.0  # bypasses the model's own check
    assert figure_problems(bad) == [
        "2026/27 primary: needs add up to 150.0",
        "2026/27: middle is not a national phase",
    ]


# ---- the phase an academy is read against ----------------------------------------------------


@pytest.mark.parametrize("phase", ["primary", "secondary", "special"])
def test_phases_dfe_publishes_are_read_against_themselves(phase):
    assert national_phase_of(phase) == phase


@pytest.mark.parametrize("phase", [p for p in PHASES if p not in NATIONAL_PHASES] + [None])
def test_other_phases_are_read_against_all_schools(phase):
    assert national_phase_of(phase) == "all"


# ---- a trust's own file ----------------------------------------------------------------------


def test_a_trusts_own_file_wins(tmp_path, cli):
    root = trust_repo(tmp_path)
    shown = cli.json_ok("context", "national", root, "--format", "json")
    assert shown["origin"].startswith("the trust's own file")
    assert shown["source"]["url"] == "https://example.org/sen-2027"
    assert shown["phases"]["primary"]["primary_need_pct"]["SLCN"] == 40.0
    assert shown["previous"] is None


def test_a_trusts_file_is_found_from_a_folder_inside_the_repository(tmp_path):
    root = trust_repo(tmp_path)
    (root / "reviews" / "2026-autumn").mkdir(parents=True)
    figures, origin = load_national(root)
    assert figures.source.year == "2026/27" and NATIONAL_FILE in origin


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("ehc_plan_pct: 4.0", "ehc_plan_pct: 40O", "ehc_plan_pct: 40O", "number"),
        ("sen_support_pct: 15.0", "sen_support_pct: 150", "sen_support_pct: 150", "100"),
        ("SPLD: 10.0}", "SPLD: 10.0, SPLD2: 1}", "primary_need_pct", "census primary need"),
        ("SPLD: 10.0}", "SPLD: 30.0}", "primary_need_pct", "add up to 120.0%"),
    ],
)
def test_a_broken_trust_file_is_refused_at_its_line(tmp_path, cli, old, new, needle, words):
    root = trust_repo(tmp_path, TRUST_FIGURES.replace(old, new))
    result = cli("context", "national", root)
    assert result.exit_code == 2, result.output
    line = line_of(root / NATIONAL_FILE, needle)
    assert f"{NATIONAL_FILE}:{line}:" in result.stderr, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_a_trust_file_that_is_not_yaml_is_refused_with_its_position(tmp_path, cli):
    root = trust_repo(tmp_path, "source: [unclosed\n")
    result = cli("context", "national", root)
    assert result.exit_code == 2
    assert f"{NATIONAL_FILE}:" in result.stderr and "Traceback" not in result.output


# ---- context national ------------------------------------------------------------------------


def test_context_national_prints_the_release_and_its_address(tmp_path, cli):
    result = cli("context", "national", tmp_path)  # not a repository: the shipped figures
    assert result.exit_code == 0, result.output
    assert "shipped with sendreview" in result.stdout
    assert "Special educational needs in England, 2025/26 (Department for Education)" in (
        result.stdout
    )
    assert RELEASES + "2025-26" in result.stdout
    assert RELEASES + "2024-25" in result.stdout


def test_context_national_text_shows_each_phase_and_its_needs(tmp_path, cli):
    result = cli("context", "national", trust_repo(tmp_path))
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["SEN", "support", "EHC", "plan"] in rows
    assert ["primary", "15.0%", "4.0%"] in rows and ["all", "15.5%", "6.5%"] in rows
    assert "(every school in England, including independent schools)" in result.stdout
    needs = result.stdout.split("Primary need, primary")[1].splitlines()
    assert needs[1].split()[:2] == ["SLCN", "40.0%"]  # largest first


def test_context_national_json_is_the_figures_with_their_origin(cli, tmp_path):
    shown = cli.json_ok("context", "national", tmp_path, "--format", "json")
    assert shown["origin"] == f"the figures shipped with sendreview ({PACKAGED_FILE})"
    assert NationalFigures.model_validate({k: v for k, v in shown.items() if k != "origin"}) == (
        packaged()
    )
    assert json.dumps(shown)  # plain data all the way down


def test_context_national_refuses_a_folder_that_does_not_exist(tmp_path, cli):
    result = cli("context", "national", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_the_shipped_figures_as_json_make_a_trust_file(tmp_path, cli):
    """The README's way to start a trust's own file without the source: the JSON of
    ``context national`` without its origin is a national.yaml sendreview reads back."""
    shown = cli.json_ok("context", "national", tmp_path, "--format", "json")
    del shown["origin"]
    root = trust_repo(tmp_path, json.dumps(shown, indent=2))
    figures, origin = load_national(root)
    assert figures == packaged() and NATIONAL_FILE in origin
