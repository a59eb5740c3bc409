"""``sendreview form --moderation``: a moderator's workbook for each academy's review.

The moderator rates the academy's statements beside the academy's own answers; their form is
pre-filled from the moderation file (``reviews/<cycle>/moderation/<academy>.yaml``) when
there is one, and remembers what it held so that ``sendreview import`` can tell who changed
what. Only an academy with a review of the cycle can be moderated.
"""

from __future__ import annotations

from pathlib import Path

from sendreview.commands.form import FormRequest, Sources, read_for_form
from sendreview.errors import RefusedError, UsageError
from sendreview.forms.moderation_compare import blank_moderation
from sendreview.forms.results import WrittenForm
from sendreview.forms.subject import Subject
from sendreview.model.moderation import Moderation
from sendreview.model.trust import TRUST_ID
from sendreview.prose import plural
from sendreview.repository.layout import display_path
from sendreview.source.loader import load_model


def moderated_subjects(
    sources: Sources, subjects: list[Subject], request: FormRequest
) -> list[Subject]:
    """The academies to write moderation forms for: those asked for that have a review."""
    if not request.moderation:
        raise UsageError(
            "--by names the moderator, so it is for a moderation form.",
            "Add --moderation, or leave out --by for the SENCOs' forms.",
        )
    if request.from_cycle is not None:
        raise UsageError(
            "A moderation form starts from this cycle's review, not from another cycle's.",
            "Leave out --from-cycle.",
        )
    if any(s.id == TRUST_ID for s in subjects):
        raise UsageError(
            "Moderation is of an academy's own review, not the trust's.",
            "Give --academy the academy whose review is moderated.",
        )
    reviewed = [s for s in subjects if sources.repo.review_file(sources.cycle, s.id).is_file()]
    if reviewed:
        return reviewed
    if request.academy is not None:
        raise RefusedError(
            f"{subjects[0].name} has no review for {sources.cycle}, so there is nothing "
            "to moderate yet.",
            "The academy's review comes first: 'sendreview form' makes the SENCO's form.",
        )
    raise RefusedError(
        f"No academy has a review for {sources.cycle} yet, so there is nothing to moderate.",
        "The academies' reviews come first: 'sendreview form' makes the SENCOs' forms.",
    )


def plan_moderation(
    sources: Sources, subject: Subject, target: Path, by: str | None, notes: list[str]
) -> tuple[WrittenForm, bytes]:
    """The moderation form for ``subject``, made in memory."""
    from sendreview.forms.moderation_writer import ModerationSource, build_moderation_workbook

    review = read_for_form(sources.repo.review_file(sources.cycle, subject.id), sources, subject)
    path = sources.repo.moderation_file(sources.cycle, subject.id)
    existing = _read_moderation(path, sources, subject) if path.is_file() else None
    base = existing or blank_moderation(subject.framework, sources.cycle, subject.id)
    moderation = base
    if by is not None and by.strip() and by.strip() != base.moderator.role:
        if base.moderator.role:
            notes.append(
                f"{subject.name}: the form names the moderator as {by.strip()}; "
                f"{display_path(path)} says {base.moderator.role}."
            )
        moderator = base.moderator.model_copy(update={"role": by.strip()})
        moderation = base.model_copy(update={"moderator": moderator})
    data = build_moderation_workbook(
        ModerationSource(sources.trust, subject.framework, review, moderation, subject.name, base)
    )
    return WrittenForm(target, subject, path if existing else None), data


def _read_moderation(path: Path, sources: Sources, subject: Subject) -> Moderation:
    """A moderation file to pre-fill the form from; refuses one that cannot be read or that
    is for another framework, academy or cycle, since its ratings would land wrongly."""
    shown = display_path(path)
    moderation, doc = load_model(path, Moderation, shown)
    if moderation is None:
        errors = [d for d in doc.diagnostics if d.is_error]
        raise RefusedError(
            f"{errors[0].location()}: {errors[0].message}"
            + (f" (and {plural(len(errors) - 1, 'more problem')})" if len(errors) > 1 else ""),
            "Fix the moderation file first ('sendreview validate' lists every problem).",
        )
    found = (moderation.framework, moderation.academy, moderation.cycle)
    wanted = (subject.framework.id, subject.id, sources.cycle)
    if found != wanted:
        raise RefusedError(
            f"{shown} is a moderation of {found[1]} in {found[2]} against {found[0]}, but "
            f"it sits where the moderation of {wanted[1]} in {wanted[2]} against "
            f"{wanted[0]} belongs.",
            "Correct 'framework', 'academy' and 'cycle' in the file, or move it.",
        )
    return moderation
