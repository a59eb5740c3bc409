"""The checks one at a time: each registered rule called on a small context, no CLI.

A review is written as a few lines of YAML and read with positions, so each test says what a
rule reports and where. The end-to-end tests (test_rules.py, test_validate.py) prove the
commands run these rules; these prove each rule on its own.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import sendreview.checks.completeness
import sendreview.checks.consistency
import sendreview.checks.copied
import sendreview.checks.privacy
from conftest import replace_once
from sendreview.checks.context import CheckContext, Rule
from sendreview.checks.pipeline import check_document, run_rules
from sendreview.checks.places import YamlPlaces
from sendreview.checks.registry import RULES, rule_codes
from sendreview.codes import CODES
from sendreview.diagnostics import Diagnostic, Location, Severity
from sendreview.forms.checks import WorkbookPlaces
from sendreview.model import Framework, Review, Trust
from sendreview.repository.frameworks import FrameworkRegistry, builtin
from sendreview.repository.layout import cycle_folder_of
from sendreview.source.loader import to_model
from sendreview.source.yaml_reader import parse_yaml
from sendreview.trust_view.aggregate import aggregate

SCHOOL = builtin("school-send-review")
MAT = builtin("mat-send-review")
TRUST = Trust.model_validate(
    {"trust": "Larkspur", "academies": [{"id": "oak-primary", "name": "Oak Primary"}]}
)
RULE = {r.id: r for r in RULES}


def finished(**changes: object) -> dict[str, object]:
    """A finished review of Oak Primary: every statement green, a date in the term."""
    data: dict[str, object] = {
        "framework": "school-send-review",
        "framework_version": SCHOOL.version,
        "cycle": "2026-autumn",
        "academy": "oak-primary",
        "review_date": dt.date(2026, 11, 20),
        "completed_by": ["SENCO"],
        "responses": {
            s: {"rating": "green", "strengths": "Clear provision map."}
            for s in SCHOOL.statement_ids
        },
    }
    data.update(changes)
    return data


def context(
    data: dict[str, object],
    *,
    framework: Framework | None = SCHOOL,
    trust: Trust | None = TRUST,
    file: Path | None = None,
    previous: tuple[Review, ...] = (),
) -> CheckContext:
    doc = parse_yaml(yaml.safe_dump(data, sort_keys=False), "oak-primary.yaml")
    review = to_model(doc, Review, salvage=True)
    assert review is not None, doc.diagnostics
    frameworks = FrameworkRegistry.for_repository(None)
    folder = cycle_folder_of(file) if file is not None else None  # as the repository sets it
    return CheckContext(
        review, YamlPlaces(doc), framework, trust, file, frameworks, folder, previous
    )


def run(rule_id: str, ctx: CheckContext) -> list[Diagnostic]:
    """A rule's problems; each must carry a code the rule declares."""
    rule = RULE[rule_id]
    found = list(rule(ctx))
    undeclared = {d.code for d in found} - rule.codes
    assert not undeclared, f"{rule_id} reported {undeclared} without declaring them"
    return found


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


# ---- the registry ---------------------------------------------------------------------------


def test_the_registry_lists_every_rule_once():
    assert len({r.id for r in RULES}) == len(RULES)
    assert len({id(r) for r in RULES}) == len(RULES)
    modules = [sendreview.checks.completeness, sendreview.checks.consistency]
    modules += [sendreview.checks.privacy, sendreview.checks.copied]
    defined = {v for m in modules for v in vars(m).values() if isinstance(v, Rule)}
    assert defined == set(RULES)


def test_every_code_a_rule_declares_is_in_the_catalogue_and_owned_by_one_rule():
    declared = [code for r in RULES for code in r.codes]
    assert len(declared) == len(set(declared))
    assert set(declared) <= set(CODES)
    assert rule_codes()["SR401"] == "completeness"


def test_every_code_written_in_a_check_is_in_the_catalogue():
    """A code typed into a check but missing from codes.py would reach users undocumented."""
    folder = Path(sendreview.checks.consistency.__file__).parent
    written = {
        code
        for path in folder.glob("*.py")
        for code in re.findall(r'"(SR\d{3})"', path.read_text())
    }
    assert written <= set(CODES)
    # Only the trust file's checks (not rules: they check sendreview.yaml), the SEN
    # context's and the moderation file's (neither is a review) report codes no rule declares.
    context = {f"SR80{n}" for n in range(1, 8)}
    moderation = {f"SR9{n:02}" for n in range(1, 12)}
    assert written - set(rule_codes()) == {"SR204", "SR320", "SR321", *context, *moderation}


# ---- each rule ------------------------------------------------------------------------------


def test_a_finished_review_passes_every_rule():
    assert run_rules(context(finished())) == []


def test_framework_rule():
    assert run("framework", context(finished())) == []
    older = run("framework", context(finished(framework_version="0")))
    assert codes(older) == ["SR302"]
    assert older[0].path == "framework_version"
    unknown = run("framework", context(finished(framework="school-send-reveiw"), framework=None))
    assert codes(unknown) == ["SR301"]
    assert "school-send-review" in unknown[0].hint
    assert (unknown[0].line, unknown[0].column) == (1, 12)


def test_the_file_name_checks_follow_the_repository_layout(tmp_path, monkeypatch):
    """SR306 and SR307 know a review's folder from the repository layer, not from a folder
    name of their own: renaming the reviews folder keeps them on."""
    import sendreview.repository.layout as layout
    from sendreview.repository.reviews import load_review

    monkeypatch.setattr(layout, "REVIEWS_DIR", "send-reviews")
    path = tmp_path / "send-reviews" / "2025-spring" / "elm.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(finished(), sort_keys=False), encoding="utf-8")
    loaded = load_review(path, FrameworkRegistry.for_repository(None), TRUST)
    assert {"SR306", "SR307"} <= {d.code for d in loaded.diagnostics}


def test_subject_rule():
    assert codes(run("subject", context(finished(academy=None)))) == ["SR305"]
    assert codes(run("subject", context(finished(academy="elm-academy")))) == ["SR303"]
    assert codes(run("subject", context(finished(framework="mat-send-review"), framework=MAT)))[
        :1
    ] == ["SR304"]
    wrong_place = Path("reviews/2025-spring/elm.yaml")
    found = run("subject", context(finished(), file=wrong_place))
    assert codes(found) == ["SR306", "SR307"]
    assert (
        run("subject", context(finished(), file=Path("reviews/2026-autumn/oak-primary.yaml"))) == []
    )


def test_statements_rule():
    responses = finished()["responses"]
    assert isinstance(responses, dict)
    responses.pop("leadership-2")
    responses["leadership-1"] = {"rating": "gren"}
    responses["leadership-3"] = {"rating": "green", "not_applicable": "No governors"}
    responses["leadership-99"] = {"rating": "green"}
    found = run("statements", context(finished(responses=responses)))
    assert sorted(codes(found)) == ["SR310", "SR311", "SR312", "SR313"]
    typo = next(d for d in found if d.code == "SR312")
    assert typo.path == "responses.leadership-1.rating"
    assert "green" in typo.hint


def test_action_plans_rule():
    plans = {
        "leadership": {"actions": [{"action": "Train staff", "statements": ["leadership-99"]}]},
        "nowhere": {"summary": "Not an area"},
    }
    found = run("action-plans", context(finished(action_plans=plans)))
    assert sorted(codes(found)) == ["SR314", "SR315"]
    assert next(d for d in found if d.code == "SR315").path == (
        "action_plans.leadership.actions[0].statements"
    )
    without = SCHOOL.model_copy(update={"action_plan": False})
    assert codes(run("action-plans", context(finished(action_plans=plans), framework=without))) == [
        "SR316"
    ]


def test_completeness_rule():
    responses = finished()["responses"]
    assert isinstance(responses, dict)
    responses["leadership-1"] = {"strengths": "Rating left blank"}
    responses["leadership-2"] = {"not_applicable": True}
    responses["leadership-3"] = {"rating": "red"}
    found = run("completeness", context(finished(responses=responses, review_date=None)))
    assert sorted(codes(found)) == ["SR401", "SR402", "SR403", "SR404", "SR406"]
    plans = {"leadership": {"actions": [{"action": "Train staff", "owner": "SENCO"}]}}
    responses["leadership-3"] = {"rating": "red", "areas_for_development": "Governor training"}
    incomplete = run("completeness", context(finished(responses=responses, action_plans=plans)))
    details = [d.path for d in incomplete if d.code == "SR405"]
    assert details == [
        "action_plans.leadership.actions[0].due",
        "action_plans.leadership.actions[0].priority",
    ]


def test_cycle_dates_rule():
    assert run("cycle-dates", context(finished())) == []
    found = run("cycle-dates", context(finished(review_date=dt.date(2025, 11, 20))))
    assert codes(found) == ["SR319"]
    assert found[0].severity is Severity.WARNING


def earlier_review(cycle: str, **answers: dict[str, str]) -> Review:
    """Oak Primary's review of an earlier ``cycle``, with ``answers`` by statement."""
    responses = finished()["responses"]
    assert isinstance(responses, dict)
    responses.update(answers)
    return Review.model_validate(finished(cycle=cycle, responses=responses))


def test_copied_answers_rule():
    """SR701 at the field: copied while the rating moved, or the same for three cycles."""
    moved = {"rating": "amber", "strengths": "Clear provision map."}
    summer = earlier_review("2026-summer", **{"leadership-1": moved})
    found = run("copied-answers", context(finished(), previous=(summer,)))
    assert [(d.code, d.path, d.severity) for d in found] == [
        ("SR701", "responses.leadership-1.strengths", Severity.WARNING)
    ]
    assert "from 2026-summer while the rating moved from amber to green" in found[0].message
    assert found[0].line == 11  # the line of leadership-1's strengths in the dumped YAML
    # the same words three cycles running: every statement; two cycles: none
    spring = earlier_review("2026-spring")
    same = earlier_review("2026-summer")
    three = run("copied-answers", context(finished(), previous=(same, spring)))
    assert len(three) == len(SCHOOL.statement_ids)
    assert "those of 2026-spring and 2026-summer" in three[0].message
    assert run("copied-answers", context(finished(), previous=(same,))) == []
    # rewritten in between, or another academy's file, or nothing to compare with
    rewritten = {"rating": "amber", "strengths": "A provision map, now clear."}
    other = earlier_review("2026-summer", **{"leadership-1": rewritten})
    found = run("copied-answers", context(finished(), previous=(other, spring)))
    assert "responses.leadership-1.strengths" not in {d.path for d in found}
    assert len(found) == len(SCHOOL.statement_ids) - 1
    elsewhere = summer.model_copy(update={"academy": "elm-primary"})
    assert run("copied-answers", context(finished(), previous=(elsewhere,))) == []
    assert run("copied-answers", context(finished())) == []


def test_copied_answers_rule_ignores_empty_answers():
    blank = {"rating": "amber", "strengths": "  \n"}
    now = finished(responses={"leadership-1": {"rating": "green", "strengths": "  \n"}})
    before = earlier_review("2026-summer", **{"leadership-1": blank})
    assert run("copied-answers", context(now, previous=(before, before))) == []


def test_privacy_rule_places_each_finding_at_its_text():
    responses = finished()["responses"]
    assert isinstance(responses, dict)
    responses["leadership-1"] = {
        "rating": "green",
        "strengths": "Spoke to Mrs Patel; call 01632 960123 or mail jo@example.org.\n"
        "Pupil A123456789012 (DOB 12/03/2015).",
    }
    found = run("privacy", context(finished(responses=responses)))
    assert sorted(codes(found)) == ["SR501", "SR502", "SR503", "SR504", "SR505"]
    assert {d.path for d in found} == {"responses.leadership-1.strengths"}
    assert len({(d.line, d.column) for d in found}) == 5
    assert "Patel" not in " ".join(d.message for d in found)


def test_privacy_paths_use_brackets_for_list_items():
    found = run("privacy", context(finished(completed_by=["SENCO", "jo@example.org"])))
    assert [d.path for d in found] == ["completed_by[1]"]


# ---- the pipeline ---------------------------------------------------------------------------


def test_without_a_framework_only_the_rules_that_need_none_run():
    ctx = context(finished(framework="nothing-like-it"), framework=None)
    ran = {RULE[rule_codes()[d.code]].id for d in run_rules(ctx)}
    assert ran == {"framework"}
    assert {r.id for r in RULES if not r.needs_framework} == {"framework", "privacy"}


def test_a_part_already_reported_is_not_reported_again():
    """An unreadable review date is reported once (SR205), not also as missing (SR406)."""
    text = yaml.safe_dump(finished(), sort_keys=False).replace(
        "review_date: 2026-11-20", "review_date: 2026-02-30"
    )
    doc = parse_yaml(text, "oak-primary.yaml")
    review = check_document(doc, FrameworkRegistry.for_repository(None), TRUST)
    assert review is not None
    assert codes(doc.diagnostics) == ["SR205"]


# ---- one location type ----------------------------------------------------------------------


def test_a_rule_on_a_form_places_its_problem_at_a_sheet_and_cell():
    responses = finished()["responses"]
    assert isinstance(responses, dict)
    responses["leadership-3"] = {}
    review = Review.model_validate(finished(responses=responses))
    cells = {
        ("responses", "leadership-3"): Location.in_workbook("f.xlsx", "Leadership of SEND", 8, 1),
        ("responses", "leadership-3", "rating"): Location.in_workbook(
            "f.xlsx", "Leadership of SEND", 8, 3
        ),
    }
    places = WorkbookPlaces("f.xlsx", cells, set())
    found = run("completeness", CheckContext(review, places, SCHOOL))
    assert [(d.code, d.sheet, d.cell, d.path) for d in found] == [
        ("SR401", "Leadership of SEND", "C8", "responses.leadership-3.rating")
    ]
    assert (found[0].line, found[0].column) == (0, 0)
    assert found[0].location() == "f.xlsx"
    assert found[0].headline == "'Leadership of SEND'!C8: leadership-3 is not rated yet."
    assert str(found[0].where) == "f.xlsx: 'Leadership of SEND'!C8"
    flagged = WorkbookPlaces("f.xlsx", cells, {("responses", "leadership-3", "rating")})
    assert run_rules(CheckContext(review, flagged, SCHOOL)) == []


def test_every_problem_has_sheet_and_cell_keys_in_json():
    in_yaml = Diagnostic("a.yaml", 3, 5, "SR401", Severity.ERROR, "m", path="responses.x")
    assert in_yaml.as_dict()["sheet"] is None
    assert in_yaml.as_dict()["cell"] is None
    assert in_yaml.location() == "a.yaml:3:5"
    assert in_yaml.headline == "m"
    in_form = Diagnostic.at(Location.in_workbook("f.xlsx", "Action plan", 5, 28), "SR205",
                            Severity.ERROR, "m")  # fmt: skip
    assert (in_form.as_dict()["sheet"], in_form.as_dict()["cell"]) == ("Action plan", "AB5")
    assert in_form.where.cell_ref == "'Action plan'!AB5"


@pytest.mark.parametrize(
    ("sheet", "shown"),
    [("Leadership", "Leadership!C7"), ("Tom's sheet", "'Tom''s sheet'!C7")],
)
def test_a_cell_is_written_as_excel_takes_it(sheet: str, shown: str):
    assert Location.in_workbook("f.xlsx", sheet, 7, 3).cell_ref == shown


def test_the_trust_view_writes_a_problem_as_validate_does(example_repo):
    """The trust view carries Diagnostics, so ``aggregate --format json`` and ``validate
    --format json`` write a problem in one shape."""
    replace_once(
        example_repo / "reviews/2026-autumn/castlegate-academy.yaml",
        "rating: amber",
        "rating: gren",
    )
    view = aggregate(example_repo, "2026-autumn")
    assert [d.code for d in view.problems] == ["SR312"]
    written = view.model_dump(mode="json")["problems"]
    assert written == [view.problems[0].as_dict()]
