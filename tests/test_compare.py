"""``sendreview compare`` and the arrows of ``aggregate``: the JSON and CSV shapes, the summary
a director reads, the cycles it chooses, its refusals, and files it will not overwrite.

The trust is tests/historytools.py's: its pattern is pinned in tests/test_history.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conftest import EXAMPLE
from historytools import STATEMENTS, write_trust


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_trust(tmp_path_factory.mktemp("rowan"))


def test_json_is_the_issues_shape(cli, root):
    data = cli.json_ok("compare", root, "--format", "json")
    assert (data["from"], data["to"]) == ("2026-summer", "2026-autumn")  # the two latest
    assert {"academies", "statements", "areas", "actions", "stale"} <= set(data)
    assert data["academies"][0] == {"id": "oak", "name": "Oak Primary Academy", "cycles": "both"}
    statement = data["statements"][0]
    assert (statement["id"], statement["area"]) == ("voice-1", "voice")
    assert statement["changes"]["oak"] == {"from": "amber", "to": "green", "direction": "up"}
    area = data["areas"][0]
    assert area["scores"]["ash"] == {"from": 0.5, "to": 1.0}
    assert area["trust"] == {"from": 0.75, "to": 0.8}
    action = data["actions"][0]
    assert set(action) >= {
        "academy", "area", "action", "status", "due", "carried_from", "cycles_carried",
    }  # fmt: skip
    assert (action["due"], action["carried_from"], action["cycles_carried"]) == (
        "2026-03-10",
        "2026-spring",
        2,
    )
    assert data["stale"][0] == {
        "academy": "oak",
        "statement": "voice-1",
        "field": "strengths",
        "since": "2026-summer",
        "rating_moved": True,
    }


def test_from_and_to_choose_the_cycles(cli, root):
    data = cli.json_ok(
        "compare", root, "--from", "2026-spring", "--to", "2026-autumn", "-f", "json"
    )
    assert (data["from"], data["to"]) == ("2026-spring", "2026-autumn")
    data = cli.json_ok("compare", root, "--to", "2026-summer", "-f", "json")
    assert (data["from"], data["to"]) == ("2026-spring", "2026-summer")


def test_csv_one_tidy_row_per_academy_and_statement(cli, root):
    result = cli("compare", root, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert list(rows[0])[:7] == [
        "academy", "academy_name", "area", "statement", "from", "to", "direction",
    ]  # fmt: skip
    assert len(rows) == 4 * len(STATEMENTS)
    oak = {r["statement"]: r["direction"] for r in rows if r["academy"] == "oak"}
    assert oak == {"voice-1": "up", "voice-2": "down", "teaching-1": "same", "teaching-2": "new"}
    gone = next(r for r in rows if (r["academy"], r["statement"]) == ("ash", "voice-1"))
    assert (gone["from"], gone["to"], gone["direction"]) == ("red", "", "gone")


def test_the_terminal_summary_reads_in_words(cli, root):
    result = cli("compare", root, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Rowan Learning Trust: what moved from Summer 2026 to Autumn 2026" in out
    assert "Teaching      50% → 58%  ↑ 8 points" in out
    assert "Most improved: Ash Secondary Academy (↑ 29 points)." in out
    assert "Most declined: Oak Primary Academy (↓ 17 points)." in out
    assert "↓ down: Oak Primary Academy, voice-2 (green → amber)" in out
    assert "New this cycle: 1" in out and "Resolved since last cycle: 1" in out
    assert "1 done, 2 carried forward unfinished (1 carried twice or more), 1 dropped, 1 new" in out
    assert "1 action of 2026-autumn overdue at the review date." in out
    assert "Carried twice: Oak Primary Academy, Pupil voice, promised in 2026-spring" in out
    assert "Dropped: Oak Primary Academy, Pupil voice: Set up a parent forum." in out
    assert "Ash Secondary Academy, teaching-2 areas for development: the same words since " in out
    assert "Academies reviewed only in 2026-summer: Yew Primary Academy." in out


def test_aggregate_shows_how_each_area_score_moved(cli, root):
    result = cli("aggregate", root, "--cycle", "2026-autumn", env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "↓ 25 points" in result.stdout  # Oak's teaching: 50% -> 25%
    assert "↑ 50 points" in result.stdout  # Ash's pupil voice: 50% -> 100%
    assert "how a score moved since 2026-summer" in result.stdout
    first = cli("aggregate", root, "--cycle", "2026-spring", env={"COLUMNS": "120"})
    assert first.exit_code == 0, first.output
    assert "points" not in first.stdout.split("Ratings by area")[1].split("Trust-wide")[0]


def test_aggregate_json_is_unchanged_by_history(cli, root):
    data = cli.json_ok("aggregate", root, "--cycle", "2026-autumn", "--format", "json")
    assert data["cycle"] == "2026-autumn"
    assert "comparison" not in data


@pytest.mark.parametrize(
    ("args", "message", "hint"),
    [
        (
            ["--to", "2026-autum"],
            "There are no reviews for cycle '2026-autum'.",
            "Did you mean '2026-autumn'?",
        ),
        (
            ["--from", "2026-autumn", "--to", "2026-spring"],
            "--from 2026-autumn comes after --to 2026-spring.",
            "Swap them: --from 2026-spring --to 2026-autumn.",
        ),
        (["--from", "2026-summer", "--to", "2026-summer"], "both 2026-summer", "two different"),
        (["--to", "2026-spring"], "2026-spring is the first cycle", "--to"),
    ],
)
def test_clear_errors(cli, root, args, message, hint):
    result = cli("compare", root, *args)
    assert result.exit_code == 2
    assert message in result.stderr and hint in result.stderr
    assert "Traceback" not in result.output


def test_one_cycle_only_is_nothing_to_compare_yet(cli, tmp_path):
    one = write_trust(tmp_path / "one", cycles=("2026-autumn",))
    result = cli("compare", one)
    assert result.exit_code == 2
    assert "one cycle, 2026-autumn, so there is nothing to compare yet" in result.stderr


def test_output_file_is_never_overwritten_without_force(cli, root, tmp_path):
    target = tmp_path / "moved.json"
    target.write_text("my notes", encoding="utf-8")
    refused = cli("compare", root, "-o", target)
    assert refused.exit_code == 2, refused.output
    assert target.read_text(encoding="utf-8") == "my notes"
    assert cli("compare", root, "-o", target, "--force").exit_code == 0
    assert '"from": "2026-summer"' in target.read_text(encoding="utf-8")  # json, from the name


def test_the_terminal_summary_is_not_written_to_a_file(cli, root, tmp_path):
    result = cli("compare", root, "--format", "text", "-o", tmp_path / "moved.txt")
    assert result.exit_code == 2
    assert "cannot be written to a file" in result.stderr
    # Every file compare writes is offered, the documents as well as the data.
    assert "Name a .json, .csv, .md or .html file with -o" in " ".join(result.stderr.split())


PINNED_CSV_COLUMNS = [
    "academy", "academy_name", "area", "statement", "from", "to", "direction",
    "from_cycle", "to_cycle", "statement_in",
]  # fmt: skip


def test_the_csv_columns_are_pinned_and_documented(cli, root):
    from conftest import ROOT
    from sendreview.render.comparison_data import CSV_COLUMNS

    result = cli("compare", root, "--format", "csv")
    assert result.stdout.removeprefix("\ufeff").splitlines()[0] == ",".join(PINNED_CSV_COLUMNS)
    assert CSV_COLUMNS == PINNED_CSV_COLUMNS
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### What moved since last cycle", 1)[1].split("\n## ", 1)[0]
    assert "`" + ", ".join(PINNED_CSV_COLUMNS) + "`" in " ".join(section.split())


def test_a_long_list_stops_with_how_many_more(tmp_path):
    """A large trust's summary still reads in a minute: the JSON holds every line."""
    from rich.console import Console

    from sendreview.history.compare import compare_views
    from sendreview.model.comparison import StaleText
    from sendreview.render.comparison_text import LISTED, print_comparison
    from sendreview.trust_view.aggregate import aggregate

    root = write_trust(tmp_path / "rowan")
    c = compare_views(aggregate(root, "2026-summer"), aggregate(root, "2026-autumn"))
    many = StaleText(academy="oak", statement="voice-2", field="strengths", since="2026-summer")
    c = c.model_copy(update={"stale": [many] * (LISTED + 3)})
    out = io.StringIO()
    print_comparison(c, Console(file=out, width=120))
    assert out.getvalue().count("oak, voice-2") == 0  # names, not ids
    assert out.getvalue().count("Oak Primary Academy, voice-2 strengths") == LISTED
    assert "…and 3 more: --format json lists every one." in out.getvalue()


def test_a_cycle_of_the_trusts_own_naming_takes_its_place_in_time(cli, tmp_path):
    """'pilot' began in January 2026, before the spring term's cycle: by name it would sort
    after it, by time it comes first, so it is the earlier of the two."""
    root = write_trust(tmp_path / "rowan", cycles=("2026-spring", "2026-summer"))
    trust = root / "sendreview.yaml"
    trust.write_text(
        trust.read_text(encoding="utf-8") + "cycles:\n  pilot:\n    start: 2025-09-01\n",
        encoding="utf-8",
    )
    (root / "reviews" / "2026-summer").rename(root / "reviews" / "pilot")
    for review in (root / "reviews" / "pilot").iterdir():
        text = review.read_text(encoding="utf-8").replace("2026-summer", "pilot")
        review.write_text(text.replace("2026-06-16", "2025-10-01"), encoding="utf-8")
    data = cli.json_ok("compare", root, "-f", "json")
    assert (data["from"], data["to"]) == ("pilot", "2026-spring")
    refused = cli("compare", root, "--from", "2026-spring", "--to", "pilot")
    assert "--from 2026-spring comes after --to pilot." in refused.stderr


def test_a_cycle_that_cannot_be_placed_in_time_is_refused(cli, tmp_path):
    """'pilot' has no start in the trust file: it sorts last only so that a list has an
    order, so taking it for the latest cycle would compare autumn with a guess."""
    root = write_trust(tmp_path / "rowan")
    (root / "reviews" / "2026-spring").rename(root / "reviews" / "pilot")
    for review in (root / "reviews" / "pilot").iterdir():
        text = review.read_text(encoding="utf-8").replace("cycle: 2026-spring", "cycle: pilot")
        review.write_text(text, encoding="utf-8")
    for asked in ([], ["--to", "pilot"], ["--from", "pilot", "--to", "2026-autumn"]):
        refused = cli("compare", root, *asked)
        assert refused.exit_code == 2, asked
        assert "The cycle 'pilot' cannot be placed in time" in refused.stderr
        assert "add 'cycles: {pilot: {start: " in refused.stderr
        assert ("choose two other cycles with --from and --to" in refused.stderr) == (not asked)
        assert "Traceback" not in refused.stderr
    data = cli.json_ok(
        "compare", root, "--from", "2026-summer", "--to", "2026-autumn", "-f", "json"
    )
    assert (data["from"], data["to"]) == ("2026-summer", "2026-autumn")


def test_a_review_with_errors_is_named_beside_the_figures(cli, tmp_path):
    """Oak's summer review cannot be read: its ratings count as not rated, which moves the
    trust's scores as a real change would, so every view says which review it was."""
    root = write_trust(tmp_path / "rowan")
    (root / "reviews" / "2026-summer" / "oak.yaml").write_text("responses: [\n", encoding="utf-8")
    data = cli.json_ok("compare", root, "-f", "json")
    assert data["invalid"] == [
        {"academy": "oak", "cycle": "2026-summer", "file": data["invalid"][0]["file"]}
    ]
    assert data["invalid"][0]["file"].endswith("oak.yaml")
    note = "Oak Primary Academy's review of 2026-summer has errors"
    assert note in " ".join(cli("compare", root).stdout.split())
    for suffix in ("md", "html"):
        cli("compare", root, "-o", tmp_path / f"moved.{suffix}")
        assert note.replace("'", "&#39;" if suffix == "html" else "'") in " ".join(
            (tmp_path / f"moved.{suffix}").read_text(encoding="utf-8").split()
        )
    whole = write_trust(tmp_path / "whole")
    assert cli.json_ok("compare", whole, "-f", "json")["invalid"] == []
    assert "has errors" not in cli("compare", whole).stdout


def test_a_statement_marked_not_applicable_in_both_cycles_says_so(cli, tmp_path):
    """Willowmere (a special school: every learner arrives with an EHC plan) marks
    identification-1 not applicable in summer and autumn. "not rated" would read as an
    answer it has still to write."""
    data = cli.json_ok("compare", EXAMPLE, "-f", "json")
    statement = next(s for s in data["statements"] if s["id"] == "identification-1")
    assert statement["not_applicable"] == {"willowmere-school": ["from", "to"]}
    assert statement["changes"]["willowmere-school"] == {
        "from": None,
        "to": None,
        "direction": "same",
    }
    cli("compare", EXAMPLE, "-o", tmp_path / "moved.html")
    page = (tmp_path / "moved.html").read_text(encoding="utf-8")
    assert '<span class="mvw">n/a</span><span class="vh">: not applicable in either cycle' in page
    assert '<span class="mvw">not rated</span>' not in page


def test_a_report_of_a_cycle_that_cannot_be_placed_in_time_shows_no_past(cli, tmp_path):
    """The report of 'pilot' (no start in the trust file) has no "Since last review" or
    "Trend": which cycles came before it is not known, so none is shown as its past."""
    root = write_trust(tmp_path / "rowan")
    (root / "reviews" / "2026-autumn").rename(root / "reviews" / "pilot")
    for review in (root / "reviews" / "pilot").iterdir():
        text = review.read_text(encoding="utf-8").replace("cycle: 2026-autumn", "cycle: pilot")
        review.write_text(text, encoding="utf-8")
    for cycle, past in (("pilot", False), ("2026-summer", True)):
        target = tmp_path / f"{cycle}.md"
        result = cli("report", root, "--cycle", cycle, "-o", target)
        assert result.exit_code in (0, 1), result.stderr
        page = target.read_text(encoding="utf-8")
        assert ("## Since last review" in page) == past, cycle
    assert "## Trend" not in (tmp_path / "pilot.md").read_text(encoding="utf-8")


def test_a_new_cycle_nobody_has_rated_resolves_no_priority(cli, example_repo, tmp_path):
    """Straight after 'new', every statement of the new cycle is blank: last cycle's
    priorities are 'not yet rated', never 'resolved'; once rated they can be resolved."""
    assert cli("new", example_repo, "--cycle", "2027-spring").exit_code == 0
    data = cli.json_ok("compare", example_repo, "-f", "json")
    assert data["to"] == "2027-spring"
    states = {p["state"] for p in data["priorities"]}
    assert states == {"unrated"}
    summary = " ".join(cli("compare", example_repo).stdout.split())
    assert "Resolved since last cycle: none" in summary
    # Autumn's 11 priorities count its moderators' ratings; by the academies' own, 9.
    assert "Not yet rated this cycle: 11" in summary
    own = " ".join(cli("compare", example_repo, "--ratings", "self").stdout.split())
    assert "Not yet rated this cycle: 9" in own
    cli("compare", example_repo, "-o", tmp_path / "moved.md")
    document = (tmp_path / "moved.md").read_text(encoding="utf-8")
    assert "**Not yet rated in Spring 2027**" in document
    assert "**Resolved**" not in document


def test_a_moderation_in_one_cycle_only_is_named_beside_the_movement(cli):
    """The example's autumn is moderated and its summer is not: Castlegate's fall of 15 points
    is mostly its moderator's view, so every comparison says whose ratings moved it."""
    data = cli.json_ok("compare", EXAMPLE, "-f", "json")
    assert data["moderation_changed"] == ["alder-brook-primary", "castlegate-academy"]
    result = cli("compare", EXAMPLE, env={"COLUMNS": "200"})
    assert "Castlegate Academy have a moderator's ratings counted in only one" in result.stdout
    own = cli.json_ok("compare", EXAMPLE, "-f", "json", "--ratings", "self")
    assert own["moderation_changed"] == []  # the academies' own ratings in both cycles
    earlier = cli.json_ok("compare", EXAMPLE, "--from", "2026-spring", "--to", "2026-summer",
                          "-f", "json")  # fmt: skip
    assert earlier["moderation_changed"] == []  # neither cycle moderated


def test_cycle_names_the_later_cycle_as_every_other_command_takes_it(cli):
    """'compare --cycle C' is C against the cycle before, as '--to C' is."""
    data = cli.json_ok("compare", EXAMPLE, "--cycle", "2026-summer", "-f", "json")
    assert (data["from"], data["to"]) == ("2026-spring", "2026-summer")
