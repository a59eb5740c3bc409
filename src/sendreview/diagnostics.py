"""The one problem type that every check returns and every output format prints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a file, with a position a person can go to.

    ``line`` and ``column`` are 1-based; 0 means the problem is about the whole file.
    ``path`` is the data path (``responses.leadership-1.rating``) where one is known, so a
    message can name the place even when the file is not YAML we could read.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    path: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
            "path": self.path,
        }

    def with_severity(self, severity: Severity) -> Diagnostic:
        return replace(self, severity=severity)


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.code)


@dataclass
class Report:
    """The outcome of a check over some files: what was read and what was found."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for d in self.diagnostics if not d.is_error)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=sort_key)
