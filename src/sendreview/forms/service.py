"""The work of ``sendreview form`` and ``sendreview import``: the CLI parses, this does.

Neither function prints. :func:`write_forms` returns what it wrote; :func:`plan_import`
returns what an import found and would change, and :func:`apply_import` writes it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from sendreview.checks.pipeline import Options
from sendreview.diagnostics import Report
from sendreview.errors import RefusedError, SendReviewError, UsageError
from sendreview.files import (
    check_replaceable,
    repository_lock,
    repository_of,
    write_atomic,
)
from sendreview.forms.compare import Change, answers_of, changes, has_answers
from sendreview.forms.merge import OnConflict, merge, read_record, record_path, record_text
from sendreview.forms.meta import FormMeta, read_meta
from sendreview.forms.opening import WorkbookError, read_workbook
from sendreview.forms.reader import read_answers
from sendreview.forms.values import wrap_paragraphs
from sendreview.model import Framework, Review, Trust
from sendreview.model.cycles import check_cycle_name
from sendreview.model.trust import TRUST_ID
from sendreview.prose import choose_by_id_or_name, did_you_mean_item, normalise_id, plural
from sendreview.render.formats import STDOUT
from sendreview.render.reports import safe_filename
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import SCHEMAS_DIR, TRUST_FILE, Repository, display_path
from sendreview.repository.reviews import load_review
from sendreview.source.json_schema import review_schema_name
from sendreview.source.loader import load_model, to_model
from sendreview.source.review_writer import render_review
from sendreview.source.yaml_reader import load_yaml, parse_yaml

FORMS_DIR = "forms"


@dataclass(frozen=True)
class Subject:
    """Whose review a form is: an academy, or the trust itself (id ``trust``)."""

    id: str
    name: str
    framework: Framework

    @property
    def academy(self) -> str | None:
        return None if self.id == TRUST_ID else self.id


# ---- sendreview form ----------------------------------------------------------------------


@dataclass(frozen=True)
class FormRequest:
    root: Path
    #: None: the only cycle in the repository.
    cycle: str | None
    academy: str | None = None
    out_dir: Path | None = None
    from_cycle: str | None = None
    force: bool = False


@dataclass(frozen=True)
class WrittenForm:
    path: Path
    subject: Subject
    #: The review file the answers came from, if any.
    source: Path | None = None
    #: True when the answers were carried forward from another cycle.
    carried: bool = False


@dataclass
class FormResult:
    written: list[WrittenForm] = field(default_factory=list)
    #: The cycle the forms are for (the only one, when none was asked for).
    cycle: str = ""
    #: The repository the forms belong to, for the command that imports them.
    root: Path = Path(".")
    notes: list[str] = field(default_factory=list)
    #: The workbook itself, when it was asked for on standard output (``-o -``).
    data: bytes | None = None


#: ``-o -``: the one workbook asked for goes to standard output instead of a folder.


def write_forms(request: FormRequest) -> FormResult:
    """One workbook per academy (or the one asked for). Writes none if any would overwrite."""
    from sendreview.forms.writer import FormSource, build_workbook

    repo = Repository.at(request.root)
    request = replace(request, cycle=repo.cycle_or_only(request.cycle))
    assert request.cycle is not None
    check_cycle_name(request.cycle)
    trust = repo.load_trust()
    registry = FrameworkRegistry.for_repository(repo.root)
    if request.from_cycle is not None and request.from_cycle not in repo.cycles():
        raise UsageError(
            f"There are no reviews for cycle '{request.from_cycle}' to carry forward.",
            f"Cycles in this repository: {', '.join(repo.cycles())}.",
        )
    folder = request.out_dir or Path(FORMS_DIR) / safe_filename(request.cycle)
    subjects = _subjects(trust, registry, request.academy)
    # '-o castlegate.xlsx' names the workbook itself: one form, written under that name.
    named = folder.suffix.lower() == ".xlsx"
    if named and len(subjects) != 1:
        raise UsageError(
            f"'{folder}' names one workbook, and this would write {len(subjects)}.",
            "Add --academy ID for one academy's form, or give -o a folder for them all.",
        )
    result = FormResult(cycle=request.cycle, root=repo.root)
    planned: list[tuple[WrittenForm, bytes]] = []
    for subject in subjects:
        review, written = _prefill(repo, registry, trust, subject, request, result.notes)
        target = folder if named else folder / (safe_filename(subject.id, request.cycle) + ".xlsx")
        # The base is what the review file holds now: for a form carried forward from an
        # earlier cycle, that is this cycle's (blank) review, not the answers carried.
        base = review if not written[1] else _current(repo, registry, trust, subject, request)
        data = build_workbook(
            FormSource(trust.trust, subject.framework, review, subject.name, base=base)
        )
        planned.append((WrittenForm(target, subject, *written), data))
    if request.out_dir == STDOUT:
        if len(planned) != 1:
            raise UsageError(
                "'-o -' writes one workbook to standard output, and this would write "
                f"{len(planned)}.",
                "Add --academy ID to choose the academy (or --academy trust).",
            )
        form, data = planned[0]
        result.written.append(WrittenForm(STDOUT, form.subject, form.source, form.carried))
        result.data = data
        return result
    existing = [form.path for form, _ in planned if os.path.lexists(form.path)]
    if existing and not request.force:
        raise RefusedError(
            f"{plural(len(existing), 'form')} already there: "
            + ", ".join(display_path(p) for p in existing[:3])
            + (" ..." if len(existing) > 3 else "")
            + ".",
            "Add --force to replace them, or choose another folder with -o.",
        )
    for form, _ in planned:
        check_replaceable(form.path)
    for form, data in planned:
        write_atomic(form.path, data, overwrite=request.force)
        result.written.append(form)
    return result


def _subjects(trust: Trust, registry: FrameworkRegistry, wanted: str | None) -> list[Subject]:
    if wanted is not None and normalise_id(wanted) == TRUST_ID:
        if trust.frameworks.trust is None:
            raise UsageError(
                f"{trust.trust} has no trust-level framework, so there is no trust-level form.",
                "Leave out --academy trust.",
            )
        return [Subject(TRUST_ID, trust.trust, registry.require(trust.frameworks.trust))]
    framework = registry.require(trust.frameworks.academy)
    if wanted is None:
        if not trust.academies:
            raise UsageError(
                f"{trust.trust} has no academies in {TRUST_FILE}.",
                "Add them with 'sendreview new'.",
            )
        return [Subject(a.id, a.name, framework) for a in trust.academies]
    items = [(a.id, a.name) for a in trust.academies]
    academy = trust.academy(choose_by_id_or_name(wanted, items) or wanted)
    if academy is None:
        raise UsageError(
            f"'{wanted}' is not an academy of {trust.trust}.",
            did_you_mean_item(wanted, items)
            + "Academies: "
            + ", ".join(a.id for a in trust.academies)
            + (f", or '{TRUST_ID}' for the trust's own review." if trust.frameworks.trust else "."),
        )
    return [Subject(academy.id, academy.name, framework)]


def _prefill(
    repo: Repository,
    registry: FrameworkRegistry,
    trust: Trust,
    subject: Subject,
    request: FormRequest,
    notes: list[str],
) -> tuple[Review, tuple[Path | None, bool]]:
    """The answers a form starts with: this cycle's, else the previous cycle's, else none."""
    current = repo.review_file(request.cycle, subject.id)
    review = _read_for_form(current, registry, trust, subject) if current.is_file() else None
    if review is not None and (has_answers(review) or request.from_cycle is None):
        if request.from_cycle is not None:
            notes.append(
                f"{subject.name}: kept the answers already in {display_path(current)}; "
                f"nothing carried forward from {request.from_cycle}."
            )
        # A blank review from 'sendreview new' is where the form starts, not a pre-filling.
        return review, (current if has_answers(review) else None, False)
    if request.from_cycle is not None:
        previous = repo.review_file(request.from_cycle, subject.id)
        if previous.is_file():
            old = _read_for_form(previous, registry, trust, subject)
            carried = old.model_copy(
                update={
                    "cycle": request.cycle,
                    "review_date": None,
                    "moderated_by": None,
                    "framework_version": subject.framework.version,
                }
            )
            return carried, (previous, True)
        notes.append(
            f"{subject.name}: no review in {request.from_cycle} to carry forward; "
            "the form is blank."
        )
    blank = Review(
        framework=subject.framework.id,
        framework_version=subject.framework.version,
        cycle=request.cycle,
        academy=subject.academy,
    )
    return review or blank, (None, False)


def _current(
    repo: Repository,
    registry: FrameworkRegistry,
    trust: Trust,
    subject: Subject,
    request: FormRequest,
) -> Review:
    """This cycle's review as it is now (blank when there is no file)."""
    current = repo.review_file(request.cycle, subject.id)
    if current.is_file():
        return _read_for_form(current, registry, trust, subject)
    return Review(framework=subject.framework.id, cycle=request.cycle, academy=subject.academy)


def _read_for_form(
    path: Path, registry: FrameworkRegistry, trust: Trust, subject: Subject
) -> Review:
    loaded = load_review(path, registry, trust)
    if loaded.review is None:
        first = next(d for d in loaded.diagnostics if d.is_error)
        raise RefusedError(
            f"{first.location()}: {first.message}",
            "Fix this review first ('sendreview validate' lists every problem).",
        )
    if loaded.review.framework != subject.framework.id:
        raise RefusedError(
            f"{display_path(path)} is a {loaded.review.framework} review, but "
            f"{trust.trust} uses {subject.framework.id}.",
            "Correct 'framework' in the review or in sendreview.yaml.",
        )
    return loaded.review


# ---- sendreview import --------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRequest:
    workbook: Path
    root: Path = Path(".")
    cycle: str | None = None
    #: Unfinished work is always imported (its gaps are warnings); ``allow_incomplete``
    #: here changes nothing, and ``validate`` stays the gate.
    options: Options = Options()
    on_conflict: OnConflict = OnConflict.REFUSE


@dataclass
class ImportPlan:
    """What a returned form holds, what is wrong with it, and what importing would change."""

    workbook: str
    target: Path
    subject: Subject
    #: The review to write: the form's answers, except those settled for the YAML.
    review: Review
    report: Report
    changes: list[Change]
    existing: str | None
    #: Answers changed in the form and, differently, in the YAML (old: YAML, new: form).
    conflicts: list[Change] = field(default_factory=list)
    #: Answers changed only in the YAML since the form was written: kept.
    kept: list[Change] = field(default_factory=list)
    on_conflict: OnConflict = OnConflict.REFUSE
    #: The form was written before forms remembered their starting answers.
    without_base: bool = False
    notes: list[str] = field(default_factory=list)
    #: What to remember of this import (form id, record text), written with the review.
    record: tuple[Path, str] | None = None

    @property
    def blocked(self) -> bool:
        """Errors in the answers: importing would store a wrong or lost answer."""
        return self.report.errors > 0

    @property
    def replaced(self) -> list[Change]:
        return [c for c in self.changes if c.replaces]

    @property
    def unsettled(self) -> bool:
        """Conflicts that neither --force nor --keep-ours has settled."""
        return bool(self.conflicts) and self.on_conflict is OnConflict.REFUSE


def plan_import(request: ImportRequest) -> ImportPlan:
    """Read and check a returned form; nothing is written."""
    from sendreview.forms.checks import check_answers

    display = display_path(request.workbook)
    grids = read_workbook(request.workbook, display)
    meta = read_meta(grids, display)
    repo = Repository.at(request.root)
    trust = repo.load_trust()
    subject = _form_subject(meta, trust, FrameworkRegistry.for_repository(repo.root), display)
    _check_form_cycle(meta, repo, request.cycle, display)
    answers = read_answers(grids, meta, subject.framework, display)
    # Unfinished work comes in, its gaps listed as warnings: validate stays the gate.
    options = replace(request.options, allow_incomplete=True)
    report = Report(
        files=[display],
        diagnostics=check_answers(answers, subject.framework, options, display),
    )
    target = repo.review_file(meta.cycle, subject.id)
    existing, old = _existing(target, subject.framework)
    forms, note = read_record(target) if meta.form_id else ({}, None)
    merged = merge(
        answers.review, old, subject.framework, meta, forms.get(meta.form_id), request.on_conflict
    )
    notes = [note] if note else []
    if merged.without_base and merged.conflicts:
        notes.append(
            "This form was made by an older sendreview, which did not record the answers it "
            "was pre-filled with, so sendreview cannot tell who changed an answer: every "
            "answer it would replace needs --force (or --keep-ours to keep the review's)."
        )
    record = None
    if merged.record and forms.get(meta.form_id) != merged.record:
        record = (record_path(target), record_text(forms, meta.form_id, merged.record))
    return ImportPlan(
        display,
        target,
        subject,
        merged.review,
        report,
        changes(old, merged.review, subject.framework),
        existing,
        conflicts=merged.conflicts,
        kept=merged.kept,
        on_conflict=request.on_conflict,
        without_base=merged.without_base,
        notes=notes,
        record=record,
    )


def _form_subject(
    meta: FormMeta, trust: Trust, registry: FrameworkRegistry, display: str
) -> Subject:
    """The academy (or trust) the form is for, refusing a form that is not this trust's."""
    remake = "Make a new form with 'sendreview form' and copy the answers across."
    if _plain(meta.trust) != _plain(trust.trust):
        raise WorkbookError(
            f"'{display}' is a form for {meta.trust or 'another trust'}, not for {trust.trust}.",
            "Import it into that trust's review repository.",
        )
    if meta.academy is None:
        subject_id, name, expected = TRUST_ID, trust.trust, trust.frameworks.trust
    else:
        academy = trust.academy(meta.academy)
        if academy is None:
            raise WorkbookError(
                f"'{display}' is a form for '{meta.academy}', which is not an "
                f"academy of {trust.trust}.",
                "Add the academy to sendreview.yaml first, or check the file.",
            )
        subject_id, name, expected = academy.id, academy.name, trust.frameworks.academy
    if meta.framework != expected:
        raise WorkbookError(
            f"'{display}' is a {meta.framework} form, but {trust.trust} reviews "
            f"{name} against {expected or 'no framework at this level'}.",
            remake,
        )
    framework = registry.require(meta.framework)
    form_ids = {sid for sid, _ in meta.statements}
    if meta.framework_version != framework.version or (
        form_ids and form_ids != set(framework.statement_ids)
    ):
        raise WorkbookError(
            f"'{display}' was made from version '{meta.framework_version}' of "
            f"{framework.title}, and the repository has version "
            f"'{framework.version}' with different statements.",
            remake,
        )
    return Subject(subject_id, name, framework)


def _check_form_cycle(meta: FormMeta, repo: Repository, cycle: str | None, display: str) -> None:
    if cycle is not None and cycle != meta.cycle:
        raise WorkbookError(
            f"'{display}' is the form for cycle {meta.cycle}, not {cycle}.",
            f"Import the {cycle} form, or leave out --cycle to import this one into {meta.cycle}.",
        )
    if cycle is None and meta.cycle not in repo.cycles():
        raise WorkbookError(
            f"'{display}' is the form for cycle {meta.cycle}, which this "
            "repository does not have yet.",
            f"If {meta.cycle} is a new cycle, add --cycle {meta.cycle} to confirm it.",
        )


def _existing(target: Path, framework: Framework) -> tuple[str | None, Review | None]:
    """The review file's text and answers, if there is one; refuses one it cannot read."""
    if not target.exists():
        return None, None
    review, doc = load_model(target, Review, display_path(target))
    if review is None:
        first = next(d for d in doc.diagnostics if d.is_error)
        raise RefusedError(
            f"{display_path(target)} cannot be read, so it cannot be updated "
            f"safely: {first.location()}: {first.message}",
            "Fix it ('sendreview validate' lists every problem), or move it "
            "aside, then import again.",
        )
    return doc.text, review


def apply_import(plan: ImportPlan, *, force: bool = False) -> bool:
    """Write the imported answers; returns False when there was nothing to change.

    An answer changed both in the form and in the file is written only once the plan says
    which side wins (``--force``, ``--keep-ours``); a read-only file is replaced only with
    ``force`` (and stays read-only). The new text is read back and compared with the form's
    answers before it is written, in one atomic step that keeps the file's permissions.
    The repository is locked meanwhile, and a file changed since the plan was made (by an
    editor, or another import) is left alone rather than overwritten.
    """
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
    if not plan.changes:
        _write_record(plan)
        return False
    text = _new_text(plan)
    written = to_model(parse_yaml(text, display_path(plan.target)), Review)
    if written is None or answers_of(written) != answers_of(plan.review):
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


def _write_record(plan: ImportPlan) -> None:
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


def _unchanged_since_plan(plan: ImportPlan) -> None:
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


def _new_text(plan: ImportPlan) -> str:
    if plan.existing is None:
        schema = f"../../{SCHEMAS_DIR}/{review_schema_name(plan.subject.framework.id)}"
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


# ---- shared -------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())
