"""How far academies and their moderators agree: pure functions over ratings, no files.

An academy rates itself and a moderator rates the same statements on the same scale. Only
statements that both rated on the scale are compared (a statement the academy left unrated or
marked not applicable has nothing to compare with). For each academy, and pooled across the
trust, this works out:

- ``agreed`` and ``agreement``: the share rated the same;
- ``higher`` and ``lower``: statements the academy rated above its moderator, and below;
- ``kappa``: Cohen's weighted kappa with quadratic weights over the scale's order (its list
  order, worst first: red < amber < green). It is agreement beyond what chance would give,
  where a near miss (amber for green) counts for more than a far one (red for green): 1 is
  perfect agreement, 0 no better than chance. With disagreement weights
  ``d(i, j) = (i - j)**2``, ``kappa = 1 - sum(d * observed) / sum(d * expected)``, the
  expected counts being those of two raters who rate independently with the same totals.
  It is None, with a note saying why, where fewer than :data:`KAPPA_MINIMUM` statements
  were compared (a figure from so few moves a long way with one rating) or where chance
  agreement is total (both rated every statement the same, so there is nothing to beat);
- ``leaning``: see :func:`leaning`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sendreview.model import Framework
from sendreview.model.moderation import (
    AcademyModeration,
    Agreement,
    ContestedStatement,
    Disagreement,
    Leaning,
    Moderation,
    ModerationSummary,
)

#: Fewer statements compared than this and no kappa is worked out.
KAPPA_MINIMUM = 10
#: A self-assessment leans one way when the statements rated above the moderator outnumber
#: those rated below (or the other way) by at least this many ...
LEANING_MINIMUM = 2
#: ... and by at least this share of the statements compared.
LEANING_SHARE = 0.1

TOO_FEW = "too few statements compared for a kappa (fewer than {minimum})"
ALL_ONE_RATING = "every statement was rated the same by both, so chance agreement is total"
ONE_LEVEL = "the scale has one level, so there is nothing to weigh"


@dataclass(frozen=True)
class Compared:
    """One statement both the academy and its moderator rated: positions on the scale (0 for
    the worst level)."""

    statement: str
    own: int
    moderated: int


def leaning(higher: int, lower: int, compared: int) -> Leaning:
    """ "generous" where the academy rated more statements above its moderator than below by
    at least :data:`LEANING_MINIMUM` and by at least :data:`LEANING_SHARE` of the statements
    compared; "harsh" the other way round; else "balanced". One statement either way, or a
    handful among many, is a difference of judgement, not a leaning."""
    net = higher - lower
    enough = max(LEANING_MINIMUM, LEANING_SHARE * compared)
    if net >= enough:
        return "generous"
    if -net >= enough:
        return "harsh"
    return "balanced"


def weighted_kappa(pairs: Sequence[tuple[int, int]], levels: int) -> tuple[float | None, str]:
    """Quadratic weighted kappa of ``pairs`` (own position, moderated position) on a scale of
    ``levels``, rounded to three places; or None and the reason there is none."""
    if len(pairs) < KAPPA_MINIMUM:
        return None, TOO_FEW.format(minimum=KAPPA_MINIMUM)
    if levels < 2:
        return None, ONE_LEVEL
    n = len(pairs)
    own = [0] * levels
    moderated = [0] * levels
    for i, j in pairs:
        own[i] += 1
        moderated[j] += 1
    observed = sum((i - j) ** 2 for i, j in pairs)
    # Expected disagreement, as n times: sum over i, j of own[i] * moderated[j] / n * d(i, j).
    expected = sum(
        own[i] * moderated[j] * (i - j) ** 2 for i in range(levels) for j in range(levels)
    )
    if expected == 0:
        return None, ALL_ONE_RATING
    return round(1 - observed * n / expected, 3), ""


def agreement(compared: Sequence[Compared], levels: int) -> Agreement:
    """The agreement figures of ``compared`` on a scale of ``levels``."""
    higher = sum(1 for c in compared if c.own > c.moderated)
    lower = sum(1 for c in compared if c.own < c.moderated)
    agreed = len(compared) - higher - lower
    kappa, note = weighted_kappa([(c.own, c.moderated) for c in compared], levels)
    return Agreement(
        compared=len(compared),
        agreed=agreed,
        agreement=round(agreed / len(compared), 3) if compared else None,
        higher=higher,
        lower=lower,
        kappa=kappa,
        kappa_note=note,
        leaning=leaning(higher, lower, len(compared)),
    )


def moderated_ratings(moderation: Moderation, framework: Framework) -> dict[str, str]:
    """Statement id -> the moderator's rating, for the statements of ``framework`` the
    moderator rated on its scale, in the framework's order (anything else is a problem
    ``validate`` names, and is not counted)."""
    given = moderation.responses
    found = {}
    for statement in framework.statements():
        response = given.get(statement.id)
        if response is not None and response.rating and framework.rating(response.rating):
            found[statement.id] = response.rating
    return found


def compare_ratings(
    own: Mapping[str, str | None], moderated: Mapping[str, str], framework: Framework
) -> list[Compared]:
    """The statements rated on the scale by both the academy (``own``) and its moderator."""
    return [
        Compared(statement, framework.rank(mine), framework.rank(theirs))
        for statement, theirs in moderated.items()
        if (mine := own.get(statement)) is not None and framework.rating(mine) is not None
    ]


def academy_moderation(
    moderation: Moderation,
    own: Mapping[str, str | None],
    framework: Framework,
    file: str | None = None,
) -> tuple[AcademyModeration, list[Compared]]:
    """One academy's moderation against its own ratings ``own`` (statement id -> rating, None
    where it gave none), and the statements compared (pooled for the trust)."""
    ratings = moderated_ratings(moderation, framework)
    compared = compare_ratings(own, ratings, framework)
    scale = framework.rating_ids
    disagreements = [
        Disagreement(
            statement=c.statement,
            area=_area(framework, c.statement),
            self=scale[c.own],
            moderated=scale[c.moderated],
            comment=moderation.responses[c.statement].comment.strip(),
            steps=c.own - c.moderated,
        )
        for c in compared
        if c.own != c.moderated
    ]
    comments = {
        statement: text
        for statement in ratings
        if (text := moderation.responses[statement].comment.strip())
    }
    figures = agreement(compared, len(scale))
    found = AcademyModeration(
        **figures.model_dump(),
        moderator=moderation.moderator,
        date=moderation.date,
        file=file,
        summary=moderation.summary.strip(),
        statements_moderated=len(ratings),
        ratings=ratings,
        comments=comments,
        disagreements=disagreements,
    )
    return found, compared


def trust_summary(
    compared: Mapping[str, Sequence[Compared]], framework: Framework
) -> ModerationSummary | None:
    """Agreement pooled over every moderated academy (academy id -> its statements
    compared), and the statements disagreed on, most disagreed first; None without any."""
    if not compared:
        return None
    pooled = [c for found in compared.values() for c in found]
    figures = agreement(pooled, len(framework.rating_scale))
    return ModerationSummary(
        **figures.model_dump(),
        academies=len(compared),
        statements=contested(compared, framework),
    )


def contested(
    compared: Mapping[str, Sequence[Compared]], framework: Framework
) -> list[ContestedStatement]:
    """Every statement at least one academy and its moderator rated differently: the most
    academies disagreeing first, then the largest share of those compared, then the
    framework's order."""
    by_statement: dict[str, list[tuple[str, Compared]]] = {}
    for academy, found_here in compared.items():
        for c in found_here:
            by_statement.setdefault(c.statement, []).append((academy, c))
    found = []
    for statement in framework.statements():
        pairs = by_statement.get(statement.id, [])
        differ = [academy for academy, c in pairs if c.own != c.moderated]
        if differ:
            found.append(
                ContestedStatement(
                    statement=statement.id,
                    area=_area(framework, statement.id),
                    text=statement.text,
                    compared=len(pairs),
                    disagreed=len(differ),
                    academies=differ,
                )
            )
    return sorted(found, key=lambda s: (-s.disagreed, -s.disagreed / s.compared))


def _area(framework: Framework, statement: str) -> str:
    area = framework.area_of(statement)
    return area.id if area else ""
