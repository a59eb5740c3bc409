"""The reports' "Since last review" and "Trend" sections, and ``compare`` as md and html.

The comparison and the trend are built by hand (tests/handhistory.py), with a known pattern,
from the example trust's 2026-autumn view, so every direction is pinned; the commands run on
the three-cycle trust of tests/historytools.py.

Layers: unit for rendering through the library; cli for ``report`` and ``compare``.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT
from handhistory import SCRIPT, hand_comparison, hand_trend
from sendreview.model.comparison import ScoreChange
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.movement import WIDE, movement, score_move
from sendreview.render.reports.trend_chart import trend_view
from sendreview.render.reports.wording import levels
from sendreview.trust_view.aggregate import aggregate

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SENDREVIEW_UPDATE_GOLDEN") == "1"
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="module")
def example_view():
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        return aggregate(EXAMPLE.relative_to(ROOT), "2026-autumn")
    finally:
        os.chdir(here)


@pytest.fixture(scope="module")
def history_request(example_view):
    return ReportRequest(
        view=example_view, comparison=hand_comparison(example_view), trend=hand_trend(example_view)
    )


def _text(kind: str, request: ReportRequest) -> str:
    return render(kind, request).decode("utf-8")


# ---- the section, shaped once for every format --------------------------------------------


def test_every_direction_is_an_arrow_and_a_word(example_view):
    mv = movement(hand_comparison(example_view), levels(example_view.rating_scale))
    cells = {(c.arrow, c.word) for row in mv.rows for group in row.groups for c in group}
    assert {("↑", "up"), ("→", "same"), ("↓", "down"), ("+", "new")} <= cells
    castlegate = next(r for r in mv.rows if r.academy == "Castlegate Academy")
    first = castlegate.groups[0][0]
    # Castlegate is academy 1 and leadership-1 statement 0: position 1, the same rating.
    assert (first.direction, first.detail) == ("same", "Amber to Amber")
    assert not mv.by_area
    assert [label for label, _ in mv.only_in] == ["Summer 2026"]


def test_a_wide_framework_is_shown_by_area(example_view):
    comparison = hand_comparison(example_view)
    many = [
        s.model_copy(update={"id": f"{s.id}-{n}"}) for n in range(2) for s in comparison.statements
    ]
    assert len(many) > WIDE
    mv = movement(comparison.model_copy(update={"statements": many}))
    assert mv.by_area
    assert [g.title for g in mv.groups] == [a.title for a in example_view.areas]
    assert all(len(group) == 1 for row in mv.rows for group in row.groups)


@pytest.mark.parametrize(
    ("before", "after", "direction", "change"),
    [
        (0.5, 0.62, "up", "up 12 points"),
        (0.62, 0.5, "down", "down 12 points"),
        (0.5, 0.504, "same", "no change"),
        (None, 0.5, "new", "no score before"),
        (0.5, None, "gone", "no score now"),
    ],
)
def test_a_score_moves_by_whole_points(before, after, direction, change):
    moved = score_move("Area", ScoreChange(from_=before, to=after))
    assert (moved.move.direction, moved.change) == (direction, change)


def test_no_trend_before_the_third_cycle(example_view):
    trend = hand_trend(example_view)
    assert trend_view(trend.model_copy(update={"cycles": trend.cycles[1:]})) is None
    assert trend_view(trend) is not None


def test_trend_labels_never_overlap(example_view):
    trend = hand_trend(example_view)
    flat = [a.model_copy(update={"trust": dict.fromkeys(trend.cycles, 0.5)}) for a in trend.areas]
    chart = trend_view(trend.model_copy(update={"areas": flat}))
    ys = sorted(line.label_y for line in chart.lines)
    assert all(b - a >= 17 for a, b in zip(ys, ys[1:], strict=False))
    assert all(chart.top <= y <= chart.bottom_edge for y in ys)


# ---- Markdown and HTML ----------------------------------------------------------------------


def test_markdown_since_last_review(history_request):
    text = _text("md", history_request)
    assert "[Since last review](#since-last-review) · [Trend](#trend)" in text
    since = text[text.index("## Since last review") : text.index("\n## Trust-wide priorities")]
    assert "| Every area | 61% | 74% | ↑ up 13 points |" in since
    assert "| Castlegate Academy | → same | → same | \\+ new | ↑ up | → same | ↓ down |" in since
    assert "| Alder Brook Primary Academy | 60% | 80% | ↑ up 20 points | 9 | 1 |" in since
    assert "| Castlegate Academy | 70% | 55% | ↓ down 15 points | 1 | 6 |" in since
    assert "**Carried twice**: promised 2 cycles ago" in since
    assert "1 carried twice" in since and "1 dropped without being done" in since
    assert "Only in Summer 2026's framework, so not compared: leadership-9." in since
    assert "| Spring 2026 | Yes |" in since  # the copied answer, and its rating moved
    assert "\\<script\\>" in since and "<script>" not in since
    trend = text[text.index("## Trend") :]
    # Autumn's score counts the moderators' ratings (Castlegate's and Alder Brook's).
    assert "| Identification, Assessment and Outcomes | – | 62% | 67% |" in trend


def test_html_since_last_review_and_trend(history_request):
    page = _text("html", history_request)
    assert '<a href="#since">Since last review</a>' in page
    assert "&lt;script&gt;" in page and SCRIPT not in page
    assert "<script" not in page
    # Nothing is fetched: the only web addresses are links a reader may follow (a source's).
    assert "http" not in re.sub(r'<a href="https://[^"<>]+">', "", page.split("<body>")[1])
    start = page.index("<svg", page.index('id="trend"'))  # the ratings chart comes first
    chart = page[start : page.index("</svg>", start)]
    assert 'role="img"' in chart and 'aria-labelledby="trend-chart-title trend-chart-desc"' in chart
    assert '<desc id="trend-chart-desc">The trust&#39;s score in each area, Spring 2026' in chart
    # Every area's line is labelled at its end, with its last score, and has its markers.
    labels = re.findall(r'font-size="14"[^>]*>([^<]*)</text>', chart)
    assert labels[0] == "Leadership of SEND 81%"
    assert labels[-1] == "Identification, Assessment… 67%"  # cut at a word, its score kept
    assert chart.count('<g fill="none"') == len(history_request.view.areas)
    assert "caption>The trust&#39;s score in each area, by cycle</caption>" in page
    assert ".mv-up {" in page


def test_academy_report_shows_its_own_movement(example_view):
    request = ReportRequest(
        view=example_view, academy="castlegate-academy", comparison=hand_comparison(example_view)
    )
    text = _text("md", request)
    own = text[text.index("## Since last review") : text.index("\n## Leadership of SEND\n")]
    assert "What moved at Castlegate Academy between Summer 2026 and Autumn 2026" in own
    assert "| Every area | 70% | 55% | ↓ down 15 points |" in own
    assert "Relaunch the SEND vision." in own and "**Carried twice**" in own
    assert "Train TAs" not in own  # another academy's action
    page = _text("html", request)
    assert '<a href="#since">Since last review</a>' in page


def test_an_academy_new_to_the_trust_has_no_movement(example_view):
    comparison = hand_comparison(example_view)
    fewer = comparison.model_copy(update={"academies": comparison.academies[1:]})
    request = ReportRequest(view=example_view, academy="alder-brook-primary", comparison=fewer)
    assert "Since last review" not in _text("md", request)
    joined = [a.model_copy(update={"cycles": "to"}) for a in comparison.academies]
    request = ReportRequest(
        view=example_view,
        academy="alder-brook-primary",
        comparison=comparison.model_copy(update={"academies": joined}),
    )
    assert "Since last review" not in _text("md", request)


@pytest.mark.parametrize(
    ("kind", "golden"),
    [("md", "larkspur-trust-history.md"), ("html", "larkspur-trust-history.html")],
)
def test_golden_with_history(history_request, kind, golden):
    data = render(kind, history_request)
    path = GOLDEN / golden
    if UPDATE:
        path.write_bytes(data)
    assert path.is_file(), f"no golden file {golden}: set SENDREVIEW_UPDATE_GOLDEN=1 to write it"
    assert data.decode("utf-8") == path.read_text(encoding="utf-8")


def test_single_cycle_reports_are_unchanged(example_view):
    """Without an earlier cycle nothing is added, down to the byte (the goldens of
    test_reports_md_html.py), and the history styles are left out of the page."""
    page = _text("html", ReportRequest(view=example_view))
    assert page == (GOLDEN / "larkspur-trust.html").read_text(encoding="utf-8")
    assert ".mv-up" not in page


# ---- the commands ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rowan(tmp_path_factory):
    from historytools import write_trust

    return write_trust(tmp_path_factory.mktemp("history") / "rowan")


@pytest.mark.parametrize(
    ("cycle", "since", "trend"),
    [("2026-autumn", True, True), ("2026-summer", True, False), ("2026-spring", False, False)],
)
def test_report_shows_history_when_there_is_some(cli, rowan, tmp_path, cycle, since, trend):
    out = tmp_path / "report.md"
    result = cli("report", rowan, "--cycle", cycle, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert ("## Since last review" in text) is since
    assert ("## Trend" in text) is trend


def test_report_of_the_example_names_the_moves(cli, rowan, tmp_path):
    out = tmp_path / "report.md"
    assert cli("report", rowan, "--cycle", "2026-autumn", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "| Oak Primary Academy | ↑ up | ↓ down |" in text
    assert "| Elm Special School (no review in Summer 2026) | \\+ new | \\+ new |" in text
    assert "| Pupil voice | 83% | 75% | 80% |" in text


def test_academy_report_of_the_example(cli, rowan, tmp_path):
    out = tmp_path / "oak.md"
    result = cli("report", rowan, "--cycle", "2026-autumn", "--academy", "oak", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "| **voice-1**: Pupils help set their own targets. | Amber | Green | ↑ up |" in text
    assert "Relaunch the pupil voice survey.<br>**Carried twice**" in text


@pytest.mark.parametrize("kind", ["md", "html"])
def test_compare_as_a_document(cli, rowan, tmp_path, kind):
    out = tmp_path / f"moved.{kind}"
    result = cli("compare", rowan, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Rowan Learning Trust: SEND review, Summer 2026 to Autumn 2026" in text
    assert "Pupils with SEND sit on the school council." in text  # the statements listed
    assert "Spring 2026" in text  # the carried-twice action was promised in spring
    printed = cli("compare", rowan, "--format", kind)
    assert printed.exit_code == 0 and printed.stdout.strip() == text.strip()


def test_compare_document_is_not_written_over(cli, rowan, tmp_path):
    out = tmp_path / "moved.md"
    out.write_text("mine", encoding="utf-8")
    result = cli("compare", rowan, "-o", out)
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "mine"


# ---- Excel ----------------------------------------------------------------------------------


def test_workbook_gains_the_history_sheets(history_request):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(render("xlsx", history_request)))
    names = book.sheetnames
    assert names[names.index("Area scores") + 1 : names.index("Action plan")] == [
        "Since last review", "Movement", "Follow-through", "Copied answers", "Trend",
        "SEN context", "Moderation", "Disagreements",
    ]  # fmt: skip
    since = book["Since last review"]
    assert [c.value for c in since[3]][:3] == [
        "Statement",
        "In short",
        "Alder Brook Primary Academy",
    ]
    assert since["C5"].value == "↑ up"
    follow = [[c.value for c in row] for row in book["Follow-through"].iter_rows(min_row=4)]
    assert follow[0][:2] == ["Carried twice", "Castlegate Academy"]
    assert [row[0] for row in follow].count("Dropped") == 1
    trend = [[c.value for c in row] for row in book["Trend"].iter_rows(min_row=4)]
    assert trend[-1] == ["Every area", "60%", "60%", "60%"]


def test_workbook_keeps_review_text_as_text(example_view):
    comparison = hand_comparison(example_view)
    actions = [a.model_copy(update={"action": FORMULA}) for a in comparison.actions]
    request = ReportRequest(
        view=example_view, comparison=comparison.model_copy(update={"actions": actions})
    )
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(render("xlsx", request)))["Follow-through"]
    cell = sheet["D4"]
    assert cell.value == FORMULA and cell.data_type == "s"


def test_single_cycle_workbook_has_no_history_sheets(example_view):
    from openpyxl import load_workbook

    names = load_workbook(io.BytesIO(render("xlsx", ReportRequest(view=example_view)))).sheetnames
    assert "Since last review" not in names and "Trend" not in names


def test_report_names_match_between_formats(history_request):
    """Markdown and HTML say the same: the same moves, from one shape."""
    md, page = _text("md", history_request), _text("html", history_request)
    for phrase in ("up 13 points", "down 15 points", "Relaunch the SEND vision."):
        assert phrase in md and phrase in page
    assert re.search(r"carried into Autumn 2026 \(1 carried twice\)", page)


def test_academy_workbook_shows_its_own_movement(example_view):
    from openpyxl import load_workbook

    request = ReportRequest(
        view=example_view, academy="castlegate-academy", comparison=hand_comparison(example_view)
    )
    book = load_workbook(io.BytesIO(render("xlsx", request)))
    assert book.sheetnames[-1] == "Since last review"
    rows = [[c.value for c in row] for row in book["Since last review"].iter_rows(min_row=4)]
    assert ["Every area", None, "70%", "55%", "↓ down 15 points"] in rows
    assert ["leadership-1", example_view.statements[0].text, "Amber", "Amber", "→ same"] in rows
    assert any(r[1] == "Relaunch the SEND vision. (carried twice)" for r in rows)
