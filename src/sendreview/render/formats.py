"""Choosing an output format from the file a person asked for.

``sendreview report -o board.md`` should write Markdown, not HTML under a ``.md`` name: when no
``--format`` is given, the file's suffix chooses it; when both are given and disagree, the
command stops before writing rather than leave a file that its own name mislabels.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sendreview.errors import UsageError

STDOUT = Path("-")


def choose_format(
    requested: str | None, out: Path | None, suffixes: Mapping[str, str], default: str
) -> str:
    """The format to write: ``requested``, else the one ``out``'s suffix names, else ``default``.

    ``suffixes`` maps a suffix (``.md``) to a format name (``md``).
    """
    named = suffixes.get(out.suffix.lower()) if out is not None and out != STDOUT else None
    if requested is None:
        return named or default
    if named is not None and named != requested:
        raise UsageError(
            f"'{out}' is named as a {named} file, but --format {requested} was asked for.",
            f"Leave out --format to write {named}, or name the file with "
            f"{_suffix_of(requested, suffixes)}.",
        )
    return requested


def _suffix_of(name: str, suffixes: Mapping[str, str]) -> str:
    return next((s for s, n in suffixes.items() if n == name), f"the {name} suffix")
