"""Places in a YAML file: where each part of a review read from YAML was written."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cached_property

from sendreview.diagnostics import Location
from sendreview.source.yaml_document import DataPath, YamlDocument, format_path


class YamlPlaces:
    """:class:`~sendreview.checks.context.Places` for a review read from a YAML file."""

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc

    @property
    def file(self) -> str:
        return self.doc.file

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        line, column = self.doc.position(path, key=key)
        return Location(self.doc.file, line, column)

    def locate_text(self, path: DataPath, found: Sequence[str]) -> list[Location]:
        return [Location(self.doc.file, *at) for at in self._text.locate(path, found)]

    def written(self, path: DataPath) -> bool:
        if not path:
            return True
        node = self.doc.data
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        return isinstance(node, dict) and path[-1] in node

    def is_dropped(self, path: DataPath, *, inside: bool = False) -> bool:
        if inside and any(part[: len(path)] == path for part in self.doc.dropped):
            return True
        return self.doc.is_dropped(path)

    def already_reported(self, path: str) -> bool:
        """At or inside a part already reported and left out: a review date that could not
        be read is not also 'missing'."""
        return any(
            path == part or path.startswith((f"{part}.", f"{part}[")) for part in self._dropped
        )

    @cached_property
    def _dropped(self) -> list[str]:
        return [format_path(part) for part in self.doc.dropped]

    @cached_property
    def _text(self) -> _TextFinder:
        # Built only when a check looks for text: most reviews have nothing to find.
        return _TextFinder(self.doc)


class _TextFinder:
    """Finds where matched text sits in the file, in time that follows the file's size.

    Block text (``|``) starts on the line after its key, and a value's own position alone
    would point a person at the wrong line of a long answer; so each finding is searched for
    in the source, from the end of the one before it and no further than where the next
    value begins. Searching the whole file again for every finding made a 256 KB answer full
    of names take 12 seconds.
    """

    def __init__(self, doc: YamlDocument) -> None:
        self.doc = doc
        self.text = doc.text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        self.value_starts = sorted({self._offset(p) for p in doc.positions.values()})

    def _offset(self, position: tuple[int, int]) -> int:
        line, column = position
        if not 1 <= line <= len(self.line_starts):
            return len(self.text)
        return min(self.line_starts[line - 1] + max(column - 1, 0), len(self.text))

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def locate(self, path: DataPath, found: Sequence[str]) -> list[tuple[int, int]]:
        """The line and column of each of ``found`` (in order) within the value at ``path``."""
        here = self.doc.position(path)
        start = self._offset(here)
        after = bisect.bisect_right(self.value_starts, start)
        end = self.value_starts[after] if after < len(self.value_starts) else len(self.text)
        places = []
        cursor: int | None = start
        for text in found:
            # A match across a line break is searched for by its first line, since the
            # source has the text's indentation where the value has a plain line break.
            first = text.split("\n", 1)[0]
            at = self.text.find(first, cursor, end) if cursor is not None else -1
            if at < 0:
                cursor = None  # not written as read (escapes in quotes): stop looking
                places.append(here)
                continue
            places.append(self._position(at))
            cursor = at + len(first)
        return places
