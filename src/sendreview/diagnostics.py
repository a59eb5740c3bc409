"""The one problem type that every check returns and every output format prints."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a problem is: a line and column of a text file, or a sheet and cell of a workbook.

    ``line`` and ``column`` are 1-based; 0 means the whole file (or a place in a workbook,
    which has no lines). ``cell`` is written as Excel writes it (``C7``), so a person can
    type ``sheet!cell`` into Excel's Go To box.
    """

    file: str
    line: int = 0
    column: int = 0
    sheet: str | None = None
    cell: str | None = None

    @classmethod
    def in_workbook(cls, file: str, sheet: str, row: int, column: int) -> Location:
        return cls(file, sheet=sheet, cell=f"{column_letters(column)}{row}")

    @property
    def cell_ref(self) -> str:
        """``'Leadership of SEND'!C7``, or "" outside a workbook."""
        if self.sheet is None or self.cell is None:
            return ""
        return f"{quote_sheet(self.sheet)}!{self.cell}"

    def __str__(self) -> str:
        """``file:12:5``, ``file: 'Leadership of SEND'!C7``, or the file alone."""
        if self.cell_ref:
            return f"{self.file}: {self.cell_ref}"
        return self.in_text_file()

    def in_text_file(self) -> str:
        """``file:12:5`` or the file alone: the part of a place an editor can open."""
        if self.line:
            return f"{self.file}:{self.line}:{self.column}"
        return self.file


def column_letters(column: int) -> str:
    """Excel's name for a 1-based column number: 1 is A, 28 is AB."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def quote_sheet(sheet: str) -> str:
    """A sheet name as a cell reference needs it: quoted when it is not one plain word."""
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem found in a file, with a position a person can go to.

    The position is :attr:`where`: ``line`` and ``column`` in a text file, ``sheet`` and
    ``cell`` in a workbook. ``path`` is the data path (``responses.leadership-1.rating``,
    ``action_plans.leadership.actions[0].due``) where one is known, so a script can tell what
    the problem is about whatever file it was found in.
    """

    file: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str
    hint: str = ""
    path: str = ""
    sheet: str | None = None
    cell: str | None = None

    @classmethod
    def at(
        cls,
        where: Location,
        code: str,
        severity: Severity,
        message: str,
        hint: str = "",
        path: str = "",
    ) -> Diagnostic:
        return cls(
            where.file,
            where.line,
            where.column,
            code,
            severity,
            message,
            hint,
            path,
            where.sheet,
            where.cell,
        )

    @property
    def where(self) -> Location:
        return Location(self.file, self.line, self.column, self.sheet, self.cell)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """``file:line:column``, or the file alone: what an editor or CI annotation can open.

        A workbook's sheet and cell are not part of it (no editor opens a cell from it):
        :attr:`headline` starts with them, so ``form.xlsx: error[SR312] Leadership!C7: ...``
        reads as it did before a cell was data.
        """
        return self.where.in_text_file()

    @property
    def headline(self) -> str:
        """The message as a person reads it in a list: after the sheet and cell, if any."""
        cell = self.where.cell_ref
        return f"{cell}: {self.message}" if cell else self.message

    def as_dict(self) -> dict[str, object]:
        """The JSON form: ``sheet`` and ``cell`` are on every problem, null outside a
        workbook, so a script reads one shape whatever kind of file was checked."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "sheet": self.sheet,
            "cell": self.cell,
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
