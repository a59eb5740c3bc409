"""Files in a review repository that look like pupil lists: a warning from ``validate``.

Whatever is in the repository is committed and shared across the trust, so an export from
the school's information system left there by mistake (before or after ``sendreview context
import``) would publish every pupil in it. Text files that spreadsheets and information
systems write are looked at; a workbook cannot be read at this layer without openpyxl.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from sendreview.diagnostics import Diagnostic, Location, Severity
from sendreview.files import leaves_repository
from sendreview.repository.layout import display_path
from sendreview.source.pupil_csv import upn_column

#: The kinds of file an export is saved as.
SUFFIXES = (".csv", ".tsv", ".txt", ".tab")
#: Enough of a file to see its headings and first rows.
_SAMPLE_BYTES = 64 * 1024
_HINT = (
    "Pupil lists must never be committed: move the file out of the repository and delete "
    "it from the repository's history. 'sendreview context import' reads an export from "
    "outside the repository and keeps only counts."
)


def pupil_lists(root: Path) -> Iterator[Diagnostic]:
    """A warning (SR506) for each text file under ``root`` with a column of UPNs or a
    heading 'UPN'; the UPNs themselves are never repeated."""
    for path in _candidates(root):
        line = _upn_line(path)
        if line is not None:
            yield Diagnostic.at(
                Location(display_path(path), line, 1),
                "SR506",
                Severity.WARNING,
                "This file looks like a list of pupils (it has a column of Unique Pupil Numbers).",
                _HINT,
            )


def _candidates(root: Path) -> Iterator[Path]:
    for folder, folders, names in os.walk(root):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                yield Path(folder, name)


def _upn_line(path: Path) -> int | None:
    if not path.is_file() or leaves_repository(path):  # no pipe, device or link out
        return None
    try:
        with open(path, "rb") as handle:  # the start is enough: no need to read it all
            raw = handle.read(_SAMPLE_BYTES)
    except OSError:
        return None
    text = raw.decode("utf-8-sig", errors="replace")
    return upn_column(text)
