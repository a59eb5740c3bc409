"""``sendreview form``: a fillable Excel workbook per academy, pre-filled from its review.

Returns what it wrote (or, for ``-o -``, the one workbook's bytes) and never prints; the CLI
says what happened. A form starts from this cycle's answers, or with ``--from-cycle`` from an
earlier cycle's, and remembers the answers it started from so that ``sendreview import`` can
tell who changed what. No form is written if any would overwrite a file without ``--force``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sendreview.errors import RefusedError, UsageError
from sendreview.files import check_replaceable, write_atomic
from sendreview.forms.compare import answers_of, has_answers
from sendreview.forms.results import FormResult, WrittenForm
from sendreview.forms.subject import Subject
from sendreview.model import Review, Trust
from sendreview.model.cycles import check_cycle_name
from sendreview.model.trust import TRUST_ID
from sendreview.prose import choose_by_id_or_name, did_you_mean_item, normalise_id, plural
from sendreview.render.formats import STDOUT
from sendreview.render.reports import safe_filename
from sendreview.repository.carry import carry_forward
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import FORMS_DIR, TRUST_FILE, Repository, display_path
from sendreview.repository.reviews import load_review


@dataclass(frozen=True)
class FormRequest:
    root: Path
    #: None: the only cycle in the repository.
    cycle: str | None
    academy: str | None = None
    #: A folder for the forms, one workbook's name (``castlegate.xlsx``), or ``-`` for
    #: standard output.
    out_dir: Path | None = None
    from_cycle: str | None = None
    force: bool = False
    #: A moderator's form (``--moderation``) instead of the SENCO's, for academies with a
    #: review; ``by``: the moderator's role to fill in (``--by``).
    moderation: bool = False
    by: str | None = None


#: A form to write and its bytes.
_Planned = tuple[WrittenForm, bytes]


@dataclass(frozen=True)
class Sources:
    """Where a form's answers come from: the repository, and the cycle the form is for
    (``from_cycle``: the earlier cycle whose answers a blank review starts from)."""

    repo: Repository
    registry: FrameworkRegistry
    trust: Trust
    cycle: str
    from_cycle: str | None = None


def write_forms(request: FormRequest) -> FormResult:
    """One workbook per academy (or the one asked for). Writes none if any would overwrite."""
    repo = Repository.at(request.root)
    cycle = repo.cycle_or_only(request.cycle)
    check_cycle_name(cycle)
    trust = repo.load_trust()
    registry = FrameworkRegistry.for_repository(repo.root)
    sources = Sources(repo, registry, trust, cycle, request.from_cycle)
    if request.from_cycle is not None and request.from_cycle not in repo.cycles():
        raise UsageError(
            f"There are no reviews for cycle '{request.from_cycle}' to carry forward.",
            f"Cycles in this repository: {', '.join(repo.cycles())}.",
        )
    folder = request.out_dir or Path(FORMS_DIR) / safe_filename(cycle)
    subjects = _subjects(trust, registry, request.academy)
    if request.moderation or request.by is not None:
        from sendreview.commands.form_moderation import moderated_subjects

        subjects = moderated_subjects(sources, subjects, request)
    # '-o castlegate.xlsx' names the workbook itself: one form, written under that name.
    named = folder.suffix.lower() == ".xlsx"
    if named and len(subjects) != 1:
        raise UsageError(
            f"'{folder}' names one workbook, and this would write {len(subjects)}.",
            "Add --academy ID for one academy's form, or give -o a folder for them all.",
        )
    result = FormResult(cycle=cycle, root=repo.root, moderation=request.moderation)
    planned = []
    for subject in subjects:
        target = folder if named else folder / (_stem(subject, cycle, request) + ".xlsx")
        planned.append(_plan(sources, subject, target, request, result.notes))
    if request.out_dir == STDOUT:
        return _to_stdout(result, planned)
    _write(planned, request.force, result)
    return result


def _stem(subject: Subject, cycle: str, request: FormRequest) -> str:
    """A form's file name without its suffix; a moderation form's says so, so that it never
    replaces the SENCO's form in the same folder."""
    return safe_filename(subject.id, cycle, "moderation" if request.moderation else "")


def _plan(
    sources: Sources, subject: Subject, target: Path, request: FormRequest, notes: list[str]
) -> _Planned:
    """The form for ``subject``, made in memory: nothing is written until every form is."""
    from sendreview.forms.writer import FormSource, build_workbook

    if request.moderation:
        from sendreview.commands.form_moderation import plan_moderation

        return plan_moderation(sources, subject, target, request.by, notes)

    review, written = _prefill(sources, subject, notes)
    # The base is what the review file holds now: for a form carried forward from an
    # earlier cycle, that is this cycle's (blank) review, not the answers carried.
    base = review if not written[1] else _current(sources, subject)
    data = build_workbook(
        FormSource(sources.trust.trust, subject.framework, review, subject.name, base=base)
    )
    return WrittenForm(target, subject, *written), data


def _to_stdout(result: FormResult, planned: list[_Planned]) -> FormResult:
    """``-o -``: the one workbook asked for, returned instead of written."""
    if len(planned) != 1:
        raise UsageError(
            f"'-o -' writes one workbook to standard output, and this would write {len(planned)}.",
            "Add --academy ID to choose the academy (or --academy trust).",
        )
    form, data = planned[0]
    result.written.append(WrittenForm(STDOUT, form.subject, form.source, form.carried))
    result.data = data
    return result


def _write(planned: list[_Planned], force: bool, result: FormResult) -> None:
    """Write every form, or none if one would replace a file without ``force``."""
    existing = [form.path for form, _ in planned if os.path.lexists(form.path)]
    if existing and not force:
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
        write_atomic(form.path, data, overwrite=force)
        result.written.append(form)


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
    sources: Sources, subject: Subject, notes: list[str]
) -> tuple[Review, tuple[Path | None, bool]]:
    """The answers a form starts with: this cycle's, else the previous cycle's, else none;
    and (the file they came from, whether they were carried forward)."""
    current = sources.repo.review_file(sources.cycle, subject.id)
    review = read_for_form(current, sources, subject) if current.is_file() else None
    since = sources.from_cycle
    if review is not None and (since is None or _answered(review, since, sources, subject)):
        if since is not None:
            notes.append(
                f"{subject.name}: kept the answers already in {display_path(current)}; "
                f"nothing carried forward from {since}."
            )
        # A blank review from 'sendreview new' is where the form starts, not a pre-filling.
        return review, (current if has_answers(review) else None, False)
    if since is not None:
        previous = sources.repo.review_file(since, subject.id)
        if previous.is_file():
            old = read_for_form(previous, sources, subject)
            return _carried(old, sources, subject), (previous, True)
        notes.append(f"{subject.name}: no review in {since} to carry forward; the form is blank.")
    blank = Review(
        framework=subject.framework.id,
        framework_version=subject.framework.version,
        cycle=sources.cycle,
        academy=subject.academy,
    )
    return review or blank, (None, False)


def _answered(review: Review, since: str, sources: Sources, subject: Subject) -> bool:
    """Whether this cycle's review holds answers of its own: more than the unfinished
    actions 'sendreview new' carried into it from ``since``, which a form carried forward
    from ``since`` holds as well."""
    if not has_answers(review):
        return False
    previous = sources.repo.review_file(since, subject.id)
    if not previous.is_file():
        return True
    old = load_review(previous, sources.registry, sources.trust).review
    if old is None or old.framework != subject.framework.id:
        return True
    started = carry_forward(old, sources.cycle, subject.framework, answers=False).review
    return answers_of(review) != answers_of(started)


def _carried(old: Review, sources: Sources, subject: Subject) -> Review:
    """An earlier cycle's answers as this cycle's starting point, as ``new --carry-answers``
    makes it: not yet dated or moderated, and only the actions not yet done, each naming
    the cycle it was first promised in."""
    return carry_forward(old, sources.cycle, subject.framework, answers=True).review


def _current(sources: Sources, subject: Subject) -> Review:
    """This cycle's review as it is now (blank when there is no file)."""
    current = sources.repo.review_file(sources.cycle, subject.id)
    if current.is_file():
        return read_for_form(current, sources, subject)
    return Review(framework=subject.framework.id, cycle=sources.cycle, academy=subject.academy)


def read_for_form(path: Path, sources: Sources, subject: Subject) -> Review:
    """A review to pre-fill a form from; refuses one that cannot be read or that is for
    another framework, since its answers would land in the wrong statements."""
    loaded = load_review(path, sources.registry, sources.trust)
    if loaded.review is None:
        first = next(d for d in loaded.diagnostics if d.is_error)
        raise RefusedError(
            f"{first.location()}: {first.message}",
            "Fix this review first ('sendreview validate' lists every problem).",
        )
    if loaded.review.framework != subject.framework.id:
        raise RefusedError(
            f"{display_path(path)} is a {loaded.review.framework} review, but "
            f"{sources.trust.trust} uses {subject.framework.id}.",
            "Correct 'framework' in the review or in sendreview.yaml.",
        )
    return loaded.review
