"""The sentences that say what a report rests on: the caveat over unfinished reviews, what
each file's problems come to in words a trustee reads, and the command that lists them."""

from __future__ import annotations

import shlex
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import PurePath

from sendreview.checks.completeness import ACTION_DETAILS
from sendreview.diagnostics import Diagnostic
from sendreview.model.trust_view import TrustReviewSummary, TrustView
from sendreview.prose import join_words, plural
from sendreview.render.reports.shapes import Academy, FocusArea, ProblemSummary, Report
from sendreview.repository.layout import MODERATION_DIR


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
            parts.append(plural(n, one, many))
    rated = sum(area.trust.rated for area in report.areas)
    applicable = rated + sum(area.trust.unrated for area in report.areas)
    done, total = states["complete"], len(report.academies)
    text = f"{'Only ' if done < total else ''}{done} of {total} academies "
    text += f"{'has' if done == 1 else 'have'} a complete review"
    if parts:
        text += " (" + join_words(parts) + ")"
    if own is not None and not own_done:
        own_state = {"missing": "missing", "invalid": "unreadable"}.get(own.state, "unfinished")
        text += f" and the trust's own review is {own_state}"
    return text + f", so the scores rest on {rated} of {applicable} statements rated so far."


#: How each kind of problem is counted in a board report: (singular, plural) nouns.
_KINDS = {
    "SR401": ("statement not rated", "statements not rated"),
    "SR402": ("statement marked not applicable without a reason",
              "statements marked not applicable without a reason"),
    "SR403": ("red or amber rating without areas for development",
              "red or amber ratings without areas for development"),
    "SR404": ("area needing action without an action", "areas needing action without an action"),
    "SR406": ("missing review date", "missing review dates"),
    # A moderation file's own (see the README's Moderation section).
    "SR903": ("moderator's role not given", "moderator's roles not given"),
    "SR906": ("moderated statement the academy left unrated or not applicable",
              "moderated statements the academy left unrated or not applicable"),
    "SR907": ("different rating without the moderator's comment",
              "different ratings without the moderator's comment"),
    "SR908": ("moderation with nothing moderated yet", "moderations with nothing moderated yet"),
    "SR909": ("moderation date after today", "moderation dates after today"),
    "SR910": ("moderation date outside the cycle's term",
              "moderation dates outside the cycle's term"),
    "SR911": ("missing moderation date", "missing moderation dates"),
}  # fmt: skip


def _a(detail: str) -> str:
    """'a due date', 'an owner', 'what will be done'."""
    if detail.startswith("what "):
        return detail
    return f"{'an' if detail[0] in 'aeiou' else 'a'} {detail}"


def _kinds(problems: Sequence[Diagnostic], what: str = "the review") -> list[str]:
    """'14 statements not rated', '2 actions without a due date', ... for one file (``what``:
    the file, as its errors are said to stop it being read)."""
    # Counter keeps the order keys first appear in: the file's order.
    counts = Counter(_kind(p) for p in problems)
    return [_kind_words(key, n, what) for key, n in counts.items()]


def _kind(p: Diagnostic) -> str:
    """The kind a problem is counted under: its code, an action's missing detail, privacy,
    or its severity."""
    if p.code in _KINDS:
        return p.code
    if p.code == "SR405" and (detail := p.path.rpartition(".")[2]) in ACTION_DETAILS:
        return f"action:{detail}"
    if p.code.startswith("SR5"):
        return "privacy"
    return str(p.severity)


def _kind_words(key: str, n: int, what: str) -> str:
    if key in _KINDS:
        one, many = _KINDS[key]
        return plural(n, one, many)
    if key.startswith("action:"):
        return f"{plural(n, 'action')} without {_a(ACTION_DETAILS[key[7:]])}"
    if key == "privacy":
        return f"{plural(n, 'passage')} that may identify a pupil"
    if key == "error":
        return f"{plural(n, 'error that stops', 'errors that stop')} {what} being read in full"
    return f"{plural(n, 'warning')}" if key == "warning" else f"{plural(n, 'other problem')}"


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
    names = {a.id: a.name for a in academies}
    for file, problems in by_file.items():
        out.append(ProblemSummary(_whose(file, names), file, _kinds(problems, "the file")))
    return out


def _whose(file: str, names: dict[str, str]) -> str:
    """A file other than a review by its name; a moderator's file (named like the review it
    moderates) as "Moderation of" its academy."""
    path = PurePath(file)
    if path.parent.name == MODERATION_DIR:
        return f"Moderation of {names.get(path.stem, path.stem)}"
    return path.name


def validate_command(academies: Sequence[Academy], own: TrustReviewSummary | None) -> str:
    """``sendreview validate <repo>``, the repository found from a review file's place in
    ``reviews/<cycle>/``, written as the report's files are (relative to where it ran)."""
    files = [a.file for a in academies if a.file] + ([own.file] if own and own.file else [])
    if not files:
        return "sendreview validate"
    root = PurePath(files[0]).parent.parent.parent
    return f"sendreview validate {shlex.quote(root.as_posix())}"


def focus_caveat(academy: Academy, areas: Sequence[FocusArea]) -> str:
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
