"""Whose review a form is, and whether a returned form belongs to this trust at all.

``sendreview form`` writes a form for a subject (an academy, or the trust itself);
``sendreview import`` reads the subject back from the form's hidden sheet and refuses a form
for another trust, another academy list or another version of the framework before reading
a single answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendreview.forms.meta import FormMeta
from sendreview.forms.opening import WorkbookError
from sendreview.model import Framework, Trust
from sendreview.model.trust import TRUST_ID
from sendreview.repository.frameworks import FrameworkRegistry
from sendreview.repository.layout import Repository

_REMAKE = "Make a new form with 'sendreview form' and copy the answers across."


@dataclass(frozen=True)
class Subject:
    """Whose review a form is: an academy, or the trust itself (id ``trust``)."""

    id: str
    name: str
    framework: Framework

    @property
    def academy(self) -> str | None:
        return None if self.id == TRUST_ID else self.id


def form_subject(
    meta: FormMeta, trust: Trust, registry: FrameworkRegistry, display: str
) -> Subject:
    """The academy (or trust) the form is for, refusing a form that is not this trust's."""
    if _plain(meta.trust) != _plain(trust.trust):
        raise WorkbookError(
            f"'{display}' is a form for {meta.trust or 'another trust'}, not for {trust.trust}.",
            "Import it into that trust's review repository.",
        )
    subject_id, name, expected = _named(meta, trust, display)
    if meta.framework != expected:
        raise WorkbookError(
            f"'{display}' is a {meta.framework} form, but {trust.trust} reviews "
            f"{name} against {expected or 'no framework at this level'}.",
            _REMAKE,
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
            _REMAKE,
        )
    return Subject(subject_id, name, framework)


def _named(meta: FormMeta, trust: Trust, display: str) -> tuple[str, str, str | None]:
    """The subject's id and name, and the framework the trust reviews it against."""
    if meta.academy is None:
        return TRUST_ID, trust.trust, trust.frameworks.trust
    academy = trust.academy(meta.academy)
    if academy is None:
        raise WorkbookError(
            f"'{display}' is a form for '{meta.academy}', which is not an "
            f"academy of {trust.trust}.",
            "Add the academy to sendreview.yaml first, or check the file.",
        )
    return academy.id, academy.name, trust.frameworks.academy


def check_form_cycle(meta: FormMeta, repo: Repository, cycle: str | None, display: str) -> None:
    """Refuse a form for another cycle than the one asked for, or for a cycle the
    repository does not have unless it is asked for by name."""
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


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())
