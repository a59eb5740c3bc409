"""``sendreview import`` of a moderation form: into ``reviews/<cycle>/moderation/<academy>.yaml``.

The same care as a review form (:mod:`sendreview.commands.import_review`, which hands a
moderation form here and writes the plan made here): a form for another trust, academy or
cycle is refused; every problem is placed at its sheet and cell; only the answers that
changed are written, comments kept; and an answer changed in the file since the form was
written is never overwritten without ``--force``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sendreview.checks.moderation import Expected
from sendreview.checks.pipeline import adjust_severity
from sendreview.diagnostics import Report
from sendreview.errors import RefusedError
from sendreview.forms.meta import FormMeta
from sendreview.forms.moderation_compare import (
    MODERATION_ANSWERS,
    moderation_changes,
    moderation_values,
)
from sendreview.forms.opening import Grid, WorkbookError
from sendreview.forms.reading import Reading
from sendreview.forms.results import ImportPlan
from sendreview.forms.subject import check_form_cycle, form_subject
from sendreview.model import Review, Trust
from sendreview.model.moderation import Moderation
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository, display_path, moderation_schema_link
from sendreview.source.loader import to_model
from sendreview.source.yaml_reader import load_yaml, parse_yaml

if TYPE_CHECKING:
    from sendreview.commands.import_review import ImportRequest


def plan_moderation_import(
    request: ImportRequest, grids: Sequence[Grid], meta: FormMeta, display: str
) -> ImportPlan[Moderation]:
    """Read and check a returned moderation form; nothing is written."""
    from sendreview.commands.import_review import existing_doc, merge_form
    from sendreview.forms.moderation_checks import FormPlaces, check_moderation_form
    from sendreview.forms.moderation_reader import read_moderation

    if meta.academy is None:
        raise WorkbookError(
            f"The form details in '{display}' have been changed (a moderation form with no "
            "academy).",
            "Make a new form with 'sendreview form --moderation' and copy the answers across.",
        )
    repo = Repository.at(request.root)
    trust = repo.load_trust()
    registry = FrameworkRegistry.for_repository(repo.root)
    subject = form_subject(meta, trust, registry, display)
    check_form_cycle(meta, repo, request.cycle, display)
    answers = read_moderation(grids, meta, trust, Reading(subject.framework, display), subject.id)
    target = repo.moderation_file(meta.cycle, subject.id)
    expected = _expected(repo, trust, meta.cycle, subject.id)
    places = FormPlaces(display, answers.cells, answers.flagged)
    found = check_moderation_form(answers.moderation, subject.framework, registry, expected, places)
    # Unfinished work comes in, its gaps listed as warnings: validate stays the gate.
    options = replace(request.options, allow_incomplete=True)
    report = Report(
        files=[display],
        diagnostics=[adjust_severity(d, options) for d in [*answers.diagnostics, *found]],
    )
    existing, old = existing_doc(target, Moderation)
    sides = (answers.moderation, old)
    merged, settling = merge_form(
        request, meta, target, sides, subject.framework, MODERATION_ANSWERS
    )
    return ImportPlan(
        display,
        target,
        subject,
        merged.review,
        report,
        moderation_changes(old, merged.review, subject.framework),
        existing,
        **settling,
    )


def _expected(repo: Repository, trust: Trust, cycle: str, academy: str) -> Expected:
    """What the returned form is checked against: the trust, the cycle, the academy and the
    review it moderates (None, and said so, when the academy has no review)."""
    review_file = repo.review_file(cycle, academy)
    return Expected(
        trust,
        cycle,
        academy,
        repo.moderation_file(cycle, academy).name,
        _review(review_file),
        review_missing=not review_file.is_file(),
    )


def moderation_text(plan: ImportPlan[Moderation]) -> tuple[str, bool]:
    """The moderation file's new text, and whether it reads back as the answers meant."""
    from sendreview.forms.moderation_yaml import update_moderation_text
    from sendreview.forms.yamlupdate import UpdateError
    from sendreview.source.moderation_writer import moderation_text as new_text

    framework = plan.subject.framework
    shown = display_path(plan.target)
    if plan.existing is None:
        review = _own_review(plan) or Review(framework=framework.id, cycle=plan.review.cycle)
        text = new_text(
            plan.review,
            framework,
            review,
            schema_link=moderation_schema_link(framework.id),
            academy_name=plan.subject.name,
        )
    else:
        crlf = "\r\n" in plan.existing
        try:
            text = update_moderation_text(
                plan.existing.replace("\r\n", "\n"), plan.review, framework, plan.changes
            )
        except UpdateError as exc:
            raise RefusedError(
                f"{shown} cannot be updated safely ({exc}).",
                "Check it with 'sendreview validate', then import again.",
            ) from exc
        text = text.replace("\n", "\r\n") if crlf else text
    written = to_model(parse_yaml(text, shown), Moderation)
    same = written is not None and moderation_values(written, framework) == moderation_values(
        plan.review, framework
    )
    return text, same


def _own_review(plan: ImportPlan[Moderation]) -> Review | None:
    """The academy's own review beside the moderation file, for the comments that show its
    answers in a new file."""
    # The moderation folder itself may not be there yet: the repository is found from the
    # nearest folder that is.
    folder = next(p for p in plan.target.parents if p.is_dir())
    return _review(Repository.at(folder).review_file(plan.review.cycle, plan.subject.id))


def _review(path: Path) -> Review | None:
    """An academy's review as far as it can be read, or None where there is none: its own
    problems are its file's, reported by validate."""
    if not path.is_file():
        return None
    return to_model(load_yaml(path, display_path(path)), Review, salvage=True)
