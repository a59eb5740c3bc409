"""A new cycle starts from the last one: ``new --cycle`` carries unfinished actions and shows
last cycle's ratings (or, with ``--carry-answers``, its answers), and ``form --from-cycle``
carries the same.

Layers: cli for ``new``, ``form`` and ``validate`` on a copy of the example trust; unit for
:func:`sendreview.repository.carry.carry_forward`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import replace_once
from formtools import ACTION, ALDER, SCHOOL, add_action, edit, run_import
from sendreview.forms.compare import action_key, answers_of
from sendreview.forms.meta import read_meta
from sendreview.forms.opening import read_workbook
from sendreview.forms.reader import read_answers
from sendreview.model import Review
from sendreview.model.review import Action, ActionPlan, Response
from sendreview.repository.carry import carry_forward
from sendreview.source.review_writer import render_review
from test_editor_schemas import CHECK, check

LAST = "2026-autumn"
NEW = "2027-spring"
CASTLEGATE = "castlegate-academy"


def review_at(root: Path, cycle: str, subject: str) -> Review:
    data = yaml.safe_load((root / "reviews" / cycle / f"{subject}.yaml").read_text("utf-8"))
    return Review.model_validate(data)


def actions(review: Review) -> list[tuple[str, Action]]:
    return [(area, a) for area, plan in review.action_plans.items() for a in plan.actions]


def first_promised(review: Review) -> list[str | None]:
    """For each unfinished action, the cycle it was first promised in, as a new cycle
    started from ``review`` must name it."""
    return [a.carried_from or review.cycle for _, a in actions(review) if a.status != "done"]


def new_cycle(cli, root: Path, cycle: str = NEW, *extra: str):
    result = cli("new", root, "--cycle", cycle, *extra)
    assert result.exit_code == 0, result.output + result.stderr
    return result


def test_unfinished_actions_are_carried_with_the_cycle_they_were_promised_in(cli, example_repo):
    before = review_at(example_repo, LAST, CASTLEGATE)
    assert any(a.status == "done" for _, a in actions(before))  # the example has one done
    new_cycle(cli, example_repo)
    after = review_at(example_repo, NEW, CASTLEGATE)
    expected = [
        (area, a.model_copy(update={"carried_from": a.carried_from or LAST}))
        for area, a in actions(before)
        if a.status != "done"
    ]
    # Same area, due date, owner, priority, statements, status; the done one is gone.
    assert actions(after) == expected
    assert after.review_date is None and after.moderated_by is None
    assert not any(r.rating or r.strengths for r in after.responses.values())


def test_what_was_carried_is_said_on_stderr_one_line_per_review(cli, example_repo):
    unfinished = len(first_promised(review_at(example_repo, LAST, CASTLEGATE)))
    result = new_cycle(cli, example_repo)
    lines = result.stderr.splitlines()
    assert f"Castlegate Academy: {unfinished} unfinished actions carried from 2026-autumn." in lines
    assert any(line.startswith("Larkspur Learning Trust: ") for line in lines)
    assert len(lines) == 6  # five academies and the trust
    assert "unfinished actions" not in result.stdout


def test_the_trust_review_is_carried_too(cli, example_repo):
    before = review_at(example_repo, LAST, "trust")
    new_cycle(cli, example_repo)
    after = review_at(example_repo, NEW, "trust")
    unfinished = [a for _, a in actions(before) if a.status != "done"]
    assert unfinished
    assert [a.action for _, a in actions(after)] == [a.action for a in unfinished]
    assert [a.carried_from for _, a in actions(after)] == first_promised(before)
    assert LAST in first_promised(before)


def test_an_action_carried_twice_still_names_the_cycle_that_first_promised_it(cli, example_repo):
    new_cycle(cli, example_repo)
    spring = example_repo / "reviews" / NEW / f"{CASTLEGATE}.yaml"
    # One action is finished in spring; one is new in spring.
    replace_once(spring, "status: in-progress", "status: done")
    replace_once(
        spring,
        "    actions:\n",
        "    actions:\n      - action: Train lunchtime staff in de-escalation.\n"
        "        owner: SENCO\n        due: 2027-06-30\n        priority: low\n"
        "        status: not-started\n",
    )
    expected = first_promised(review_at(example_repo, NEW, CASTLEGATE))
    new_cycle(cli, example_repo, "2027-summer")
    summer = review_at(example_repo, "2027-summer", CASTLEGATE)
    assert [a.carried_from for _, a in actions(summer)] == expected
    assert expected[0] == NEW  # the one promised in spring
    # Those carried into spring, less the one done since, still name their first cycle.
    assert set(expected[1:]) <= {"2026-spring", "2026-summer", LAST} and LAST in expected


def test_last_cycles_rating_is_a_comment_beside_each_statement(cli, example_repo):
    willowmere = example_repo / "reviews" / LAST / "willowmere-school.yaml"
    text = willowmere.read_text("utf-8")
    unrated = re.sub(r"(\n  leadership-1:\n    rating:)[^\n]*", r"\1", text, count=1)
    assert unrated != text
    willowmere.write_text(unrated, "utf-8")
    new_cycle(cli, example_repo)
    text = (example_repo / "reviews" / NEW / "willowmere-school.yaml").read_text("utf-8")
    before = review_at(example_repo, LAST, "willowmere-school")

    def block(statement: str) -> str:
        found = re.search(rf"\n  {statement}:\n((?:    [^\n]*\n)+)", text)
        assert found, statement
        return found.group(1)

    assert "# last cycle: not applicable\n" in block("identification-1")
    assert "last cycle" not in block("leadership-1")  # not rated last cycle
    rating = before.responses["leadership-2"].rating
    assert rating
    lines = block("leadership-2").splitlines()
    # Below the statement's text, above the scale and the empty answer.
    assert lines[-6:-4] == [f"    # last cycle: {rating}", "    # rating: red, amber, green"]
    assert lines[-4] == "    rating:"
    # The answers themselves are not carried: the SENCO writes afresh.
    assert before.responses["leadership-2"].strengths
    assert "strengths:\n" in block("leadership-2")


def test_carry_answers_prefills_last_cycles_answers(cli, example_repo):
    before = review_at(example_repo, LAST, "willowmere-school")
    assert before.review_date is not None
    new_cycle(cli, example_repo, NEW, "--carry-answers")
    path = example_repo / "reviews" / NEW / "willowmere-school.yaml"
    after = review_at(example_repo, NEW, "willowmere-school")
    assert after.responses == before.responses
    assert after.completed_by == before.completed_by
    assert after.review_date is None and after.moderated_by is None
    assert [a.action for _, a in actions(after)] == [
        a.action for _, a in actions(before) if a.status != "done"
    ]
    assert "# last cycle:" not in path.read_text("utf-8")


def test_carry_answers_from_a_cycle_not_yet_filled_in_says_only_the_actions(cli, example_repo):
    """Spring's reviews were started by `new` and nobody has answered them yet: summer's
    start from them carries their unfinished actions, and there are no answers to speak of."""
    unfinished = len(first_promised(review_at(example_repo, LAST, CASTLEGATE)))
    new_cycle(cli, example_repo, NEW)
    result = new_cycle(cli, example_repo, "2027-summer", "--carry-answers")
    lines = result.stderr.splitlines()
    assert f"Castlegate Academy: {unfinished} unfinished actions carried from {NEW}." in lines
    assert not any("answers" in line for line in lines)


def test_carry_answers_needs_an_earlier_cycle(cli, example_repo):
    result = cli("new", example_repo, "--cycle", "2025-summer", "--carry-answers")
    assert result.exit_code == 2
    assert "no cycle before 2025-summer" in result.stderr
    assert not (example_repo / "reviews" / "2025-summer").exists()


def test_an_unreadable_previous_review_starts_blank_and_says_why(cli, example_repo):
    castlegate = example_repo / "reviews" / LAST / f"{CASTLEGATE}.yaml"
    castlegate.write_text(castlegate.read_text("utf-8").replace("  ", "\t", 1), "utf-8")
    result = new_cycle(cli, example_repo)
    assert "Traceback" not in result.output
    line = next(x for x in result.stderr.splitlines() if x.startswith("Castlegate Academy"))
    assert "starts blank" in line
    assert "reviews/2026-autumn/castlegate-academy.yaml cannot be read (line" in line
    assert "sendreview validate" in line
    assert actions(review_at(example_repo, NEW, CASTLEGATE)) == []
    # The others are carried as usual.
    assert actions(review_at(example_repo, NEW, ALDER))


def test_an_existing_review_of_the_new_cycle_is_kept(cli, example_repo):
    target = example_repo / "reviews" / NEW / f"{CASTLEGATE}.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("# started by hand\n", "utf-8")
    result = new_cycle(cli, example_repo)
    assert target.read_text("utf-8") == "# started by hand\n"
    assert "kept   " in result.stdout
    assert not any(x.startswith("Castlegate Academy") for x in result.stderr.splitlines())


@pytest.mark.parametrize("extra", [(), ("--carry-answers",)])
def test_the_carried_reviews_validate(cli, example_repo, extra):
    new_cycle(cli, example_repo, NEW, *extra)
    result = cli("validate", example_repo, "--allow-incomplete", "--format", "json")
    assert result.exit_code == 0, result.stdout
    codes = {p["code"] for p in json.loads(result.stdout)}
    # Unrated statements are left to do, unless the answers were carried.
    assert ("SR401" in codes) is not bool(extra), codes


@pytest.mark.skipif(CHECK is None, reason="check-jsonschema is not installed")
@pytest.mark.parametrize("extra", [(), ("--carry-answers",)])
def test_the_carried_reviews_pass_the_editor_schemas(cli, example_repo, extra):
    new_cycle(cli, example_repo, NEW, *extra)
    code, output = check(sorted((example_repo / "reviews" / NEW).glob("*.yaml")))
    assert code == 0, output


def form_review(cli, root: Path, academy: str, out: Path) -> tuple[Review, str]:
    result = cli(
        "form", root, "--cycle", NEW, "--from-cycle", LAST, "--academy", academy, "-o", out
    )
    assert result.exit_code == 0, result.output + result.stderr
    path = out / f"{academy}-{NEW}.xlsx"
    grids = read_workbook(path, path.name)
    return read_answers(grids, read_meta(grids, path.name), SCHOOL, path.name).review, result.stdout


def as_read(review: Review) -> list[tuple[str, tuple[object, ...]]]:
    """The actions as a reader sees them (a form has no column for the cycle carried from)."""
    return [(area, action_key(a)) for area, a in actions(review)]


def test_form_from_cycle_carries_what_new_carries(cli, example_repo, tmp_path):
    form, _ = form_review(cli, example_repo, CASTLEGATE, tmp_path / "forms")
    new_cycle(cli, example_repo, NEW, "--carry-answers")
    made = review_at(example_repo, NEW, CASTLEGATE)
    assert as_read(form) == as_read(made)
    # Answers, summaries and who completed it, as a reader sees them: all the same.
    assert answers_of(form) == answers_of(made)
    assert not any(a.status == "done" for _, a in actions(form))


def test_form_from_cycle_after_new_still_carries_the_answers(cli, example_repo, tmp_path):
    """The review 'new' wrote holds carried actions, not answers: the form still starts from
    last cycle's answers, rather than keeping the new review's."""
    new_cycle(cli, example_repo)
    form, stdout = form_review(cli, example_repo, ALDER, tmp_path / "forms")
    assert "carried forward from" in stdout
    before = review_at(example_repo, LAST, ALDER)
    assert form.responses["leadership-4"].rating == before.responses["leadership-4"].rating
    # Once this cycle's review has answers of its own, the form keeps them.
    spring = example_repo / "reviews" / NEW / f"{ALDER}.yaml"
    own = "  leadership-1:\n    strengths: Written in spring.\n"
    replace_once(spring, "  leadership-1:\n", own)
    _, stdout = form_review(cli, example_repo, ALDER, tmp_path / "again")
    assert "pre-filled from" in stdout


def test_carry_forward_unit():
    previous = Review(
        framework=SCHOOL.id,
        cycle="2026-summer",
        academy="oak",
        review_date="2026-06-18",
        moderated_by="Trust Director of SEND",
        completed_by=["SENCO"],
        responses={
            "leadership-1": Response(rating="amber", strengths="Some."),
            "leadership-2": Response(not_applicable="No governors meet."),
            "gone-1": Response(rating="red"),
        },
        action_plans={
            "leadership": ActionPlan(
                summary="Vision first.",
                actions=[
                    Action(action="A", status="done"),
                    Action(action="B", status="in-progress", carried_from="2026-spring"),
                    Action(action="C"),
                ],
            ),
            "no-such-area": ActionPlan(actions=[Action(action="D")]),
        },
    )
    fresh = carry_forward(previous, NEW, SCHOOL, answers=False)
    assert [(a.action, a.carried_from) for _, a in actions(fresh.review)] == [
        ("B", "2026-spring"),
        ("C", "2026-summer"),
    ]
    assert (fresh.actions, fresh.left_out) == (2, 1)
    assert fresh.last_cycle == {"leadership-1": "amber", "leadership-2": "not applicable"}
    assert fresh.review.responses == {} and fresh.review.action_plans["leadership"].summary == ""
    kept = carry_forward(previous, NEW, SCHOOL, answers=True)
    assert set(kept.review.responses) == {"leadership-1", "leadership-2"}
    assert kept.review.action_plans["leadership"].summary == "Vision first."
    assert kept.review.review_date is None and kept.review.moderated_by is None
    assert kept.review.completed_by == ["SENCO"] and kept.last_cycle == {}
    assert previous.action_plans["leadership"].actions[2].carried_from is None  # not changed


def test_an_imported_form_keeps_where_carried_actions_came_from(cli, example_repo, tmp_path):
    """new, then a form carried forward, an action's status changed in it, then import: every
    action still names the cycle it was first promised in, the changed one too."""
    new_cycle(cli, example_repo)
    expected = first_promised(review_at(example_repo, LAST, ALDER))
    out = tmp_path / "forms"
    form_review(cli, example_repo, ALDER, out)
    form = out / f"{ALDER}-{NEW}.xlsx"

    def finish_first(workbook) -> None:
        sheet = workbook["Action plan"]
        header = next(r for r in range(1, 40) if sheet.cell(r, ACTION["action"]).value == "Action")
        sheet.cell(header + 1, ACTION["status"]).value = "Done"
        sheet.cell(header + 2, ACTION["due"]).value = dt.datetime(2027, 3, 19)

    edit(form, finish_first)
    result = run_import(cli, form, example_repo, "--cycle", NEW, "--allow-incomplete")
    assert result.exit_code == 0, result.output + result.stderr
    after = review_at(example_repo, NEW, ALDER)
    assert [a.status for _, a in actions(after)][0] == "done"
    assert [a.carried_from for _, a in actions(after)] == expected


def test_a_last_cycle_comment_stays_one_comment_line_whatever_it_holds():
    """The writer's own guard: a comment is one line, with nothing a YAML file refuses."""
    review = Review(framework=SCHOOL.id, cycle=NEW, academy="oak")
    odd = "amber\nrating: red \x07"
    text = render_review(review, SCHOOL, last_cycle={"leadership-1": odd})
    line = next(x for x in text.splitlines() if "last cycle" in x)
    assert line == "    # last cycle: amber rating: red \\u0007"
    assert yaml.safe_load(text)["responses"]["leadership-1"]["rating"] is None


def test_a_form_carried_forward_into_a_new_file_keeps_where_actions_came_from(
    cli, example_repo, tmp_path
):
    """Without 'new' first, the import writes the review afresh: the actions the form
    carried still name the cycle they were first promised in."""
    out = tmp_path / "forms"
    form_review(cli, example_repo, CASTLEGATE, out)
    form = out / f"{CASTLEGATE}-{NEW}.xlsx"
    edit(form, lambda wb: add_action(wb, area="Leadership of SEND", action="A new promise."))
    result = run_import(cli, form, example_repo, "--cycle", NEW, "--allow-incomplete")
    assert result.exit_code == 0, result.output + result.stderr
    after = actions(review_at(example_repo, NEW, CASTLEGATE))
    expected = first_promised(review_at(example_repo, LAST, CASTLEGATE))
    assert [a.carried_from for _, a in after if a.action != "A new promise."] == expected
    assert [a.carried_from for _, a in after if a.action == "A new promise."] == [None]
