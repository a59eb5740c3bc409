"""Agreement between academies and their moderators, pinned on a pattern worked by hand.

The scale is the school review's: red (0) < amber (1) < green (2).
"""

from __future__ import annotations

import pytest

from sendreview.model.moderation import ModeratedResponse, Moderation, Moderator
from sendreview.model.trust_view import PeerPair, StatementRow
from sendreview.repository.frameworks import builtin
from sendreview.trust_view.moderated import moderate, moderation_pairs, use_moderated
from sendreview.trust_view.moderation import (
    ALL_ONE_RATING,
    TOO_FEW,
    Compared,
    academy_moderation,
    agreement,
    leaning,
    trust_summary,
    weighted_kappa,
)

SCHOOL = builtin("school-send-review")
R, A, G = "red", "amber", "green"

#: Academy "oak": (statement, its own rating, the moderator's), ten compared.
OAK = [
    ("leadership-1", G, G),
    ("leadership-2", G, G),
    ("leadership-3", G, A),
    ("leadership-4", G, A),
    ("leadership-5", A, A),
    ("leadership-6", A, A),
    ("leadership-7", A, R),
    ("teaching-1", R, R),
    ("teaching-2", A, G),
    ("teaching-3", G, R),
]
#: Academy "elm": three compared.
ELM = [("leadership-1", G, G), ("leadership-3", A, G), ("teaching-1", R, A)]


def _moderation(academy: str, rows: list[tuple[str, str, str]], **extra: str) -> Moderation:
    responses = {s: ModeratedResponse(rating=m, comment=f"why {s}") for s, _, m in rows}
    responses |= {s: ModeratedResponse(rating=r) for s, r in extra.items()}
    return Moderation(
        framework="school-send-review",
        cycle="2026-autumn",
        academy=academy,
        moderator=Moderator(role="External reviewer (NLE)"),
        responses=responses,
    )


def _pairs(rows: list[tuple[str, str, str]]) -> list[Compared]:
    return [Compared(s, SCHOOL.rank(own), SCHOOL.rank(mod)) for s, own, mod in rows]


def test_figures_of_one_academy_worked_by_hand():
    # agreed: leadership-1, -2, -5, -6, teaching-1 = 5 of 10; higher (own above moderator):
    # leadership-3, -4, -7, teaching-3 = 4; lower: teaching-2 = 1.
    # Kappa, quadratic weights d = (i - j)**2:
    #   observed disagreement: 0+0+1+1+0+0+1+0+1+4 = 8
    #   own totals R 1, A 4, G 5; moderator's R 3, A 4, G 3
    #   expected (times n): R row 1*4*1 + 1*3*4 = 16; A row 4*3*1 + 4*3*1 = 24;
    #                       G row 5*3*4 + 5*4*1 = 80; in all 120
    #   kappa = 1 - 8 * 10 / 120 = 1/3
    found = agreement(_pairs(OAK), 3)
    assert (found.compared, found.agreed, found.higher, found.lower) == (10, 5, 4, 1)
    assert found.agreement == 0.5
    assert found.kappa == 0.333
    assert found.kappa_note == ""
    # higher - lower = 3: at least 2, and at least a tenth of 10 compared
    assert found.leaning == "generous"


def test_kappa_agrees_with_the_textbook_form():
    """The same kappa from p_o and p_e with agreement weights 1 - (i - j)**2 / (k - 1)**2."""
    pairs = [(c.own, c.moderated) for c in _pairs(OAK)]
    n, k = len(pairs), 3

    def w(i: int, j: int) -> float:
        return 1 - (i - j) ** 2 / (k - 1) ** 2

    own = [sum(1 for i, _ in pairs if i == x) for x in range(k)]
    mod = [sum(1 for _, j in pairs if j == x) for x in range(k)]
    p_o = sum(w(i, j) for i, j in pairs) / n
    p_e = sum(w(i, j) * own[i] * mod[j] for i in range(k) for j in range(k)) / n**2
    assert weighted_kappa(pairs, k)[0] == round((p_o - p_e) / (1 - p_e), 3)


def test_no_kappa_from_fewer_than_ten_statements():
    found = agreement(_pairs(OAK[:9]), 3)
    assert found.compared == 9
    assert found.kappa is None
    assert found.kappa_note == TOO_FEW.format(minimum=10)


def test_no_kappa_when_chance_agreement_is_total():
    found = agreement(_pairs([(f"leadership-{n}", G, G) for n in range(1, 8)] * 2), 3)
    assert (found.compared, found.agreed, found.agreement) == (14, 14, 1.0)
    assert found.kappa is None
    assert found.kappa_note == ALL_ONE_RATING


def test_a_kappa_of_zero_when_every_rating_is_one_step_apart():
    # Observed 10 * 1; expected 10 * 10 * 1 = 100; kappa = 1 - 10 * 10 / 100 = 0.
    found = agreement(_pairs([(f"s{n}", G, A) for n in range(10)]), 3)
    assert found.kappa == 0.0
    assert (found.higher, found.leaning) == (10, "generous")


def test_nothing_compared():
    found = agreement([], 3)
    assert (found.compared, found.agreement, found.kappa, found.leaning) == (
        0,
        None,
        None,
        "balanced",
    )


@pytest.mark.parametrize(
    ("higher", "lower", "compared", "expected"),
    [
        (1, 0, 5, "balanced"),  # one statement is a difference of judgement
        (2, 0, 5, "generous"),
        (0, 2, 5, "harsh"),
        (3, 1, 30, "balanced"),  # 2 more, but a tenth of 30 is 3
        (4, 1, 30, "generous"),
        (1, 4, 30, "harsh"),
        (5, 5, 20, "balanced"),
    ],
)
def test_leaning(higher, lower, compared, expected):
    assert leaning(higher, lower, compared) == expected


def test_one_academy_against_its_own_ratings():
    own = {s: mine for s, mine, _ in OAK} | {"teaching-4": None}
    # teaching-4: moderated, but the academy gave no rating; teaching-5: not on the scale.
    moderation = _moderation("oak", OAK, **{"teaching-4": A, "teaching-5": "purple"})
    found, compared = academy_moderation(moderation, own, SCHOOL, "reviews/x/oak.yaml")
    assert (found.statements_moderated, found.compared, found.agreed) == (11, 10, 5)
    assert found.ratings["teaching-4"] == A
    assert "teaching-5" not in found.ratings
    assert found.comments["leadership-1"] == "why leadership-1"
    assert "teaching-4" not in found.comments
    assert [(d.statement, d.area, d.self, d.moderated, d.steps) for d in found.disagreements] == [
        ("leadership-3", "leadership", G, A, 1),
        ("leadership-4", "leadership", G, A, 1),
        ("leadership-7", "leadership", A, R, 1),
        ("teaching-2", "teaching", A, G, -1),
        ("teaching-3", "teaching", G, R, 2),
    ]
    assert found.disagreements[0].comment == "why leadership-3"
    assert (found.file, found.moderator.role) == ("reviews/x/oak.yaml", "External reviewer (NLE)")
    assert len(compared) == 10


def test_the_trust_pooled_worked_by_hand():
    # 13 compared: agreed 5 + 1 = 6, higher 4 + 0, lower 1 + 2; agreement 6 / 13 = 0.462.
    # Own totals R 2, A 5, G 6; moderator's R 3, A 5, G 5; observed disagreement 8 + 2 = 10.
    # Expected (times n): R row 2*5*1 + 2*5*4 = 50; A row 5*3*1 + 5*5*1 = 40;
    #                     G row 6*3*4 + 6*5*1 = 102; in all 192.
    # kappa = 1 - 10 * 13 / 192 = 0.323; higher - lower = 1: balanced.
    summary = trust_summary({"oak": _pairs(OAK), "elm": _pairs(ELM)}, SCHOOL)
    assert summary is not None
    assert (summary.academies, summary.compared, summary.agreed) == (2, 13, 6)
    assert (summary.higher, summary.lower, summary.agreement) == (4, 3, 0.462)
    assert (summary.kappa, summary.leaning) == (0.323, "balanced")
    # Most academies disagreeing first, then the largest share of those compared, then the
    # framework's order: teaching-1 is disputed by one academy of the two that compared it.
    assert [(s.statement, s.disagreed, s.compared) for s in summary.statements] == [
        ("leadership-3", 2, 2),
        ("leadership-4", 1, 1),
        ("leadership-7", 1, 1),
        ("teaching-2", 1, 1),
        ("teaching-3", 1, 1),
        ("teaching-1", 1, 2),
    ]
    assert summary.statements[0].academies == ["oak", "elm"]
    assert summary.statements[0].text == SCHOOL.statement("leadership-3").text


def test_no_summary_without_moderation():
    assert trust_summary({}, SCHOOL) is None


def _rows(**ratings: dict[str, str | None]) -> list[StatementRow]:
    return [
        StatementRow(
            id=s.id, area=SCHOOL.area_of(s.id).id, text=s.text, ratings=ratings.get(s.id, {})
        )
        for s in SCHOOL.statements()
    ]


def test_moderated_ratings_are_put_in_use_and_the_own_kept_where_they_differ():
    rows = _rows(**{s: {"oak": own, "elm": G} for s, own, _ in OAK})
    rows[-1].ratings["oak"] = None  # identification-6: the academy left it unrated
    moderation = _moderation("oak", OAK, **{"identification-6": A})
    found = moderate(rows, {"oak": (moderation, "oak.yaml")}, SCHOOL, "moderated")
    assert found.academies["oak"].compared == 10
    by_id = {row.id: row for row in rows}
    assert by_id["leadership-3"].ratings == {"oak": A, "elm": G}
    assert by_id["leadership-3"].self_ratings == {"oak": G}
    assert by_id["leadership-1"].self_ratings == {}  # agreed: nothing to show beside it
    # Only a rating replaces a rating: what the academy left unrated stays unrated.
    assert by_id["identification-6"].ratings["oak"] is None
    assert by_id["identification-6"].self_ratings == {}


def test_self_ratings_keep_the_academies_own_but_measure_agreement():
    rows = _rows(**{s: {"oak": own} for s, own, _ in OAK})
    found = moderate(rows, {"oak": (_moderation("oak", OAK), "oak.yaml")}, SCHOOL, "self")
    assert found.academies["oak"].agreed == 5
    assert found.summary is not None and found.summary.compared == 10
    assert all(row.self_ratings == {} for row in rows)
    assert {row.id: row.ratings["oak"] for row in rows if row.ratings} == {
        s: own for s, own, _ in OAK
    }


def test_use_moderated_touches_only_the_moderated_academy():
    rows = _rows(**{"leadership-1": {"oak": R, "elm": R}})
    moderation, _ = academy_moderation(
        _moderation("oak", [("leadership-1", R, G)]), {"leadership-1": R}, SCHOOL
    )
    use_moderated(rows, {"oak": moderation})
    assert rows[0].ratings == {"oak": G, "elm": R}
    assert rows[0].self_ratings == {"oak": R}


def _peer(statement: str, helper: str, learner: str) -> PeerPair:
    return PeerPair(
        statement=statement,
        area="leadership",
        text="",
        from_academy=helper,
        from_rating=G,
        to_academy=learner,
        to_rating=R,
    )


def test_moderation_pairs_group_peer_pairs_by_the_two_academies():
    pairs = moderation_pairs(
        [
            _peer("leadership-1", "oak", "elm"),
            _peer("leadership-2", "ash", "elm"),
            _peer("leadership-3", "ash", "elm"),
            _peer("leadership-4", "oak", "elm"),
            _peer("leadership-4", "oak", "oak"),  # never one's own moderator
            _peer("leadership-5", "ash", "elm"),
        ]
    )
    assert [(p.moderator_academy, p.academy, p.statements) for p in pairs] == [
        ("ash", "elm", ["leadership-2", "leadership-3", "leadership-5"]),
        ("oak", "elm", ["leadership-1", "leadership-4"]),
    ]
