"""The reports' "Moderation" section: how far each academy's self-assessment agrees with its
moderator's, where they differ most, and which ratings the report counts.

Shaped once from the trust view (``view.moderation``, ``view.moderation_summary``,
``view.ratings_in_use``) for every format, so the Markdown, HTML and Excel reports cannot
disagree on a figure. Every figure is also words: a leaning is "rates itself more generously
than its moderator", a kappa that would mean nothing says why instead of a number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sendreview.model.moderation import AcademyModeration, Agreement, Moderator
from sendreview.model.trust_view import TrustView
from sendreview.prose import plural
from sendreview.render.reports.moderation_chart import ModerationChart, moderation_chart
from sendreview.render.reports.wording import Cell, Level, cell, percent, statement_number

#: Which way a self-assessment runs, as a trust board reads it.
LEANING_WORDS = {
    "generous": "rates itself more generously than its moderator",
    "harsh": "rates itself more harshly than its moderator",
    "balanced": "rates itself much as its moderator does",
}
#: The same, across the trust's moderated academies together.
TRUST_LEANING_WORDS = {
    "generous": "academies rate themselves more generously than their moderators",
    "harsh": "academies rate themselves more harshly than their moderators",
    "balanced": "academies rate themselves much as their moderators do",
}
NOT_MODERATED = "not moderated"
#: The mark beside a heatmap letter whose rating the moderator changed (or disputes).
MARK = "*"
#: The trust report lists this many of the largest disagreements; the rest are in each
#: academy's report and the workbook.
LARGEST = 10
#: ... and this many of the statements moderators disagreed on most.
CONTESTED = 5


@dataclass(frozen=True)
class AgreementRow:
    """One academy's agreement with its moderator (or the trust's, across academies)."""

    id: str
    name: str
    moderator: str
    date: dt.date | None
    compared: int
    agreed: int
    #: agreed as a share of compared, as a number (None: nothing compared) and in words
    share: float | None
    agreement: str
    higher: int
    lower: int
    kappa: float | None
    #: the kappa to two places, or why there is none
    kappa_text: str
    leaning: str
    summary: str = ""


@dataclass(frozen=True)
class Difference:
    """A statement an academy and its moderator rated differently."""

    academy: str
    statement: str
    number: str
    area: str
    text: str
    own: Cell
    moderated: Cell
    comment: str
    #: points of the scale between the two: positive where the academy rated itself higher
    steps: int

    @property
    def gap(self) -> str:
        """'academy 2 steps higher', or 'agreed'."""
        if self.own.level is None:
            if self.own.letter == "NA":
                return "the academy marked it not applicable"
            return "the academy did not rate it"
        if not self.steps:
            return "agreed"
        way = "higher" if self.steps > 0 else "lower"
        return f"academy {plural(abs(self.steps), 'step')} {way}"


@dataclass(frozen=True)
class Contested:
    """A statement moderators disagreed with academies on, across the trust."""

    statement: str
    area: str
    text: str
    compared: int
    disagreed: int
    academies: list[str]


@dataclass
class ModerationSection:
    """The trust report's section, present when any academy was moderated."""

    ratings_in_use: str
    #: what a marked heatmap letter means
    mark_meaning: str
    rows: list[AgreementRow]
    total: AgreementRow | None
    chart: ModerationChart
    largest: list[Difference]
    #: every disagreement, the furthest apart first (the workbook lists them all)
    differences: list[Difference]
    #: disagreements beyond :data:`LARGEST`, left to the academies' reports and the workbook
    more: int
    contested: list[Contested]
    not_moderated: list[str]
    mark: str = MARK

    @property
    def which(self) -> str:
        """The sentence saying whose ratings the report counts."""
        return which_ratings(self.ratings_in_use)


@dataclass
class OwnModeration:
    """An academy's own report: its agreement figures and every statement it differs on."""

    ratings_in_use: str
    row: AgreementRow
    differences: list[Difference] = field(default_factory=list)
    #: every statement the moderator rated, agreed or not, with its comment
    statements: dict[str, Difference] = field(default_factory=dict)
    mark: str = MARK

    @property
    def by_statement(self) -> dict[str, Difference]:
        return {**self.statements, **{d.statement: d for d in self.differences}}

    @property
    def which(self) -> str:
        return which_ratings(self.ratings_in_use)

    @property
    def moderated(self) -> bool:
        return self.row.moderator != NOT_MODERATED

    @property
    def mark_meaning(self) -> str:
        return mark_meaning(self.ratings_in_use)


def moderation_section(view: TrustView, scale: Sequence[Level]) -> ModerationSection | None:
    """The "Moderation" section, or None when no academy has a moderation file."""
    if not view.moderation:
        return None
    names = {a.id: a.name for a in view.academies}
    rows = [_row(aid, names.get(aid, aid), m, names) for aid, m in _ordered(view)]
    differences = [d for aid, m in _ordered(view) for d in _differences(view, aid, m, scale)]
    largest = sorted(differences, key=lambda d: -abs(d.steps))  # stable: academy order kept
    summary = view.moderation_summary
    return ModerationSection(
        ratings_in_use=view.ratings_in_use,
        mark_meaning=mark_meaning(view.ratings_in_use),
        rows=rows,
        total=_total(summary) if summary is not None else None,
        chart=moderation_chart(rows),
        largest=largest[:LARGEST],
        differences=largest,
        more=max(0, len(largest) - LARGEST),
        contested=_contested(view, names),
        not_moderated=[a.name for a in view.academies if a.id not in view.moderation],
    )


def own_moderation(view: TrustView, academy_id: str, scale: Sequence[Level]) -> OwnModeration:
    """One academy's figures and differences; an academy nobody moderated has none."""
    names = {a.id: a.name for a in view.academies}
    found = view.moderation.get(academy_id)
    if found is None:
        row = _row(academy_id, names.get(academy_id, academy_id), None, names)
        return OwnModeration(view.ratings_in_use, row)
    return OwnModeration(
        view.ratings_in_use,
        _row(academy_id, names.get(academy_id, academy_id), found, names),
        _differences(view, academy_id, found, scale),
        _moderated(view, academy_id, found, scale),
    )


def _moderated(
    view: TrustView, aid: str, found: AcademyModeration, scale: Sequence[Level]
) -> dict[str, Difference]:
    """Each statement the moderator rated, beside the academy's own rating (in the view's
    statements: the rating in use, or in ``self_ratings`` where the moderator's replaced it)."""
    titles = {a.id: a.title for a in view.areas}
    name = next((a.name for a in view.academies if a.id == aid), aid)
    out = {}
    for row in view.statements:
        if row.id not in found.ratings:
            continue
        own = row.self_ratings.get(aid, row.ratings.get(aid))
        mine = cell(own, scale, row.not_applicable.get(aid))
        theirs = cell(found.ratings[row.id], scale)
        steps = mine.level.rank - theirs.level.rank if mine.level and theirs.level else 0
        out[row.id] = Difference(
            name,
            row.id,
            statement_number(row.id),
            titles.get(row.area, row.area),
            row.text,
            mine,
            theirs,
            paragraphs(found.comments.get(row.id, "")),
            steps,
        )
    return out


def which_ratings(ratings_in_use: str) -> str:
    if ratings_in_use == "self":
        return (
            "This report counts the academies' own ratings throughout; the moderators' "
            "ratings are shown beside them here."
        )
    return (
        "This report counts the moderator's rating wherever a statement was moderated, and "
        "the academy's own elsewhere."
    )


def mark_meaning(ratings_in_use: str) -> str:
    if ratings_in_use == "self":
        return "the moderator rated this statement differently (the academy's own rating is shown)"
    return "the moderator's rating, where it differs from the academy's own"


def marks(view: TrustView, scale: Sequence[Level]) -> dict[tuple[str, str], str]:
    """(academy, statement) -> what a marked heatmap cell says to a screen reader: every
    statement an academy and its moderator rated differently, and (with moderated ratings
    in use) every one the moderator rated where the academy had not."""
    out: dict[tuple[str, str], str] = {}
    for aid, found in view.moderation.items():
        for d in found.disagreements:
            if view.ratings_in_use == "self":
                out[aid, d.statement] = f"the moderator rated it {cell(d.moderated, scale).label}"
            else:
                out[aid, d.statement] = (
                    f"moderated; the academy rated it {cell(d.self, scale).label}"
                )
    if view.ratings_in_use == "moderated":
        for row in view.statements:
            for aid, own in row.self_ratings.items():
                words = cell(own, scale).label if own else "not rated"
                out.setdefault((aid, row.id), f"moderated; the academy's own: {words.lower()}")
    return out


def paragraphs(text: str) -> str:
    """A comment's lines joined into paragraphs: a moderator's line that happens to start
    with a year ("2025. Red until ...") is the end of a sentence, not a numbered list."""
    parts = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()))
    return "\n\n".join(p for p in parts if p)


def _ordered(view: TrustView) -> list[tuple[str, AcademyModeration]]:
    """The moderated academies in the trust's order of academies."""
    return [(a.id, view.moderation[a.id]) for a in view.academies if a.id in view.moderation]


def moderator_words(moderator: Moderator, names: dict[str, str]) -> str:
    """'Peer SENCO, Jo Shah (Castlegate Academy)': role, name if recorded, and academy."""
    words = moderator.role or "Moderator"
    if moderator.name:
        words += f", {moderator.name}"
    if moderator.academy:
        words += f" ({names.get(moderator.academy, moderator.academy)})"
    return words


def _row(
    aid: str, name: str, found: AcademyModeration | None, names: dict[str, str]
) -> AgreementRow:
    if found is None:
        return _figures(aid, name, NOT_MODERATED, None, Agreement())
    who = moderator_words(found.moderator, names)
    return _figures(aid, name, who, found.date, found, found.summary)


def _total(summary: Agreement) -> AgreementRow:
    row = _figures("trust", "Across the trust", "", None, summary)
    return replace(row, leaning=TRUST_LEANING_WORDS[summary.leaning]) if row.compared else row


def _figures(
    aid: str, name: str, who: str, date: dt.date | None, a: Agreement, summary: str = ""
) -> AgreementRow:
    return AgreementRow(
        id=aid,
        name=name,
        moderator=who,
        date=date,
        compared=a.compared,
        agreed=a.agreed,
        share=a.agreement,
        agreement=percent(a.agreement),
        higher=a.higher,
        lower=a.lower,
        kappa=a.kappa,
        kappa_text=f"{a.kappa:.2f}" if a.kappa is not None else (a.kappa_note or "–"),
        leaning=LEANING_WORDS[a.leaning] if a.compared else "nothing compared yet",
        summary=summary,
    )


def _differences(
    view: TrustView, aid: str, found: AcademyModeration, scale: Sequence[Level]
) -> list[Difference]:
    rows = {r.id: r for r in view.statements}
    titles = {a.id: a.title for a in view.areas}
    out = []
    for d in found.disagreements:
        row = rows.get(d.statement)
        out.append(
            Difference(
                academy=next((a.name for a in view.academies if a.id == aid), aid),
                statement=d.statement,
                number=statement_number(d.statement),
                area=titles.get(d.area, d.area),
                text=row.text if row else "",
                own=cell(d.self, scale),
                moderated=cell(d.moderated, scale),
                comment=paragraphs(d.comment),
                steps=d.steps,
            )
        )
    return out


def _contested(view: TrustView, names: dict[str, str]) -> list[Contested]:
    summary = view.moderation_summary
    if summary is None:
        return []
    titles = {a.id: a.title for a in view.areas}
    found = [s for s in summary.statements if s.disagreed]
    if all(s.disagreed < 2 for s in found):
        return []  # every statement apart in one academy at most: none stands out
    found.sort(key=lambda s: (-s.disagreed, -s.disagreed / max(1, s.compared)))
    return [
        Contested(
            s.statement,
            titles.get(s.area, s.area),
            s.text,
            s.compared,
            s.disagreed,
            [names.get(a, a) for a in s.academies],
        )
        for s in found[:CONTESTED]
    ]
