"""``sendreview validate``: check reviews and the trust file, and read the list of files a pull
request changed (so GitHub annotates those first)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from sendreview.checks.pipeline import Options
from sendreview.diagnostics import Report
from sendreview.errors import UsageError
from sendreview.repository.layout import display_path
from sendreview.repository.reviews import Progress
from sendreview.repository.validate import validate as run


def validate(
    paths: Sequence[Path],
    *,
    allow_incomplete: bool = False,
    strict: bool = False,
    progress: Progress | None = None,
) -> Report:
    """What the checks found in ``paths`` (the current folder when none are given);
    ``progress`` is told of each file read."""
    options = Options(allow_incomplete=allow_incomplete, strict=strict)
    return run(list(paths) or [Path.cwd()], options, progress)


def read_changed(source: Path) -> list[str]:
    """The changed files' names as problems name them (relative to the current folder);
    ``-`` reads them from standard input."""
    hint = "Give a text file with one path a line, as 'git diff --name-only' writes it."
    try:
        text = sys.stdin.read() if str(source) == "-" else source.read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(
            f"Cannot read the list of changed files '{source}': {error.strerror or error}.", hint
        ) from error
    except UnicodeDecodeError as error:
        raise UsageError(
            f"The list of changed files '{source}' is not UTF-8 text.", hint
        ) from error
    return [display_path(Path(line)) for line in text.splitlines() if line.strip()]
