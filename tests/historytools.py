"""A trust with a known pattern across three cycles, written as YAML, for the history tests.

Four academies, a framework of its own with two areas of two statements each, and three
cycles: 2026-spring, 2026-summer and 2026-autumn. Oak and Ash are reviewed every cycle; Yew
left the trust after the summer (no autumn review) and Elm joined in the autumn.

Between summer and autumn (the default comparison):

========  =========  ========  ==========  ==========
academy   voice-1    voice-2   teaching-1  teaching-2
========  =========  ========  ==========  ==========
oak       A -> G up  G -> A    A -> A      - -> R new
ash       R -> - go  G -> G    R -> A up   A -> A
========  =========  ========  ==========  ==========

Oak's voice-1 strengths are copied from summer while its rating moved; Ash's teaching-2 areas
for development are the same words in all three cycles. Oak's survey action was promised in
spring and carried twice (overdue: it keeps its spring due date); its TA training was done;
its parent forum was dropped; its library audit is new. Ash's book look was carried with its
line breaks changed.
"""

from __future__ import annotations

from pathlib import Path

FRAMEWORK = """\
id: mini-review
version: "1"
title: Mini Review
level: academy
areas:
  - id: voice
    title: Pupil voice
    statements:
      - {id: voice-1, text: Pupils help set their own targets.}
      - {id: voice-2, text: Pupils with SEND sit on the school council.}
  - id: teaching
    title: Teaching
    statements:
      - {id: teaching-1, text: Teachers adapt lessons for pupils with SEND.}
      - {id: teaching-2, text: TAs are deployed where they add most.}
"""

TRUST = """\
trust: Rowan Learning Trust
frameworks:
  academy: mini-review
academies:
  - {id: oak, name: Oak Primary Academy, phase: primary}
  - {id: ash, name: Ash Secondary Academy, phase: secondary}
  - {id: elm, name: Elm Special School, phase: special}
  - {id: yew, name: Yew Primary Academy, phase: primary}
"""

STATEMENTS = ("voice-1", "voice-2", "teaching-1", "teaching-2")
CYCLES = ("2026-spring", "2026-summer", "2026-autumn")
DATES = {"2026-spring": "2026-03-10", "2026-summer": "2026-06-16", "2026-autumn": "2026-11-18"}

#: cycle -> academy -> a rating per statement (None: not rated)
RATINGS: dict[str, dict[str, tuple[str | None, ...]]] = {
    "2026-spring": {
        "oak": ("green", "green", "amber", None),
        "ash": ("red", "green", "amber", "amber"),
        "yew": ("green", "green", "green", "green"),
    },
    "2026-summer": {
        "oak": ("amber", "green", "amber", None),
        "ash": ("red", "green", "red", "amber"),
        "yew": ("green", "green", "green", "amber"),
    },
    "2026-autumn": {
        "oak": ("green", "amber", "amber", "red"),
        "ash": (None, "green", "amber", "amber"),
        "elm": ("green", "amber", "green", "green"),
    },
}

#: (cycle, academy, statement, field) -> the words written there; anything else gets words of
#: its own cycle, so only these repeat
TEXTS = {
    ("2026-summer", "oak", "voice-1", "strengths"): "Pupils co-write their one-page profiles.",
    ("2026-autumn", "oak", "voice-1", "strengths"): "Pupils co-write their\n one-page profiles.",
    **{
        (cycle, "ash", "teaching-2", "areas_for_development"): "TA deployment is not reviewed."
        for cycle in CYCLES
    },
}

SURVEY = "Relaunch the pupil voice survey."
TRAINING = "Train TAs in precision teaching."
FORUM = "Set up a parent forum."
LIBRARY = "Audit the library for accessible books."
BOOK_LOOK = "Run a book look on adaptive teaching."

#: cycle -> academy -> (area, action, status, carried_from)
ACTIONS: dict[str, dict[str, list[tuple[str, str, str, str | None]]]] = {
    "2026-spring": {"oak": [("voice", SURVEY, "not-started", None)]},
    "2026-summer": {
        "oak": [
            ("voice", SURVEY, "in-progress", None),  # copied by hand: no carried_from
            ("teaching", TRAINING, "in-progress", None),
            ("voice", FORUM, "not-started", None),
        ],
        "ash": [("teaching", BOOK_LOOK, "not-started", None)],
    },
    "2026-autumn": {
        "oak": [
            ("voice", SURVEY, "in-progress", "2026-spring"),
            ("teaching", TRAINING, "done", "2026-summer"),
            ("voice", LIBRARY, "not-started", None),
        ],
        "ash": [("teaching", "Run a book  look on\n adaptive teaching.", "not-started", None)],
    },
}


def _text(cycle: str, academy: str, statement: str, field: str) -> str:
    return TEXTS.get(
        (cycle, academy, statement, field), f"{academy} wrote this about {statement} in {cycle}."
    )


def _block(text: str, indent: str) -> str:
    return "|\n" + "".join(f"{indent}  {line.strip()}\n" for line in text.splitlines())


def review(cycle: str, academy: str) -> str:
    lines = [
        "framework: mini-review",
        'framework_version: "1"',
        f"cycle: {cycle}",
        f"academy: {academy}",
        f"review_date: {DATES[cycle]}",
        "completed_by: [SENCO]",
        "responses:",
    ]
    for statement, rating in zip(STATEMENTS, RATINGS[cycle][academy], strict=True):
        lines.append(f"  {statement}:")
        lines.append(f"    rating: {rating or ''}")
        for field in ("strengths", "areas_for_development"):
            text = _text(cycle, academy, statement, field)
            lines.append(f"    {field}: " + _block(text, "    ").rstrip("\n"))
    lines.append("action_plans:")
    by_area: dict[str, list[str]] = {"voice": [], "teaching": []}
    for area, action, status, carried in ACTIONS.get(cycle, {}).get(academy, []):
        entry = [
            "      - action: " + _block(action, "        ").rstrip("\n"),
            "        owner: SENCO",
            f"        due: {DATES[carried or cycle]}",  # carried: its original due date
            "        priority: high",
            f"        status: {status}",
        ]
        entry += [f"        carried_from: {carried}"] if carried else []
        by_area[area] += entry
    for area, entries in by_area.items():
        lines += [f"  {area}:", "    summary: Next steps agreed with SLT.", "    actions:"]
        lines += entries or ["      []"]
    return "\n".join(lines) + "\n"


def write_trust(root: Path, cycles: tuple[str, ...] = CYCLES) -> Path:
    """The trust above, with the reviews of ``cycles``."""
    (root / "frameworks").mkdir(parents=True)
    (root / "frameworks" / "mini-review.yaml").write_text(FRAMEWORK, encoding="utf-8")
    (root / "sendreview.yaml").write_text(TRUST, encoding="utf-8")
    for cycle in cycles:
        folder = root / "reviews" / cycle
        folder.mkdir(parents=True)
        for academy in RATINGS[cycle]:
            (folder / f"{academy}.yaml").write_text(review(cycle, academy), encoding="utf-8")
    return root
