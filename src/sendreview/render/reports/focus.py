"""One academy's part of its own report (``report --academy``): its areas beside the
trust's, statement by statement, with its actions and problems."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from sendreview.model.trust_view import StatementRow, TrustView
from sendreview.render.reports.caveats import focus_caveat
from sendreview.render.reports.moderation import Difference, marks, own_moderation
from sendreview.render.reports.shapes import (
    ActionRow,
    Focus,
    FocusArea,
    Report,
    StatementDetail,
)
from sendreview.render.reports.tallies import action_row, answer_cell
from sendreview.render.reports.wording import Level, statement_number


def focus(view: TrustView, report: Report, academy_id: str) -> Focus:
    result = view.academy(academy_id)
    academy = next(a for a in report.academies if a.id == result.id)
    names = {a.id: a.name for a in report.academies}
    actions: dict[str, list[ActionRow]] = defaultdict(list)
    for action in view.actions:
        if action.academy == academy.id:
            actions[action.area].append(action_row(action, names))
    moderated = own_moderation(view, academy.id, report.scale) if view.moderation else None
    differences = moderated.by_statement if moderated else {}
    marked = {s: m for (a, s), m in marks(view, report.scale).items() if a == academy.id}
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
                [
                    detail(r, academy.id, report.scale, differences.get(r.id), marked.get(r.id))
                    for r in rows
                ],
                actions[area.id],
                view.action_plan_summaries.get(academy.id, {}).get(area.id, ""),
            )
        )
    problems = [p for p in view.problems if academy.file and p.file == academy.file]
    summary = next((s for s in report.problem_summaries if s.file == academy.file), None)
    found = Focus(academy, areas, problems, summary, focus_caveat(academy, areas))
    found.moderation = moderated
    return found


def detail(
    row: StatementRow,
    academy_id: str,
    scale: list[Level],
    difference: Difference | None = None,
    mark: str | None = None,
) -> StatementDetail:
    """One statement of the academy's review; ``difference``: its moderator's rating where
    it differs from the academy's own, ``mark``: what the rating's mark means."""
    spread = Counter(row.ratings.values())
    rating = answer_cell(row, academy_id, scale)
    return StatementDetail(
        id=row.id,
        number=statement_number(row.id),
        text=row.text,
        rating=replace(rating, moderation=mark) if mark else rating,
        strengths=row.strengths.get(academy_id, ""),
        areas_for_development=row.areas_for_development.get(academy_id, ""),
        evidence=row.evidence.get(academy_id, []),
        across_trust=[(lv, spread.get(lv.id, 0)) for lv in scale],
        moderation=difference,
    )
