"""The HTML reports pass axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules in Chromium.

Needs Chromium (Debian's ``chromium``) and axe-core (``npm install axe-core`` at the
repository root, or SENDREVIEW_AXE_JS pointing at axe.min.js); .ci/run installs both.
Skipped, with the reason, where either is missing.

Layer: unit (reports rendered by the library, then checked in Chromium).
"""

from __future__ import annotations

import shutil

import pytest

from a11y import axe_script, chromium, violations
from conftest import replace_once
from handhistory import hand_comparison, hand_trend
from sendreview.render.reports import ReportRequest, render
from sendreview.trust_view.aggregate import aggregate

pytestmark = [
    pytest.mark.skipif(chromium() is None, reason="Chromium is not installed"),
    pytest.mark.skipif(
        axe_script() is None,
        reason="axe-core is not installed (npm install axe-core, or set SENDREVIEW_AXE_JS)",
    ),
]


def _report(repo, academy=None) -> str:
    return render(
        "html", ReportRequest(view=aggregate(repo, "2026-autumn"), academy=academy)
    ).decode("utf-8")


@pytest.mark.parametrize("academy", [None, "castlegate-academy", "willowmere-school"])
def test_example_reports_have_no_violations(example_repo, tmp_path, academy):
    assert violations(_report(example_repo, academy), tmp_path) == []


def test_report_of_unfinished_reviews_has_no_violations(example_repo, tmp_path):
    """Problems, missing and unreadable reviews add tables and states of their own."""
    folder = example_repo / "reviews" / "2026-autumn"
    (folder / "castlegate-academy.yaml").write_text("framework: [unclosed\n", encoding="utf-8")
    (folder / "saltmarsh-primary.yaml").unlink()
    replace_once(
        folder / "alder-brook-primary.yaml", "  leadership-1:\n    rating: green", "  leadership-1:"
    )
    for academy in (None, "alder-brook-primary", "saltmarsh-primary"):
        assert violations(_report(example_repo, academy), tmp_path) == []


def test_the_check_finds_violations(tmp_path):
    """The harness itself works: a page with known failures is reported."""
    page = (
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>"
        '<img src="x.png"><p style="color:#bbb;background:#fff">faint</p></main></body></html>'
    )
    found = {v["id"] for v in violations(page, tmp_path)}
    assert {"image-alt", "color-contrast", "html-has-lang"} <= found


def test_reports_with_history_have_no_violations(example_repo, tmp_path):
    """The "Since last review" and "Trend" sections, the academy's own movement and the
    comparison as a page of its own: arrows, the chart and its table."""
    from sendreview.render.reports.comparison_doc import as_html

    view = aggregate(example_repo, "2026-autumn")
    comparison, trend = hand_comparison(view), hand_trend(view)
    for academy in (None, "castlegate-academy"):
        request = ReportRequest(view=view, academy=academy, comparison=comparison, trend=trend)
        assert violations(render("html", request).decode("utf-8"), tmp_path) == []
    assert violations(as_html(comparison), tmp_path) == []


def test_reports_with_sen_context_have_no_violations(example_repo, tmp_path, monkeypatch):
    """The "SEN context" section: its tables, the need-mix chart and withheld counts, in the
    trust report, an academy's with a context file and one without."""
    import sendreview.repository.national as national
    from test_context_view import CONTEXTS, NATIONAL

    monkeypatch.setattr(national, "load_national", lambda root: (NATIONAL, "fixed for tests"))
    folder = example_repo / "context" / "2026-autumn"
    shutil.rmtree(folder)  # the example's own files, for this test's (with small counts)
    folder.mkdir()
    for academy, text in CONTEXTS.items():
        (folder / f"{academy}.yaml").write_text(text, encoding="utf-8")
    for academy in (None, "alder-brook-primary", "saltmarsh-primary"):
        page = _report(example_repo, academy)
        assert 'id="sen-context"' in page
        assert violations(page, tmp_path) == []


@pytest.mark.parametrize("ratings", ["moderated", "self"])
def test_reports_with_moderation_have_no_violations(example_repo, tmp_path, ratings):
    """The "Moderation" section and its chart, the marked heatmap, and an academy's report
    with both ratings side by side (and one of an academy nobody moderated)."""
    from handmoderation import hand_moderation

    view = hand_moderation(aggregate(example_repo, "2026-autumn"), ratings)
    for academy in (None, "castlegate-academy", "willowmere-school"):
        page = render("html", ReportRequest(view=view, academy=academy)).decode("utf-8")
        assert 'id="moderation"' in page
        assert violations(page, tmp_path) == []
