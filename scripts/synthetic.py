"""Synthetic trusts of any size, for measuring speed and memory at scale.

England's largest trusts run about a hundred academies, and a local authority or a national
analysis may hold thousands of schools; no real repository of that size exists to test on.
:func:`make_trust` writes one that validates cleanly: a trust file and one complete School
SEND Review per academy, with believable text and action plans. The same seed always gives
the same files, so figures from two runs compare like with like.

The YAML is written from string templates rather than through the models, so a trust of
20,000 academies is ready in seconds and the time measured is sendreview's, not the setup's.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from sendreview.model import Framework
from sendreview.repository.frameworks import builtin
from sendreview.repository.layout import REVIEWS_DIR, TRUST_FILE

CYCLE = "2026-autumn"
FRAMEWORK = "school-send-review"
REVIEW_DATE = dt.date(2026, 11, 13)

_PLACES = (
    "Alder",
    "Beech",
    "Castle",
    "Dale",
    "Elm",
    "Fern",
    "Glen",
    "Hazel",
    "Ivy",
    "Juniper",
    "Kestrel",
    "Larch",
    "Maple",
    "North",
    "Oak",
    "Pine",
    "Quarry",
    "Rowan",
    "Salt",
    "Thorn",
    "Upton",
    "Vale",
    "Willow",
    "Yew",
)
_KINDS = (
    ("Primary Academy", "primary"),
    ("Academy", "secondary"),
    ("School", "special"),
    ("All-Through Academy", "all-through"),
    ("Infant Academy", "primary"),
    ("Junior Academy", "primary"),
)
_STRENGTHS = (
    "Leaders review this every term with the SENCO and act on what they find.",
    "Staff describe the approach consistently, and pupils with SEND can explain how they are\n"
    "helped in lessons.",
    "The provision map is up to date and every intervention has entry and exit data.",
    "Parents of pupils on SEN support say they know who to talk to and feel listened to.",
    "Governors receive a termly report and ask challenging questions about outcomes.",
)
_DEVELOPMENT = (
    "Practice is not yet consistent across all year groups; the SENCO will share examples of\n"
    "strong practice at the spring staff meeting.",
    "Monitoring does not yet look at the impact on pupils with an EHC plan.",
    "Middle leaders need to take more responsibility for SEND in their own areas.",
    "Evidence of impact is thin: the next review should draw on book looks and pupil voice.",
)
_EVIDENCE = (
    "SEND policy, September 2026",
    "Provision map, autumn term",
    "Local governing body minutes, October 2026",
    "Learning walk notes, November 2026",
    "Parent survey, October 2026",
    "SENCO report to governors",
)
_OWNERS = (
    "SENCO",
    "Headteacher",
    "Deputy Headteacher",
    "Assistant Head (Inclusion)",
    "SEND link governor",
    "Trust Director of SEND",
)
_ACTIONS = (
    "Run a staff meeting on adaptive teaching and follow it with learning walks.",
    "Rewrite the provision map so that every intervention has entry and exit data.",
    "Add SEND to every subject leader's action plan and review it each half term.",
    "Meet parents of pupils on SEN support three times a year, as the Code asks.",
)
_RATINGS = (("red", 0.12), ("amber", 0.33), ("green", 0.55))


def make_trust(root: Path, academies: int, seed: int = 0, *, small: bool = False) -> None:
    """Write a review repository at ``root`` with ``academies`` complete reviews.

    ``small`` reviews (about 4 KB: one line of strengths and one piece of evidence for each
    statement, everything rated green, so no action plans) are where a command's fixed cost
    for each file shows, rather than the cost of reading long answers.
    """
    framework = builtin(FRAMEWORK)
    rng = random.Random(seed)
    folder = root / REVIEWS_DIR / CYCLE
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"academy-{n:05d}" for n in range(1, academies + 1)]
    (root / TRUST_FILE).write_text(_trust_file(ids), encoding="utf-8")
    for academy_id in ids:
        text = (
            _small_review(academy_id, framework) if small else _review(academy_id, framework, rng)
        )
        (folder / f"{academy_id}.yaml").write_text(text, encoding="utf-8")


def _name(number: int) -> tuple[str, str]:
    """A school name and phase; names repeat after a while, as they do in real life."""
    place = _PLACES[number % len(_PLACES)]
    kind, phase = _KINDS[(number // len(_PLACES)) % len(_KINDS)]
    return f"{place} {kind}", phase


def _trust_file(ids: list[str]) -> str:
    lines = [
        "trust: Synthetic Learning Trust",
        "frameworks:",
        f"  academy: {FRAMEWORK}",
        "academies:",
    ]
    for number, academy_id in enumerate(ids):
        name, phase = _name(number)
        lines += [f"  - id: {academy_id}", f"    name: {name}", f"    phase: {phase}"]
    return "\n".join(lines) + "\n"


def _review(academy_id: str, framework: Framework, rng: random.Random) -> str:
    lines = _header(academy_id, framework)
    concerns: dict[str, list[str]] = {}
    for area in framework.areas:
        lines.append(f"  # ==== {area.title} ====")
        for statement in area.statements:
            rating = rng.choices([r for r, _ in _RATINGS], [w for _, w in _RATINGS])[0]
            if framework.needs_action(rating):
                concerns.setdefault(area.id, []).append(statement.id)
            lines += _response(statement.id, rating, rng)
    lines += ["", "action_plans:"]
    for area in framework.areas:
        lines += _plan(area.id, concerns.get(area.id, []), rng)
    return "\n".join(lines) + "\n"


def _small_review(academy_id: str, framework: Framework) -> str:
    lines = _header(academy_id, framework)
    for statement in framework.statements():
        lines += [
            f"  {statement.id}:",
            "    rating: green",
            "    strengths: Consistent practice in every class.",
            f"    evidence: [{json.dumps(_EVIDENCE[0])}]",
        ]
    lines += ["", "action_plans:"]
    for area in framework.areas:
        lines += _plan(area.id, [], random.Random(0))
    return "\n".join(lines) + "\n"


def _header(academy_id: str, framework: Framework) -> list[str]:
    return [
        f"framework: {FRAMEWORK}",
        f"framework_version: {json.dumps(framework.version)}",
        f"cycle: {CYCLE}",
        f"academy: {academy_id}",
        f"review_date: {REVIEW_DATE.isoformat()}",
        "completed_by: [SENCO, Headteacher]",
        "",
        "responses:",
    ]


def _response(statement_id: str, rating: str, rng: random.Random) -> list[str]:
    lines = [f"  {statement_id}:", f"    rating: {rating}"]
    lines += _block("strengths", rng.choice(_STRENGTHS))
    development = rng.choice(_DEVELOPMENT) if rating != "green" or rng.random() < 0.5 else ""
    lines += _block("areas_for_development", development)
    lines.append("    evidence:")
    lines += [f"      - {json.dumps(e)}" for e in rng.sample(_EVIDENCE, rng.randint(1, 3))]
    return lines


def _block(key: str, text: str) -> list[str]:
    if not text:
        return [f'    {key}: ""']
    return [f"    {key}: |", *(f"      {line}" for line in text.split("\n"))]


def _plan(area_id: str, concerns: list[str], rng: random.Random) -> list[str]:
    if not concerns:
        return [
            f"  {area_id}:",
            "    summary: No areas for development this cycle.",
            "    actions: []",
        ]
    lines = [
        f"  {area_id}:",
        "    summary: |",
        f"      {len(concerns)} statements in this area need work this year.",
        "    actions:",
    ]
    for index in range(min(len(concerns), rng.randint(1, 3))):
        due = REVIEW_DATE + dt.timedelta(days=rng.randint(-30, 240))
        lines += [
            f"      - action: {json.dumps(rng.choice(_ACTIONS))}",
            f"        owner: {json.dumps(rng.choice(_OWNERS))}",
            f"        due: {due.isoformat()}",
            f"        priority: {rng.choice(('high', 'medium', 'low'))}",
            f"        status: {rng.choice(('not-started', 'in-progress', 'done'))}",
            f"        statements: [{concerns[index]}]",
            "        success_criteria: Leaders can show the change in book looks and pupil voice.",
        ]
    return lines
