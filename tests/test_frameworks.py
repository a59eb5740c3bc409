"""The built-in frameworks: counts, exact wording, the public JSON shape, custom frameworks.

Layers: unit for the built-in frameworks and their wording; cli for ``frameworks list``,
``show`` and ``check``.
"""

from __future__ import annotations

import re

import pytest

from sendreview.repository.frameworks import builtin, builtin_ids

COUNTS = {
    "mat-send-review": {
        "leadership": 15,
        "identification": 10,
        "tracking": 11,
        "teaching": 11,
        "provision": 9,
    },
    "school-send-review": {
        "leadership": 7,
        "teaching": 7,
        "graduated-approach": 7,
        "identification": 6,
    },
    "trust-core-offer": {"offer": 12},
}

# Exact texts, chosen to cover OCR slips in the seeds and text broken across lines.
EXACT = {
    (
        "school-send-review",
        "leadership-1",
    ): "The governors/trustees, leaders and SENCO have a clear and ambitious vision for SEND "
    "curriculum provision and outcomes in the school based on a culture of high aspiration "
    "for all pupils. The vision is communicated to all stakeholders.",
    (
        "school-send-review",
        "teaching-4",
    ): "All leaders regularly evaluate the quality of teaching and learning for pupils with SEND "
    "e.g. through learning walks, book looks, pupil discussions etc.",
    (
        "school-send-review",
        "graduated-approach-5",
    ): "Learners with SEND have support plans that are developed and reviewed at least termly "
    "with parents, the learner and relevant professionals.",
    (
        "school-send-review",
        "identification-4",
    ): "Leaders monitor the progress and attainment of SEND sub-groups according to the four "
    "broad areas of need (C&I, C&L, SEMH, sensory/ physical) and use this information to "
    "plan provision.",
    (
        "mat-send-review",
        "leadership-6",
    ): "MAT Leaders proactively analyse exclusion data to ensure that the representation of "
    "learners with SEND is proportionate and that exclusion is used as a last resort",
    (
        "mat-send-review",
        "tracking-2",
    ): "The MAT monitors the progress and attainment of learners with SEND across the four "
    "broad areas of need",
    (
        "mat-send-review",
        "tracking-3",
    ): "The MAT monitors the progress and attainment of learners with SEND across all year "
    "groups and within subjects, conducting comparative analysis in order to identify "
    "patterns and trends",
    (
        "mat-send-review",
        "provision-6",
    ): "Those responsible for the strategic leadership of SEND ensure that academies and "
    "parents / carers are supported to work in partnership to achieve co-produced outcomes "
    "relating to learners with SEND",
    (
        "mat-send-review",
        "tracking-11",
    ): "There are no informal or unofficial exclusions within the trust",
    (
        "trust-core-offer",
        "offer-1",
    ): "Our pupils' needs will be met with our best endeavours. (see SEND Offer for definition "
    "of best endeavours)",
    (
        "trust-core-offer",
        "offer-12",
    ): "Our staff will feel well supported when teaching all children.",
}

OCR_SLIPS = re.compile(
    r"leamer|learer|learmer|leaming|attaiment|pattem|heatth|Mutti|UNESCQO|  | [.,;]"
)


def test_builtins():
    assert builtin_ids() == ["mat-send-review", "school-send-review", "trust-core-offer"]


@pytest.mark.parametrize("framework_id", sorted(COUNTS))
def test_statement_counts(framework_id):
    framework = builtin(framework_id)
    assert {a.id: len(a.statements) for a in framework.areas} == COUNTS[framework_id]
    for area in framework.areas:
        assert [s.id for s in area.statements] == [
            f"{area.id}-{n}" for n in range(1, len(area.statements) + 1)
        ]


def test_totals():
    assert sum(1 for _ in builtin("mat-send-review").statements()) == 56
    assert sum(1 for _ in builtin("school-send-review").statements()) == 27
    assert sum(1 for _ in builtin("trust-core-offer").statements()) == 12


@pytest.mark.parametrize(("key", "text"), list(EXACT.items()), ids=[f"{f}:{s}" for f, s in EXACT])
def test_exact_text(key, text):
    framework_id, statement_id = key
    statement = builtin(framework_id).statement(statement_id)
    assert statement is not None
    assert statement.text == text


@pytest.mark.parametrize("framework_id", sorted(COUNTS))
def test_no_ocr_slips_or_stray_spacing(framework_id):
    framework = builtin(framework_id)
    texts = [framework.description] + [a.description for a in framework.areas]
    texts += [s.text for s in framework.statements()]
    for text in texts:
        assert not OCR_SLIPS.search(text), text
        assert text == text.strip()
        assert "\n" not in text


def test_areas_have_titles_descriptions_and_references():
    school = builtin("school-send-review")
    assert [a.title for a in school.areas] == [
        "Leadership of SEND",
        "High Quality Adaptive Teaching",
        "Implementation of the Graduated Approach",
        "Identification, Assessment and Outcomes",
    ]
    assert all(a.description and a.references for a in school.areas)
    mat = builtin("mat-send-review")
    assert [a.title for a in mat.areas] == [
        "Leadership",
        "Identification",
        "Tracking and Monitoring Progress",
        "High Quality Teaching and Intervention",
        "Developing Provision",
    ]
    assert all(a.description for a in mat.areas)
    assert mat.level == "trust"
    assert school.level == "academy"
    assert mat.labels.strengths == "Current examples of strengths"


def test_show_json_is_the_public_shape(cli):
    data = cli.json_ok("frameworks", "show", "school-send-review", "--format", "json")
    assert {"id", "version", "title", "rating_scale", "areas"} <= set(data)
    assert [r["id"] for r in data["rating_scale"]] == ["red", "amber", "green"]
    area = data["areas"][0]
    assert {"id", "title", "description", "statements"} <= set(area)
    assert set(area["statements"][0]) >= {"id", "text"}


def test_show_yaml_and_text(cli):
    yaml_out = cli("frameworks", "show", "mat-send-review", "--format", "yaml")
    assert yaml_out.exit_code == 0
    assert yaml_out.stdout.startswith("id: mat-send-review")
    text = cli("frameworks", "show", "trust-core-offer")
    assert text.exit_code == 0
    assert "Our pupils will enjoy coming to school." in text.stdout


def test_list(cli):
    result = cli("frameworks", "list")
    assert "mat-send-review" in result.stdout
    assert "56 statements" in result.stdout
    data = cli.json_ok("frameworks", "list", "--format", "json")
    assert {f["id"]: f["statements"] for f in data} == {
        "mat-send-review": 56,
        "school-send-review": 27,
        "trust-core-offer": 12,
    }


def test_unknown_framework(cli):
    result = cli("frameworks", "show", "mat-review")
    assert result.exit_code == 2
    assert "Did you mean 'mat-send-review'" in result.stderr


FOUR_POINT = """\
id: our-inclusion-offer
version: "2"
title: Our Inclusion Offer
rating_scale:
  - {id: not-yet, label: Not yet, letter: "1", colour: "#B3261E"}
  - {id: emerging, label: Emerging, letter: "2", colour: "#B25E00"}
  - {id: established, label: Established, letter: "3", colour: "#4A7A1E"}
  - {id: embedded, label: Embedded, letter: "4", colour: "#1B6E3A"}
areas:
  - id: voice
    title: Pupil voice
    statements:
      - id: voice-1
        text: Pupils help set their own targets.
"""


def test_check_a_trust_framework_with_a_four_point_scale(cli, tmp_path):
    path = tmp_path / "offer.yaml"
    path.write_text(FOUR_POINT, encoding="utf-8")
    result = cli("frameworks", "check", path)
    assert result.exit_code == 0, result.stdout
    from sendreview.repository.frameworks import load_framework_file

    framework, _ = load_framework_file(path)
    assert framework is not None
    assert [framework.needs_action(r) for r in framework.rating_ids] == [True, True, False, False]


def test_check_reports_framework_mistakes(cli, tmp_path):
    path = tmp_path / "offer.yaml"
    path.write_text(
        FOUR_POINT.replace("id: voice-1", "id: Voice 1").replace(
            "title: Pupil voice", "titel: Pupil voice"
        ),
        encoding="utf-8",
    )
    result = cli("frameworks", "check", path)
    assert result.exit_code == 1
    assert "offer.yaml:13:13: error[SR206]" in result.stdout
    assert "Did you mean 'title'?" in result.stdout
    assert "SR202" not in result.stdout, "a misspelt key is one problem, not two"


def test_trust_framework_in_repository_is_used(cli, filled_repo):
    (filled_repo / "frameworks").mkdir()
    (filled_repo / "frameworks" / "offer.yaml").write_text(FOUR_POINT, encoding="utf-8")
    result = cli("frameworks", "list", "--repo", filled_repo)
    assert "our-inclusion-offer" in result.stdout
    assert cli("validate", filled_repo).exit_code == 0
