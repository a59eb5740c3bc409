"""``sendreview moderate``: the blank moderation file it writes beside an academy's review,
and what it refuses.

Layer: cli (every test runs the command through the runner).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from conftest import EXAMPLE, digest, validate_json
from sendreview.repository.layout import Repository
from sendreview.repository.moderation import load_moderations

CYCLE = "2026-autumn"
WILLOWMERE = Path(f"reviews/{CYCLE}/moderation/willowmere-school.yaml")
CASTLEGATE = Path(f"reviews/{CYCLE}/moderation/castlegate-academy.yaml")


def _moderate(cli, root: Path, *extra: str):
    return cli("moderate", root, "--cycle", CYCLE, *extra)


def test_the_file_shows_the_academys_answers_above_blank_ratings(cli, example_repo):
    result = _moderate(
        cli, example_repo, "--academy", "willowmere-school", "--by", "External reviewer (NLE)"
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # what was written is said on stderr
    assert f"wrote {WILLOWMERE.as_posix()}" in result.stderr.replace(str(example_repo) + "/", "")
    assert "27 statements of Willowmere School's review" in result.stderr
    text = (example_repo / WILLOWMERE).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == (
        "# yaml-language-server: $schema=../../../schemas/school-send-review.moderation.schema.json"
    )
    assert "# Moderation of Willowmere School's School SEND Review, cycle 2026-autumn." in text
    data = yaml.safe_load(text)
    assert data["moderator"] == {"role": "External reviewer (NLE)", "name": None, "academy": None}
    assert (data["academy"], data["cycle"], data["date"]) == ("willowmere-school", CYCLE, None)
    review = yaml.safe_load(
        (example_repo / f"reviews/{CYCLE}/willowmere-school.yaml").read_text(encoding="utf-8")
    )
    assert list(data["responses"]) == list(review["responses"])  # every statement, in order
    assert all(r == {"rating": None, "comment": None} for r in data["responses"].values())
    # Each statement: its text, the academy's rating and words, then the blanks.
    at = lines.index("  leadership-1:")
    block = lines[at : lines.index("  leadership-2:")]
    rating = review["responses"]["leadership-1"]["rating"]
    assert f"    # Academy's rating: {rating.capitalize()}" in block
    strengths = " ".join(review["responses"]["leadership-1"]["strengths"].split())
    written = " ".join(
        line.removeprefix("    #").strip()
        for line in block
        if line.startswith("    # ") or line.startswith("    #   ")
    )
    assert f"Academy's strengths: {strengths}" in written
    assert block[-3:] == ["    # rating: red, amber, green", "    rating:", "    comment:"]


def test_a_scaffold_is_unfinished_until_filled_in(cli, example_repo):
    assert _moderate(cli, example_repo, "--academy", "willowmere-school").exit_code == 0
    code, found = validate_json(cli, example_repo / WILLOWMERE)
    assert code == 1
    assert sorted(p["code"] for p in found) == ["SR903", "SR908", "SR911"]
    code, found = validate_json(cli, example_repo / WILLOWMERE, "--allow-incomplete")
    assert code == 0


def test_a_peer_senco_and_a_name(cli, example_repo):
    result = _moderate(
        cli,
        example_repo,
        "--academy",
        "Willowmere School",  # by name, as the trust file writes it
        "--by",
        "Peer SENCO",
        "--name",
        "A. Reviewer",
        "--peer-academy",
        "fernhill-all-through",
    )
    assert result.exit_code == 0, result.stderr
    data = yaml.safe_load((example_repo / WILLOWMERE).read_text(encoding="utf-8"))
    assert data["moderator"] == {
        "role": "Peer SENCO",
        "name": "A. Reviewer",
        "academy": "fernhill-all-through",
    }


def test_an_existing_file_is_replaced_only_with_force(cli, example_repo):
    before = digest(example_repo)
    result = _moderate(cli, example_repo, "--academy", "castlegate-academy")
    assert result.exit_code == 2
    assert "already there" in result.stderr and "--force" in result.stderr
    assert digest(example_repo) == before
    result = _moderate(cli, example_repo, "--academy", "castlegate-academy", "--force")
    assert result.exit_code == 0, result.stderr
    assert "replaced" in result.stderr
    assert "rating: red\n" not in (example_repo / CASTLEGATE).read_text(encoding="utf-8")


def test_an_unknown_academy_is_refused_with_a_suggestion(cli, example_repo):
    before = digest(example_repo)
    result = _moderate(cli, example_repo, "--academy", "castlegate-acadmy")
    assert result.exit_code == 2
    assert "'castlegate-acadmy' is not an academy in sendreview.yaml" in result.stderr
    assert "Did you mean 'castlegate-academy'?" in result.stderr
    assert digest(example_repo) == before


def test_an_academy_with_no_review_is_refused_with_the_command_that_makes_one(cli, example_repo):
    (example_repo / f"reviews/{CYCLE}/willowmere-school.yaml").unlink()
    result = _moderate(cli, example_repo, "--academy", "willowmere-school")
    assert result.exit_code == 2
    assert "Willowmere School has no review for cycle 2026-autumn to moderate" in result.stderr
    assert "sendreview new --cycle 2026-autumn" in result.stderr
    assert not (example_repo / WILLOWMERE).exists()


def test_an_unreadable_review_is_refused(cli, example_repo):
    (example_repo / f"reviews/{CYCLE}/willowmere-school.yaml").write_text("- a list\n")
    result = _moderate(cli, example_repo, "--academy", "willowmere-school")
    assert result.exit_code == 2 and "cannot be read" in result.stderr
    assert "Traceback" not in result.output


def test_a_peer_from_the_academy_itself_or_nowhere_is_refused(cli, example_repo):
    result = _moderate(
        cli, example_repo, "--academy", "willowmere-school", "--peer-academy", "willowmere-school"
    )
    assert result.exit_code == 2 and "the academy being moderated" in result.stderr
    result = _moderate(
        cli, example_repo, "--academy", "willowmere-school", "--peer-academy", "saltmarsh"
    )
    assert result.exit_code == 2 and "Did you mean 'saltmarsh-primary'?" in result.stderr
    assert not (example_repo / WILLOWMERE).exists()


def test_an_unknown_cycle_is_refused(cli, example_repo):
    result = cli(
        "moderate", example_repo, "--cycle", "2026-autum", "--academy", "willowmere-school"
    )
    assert result.exit_code == 2 and "Did you mean '2026-autumn'?" in result.stderr


def test_hostile_text_in_the_review_stays_a_comment(cli, example_repo):
    """An academy's words that would end a comment or hide a character stay inside it."""
    review = example_repo / f"reviews/{CYCLE}/willowmere-school.yaml"
    lines = review.read_text(encoding="utf-8").splitlines()
    at = lines.index("    strengths: |", lines.index("  leadership-1:"))
    end = at + 1
    while lines[end].startswith("      "):
        end += 1
    lines[at:end] = ['    strengths: "Line one\\nrating: green \\u202e\\u001b[2J"']
    review.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _moderate(cli, example_repo, "--academy", "willowmere-school").exit_code == 0
    written = (example_repo / WILLOWMERE).read_text(encoding="utf-8")
    data = yaml.safe_load(written)
    assert data["responses"]["leadership-1"] == {"rating": None, "comment": None}
    assert "\x1b" not in written and "\u202e" not in written
    assert "# Academy's strengths: Line one rating: green \\u202e\\x1b[2J" in written


def test_the_example_moderations_are_what_moderate_writes_filled_in(cli, tmp_path):
    """Every line of the example's files that is not filled in by the moderator is as
    ``moderate`` writes it today, so the example shows what a moderator gets."""
    repo = tmp_path / "larkspur-trust"
    shutil.copytree(EXAMPLE, repo)
    for academy, extra in (
        ("castlegate-academy", ["--by", "External reviewer (NLE)"]),
        ("alder-brook-primary", ["--by", "Peer SENCO", "--peer-academy", "saltmarsh-primary"]),
    ):
        result = _moderate(cli, repo, "--academy", academy, "--force", *extra)
        assert result.exit_code == 0, result.stderr
        fresh = (repo / f"reviews/{CYCLE}/moderation/{academy}.yaml").read_text("utf-8")
        shipped = (EXAMPLE / f"reviews/{CYCLE}/moderation/{academy}.yaml").read_text("utf-8")
        comments = [line for line in fresh.splitlines() if line.lstrip().startswith("#")]
        assert comments == [line for line in shipped.splitlines() if line.lstrip().startswith("#")]
    loaded = load_moderations(Repository(repo), CYCLE, Repository(repo).load_trust())
    assert all(entry.moderation is not None for entry in loaded.values())
