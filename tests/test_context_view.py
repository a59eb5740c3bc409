"""Each academy's SEN context in the trust view and the reports: percentages of the roll,
the four broad areas, national figures for the phase, "worth a look", academies without a
context file, and small numbers withheld in md, html and xlsx but exact in JSON and CSV.

The national figures are fixed here (``national``), not the shipped release, so a newer
release changes no expected figure. Layers: unit for the figures; cli for the outputs.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest

from sendreview.model.context import BROAD_AREAS, SenContext
from sendreview.model.national import NationalFigures, PhaseFigures, Source
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.need_profile import Protect
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.context import Phased, context_view, national_broad_areas

CYCLE = "2026-autumn"
NEEDS = {"ASD": 20.0, "SLCN": 25.0, "SEMH": 20.0, "MLD": 10.0, "SPLD": 10.0, "HI": 2.0}
NEEDS |= {"PD": 3.0, "NSA": 10.0}
NATIONAL = NationalFigures(
    source=Source(
        title="Special educational needs in England",
        year="2025/26",
        published=dt.date(2026, 6, 11),
        url="https://explore-education-statistics.service.gov.uk/find-statistics/special-educational-needs-in-england",
    ),
    phases={
        phase: PhaseFigures(sen_support_pct=s, ehc_plan_pct=e, primary_need_pct=NEEDS)
        for phase, s, e in [
            ("primary", 14.0, 3.0),
            ("secondary", 13.0, 3.0),
            ("special", 10.0, 90.0),
            ("all", 14.2, 5.3),
        ]
    },
)

#: Four of the example trust's five academies (Saltmarsh has no context file). Alder Brook's
#: SEN support is well below national for a primary (4.0% against 14.0%), and three of its
#: pupils have an EHC plan: a count a report must not show.
CONTEXTS = {
    "alder-brook-primary": """academy: alder-brook-primary
cycle: 2026-autumn
census_date: 2026-10-01
pupils: 400
sen_support: 16
ehc_plans: 3
primary_need: {SLCN: 8, ASD: 3, SEMH: 4, MLD: 4}
suspensions: {no_sen: 2, sen_support: 1, ehc_plan: 0}
period: 2025-26
""",
    "castlegate-academy": """academy: castlegate-academy
cycle: 2026-autumn
census_date: 2026-10-01
pupils: 1180
sen_support: 142
ehc_plans: 31
primary_need: {ASD: 40, SLCN: 22, SEMH: 38, SPLD: 19, MLD: 30, HI: 2, PD: 3, NSA: 19}
suspensions: {no_sen: 40, sen_support: 20, ehc_plan: 5}
permanent_exclusions: {no_sen: 1, sen_support: 1, ehc_plan: 0}
period: 2025-26
""",
    "willowmere-school": """academy: willowmere-school
cycle: 2026-autumn
census_date: 2026-10-01
pupils: 120
sen_support: 0
ehc_plans: 120
primary_need: {ASD: 50, SLD: 30, PMLD: 20, SLCN: 10, MSI: 0, PD: 10}
""",
    "fernhill-all-through": """academy: fernhill-all-through
cycle: 2026-autumn
census_date: 2026-10-01
pupils: 1500
sen_support: 210
ehc_plans: 60
primary_need: {SLCN: 60, ASD: 50, SEMH: 60, SPLD: 40, MLD: 40, VI: 5, OTH: 15}
""",
}


@pytest.fixture
def national(monkeypatch: pytest.MonkeyPatch) -> NationalFigures:
    import sendreview.repository.national as module

    monkeypatch.setattr(module, "load_national", lambda root: (NATIONAL, "fixed for tests"))
    return NATIONAL


@pytest.fixture
def bare_repo(example_repo: Path) -> Path:
    """The example trust without its SEN context files."""
    shutil.rmtree(example_repo / "context")
    return example_repo


@pytest.fixture
def context_repo(bare_repo: Path, national: NationalFigures) -> Path:
    """The example trust with this module's context files (small counts on purpose)."""
    example_repo = bare_repo
    folder = example_repo / "context" / CYCLE
    folder.mkdir(parents=True)
    for academy, text in CONTEXTS.items():
        (folder / f"{academy}.yaml").write_text(text, encoding="utf-8")
    return example_repo


def _context(text: str) -> SenContext:
    import yaml

    return SenContext.model_validate(yaml.safe_load(text))


def _view(academies: dict[str, str] = CONTEXTS, gap: float = 5.0):
    phases = {
        "alder-brook-primary": "primary",
        "castlegate-academy": "secondary",
        "willowmere-school": "special",
        "fernhill-all-through": "all",
        "saltmarsh-primary": "primary",
    }
    contexts = {aid: _context(text) for aid, text in academies.items()}
    return context_view([Phased(a, p) for a, p in phases.items()], contexts, NATIONAL, gap)


# ---- The figures (unit) -------------------------------------------------------------------


def test_percentages_are_of_all_pupils_on_roll():
    view = _view()
    castlegate = view.academies["castlegate-academy"]
    assert (castlegate.sen_support_pct, castlegate.ehc_plan_pct) == (12.0, 2.6)
    assert castlegate.national.sen_support_pct == 13.0
    assert castlegate.national.sen_support_gap == -1.0
    assert view.academies["willowmere-school"].ehc_plan_pct == 100.0


def test_broad_areas_group_the_census_codes():
    castlegate = _view().academies["castlegate-academy"]
    assert castlegate.broad_areas == {
        "communication_and_interaction": 62,
        "cognition_and_learning": 49,
        "semh": 38,
        "sensory_physical": 5,
        "unassigned": 19,
    }
    assert castlegate.broad_areas_pct["semh"] == round(100 * 38 / 173, 1)
    assert national_broad_areas(NATIONAL.phases["all"]) == {
        "communication_and_interaction": 45.0,
        "cognition_and_learning": 20.0,
        "semh": 20.0,
        "sensory_physical": 5.0,
        "unassigned": 10.0,
    }


def test_the_trust_sums_only_academies_with_a_context_file():
    view = _view()
    assert view.missing == ["saltmarsh-primary"]
    assert view.trust.pupils == 400 + 1180 + 120 + 1500
    assert view.trust.ehc_plans == 3 + 31 + 120 + 60
    assert view.trust.national.national_phase == "all"
    assert set(view.trust.broad_areas) == set(BROAD_AREAS)
    # Exclusions are summed only when every academy gave them: a rate from some academies'
    # exclusions over every academy's pupils would understate it.
    assert view.trust.suspensions is None


def test_exclusion_rates_compare_pupils_with_sen_with_those_without():
    rates = _view().academies["castlegate-academy"].suspensions
    no_sen_pupils = 1180 - 142 - 31
    assert rates.no_sen_rate == round(100 * 40 / no_sen_pupils, 2)
    assert rates.sen_support_rate == round(100 * 20 / 142, 2)
    assert rates.sen_support_ratio == round(rates.sen_support_rate / rates.no_sen_rate, 1)


@pytest.mark.parametrize(("gap", "flagged"), [(5.0, True), (10.0, True), (10.1, False)])
def test_worth_a_look_at_the_threshold(gap, flagged):
    # Alder Brook: SEN support 4.0% against 14.0% for primaries, 10.0 points below.
    found = [w for w in _view(gap=gap).worth_a_look if w.academy == "alder-brook-primary"]
    assert bool(found) is flagged
    if flagged:
        assert found[0].kind == "sen_support_low"
        assert found[0].gap == -10.0


def test_no_context_files_no_context():
    assert _view({}) is None


@pytest.mark.parametrize(
    ("n", "shown"), [(None, "not given"), (0, "0"), (1, "fewer than 5"), (4, "fewer than 5")]
)
def test_small_counts_are_withheld(n, shown):
    assert Protect(5).count(n) == shown
    assert Protect(5).count(5) == "5"
    assert Protect(None).count(3) == "3"


# ---- The outputs (cli) --------------------------------------------------------------------


def test_json_carries_exact_counts(cli, context_repo):
    found = cli.json_ok("aggregate", context_repo, "--cycle", CYCLE, "--format", "json")
    context = found["context"]
    assert context["national"]["year"] == "2025/26"
    assert context["national"]["url"] == NATIONAL.source.url
    alder = context["academies"]["alder-brook-primary"]
    assert {k: alder[k] for k in ("pupils", "sen_support", "ehc_plans")} == {
        "pupils": 400,
        "sen_support": 16,
        "ehc_plans": 3,
    }
    assert alder["sen_support_pct"] == 4.0
    assert alder["primary_need"] == {"ASD": 3, "MLD": 4, "SEMH": 4, "SLCN": 8}
    assert set(alder["broad_areas"]) == set(BROAD_AREAS)
    assert "saltmarsh-primary" not in context["academies"]
    assert context["missing"] == ["saltmarsh-primary"]
    assert context["trust"]["pupils"] == 3200
    assert found["thresholds"]["context_gap"] == 5.0


def test_json_without_context_files_says_null(cli, bare_repo):
    found = cli.json_ok("aggregate", bare_repo, "--cycle", CYCLE, "--format", "json")
    assert found["context"] is None


def _report(repo: Path, kind: str, academy: str | None = None, suppress: int | None = 5) -> str:
    """The report's text; in Markdown, a figure such as ``4.0%`` is written ``4\\.0%`` (so
    that it can never start a numbered list): the backslashes are taken out here."""
    view = aggregate(repo, CYCLE)
    data = render(kind, ReportRequest(view=view, academy=academy, suppress_below=suppress))
    return data.decode("utf-8").replace("\\.", ".")


@pytest.mark.parametrize("kind", ["md", "html"])
def test_reports_withhold_small_counts(context_repo, kind):
    text = _report(context_repo, kind)
    assert "SEN context" in text
    row = next(line for line in text.splitlines() if "Alder Brook" in line and "400" in line)
    # three pupils with an EHC plan: neither the count nor the 0.8% that gives it back
    assert "fewer than 5" in row
    assert "0.8%" not in row
    assert "withheld" in row
    assert "4.0%" in row  # sixteen on SEN support is shown
    assert "possible under-identification" in text
    assert "Saltmarsh Primary Academy" in text.split("SEN context", 1)[1]


@pytest.mark.parametrize("kind", ["md", "html"])
def test_no_suppress_shows_every_count(context_repo, kind):
    text = _report(context_repo, kind, suppress=None)
    row = next(line for line in text.splitlines() if "Alder Brook" in line and "400" in line)
    assert "fewer than 5" not in row
    assert "0.8%" in row


def test_academy_report_shows_its_context_beside_identification(context_repo):
    text = _report(context_repo, "md", "alder-brook-primary")
    identification = text.index("## Identification, Assessment and Outcomes")
    context = text.index("\n### SEN context\n")
    assert identification < context < text.index("### identification-1")
    assert "possible under-identification" in text


def test_html_chart_is_a_described_picture_with_its_table(context_repo):
    text = _report(context_repo, "html")
    svg = re.search(r"<svg[^>]*need-trust[^>]*>.*?</svg>", text, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0)
    assert "<title" in svg.group(0) and "<desc" in svg.group(0)
    assert "<script" not in text
    assert "national" in svg.group(0)  # the bars say which is which in words


def test_low_sen_support_where_pupils_have_plans_is_not_under_identification():
    # Willowmere, a special school: no pupil on SEN support, every pupil with a plan.
    found = {(w.academy, w.kind) for w in _view().worth_a_look}
    assert ("willowmere-school", "sen_support_low") not in found
    assert ("willowmere-school", "ehc_plan_high") in found
    assert ("alder-brook-primary", "sen_support_low") in found


def test_a_trust_total_is_withheld_where_an_academy_count_is(context_repo):
    # The trust's EHC plans less the other academies' would give Alder Brook's three back.
    text = _report(context_repo, "md")
    row = next(line for line in text.splitlines() if line.startswith("| **The trust** | 3,200"))
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[2:4] == ["368", "11.5%"]
    assert cells[5:7] == ["withheld", "withheld"]
    assert "214" not in text


def test_report_options_suppress_and_gap(cli, context_repo, tmp_path):
    out = tmp_path / "r.md"
    common = ("report", context_repo, "--cycle", CYCLE, "-o", out, "--force")
    assert cli(*common).exit_code == 0
    assert "fewer than 5" in out.read_text(encoding="utf-8")
    assert cli(*common, "--suppress-below", "20").exit_code == 0
    assert "fewer than 20" in out.read_text(encoding="utf-8")
    assert cli(*common, "--no-suppress", "--context-gap", "11").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "fewer than" not in text.split("## SEN context", 1)[1].split("\n## ", 1)[0]
    assert "11.0 or more percentage points" in text
    assert "possible under-identification" not in text


def test_aggregate_context_gap_option(cli, context_repo):
    found = cli.json_ok(
        "aggregate", context_repo, "--cycle", CYCLE, "--format", "json", "--context-gap", "11"
    )
    assert found["thresholds"]["context_gap"] == 11.0
    assert found["context"]["gap"] == 11.0
    assert found["context"]["worth_a_look"] == []


def test_csv_tables_carry_exact_counts_and_list_missing_academies(cli, context_repo, tmp_path):
    folder = tmp_path / "tables"
    args = ("aggregate", context_repo, "--cycle", CYCLE, "--format", "csv-tables", "-o", folder)
    assert cli(*args).exit_code == 0
    text = (folder / "context.csv").read_text(encoding="utf-8-sig")
    rows = {r["academy_id"]: r for r in csv.DictReader(io.StringIO(text))}
    assert rows["alder-brook-primary"]["ehc_plans"] == "3"
    assert rows["alder-brook-primary"]["suspensions_sen_support"] == "1"
    assert rows["saltmarsh-primary"]["has_context"] == "false"
    assert rows["saltmarsh-primary"]["pupils"] == ""
    assert rows["trust"]["pupils"] == "3200"
    needs = list(csv.DictReader(io.StringIO((folder / "primary_need.csv").read_text("utf-8-sig"))))
    asd = next(
        r for r in needs if r["academy_id"] == "alder-brook-primary" and r["need_code"] == "ASD"
    )
    assert (asd["pupils"], asd["broad_area"]) == ("3", "communication_and_interaction")


def test_xlsx_withholds_small_counts(context_repo, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    view = aggregate(context_repo, CYCLE)
    path.write_bytes(render("xlsx", ReportRequest(view=view)))
    sheet = load_workbook(path, read_only=True)["SEN context"]
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    alder = rows["Alder Brook Primary Academy"]
    assert alder[2:9] == (400, 16, "4.0%", "14.0%", "fewer than 5", "withheld", "3.0%")
    assert "possible under-identification" in alder[-1]
    assert rows["The trust"][6] == "withheld"
    assert rows["Castlegate Academy"][6] == 31
    assert "No context file" in rows["Saltmarsh Primary Academy"][1]


def test_xlsx_without_context_has_no_context_sheet(bare_repo, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "r.xlsx"
    path.write_bytes(render("xlsx", ReportRequest(view=aggregate(bare_repo, CYCLE))))
    assert "SEN context" not in load_workbook(path, read_only=True).sheetnames


def test_without_national_figures_for_a_phase_nothing_is_named(context_repo, monkeypatch):
    import sendreview.repository.national as module

    bare = NATIONAL.model_copy(update={"phases": {}})
    monkeypatch.setattr(module, "load_national", lambda root: (bare, "no phases"))
    text = _report(context_repo, "md")
    assert "possible under-identification" not in text
    assert "None can be named: the national figures in use give no figure" in text
    assert "every academy is within" not in text


def test_the_context_files_here_are_valid(cli, context_repo):
    result = cli("validate", context_repo)
    assert "context/" not in result.stdout


def test_the_trust_exclusions_are_withheld_column_by_column(context_repo):
    # Every academy with suspensions: the trust's are summed. Only Alder Brook has small
    # counts (no SEN 2, SEN support 1), so the EHC plan column (0 + 5 + 0 + 0) is shown, but
    # not its rate: the trust's EHC plans are withheld (Alder Brook has 3), and 5 over the
    # rate would give them back.
    folder = context_repo / "context" / CYCLE
    for academy in ("willowmere-school", "fernhill-all-through"):
        path = folder / f"{academy}.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text + "suspensions: {no_sen: 0, sen_support: 0, ehc_plan: 0}\n")
    text = _report(context_repo, "md")
    row = next(line for line in text.splitlines() if line.startswith("| The trust | 2025-26"))
    cells = [c.strip() for c in row.split("|")[1:-1]]
    assert cells[3:6] == ["withheld", "withheld", "5"]
    assert cells[6:8] == ["withheld", "withheld"]


def test_a_rate_over_a_small_group_is_withheld(context_repo):
    # Ten suspensions of Alder Brook's three pupils with a plan: 333.33 per 100 gives the 3 back.
    path = context_repo / "context" / CYCLE / "alder-brook-primary.yaml"
    text = path.read_text(encoding="utf-8").replace("ehc_plan: 0}", "ehc_plan: 10}")
    path.write_text(text, encoding="utf-8")
    report = _report(context_repo, "md")
    row = next(
        line for line in report.splitlines() if "| Alder Brook Primary Academy | 2025-26" in line
    )
    assert "333" not in row
    assert [c.strip() for c in row.split("|")[1:-1]][5:8] == ["10", "withheld", "withheld"]


def test_a_blank_scaffolded_context_file_counts_as_none(cli, example_repo, national):
    assert cli("new", example_repo, "--cycle", "2027-spring").exit_code == 0
    assert (example_repo / "context" / "2027-spring" / "castlegate-academy.yaml").is_file()
    found = cli.json_ok("aggregate", example_repo, "--cycle", "2027-spring", "--format", "json")
    assert found["context"] is None
    blank = _context("academy: castlegate-academy\ncycle: 2026-autumn\n")
    mixed = context_view(
        [Phased("castlegate-academy", "secondary"), Phased("alder-brook-primary", "primary")],
        {
            "castlegate-academy": blank,
            "alder-brook-primary": _context(CONTEXTS["alder-brook-primary"]),
        },
        NATIONAL,
        5.0,
    )
    assert mixed.missing == ["castlegate-academy"]
    assert list(mixed.academies) == ["alder-brook-primary"]


def test_the_terminal_view_shows_the_context_protected(cli, example_repo):
    """aggregate in the terminal: identification beside national and the need mix, with the
    same small-number protection as the reports (Alder Brook has fewer than 5 pupils whose
    need is sensory or physical)."""
    shown = cli("aggregate", example_repo, "--cycle", CYCLE).stdout
    assert "SEN context: identification beside national" in shown
    mix = shown[shown.index("Need mix") :]
    alder = next(line for line in mix.splitlines() if line.startswith("Alder Brook"))
    assert "39 (54.9%)" in alder
    assert "fewer than 5" in alder


def test_the_terminal_view_without_context_files_has_no_context(cli, bare_repo):
    assert "SEN context" not in cli("aggregate", bare_repo, "--cycle", CYCLE).stdout
