"""The Excel report, reopened with openpyxl: sheets, cells, colours, print set-up, safety.

Layers: unit for the workbook the library renders; cli for ``report --format xlsx``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from synthetic import make_trust

from conftest import EXAMPLE, replace_once
from sendreview.excel.sheet_names import sheet_name
from sendreview.model.trust_view import TrustView
from sendreview.render.reports import ReportRequest, render
from sendreview.render.reports.xlsx_layout import FIRST_ROW, HEADER_ROW
from sendreview.trust_view.aggregate import aggregate

#: The Strengths column of a moderated academy's sheet (after its moderator's three).
STRENGTHS_MODERATED = 8
FIXED = [
    "Overview",
    "Summary",
    "Academies",
    "Priorities",
    "Outliers",
    "Peer support",
    "Area scores",
    "SEN context",
    "Moderation",
    "Disagreements",
    "Action plan",
    "MAT review",
]
RED, AMBER, GREEN = "B3261E", "B25E00", "1B6E3A"
FORMULAS = ['=HYPERLINK("http://x","y")', "+44 20 7946 0000", "@SUM(A1)", "-1", "#N/A"]


@pytest.fixture(scope="module")
def view() -> TrustView:
    return aggregate(EXAMPLE, "2026-autumn")


def workbook(view: TrustView, academy: str | None = None) -> Workbook:
    data = render("xlsx", ReportRequest(view=view, academy=academy))
    return load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def trust_book(view: TrustView) -> Workbook:
    return workbook(view)


def rows(ws: Worksheet) -> list[tuple[object, ...]]:
    """The table under the heading row, as values."""
    return list(ws.iter_rows(min_row=FIRST_ROW, values_only=True))


def find_row(ws: Worksheet, column: int, value: object) -> int:
    for row in ws.iter_rows(min_row=FIRST_ROW, min_col=column, max_col=column):
        if row[0].value == value:
            return row[0].row
    raise AssertionError(f"{value!r} not in column {column} of {ws.title}")


def rules(ws: Worksheet) -> list[tuple[str, str, str | None]]:
    """Each conditional format as (range, formula, fill colour)."""
    out = []
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            fill = rule.dxf.fill.fgColor.rgb if rule.dxf and rule.dxf.fill else None
            out.append((str(cf.sqref), rule.formula[0], fill[-6:] if fill else None))
    return out


def test_trust_workbook_has_the_trust_sheets_then_one_per_academy(trust_book, view):
    assert trust_book.sheetnames == FIXED + [a.name for a in view.academies]


def test_heatmap_shows_each_rating_as_a_letter_by_area(trust_book, view):
    ws = trust_book["Summary"]
    header = [c.value for c in ws[HEADER_ROW]]
    assert header[:3] == ["Statement", "In short", "Full statement"]
    assert header[3:] == [a.name for a in view.academies]
    row = find_row(ws, 1, "leadership-1")
    statement = next(s for s in view.statements if s.id == "leadership-1")
    letters = {"red": "R", "amber": "A", "green": "G"}
    assert [c.value for c in ws[row][3:]] == [
        letters[statement.ratings[a.id]] for a in view.academies
    ]
    assert ws.cell(row, 3).value == statement.text  # the full text, in a folded column
    assert ws.cell(row, 2).value.endswith("…")
    assert len(ws.cell(row, 2).value) <= 70
    assert ws.column_dimensions["C"].hidden
    assert ws.column_dimensions["C"].outlineLevel == 1
    area_row = find_row(ws, 1, "Leadership of SEND")
    assert ws.cell(area_row, 1).style == "SEND area"
    assert area_row < row
    # Willowmere marks identification-1 not applicable: a text label, not a colour.
    willowmere = 4 + [a.id for a in view.academies].index("willowmere-school")
    assert ws.cell(find_row(ws, 1, "identification-1"), willowmere).value == "NA"


def test_heatmap_has_completeness_and_a_key(trust_book, view):
    ws = trust_book["Summary"]
    answered = ws[FIRST_ROW]
    assert answered[0].value == "Answered"
    assert [c.value for c in answered[3:]] == [a.completeness for a in view.academies]
    assert answered[3].number_format == "0%"
    values = [r[1] for r in rows(ws)]
    assert "Red: Not yet in place, or not effective" in values
    key = ws.cell(find_row(ws, 1, "R"), 1)
    assert key.fill.fgColor.rgb.endswith(RED)
    assert key.font.color.rgb.endswith("FFFFFF")


def test_ratings_are_coloured_by_rules_on_the_text(trust_book, view):
    heatmap = rules(trust_book["Summary"])
    last_column = chr(ord("D") + len(view.academies) - 1)
    assert {r[0] for r in heatmap} == {f"D{FIRST_ROW}:{last_column}35"}
    assert (f'OR(TRIM(D{FIRST_ROW})="Red",TRIM(D{FIRST_ROW})="R")', RED) in {r[1:] for r in heatmap}
    assert {r[2] for r in heatmap} == {RED, AMBER, GREEN}
    academy = trust_book["Willowmere School"]
    assert ("D4:D30", 'OR(TRIM(D4)="Amber",TRIM(D4)="A")', AMBER) in rules(academy)
    # A moderated academy's own rating and its moderator's, beside the rating, alike.
    moderated = trust_book["Castlegate Academy"]
    assert ("D4:F30", 'OR(TRIM(D4)="Amber",TRIM(D4)="A")', AMBER) in rules(moderated)
    # The cells themselves carry no fill: colour comes from the rule, so editing works.
    cell = trust_book["Summary"].cell(find_row(trust_book["Summary"], 1, "leadership-1"), 4)
    assert cell.fill.fill_type is None
    peers = rules(trust_book["Peer support"])
    assert {r[0] for r in peers} == {
        f"E4:E{3 + len(view.peer_support)}",
        f"G4:G{3 + len(view.peer_support)}",
    }


def test_academy_sheet_has_unwrapped_text_and_labels(trust_book, view):
    ws = trust_book["Castlegate Academy"]  # moderated: its moderator's columns after Rating
    assert [c.value for c in ws[HEADER_ROW]] == [
        "Area",
        "Statement",
        "Statement text",
        "Rating",
        "Academy's own rating",
        "Moderator's rating",
        "Moderator's comment",
        "Strengths",
        "Areas for development",
        "Evidence",
    ]
    row = ws[find_row(ws, 2, "leadership-1")]
    assert row[0].value == "Leadership of SEND"
    assert row[3].value == "Amber"
    assert row[7].value.startswith("The headteacher has made SEND one of the three priorities")
    assert "\n" not in row[7].value  # editor line breaks joined again
    assert row[9].value.split("\n") == [
        "School development plan 2026-27",
        "SEND policy (last reviewed 2023)",
        "Parent survey, October 2026",
    ]
    assert row[7].alignment.wrap_text
    assert row[7].alignment.vertical == "top"
    assert ws.row_dimensions[row[0].row].height > 15  # tall enough for the wrapped text
    willowmere = trust_book["Willowmere School"]
    na = willowmere[find_row(willowmere, 2, "identification-1")]
    assert na[3].value == "Not applicable"
    assert na[4].value.startswith("Not applicable: Every learner is admitted with an EHC plan")


def test_every_sheet_freezes_prints_and_heads_alike(trust_book):
    for ws in trust_book.worksheets:
        assert ws.freeze_panes.endswith(str(FIRST_ROW)), ws.title
        assert ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}", ws.title
        setup = ws.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToHeight) == ("landscape", 9, 0)
        assert setup.fitToWidth >= 1
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert "Page &P of &N" in ws.oddFooter.right.text
        heading = ws.cell(HEADER_ROW, 1)
        assert heading.font.b, ws.title
        assert heading.font.color.rgb.endswith("FFFFFF"), ws.title
        assert heading.fill.fgColor.rgb.endswith("1F3864"), ws.title
        assert ws.column_dimensions["A"].width >= 13, ws.title
        assert ws.cell(1, 1).value, ws.title  # a title on every sheet
    assert trust_book["Summary"].freeze_panes == "D4"
    assert trust_book["Summary"].print_title_cols == "$A:$C"


def test_action_plan_lists_every_action_with_dates_and_a_filter(trust_book, view):
    ws = trust_book["Action plan"]
    table = rows(ws)
    trust_actions = view.trust_review.actions if view.trust_review else []
    assert len(table) == len(view.actions) + len(trust_actions)
    assert ws.auto_filter.ref == f"A{HEADER_ROW}:J{HEADER_ROW + len(table)}"
    assert [c.value for c in ws[HEADER_ROW]][:8] == [
        "Academy", "Area", "Action", "Owner", "Due", "Priority", "Status", "Overdue",
    ]  # fmt: skip
    first = ws[FIRST_ROW]
    assert first[4].is_date
    assert first[4].value.date() == view.actions[0].due
    assert first[4].number_format == "d mmm yyyy"
    assert sum(r[7] == "Overdue" for r in table) == sum(
        a.overdue for a in [*view.actions, *trust_actions]
    )
    assert {r[6] for r in table} <= {"Not started", "In progress", "Done"}
    assert "\n" not in first[2].value
    assert any(r[0] == "Trust-level review" for r in table)
    assert ("H4:H" + str(HEADER_ROW + len(table)), "LEN(TRIM(H4))>0", RED) in rules(ws)


def test_academies_sheet_links_each_name_to_its_sheet(trust_book, view):
    ws = trust_book["Academies"]
    for number, academy in enumerate(view.academies, start=FIRST_ROW):
        link = ws.cell(number, 1)
        assert link.value == academy.name
        assert link.hyperlink.location == f"'{academy.name}'!A1"
        assert ws.cell(number, 4).value == "Complete"
        assert ws.cell(number, 5).is_date
    assert ws.auto_filter.ref == f"A3:L{3 + len(view.academies)}"


def test_priorities_outliers_and_scores_sheets(trust_book, view):
    priorities = rows(trust_book["Priorities"])
    assert [r[1] for r in priorities] == [p.statement for p in view.priorities]
    assert priorities[0][4] == view.priorities[0].share
    outliers = rows(trust_book["Outliers"])
    assert len(outliers) == len(view.outliers)
    scores = trust_book["Area scores"]
    header = [c.value for c in scores[HEADER_ROW]]
    assert header[2 : 2 + len(view.areas)] == [a.title for a in view.areas]
    assert any(h.startswith("MAT SEND Review: ") for h in header)
    assert rows(scores)[0][2] == view.areas[0].trust_score
    assert rows(scores)[1][0] == "Trust-level review"


def test_mat_review_sheet_shows_the_trust_level_review(trust_book, view):
    ws = trust_book["MAT review"]
    assert len(rows(ws)) == len(view.trust_review.statements)
    assert {r[3] for r in rows(ws)} <= {"Red", "Amber", "Green", "Not rated", "Not applicable"}
    assert rows(ws)[0][0] == "Leadership"


def test_user_text_never_becomes_a_formula(view):
    unsafe = view.model_copy(deep=True)
    statement = unsafe.statements[0]
    statement.strengths["castlegate-academy"] = FORMULAS[0]
    statement.areas_for_development["castlegate-academy"] = FORMULAS[1]
    statement.evidence["castlegate-academy"] = [FORMULAS[2]]
    unsafe.statements[1].strengths["castlegate-academy"] = FORMULAS[3]
    unsafe.statements[2].strengths["castlegate-academy"] = FORMULAS[4]
    unsafe.academies[0].name = "=1+1"
    data = render("xlsx", ReportRequest(view=unsafe))
    book = load_workbook(io.BytesIO(data))
    ws = book["Castlegate Academy"]
    strengths = STRENGTHS_MODERATED  # Castlegate is moderated: three columns before
    cells = [ws.cell(FIRST_ROW, strengths + i) for i in range(3)]
    cells += [ws.cell(FIRST_ROW + 1, strengths), ws.cell(FIRST_ROW + 2, strengths)]
    assert [c.value for c in cells] == FORMULAS
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells if c.value[0] in "=+-@")
    assert book["Summary"].cell(HEADER_ROW, 4).value == "=1+1"
    assert book["Summary"].cell(HEADER_ROW, 4).data_type == "s"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_text_excel_cannot_store_is_cleaned(view):
    odd = view.model_copy(deep=True)
    odd.statements[0].strengths["castlegate-academy"] = "Bell\x07 and form feed\x0c removed."
    ws = workbook(odd)["Castlegate Academy"]
    assert ws.cell(FIRST_ROW, STRENGTHS_MODERATED).value == "Bell and form feed removed."


def test_academy_workbook_holds_its_sheet_plan_and_scores(view):
    book = workbook(view, "castlegate-academy")
    assert book.sheetnames == ["Castlegate Academy", "Action plan", "Area scores"]
    plan = rows(book["Action plan"])
    own = [a for a in view.actions if a.academy == "castlegate-academy"]
    assert len(plan) == len(own)
    assert {r[0] for r in plan} == {"Castlegate Academy"}
    scores = rows(book["Area scores"])
    assert [r[0] for r in scores] == [a.title for a in view.areas]
    leadership = view.areas[0]
    assert scores[0][1:3] == (
        leadership.scores["castlegate-academy"],
        leadership.trust_score,
    )
    assert book["Area scores"].cell(HEADER_ROW, 5).value == "Red"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("St Mary's [Primary]: *Academy*?", "St Mary's Primary Academy"),
        ("a/b\\c", "a b c"),
        ("'Quoted'", "Quoted"),
        ("The Very Long Name Church of England Academy Trust", "The Very Long Name Church"),
        ("History", "History (2)"),
        ("[]:*?", "Sheet"),
    ],
)
def test_sheet_names_are_what_excel_accepts(name, expected):
    assert sheet_name(name, set()) == expected[:31]


def test_sheet_names_stay_unique_ignoring_case():
    taken: set[str] = set()
    long = "Oakwood Primary Academy of the Holy Cross"
    names = [sheet_name(n, taken) for n in ("Summary", "SUMMARY", long, long, long)]
    assert names == [
        "Summary",
        "SUMMARY (2)",
        "Oakwood Primary Academy",  # cut at a word, never after 'of' or 'the'
        "Oakwood Primary Academy (2)",
        "Oakwood Primary Academy (3)",
    ]
    assert all(len(n) <= 31 for n in names)


def test_academy_names_that_clash_get_their_own_sheets(view):
    clash = view.model_copy(deep=True)
    clash.academies[0].name = "Summary"
    clash.academies[1].name = "Alder Brook / Castlegate: [Federation] Academy Trust"
    clash.academies[2].name = "Alder Brook / Castlegate: [Federation] Academy Trust"
    book = workbook(clash)
    academy_sheets = book.sheetnames[len(FIXED) :]
    assert academy_sheets[:3] == [
        "Summary (2)",
        "Alder Brook Castlegate",
        "Alder Brook Castlegate (2)",
    ]
    links = [book["Academies"].cell(r, 1).hyperlink.location for r in (4, 5, 6)]
    assert links == [f"'{n}'!A1" for n in academy_sheets[:3]]


def test_a_trust_without_a_trust_review_has_no_mat_sheet(filled_repo):
    book = workbook(aggregate(filled_repo))
    assert "MAT review" not in book.sheetnames
    assert book.sheetnames[-1] == "Oak Primary"


def test_a_large_trust_turns_academy_names_on_their_side(tmp_path):
    make_trust(tmp_path, 14)
    ws = workbook(aggregate(tmp_path))["Summary"]
    assert ws.cell(HEADER_ROW, 4).alignment.text_rotation == 90
    assert ws.cell(HEADER_ROW, 1).alignment.text_rotation in (0, None)
    assert ws.column_dimensions["D"].width == 5


def test_report_command_writes_the_workbook(cli, example_repo, tmp_path):
    review = example_repo / "reviews" / "2026-autumn" / "castlegate-academy.yaml"
    old = "      The headteacher has made SEND one of the three priorities"
    replace_once(review, old, "      =SUM(A1) The headteacher has made SEND")
    target = tmp_path / "out" / "trust.xlsx"
    result = cli("report", example_repo, "--cycle", "2026-autumn", "--format", "xlsx", "-o", target)
    assert result.exit_code == 0, result.output
    ws = load_workbook(target)["Castlegate Academy"]
    assert ws.cell(FIRST_ROW, STRENGTHS_MODERATED).value.startswith("=SUM(A1) The headteacher")
    assert ws.cell(FIRST_ROW, STRENGTHS_MODERATED).data_type == "s"


def test_libreoffice_opens_and_prints_it_landscape(trust_book, view, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc")
    source = tmp_path / "trust.xlsx"
    source.write_bytes(render("xlsx", ReportRequest(view=view)))
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    pdf = tmp_path / "trust.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.is_file(), result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert len(boxes) >= len(trust_book.sheetnames)  # at least a page a sheet
    assert all(float(width) > float(height) for width, height in boxes)
