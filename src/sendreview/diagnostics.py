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
    type ``sheet!cell`` into Excel's Go To box. ``sheet_order`` is the sheet's place in the
    workbook (1 for the first; 0 when unknown), only so that problems are listed in the order a
    person meets them.
    """

    file: str
    line: int = 0
    column: int = 0
    sheet: str | None = None
    cell: str | None = None
    sheet_order: int = field(default=0, compare=False)

    @classmethod
    def in_workbook(
        cls, file: str, sheet: str, row: int, column: int, sheet_order: int = 0
    ) -> Location:
        return cls(
            file, sheet=sheet, cell=f"{column_letters(column)}{row}", sheet_order=sheet_order
        )

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
    #: Only for ordering (:func:`sort_key`); not part of the JSON form or of equality.
    sheet_order: int = field(default=0, compare=False)

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
            where.sheet_order,
        )

    @property
    def where(self) -> Location:
        return Location(self.file, self.line, self.column, self.sheet, self.cell, self.sheet_order)

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


def sort_key(diagnostic: Diagnostic) -> tuple[str, int, int, int, str, int, int, str]:
    """A text file's problems by line and column; a workbook's (all on line 0) by sheet, in
    the workbook's order, then row, then column, as a SENCO goes through the form."""
    row, column = _cell_numbers(diagnostic.cell)
    return (
        diagnostic.file,
        diagnostic.line,
        diagnostic.column,
        diagnostic.sheet_order,
        diagnostic.sheet or "",
        row,
        column,
        diagnostic.code,
    )


def _cell_numbers(cell: str | None) -> tuple[int, int]:
    """``(5, 3)`` for ``C5``; ``(0, 0)`` for no cell."""
    found = re.fullmatch(r"([A-Z]+)([0-9]+)", cell or "")
    if found is None:
        return 0, 0
    column = 0
    for letter in found.group(1):
        column = column * 26 + ord(letter) - 64
    return int(found.group(2)), column


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
