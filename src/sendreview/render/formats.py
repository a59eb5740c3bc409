"""Choosing an output format from the file a person asked for.

``sendreview report -o board.md`` should write Markdown, not HTML under a ``.md`` name: when no
``--format`` is given, the file's suffix chooses it; when both are given and disagree, the
command stops before writing rather than leave a file that its own name mislabels.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sendreview.errors import UsageError
from sendreview.render.registry import Renders, suffixes

STDOUT = Path("-")


def choose_format(requested: str | None, out: Path | None, renders: Renders, default: str) -> str:
    """The format to write: ``requested``, else the one ``out``'s suffix names, else ``default``.

    The suffixes are those the registry's formats for ``renders`` declare (``.md``: ``md``).
    """
    by_suffix = suffixes(renders)
    named = by_suffix.get(out.suffix.lower()) if out is not None and out != STDOUT else None
    if requested is None:
        return named or default
    if named is not None and named != requested:
        raise UsageError(
            f"'{out}' is named as a {named} file, but --format {requested} was asked for.",
            f"Leave out --format to write {named}, or name the file with "
            f"{_suffix_of(requested, by_suffix)}.",
        )
    return requested


def _suffix_of(name: str, suffixes: Mapping[str, str]) -> str:
    return next((s for s, n in suffixes.items() if n == name), f"the {name} suffix")
