"""The HTML report on a phone and on paper, measured in headless Chromium.

- At 390 px wide (the report in a frame that wide) nothing in the action plans overlaps: a
  small script measures each cell's content and its neighbours' (``getClientRects``) and
  writes what it finds into the page, which Chromium prints with ``--dump-dom``.
- At 390 px the heatmap's academy column stays in view (``position: sticky``).
- Printed to PDF (A4), every page carries its page number (CSS page-margin boxes, which
  Chromium prints from version 131) and no page ends with a heading or a table's header row.

Layer: unit (reports rendered by the library, then measured in Chromium).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from a11y import chromium, run_chromium
from conftest import EXAMPLE
from sendreview.render.reports import ReportRequest, render
from sendreview.trust_view.aggregate import aggregate
from test_reports_honest import make_unfinished

pytestmark = [
    pytest.mark.skipif(chromium() is None, reason="Chromium is not installed"),
]

#: Measures the action tables: for each row, the box of each cell's content, and whether any
#: of them spills out of its cell or into a neighbour's. Writes JSON into <pre id="layout">.
_MEASURE = """
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>measure</title></head>
<body style="margin:0">
<iframe id="phone" title="report" style="width:390px;height:2000px;border:0" srcdoc="%s"></iframe>
<script>
function measure(doc, win) {
  function box(el) {
    var r = doc.createRange(); r.selectNodeContents(el);
    var rects = Array.prototype.slice.call(r.getClientRects()).filter(function (b) {
      return b.width > 0 && b.height > 0; });
    if (!rects.length) return null;
    return {left: Math.min.apply(null, rects.map(function (b) { return b.left; })),
            right: Math.max.apply(null, rects.map(function (b) { return b.right; })),
            top: Math.min.apply(null, rects.map(function (b) { return b.top; })),
            bottom: Math.max.apply(null, rects.map(function (b) { return b.bottom; }))};
  }
  var found = [], cells = 0;
  doc.querySelectorAll('table.actions tr').forEach(function (row) {
    var boxes = [];
    row.querySelectorAll('th, td').forEach(function (cell) {
      cells += 1;
      var c = cell.getBoundingClientRect(), b = box(cell);
      if (!b) return;
      if (b.left < c.left - 1 || b.right > c.right + 1)
        found.push('spills out of its cell: ' + cell.textContent.trim().slice(0, 40));
      boxes.push([b, cell.textContent.trim().slice(0, 40)]);
    });
    for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
      var a = boxes[i][0], b = boxes[j][0];
      if (a.left < b.right - 1 && b.left < a.right - 1 &&
          a.top < b.bottom - 1 && b.top < a.bottom - 1)
        found.push('overlap: ' + boxes[i][1] + ' / ' + boxes[j][1]);
    }
  });
  var heat = doc.querySelector('table.heatmap tbody th');
  var wrap = heat.closest('.table-wrap');
  wrap.scrollLeft = 10000;
  var pre = document.createElement('pre'); pre.id = 'layout';
  pre.textContent = JSON.stringify({
    width: win.innerWidth, cells: cells, found: found,
    scrolls: wrap.scrollWidth > wrap.clientWidth, scrolled: wrap.scrollLeft,
    sticky: win.getComputedStyle(heat).position,
    academy_left: heat.getBoundingClientRect().left - wrap.getBoundingClientRect().left,
    page_wider: doc.documentElement.scrollWidth > win.innerWidth});
  document.body.appendChild(pre);
}
var frame = document.getElementById('phone');
frame.addEventListener('load', function () {
  measure(frame.contentDocument, frame.contentWindow); });
</script>
</body></html>
"""


@pytest.fixture(scope="module")
def unfinished(tmp_path_factory):
    return make_unfinished(tmp_path_factory.mktemp("layout") / "trust")


def _page(root: Path, folder: Path) -> Path:
    page = folder / "report.html"
    page.write_bytes(render("html", ReportRequest(view=aggregate(root, "2026-autumn"))))
    return page


@pytest.mark.parametrize("which", ["example", "unfinished"])
def test_nothing_overlaps_on_a_phone(which, unfinished, tmp_path):
    page = _page(EXAMPLE if which == "example" else unfinished, tmp_path)
    measured = tmp_path / "measure.html"
    # Headless Chromium will not make a window narrower than 500 px, so the report is laid
    # out in a frame exactly 390 px wide, as a phone would show it.
    measured.write_text(
        _MEASURE % html.escape(page.read_text(encoding="utf-8"), quote=True), encoding="utf-8"
    )
    result = run_chromium(
        "--window-size=800,2200", "--virtual-time-budget=10000", "--dump-dom", measured.as_uri()
    )
    found = re.search(r'<pre id="layout">(.*?)</pre>', result.stdout, re.S)
    assert found, f"the page did not report; chromium said: {result.stderr[-2000:]}"
    layout = json.loads(html.unescape(found[1]))
    assert layout["width"] == 390
    assert layout["cells"] > 20  # the action tables were there to measure
    assert layout["found"] == []
    assert not layout["page_wider"], "the page itself scrolls sideways on a phone"
    # The heatmap scrolls inside its wrapper, its academy column held at the left edge.
    assert layout["scrolls"]
    assert layout["scrolled"] > 0
    assert layout["sticky"] == "sticky"
    assert abs(layout["academy_left"]) < 2


def _printed(page: Path, folder: Path) -> list[str]:
    pdf = folder / "report.pdf"
    run_chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.is_file(), "Chromium printed no PDF"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [p for p in text.split("\f") if p.strip()]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) is absent")
@pytest.mark.parametrize("which", ["example", "unfinished"])
def test_printed_pages_are_numbered_and_no_heading_ends_a_page(which, unfinished, tmp_path):
    page = _page(EXAMPLE if which == "example" else unfinished, tmp_path)
    source = page.read_text(encoding="utf-8")
    headings = {
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", h)).split())
        for h in re.findall(r"<h[2-4][^>]*>(.*?)</h[2-4]>", source, re.S)
    }
    header_rows = {
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", h)).split())
        for h in re.findall(r"<thead>(.*?)</thead>", source, re.S)
    }
    pages = _printed(page, tmp_path)
    assert len(pages) > 5
    for number, text in enumerate(pages, start=1):
        lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        assert lines[-1] == f"Page {number} of {len(pages)}", lines[-3:]
        last = lines[-2]
        assert last not in headings, f"page {number} ends with the heading {last!r}"
        assert last not in header_rows, f"page {number} ends with a table's header row"


def test_the_trusts_action_plan_has_visible_area_headings(tmp_path):
    source = _page(EXAMPLE, tmp_path).read_text(encoding="utf-8")
    own = source.split("The trust's action plan</h3>", 1)[1].split("</section>", 1)[0]
    assert re.findall(r"<h4>([^<]+)</h4>", own)[:2] == ["Leadership", "Identification"]
