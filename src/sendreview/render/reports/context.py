"""What the text reports show, shaped from a :class:`TrustView` once for every format.

The Markdown and HTML templates and the terminal view all draw on :func:`build`, so a
figure cannot differ between them. The shapes themselves are in :mod:`.shapes`.
"""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import PurePath

from sendreview.checks.completeness import ACTION_DETAILS
from sendreview.diagnostics import Diagnostic
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import (
    AcademyResult,
    AreaSummary,
    CollatedAction,
    StatementRow,
    TrustReviewSummary,
    TrustView,
)
from sendreview.prose import plural
from sendreview.render.reports.shapes import (
    Academy,
    ActionArea,
    ActionRow,
    AreaTallies,
    Focus,
    FocusArea,
    HeatArea,
    HeatRow,
    Lens,
    OutlierRow,
    PeerGroup,
    PriorityRow,
    ProblemSummary,
    Report,
    StatementDetail,
    StatementHead,
    Tally,
    TrustReview,
    TrustStatement,
)
from sendreview.render.reports.wording import (
    NOT_APPLICABLE,
    STATE_LABELS,
    UNRATED,
    Cell,
    Level,
    cell,
    cycle_label,
    date_range,
    levels,
    rests_on,
    statement_number,
    word,
)
from sendreview.trust_view.aggregate import scale_score


def build(view: TrustView, academy_id: str | None = None) -> Report:
    """The report's content: the trust's, or with ``academy_id`` one academy's as well."""
    scale = levels(view.rating_scale)
    academies = [_academy(a) for a in view.academies]
    names = {a.id: a.name for a in academies}
    titles = {a.id: a.title for a in view.areas}
    report = Report(
        trust=view.trust,
        cycle=view.cycle,
        cycle_label=cycle_label(view.cycle),
        framework=view.framework.title,
        framework_version=view.framework.version,
        scale=scale,
        academies=academies,
        review_dates=date_range(a.review_date for a in academies),
        heat_areas=_heat_areas(view),
        heat_rows=_heat_rows(view, academies, scale),
        areas=[_area_tallies(a, academies, scale) for a in view.areas],
        priorities=[
            PriorityRow(
                p.statement,
                titles.get(p.area, p.area),
                p.text,
                [names.get(a, a) for a in p.academies],
                p.count,
                p.share,
            )
            for p in view.priorities
        ],
        priority_share=view.thresholds.priority_share,
        outliers=[
            OutlierRow(
                names.get(o.academy, o.academy),
                titles.get(o.area, o.area),
                o.score,
                o.trust_score,
                o.gap,
                _basis(view, o.academy, o.area),
            )
            for o in view.outliers
        ],
        outlier_gap=view.thresholds.outlier_gap,
        peers=_peer_groups(view, names, titles, scale),
        actions=_action_areas(view.actions, [(a.id, a.title) for a in view.areas], names),
        overdue=sum(1 for a in view.actions if a.overdue),
        trust_review=_trust_review(view.trust_review, scale),
        lens=_lens(view, academies, scale),
        problems=list(view.problems),
    )
    report.caveat = caveat(report)
    report.problem_summaries = problem_summaries(view, academies)
    report.validate_command = validate_command(academies, view.trust_review)
    if academy_id is not None:
        report.focus = _focus(view, report, academy_id)
    return report


def _basis(view: TrustView, academy: str, area: str) -> str:
    counts = next((a.by_academy.get(academy, {}) for a in view.areas if a.id == area), {})
    rated = sum(n for key, n in counts.items() if key not in (UNRATED, NOT_APPLICABLE))
    return rests_on(rated, counts.get(UNRATED, 0))


def caveat(report: Report) -> str:
    """One sentence for the top of a report whose reviews are not all complete, saying so in
    words a trustee understands and what the scores therefore rest on; '' when all are."""
    states = Counter(a.state for a in report.academies)
    own = report.trust_review
    own_done = own is None or own.state == "complete"
    if states["complete"] == len(report.academies) and own_done:
        return ""
    parts = []
    for state, one, many in (
        ("incomplete", "review unfinished", "reviews unfinished"),
        ("missing", "academy with no review yet", "academies with no review yet"),
        ("invalid", "review that cannot be read", "reviews that cannot be read"),
    ):
        if n := states[state]:
            parts.append(f"{n} {one if n == 1 else many}")
    rated = sum(area.trust.rated for area in report.areas)
    applicable = rated + sum(area.trust.unrated for area in report.areas)
    done, total = states["complete"], len(report.academies)
    text = f"{'Only ' if done < total else ''}{done} of {total} academies "
    text += f"{'has' if done == 1 else 'have'} a complete review"
    if parts:
        text += " (" + _and(parts) + ")"
    if own is not None and not own_done:
        own_state = {"missing": "missing", "invalid": "unreadable"}.get(own.state, "unfinished")
        text += f" and the trust's own review is {own_state}"
    return text + f", so the scores rest on {rated} of {applicable} statements rated so far."


def _and(parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


#: How each kind of problem is counted in a board report: (singular, plural) nouns.
_KINDS = {
    "SR401": ("statement not rated", "statements not rated"),
    "SR402": ("statement marked not applicable without a reason",
              "statements marked not applicable without a reason"),
    "SR403": ("red or amber rating without areas for development",
              "red or amber ratings without areas for development"),
    "SR404": ("area needing action without an action", "areas needing action without an action"),
    "SR406": ("missing review date", "missing review dates"),
}  # fmt: skip


def _a(detail: str) -> str:
    """'a due date', 'an owner', 'what will be done'."""
    if detail.startswith("what "):
        return detail
    return f"{'an' if detail[0] in 'aeiou' else 'a'} {detail}"


def _kinds(problems: Sequence[Diagnostic]) -> list[str]:
    """'14 statements not rated', '2 actions without a due date', ... for one file."""
    counts: Counter[str] = Counter()
    order: list[str] = []

    def add(key: str) -> None:
        if key not in counts:
            order.append(key)
        counts[key] += 1

    for p in problems:
        if p.code in _KINDS:
            add(p.code)
        elif p.code == "SR405" and (detail := p.path.rpartition(".")[2]) in ACTION_DETAILS:
            add(f"action:{detail}")
        elif p.code.startswith("SR5"):
            add("privacy")
        else:
            add(p.severity)
    words = []
    for key in order:
        n = counts[key]
        if key in _KINDS:
            one, many = _KINDS[key]
            words.append(f"{n} {one if n == 1 else many}")
        elif key.startswith("action:"):
            words.append(f"{plural(n, 'action')} without {_a(ACTION_DETAILS[key[7:]])}")
        elif key == "privacy":
            words.append(f"{plural(n, 'passage')} that may identify a pupil")
        elif key == "error":
            verb = "stops" if n == 1 else "stop"
            words.append(f"{plural(n, 'error')} that {verb} the review being read in full")
        else:
            words.append(f"{plural(n, 'other problem')}")
    return words


def problem_summaries(view: TrustView, academies: Sequence[Academy]) -> list[ProblemSummary]:
    """What the problems in each review file come to, academy by academy, then the trust's
    own review and any other file: counts by kind, never codes or line numbers."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for p in view.problems:
        by_file[p.file].append(p)
    out = []
    for a in academies:
        if a.file and by_file.get(a.file):
            out.append(ProblemSummary(a.name, a.file, _kinds(by_file.pop(a.file))))
    own = view.trust_review.file if view.trust_review else None
    if own and by_file.get(own):
        out.append(ProblemSummary("The trust's own review", own, _kinds(by_file.pop(own))))
    for file, problems in by_file.items():
        out.append(ProblemSummary(PurePath(file).name, file, _kinds(problems)))
    return out


def validate_command(academies: Sequence[Academy], own: TrustReviewSummary | None) -> str:
    """``sendreview validate <repo>``, the repository found from a review file's place in
    ``reviews/<cycle>/``, written as the report's files are (relative to where it ran)."""
    files = [a.file for a in academies if a.file] + ([own.file] if own and own.file else [])
    if not files:
        return "sendreview validate"
    root = PurePath(files[0]).parent.parent.parent
    return f"sendreview validate {shlex.quote(root.as_posix())}"


def _academy(a: AcademyResult) -> Academy:
    return Academy(
        id=a.id,
        name=a.name,
        phase=word(a.phase),
        state=a.state,
        state_label=STATE_LABELS.get(a.state, word(a.state)),
        review_date=a.review_date,
        file=a.file,
        rated=a.rated,
        not_applicable=a.not_applicable,
        unrated=a.unrated,
        errors=a.errors,
        warnings=a.warnings,
    )


def tally(counts: dict[str, int], scale: Sequence[Level]) -> Tally:
    """A tally from a view's counts (rating id, ``unrated`` or ``not_applicable`` to n)."""
    parts = [(lv, counts.get(lv.id, 0)) for lv in scale]
    return Tally(parts, counts.get(NOT_APPLICABLE, 0), counts.get(UNRATED, 0), score(parts))


def score(parts: Sequence[tuple[Level, int]]) -> float | None:
    """The trust view's area score, for totals the view does not hold (such as all
    academies together under a crosswalk area)."""
    top = max((lv.rank for lv, _ in parts), default=0)
    return scale_score(((lv.rank, n) for lv, n in parts), top)


def _heat_areas(view: TrustView) -> list[HeatArea]:
    by_area: dict[str, list[StatementHead]] = defaultdict(list)
    for row in view.statements:
        by_area[row.area].append(StatementHead(row.id, statement_number(row.id), row.text))
    return [HeatArea(a.id, a.title, by_area[a.id]) for a in view.areas]


def _answer(row: StatementRow, key: str, scale: Sequence[Level]) -> Cell:
    return cell(row.ratings.get(key), scale, row.not_applicable.get(key))


def _heat_rows(view: TrustView, academies: list[Academy], scale: list[Level]) -> list[HeatRow]:
    by_area: dict[str, list[StatementRow]] = defaultdict(list)
    for row in view.statements:
        by_area[row.area].append(row)
    return [
        HeatRow(
            academy,
            [[_answer(r, academy.id, scale) for r in by_area[area.id]] for area in view.areas],
        )
        for academy in academies
    ]


def _area_tallies(area: AreaSummary, academies: list[Academy], scale: list[Level]) -> AreaTallies:
    rows = [(a, tally(area.by_academy.get(a.id, {}), scale)) for a in academies]
    return AreaTallies(area.id, area.title, rows, tally(area.trust, scale))


def _peer_groups(
    view: TrustView, names: dict[str, str], titles: dict[str, str], scale: list[Level]
) -> list[PeerGroup]:
    """Pairs of academies, once per area, with the statements they could work on together."""
    grouped: dict[tuple[str, str, str], list[StatementHead]] = defaultdict(list)
    ratings: dict[tuple[str, str, str], tuple[str, str]] = {}
    for p in view.peer_support:
        key = (p.from_academy, p.to_academy, p.area)
        grouped[key].append(StatementHead(p.statement, statement_number(p.statement), p.text))
        ratings[key] = (p.from_rating, p.to_rating)
    return [
        PeerGroup(
            helper=names.get(helper, helper),
            helper_rating=cell(ratings[key][0], scale),
            learner=names.get(learner, learner),
            learner_rating=cell(ratings[key][1], scale),
            area=titles.get(area, area),
            statements=statements,
        )
        for key, statements in grouped.items()
        for helper, learner, area in [key]
    ]


def _action_row(action: CollatedAction, names: dict[str, str]) -> ActionRow:
    return ActionRow(
        who=names.get(action.academy, action.academy),
        action=action.action,
        owner=action.owner,
        due=action.due,
        priority=word(action.priority) or "Not set",
        status=word(action.status),
        statements=action.statements,
        success_criteria=action.success_criteria,
        overdue=action.overdue,
    )


def _action_areas(
    actions: Sequence[CollatedAction], areas: Sequence[tuple[str, str]], names: dict[str, str]
) -> list[ActionArea]:
    """Every action under its area, in the framework's order; areas without actions left out."""
    by_area: dict[str, list[ActionRow]] = defaultdict(list)
    for action in actions:
        by_area[action.area].append(_action_row(action, names))
    return [ActionArea(aid, title, by_area[aid]) for aid, title in areas if by_area[aid]]


def _trust_review(review: TrustReviewSummary | None, scale: list[Level]) -> TrustReview | None:
    if review is None:
        return None
    bottom = scale[0].id if scale else None
    titles = {a.id: a.title for a in review.areas}
    return TrustReview(
        title=review.framework.title,
        state=review.state,
        state_label=STATE_LABELS.get(review.state, word(review.state)),
        review_date=review.review_date,
        file=review.file,
        areas=[(a.title, tally(a.trust, scale)) for a in review.areas],
        weakest=[
            TrustStatement(
                r.id,
                titles.get(r.area, r.area),
                r.text,
                _answer(r, TRUST_ID, scale),
                r.areas_for_development.get(TRUST_ID, ""),
            )
            for r in review.statements
            if bottom and r.ratings.get(TRUST_ID) == bottom
        ],
        actions=_action_areas(
            review.actions, [(a.id, a.title) for a in review.areas], {TRUST_ID: "The trust"}
        ),
    )


def _lens(view: TrustView, academies: list[Academy], scale: list[Level]) -> Lens | None:
    if not view.lens or view.lens_framework is None:
        return None
    rows = [
        (a, [tally(area.by_academy.get(a.id, {}), scale) for area in view.lens]) for a in academies
    ]
    pooled = []
    for area in view.lens:
        total: Counter[str] = Counter()
        for counts in area.by_academy.values():
            total.update(counts)
        pooled.append(tally(dict(total), scale))
    own = None
    if view.trust_review is not None and view.trust_review.state != "missing":
        by_id = {a.id: a for a in view.trust_review.areas}
        own = [
            tally(by_id[a.id].trust, scale) if a.id in by_id else tally({}, scale)
            for a in view.lens
        ]
    return Lens(
        title=view.lens_framework.title,
        areas=[(a.title, len(a.statements)) for a in view.lens],
        rows=rows,
        all_academies=pooled,
        trust_review=own,
    )


def _focus(view: TrustView, report: Report, academy_id: str) -> Focus:
    result = view.academy(academy_id)
    academy = next(a for a in report.academies if a.id == result.id)
    names = {a.id: a.name for a in report.academies}
    actions: dict[str, list[ActionRow]] = defaultdict(list)
    for action in view.actions:
        if action.academy == academy.id:
            actions[action.area].append(_action_row(action, names))
    areas = []
    for area, tallies in zip(view.areas, report.areas, strict=True):
        rows = [r for r in view.statements if r.area == area.id]
        own = next(t for a, t in tallies.rows if a.id == academy.id)
        areas.append(
            FocusArea(
                area.id,
                area.title,
                own,
                tallies.trust,
                [_detail(r, academy.id, report.scale) for r in rows],
                actions[area.id],
                view.action_plan_summaries.get(academy.id, {}).get(area.id, ""),
            )
        )
    problems = [p for p in view.problems if academy.file and p.file == academy.file]
    summary = next((s for s in report.problem_summaries if s.file == academy.file), None)
    return Focus(academy, areas, problems, summary, _focus_caveat(academy, areas))


def _focus_caveat(academy: Academy, areas: Sequence[FocusArea]) -> str:
    """The one sentence at the top of an academy's report whose review is not complete."""
    if academy.ok:
        return ""
    rated = sum(a.tally.rated for a in areas)
    applicable = rated + sum(a.tally.unrated for a in areas)
    state = {
        "incomplete": "the review is unfinished",
        "missing": "there is no review for this cycle yet",
        "invalid": "the review file cannot be read",
    }.get(academy.state, "the review is not complete")
    return (
        f"{state[:1].upper()}{state[1:]}, so the scores rest on {rated} of {applicable} "
        "statements rated so far."
    )


def _detail(row: StatementRow, academy_id: str, scale: list[Level]) -> StatementDetail:
    spread = Counter(row.ratings.values())
    return StatementDetail(
        id=row.id,
        number=statement_number(row.id),
        text=row.text,
        rating=_answer(row, academy_id, scale),
        strengths=row.strengths.get(academy_id, ""),
        areas_for_development=row.areas_for_development.get(academy_id, ""),
        evidence=row.evidence.get(academy_id, []),
        across_trust=[(lv, spread.get(lv.id, 0)) for lv in scale],
    )
