"""The executive summary: a few sentences at the top of every trust report, and the
ratings-by-area chart beside the figures it draws.

- On the example trust the sentences are pinned word for word: the same files give the same
  words, and a change to them is a change a trustee would read.
- Unfinished work is said plainly: whose review is unfinished or missing, what the scores
  rest on, and no "strongest area" or "no outliers" resting on too little.
- Counts read as a person would write them: "One academy is an outlier", never "1 outliers"
  or "0 outliers".
- Every trust format opens with it: Markdown, HTML, the workbook's first sheet, the terminal.

Layers: unit for the sentences and the chart (from the report the library builds), cli for
the terminal.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from io import BytesIO

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLE
from sendreview.history.load import history_for
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.area_chart import area_chart
from sendreview.render.reports.context import build
from sendreview.render.reports.shapes import OutlierRow
from sendreview.render.reports.summary import executive_summary
from sendreview.trust_view.aggregate import aggregate
from sendreview.trust_view.scores import AggregateOptions
from test_reports_honest import make_unfinished

CYCLE = "2026-autumn"
#: With moderation and the cycle before, seven sentences would be one too many: the
#: moderation joins the first.
EXAMPLE_SUMMARY = [
    "All 5 academies' reviews are complete, and so is the trust's own; moderators checked 2 "
    "academies and agreed with 81% of the 47 ratings compared (the academies had rated 8 higher "
    "and 1 lower than their moderators), and the scores count the moderators' ratings.",
    "Across the academies, Leadership of SEND is the strongest area (81%) and Identification, "
    "Assessment and Outcomes the weakest (67%).",
    "11 statements need action in at least half the academies; the most widespread is “Leaders "
    "use nationally available data to review the progress and outcomes of learners…” "
    "(Identification, Assessment and Outcomes), needing action in all 5 academies.",
    "Castlegate Academy is the one outlier, 25 points or more below the trust in 4 areas: "
    "Implementation of the Graduated Approach (29%), High Quality Adaptive Teaching (43%), "
    "Leadership of SEND (50%) and Identification, Assessment and Outcomes (42%).",
    "Since Summer 2026 the trust's overall score has risen 1 point to 75%; Alder Brook Primary "
    "Academy and Fernhill All-Through Academy improved most (up 7 points each) and Castlegate "
    "Academy fell (down 15 points), Alder Brook Primary Academy's and Castlegate Academy's "
    "counting a moderator's ratings in one cycle only.",
    "Of the academies' 42 actions, 2 were overdue at the review date (Castlegate Academy and "
    "Fernhill All-Through Academy).",
]
MODERATED = (
    "Moderators checked 2 academies and agreed with 81% of the 47 ratings compared (the "
    "academies had rated 8 higher and 1 lower than their moderators)"
)
#: Without the cycle before there is room for moderation in a sentence of its own.
NO_MOVEMENT = [
    "All 5 academies' reviews are complete, and so is the trust's own.",
    MODERATED + ", and the scores count the moderators' ratings.",
    *EXAMPLE_SUMMARY[1:4],
    EXAMPLE_SUMMARY[5],
]
THIN = (
    "Too little is rated yet to name the strongest or weakest area, or to say which statements "
    "are trust-wide priorities and which academies are outliers."
)


@pytest.fixture(scope="module")
def example():
    """The example trust's report with its history: Summer 2026 is the cycle before."""
    history = history_for(EXAMPLE, CYCLE, AggregateOptions())
    return build(history.view, None, history.comparison, history.trend)


@pytest.fixture(scope="module")
def one_cycle():
    return build(aggregate(EXAMPLE, CYCLE))


@pytest.fixture(scope="module")
def plain(one_cycle):
    """The example's single cycle without its moderation: one sentence a topic, in order."""
    return replace(one_cycle, moderation=None)


def _unmoderated(root):
    """A moderator's rating replaces only a rating, but these cases are about the academies'
    own unfinished work: they have no moderation (some fixtures have removed it already)."""
    shutil.rmtree(root / "reviews" / CYCLE / "moderation", ignore_errors=True)
    return root


def test_the_example_trusts_summary_word_for_word(example):
    assert example.summary == EXAMPLE_SUMMARY
    assert executive_summary(example) == EXAMPLE_SUMMARY  # the same report, the same words


def test_a_single_cycle_says_nothing_of_movement(one_cycle):
    assert one_cycle.summary == NO_MOVEMENT


def test_moderation_says_whose_ratings_the_scores_count():
    own = build(aggregate(EXAMPLE, CYCLE, AggregateOptions(ratings="self"))).summary
    assert own[1] == MODERATED + ", but the scores count the academies' own ratings."
    # The academies' own ratings: the outlier is the one Castlegate rated itself.
    assert own[4] == (
        "One academy is an outlier: Castlegate Academy is 47 points below the trust in "
        "Implementation of the Graduated Approach (29% against the trust's 76%)."
    )


def test_one_moderated_academy_is_named(one_cycle):
    section = one_cycle.moderation
    only = replace(section, rows=section.rows[1:])
    assert executive_summary(replace(one_cycle, moderation=only))[1].startswith(
        "A moderator checked Castlegate Academy and agreed with 81% of the 47 ratings compared "
        "(the academy had rated 8 higher and 1 lower than its moderator), and the scores "
        "count the moderator's ratings."
    )
    assert len(executive_summary(replace(one_cycle, moderation=None))) == 5


def test_an_unfinished_cycle_names_who_is_not_done_and_names_no_area(tmp_path):
    report = build(aggregate(_unmoderated(make_unfinished(tmp_path / "trust")), CYCLE))
    assert report.summary == [
        "Only 1 of the 5 academies' reviews is complete (Castlegate Academy's and Willowmere "
        "School's are unfinished; Fernhill All-Through Academy and Saltmarsh Primary Academy "
        "have none yet), so the scores rest on 27 of the 134 statements that apply; the "
        "trust's own review is complete.",
        THIN,
        "None of the academies' 26 actions was overdue at the review date.",
    ]


def test_nothing_rated_claims_no_strength_no_priority_and_no_outlier(tmp_path):
    root = tmp_path / "trust"
    shutil.copytree(EXAMPLE, root)
    for path in (root / "reviews" / CYCLE).glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^    rating: .*$", "    rating:", text), encoding="utf-8")
    summary = build(aggregate(_unmoderated(root), CYCLE)).summary
    assert summary[:2] == [
        "None of the 5 academies' reviews is complete (all 5 reviews are unfinished), so the "
        "scores rest on 0 of the 134 statements that apply; the trust's own review is "
        "unfinished.",
        THIN,
    ]
    assert not any("outlier" in s or "priorit" in s for s in summary[2:])


def test_a_missing_review_is_named(plain):
    academies = list(plain.academies)
    academies[4] = replace(academies[4], state="missing", rated=0)
    first = executive_summary(replace(plain, academies=academies))[0]
    assert first.startswith(
        "Only 4 of the 5 academies' reviews are complete (Saltmarsh Primary Academy has none "
        "yet), so the scores rest on "
    )


@pytest.mark.parametrize(
    ("keep", "first"),
    [
        (1, "Alder Brook Primary Academy's review is complete, and so is the trust's own."),
        (2, "Both academies' reviews are complete, and so is the trust's own."),
    ],
)
def test_a_small_trust_reads_naturally(plain, keep, first):
    small = replace(plain, academies=plain.academies[:keep])
    assert executive_summary(small)[0] == first


def test_ties_are_judged_on_the_percentages_shown(plain):
    areas = [replace(a, trust=replace(a.trust, score=0.8)) for a in plain.areas]
    assert executive_summary(replace(plain, areas=areas))[1] == (
        "Every area scores 80% across the academies."
    )
    areas[0] = replace(areas[0], trust=replace(areas[0].trust, score=0.5))
    areas[1] = replace(areas[1], trust=replace(areas[1].trust, score=0.503))
    assert executive_summary(replace(plain, areas=areas))[1] == (
        "Across the academies, Implementation of the Graduated Approach and Identification, "
        "Assessment and Outcomes are the strongest areas (80%) and Leadership of SEND and High "
        "Quality Adaptive Teaching the weakest (50%)."
    )


def test_outliers_are_counted_by_academy(plain):
    def row(academy, area, score):
        return OutlierRow(academy, area, score, 0.76, 0.76 - score)

    none = executive_summary(replace(plain, outliers=[]))
    assert "No academy is 25 points or more below the trust in any area." in none
    several = [row("A", "Leadership", 0.4), row("A", "Teaching", 0.3), row("B", "Teaching", 0.5)]
    assert (
        "2 academies are outliers, 25 points or more below the trust in an area: A in "
        "Leadership (40%) and Teaching (30%) and B in Teaching (50%)."
    ) in executive_summary(replace(plain, outliers=several))
    alone = executive_summary(replace(plain, outliers=several[:2]))
    assert (
        "A is the one outlier, 25 points or more below the trust in 2 areas: Leadership (40%) "
        "and Teaching (30%)."
    ) in alone
    single = executive_summary(replace(plain, outliers=several[2:]))
    assert (
        "One academy is an outlier: B is 26 points below the trust in Teaching (50% against "
        "the trust's 76%)."
    ) in single


def test_one_priority_and_none(plain):
    single = executive_summary(replace(plain, priorities=plain.priorities[:1]))
    assert single[2].startswith("One statement needs action in at least half the academies: “")
    assert single[2].endswith(", in all 5 academies.")
    none = executive_summary(replace(plain, priorities=[]))
    assert none[2] == "No statement needs action in as many as half the academies."


def test_no_action_plans_and_none_overdue(plain):
    assert executive_summary(replace(plain, actions=[], overdue=0))[-1] == (
        "No academy has an action plan yet."
    )
    calm = [
        replace(a, actions=[replace(r, overdue=False) for r in a.actions]) for a in plain.actions
    ]
    assert executive_summary(replace(plain, actions=calm, overdue=0))[-1] == (
        "None of the academies' 42 actions was overdue at the review date."
    )


def test_every_sentence_is_whole(example, one_cycle):
    for sentence in example.summary + one_cycle.summary:
        assert sentence[0].isupper() or sentence[0].isdigit()
        assert sentence.endswith(".") and "  " not in sentence
        assert not re.search(r"\b(0 \w+s|1 \w+s)\b", sentence), sentence


# ---- in every format ----------------------------------------------------------------------


def _request() -> ReportRequest:
    history = history_for(EXAMPLE, CYCLE, AggregateOptions())
    return ReportRequest(view=history.view, comparison=history.comparison, trend=history.trend)


def test_markdown_and_html_open_with_the_summary():
    request = _request()
    text = render("md", request).decode("utf-8")
    top = text[: text.index("## At a glance")]
    assert "## Summary\n\n" + "".join(f"- {s}\n" for s in EXAMPLE_SUMMARY) in top
    assert top.index("## Summary") < top.index("**Contents:**")
    page = render("html", request).decode("utf-8")
    section = page[page.index('<section class="summary"') : page.index('aria-labelledby="glance"')]
    assert '<h2 id="summary">Summary</h2>' in section
    assert section.count("<li>") == len(EXAMPLE_SUMMARY)
    assert "trust&#39;s own" in section  # escaped like every other text


def test_the_workbook_opens_on_the_summary():
    book = load_workbook(BytesIO(render("xlsx", _request())))
    first = book.worksheets[0]
    assert first.title == "Overview"
    assert first["A1"].value == "Larkspur Learning Trust: SEND review, Autumn 2026"
    assert [first.cell(row, 1).value for row in range(4, 10)] == EXAMPLE_SUMMARY
    assert first["A4"].data_type == "s"


def test_the_terminal_opens_with_a_summary_panel(cli):
    result = cli("aggregate", EXAMPLE, "--cycle", CYCLE, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index("Summary") < out.index("Completeness")
    flat = " ".join(re.sub(r"[│╭╮╰╯─]", " ", out).split())
    for sentence in EXAMPLE_SUMMARY:
        assert " ".join(sentence.split()) in flat


# ---- the ratings-by-area chart ------------------------------------------------------------


def test_every_segment_carries_its_letter_and_count(one_cycle):
    chart = area_chart(one_cycle.areas)
    assert chart is not None
    last = chart.bars[-1]  # Identification, moderated: R 2, A 15, G 12 and one not applicable
    assert [p.label for p in last.pieces] == ["R 2", "A 15", "G 12", "NA 1"]
    assert [p.inside for p in last.pieces] == [True, True, True, False]
    assert last.overflow == "NA 1"  # too narrow for its label: written under the bar
    assert last.score == "67%"
    # A bar is its area's statements as a whole: the segments fill it, without gaps.
    assert sum(p.width for p in last.pieces) == pytest.approx(chart.span, abs=0.5)
    assert (
        "Identification, Assessment and Outcomes: Red 2, Amber 15, Green 12, Not applicable 1; "
        "score 67%" in chart.description
    )


def test_the_chart_in_html_is_a_titled_picture_beside_its_table():
    page = render("html", _request()).decode("utf-8")
    start = page.rindex("<svg", 0, page.index('class="area-chart"'))
    chart = page[start : page.index("</svg>", start)]
    assert 'role="img" aria-labelledby="area-chart-title area-chart-desc"' in chart
    assert '<title id="area-chart-title">Ratings by area' in chart
    assert "<script" not in page
    glance = page[
        page.index('aria-labelledby="glance"') : page.index('aria-labelledby="completeness"')
    ]
    assert glance.index("<svg") < glance.index("The trust&#39;s ratings in each area")


# ---- the academy's own report ---------------------------------------------------------------


def test_an_academy_report_has_a_shorter_summary_of_its_own():
    report = build(aggregate(EXAMPLE, CYCLE), "castlegate-academy")
    assert report.focus.summary == [
        "Its strongest area is Leadership of SEND (50%, 31 points below the trust) and its "
        "weakest Implementation of the Graduated Approach (29%, 47 points below the trust).",
        "Its moderator, External reviewer (NLE), agreed with 74% of the 27 ratings compared; "
        "the academy had rated 7 higher than its moderator.",
        "1 of its 12 actions was overdue at the review date.",
    ]
    text = render("md", ReportRequest(view=aggregate(EXAMPLE, CYCLE), academy="castlegate-academy"))
    summary = text.decode("utf-8").split("## Summary\n\n", 1)[1]
    assert summary.startswith("".join(f"- {s}\n" for s in report.focus.summary))


def test_an_unmoderated_academy_with_nothing_rated(tmp_path):
    root = _unmoderated(make_unfinished(tmp_path / "trust"))
    focus = build(aggregate(root, CYCLE), "willowmere-school").focus
    assert focus.summary == [
        "Too little is rated yet to name its strongest or weakest area.",
        "None of its 7 actions was overdue at the review date.",
    ]


def test_a_move_that_counts_a_moderation_in_one_cycle_only_says_so(example):
    """Part of such a move is the moderator's view, not the academy: the sentence says whose."""
    one = replace(example.movement, moderation_changed=["Castlegate Academy"])
    sentence = executive_summary(replace(example, movement=one))[4]
    assert sentence.endswith(
        "Castlegate Academy fell (down 15 points), Castlegate Academy's counting a "
        "moderator's ratings in one cycle only."
    )
    none = replace(example.movement, moderation_changed=[])
    sentence = executive_summary(replace(example, movement=none))[4]
    assert sentence.endswith("Castlegate Academy fell (down 15 points).")
