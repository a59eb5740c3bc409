"""The executive summary: what a trust's review found, in a few sentences a trustee reads
before (or instead of) the tables.

Every sentence comes from figures the report already shows (:mod:`.shapes`), so the words
cannot disagree with the tables, and the same files always give the same words. Each part
says what there is to say, including that there is nothing (no outlier, nothing overdue),
and says plainly when too little is rated to say it: a summary that names a "strongest area"
from two rated statements would mislead a board more than no summary at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from sendreview.prose import join_words, plural, shorten
from sendreview.render.reports.shapes import (
    Academy,
    AreaTallies,
    Focus,
    FocusArea,
    OutlierRow,
    Report,
)
from sendreview.render.reports.summary_movement import movement_sentence
from sendreview.render.reports.wording import percent, points

#: How much of a statement's text a sentence quotes: enough to recognise it.
QUOTE_CHARS = 90
#: Above this many academies a sentence counts them instead of naming each.
NAMED = 3
#: The most sentences a summary has: a trustee reads it in under a minute.
MOST = 6
_STATE_WORDS = {"incomplete": "unfinished", "missing": "missing", "invalid": "unreadable"}


def executive_summary(report: Report) -> list[str]:
    """Three to six sentences from the report's own figures: how complete the reviews are
    and how far moderators agreed, the strongest and weakest area, the most widespread
    priority, the outliers, what moved since the cycle before (when there is one) and the
    overdue actions."""
    if not report.academies:
        return ["The trust has no academies in this cycle, so there is nothing to summarise."]
    # With no area rated enough for a score, "no outliers" and "no priorities" would be
    # true only because nothing is rated: the areas' sentence says so for all three.
    thin = not any(a.trust.enough for a in report.areas)
    first = _completeness(report)
    moderation = _moderation(report)
    parts = [
        _priorities(report) if report.priorities or not thin else "",
        _outliers(report.outliers, report.outlier_gap) if report.outliers or not thin else "",
        movement_sentence(report),
        _actions(report),
    ]
    found = [p for p in [_areas(report.areas), *parts] if p]
    if moderation and len(found) + 2 > MOST:
        # One sentence too many: moderation says how far the ratings can be trusted, so it
        # joins the sentence on how complete they are.
        return [f"{first[:-1]}; {moderation[0].lower()}{moderation[1:]}", *found]
    return [first, *([moderation] if moderation else []), *found]


# ---- how complete -------------------------------------------------------------------------


def _completeness(report: Report) -> str:
    """Who has a complete review, who has not and why, what the scores rest on, and the
    trust's own review."""
    academies = report.academies
    done = [a for a in academies if a.ok]
    own = report.trust_review
    own_state = "complete" if own and own.state == "complete" else ""
    if own and not own_state:
        own_state = _STATE_WORDS.get(own.state, "unfinished")
    if len(done) == len(academies):
        if len(academies) == 1:
            text = f"{_possessive(academies[0].name)} review is complete"
        else:
            every = "Both" if len(academies) == 2 else f"All {len(academies)}"
            text = f"{every} academies' reviews are complete"
        if own_state:
            text += (
                ", and so is the trust's own"
                if own_state == "complete"
                else f", but the trust's own is {own_state}"
            )
        return text + "."
    if len(academies) == 1:
        text = f"{_possessive(academies[0].name)} review is {_state_word(academies[0])}"
    else:
        opening = "None" if not done else f"Only {len(done)}"
        text = f"{opening} of the {len(academies)} academies' reviews "
        text += f"{'are' if len(done) > 1 else 'is'} complete ({_unfinished(academies)})"
    rated = sum(area.trust.rated for area in report.areas)
    applicable = rated + sum(area.trust.unrated for area in report.areas)
    text += f", so the scores rest on {rated} of the {applicable} statements that apply"
    if own_state:
        text += f"; the trust's own review is {own_state}"
    return text + "."


#: For each state short of complete: whether the clause names the review (a possessive)
#: or the academy, and the clause for one, for a few named, and for many counted.
_SHORT_OF_COMPLETE = (
    ("incomplete", True, "is unfinished", "are unfinished", "reviews are unfinished"),
    ("missing", False, "has none yet", "have none yet", "academies have none yet"),
    ("invalid", True, "cannot be read", "cannot be read", "reviews cannot be read"),
)


def _unfinished(academies: Sequence[Academy]) -> str:
    """'Castlegate Academy's is unfinished; Saltmarsh Primary Academy has none yet'."""
    clauses = []
    for state, owned, one, few, many in _SHORT_OF_COMPLETE:
        names = [_possessive(a.name) if owned else a.name for a in academies if a.state == state]
        if len(names) > NAMED:
            every = "all " if len(names) == len(academies) else ""
            clauses.append(f"{every}{len(names)} {many}")
        elif names:
            clauses.append(f"{join_words(names)} {one if len(names) == 1 else few}")
    return "; ".join(clauses)


def _state_word(academy: Academy) -> str:
    return "complete" if academy.ok else _STATE_WORDS.get(academy.state, "unfinished")


def _possessive(name: str) -> str:
    return f"{name}'s"


def _moderation(report: Report) -> str:
    """How far the academies' own ratings agreed with their moderators', and whose ratings
    the scores count: it says how far the ratings the scores rest on can be trusted."""
    section = report.moderation
    if section is None or section.total is None or not section.rows:
        return ""
    total, rows = section.total, section.rows
    one = len(rows) == 1
    who = (
        f"A moderator checked {rows[0].name}"
        if one
        else f"Moderators checked {len(rows)} academies"
    )
    if not total.compared:
        return f"{who} but had compared no rating yet."
    text = f"{who} and agreed with {total.agreement} of the {total.compared} ratings compared"
    ways = [f"{n} {way}" for n, way in ((total.higher, "higher"), (total.lower, "lower")) if n]
    if ways:
        academy, moderator = (
            ("the academy", "its moderator") if one else ("the academies", "their moderators")
        )
        text += f" ({academy} had rated {join_words(ways)} than {moderator})"
    whose = "moderator's" if one else "moderators'"
    if section.ratings_in_use == "self":
        return text + ", but the scores count the academies' own ratings."
    return text + f", and the scores count the {whose} ratings."


# ---- strongest and weakest area -----------------------------------------------------------


def _areas(areas: Sequence[AreaTallies]) -> str:
    """The strongest and weakest area by the trust's score, or why none can be named."""
    if not areas:
        return ""
    scored = [a for a in areas if a.trust.enough and a.trust.score is not None]
    if not scored:
        return (
            "Too little is rated yet to name the strongest or weakest area, or to say which "
            "statements are trust-wide priorities and which academies are outliers."
        )
    shown = {a.id: percent(a.trust.score) for a in scored}
    if len(scored) == 1:
        only = scored[0]
        if len(areas) == 1:
            return f"Across the academies, {only.title} scores {shown[only.id]}."
        return (
            f"Only {only.title} has enough rated for a score ({shown[only.id]}), too little "
            "to say which area is strongest or weakest."
        )
    # Ties are judged on the percentages the tables show, not on unrounded scores.
    ranked = sorted(scored, key=lambda a: round((a.trust.score or 0) * 100))
    low, high = ranked[0], ranked[-1]
    if shown[low.id] == shown[high.id]:
        every = "Every area" if len(scored) == len(areas) else "Every area with enough rated"
        return f"{every} scores {shown[high.id]} across the academies."
    best = [a.title for a in scored if shown[a.id] == shown[high.id]]
    worst = [a.title for a in scored if shown[a.id] == shown[low.id]]
    text = (
        f"Across the academies, {join_words(best)} {'is' if len(best) == 1 else 'are'} the "
        f"strongest {'area' if len(best) == 1 else 'areas'} ({shown[high.id]}) and "
        f"{join_words(worst)} the weakest ({shown[low.id]})"
    )
    if len(scored) < len(areas):
        unscored = len(areas) - len(scored)
        text += f"; {plural(unscored, 'area has', 'areas have')} too little rated to score"
    return text + "."


# ---- priorities, outliers -----------------------------------------------------------------


def _priorities(report: Report) -> str:
    """How many statements are trust-wide priorities, and the most widespread."""
    share = (
        "half the" if report.priority_share == 0.5 else f"{percent(report.priority_share)} of the"
    )
    rows = report.priorities
    if not rows:
        return f"No statement needs action in as many as {share} academies."
    top = rows[0]
    reviewed = round(top.count / top.share) if top.share else top.count
    quoted = f"“{shorten(top.text, QUOTE_CHARS)}” ({top.area})"
    where = _of_academies(top.count, reviewed, len(report.academies))
    if len(rows) == 1:
        return f"One statement needs action in at least {share} academies: {quoted}, in {where}."
    tied = sum(1 for p in rows if p.count == top.count)
    text = f"{len(rows)} statements need action in at least {share} academies; "
    if tied == 1:
        return text + f"the most widespread is {quoted}, needing action in {where}."
    return text + f"{tied} need it in {where}, among them {quoted}."


def _of_academies(count: int, reviewed: int, total: int) -> str:
    """'all 5 academies', '4 of 5 academies', 'both academies', '3 of the 4 academies with
    a review'."""
    noun = "academies" if reviewed == total else "academies with a review"
    if count == reviewed:
        return f"both {noun}" if count == 2 else f"all {count} {noun}"
    return f"{count} of {'the ' if reviewed != total else ''}{reviewed} {noun}"


def _outliers(rows: Sequence[OutlierRow], gap: float) -> str:
    """Which academies are well below the trust, where, and by how much."""
    if not rows:
        return f"No academy is {points(gap)} or more below the trust in any area."
    if len(rows) == 1:
        o = rows[0]
        return (
            f"One academy is an outlier: {o.academy} is {points(o.gap)} below the trust in "
            f"{o.area} ({percent(o.score)} against the trust's {percent(o.trust_score)})."
        )
    by_academy: dict[str, list[OutlierRow]] = {}
    for o in rows:
        by_academy.setdefault(o.academy, []).append(o)
    far = f"{points(gap)} or more below the trust"
    if len(by_academy) == 1:
        name, found = next(iter(by_academy.items()))
        return (
            f"{name} is the one outlier, {far} in {plural(len(found), 'area')}: "
            f"{join_words([f'{o.area} ({percent(o.score)})' for o in found])}."
        )
    named = [
        f"{name} in {join_words([f'{o.area} ({percent(o.score)})' for o in found])}"
        for name, found in list(by_academy.items())[:NAMED]
    ]
    if len(by_academy) > NAMED:
        named.append(plural(len(by_academy) - NAMED, "more academy", "more academies"))
    return f"{len(by_academy)} academies are outliers, {far} in an area: {join_words(named)}."


# ---- since last cycle, actions ------------------------------------------------------------


def _actions(report: Report) -> str:
    """How many of the academies' actions were overdue at their review dates, and whose."""
    total, overdue = report.action_count, report.overdue
    own = report.trust_review.actions if report.trust_review else []
    own_total = sum(len(a.actions) for a in own)
    own_overdue = sum(a.overdue for a in own)
    if not total:
        text = "No academy has an action plan yet"
    elif not overdue:
        text = f"None of the academies' {total} actions was overdue at the review date"
        if total == 1:
            text = "The academies' one action was not overdue at the review date"
    else:
        late = list(
            dict.fromkeys(r.who for area in report.actions for r in area.actions if r.overdue)
        )
        whose = (
            join_words(late) if len(late) <= NAMED else plural(len(late), "academy", "academies")
        )
        verb = "was" if overdue == 1 else "were"
        text = (
            f"Of the academies' {plural(total, 'action')}, {overdue} {verb} overdue at the "
            f"review date ({whose})"
        )
    if own_overdue:
        text += f", and {own_overdue} of the trust's own {own_total}"
    return text + "."


# ---- one academy's report ----------------------------------------------------------------


def academy_summary(focus: Focus) -> list[str]:
    """The academy report's shorter summary: its strongest and weakest area against the
    trust, how far its moderator agreed, and its overdue actions. (Whether the review is
    complete is the caveat's, right above it.)"""
    parts = [_own_areas(focus), _own_moderation(focus), _own_actions(focus)]
    return [p for p in parts if p]


def _own_areas(focus: Focus) -> str:
    scored = [a for a in focus.areas if a.tally.enough and a.tally.score is not None]
    if not scored:
        return "Too little is rated yet to name its strongest or weakest area."
    ranked = sorted(scored, key=lambda a: round((a.tally.score or 0) * 100))
    low, high = ranked[0], ranked[-1]

    def words(area: FocusArea) -> str:
        return f"{area.title} ({area.tally.headline}, {area.comparison})"

    if len(scored) == 1:
        return f"Only {words(high)} has enough rated for a score."
    if percent(low.tally.score) == percent(high.tally.score):
        return f"Every area it has rated enough scores {percent(high.tally.score)}."
    best = [words(a) for a in scored if percent(a.tally.score) == percent(high.tally.score)]
    worst = [words(a) for a in scored if percent(a.tally.score) == percent(low.tally.score)]
    strongest = "strongest area is" if len(best) == 1 else "strongest areas are"
    return f"Its {strongest} {join_words(best)} and its weakest {join_words(worst)}."


def _own_moderation(focus: Focus) -> str:
    own = focus.moderation
    if own is None or not own.moderated:
        return ""
    row = own.row
    if not row.compared:
        return f"Its moderator, {row.moderator}, has compared no rating yet."
    text = (
        f"Its moderator, {row.moderator}, agreed with {row.agreement} of the "
        f"{row.compared} ratings compared"
    )
    ways = [f"{n} {way}" for n, way in ((row.higher, "higher"), (row.lower, "lower")) if n]
    if ways:
        text += f"; the academy had rated {join_words(ways)} than its moderator"
    return text + "."


def _own_actions(focus: Focus) -> str:
    total, overdue = focus.action_count, focus.overdue
    if not total:
        return "It has no action plan yet."
    if not overdue:
        return f"None of its {plural(total, 'action')} was overdue at the review date."
    verb = "was" if overdue == 1 else "were"
    return f"{overdue} of its {plural(total, 'action')} {verb} overdue at the review date."
