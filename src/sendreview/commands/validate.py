"""``sendreview validate``: check reviews and the trust file, and read the list of files a pull
request changed (so GitHub annotates those first)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sendreview.checks.pipeline import Options
from sendreview.diagnostics import Report
from sendreview.errors import UsageError
from sendreview.files import UnsafeFileError, read_regular, read_stdin
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


#: A list of changed files longer than this is not one 'git diff --name-only' wrote.
MAX_CHANGED_BYTES = 5 * 1024 * 1024


def read_changed(source: Path) -> list[str]:
    """The changed files' names as problems name them (relative to the current folder);
    ``-`` reads them from standard input.

    Read through :mod:`sendreview.files` like every other file, so a device, a pipe or an
    endless input is refused with a message instead of hanging the check."""
    hint = "Give a text file with one path a line, as 'git diff --name-only' writes it."
    try:
        if str(source) == "-":
            raw = read_stdin("standard input", MAX_CHANGED_BYTES)
        else:
            raw = read_regular(source, str(source), MAX_CHANGED_BYTES)
        text = raw.decode("utf-8")
    except UnsafeFileError as error:
        raise UsageError(
            f"Cannot read the list of changed files: {error.message}", error.hint or hint
        ) from error
    except UnicodeDecodeError as error:
        raise UsageError(
            f"The list of changed files '{source}' is not UTF-8 text.", hint
        ) from error
    return [display_path(Path(line)) for line in text.splitlines() if line.strip()]
