"""Run axe-core on an HTML page in headless Chromium, without any Python dependency.

A copy of the page gets axe.min.js and a small script that runs axe with the WCAG 2.0, 2.1
and 2.2 A and AA rules and writes the violations into the page as JSON. Chromium loads the
copy with a virtual time budget (so axe's promises finish), prints the resulting DOM, and the
JSON is read back from it. No network is used: the page and axe are local files.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]
_RUNNER = """
<script>
(function () {
  function put(text) {
    var out = document.createElement('pre');
    out.id = 'axe-result';
    out.textContent = text;
    document.body.appendChild(out);
  }
  axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
    .then(function (result) {
      put(JSON.stringify(result.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(function (n) { return n.target.join(' ') + ': ' +
                                                         n.failureSummary; })};
      })));
    })
    .catch(function (error) { put('ERROR ' + error); });
})();
</script>
"""


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def axe_script() -> Path | None:
    """axe.min.js from SENDREVIEW_AXE_JS, or from node_modules at the repository root."""
    configured = os.environ.get("SENDREVIEW_AXE_JS")
    candidates = [Path(configured)] if configured else []
    candidates.append(ROOT / "node_modules" / "axe-core" / "axe.min.js")
    return next((p for p in candidates if p.is_file()), None)


def run_chromium(*args: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    """Chromium with a fresh profile that is removed afterwards."""
    browser = chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory(prefix="sendreview-chromium-") as profile:
        return subprocess.run(
            [browser, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def violations(page: str, folder: Path) -> list[dict[str, object]]:
    """axe-core's WCAG A/AA violations for an HTML page (given as text)."""
    script = axe_script()
    assert script is not None
    injected = "<script>" + script.read_text(encoding="utf-8") + "</script>"
    injected += _RUNNER % json.dumps(TAGS)
    target = folder / "axe-page.html"
    target.write_text(page.replace("</body>", injected + "</body>", 1), encoding="utf-8")
    result = run_chromium(
        "--window-size=1280,1024", "--virtual-time-budget=60000", "--dump-dom", target.as_uri()
    )
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', result.stdout, re.S)
    if found is None:
        raise AssertionError(f"axe did not report; chromium said: {result.stderr[-2000:]}")
    text = html.unescape(found[1])
    if text.startswith("ERROR"):
        raise AssertionError(f"axe failed: {text}")
    return json.loads(text)  # type: ignore[no-any-return]
