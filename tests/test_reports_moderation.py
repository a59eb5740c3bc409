"""Moderation in the reports: the trust report's "Moderation" section, the marked heatmap,
the academy report's two ratings side by side, and the workbook's sheets.

The trust view's moderation is added by hand (tests/handmoderation.py) with a known pattern:
Castlegate's moderator disagrees on three statements (one two steps apart), all rated higher
by the academy; Alder Brook's on one, rated lower by the academy.

Layer: unit (reports rendered by the library from a trust view).
"""

from __future__ import annotations

import io
import re
import shutil

import pytest
from openpyxl import load_workbook

from conftest import EXAMPLE
from handmoderation import SCRIPT, hand_moderation
from sendreview.model.moderation import Disagreement
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.context import build
from sendreview.render.reports.moderation import LARGEST
from sendreview.trust_view.aggregate import aggregate


def _view(ratings: str = "moderated"):
    return hand_moderation(aggregate(EXAMPLE, "2026-autumn"), ratings)


def _text(kind: str, academy: str | None = None, ratings: str = "moderated") -> str:
    return render(kind, ReportRequest(view=_view(ratings), academy=academy)).decode("utf-8")


def test_section_figures_follow_the_view():
    section = build(_view()).moderation
    assert section is not None
    rows = {r.id: r for r in section.rows}
    castlegate = rows["castlegate-academy"]
    assert (castlegate.compared, castlegate.agreed, castlegate.agreement) == (27, 24, "89%")
    assert (castlegate.higher, castlegate.lower, castlegate.kappa_text) == (3, 0, "0.61")
    assert castlegate.leaning == "rates itself more generously than its moderator"
    assert castlegate.moderator == "External reviewer (NLE), Sam Okafor"
    alder = rows["alder-brook-primary"]
    assert alder.kappa_text == "fewer than 10 compared"  # no number where it means nothing
    assert alder.leaning == "rates itself more harshly than its moderator"
    assert alder.moderator == "Peer SENCO (Castlegate Academy)"  # the peer's academy, by name
    assert [r.id for r in section.rows] == ["alder-brook-primary", "castlegate-academy"]
    assert section.total is not None and (section.total.compared, section.total.agreed) == (54, 50)
    assert section.not_moderated == [
        "Willowmere School",
        "Fernhill All-Through Academy",
        "Saltmarsh Primary Academy",
    ]


def test_largest_disagreements_put_two_steps_first():
    section = build(_view()).moderation
    assert section is not None
    steps = [(d.statement, d.steps) for d in section.largest]
    assert steps[0] == ("leadership-2", 2)
    assert sorted(s for _, s in steps[1:]) == [-1, 1, 1]
    assert section.largest[0].gap == "academy 2 steps higher"
    assert section.more == 0


def test_only_the_largest_disagreements_are_listed_in_the_trust_report():
    view = _view()
    extra = [
        Disagreement(statement=r.id, area=r.area, self="green", moderated="amber", steps=1)
        for r in view.statements[:LARGEST]
    ]
    view.moderation["castlegate-academy"].disagreements += extra
    section = build(view).moderation
    assert section is not None
    assert len(section.largest) == LARGEST
    assert section.more == len(section.differences) - LARGEST == 4


def test_chart_bars_split_what_was_compared():
    chart = build(_view()).moderation.chart  # type: ignore[union-attr]
    castlegate = chart.bars[1]
    assert castlegate.label == "Castlegate Academy"
    assert [p.kind for p in castlegate.parts] == ["agreed", "higher"]
    total = sum(p.width for p in castlegate.parts)
    assert abs(castlegate.parts[1].width / total - 3 / 27) < 0.01
    assert castlegate.text == "24 agreed (89%) · 3 higher · 0 lower"
    assert "Castlegate Academy: 24 of 27 statements agreed (89%)" in chart.description


def _unmoderated(repo):
    shutil.rmtree(repo / "reviews" / "2026-autumn" / "moderation")
    return aggregate(repo, "2026-autumn")


def test_no_moderation_no_section(example_repo):
    view = _unmoderated(example_repo)
    report = build(view, "castlegate-academy")
    assert report.moderation is None and report.focus.moderation is None  # type: ignore[union-attr]
    page = render("html", ReportRequest(view=view)).decode("utf-8")
    assert 'id="moderation"' not in page and "moderation-chart" not in page


def test_html_trust_report_has_the_section_and_an_accessible_chart():
    page = _text("html")
    section = page[page.index('<h2 id="moderation">') :]
    assert "counts the moderator&#39;s rating wherever a statement was moderated" in section
    assert '<a href="#moderation">Moderation</a>' in page
    svg = re.search(r"<svg[^>]*class=\"moderation-chart\".*?</svg>", page, re.S)
    assert svg is not None
    assert 'role="img"' in svg[0] and "<title " in svg[0] and "<desc " in svg[0]
    assert 'fill="url(#mod-higher)"' in svg[0]  # a pattern, not a colour alone
    assert "24 agreed (89%) · 3 higher · 0 lower" in svg[0]
    assert "<script>" not in section and "&lt;script&gt;" in section  # a comment is text
    assert "Statements moderators disagree on most" in section


def test_heatmap_marks_the_moderators_ratings_and_says_so():
    page = _text("html")
    heatmap = page[page.index('id="heatmap"') : page.index('id="by-area"')]
    marked = re.findall(r'<td class="rt [^"]* moderated"[^>]*>(.*?)</td>', heatmap)
    assert len(marked) == 4
    assert any("R*" in c and "moderated; the academy rated it Green" in c for c in marked)
    assert "Marked: the moderator&#39;s rating, where it differs" in heatmap


def test_with_the_academies_own_ratings_the_report_says_so():
    page = _text("md", ratings="self")
    assert "This report counts the academies' own ratings throughout" in page
    assert "the moderator rated this statement differently" in page
    assert "| Castlegate Academy | 🟧 A | 🟩 G\\* |" in page  # the academy's own, marked


def test_markdown_trust_report_has_the_section():
    page = _text("md")
    section = page[page.index("## Moderation") :]
    assert (
        "| Castlegate Academy | External reviewer (NLE), Sam Okafor | 24 November 2026 | 27 "
        "| 24 (89%) | 3 | 0 | 0.61 | rates itself more generously than its moderator |"
    ) in section
    assert "| **Across the trust** | | | 54 | 50 (93%) | 3 | 1 | 0.58 |" in section
    assert "\\<script\\>" in section and SCRIPT not in section
    assert "[Moderation](#moderation)" in page


def test_academy_report_shows_both_ratings_and_the_comment():
    page = _text("md", "castlegate-academy")
    top = page[page.index("## Moderation") : page.index("## Leadership of SEND")]
    assert "Moderated by External reviewer (NLE), Sam Okafor on 24 November 2026." in top
    assert "| 89% (24 of 27 statements both rated) | 3 | 0 | 0.61 |" in top
    assert "Castlegate Academy rates itself more generously than its moderator." in top
    statement = page[page.index("### leadership-2") : page.index("### leadership-3")]
    assert statement.startswith("### leadership-2: Red\\*")
    assert "the academy's own rating 🟩 **G** Green · the moderator's 🟥 **R** Red" in statement
    assert "*The moderator's comment:* Two steps" in statement
    untouched = page[page.index("### leadership-1") : page.index("### leadership-2")]
    assert "Moderation" not in untouched


def test_academy_html_report_shows_both_ratings():
    page = _text("html", "castlegate-academy")
    assert '<h2 id="moderation">Moderation</h2>' in page
    article = page[page.index('id="st-leadership-2"') : page.index('id="st-leadership-3"')]
    assert "moderation-pair" in article and "The moderator's comment" in article
    assert "&lt;script&gt;" in article


def test_an_academy_nobody_moderated_says_so():
    page = _text("md", "willowmere-school")
    assert "Willowmere School was not moderated this cycle" in page
    assert "\\*" not in page[page.index("## Leadership of SEND") :]


def _book(academy: str | None = None, view=None):
    data = render("xlsx", ReportRequest(view=view or _view(), academy=academy))
    return load_workbook(io.BytesIO(data))


def test_workbook_has_moderation_and_disagreement_sheets():
    book = _book()
    names = book.sheetnames
    assert names.index("Moderation") + 1 == names.index("Disagreements")
    rows = list(book["Moderation"].iter_rows(min_row=4, values_only=True))
    castlegate = next(r for r in rows if r[0] == "Castlegate Academy")
    assert castlegate[3:9] == (27, 24, pytest.approx(24 / 27), 3, 0, "0.61")
    assert any(r[:2] == ("Willowmere School", "Not moderated this cycle") for r in rows)
    found = list(book["Disagreements"].iter_rows(min_row=4, values_only=True))
    assert found[0][:7] == (
        "Castlegate Academy",
        "Leadership of SEND",
        "leadership-2",
        found[0][3],
        "Green",
        "Red",
        2,
    )
    assert len(found) == 4


def test_workbook_without_moderation_has_no_such_sheets(example_repo):
    names = _book(view=_unmoderated(example_repo)).sheetnames
    assert "Moderation" not in names and "Disagreements" not in names


def test_academy_sheet_puts_the_academys_rating_beside_the_moderators():
    for book in (_book(), _book("castlegate-academy")):
        sheet = book["Castlegate Academy"]
        head = [c.value for c in sheet[3]]
        assert head[3:7] == [
            "Rating",
            "Academy's own rating",
            "Moderator's rating",
            "Moderator's comment",
        ]
        rows = {r[1]: r for r in sheet.iter_rows(min_row=4, values_only=True)}
        assert rows["leadership-2"][3:6] == ("Red", "Green", "Red")
        assert rows["leadership-1"][4:7] == (None, None, None)
        assert "Moderated by External reviewer (NLE), Sam Okafor" in sheet["A2"].value
    head = [c.value for c in _book()["Willowmere School"][3]]
    assert "Moderator's rating" not in head  # not moderated: the usual columns


def test_a_moderators_comment_never_becomes_a_formula():
    view = _view()
    view.moderation["castlegate-academy"].disagreements[0].comment = "=HYPERLINK(1)"
    cell = _book(view=view)["Disagreements"]["H4"]
    assert cell.value == "=HYPERLINK(1)" and cell.data_type == "s"


def test_statements_disagreed_on_most_need_two_academies():
    """A statement rated differently in one academy alone does not stand out; one rated
    differently in two does, and is listed first."""
    view = _view()
    assert build(view).moderation.contested == []  # type: ignore[union-attr]
    assert "No statement was rated differently by more than one academy" in _text("md")
    summary = view.moderation_summary
    assert summary is not None
    summary.statements[-1].disagreed = 2
    summary.statements[-1].academies = ["alder-brook-primary", "castlegate-academy"]
    contested = build(view).moderation.contested  # type: ignore[union-attr]
    assert contested[0].statement == "leadership-4"
    assert contested[0].academies == ["Alder Brook Primary Academy", "Castlegate Academy"]


def test_a_comment_line_starting_with_a_year_stays_in_its_sentence():
    view = _view()
    found = view.moderation["castlegate-academy"].disagreements[0]
    found.comment = "Pupils who left in\n2025. Red until the register is cleaned."
    page = render("md", ReportRequest(view=view)).decode("utf-8")
    assert "Pupils who left in 2025. Red until the register is cleaned. |" in page


# ---- Word ----------------------------------------------------------------------------------


def _docx(academy: str | None = None):
    from docx import Document

    data = render("docx", ReportRequest(view=_view(), academy=academy))
    return Document(io.BytesIO(data))


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_word_trust_report_has_the_section_chart_and_tables():
    document = _docx()
    found = _headings(document)
    start = found.index("Moderation")
    assert found[start : start + 4] == [
        "Moderation",
        "Agreement with the moderator",
        "The largest disagreements",
        "Statements moderators disagree on most",
    ]
    alts = [s._inline.docPr.get("descr") for s in document.inline_shapes]
    chart = next(a for a in alts if a.startswith("Agreement with the moderator"))
    assert "Castlegate Academy: 24 =, 3 +" not in chart  # the key names each sign
    assert "Castlegate Academy: 24 agreed, 3 academy rated higher" in chart
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Academy" and t.rows[0].cells[1].text == "Moderator"
    )
    castlegate = next(r for r in table.rows if r.cells[0].text == "Castlegate Academy")
    assert [c.text for c in castlegate.cells[2:7]] == ["27", "24 (89%)", "3", "0", "0.61"]
    heatmap = next(t for t in document.tables if t.rows[1].cells[0].text == "Academy")
    assert sum(c.text.endswith("*") for row in heatmap.rows[2:] for c in row.cells) == 4


def test_word_academy_report_lists_each_statement_moderated():
    document = _docx("castlegate-academy")
    assert _headings(document)[:2] == ["Summary", "Moderation"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Moderated by External reviewer (NLE), Sam Okafor on 24 November 2026." in text
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Statement" and t.rows[0].cells[1].text == "Academy's own"
    )
    row = next(r for r in table.rows if r.cells[0].text.startswith("leadership-2"))
    assert [c.text for c in row.cells[1:4]] == ["G Green", "R Red", "academy 2 steps higher"]
    assert row.cells[4].text.endswith(SCRIPT)  # the moderator's words, as typed


# ---- The example trust, through the command line ---------------------------------------------


@pytest.mark.parametrize(
    ("ratings", "counted", "marked"),
    [
        ("moderated", "counts the moderator's rating wherever", "| 🟧 A\\* |"),
        ("self", "counts the academies' own ratings throughout", "| 🟩 G\\* |"),
    ],
)
def test_report_of_the_example_shows_its_moderation(cli, tmp_path, ratings, counted, marked):
    """The example's two moderation files: Castlegate generous (7 of 27 a step lower), Alder
    Brook close (18 of 20); whichever ratings count, the section and the marks say so."""
    target = tmp_path / f"{ratings}.md"
    result = cli("report", EXAMPLE, "--cycle", "2026-autumn", "--ratings", ratings, "-o", target)
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    section = text[text.index("\n## Moderation") : text.index("\n## Trust-wide priorities")]
    assert counted in section
    assert (
        "| Castlegate Academy | External reviewer (NLE) | 26 November 2026 | 27 | 20 (74%) "
        "| 7 | 0 |" in section
    )
    assert "| Alder Brook Primary Academy | Peer SENCO (Saltmarsh Primary Academy) |" in section
    heatmap = text[text.index("\n## Heatmap") : text.index("\n## Ratings by area")]
    assert heatmap.count("\\* |") == 9 and marked in heatmap


# ---- What a reviewer noticed on the example ---------------------------------------------------


def test_a_moderated_statement_the_academy_marked_not_applicable_says_so(cli, example_repo):
    """Willowmere marks identification-1 not applicable; its moderator rates it red. The
    academy's report says it was marked not applicable, never 'not rated'."""
    target = example_repo / "reviews" / "2026-autumn" / "moderation" / "willowmere-school.yaml"
    result = cli("moderate", example_repo, "--cycle", "2026-autumn",
                 "--academy", "willowmere-school", "--by", "External reviewer (NLE)")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    head, tail = text.split("  identification-1:\n", 1)
    tail = re.sub(r"rating:\s*\n", "rating: red\n", tail, count=1)
    target.write_text(head + "  identification-1:\n" + tail, encoding="utf-8")
    out = example_repo / "willowmere.md"
    result = cli("report", example_repo, "--cycle", "2026-autumn",
                 "--academy", "willowmere-school", "-o", out)  # fmt: skip
    assert result.exit_code == 0, result.output
    report = out.read_text(encoding="utf-8")
    assert "the academy marked it not applicable" in report
    assert "the academy did not rate it" not in report


def test_an_academys_movement_names_a_moderation_in_one_cycle_only(cli, tmp_path):
    """Castlegate's autumn ratings are its moderator's and its summer ones its own: its report's
    'Since last review' says part of the move is the moderation; Willowmere's does not."""
    notes = {}
    for academy in ("castlegate-academy", "willowmere-school"):
        out = tmp_path / f"{academy}.md"
        result = cli("report", EXAMPLE, "--cycle", "2026-autumn", "--academy", academy, "-o", out)
        assert result.exit_code == 0, result.output
        text = out.read_text(encoding="utf-8")
        since = text[text.index("\n## Since last review") :]
        notes[academy] = "part of this movement is the moderation" in since
    assert notes == {"castlegate-academy": True, "willowmere-school": False}


def test_the_academys_word_report_opens_with_its_own_sentences():
    document = _docx("castlegate-academy")
    paragraphs = document.paragraphs
    start = next(
        i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1" and p.text == "Summary"
    )
    assert paragraphs[start + 1].text.startswith("Its strongest area is Leadership of SEND")


def test_a_moderation_files_warnings_are_named_in_words(cli, example_repo):
    """A board report sums up a moderation file's warnings by kind, never as 'other problems'."""
    path = example_repo / "reviews" / "2026-autumn" / "moderation" / "alder-brook-primary.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("    rating: amber\n    comment: |-\n      The plan is on track")
    end = text.index("\n\n  # ==== High Quality Adaptive Teaching")
    path.write_text(text[:start] + "    rating: amber\n    comment:" + text[end:], encoding="utf-8")
    result = cli("aggregate", example_repo, "--cycle", "2026-autumn", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1 different rating without the moderator's comment" in result.stdout
    assert "other problem" not in result.stdout
