"""Reports tell the truth about an unfinished cycle, in every format and in the terminal.

- A report whose reviews are unfinished or missing says so at the top, in one sentence.
- Every score says what it rests on ("from 7 of 21 statements"); an area with less than
  half its statements rated shows "not enough rated yet" instead of a percentage.
- Problems reach a board report as what is missing per academy, with the command that
  lists them, never as codes and line numbers.
- The terminal view fits 80, 100 and 140 columns: heatmap rows never split, headings never
  cut, a not-applicable cell shifts nothing; ``frameworks show`` wraps at words.

Layers: unit for the reports and wording the library builds; cli for the terminal view and
``frameworks show``.
"""

from __future__ import annotations

import re
import shutil
from io import BytesIO
from pathlib import Path

import pytest

from conftest import EXAMPLE, replace_once
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.context import build
from sendreview.render.reports.wording import cycle_label, headline, points, rests_on, versus
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import AggregateOptions, enough_rated

FOLDER = Path("reviews") / "2026-autumn"
CAVEAT = (
    "Only 1 of 5 academies has a complete review (2 reviews unfinished and 2 academies with "
    "no review yet), so the scores rest on 27 of 134 statements rated so far."
)


def make_unfinished(root: Path) -> Path:
    """The example trust half-way through a cycle: Castlegate and Willowmere have rated
    nothing yet (and one of Castlegate's actions has no due date); Fernhill and Saltmarsh
    have no review file."""
    shutil.copytree(EXAMPLE, root)
    folder = root / FOLDER
    for name in ("castlegate-academy.yaml", "willowmere-school.yaml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^    rating: .*$", "    rating:", text), encoding="utf-8")
    replace_once(folder / "castlegate-academy.yaml", "due: 2026-10-23", "due:")
    (folder / "fernhill-all-through.yaml").unlink()
    (folder / "saltmarsh-primary.yaml").unlink()
    # Half-way through a cycle, nobody has moderated yet.
    shutil.rmtree(folder / "moderation")
    return root


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory) -> Path:
    return make_unfinished(tmp_path_factory.mktemp("honest") / "trust")


@pytest.fixture(scope="module")
def view(unfinished):
    return aggregate(unfinished, "2026-autumn")


@pytest.mark.parametrize(
    ("rated", "unrated", "enough", "basis"),
    [
        (7, 14, False, "from 7 of 21 statements"),
        (1, 6, False, "from 1 of 7 statements"),
        (3, 3, True, "from 3 of 6 statements"),
        (4, 3, True, "from 4 of 7 statements"),
        (1, 0, True, "from 1 of 1 statement"),
        (0, 0, False, "no statements apply"),
    ],
)
def test_a_score_needs_half_its_statements_rated(rated, unrated, enough, basis):
    assert enough_rated(rated, unrated) is enough
    assert rests_on(rated, unrated) == basis
    shown = headline(1.0, rated, unrated)
    assert shown == ("100%" if enough else "not enough rated yet" if rated + unrated else "–")


@pytest.mark.parametrize(
    ("gap", "words"), [(0.01, "1 point"), (0.24, "24 points"), (0.0, "0 points")]
)
def test_a_gap_of_one_point_is_singular(gap, words):
    assert points(gap) == words
    assert versus(0.5 + gap, 0.5) == (f"{words} above the trust" if gap else "level with the trust")


@pytest.mark.parametrize(
    ("cycle", "label"),
    [
        ("2026-autumn", "Autumn 2026"),
        ("2027-spring", "Spring 2027"),
        ("2026-autumn\n", "2026-autumn\n"),
        ("2026-26", "2026-26"),
    ],
)
def test_a_cycle_reads_as_its_term_only_when_it_names_one(cycle, label):
    assert cycle_label(cycle) == label


def test_the_report_context_holds_the_caveat_and_the_summaries(view, unfinished):
    report = build(view)
    assert report.caveat == CAVEAT
    assert [(s.who, s.items) for s in report.problem_summaries] == [
        ("Castlegate Academy", ["27 statements not rated", "1 action without a due date"]),
        ("Willowmere School", ["26 statements not rated"]),
    ]
    assert report.validate_command == f"sendreview validate {unfinished.as_posix()}"
    leadership = report.areas[0].trust
    assert (leadership.enough, leadership.headline, leadership.basis) == (
        False,
        "not enough rated yet",
        "from 7 of 35 statements",
    )


def test_a_complete_trust_has_no_caveat():
    assert build(aggregate(EXAMPLE, "2026-autumn")).caveat == ""


def test_markdown_report_of_an_unfinished_trust(view, unfinished):
    text = render("md", ReportRequest(view=view)).decode("utf-8")
    top = text.split("## At a glance", 1)[0]
    assert f"> ⚠️ **Not final.** {CAVEAT}" in top
    by_area = text.split("## Ratings by area", 1)[1].split("## ", 1)[0]
    trust = next(line for line in by_area.splitlines() if line.startswith("| **The trust**"))
    assert "%" not in trust  # 7 of 35 rated: no headline percentage anywhere on the row
    assert "*not enough rated yet* (from 7 of 35 statements)" in trust
    assert "- **Castlegate Academy:** 27 statements not rated, 1 action without a due date." in text
    assert f"run `sendreview validate {unfinished.as_posix()}`" in text
    assert not re.search(r"SR\d{3}", text)
    assert "is not rated yet" not in text


def test_html_report_of_an_unfinished_trust(view):
    text = render("html", ReportRequest(view=view)).decode("utf-8")
    head = text.split('<main id="main"', 1)[0]
    assert '<p class="caveat" role="note"><strong>Not final.</strong> ' + CAVEAT in head
    assert '<span class="score thin">not enough rated yet</span>' in text
    assert '<span class="counts">from 7 of 35 statements</span>' in text
    assert "<strong>Castlegate Academy:</strong> 27 statements not rated" in text
    assert not re.search(r"SR\d{3}", text)


def test_academy_report_of_an_unfinished_review(view):
    text = render("md", ReportRequest(view=view, academy="castlegate-academy")).decode("utf-8")
    assert "> ⚠️ **Not final.** The review is unfinished, so the scores rest on 0 of 27" in text
    assert "no comparison until more is rated" in text
    assert "## What is missing" in text
    assert not re.search(r"SR\d{3}", text)


def test_excel_report_of_an_unfinished_trust(view):
    from openpyxl import load_workbook

    book = load_workbook(BytesIO(render("xlsx", ReportRequest(view=view))))
    assert book["Summary"]["A2"].value.startswith(f"Not final. {CAVEAT}")
    scores = book["Area scores"]
    header = [c.value for c in scores[3]]
    trust = [c.value for c in scores[4]]
    assert trust[0] == "All academies"
    assert trust[header.index("Leadership of SEND")] == "not enough rated yet"
    assert trust[header.index("Leadership of SEND: rests on")] == "from 7 of 35 statements"
    alder = next(
        r for r in scores.iter_rows(values_only=True) if r[0] == "Alder Brook Primary Academy"
    )
    assert alder[header.index("Leadership of SEND")] == pytest.approx(0.929)


def test_no_outlier_is_drawn_from_a_thinly_rated_area(tmp_path):
    """Castlegate rates one statement of seven, red: no score to call it an outlier on."""
    root = tmp_path / "trust"
    shutil.copytree(EXAMPLE, root)
    path = root / FOLDER / "castlegate-academy.yaml"
    text = re.sub(r"(?m)^    rating: .*$", "    rating:", path.read_text(encoding="utf-8"))
    path.write_text(text.replace("    rating:", "    rating: red", 1), encoding="utf-8")
    # Its own rating: its moderator's of the same statement is amber.
    options = AggregateOptions(outlier_gap=0.25, ratings="self")
    view = aggregate(root, "2026-autumn", options=options)
    assert view.areas[0].scores["castlegate-academy"] == 0.0
    assert not [o for o in view.outliers if o.academy == "castlegate-academy"]


# ---- the terminal ------------------------------------------------------------------------

GLYPHS = {"R", "A", "G", "NA", "·"}


def _section(out: str, start: str, end: str) -> str:
    return out.split(start, 1)[1].split(end, 1)[0]


@pytest.mark.parametrize("width", [80, 100, 140])
@pytest.mark.parametrize("which", ["example", "unfinished"])
def test_terminal_view_fits_the_width(cli, unfinished, width, which):
    root = EXAMPLE if which == "example" else unfinished
    result = cli("aggregate", root, "--cycle", "2026-autumn", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    if width == 140:
        assert max(len(line) for line in lines) > 100  # a wide terminal is used, not capped
    view = aggregate(root, "2026-autumn")
    heat = _section(out, "Heatmap:", "Ratings by area:")
    total = len(view.statements)
    for academy in view.academies:
        # Each academy's row in each block is one whole line: its glyphs add up to every
        # statement, so no row was broken across lines.
        rows = [line for line in heat.splitlines() if line.startswith(academy.name)]
        glyphs = sum(sum(1 for t in line.split() if t in GLYPHS) for line in rows)
        assert glyphs == total, (academy.name, rows)
    # Headings whole: every word of every area title is there, and nothing is cut with '…'.
    words = set(heat.split())
    for area in view.areas:
        assert set(area.title.split()) <= words
    assert "…" not in heat
    assert "…" not in _section(out, "Ratings by area:", "Trust-wide priorities")
    if which == "unfinished":
        assert out.index("Not final.") < out.index("Completeness")
        assert "not enough rated yet" in out
        assert "from 7 of 35" in out
        assert not re.search(r"SR\d{3}", out)
        assert "Castlegate Academy: 27 statements not rated, 1 action without a due date." in (
            " ".join(out.split())
        )


def test_a_not_applicable_cell_keeps_its_column(cli):
    out = cli("aggregate", EXAMPLE, "--cycle", "2026-autumn", env={"COLUMNS": "80"}).stdout
    heat = _section(out, "Heatmap:", "Ratings by area:").splitlines()
    row = next(i for i, line in enumerate(heat) if "NA" in line and "Willowmere" in line)
    numbers = next(line for line in reversed(heat[:row]) if line.strip().startswith("1 "))
    # Each glyph ends where its statement number ends.
    ends = [m.end() for m in re.finditer(r"\d+", numbers)]
    glyph_ends = [m.end() for m in re.finditer(r"NA|[RAG·]", heat[row][len("Willowmere") :])]
    assert [e + len("Willowmere") for e in glyph_ends] == ends


@pytest.mark.parametrize("width", [60, 80, 140])
def test_frameworks_show_wraps_at_words(cli, width):
    result = cli("frameworks", "show", "school-send-review", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= width
    shown = set(result.stdout.split())
    framework = FrameworkRegistry.for_repository(None).require("school-send-review")
    for area in framework.areas:
        for statement in area.statements:
            assert set(statement.text.split()) <= shown, statement.id  # no word broken
