"""Every kind of bad input a person can give: a clear, placed message, never a traceback,
and the file left exactly as it was.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import digest, line_of, only, replace_once, validate_json

REVIEW = Path("reviews/2026-autumn/oak-primary.yaml")


def problems(cli, root: Path, *extra: str) -> tuple[int, list[dict]]:
    """``validate --format json``, which must leave every file as it was."""
    before = digest(root)
    found = validate_json(cli, root, *extra)
    assert digest(root) == before, "validate must never change a file"
    return found


def codes(found: list[dict]) -> list[str]:
    return [p["code"] for p in found]


def test_filled_review_is_clean(cli, filled_repo):
    exit_code, found = problems(cli, filled_repo)
    assert found == []
    assert exit_code == 0


def test_unclosed_quote_is_a_placed_syntax_error(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "strengths: Leaders", 'strengths: "Leaders')
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR104")
    assert exit_code == 1
    assert problem["file"].endswith("oak-primary.yaml")
    assert problem["line"] >= line_of(review, '"Leaders')
    assert "quotation mark" in problem["message"]


def test_tab_indentation(cli, filled_repo):
    review = filled_repo / REVIEW
    number = line_of(review, "rating: green")
    lines = review.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = "\t" + lines[number - 1].lstrip()
    review.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR104")
    assert exit_code == 1
    assert problem["line"] == number
    assert "tab" in problem["message"]


def test_byte_order_mark_and_crlf_are_fine(cli, filled_repo):
    review = filled_repo / REVIEW
    text = review.read_text(encoding="utf-8")
    review.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    exit_code, found = problems(cli, filled_repo)
    assert (exit_code, found) == (0, [])


def test_windows_1252_is_read_with_a_warning(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "Leaders review this", "Leaders\u2019 review \u2013 this")
    number = line_of(review, "Leaders\u2019")
    review.write_bytes(review.read_text(encoding="utf-8").encode("cp1252"))
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR103")
    assert exit_code == 0
    assert problem["severity"] == "warning"
    assert problem["line"] == number
    assert "UTF-8" in problem["hint"]


def _alias_bomb() -> bytes:
    """Seven levels of nine aliases each: 9**6 values if anything walks it."""
    lines = [b"a0: &a0 [x]"]
    for level in range(1, 7):
        refs = b", ".join([f"*a{level - 1}".encode()] * 9)
        lines.append(f"a{level}: &a{level} [".encode() + refs + b"]")
    return b"\n".join(lines) + b"\n"


ALIAS_BOMB = _alias_bomb()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "SR107"),
        (b"# only a comment\n", "SR107"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "SR102"),
        (b"- one\n- two\n", "SR203"),
        (b"just some words\n", "SR203"),
        (b"a: 1\n---\nb: 2\n", "SR108"),
        (
            ALIAS_BOMB,
            "SR106",
        ),
        (b"a: &a [*a]\n", "SR106"),
        (b"[" * 5000 + b"]" * 5000, "SR106"),
    ],
    ids=[
        "empty",
        "comment-only",
        "binary",
        "list-not-mapping",
        "plain-text",
        "two-documents",
        "alias-bomb",
        "self-alias",
        "deep-nesting",
    ],
)
def test_file_level_problems(cli, filled_repo, content, code):
    (filled_repo / REVIEW).write_bytes(content)
    exit_code, found = problems(cli, filled_repo)
    assert exit_code == 1
    assert code in codes(found)
    assert all(p["file"].endswith("oak-primary.yaml") for p in found)


def test_fifty_megabyte_file(cli, filled_repo):
    with (filled_repo / REVIEW).open("wb") as handle:
        handle.write(b"strengths: " + b"x" * (50 * 1024 * 1024) + b"\n")
    exit_code, found = problems(cli, filled_repo)
    assert exit_code == 1
    assert codes(found) == ["SR106"]


def test_duplicate_key_keeps_nothing_silently(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(
        review,
        "    strengths: Leaders review this every term with the SENCO.\n",
        "    strengths: First answer.\n    strengths: Second answer.\n",
    )
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR105")
    assert exit_code == 1
    assert problem["line"] == line_of(review, "Second answer")
    assert f"line {line_of(review, 'First answer')}" in problem["message"]


def test_typo_in_a_key_is_caught_with_a_suggestion(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "    strengths: Leaders", "    strenghts: Leaders")
    result = cli("validate", filled_repo)
    assert result.exit_code == 1
    number = line_of(review, "strenghts")
    assert f"oak-primary.yaml:{number}:5: error[SR201]" in result.stdout
    assert "Did you mean 'strengths'?" in result.stdout


@pytest.mark.parametrize(
    ("old", "new", "code", "needle"),
    [
        ("  leadership-2:", "  leadership-99:", "SR310", "leadership-99:"),
        ("rating: green", "rating: gren", "SR312", "gren"),
        ("review_date: 2026-11-20", "review_date: 2027-02-30", "SR205", "2027-02-30"),
        ("academy: oak-primary", "academy: ash-primary", "SR303", "ash-primary"),
        ("framework: school-send-review", "framework: school-review", "SR301", "school-review"),
        ('framework_version: "1"', 'framework_version: "9"', "SR302", '"9"'),
        ("cycle: 2026-autumn", "cycle: Autumn 2026", "SR206", "Autumn 2026"),
        ("completed_by: [SENCO, Headteacher]", "completed_by: {a: b}", "SR203", "{a: b}"),
    ],
    ids=[
        "unknown-statement",
        "wrong-rating",
        "impossible-date",
        "unknown-academy",
        "unknown-framework",
        "wrong-version",
        "bad-cycle",
        "wrong-type",
    ],
)
def test_placed_problems(cli, filled_repo, old, new, code, needle):
    review = filled_repo / REVIEW
    replace_once(review, old, new)
    exit_code, found = problems(cli, filled_repo)
    problem = next(p for p in found if p["code"] == code)
    assert exit_code == 1
    assert problem["line"] == line_of(review, needle), found
    assert problem["message"]
    assert problem["severity"] == "error"


def test_missing_statement(cli, filled_repo):
    review = filled_repo / REVIEW
    text = review.read_text(encoding="utf-8")
    start = text.index("  teaching-3:")
    end = text.index("  teaching-4:")
    review.write_text(text[:start] + text[end:], encoding="utf-8")
    exit_code, found = problems(cli, filled_repo)
    assert exit_code == 1
    assert "teaching-3" in only(found, "SR311")["message"]


def test_missing_path_cannot_run(cli, tmp_path):
    result = cli("validate", tmp_path / "nowhere")
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert "Traceback" not in result.output


def test_folder_without_reviews_cannot_run(cli, tmp_path):
    result = cli("validate", tmp_path)
    assert result.exit_code == 2
    assert "no review files" in result.stderr


def test_bad_option_cannot_run(cli, filled_repo):
    assert cli("validate", filled_repo, "--format", "pdf").exit_code == 2


def test_broken_trust_file(cli, filled_repo):
    trust = filled_repo / "sendreview.yaml"
    replace_once(trust, "trust: Test Trust", "trust: Test Trust\ntrust: Other Trust")
    exit_code, found = problems(cli, filled_repo)
    assert exit_code == 1
    assert only(found, "SR105")["file"].endswith("sendreview.yaml")


def test_one_windows_byte_in_a_utf8_file_keeps_the_rest(cli, filled_repo):
    review = filled_repo / REVIEW
    replace_once(review, "Leaders review this", "Leaders\u2019 review \u00e9 this PASTED")
    number = line_of(review, "PASTED")
    review.write_bytes(review.read_bytes().replace(b"PASTED", b"\x92"))
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR103")
    assert exit_code == 0
    assert problem["line"] == number
    from sendreview.source.yaml_reader import load_yaml

    doc = load_yaml(review)
    assert "Leaders\u2019 review \u00e9 this \u2019" in doc.text  # nothing turned into mojibake


def test_merge_keys_are_refused_not_expanded(cli, filled_repo):
    review = filled_repo / REVIEW
    lines = ["l0: &l0 {a: 1, b: 2}"]
    lines += [f"l{k}: &l{k}\n  <<: [*l{k - 1}, *l{k - 1}]" for k in range(1, 30)]
    review.write_text(
        review.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8"
    )
    exit_code, found = problems(cli, filled_repo)
    assert exit_code == 1
    assert "SR201" in codes(found)
    assert any("merge key" in p["message"] for p in found)


@pytest.mark.parametrize(
    ("written", "words"),
    [("17/11/2026", "Write it as 2026-11-17."), ("2027-02-30", "no such day")],
)
def test_date_messages_say_how_to_write_the_date(cli, filled_repo, written, words):
    replace_once(filled_repo / REVIEW, "review_date: 2026-11-20", f"review_date: {written}")
    exit_code, found = problems(cli, filled_repo)
    problem = only(found, "SR205")
    assert exit_code == 1
    assert words in problem["message"] + " " + problem["hint"]
