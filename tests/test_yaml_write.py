"""The one policy for writing YAML values: whatever the text, PyYAML (libyaml and pure Python)
and ruamel.yaml (round-trip and safe) all read back exactly what was written, in every place a
writer puts text: plain fields, ``[flow, lists]``, ``- block`` list items and ``|`` blocks.

Layers: unit for the writing policy; cli for ``new``, ``import`` and ``validate`` reading back
what they wrote.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from formtools import answer, detail, edit, make_form
from sendreview.forms.yamlupdate import _make, styled
from sendreview.source.yaml_reader import parse_yaml
from sendreview.source.yaml_writer import field_lines, flow_list, plain_ok, quoted, scalar, style

#: Text that YAML reads as something else, or that changes how the line around it is read.
LOOKS_LIKE_YAML = [
    ":0",
    "- x",
    "? x",
    "&a",
    "!t",
    "%x",
    "@x",
    "`x",
    "yes",
    "No",
    "on",
    "OFF",
    "y",
    "N",
    "1e3",
    "0x1",
    "0o17",
    "0b101",
    "2026-11-17",
    "2026-11-17 10:30:00",
    "~",
    "null",
    "NULL",
    "0777",
    "012345",
    "12:30",
    "1_000",
    ".inf",
    "-.INF",
    ".nan",
    "+1",
    "1.10",
    "<<",
    "=",
    "-",
    "?",
    ":",
    "*",
    "|",
    ">",
    "#",
    "---",
    "...",
    "a: b",
    "a:",
    "a #b",
    "[x]",
    "{x: 1}",
    "x, y",
    "'x'",
    '"x"',
    "\\n",
    " x",
    "x ",
    "\tx",
    "x\ty",
    "\ufeffx",
    "x\u2028y",
    "x\x85y",
    "x\ry",
    "x\r\ny",
    "\x00",
    "\x7f",
    "\ufffe",
    "Pupils’ “voice” – é 你好 🎓",
]

_ANY_CHARACTER = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be saved
TEXT = st.one_of(
    st.sampled_from(LOOKS_LIKE_YAML),
    st.text(_ANY_CHARACTER, max_size=40),
    st.builds(
        lambda a, b, c: a + b + c,
        st.text(_ANY_CHARACTER, max_size=3),
        st.sampled_from(LOOKS_LIKE_YAML),
        st.text(_ANY_CHARACTER, max_size=3),
    ),
)
LINES = st.lists(
    st.one_of(st.sampled_from(LOOKS_LIKE_YAML), st.text(_ANY_CHARACTER, max_size=20)),
    min_size=1,
    max_size=4,
).map("\n".join)

_RUAMEL_RT = YAML()
_RUAMEL_SAFE = YAML(typ="safe", pure=True)


def _sendreview(text: str) -> object:
    doc = parse_yaml(text, "f.yaml")
    assert doc.diagnostics == [], doc.diagnostics
    return doc.data


READERS = {
    "PyYAML (libyaml)": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
    "PyYAML (pure Python)": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
    "ruamel.yaml (round trip)": _RUAMEL_RT.load,
    "ruamel.yaml (safe)": _RUAMEL_SAFE.load,
    "sendreview": _sendreview,
}


def read_by_all(text: str) -> dict[str, object]:
    """What each reader makes of ``text``, as plain JSON-like data."""
    out = {}
    for name, read in READERS.items():
        try:
            out[name] = json.loads(json.dumps(read(text), default=str))
        except Exception as exc:  # noqa: BLE001 - the reader's refusal is the finding
            out[name] = f"refused: {type(exc).__name__}"
    return out


def assert_all_read(text: str, expected: object) -> None:
    found = read_by_all(text)
    wrong = {name: value for name, value in found.items() if value != expected}
    assert not wrong, f"{text!r} should read as {expected!r}, but: {wrong}"


@given(TEXT)
def test_a_plain_field(value):
    assert_all_read(f"k: {scalar(value)}\n", {"k": value})


@given(st.lists(TEXT, min_size=1, max_size=3))
def test_a_flow_list(items):
    assert_all_read(f"k: {flow_list(items)}\n", {"k": items})


@given(st.lists(TEXT, min_size=1, max_size=3))
def test_a_block_list(items):
    text = "k:\n" + "".join(f"  - {scalar(item)}\n" for item in items)
    assert_all_read(text, {"k": items})


@given(st.one_of(LINES, TEXT))
def test_block_text(value):
    text = "\n".join(["top:", *field_lines("k", value, 2), "after: 1"]) + "\n"
    expected = value if value else None  # an empty value is an unanswered field
    assert_all_read(text, {"top": {"k": expected}, "after": 1})


@given(st.one_of(LINES, TEXT), st.lists(TEXT, max_size=3))
def test_written_by_ruamel_yaml(value, items):
    """What forms.yamlupdate writes through ruamel.yaml, in the same styles."""
    data = CommentedMap()
    data["k"] = styled(value)
    seq = CommentedSeq(styled(item, flow=True) for item in items)
    seq.fa.set_flow_style()
    data["roles"] = seq
    out = io.StringIO()
    _make(2, 4, 2).dump(data, out)
    assert_all_read(out.getvalue(), {"k": value, "roles": items})


@pytest.mark.parametrize(
    "value",
    [":0", "- x", "? x", "&a", "!t", "%x", "@x", "`x", "yes", "1e3", "0x1", "2026-11-17", "~"]
    + ["null", "0777", "12:30", ".inf", "<<", "=", "y", "On", "0o17", "a: b", "a #b"],
)
def test_text_that_yaml_would_misread_is_quoted(value):
    assert style(value) == style(value, flow=True) == "double"
    assert scalar(value) == quoted(value) == json.dumps(value)


@pytest.mark.parametrize(
    "value", ["SENCO", "Deputy Headteacher (Inclusion)", "Parent survey 2026", "é", "Y6 pupils"]
)
def test_ordinary_text_stays_plain(value):
    assert plain_ok(value)
    assert plain_ok(value, flow=True)
    assert scalar(value) == value


def test_quoted_is_always_quoted():
    assert quoted("990001") == '"990001"'
    assert quoted("a\x07") == '"a\\u0007"'


def test_the_role_that_hypothesis_found():
    """A role typed as ':0' was written as [:0], which PyYAML refuses."""
    assert flow_list(["SENCO", ":0"]) == '[SENCO, ":0"]'
    assert_all_read(
        f"completed_by: {flow_list(['SENCO', ':0'])}\n", {"completed_by": ["SENCO", ":0"]}
    )


# ---- through the commands that write files -----------------------------------------------

CYCLE = "2026-autumn"


def _data(path: Path) -> dict:
    """The file as every reader reads it; they must agree."""
    found = read_by_all(path.read_text(encoding="utf-8"))
    first = found["sendreview"]
    assert all(value == first for value in found.values()), found
    assert isinstance(first, dict)
    return first


def test_everything_new_writes_reads_back_through_validate(cli, tmp_path):
    """Ids, names and URNs that YAML would misread are quoted, so `validate` reads them."""
    csv = tmp_path / "academies.csv"
    csv.write_text(
        "name,urn,phase,id\n:0,012345,primary,yes\nNo,990001,special,0777\n1e3,,,on\n",
        encoding="utf-8",
    )
    root = tmp_path / "repo"
    result = cli(
        "new", root, "--trust", "yes", "--cycle", CYCLE, "--academies", csv,
        "--framework", "school-send-review", "--framework", "mat-send-review",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    found = cli.json_ok("validate", root, "--allow-incomplete", "--format", "json")
    # Unfinished only: statements unrated, no review date, SEN contexts not filled in.
    assert {p["code"] for p in found} <= {"SR401", "SR406", "SR807"}
    trust = _data(root / "sendreview.yaml")
    assert trust["trust"] == "yes"
    assert [(a["id"], a["name"], a.get("urn")) for a in trust["academies"]] == [
        ("yes", ":0", "012345"),
        ("0777", "No", "990001"),
        ("on", "1e3", None),
    ]
    for academy_id in ("yes", "0777", "on"):
        review = _data(root / "reviews" / CYCLE / f"{academy_id}.yaml")
        assert (review["academy"], review["cycle"]) == (academy_id, CYCLE)


def test_an_id_from_the_academy_option(cli, tmp_path):
    root = tmp_path / "repo"
    assert cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "yes").exit_code == 0
    assert 'id: "yes"' in (root / "sendreview.yaml").read_text(encoding="utf-8")
    assert cli("validate", root, "--allow-incomplete").exit_code == 0


@pytest.mark.parametrize("fresh", [False, True], ids=["into-a-review", "into-a-new-file"])
def test_an_excel_import_of_text_that_looks_like_yaml(cli, tmp_path, fresh):
    """The role ':0' once made the import refuse itself as 'a bug in sendreview'."""
    root = tmp_path / "trust"
    assert cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Oak").exit_code == 0
    form = make_form(cli, root, "oak")
    target = root / "reviews" / CYCLE / "oak.yaml"
    if fresh:
        target.unlink()

    def senco(workbook) -> None:
        detail(workbook, "completed_by", ":0\nyes\n- x\nSENCO, Head")
        answer(workbook, "leadership-1", "rating", "Amber")
        answer(workbook, "leadership-1", "strengths", "0777")
        answer(workbook, "leadership-1", "areas_for_development", "12:30\n? x\n&a *b")
        answer(workbook, "leadership-1", "evidence", "1e3\n@x\n`x\n~")

    edit(form, senco)
    result = cli("import", form, root, "--allow-incomplete")
    assert result.exit_code == 0, result.output + result.stderr
    review = _data(target)
    assert review["completed_by"] == [":0", "yes", "- x", "SENCO, Head"]
    answers = review["responses"]["leadership-1"]
    assert answers["strengths"].rstrip("\n") == "0777"
    # Every line break typed in a cell is kept.
    assert answers["areas_for_development"].rstrip("\n") == "12:30\n? x\n&a *b"
    assert answers["evidence"] == ["1e3", "@x", "`x", "~"]
    assert cli("validate", root, "--allow-incomplete").exit_code == 0
