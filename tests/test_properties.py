"""Property-based tests: no input gives a traceback, and what the loader builds is right.

Layer: unit (the library, called directly).
"""

from __future__ import annotations

import datetime as dt

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import examples
from sendreview.model import Review
from sendreview.repository.frameworks import builtin
from sendreview.source.loader import to_model
from sendreview.source.review_writer import render_review
from sendreview.source.yaml_reader import parse_yaml
from sendreview.source.yaml_text import decode
from sendreview.source.yaml_writer import scalar


@given(st.binary(max_size=2000))
def test_any_bytes_give_data_or_diagnostics(raw):
    text, problems = decode(raw, "f.yaml")
    if text is None:
        assert problems
        assert problems[0].is_error
        return
    doc = parse_yaml(text, "f.yaml")
    review = to_model(doc, Review)
    # Either a review came out, or the person is told why not.
    assert review is not None or any(p.is_error for p in doc.diagnostics)
    for problem in doc.diagnostics:
        assert problem.file == "f.yaml"
        assert problem.message
        assert problem.line >= 0


YAML_ALPHABET = st.sampled_from(list("abc:- \n\t'\"[]{}#&*!|>%@`,?0123456789é\u2019\r"))


@given(st.text(YAML_ALPHABET, max_size=300))
def test_yaml_like_text_never_raises_through_the_model(text):
    doc = parse_yaml(text, "f.yaml")
    to_model(doc, Review)  # must not raise whatever the text
    assert all(p.code.startswith("SR") for p in doc.diagnostics)


KEYS = st.text("abcdefgh-", min_size=1, max_size=8)
SCALARS = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1)),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=30,
)


@given(st.dictionaries(KEYS, DATA, min_size=1, max_size=5))
def test_loader_builds_what_safe_load_builds_and_places_every_value(data):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    doc = parse_yaml(text, "f.yaml")
    assert doc.diagnostics == []
    assert doc.data == yaml.safe_load(text)

    def walk(value, path):
        assert path in doc.positions
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(doc.data, ())


@given(st.text(max_size=200))
def test_scalar_reads_back_exactly(value):
    assert parse_yaml(f"k: {scalar(value)}", "f.yaml").data == {"k": value}


TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=300
)
RATINGS = st.sampled_from([None, "red", "amber", "green"])


@settings(max_examples=examples(40))
@given(st.data())
def test_rendered_review_reads_back_the_same(data):
    framework = builtin("school-send-review")
    responses = {}
    for statement in framework.statements():
        responses[statement.id] = {
            "rating": data.draw(RATINGS),
            "strengths": data.draw(TEXT),
            "areas_for_development": data.draw(TEXT),
            "evidence": data.draw(st.lists(TEXT.filter(lambda t: t.strip() != ""), max_size=3)),
        }
    review = Review.model_validate(
        {
            "framework": framework.id,
            "cycle": "2026-autumn",
            "academy": "oak",
            "responses": responses,
        }
    )
    text = render_review(review, framework)
    doc = parse_yaml(text, "f.yaml")
    again = to_model(doc, Review)
    assert doc.diagnostics == []
    assert again is not None
    assert again.responses == review.responses
