"""Moderation in the trust view, on a small trust built here: which ratings count, the
agreement figures in JSON, CSV and the terminal, problems of moderation files, and
``--ratings`` passed through to every cycle that ``compare`` and ``report`` read.

Oak Primary rates every statement green; its external reviewer rates fourteen statements and
four of them (leadership-1 to -4) amber. Elm Academy rates every statement amber; a peer SENCO
from Oak rates three statements, one of them (teaching-1) green.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Cli, fill, validate_json

CYCLE = "2026-autumn"
OAK, ELM = "oak-primary", "elm-academy"
LOWERED = [f"leadership-{n}" for n in range(1, 5)]
OAK_MODERATED = {f"leadership-{n}": "green" for n in range(1, 8)} | {
    f"teaching-{n}": "green" for n in range(1, 8)
}
OAK_MODERATED |= {s: "amber" for s in LOWERED}
ELM_MODERATED = {"teaching-1": "green", "teaching-2": "amber", "teaching-3": "amber"}


def write_moderation(
    root: Path, academy: str, ratings: dict[str, str], moderator: dict[str, str], cycle: str = CYCLE
) -> Path:
    """A moderator's file as a moderator fills one in: a comment wherever the rating is given."""
    path = root / "reviews" / cycle / "moderation" / f"{academy}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "framework": "school-send-review",
        "framework_version": "1",
        "cycle": cycle,
        "academy": academy,
        "moderator": moderator,
        "date": "2026-11-25",
        "summary": "A careful self-evaluation; see the comments.",
        "responses": {
            s: {"rating": r, "comment": f"Seen in the provision map ({s})."}
            for s, r in ratings.items()
        },
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def make_trust(cli: Cli, root: Path, cycles: tuple[str, ...] = (CYCLE,)) -> Path:
    """Oak all green and Elm all amber in each cycle; moderation in the first cycle only."""
    for cycle in cycles:
        result = cli(
            "new", root, "--trust", "Test Trust", "--cycle", cycle,
            "--academy", "Oak Primary", "--academy", "Elm Academy",
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        for academy, rating in ((OAK, "green"), (ELM, "amber")):
            review = root / "reviews" / cycle / f"{academy}.yaml"
            review.write_text(fill(review.read_text(encoding="utf-8"), rating), encoding="utf-8")
    write_moderation(root, OAK, OAK_MODERATED, {"role": "External reviewer (NLE)"})
    write_moderation(root, ELM, ELM_MODERATED, {"role": "Peer SENCO", "academy": OAK})
    return root


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory, module_cli: Cli) -> Path:
    return make_trust(module_cli, tmp_path_factory.mktemp("moderated") / "trust")


def view_json(cli: Cli, root: Path, *extra: str) -> Any:
    return cli.json_ok("aggregate", root, "--cycle", CYCLE, "--format", "json", *extra)


def statement(data: Any, statement_id: str) -> Any:
    return next(s for s in data["statements"] if s["id"] == statement_id)


def test_the_moderation_files_validate(cli, trust):
    _, problems = validate_json(cli, trust)
    assert [p for p in problems if "/moderation/" in p["file"]] == []


def test_agreement_of_each_academy(cli, trust):
    data = view_json(cli, trust)
    oak = data["moderation"][OAK]
    # 14 compared, 4 rated higher by the academy than by its moderator: generous (4 is at
    # least 2 and at least a tenth of 14). Oak rated everything green, so its own ratings
    # carry no information: kappa = 1 - 4 * 14 / (14 * 4 * 1) = 0.
    assert (oak["statements_moderated"], oak["compared"], oak["agreed"]) == (14, 14, 10)
    assert (oak["higher"], oak["lower"], oak["agreement"]) == (4, 0, 0.714)
    assert (oak["kappa"], oak["kappa_note"], oak["leaning"]) == (0.0, "", "generous")
    assert oak["moderator"] == {"role": "External reviewer (NLE)", "name": None, "academy": None}
    assert oak["date"] == "2026-11-25"
    assert oak["file"].endswith(f"reviews/{CYCLE}/moderation/{OAK}.yaml")
    assert [d["statement"] for d in oak["disagreements"]] == LOWERED
    first = oak["disagreements"][0]
    assert (first["self"], first["moderated"], first["steps"], first["area"]) == (
        "green",
        "amber",
        1,
        "leadership",
    )
    assert first["comment"] == "Seen in the provision map (leadership-1)."
    elm = data["moderation"][ELM]
    assert (elm["compared"], elm["agreed"], elm["lower"], elm["leaning"]) == (3, 2, 1, "balanced")
    assert elm["kappa"] is None
    assert "fewer than 10" in elm["kappa_note"]
    assert elm["moderator"]["academy"] == OAK


def test_the_trust_summary(cli, trust):
    summary = view_json(cli, trust)["moderation_summary"]
    assert (summary["academies"], summary["compared"], summary["agreed"]) == (2, 17, 12)
    assert (summary["higher"], summary["lower"]) == (4, 1)
    # Pooled: own ratings A 3, G 14; the moderators' A 6, G 11; observed disagreement 4 + 1.
    # Expected (times n = 17): 3 * 11 * 1 + 14 * 6 * 1 = 117; kappa = 1 - 5 * 17 / 117.
    assert summary["kappa"] == round(1 - 5 * 17 / 117, 3) == 0.274
    assert summary["leaning"] == "generous"
    assert [s["statement"] for s in summary["statements"]] == [*LOWERED, "teaching-1"]
    assert summary["statements"][-1]["academies"] == [ELM]


def test_moderated_ratings_count_by_default(cli, trust):
    data = view_json(cli, trust)
    assert data["ratings_in_use"] == "moderated"
    row = statement(data, "leadership-1")
    assert row["ratings"] == {OAK: "amber", ELM: "amber"}
    assert row["self_ratings"] == {OAK: "green"}
    assert statement(data, "leadership-5")["self_ratings"] == {}
    assert statement(data, "teaching-1")["ratings"][ELM] == "green"
    # Every figure counts them: Oak's leadership score is (4 amber + 3 green) / 7 on the
    # scale, and the four statements now need action in both academies.
    leadership = next(a for a in data["areas"] if a["id"] == "leadership")
    assert leadership["scores"][OAK] == round((4 * 0.5 + 3 * 1) / 7, 3)
    assert [p["statement"] for p in data["priorities"]] == LOWERED


def test_self_ratings_count_with_ratings_self(cli, trust):
    data = view_json(cli, trust, "--ratings", "self")
    assert data["ratings_in_use"] == "self"
    assert statement(data, "leadership-1")["ratings"] == {OAK: "green", ELM: "amber"}
    assert all(s["self_ratings"] == {} for s in data["statements"])
    leadership = next(a for a in data["areas"] if a["id"] == "leadership")
    assert leadership["scores"][OAK] == 1.0
    assert data["priorities"] == []
    # Agreement is measured all the same.
    assert data["moderation"][OAK]["agreed"] == 10


def test_responses_carry_both_ratings(cli, trust):
    responses = view_json(cli, trust)["responses"]
    by_key = {(r["academy"], r["statement"]): r for r in responses}
    lowered = by_key[(OAK, "leadership-1")]
    assert (lowered["rating"], lowered["self_rating"], lowered["moderated_rating"]) == (
        "amber",
        "green",
        "amber",
    )
    assert lowered["moderated"] is True
    agreed = by_key[(OAK, "leadership-5")]
    assert (agreed["rating"], agreed["self_rating"], agreed["moderated"]) == ("green",) * 2 + (
        True,
    )
    untouched = by_key[(OAK, "identification-1")]
    assert (untouched["self_rating"], untouched["moderated_rating"], untouched["moderated"]) == (
        "green",
        None,
        False,
    )


def test_the_csv_and_the_moderation_table(cli, trust, tmp_path):
    result = cli("aggregate", trust, "--cycle", CYCLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    row = next(r for r in rows if (r["academy_id"], r["statement_id"]) == (OAK, "leadership-2"))
    assert (row["rating"], row["self_rating"], row["moderated_rating"], row["moderated"]) == (
        "amber",
        "green",
        "amber",
        "true",
    )
    folder = tmp_path / "tables"
    result = cli("aggregate", trust, "--cycle", CYCLE, "--format", "csv-tables", "-o", folder)
    assert result.exit_code == 0, result.output
    text = (folder / "moderation.csv").read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == len(OAK_MODERATED) + len(ELM_MODERATED)
    first = table[0]
    assert (first["academy_id"], first["statement_id"], first["self_rating"]) == (
        OAK,
        "leadership-1",
        "green",
    )
    assert (first["moderated_rating"], first["compared"], first["agreed"], first["steps"]) == (
        "amber",
        "true",
        "false",
        "1",
    )
    assert first["moderator_role"] == "External reviewer (NLE)"
    assert first["moderation_date"] == "2026-11-25"
    peer = next(r for r in table if r["academy_id"] == ELM and r["statement_id"] == "teaching-1")
    assert (peer["steps"], peer["moderator_academy"]) == ("-1", OAK)
    ratings = (folder / "ratings.csv").read_text(encoding="utf-8-sig")
    assert "self_rating,moderated_rating,moderated" in ratings.splitlines()[0]


def test_the_terminal_shows_moderation(cli, trust):
    result = cli("aggregate", trust, "--cycle", CYCLE, env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ratings in use: the moderator's where a statement was moderated (2 academies)" in out
    assert "Moderation: each academy's own ratings against its moderator's" in out
    table = [
        line.rstrip() for line in out.split("Moderation: each academy's own", 1)[1].splitlines()
    ]
    # Each academy's figures, with who moderated (and when) under its name.
    at = next(n for n, line in enumerate(table) if line.startswith("Oak Primary"))
    assert table[at].split()[-6:] == ["14", "71%", "4", "0", "0.00", "generous"]
    assert table[at + 1] == "External reviewer (NLE), 25 Nov 2026"
    at = next(n for n, line in enumerate(table) if line.startswith("Elm Academy"))
    assert table[at].split()[-6:] == ["3", "67%", "0", "1", "–", "balanced"]
    assert table[at + 1].startswith("Peer SENCO from Oak Primary, 25 Nov")
    trust_row = next(line for line in table if line.startswith("The trust"))
    assert trust_row.split()[-6:] == ["17", "71%", "4", "1", "0.27", "generous"]
    assert "No kappa (–): too few statements compared for a kappa (fewer than 10)" in out
    assert "• leadership-1, rated differently in 1 of 1 academy: " in out
    selfish = cli("aggregate", trust, "--cycle", CYCLE, "--ratings", "self").stdout
    assert "Ratings in use: each academy's own (--ratings self)" in selfish


def test_nothing_new_in_the_terminal_without_moderation(cli, tmp_path):
    root = make_trust(cli, tmp_path / "trust")
    without = cli("aggregate", root, "--cycle", CYCLE, env={"COLUMNS": "120"}).stdout
    for academy in (OAK, ELM):
        (root / "reviews" / CYCLE / "moderation" / f"{academy}.yaml").unlink()
    (root / "reviews" / CYCLE / "moderation").rmdir()
    plain = cli("aggregate", root, "--cycle", CYCLE, env={"COLUMNS": "120"}).stdout
    assert "Moderation" in without
    assert "Moderation" not in plain
    assert "Ratings in use" not in plain
    data = view_json(cli, root)
    assert (data["moderation"], data["moderation_summary"]) == ({}, None)
    assert all(r["moderated"] is False for r in data["responses"])


def test_problems_of_moderation_files_join_the_view(cli, tmp_path):
    root = make_trust(cli, tmp_path / "trust")
    write_moderation(root, OAK, {"leadership-1": "purple"}, {"role": ""})
    data = view_json(cli, root)
    codes = {p["code"] for p in data["problems"] if "moderation" in p["file"]}
    assert codes and all(code.startswith("SR") for code in codes)
    assert any(code.startswith("SR9") for code in codes), codes
    # Nothing usable was moderated for Oak: its own ratings count.
    assert statement(data, "leadership-1")["ratings"][OAK] == "green"
    out = cli("aggregate", root, "--cycle", CYCLE).stdout
    assert "• Moderation of Oak Primary: " in out


def test_compare_uses_the_same_ratings_in_both_cycles(cli, tmp_path):
    root = make_trust(cli, tmp_path / "trust", cycles=(CYCLE, "2027-spring"))
    moderated = cli.json_ok("compare", root, "--format", "json")
    own = cli.json_ok("compare", root, "--format", "json", "--ratings", "self")

    def change(data: Any) -> Any:
        row = next(s for s in data["statements"] if s["id"] == "leadership-1")
        return row["changes"].get(OAK)

    # Moderated in the autumn only: amber then, Oak's own green now.
    assert change(moderated)["from"] == "amber"
    assert change(moderated)["direction"] == "up"
    assert change(own) is None or change(own)["direction"] == "same"


def test_report_passes_the_choice_on(cli, trust, tmp_path):
    outputs = {}
    for choice in ("moderated", "self"):
        out = tmp_path / f"{choice}.md"
        result = cli("report", trust, "--cycle", CYCLE, "--ratings", choice, "-o", out)
        assert result.exit_code == 0, result.output
        outputs[choice] = out.read_text(encoding="utf-8")
    assert outputs["moderated"] != outputs["self"]


def test_the_json_written_in_pieces_is_the_whole_view(trust):
    """Moderation's keys go through the streamed writer as every other key does."""
    from conftest import whole_view_json
    from sendreview.render import trust_view_json
    from sendreview.trust_view.aggregate import aggregate

    view = aggregate(trust, CYCLE)
    assert view.moderation
    assert view.moderation_summary is not None
    assert trust_view_json.to_json(view) == whole_view_json(view)


def test_the_example_trusts_moderation():
    """Castlegate, moderated by an external reviewer, runs generous; Alder Brook, moderated by
    a peer SENCO from Saltmarsh, is close."""
    from conftest import EXAMPLE
    from sendreview.trust_view.aggregate import aggregate

    view = aggregate(EXAMPLE, CYCLE)
    castlegate = view.moderation["castlegate-academy"]
    # Seven statements a step lower, none higher: 20 of 27 agreed.
    # Own totals R 3, A 19, G 5; the moderator's R 6, A 20, G 1; observed disagreement 7.
    # Expected (times n = 27): R row 3 * (20 * 1 + 1 * 4) = 72; A row 19 * (6 + 1) = 133;
    # G row 5 * (6 * 4 + 20 * 1) = 220; in all 425. kappa = 1 - 7 * 27 / 425 = 0.555.
    assert (castlegate.compared, castlegate.agreed, castlegate.higher, castlegate.lower) == (
        27,
        20,
        7,
        0,
    )
    assert (castlegate.kappa, castlegate.leaning) == (round(1 - 7 * 27 / 425, 3), "generous")
    alder = view.moderation["alder-brook-primary"]
    assert (alder.compared, alder.agreed, alder.higher, alder.lower) == (20, 18, 1, 1)
    assert (alder.agreement, alder.leaning) == (0.9, "balanced")
    assert alder.moderator.academy == "saltmarsh-primary"
    summary = view.moderation_summary
    assert summary is not None
    assert (summary.academies, summary.compared, summary.agreed) == (2, 47, 38)
    assert view.moderation_pairs[0].moderator_academy == "willowmere-school"
    assert view.moderation_pairs[0].academy == "castlegate-academy"
    assert view.problems == []
