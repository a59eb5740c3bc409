"""Merge every academy's review for a cycle into a :class:`TrustView`.

The trust view is what the MAT SEND Review calls "aggregating the data and recommendations
within the more granular SEND Review into a broader trust wide evaluation": ratings by area
and academy, trust-wide priorities, outliers, peer-support pairs and every action plan.

Reviews that are missing, unfinished or invalid are reported as such. Their ratings are
counted only where the review could be read and the rating is on the scale; nothing is
silently dropped and nothing unreadable is counted as a rating.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

from sendreview.diagnostics import Diagnostic
from sendreview.errors import UsageError
from sendreview.model import Academy, Framework, Trust
from sendreview.model.context_view import ContextView
from sendreview.model.trust import TRUST_ID
from sendreview.model.trust_view import (
    NOT_APPLICABLE,
    UNRATED,
    AcademyResult,
    AreaSummary,
    CollatedAction,
    FrameworkRef,
    LensArea,
    StatementRow,
    Thresholds,
    TrustReviewSummary,
    TrustView,
)
from sendreview.prose import did_you_mean
from sendreview.repository.crosswalks import Crosswalk, find_crosswalk
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository
from sendreview.repository.reviews import Progress, read_all
from sendreview.trust_view.context import Phased, context_view
from sendreview.trust_view.figures import (
    ActionFigures,
    ReviewFigures,
    figures_of,
)
from sendreview.trust_view.moderated import moderate, moderation_pairs, read_moderations
from sendreview.trust_view.scores import (
    AggregateOptions,
    area_score,
    area_summary,
    outliers,
    peer_pairs,
    priorities,
    rating_counts,
)

DEFAULT_OPTIONS = AggregateOptions()


def aggregate(
    root: Path,
    cycle: str | None = None,
    options: AggregateOptions = DEFAULT_OPTIONS,
    progress: Progress | None = None,
) -> TrustView:
    """The trust view of ``cycle``; ``progress`` is told of each review read."""
    repo = Repository.at(root)
    trust = repo.load_trust()
    registry = FrameworkRegistry.for_repository(repo.root)
    cycle = choose_cycle(repo, cycle)
    framework = registry.require(trust.frameworks.academy)
    gathered = _Gathered(framework)
    for academy, figures in _read(repo, cycle, registry, trust, framework, progress):
        gathered.add(academy, figures)
    ids = [a.id for a in gathered.academies]
    statements = gathered.rows
    # Before any figure: with moderated ratings in use, every figure counts them.
    moderations, moderation_problems = read_moderations(repo, cycle, trust, gathered.read)
    moderated = moderate(statements, moderations, framework, options.ratings)
    areas = _areas(framework, statements, ids)
    view = TrustView(
        trust=trust.trust,
        cycle=cycle,
        framework=_ref(framework),
        rating_scale=framework.rating_scale,
        thresholds=Thresholds(
            priority_share=options.priority_share,
            outlier_gap=options.outlier_gap,
            context_gap=options.context_gap,
        ),
        academies=gathered.academies,
        statements=statements,
        areas=areas,
        priorities=priorities(statements, framework, gathered.reviewed, options),
        outliers=outliers(areas, options),
        peer_support=peer_pairs(statements, areas, framework),
        actions=gathered.all_actions(),
        action_plan_summaries=gathered.summaries,
        ratings_in_use=options.ratings,
        moderation=moderated.academies,
        moderation_summary=moderated.summary,
        problems=gathered.problems + moderation_problems,
    )
    view.moderation_pairs = moderation_pairs(view.peer_support)
    view.context, context_problems = _context(repo, cycle, trust, options.context_gap)
    view.problems += context_problems
    _add_trust_level(view, repo, registry, trust, framework, cycle, statements, ids)
    return view


def _context(
    repo: Repository, cycle: str, trust: Trust, gap: float
) -> tuple[ContextView | None, list[Diagnostic]]:
    """The academies' SEN context beside national figures, and the context files' problems."""
    from sendreview.repository.context import load_contexts
    from sendreview.repository.national import load_national, national_phase_of

    contexts, problems = load_contexts(repo, cycle, trust)
    if not contexts:
        return None, problems
    national, origin = load_national(repo.root)
    academies = [Phased(a.id, national_phase_of(a.phase)) for a in trust.academies]
    return context_view(academies, contexts, national, gap, origin), problems


def _areas(framework: Framework, rows: list[StatementRow], ids: list[str]) -> list[AreaSummary]:
    """Each area's ratings across the academies ``ids``, in the framework's order."""
    return [
        area_summary(area.id, area.title, [r for r in rows if r.area == area.id], ids, framework)
        for area in framework.areas
    ]


def choose_cycle(repo: Repository, cycle: str | None) -> str:
    """The cycle asked for, or the only one there is."""
    chosen = repo.cycle_or_only(cycle)
    cycles = repo.cycles()
    if chosen not in cycles:
        raise UsageError(
            f"There are no reviews for cycle '{chosen}'.",
            did_you_mean(chosen, cycles)
            + f"Cycles in this repository: {', '.join(cycles) or 'none yet'}.",
        )
    return chosen


def _read(
    repo: Repository,
    cycle: str,
    registry: FrameworkRegistry,
    trust: Trust,
    framework: Framework,
    progress: Progress | None,
) -> Iterator[tuple[Academy, ReviewFigures | None]]:
    """Each academy in the trust's order with its review's figures (None where it has no
    review), as the reviews are read: one review at a time is in memory, not all of them."""
    paths = {a.id: repo.review_file(cycle, a.id) for a in trust.academies}
    present = [a.id for a in trust.academies if paths[a.id].is_file()]
    read = partial(figures_of, registry=registry, trust=trust, framework=framework)
    found = zip(present, read_all([paths[aid] for aid in present], read, progress), strict=True)
    waiting = next(found, None)
    for academy in trust.academies:
        if waiting is not None and waiting[0] == academy.id:
            yield academy, waiting[1]
            waiting = next(found, None)
        else:
            yield academy, None


#: Every field of an action is given: one set says so for all of them.
_ACTION_FIELDS = set(CollatedAction.model_fields)


class _Gathered:
    """The trust view's rows, academies, actions and problems, built one review at a time.

    Text repeats across reviews (empty answers, evidence such as 'SEND policy', owners such as
    'SENCO'), so each distinct text is kept once, however many academies wrote it.
    """

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.rows = [
            StatementRow(id=statement.id, area=area.id, text=statement.text, ratings={})
            for area in framework.areas
            for statement in area.statements
        ]
        self.academies: list[AcademyResult] = []
        self.actions: list[list[CollatedAction]] = [[] for _ in framework.areas]
        self.summaries: dict[str, dict[str, str]] = {}
        self.problems: list[Diagnostic] = []
        self.reviewed = 0
        #: the academies whose review was read (only they can be moderated)
        self.read: set[str] = set()
        self._texts: dict[str, str] = {}
        self._lists: dict[tuple[str, ...], list[str]] = {}

    def add(self, academy: Academy, figures: ReviewFigures | None) -> None:
        """One academy of the trust, with its review's figures (None: it has no review)."""
        self.academies.append(_result(academy, figures, len(self.rows)))
        self.take(academy.id, figures)

    def take(self, academy_id: str, figures: ReviewFigures | None) -> None:
        """One review's answers, actions, summaries and problems."""
        if figures is None:
            for row in self.rows:
                row.ratings[academy_id] = None
            return
        self.problems += figures.problems
        self.reviewed += figures.has_review
        if figures.has_review:
            self.read.add(academy_id)
        self._answers(academy_id, figures)
        for area, gathered, actions in zip(
            self.framework.areas, self.actions, figures.actions, strict=True
        ):
            gathered += (self._action(academy_id, area.id, action) for action in actions)
        if figures.summaries is not None:
            self.summaries[academy_id] = figures.summaries

    def _answers(self, academy_id: str, figures: ReviewFigures) -> None:
        share = self._share
        for row, counted, answer in zip(self.rows, figures.cells, figures.answers, strict=True):
            rated = counted not in (UNRATED, NOT_APPLICABLE)
            row.ratings[academy_id] = share(counted) if rated else None
            if answer is None:
                continue
            reason, strengths, development, evidence = answer
            if reason is not None:
                row.not_applicable[academy_id] = share(reason)
            row.strengths[academy_id] = share(strengths)
            row.areas_for_development[academy_id] = share(development)
            row.evidence[academy_id] = self._evidence(evidence)

    def _share(self, text: str) -> str:
        return self._texts.setdefault(text, text)

    def _evidence(self, items: tuple[str, ...]) -> list[str]:
        """The same list for the same evidence: the view is read, never changed, once built."""
        found = self._lists.get(items)
        if found is None:
            found = self._lists[items] = [self._share(item) for item in items]
        return found

    def _action(self, academy_id: str, area_id: str, action: ActionFigures) -> CollatedAction:
        """Built without validating again (the review was validated where it was read), and
        with one record of which fields are set for every action, not one each."""
        text, owner, due, priority, status, statements, criteria, overdue, carried = action
        share = self._share
        return CollatedAction.model_construct(
            _ACTION_FIELDS,
            academy=academy_id,
            area=area_id,
            action=share(text),
            owner=share(owner),
            due=due,
            priority=priority and share(priority),
            status=share(status),
            statements=self._evidence(statements),
            success_criteria=share(criteria),
            overdue=overdue,
            carried_from=carried,
        )

    def all_actions(self) -> list[CollatedAction]:
        """Area by area, and within an area academy by academy (the framework's order)."""
        return [action for area in self.actions for action in area]


def _result(academy: Academy, figures: ReviewFigures | None, statements: int) -> AcademyResult:
    cells = figures.cells if figures else (UNRATED,) * statements
    unrated = cells.count(UNRATED)
    not_applicable = cells.count(NOT_APPLICABLE)
    return AcademyResult(
        id=academy.id,
        name=academy.name,
        phase=academy.phase,
        file=figures.file if figures else None,
        state=figures.state if figures else "missing",
        review_date=figures.review_date if figures else None,
        rated=len(cells) - unrated - not_applicable,
        not_applicable=not_applicable,
        unrated=unrated,
        errors=figures.errors if figures else 0,
        warnings=figures.warnings if figures else 0,
    )


def _ref(framework: Framework) -> FrameworkRef:
    return FrameworkRef(id=framework.id, version=framework.version, title=framework.title)


def _add_trust_level(
    view: TrustView,
    repo: Repository,
    registry: FrameworkRegistry,
    trust: Trust,
    framework: Framework,
    cycle: str,
    rows: list[StatementRow],
    ids: list[str],
) -> None:
    """The trust's own review, and the academies read through its areas by a crosswalk."""
    if not trust.frameworks.trust:
        return
    mat = registry.require(trust.frameworks.trust)
    summary, problems = _trust_review(repo.review_file(cycle, TRUST_ID), registry, trust, mat)
    view.trust_review = summary
    view.problems += problems
    crosswalk = find_crosswalk(framework, mat, repo.root)
    if crosswalk is None:
        return
    view.lens_framework = _ref(mat)
    view.lens.extend(_lens(crosswalk, framework, mat, rows, ids))


def _trust_review(
    path: Path, registry: FrameworkRegistry, trust: Trust, mat: Framework
) -> tuple[TrustReviewSummary, list[Diagnostic]]:
    """The trust's own review (``mat``: the trust-level framework), and its problems."""
    figures = figures_of(path, registry, trust, mat) if path.is_file() else None
    gathered = _Gathered(mat)
    gathered.take(TRUST_ID, figures)
    summary = TrustReviewSummary(
        framework=_ref(mat),
        file=figures.file if figures else None,
        state=figures.state if figures else "missing",
        review_date=figures.review_date if figures else None,
        areas=_areas(mat, gathered.rows, [TRUST_ID]),
        statements=gathered.rows,
        actions=gathered.all_actions(),
    )
    return summary, gathered.problems


def _lens(
    crosswalk: Crosswalk,
    framework: Framework,
    mat: Framework,
    rows: list[StatementRow],
    ids: list[str],
) -> Iterator[LensArea]:
    """Each trust-level area, with the academies' ratings of the statements mapped to it."""
    by_id = {r.id: r for r in rows}
    for area in mat.areas:
        statement_ids = crosswalk.statements_by_area(framework, mat)[area.id]
        chosen = [by_id[s] for s in statement_ids]
        counts = {aid: rating_counts(chosen, aid, framework) for aid in ids}
        yield LensArea(
            id=area.id,
            title=area.title,
            statements=statement_ids,
            by_academy=counts,
            scores={aid: area_score(c, framework) for aid, c in counts.items()},
        )
