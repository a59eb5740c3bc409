"""The executive summary's sentence on what moved since the cycle before: the trust's overall
score, and the academies that moved most, each named where a moderator's ratings count in one
of the two cycles only (part of such a move is the moderation, not the academy)."""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.prose import join_words, plural
from sendreview.render.reports.movement import AcademyMove, Movement
from sendreview.render.reports.shapes import Report


def movement_sentence(report: Report) -> str:
    """The trust's overall score since the cycle before, and who moved most."""
    mv = report.movement
    if mv is None:
        return ""
    overall = mv.overall
    text = f"Since {mv.from_label} the trust's overall score "
    if overall.points:
        went = "risen" if overall.points > 0 else "fallen"
        text += f"has {went} {plural(abs(overall.points), 'point')} to {overall.after}"
    elif overall.points == 0:
        text += f"is unchanged at {overall.after}"
    else:
        text += "cannot be compared: too little was rated in one of the two cycles"
    moves, named = [], []
    for academies, verb, furthest in ((mv.improved, "improved", "most"),
                                      (mv.declined, "fell", "furthest")):  # fmt: skip
        if academies:
            top = _tied(academies)
            most = f" {furthest}" if len(academies) > len(top) or len(top) > 1 else ""
            each = " each" if len(top) > 1 else ""
            names = [a.name for a in top]
            moves.append(f"{join_words(names)} {verb}{most} ({top[0].score.change}{each})")
            named += names
    if moves:
        return text + "; " + join_words(moves) + _moderated(mv, named) + "."
    return text + ", and no academy's score moved."


def _tied(academies: Sequence[AcademyMove]) -> list[AcademyMove]:
    """The academies that moved most, all of them where two or more moved as far: naming one
    of two equal moves would tell a trustee something the figures do not say."""
    first = academies[0].score.points
    return (
        [a for a in academies if a.score.points == first] if first is not None else [academies[0]]
    )


def _moderated(mv: Movement, named: list[str]) -> str:
    """A clause for the academies named whose move counts a moderator's ratings in one of the
    two cycles only: part of that move is the moderation, not the academy."""
    flagged = [name for name in named if name in mv.moderation_changed]
    if not flagged:
        return ""
    if len(flagged) == len(named) == 2:
        return ", both counting a moderator's ratings in one cycle only"
    if len(flagged) == len(named):
        return ", all counting a moderator's ratings in one cycle only"
    whose = join_words([f"{name}'s" for name in flagged])
    return f", {whose} counting a moderator's ratings in one cycle only"
