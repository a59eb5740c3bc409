"""What ``sendreview form`` and ``sendreview import`` return, for the CLI to show.

The commands (:mod:`sendreview.commands.form`, :mod:`sendreview.commands.import_review`)
make these and never print; the terminal renderer (:mod:`sendreview.render.terminal_forms`)
reads them. They live here, below both, so that rendering never imports a command.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic

from sendreview.diagnostics import Report
from sendreview.forms.compare import Change, Doc
from sendreview.forms.merge import OnConflict
from sendreview.forms.subject import Subject


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
    #: Moderators' forms (``form --moderation``), to be sent to the moderators.
    moderation: bool = False


@dataclass
class ImportPlan(Generic[Doc]):
    """What a returned form holds, what is wrong with it, and what importing would change.

    ``Doc`` is what the form fills in: a :class:`~sendreview.model.Review`, or for a
    moderation form a :class:`~sendreview.model.moderation.Moderation`.
    """

    workbook: str
    target: Path
    subject: Subject
    #: The review (or moderation) to write: the form's answers, except those settled for
    #: the YAML.
    review: Doc
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
