"""What every check is given: the review, where each part of it was written, and what it is
checked against.

A check never reads a file and never asks what kind of file the review came from: a YAML
file and a returned Excel form both answer :class:`Places`, so the same checks place their
problems at a line and column or at a sheet and cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sendreview.diagnostics import Diagnostic, Location, Severity
from sendreview.model import Framework, Review, Trust
from sendreview.source.yaml_document import DataPath, format_path


class Places(Protocol):
    """Where each part of a review was written, and which parts were already reported."""

    @property
    def file(self) -> str:
        """The file as a person should see it named."""
        ...

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """The place of a data path, or of its nearest parent that has one; ``key`` asks
        for the key rather than its value, where the two differ."""
        ...

    def locate_text(self, path: DataPath, found: Sequence[str]) -> list[Location]:
        """The place of each of ``found`` (pieces of the text at ``path``, in order)."""
        ...

    def written(self, path: DataPath) -> bool:
        """True when the file has a place for this part (even an empty one)."""
        ...

    def is_dropped(self, path: DataPath, *, inside: bool = False) -> bool:
        """True for a part left out of the review because its problem is already reported,
        and for anything in such a part; with ``inside``, also when something in this part
        was left out."""
        ...

    def already_reported(self, path: str) -> bool:
        """True when a problem at this data path would repeat one already reported."""
        ...


class FrameworkLookup(Protocol):
    """The frameworks a repository knows: what the framework check needs of the registry."""

    def get(self, framework_id: str) -> Framework | None: ...

    def suggest(self, framework_id: str) -> str: ...


@dataclass(frozen=True)
class CheckContext:
    """One review and everything a check may compare it with.

    ``framework`` is None when the review names a framework nobody has: then only the rules
    that need no framework run (the framework rule reports it, privacy still looks).
    ``file`` is the file on disk, for the checks of its name and folder; None for a review
    read from a form. ``cycle_folder`` is the name of the cycle folder the file sits in within
    a repository's reviews folder, None elsewhere: the repository layer knows its layout, so
    the checks never guess it from folder names. ``previous`` is the same academy's reviews
    of the cycles before this one, newest first (the previous cycle's, then the one before
    it), as far back as each could be read; empty where nobody looked (a form, ``aggregate``)
    or there is no earlier cycle, so the rules that compare cycles simply find nothing.
    """

    review: Review
    places: Places
    framework: Framework | None = None
    trust: Trust | None = None
    file: Path | None = None
    frameworks: FrameworkLookup | None = None
    cycle_folder: str | None = None
    previous: tuple[Review, ...] = ()

    @property
    def known_framework(self) -> Framework:
        """The framework, for a rule that runs only when there is one."""
        if self.framework is None:
            raise ValueError("this rule runs only on a review whose framework is known")
        return self.framework

    def problem(
        self,
        code: str,
        message: str,
        hint: str = "",
        *,
        path: DataPath = (),
        key: bool = False,
        severity: Severity = Severity.ERROR,
    ) -> Diagnostic:
        """A problem placed where ``path`` was written."""
        where = self.places.locate(path, key=key)
        return Diagnostic.at(where, code, severity, message, hint, format_path(path))


@dataclass(frozen=True)
class Rule:
    """One check, as the registry lists it (yamllint's rules declare themselves the same way).

    ``codes`` are every code the check can report, so the catalogue can be checked against
    the checks; ``needs_framework`` rules are skipped when the review's framework is unknown
    (that is reported once, by the framework rule, not once per rule).
    """

    id: str
    codes: frozenset[str]
    check: Callable[[CheckContext], Iterable[Diagnostic]]
    needs_framework: bool = True

    def __call__(self, context: CheckContext) -> Iterable[Diagnostic]:
        return self.check(context)


def rule(
    rule_id: str, *codes: str, needs_framework: bool = True
) -> Callable[[Callable[[CheckContext], Iterable[Diagnostic]]], Rule]:
    """Declare a function ``check(context)`` as a rule with its id and codes."""

    def declare(check: Callable[[CheckContext], Iterable[Diagnostic]]) -> Rule:
        return Rule(rule_id, frozenset(codes), check, needs_framework)

    return declare
