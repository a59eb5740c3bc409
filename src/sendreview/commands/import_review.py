"""``sendreview import``: read a returned form, check it, and change only what it changed.

:func:`plan_import` reads and checks the workbook and works out what importing would change,
writing nothing; :func:`apply_import` writes that plan. Neither prints: the CLI shows the plan
(``--dry-run`` stops there) and the result. An answer changed both in the form and in the
YAML since the form was written is a conflict, settled only by ``--force`` (the form's) or
``--keep-ours`` (the file's).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypedDict

from sendreview.checks.pipeline import Options
from sendreview.diagnostics import Report
from sendreview.errors import RefusedError, SendReviewError, UsageError
from sendreview.files import repository_lock, repository_of, write_atomic
from sendreview.forms.compare import REVIEW_ANSWERS, Change, Doc, Kind, answers_of, changes
from sendreview.forms.layout import MODERATION_KIND
from sendreview.forms.merge import (
    Merge,
    OnConflict,
    merge,
    read_record,
    record_path,
    record_text,
)
from sendreview.forms.meta import FormMeta, read_meta
from sendreview.forms.opening import read_workbook
from sendreview.forms.reader import read_answers
from sendreview.forms.results import ImportPlan
from sendreview.forms.subject import check_form_cycle, form_subject
from sendreview.forms.values import wrap_paragraphs
from sendreview.model import Framework, Review
from sendreview.model.moderation import Moderation
from sendreview.prose import plural
from sendreview.repository.carry import previous_review, promised_before
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository, display_path, review_schema_link
from sendreview.source.loader import M, load_model, to_model
from sendreview.source.review_writer import render_review
from sendreview.source.yaml_reader import load_yaml, parse_yaml


@dataclass(frozen=True)
class ImportRequest:
    workbook: Path
    root: Path = Path(".")
    cycle: str | None = None
    #: Unfinished work is always imported (its gaps are warnings); ``allow_incomplete``
    #: here changes nothing, and ``validate`` stays the gate.
    options: Options = Options()
    on_conflict: OnConflict = OnConflict.REFUSE

    @classmethod
    def from_flags(
        cls,
        workbook: Path,
        root: Path,
        cycle: str | None,
        *,
        strict: bool,
        force: bool,
        keep_ours: bool,
    ) -> ImportRequest:
        """The request the command line's flags make: ``--force`` takes the form's answer
        where both sides changed it, ``--keep-ours`` the review's; asking for both is a
        mistake to name before anything is read."""
        if force and keep_ours:
            raise UsageError(
                "--force and --keep-ours say opposite things.",
                "Choose one: --force takes the form's answers, --keep-ours keeps the review's.",
            )
        rule = OnConflict.FORM if force else OnConflict.OURS if keep_ours else OnConflict.REFUSE
        return cls(workbook, root, cycle, Options(strict=strict), rule)


def plan_import(request: ImportRequest) -> ImportPlan[Any]:
    """Read and check a returned form; nothing is written. A moderation form is planned
    into its moderation file (:mod:`sendreview.commands.import_moderation`)."""
    from sendreview.forms.checks import check_answers

    display = display_path(request.workbook)
    grids = read_workbook(request.workbook, display)
    meta = read_meta(grids, display)
    if meta.kind == MODERATION_KIND:
        from sendreview.commands.import_moderation import plan_moderation_import

        return plan_moderation_import(request, grids, meta, display)
    repo = Repository.at(request.root)
    trust = repo.load_trust()
    subject = form_subject(meta, trust, FrameworkRegistry.for_repository(repo.root), display)
    check_form_cycle(meta, repo, request.cycle, display)
    answers = read_answers(grids, meta, subject.framework, display)
    # Unfinished work comes in, its gaps listed as warnings: validate stays the gate.
    options = replace(request.options, allow_incomplete=True)
    report = Report(
        files=[display],
        diagnostics=check_answers(answers, subject.framework, options, display),
    )
    target = repo.review_file(meta.cycle, subject.id)
    existing, old = existing_doc(target, Review)
    sides = (answers.review, old)
    merged, settling = merge_form(request, meta, target, sides, subject.framework, REVIEW_ANSWERS)
    review = merged.review
    if existing is None:
        review = promised_before(review, previous_review(repo, meta.cycle, subject.id))
    return ImportPlan(
        display,
        target,
        subject,
        review,
        report,
        changes(old, merged.review, subject.framework),
        existing,
        **settling,
    )


class Settling(TypedDict):
    """How an import settles the answers both sides changed, and what it remembers: the
    part of an :class:`ImportPlan` a review form and a moderation form make alike."""

    conflicts: list[Change]
    kept: list[Change]
    on_conflict: OnConflict
    without_base: bool
    notes: list[str]
    record: tuple[Path, str] | None


def merge_form(
    request: ImportRequest,
    meta: FormMeta,
    target: Path,
    sides: tuple[Doc, Doc | None],
    framework: Framework,
    kind: Kind[Doc],
) -> tuple[Merge[Doc], Settling]:
    """The form's answers merged with the file's (``sides``: the form's, then the file's)
    since the form was written, as this form's import record beside ``target`` remembers
    them; and how the plan settles what both changed."""
    form, old = sides
    forms, note = read_record(target) if meta.form_id else ({}, None)
    previous = forms.get(meta.form_id)
    merged = merge(form, old, framework, meta, previous, request.on_conflict, kind)
    settling = Settling(
        conflicts=merged.conflicts,
        kept=merged.kept,
        on_conflict=request.on_conflict,
        without_base=merged.without_base,
        notes=import_notes(note, merged.without_base and bool(merged.conflicts)),
        record=new_record(target, forms, meta.form_id, merged.record),
    )
    return merged, settling


def new_record(
    target: Path, forms: dict[str, Any], form_id: str, entry: dict[str, dict[str, str]]
) -> tuple[Path, str] | None:
    """The import record to write beside ``target``, unless it holds this entry already."""
    if entry and forms.get(form_id) != entry:
        return record_path(target), record_text(forms, form_id, entry)
    return None


def import_notes(record_note: str | None, without_base: bool) -> list[str]:
    """What the CLI should say beside the plan: a note on the import record, and why a form
    from before forms remembered their answers needs --force for every answer it replaces."""
    notes = [record_note] if record_note else []
    if without_base:
        notes.append(
            "This form was made by an older sendreview, which did not record the answers it "
            "was pre-filled with, so sendreview cannot tell who changed an answer: every "
            "answer it would replace needs --force (or --keep-ours to keep the review's)."
        )
    return notes


def existing_doc(target: Path, model: type[M]) -> tuple[str | None, M | None]:
    """The file's text and answers (a review or a moderation), if there is one; refuses one
    it cannot read, since an import would then lose what it holds."""
    if not target.exists():
        return None, None
    found, doc = load_model(target, model, display_path(target))
    if found is None:
        first = next(d for d in doc.diagnostics if d.is_error)
        raise RefusedError(
            f"{display_path(target)} cannot be read, so it cannot be updated "
            f"safely: {first.location()}: {first.message}",
            "Fix it ('sendreview validate' lists every problem), or move it "
            "aside, then import again.",
        )
    return doc.text, found


def apply_import(plan: ImportPlan[Any], *, force: bool = False) -> bool:
    """Write the imported answers; returns False when there was nothing to change.

    An answer changed both in the form and in the file is written only once the plan says
    which side wins (``--force``, ``--keep-ours``); a read-only file is replaced only with
    ``force`` (and stays read-only). The new text is read back and compared with the form's
    answers before it is written, in one atomic step that keeps the file's permissions.
    The repository is locked meanwhile, and a file changed since the plan was made (by an
    editor, or another import) is left alone rather than overwritten.
    """
    _check_settled(plan)
    if not plan.changes:
        _write_record(plan)
        return False
    text, same = _checked_text(plan)
    if not same:
        raise RefusedError(
            f"sendreview could not update {display_path(plan.target)} safely, so "
            "nothing was written.",
            "This is a bug in sendreview: please report it, and copy the answers "
            "into the YAML file by hand for now.",
        )
    root = repository_of(plan.target) or plan.target.parent
    with repository_lock(root):
        _unchanged_since_plan(plan)
        write_atomic(plan.target, text.encode("utf-8"), overwrite=True, replace_read_only=force)
        _write_record(plan)
    return True


def _checked_text(plan: ImportPlan[Any]) -> tuple[str, bool]:
    """The file's new text, and whether it reads back as exactly the answers meant."""
    if isinstance(plan.review, Moderation):
        from sendreview.commands.import_moderation import moderation_text

        return moderation_text(plan)
    text = _new_text(plan)
    written = to_model(parse_yaml(text, display_path(plan.target)), Review)
    return text, written is not None and answers_of(written) == answers_of(plan.review)


def _check_settled(plan: ImportPlan[Any]) -> None:
    """Refuse a plan with errors in the form, or with conflicts nobody has settled."""
    if plan.blocked:
        raise RefusedError(
            "The form has errors, so nothing was written.",
            "Fix the problems listed, then import again.",
        )
    if plan.unsettled:
        raise RefusedError(
            (
                f"The form would replace {plural(len(plan.conflicts), 'answer')} already in "
                if plan.without_base
                else f"{plural(len(plan.conflicts), 'answer')} changed both in the form and in "
            )
            + f"{display_path(plan.target)}, so nothing was written.",
            "Check the conflicts listed above, then import again with --force to take the "
            "form's answers, or with --keep-ours to keep those in the review.",
        )


def _write_record(plan: ImportPlan[Any]) -> None:
    """Remember what this form's import took. Best effort: without the record, a later
    version of the form only has more conflicts to settle, so a failure here is silent."""
    if plan.record is None:
        return
    path, text = plan.record
    if path.parent.is_symlink() or path.is_symlink():
        return  # never follow a link out of the review's folder
    try:
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, text.encode("utf-8"), overwrite=True)
    except (OSError, SendReviewError):
        pass


def _unchanged_since_plan(plan: ImportPlan[Any]) -> None:
    now = (
        load_yaml(plan.target, display_path(plan.target)).text
        if os.path.lexists(plan.target)
        else None
    )
    if now != plan.existing:
        raise RefusedError(
            f"{display_path(plan.target)} changed while the form was being imported, so "
            "nothing was written.",
            "Run the import again: it compares the form with the file as it is now.",
        )


def _new_text(plan: ImportPlan[Review]) -> str:
    if plan.existing is None:
        schema = review_schema_link(plan.subject.framework.id)
        return render_review(
            wrap_review(plan.review),
            plan.subject.framework,
            schema=schema,
            subject_name=plan.subject.name,
        )
    from sendreview.forms.yamlupdate import UpdateError, update_text

    crlf = "\r\n" in plan.existing
    try:
        text = update_text(plan.existing.replace("\r\n", "\n"), plan.review, plan.changes)
    except UpdateError as exc:
        raise RefusedError(
            f"{display_path(plan.target)} cannot be updated safely ({exc}).",
            "Check it with 'sendreview validate', then import again.",
        ) from exc
    return text.replace("\n", "\r\n") if crlf else text


def wrap_review(review: Review) -> Review:
    """The review with long answers broken over lines, so the new file diffs well in git."""
    responses = {
        sid: r.model_copy(
            update={
                "strengths": wrap_paragraphs(r.strengths),
                "areas_for_development": wrap_paragraphs(r.areas_for_development),
            }
        )
        for sid, r in review.responses.items()
    }
    plans = {
        area: plan.model_copy(
            update={
                "summary": wrap_paragraphs(plan.summary),
                "actions": [
                    a.model_copy(
                        update={
                            "action": wrap_paragraphs(a.action),
                            "success_criteria": wrap_paragraphs(a.success_criteria),
                        }
                    )
                    for a in plan.actions
                ],
            }
        )
        for area, plan in review.action_plans.items()
    }
    return review.model_copy(update={"responses": responses, "action_plans": plans})
