"""The Markdown and HTML reports: golden files, escaping, safe file names and templates.

The golden files in tests/golden/ are the example trust's reports. After a deliberate change
to a template, look at the new report, then write the golden files again with
``SENDREVIEW_UPDATE_GOLDEN=1 python -m pytest tests/test_reports_md_html.py``.

Layers: unit for rendering and escaping through the library; cli for the files ``report``
writes, trusts' own templates and refusals.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, replace_once
from sendreview.excel.colour import INK, WHITE, contrast, text_colour
from sendreview.render.reports import ReportRequest, default_output, render, safe_filename
from sendreview.render.reports.templating import markdown_escape
from sendreview.render.reports.wording import levels
from sendreview.trust_view.aggregate import aggregate

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SENDREVIEW_UPDATE_GOLDEN") == "1"
CYCLE_DIR = Path("reviews") / "2026-autumn"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def example_view():
    # File paths in a view are relative to where the command runs: pin it.
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        return aggregate(EXAMPLE.relative_to(ROOT), "2026-autumn")
    finally:
        os.chdir(here)


@pytest.mark.parametrize(
    ("kind", "academy", "golden"),
    [
        ("md", None, "larkspur-trust.md"),
        ("html", None, "larkspur-trust.html"),
        ("md", "castlegate-academy", "larkspur-castlegate-academy.md"),
    ],
)
def test_golden(example_view, kind, academy, golden):
    data = render(kind, ReportRequest(view=example_view, academy=academy))
    path = GOLDEN / golden
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.is_file(), f"no golden file {golden}: set SENDREVIEW_UPDATE_GOLDEN=1 to write it"
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


def test_trust_report_has_every_part(example_view):
    text = render("md", ReportRequest(view=example_view)).decode("utf-8")
    for heading in (
        "## Completeness",
        "## Heatmap",
        "## Ratings by area",
        "## Trust-wide priorities",
        "## Outliers",
        "## Peer support",
        "## The trust's own review",
        "### The academies through the MAT SEND Review's areas",
        "## Action plans",
    ):
        assert heading in text
    assert "| Castlegate Academy | 🟧 A | 🟩 G | 🟧 A | 🟧 A |" in text
    overdue = [line for line in text.splitlines() if line.startswith("|") and "Overdue" in line]
    assert len(overdue) == 2
    # Dates come from the reviews, never from the day the report is made.
    assert "reviews carried out 10 to 20 November 2026" in text


def test_academy_report_has_the_full_review(example_view):
    text = render("html", ReportRequest(view=example_view, academy="willowmere-school"))
    page = text.decode("utf-8")
    assert "<h1>Willowmere School</h1>" in page
    assert "Not applicable because" in page
    assert "EHC plan naming Willowmere" in page
    assert "24 points above the trust" in page
    assert page.count('class="statement"') == 27


def test_html_is_self_contained_and_accessible_by_construction(example_view):
    page = render("html", ReportRequest(view=example_view)).decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="en-GB">' in page
    assert 'href="#main"' in page
    assert '<main id="main"' in page
    assert "<script" not in page
    # Nothing is fetched: the only web addresses are links a reader may follow (a source's).
    fetched = re.sub(r'<a href="https://[^"<>]+">', "", page)
    assert "http://" not in fetched
    assert "https://" not in fetched
    assert "<link" not in page
    assert "@import" not in page
    assert page.count("<caption") == page.count("<table")
    assert '<th scope="col"' in page
    assert '<th scope="row"' in page
    assert "@media print" in page
    assert "break-before: page" in page


def _with_text(repo: Path, text: str) -> None:
    replace_once(
        repo / CYCLE_DIR / "castlegate-academy.yaml",
        "The headteacher has made SEND one of the three priorities",
        f"{text} The headteacher has made SEND one of the three priorities",
    )


@pytest.mark.parametrize("academy", [None, "castlegate-academy"])
def test_html_escapes_review_text(example_repo, academy):
    _with_text(example_repo, SCRIPT)
    replace_once(
        example_repo / CYCLE_DIR / "castlegate-academy.yaml",
        "action: |\n          Rewrite and publish",
        "action: |\n          <img src=x onerror=alert(2)> Rewrite and publish",
    )
    page = render("html", ReportRequest(aggregate(example_repo, "2026-autumn"), academy)).decode(
        "utf-8"
    )
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    if academy:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_markdown_escapes_review_text(example_repo):
    _with_text(example_repo, f"{SCRIPT} | *not bold* [link](http://x.invalid)")
    text = render(
        "md", ReportRequest(aggregate(example_repo, "2026-autumn"), "castlegate-academy")
    ).decode()
    assert "\\<script\\>alert(1)\\</script\\> \\| \\*not bold\\* \\[link\\](http" in text
    assert "<script>" not in text


def test_markdown_table_cells_stay_whole(example_repo):
    replace_once(
        example_repo / CYCLE_DIR / "castlegate-academy.yaml",
        "owner: SENCO\n        due: 2026-10-23",
        "owner: SENCO | Head\n        due: 2026-10-23",
    )
    text = render("md", ReportRequest(aggregate(example_repo, "2026-autumn"))).decode("utf-8")
    line = next(x for x in text.splitlines() if "SENCO \\| Head" in x)
    assert len(re.findall(r"(?<!\\)\|", line)) == 7  # six columns


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("# not a heading", "\\# not a heading"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("2)", "2\\)"),
        ("12.4%", "12.4%"),  # a figure, not a list: no backslash in the raw file
        ("3.0 times", "3.0 times"),
        ("a|b", "a\\|b"),
        ("_x_ and `y`", "\\_x\\_ and \\`y\\`"),
        ("R&D &amp; more", "R&D \\&amp; more"),
        ("costs $5 to $6", "costs \\$5 to \\$6"),
        ("2026-11-12", "2026-11-12"),
    ],
)
def test_markdown_escape(raw, shown):
    assert markdown_escape(raw) == shown


def test_unknown_academy_is_refused(cli, example_repo):
    for bad in ("../../etc", "castlegate-academy/../../x", "nobody"):
        result = cli(
            "report", example_repo, "--cycle", "2026-autumn", "--format", "md", "--academy", bad
        )
        assert result.exit_code == 2
        assert "is not an academy of Larkspur Learning Trust" in result.stderr
    assert not list(example_repo.parent.glob("*.md"))


def test_unknown_academy_is_refused_by_the_library(example_view):
    from sendreview.errors import UsageError

    with pytest.raises(UsageError):
        render("html", ReportRequest(view=example_view, academy="../../etc"))


@pytest.mark.parametrize(
    ("parts", "name"),
    [
        (("../../etc",), "etc"),
        (("..", "..", "passwd"), "passwd"),
        (("a/b\\c:d",), "a-b-c-d"),
        (("Saint Æthelred’s C of E",), "Saint-thelreds-C-of-E"),
        (("",), "report"),
        (("send-review", "../../etc"), None),
        (("send-review", "/etc/passwd", "..\\..\\x"), None),
    ],
)
def test_safe_filename_cannot_leave_its_folder(parts, name, tmp_path):
    made = safe_filename(*parts)
    if name is not None:
        assert made == name
    assert "/" not in made
    assert "\\" not in made
    assert not made.startswith(".")
    assert (tmp_path / made).resolve().parent == tmp_path.resolve()


def test_default_output_is_a_bare_file_name(example_view):
    request = ReportRequest(view=example_view, academy="castlegate-academy")
    name = default_output(request, "html")
    assert name == "send-review-Larkspur-Learning-Trust-2026-autumn-castlegate-academy.html"
    assert Path(name).name == name


def test_existing_file_is_not_replaced_without_force(cli, example_repo, tmp_path):
    target = tmp_path / "board-report.html"
    target.write_text("a director's own notes", encoding="utf-8")
    result = cli("report", example_repo, "--cycle", "2026-autumn", "--format", "html", "-o", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "a director's own notes"
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--format",
        "html",
        "-o",
        target,
        "--force",
    )
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_default_file_name_in_the_current_folder(cli, example_repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--format",
        "md",
        "--academy",
        "willowmere-school",
    )
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "send-review-Larkspur-Learning-Trust-2026-autumn-willowmere-school.md"
    assert written.read_text(encoding="utf-8").startswith("# Willowmere School")


def test_a_trusts_own_templates_come_first(cli, example_repo, tmp_path):
    own = tmp_path / "our-templates"
    own.mkdir()
    (own / "report.css").write_text("body { color: #123456; }\n", encoding="utf-8")
    target = tmp_path / "report.html"
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "-f",
        "html",
        "-o",
        target,
        "--templates",
        own,
    )
    assert result.exit_code == 0, result.stderr
    page = target.read_text(encoding="utf-8")
    assert "body { color: #123456; }" in page
    assert "<h1>Larkspur Learning Trust</h1>" in page  # the other templates are built in


def test_a_broken_own_template_is_reported_plainly(cli, example_repo, tmp_path):
    own = tmp_path / "our-templates"
    own.mkdir()
    (own / "trust.md.j2").write_text("# {{ report.trust }\n", encoding="utf-8")
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "-f",
        "md",
        "-o",
        tmp_path / "r.md",
        "--templates",
        own,
    )
    assert result.exit_code == 2
    assert "template could not be used" in result.stderr
    assert "trust.md.j2:1" in result.stderr
    assert "Traceback" not in result.stderr


def test_own_templates_cannot_reach_python(cli, example_repo, tmp_path):
    own = tmp_path / "our-templates"
    own.mkdir()
    (own / "trust.md.j2").write_text(
        "{{ report.__class__.__init__.__globals__ }}\n", encoding="utf-8"
    )
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "-f",
        "md",
        "-o",
        tmp_path / "r.md",
        "--templates",
        own,
    )
    assert result.exit_code == 2
    assert not (tmp_path / "r.md").exists()


def test_missing_templates_folder(cli, example_repo, tmp_path):
    result = cli(
        "report",
        example_repo,
        "--cycle",
        "2026-autumn",
        "--templates",
        tmp_path / "nowhere",
        "-o",
        tmp_path / "x",
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_rating_colours_meet_wcag_aa(example_view):
    for level in levels(example_view.rating_scale):
        assert level.text_colour == WHITE
        assert contrast(level.colour, level.text_colour) >= 4.5
    # A trust's own scale with pale or mid colours still gets readable letters.
    for colour in ("#FFD700", "#777777", "#00A0E0", "#767676", "#FFFFFF", "#000000"):
        assert contrast(colour, text_colour(colour)) >= 4.5
    assert text_colour("#FFD700") == INK


def test_reports_do_not_load_at_start_up():
    """jinja2 and the report modules load with the command that needs them, not at start."""
    lazy = [
        "jinja2",
        "openpyxl",
        "sendreview.render.terminal_trust_view",
        "sendreview.render.reports.templating",
    ]
    code = f"import sys, sendreview.cli; print([m for m in {lazy!r} if m in sys.modules])"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_trust_without_a_trust_level_review(filled_repo):
    view = aggregate(filled_repo)
    assert view.trust_review is None
    assert view.lens == []
    for kind in ("md", "html"):
        text = render(kind, ReportRequest(view=view)).decode("utf-8")
        assert "Oak Primary" in text
        assert "own review" not in text
    page = render("html", ReportRequest(view=view, academy="oak-primary")).decode("utf-8")
    assert "<h1>Oak Primary</h1>" in page


def test_academy_report_shows_each_action_plan_summary(example_view):
    html = render("html", ReportRequest(view=example_view, academy="castlegate-academy")).decode()
    markdown = render("md", ReportRequest(view=example_view, academy="castlegate-academy")).decode()
    summary = example_view.action_plan_summaries["castlegate-academy"]["leadership"]
    first_words = " ".join(summary.split()[:6])
    assert "Summary of areas for development" in html
    assert first_words in " ".join(html.split())
    assert first_words in " ".join(markdown.split())
