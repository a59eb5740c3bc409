"""One academy's part of its own report (``report --academy``): its areas beside the
trust's, statement by statement, with its actions and problems."""

from __future__ import annotations

from collections import Counter, defaultdict

from sendreview.model.trust_view import StatementRow, TrustView
from sendreview.render.reports.caveats import focus_caveat
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
                [detail(r, academy.id, report.scale) for r in rows],
                actions[area.id],
                view.action_plan_summaries.get(academy.id, {}).get(area.id, ""),
            )
        )
    problems = [p for p in view.problems if academy.file and p.file == academy.file]
    summary = next((s for s in report.problem_summaries if s.file == academy.file), None)
    return Focus(academy, areas, problems, summary, focus_caveat(academy, areas))


def detail(row: StatementRow, academy_id: str, scale: list[Level]) -> StatementDetail:
    spread = Counter(row.ratings.values())
    return StatementDetail(
        id=row.id,
        number=statement_number(row.id),
        text=row.text,
        rating=answer_cell(row, academy_id, scale),
        strengths=row.strengths.get(academy_id, ""),
        areas_for_development=row.areas_for_development.get(academy_id, ""),
        evidence=row.evidence.get(academy_id, []),
        across_trust=[(lv, spread.get(lv.id, 0)) for lv in scale],
    )
