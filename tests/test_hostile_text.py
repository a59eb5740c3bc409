"""Hostile text in every input a user can hand sendreview, and what reaches the terminal.

Each case puts escape codes, bidirectional overrides, zero-width characters, look-alike
letters or bad bytes into one input and runs one command. Whatever the input, the command
must end with the exit code it promises, name the file, show no traceback, and print no raw
control or bidirectional character to stdout or stderr: those are shown as escapes.

Layers: cli for every command; unit for the escaping helper itself and the template time budget.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SCRIPT, needs_script, replace_once
from formtools import answer, edit, make_form

REVIEW = Path("reviews/2026-autumn/castlegate-academy.yaml")
ESCAPES = "\x1b[2J\x1b]0;pwned\x07"  # clear the screen, set the window title
YAML_ESCAPES = "\\e[2J\\e]0;pwned\\a"  # the same, as a YAML double-quoted string has them
RLO = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero width space


def raw_controls(text: str) -> list[str]:
    """Characters a terminal would act on or hide (tab and newline are fine)."""
    hidden = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # controls, format (bidi, zero-width), separators
    return sorted(
        {f"U+{ord(c):04X}" for c in text if unicodedata.category(c) in hidden and c not in "\t\n"}
    )


def assert_safe(result, code: int, names: str = "") -> None:
    out = result.output + result.stderr
    assert "Traceback" not in out
    assert result.exit_code == code, out
    assert raw_controls(result.output) == []
    assert raw_controls(result.stderr) == []
    if names:
        assert names in out, out


def edit_review(repo: Path, old: str, new: str, file: Path = REVIEW) -> None:
    replace_once(repo / file, old, new)


# ---- validate: one file, every output format ---------------------------------------------


@dataclass
class Case:
    name: str
    change: Callable[[Path], None]
    expect: str  # text that must appear (escaped) in the text output


CASES = [
    Case(
        "escape codes in a key",
        lambda r: edit_review(r, "  leadership-1:\n", f'  "{YAML_ESCAPES}": x\n  leadership-1:\n'),
        "\\x1b[2J\\x1b]0;pwned\\x07",
    ),
    Case(
        "right-to-left override in the academy id",
        lambda r: edit_review(r, "academy: castlegate-", f"academy: castlegate{RLO}-"),
        "castlegate\\u202e-academy",
    ),
    Case(
        "escape codes in an answer's rating",
        lambda r: edit_review(r, "rating: amber", 'rating: "amber\\e[31m"'),
        "amber\\x1b[31m",
    ),
    Case(
        "C1 control and line separator in a statement id",
        lambda r: edit_review(r, "  leadership-1:\n", '  "lead\\x9bership\\u2028-1":\n'),
        "lead\\x9bership\\u2028-1",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("output", ["text", "github", "json"])
def test_validate_shows_hidden_characters(cli, example_repo, case, output):
    case.change(example_repo)
    result = cli("validate", example_repo / REVIEW, "--format", output)
    assert_safe(result, 1, "castlegate-academy.yaml")
    if output == "json":  # exact: JSON's own escapes give back the very text read
        messages = " ".join(d["message"] for d in json.loads(result.output))
        assert case.expect.encode().decode("unicode_escape") in messages
    else:
        assert case.expect in result.output


def test_file_name_with_escape_codes_is_shown_escaped(cli, example_repo):
    (example_repo / REVIEW).rename(example_repo / REVIEW.parent / f"castle{ESCAPES}gate.yaml")
    result = cli("validate", example_repo)
    assert_safe(result, 1, "castle\\x1b[2J")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        (f"leadership{ZWSP}-1", "a hidden character (U+200B ZERO WIDTH SPACE) at position 11"),
        ("le\u0430dership-1", "'\u0430' (U+0430 CYRILLIC SMALL LETTER A) at position 3"),
    ],
    ids=["zero-width space", "cyrillic a"],
)
def test_look_alike_statement_id_names_the_odd_character(cli, example_repo, typed, expected):
    edit_review(example_repo, "  leadership-1:\n", f"  {typed}:\n")
    result = cli("validate", example_repo / REVIEW)
    assert_safe(result, 1, "castlegate-academy.yaml")
    assert expected in result.output
    assert "Did you mean 'leadership-1'" not in result.output


def test_look_alike_hint_in_json_keeps_text_exact(cli, example_repo):
    edit_review(example_repo, "  leadership-1:\n", f"  leadership{ZWSP}-1:\n")
    found = json.loads(cli("validate", example_repo / REVIEW, "-f", "json").output)
    (problem,) = [d for d in found if d["code"] == "SR310"]
    assert f"'leadership{ZWSP}-1' is not a statement" in problem["message"]


# ---- the other commands --------------------------------------------------------------------


def test_aggregate_terminal_view(cli, example_repo):
    trust = example_repo / "sendreview.yaml"
    replace_once(trust, "name: Castlegate Academy", f'name: "Castle{RLO}gate \\e[31mAcademy"')
    result = cli("aggregate", example_repo, "--cycle", "2026-autumn")
    assert_safe(result, 0)
    assert "Castle\\u202egate \\x1b[31mAcademy" in result.output


def test_frameworks_show_and_check(cli, example_repo, tmp_path):
    own = example_repo / "frameworks" / "ours.yaml"
    own.parent.mkdir()
    own.write_text(
        "id: ours\nversion: '1'\nlevel: academy\n"
        f'title: "Our {RLO}offer\\e[5m"\n'
        "areas:\n  - id: voice\n    title: Pupil voice\n    statements:\n"
        f'      - id: voice-1\n        text: "Pupils {ZWSP}help set targets."\n',
        encoding="utf-8",
    )
    shown = cli("frameworks", "show", "ours", "--repo", example_repo)
    assert_safe(shown, 0)
    assert "Our \\u202eoffer\\x1b[5m" in shown.output
    assert "\\u200bhelp" in shown.output
    checked = cli("frameworks", "check", own)
    assert_safe(checked, 0)
    listed = cli("frameworks", "list", "--repo", example_repo, "--format", "json")
    assert_safe(listed, 0)
    assert f"Our {RLO}offer\x1b[5m" in [f["title"] for f in json.loads(listed.output)]


def test_import_dry_run_diff(cli, example_repo):
    form = make_form(cli, example_repo)
    # openpyxl refuses C0 controls in a cell; a C1 CSI and an override still get through.
    edit(form, lambda wb: answer(wb, "leadership-1", "strengths", f"Good \x9b2J{RLO} work"))
    result = cli("import", form, example_repo, "--dry-run", "--allow-incomplete")
    assert_safe(result, 0, "alder-brook-primary.yaml")
    assert "Good \\x9b2J\\u202e work" in result.stderr


def test_error_handler_message(cli, example_repo):
    result = cli("report", example_repo, "--cycle", "2026-autumn", "--academy", ESCAPES)
    assert_safe(result, 2)
    assert "\\x1b[2J" in result.stderr


# ---- new: names and CSV files --------------------------------------------------------------


def new(cli, root: Path, *extra: str | Path):
    return cli("new", root, "--trust", "T", "--cycle", "2026-autumn", *extra)


@pytest.mark.parametrize(
    ("content", "row", "says"),
    [
        (b"name,urn\nOak Primary,123456\n\x00\x01\x02PK\x03\x04", 3, "not a text file"),
        (b"name\nOak Primary\nCaf\xe9 Academy\nBad \x81 School\n", 4, "byte 0x81"),
        (b'name\nOak Primary\n"Esc \x1b[2J School"\n', 3, "U+001B"),
        ("name\nOak Primary\nAlder\u202e Primary\n".encode(), 3, "U+202E RIGHT-TO-LEFT OVERRIDE"),
        (b'name\nOak\n"unterminated\n', 3, ""),
        (b"name,id\nOak,CON\n", 2, "Windows"),
    ],
    ids=["binary", "undefined cp1252 byte", "escape code", "bidi override", "bad quote", "con"],
)
def test_new_with_a_bad_academies_csv(cli, tmp_path, content, row, says):
    csv = tmp_path / "academies.csv"
    csv.write_bytes(content)
    result = new(cli, tmp_path / "repo", "--academies", csv)
    if says == "":  # the csv module reads an unterminated quote to the end: still no crash
        assert_safe(result, 0)
        return
    assert_safe(result, 2, f"academies.csv:{row}:")
    assert says in result.stderr
    assert not (tmp_path / "repo").exists()


def test_new_refuses_a_nul_byte_in_a_name(cli, tmp_path):
    result = new(cli, tmp_path / "repo", "--academy", "Oak\x00 Primary")
    assert_safe(result, 2)
    assert "U+0000" in result.stderr
    assert not (tmp_path / "repo").exists()


def test_new_refuses_a_control_character_in_the_trust_name(cli, tmp_path):
    result = cli(
        "new", tmp_path / "repo", "--trust", f"T{ESCAPES}", "--cycle", "2026-autumn",
        "--academy", "Oak",
    )  # fmt: skip
    assert_safe(result, 2)
    assert "The trust's name" in result.stderr


def test_windows_device_names_and_unspellable_names_get_safe_ids(cli, tmp_path):
    root = tmp_path / "repo"
    names = ["CON", "aux", "Com1", "LPT9", "nul", "学校", "Prn.txt"]
    result = new(cli, root, *(a for name in names for a in ("--academy", name)))
    assert_safe(result, 0)
    written = sorted(p.stem for p in (root / "reviews" / "2026-autumn").glob("*.yaml"))
    assert written == [
        "academy",
        "aux-academy",
        "com1-academy",
        "con-academy",
        "lpt9-academy",
        "nul-academy",
        "prn-txt",
    ]
    assert_safe(cli("validate", root, "--allow-incomplete"), 0)


def test_a_windows_cp1252_csv_is_read(cli, tmp_path):
    csv = tmp_path / "academies.csv"
    csv.write_bytes("name\nCafé Académie\nSt Mary’s\n".encode("cp1252"))
    result = new(cli, tmp_path / "repo", "--academies", csv)
    assert_safe(result, 0)
    assert "Café Académie" in (tmp_path / "repo" / "sendreview.yaml").read_text(encoding="utf-8")


# ---- trust templates -----------------------------------------------------------------------


def test_endless_template_is_stopped_and_named(cli, example_repo, tmp_path, monkeypatch):
    from sendreview.render.reports import templating

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 0.5)
    own = tmp_path / "mine"
    own.mkdir()
    (own / "trust.md.j2").write_text(
        "# Title\n\n{% for i in range(100000) %}{% for j in range(100000) %}{{ '' }}"
        "{% endfor %}{% endfor %}\n",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = cli(
        "report", example_repo, "--cycle", "2026-autumn", "--format", "md",
        "--templates", own, "-o", tmp_path / "out.md",
    )  # fmt: skip
    assert_safe(result, 2, "trust.md.j2:3:")
    assert "still running after 0.5 seconds" in result.stderr
    assert time.monotonic() - started < 30
    assert not (tmp_path / "out.md").exists()


def test_template_time_budget_works_off_the_main_thread(example_repo, tmp_path, monkeypatch):
    """A program that renders reports on a worker thread gets the watchdog instead."""
    import threading

    from sendreview.errors import SendReviewError
    from sendreview.render.reports import ReportRequest, templating
    from sendreview.trust_view.aggregate import aggregate

    monkeypatch.setattr(templating, "TEMPLATE_SECONDS", 0.5)
    own = tmp_path / "mine"
    own.mkdir()
    (own / "trust.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        encoding="utf-8",
    )
    request = ReportRequest(view=aggregate(example_repo, "2026-autumn"), templates=own)
    outcome: list[str] = []

    def work() -> None:
        try:
            templating.render(request, "md")
        except SendReviewError as error:
            outcome.append(error.message)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert "trust.md.j2:1:" in outcome[0]


def test_template_runtime_error_names_file_and_line(cli, example_repo, tmp_path):
    own = tmp_path / "mine"
    own.mkdir()
    (own / "trust.md.j2").write_text("# Title\n\n{{ report.trust }}\n{{ 1 // 0 }}\n", "utf-8")
    result = cli(
        "report", example_repo, "--cycle", "2026-autumn", "--format", "md",
        "--templates", own, "-o", tmp_path / "out.md",
    )  # fmt: skip
    assert_safe(result, 2, "trust.md.j2:4:")


# ---- streams that cannot hold every character ------------------------------------------------


@needs_script
@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_output_to_a_narrow_stream_never_fails(example_repo, encoding):
    edit_review(example_repo, "  leadership-1:\n", "  leadership-1😀学校:\n")
    trust = example_repo / "sendreview.yaml"
    replace_once(trust, "name: Castlegate Academy", "name: Castlegate Академия 😀")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "NO_COLOR": "1"}
    for args, code in [
        (["validate", str(example_repo)], 1),
        (["aggregate", str(example_repo), "--cycle", "2026-autumn"], 0),
        (["report", str(example_repo), "--academy", "nowhere😀", "--cycle", "2026-autumn"], 2),
        (["frameworks", "show", "mat-send-review"], 0),
    ]:
        done = subprocess.run(
            [SCRIPT, *args], capture_output=True, env=env, timeout=120, check=False
        )
        # click writes UTF-8 where it finds an ASCII stream (it takes it for a mistake)
        stdout, stderr = (b.decode(encoding, "replace") for b in (done.stdout, done.stderr))
        assert "Traceback" not in stdout + stderr
        assert "UnicodeEncodeError" not in stderr
        assert done.returncode == code, stderr
        if code != 2:  # rich's views write the emoji as an escape
            assert "\\U0001f600" in stdout or args[0] == "frameworks"


# ---- the helpers themselves ----------------------------------------------------------------


def test_visible_keeps_ordinary_text_and_emoji():
    from sendreview.prose import visible

    text = "Café, naïve, Ünal, Академия, 学校, 👩\u200d🏫, tabs\tand\nlines"
    assert visible(text) == text


def test_visible_is_idempotent():
    from sendreview.prose import visible

    once = visible(f"{ESCAPES}{RLO}{ZWSP}\ud800\U000e0041")
    assert once == "\\x1b[2J\\x1b]0;pwned\\x07\\u202e\\u200b\\ud800\\U000e0041"
    assert visible(once) == once


def test_did_you_mean_stays_plain_for_an_ordinary_typo():
    from sendreview.prose import did_you_mean

    assert did_you_mean("leadershp-1", ["leadership-1", "leadership-2"]) == (
        "Did you mean 'leadership-1'? "
    )
    assert did_you_mean("x" * 100_000, ["leadership-1"]) == ""


def test_badly_formed_id_names_the_hidden_character(cli, example_repo):
    edit_review(example_repo, "academy: castlegate-", f"academy: castlegate{RLO}-")
    result = cli("validate", example_repo / REVIEW)
    assert_safe(result, 1, "castlegate-academy.yaml")
    assert "hidden character (U+202E RIGHT-TO-LEFT OVERRIDE) at position 11" in result.output
