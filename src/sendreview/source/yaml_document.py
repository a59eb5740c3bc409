"""A YAML file read into data, with the position of every value and what went wrong.

:class:`YamlDocument` is what :mod:`sendreview.source.yaml_reader` gives every later layer
(the models, the checks): the data, where each value and key was, and the problems found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sendreview.diagnostics import Diagnostic, Severity

DataPath = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class YamlDocument:
    """What a file held, where each value was, and what went wrong reading it."""

    file: str
    data: Any = None
    positions: dict[DataPath, Position] = field(default_factory=dict)
    key_positions: dict[DataPath, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    #: The text as written of each value YAML 1.1 read as a number, date or yes/no
    #: (``0777`` is 511, ``12:30`` is 750): a field of text takes the text, not the number.
    written: dict[DataPath, str] = field(default_factory=dict)
    #: Parts left out of the model because they had a structural problem (already
    #: reported): later checks say nothing about them, so one mistake is reported once.
    dropped: set[DataPath] = field(default_factory=set)

    def is_dropped(self, path: DataPath) -> bool:
        """True for a dropped part and anything inside it."""
        return any(path[: len(part)] == part for part in self.dropped)

    @property
    def ok(self) -> bool:
        """True when the data could be built (warnings such as the encoding allowed)."""
        return not any(d.is_error for d in self.diagnostics)

    def position(self, path: DataPath, *, key: bool = False) -> Position:
        """The closest known position for a data path, walking up to its parents."""
        if key and path in self.key_positions:
            return self.key_positions[path]
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (1, 1))

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
        line, column = self.position(path, key=key)
        return Diagnostic(self.file, line, column, code, severity, message, hint, format_path(path))


def format_path(path: DataPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
