"""Broken YAML is explained from what is in the file, never from a parser's wording: the same
message with libyaml and with the pure-Python parser, and with any PyYAML release.

Layer: unit (the library, called directly).
"""

from __future__ import annotations

import pytest
import yaml

from sendreview.source import yaml_reader as yamlsource
from sendreview.source.yaml_builder import MAX_DEPTH
from sendreview.source.yaml_reader import parse_yaml

#: Words from PyYAML's and libyaml's own messages, which must never reach a person.
PARSER_WORDS = (
    "while scanning",
    "while parsing",
    "could not find",
    "did not find",
    "found character",
    "expected <",
    "<block",
    "maximum nesting",
    "mapping values",
    'in "<unicode',
)

CASES = [
    # (name, text, code, line, column, words in the message)
    ("colon", "a: b: c\n", "SR104", 1, 5, "colon"),
    ("no-colon", "a: 1\nfoo\nb: 2\n", "SR104", 2, 1, "no colon"),
    ("unclosed-quote", 'a: "open\nb: 2\n', "SR104", 1, 4, "never closed"),
    ("quote-runs-on", 'a: "open\nb: 2\nc: "x"\n', "SR104", 1, 4, "runs on to line 3"),
    ("apostrophe", "a: 'it's here'\n", "SR104", 1, 8, "after the closing quotation mark"),
    ("indentation", "a:\n  b: 1\n c: 2\n", "SR104", 3, 2, "indentation"),
    ("indented-under-text", "a: x\n  b: y\n", "SR104", 2, 4, "indented further"),
    ("list-item", "a:\n  - x\n - y\n", "SR104", 3, 2, "list item"),
    ("at-sign", "a: @x\n", "SR104", 1, 4, "'@'"),
    ("backtick", "a: `x\n", "SR104", 1, 4, "'`'"),
    ("percent", "a: %x\n", "SR104", 1, 4, "'%'"),
    ("alias-like", "a: *\n", "SR104", 1, 4, "'*'"),
    ("undefined-alias", "a: *nope\n", "SR104", 1, 4, "anchor that does not exist"),
    ("block-indicator", "a: |x\n", "SR104", 1, 4, "'|'"),
    ("unclosed-list", "a: [x, y\nb: 2\n", "SR104", 1, 4, "never closed"),
    ("bad-escape", 'a: "C:\\Users"\n', "SR104", 1, 7, "backslash"),
    ("tab", "a:\n\tb: 1\n", "SR104", 2, 1, "tab"),
    ("control-character", "a: b\x07c\n", "SR102", 1, 5, "U+0007"),
    ("two-documents", "a: 1\n---\nb: 2\n", "SR108", 2, 1, "more than one"),
    ("tag", "a: !t v\n", "SR203", 1, 4, "tag"),
    ("self-alias", "a: &a [*a]\n", "SR106", 1, 8, "itself"),
    ("deep-flow", "[" * 5000 + "]" * 5000, "SR106", 1, MAX_DEPTH + 2, "nested too deeply"),
    ("deep-dashes", "- " * 1200 + "x\n", "SR106", 1, 2 * MAX_DEPTH + 3, "nested too deeply"),
    (
        "deep-block",
        "".join("  " * i + "k:\n" for i in range(1200)),
        "SR106",
        MAX_DEPTH + 1,
        2 * MAX_DEPTH + 1,
        "nested too deeply",
    ),
]


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request, monkeypatch):
    if request.param == "pure-python":
        monkeypatch.setattr(yamlsource, "SafeLoader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML was built without libyaml")
    return request.param


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "words"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_each_problem_is_named_and_placed(parser, text, code, line, column, words):
    found = [d for d in parse_yaml(text, "f.yaml").diagnostics if d.is_error]
    assert [(d.code, d.line, d.column) for d in found] == [(code, line, column)], found
    problem = found[0]
    assert words in problem.message
    assert problem.hint
    said = (problem.message + " " + problem.hint).lower()
    assert not [w for w in PARSER_WORDS if w in said]


def test_depth_is_measured_by_sendreview_not_by_the_parser(parser):
    """Values MAX_DEPTH levels down read; one more is refused, long before libyaml's 1,000."""
    assert parse_yaml("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), "f.yaml").diagnostics == []
    over = parse_yaml("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2), "f.yaml").diagnostics
    assert [d.code for d in over] == ["SR106"]
