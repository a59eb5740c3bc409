"""The trust's SEN context in the terminal: the "SEN context" section of the reports, short.

Drawn from the same protected figures as the reports
(:func:`sendreview.render.reports.need_profile.need_profile`), so a count from 1 to 4 shows as
"fewer than 5" here too: a terminal is often shared on a screen in a meeting.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from sendreview.model.context import BROAD_AREA_TITLES
from sendreview.render.reports.need_chart import WITHHELD
from sendreview.render.reports.need_profile import Flag, Profile
from sendreview.render.reports.shapes import Report
from sendreview.render.terminal_tables import heading

#: Short names for the four broad areas, as SENCOs write them (the identification statements
#: of the school review use them too), so that five columns fit a terminal.
SHORT_AREAS = {
    "communication_and_interaction": "C&I",
    "cognition_and_learning": "C&L",
    "semh": "SEMH",
    "sensory_physical": "S/P",
    "unassigned": "Unassigned",
}


def print_need_profile(console: Console, r: Report) -> None:
    """Nothing without context files; else identification beside national, the need mix by
    broad area, and the academies worth a look."""
    section = r.need_profile
    if section is None:
        return
    heading(console, "SEN context: identification beside national")
    console.print(section.source)
    national = section.compared  # no "National" columns of dashes when none is in use
    headers = ["Academy", "Pupils", "SEN support", *(["National"] * national), "EHC plans",
               *(["National"] * national)]  # fmt: skip
    rows = [
        [
            p.name,
            p.pupils,
            _with_share(p.sen_support, p.sen_support_pct),
            *([p.sen_support_national] * national),
            _with_share(p.ehc_plans, p.ehc_plan_pct),
            *([p.ehc_plan_national] * national),
        ]
        for p in (*section.academies, section.trust)
    ]
    console.print(_table(headers, rows))
    if section.missing:
        console.print("No context file: " + ", ".join(section.missing) + ".")
    _need_mix(console, [*section.academies, section.trust])
    _worth_a_look(console, section.flags, section.gap, section.compared)


def _with_share(count: str, share: str) -> str:
    """'158 (14.0%)'; the count alone where its share is withheld."""
    return f"{count} ({share})" if share and share not in ("–", WITHHELD) else count


def _need_mix(console: Console, profiles: list[Profile]) -> None:
    heading(console, "Need mix: pupils with SEN by broad area of need")
    console.print(" · ".join(f"{SHORT_AREAS[a]}: {t.lower()}" for a, t in BROAD_AREA_TITLES.items()
                             if SHORT_AREAS[a] != t), soft_wrap=False)  # fmt: skip
    titles = [SHORT_AREAS[a] for a in BROAD_AREA_TITLES]
    rows = [[p.name, *(_with_share(a.count, a.share) for a in p.areas)] for p in profiles]
    console.print(_table(["Academy", *titles], rows))


def _table(headers: list[str], rows: list[list[str]]) -> Table:
    """A plain table whose cells wrap at spaces but are never cut: each column is at least as
    wide as its longest word, so a narrow terminal wraps "158 (14.0%)" and an academy's name
    onto two lines rather than print "(14.…" or "Fernhill All-Through Ac…"."""
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False)
    for index, header in enumerate(headers):
        cells = [header, *(row[index] for row in rows)]
        longest = max(len(word) for cell in cells for word in cell.split())
        table.add_column(header, justify="left" if index == 0 else "right", min_width=longest)
    for row in rows:
        table.add_row(*row)
    return table


def _worth_a_look(console: Console, flags: list[Flag], gap: float, compared: bool) -> None:
    heading(console, f"Worth a look: {gap:g} or more percentage points from national")
    if not compared:
        console.print("None can be named: no national figure is in use for these phases.")
        return
    if not flags:
        console.print("No academy.")
        return
    for flag in flags:
        console.print(f"• {flag.name}: {flag.words} ({flag.figure} against {flag.national}).")
