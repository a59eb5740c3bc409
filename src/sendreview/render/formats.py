"""Choosing an output format from the file a person asked for.

``sendreview report -o board.md`` should write Markdown, not HTML under a ``.md`` name: when no
``--format`` is given, the file's suffix chooses it; when both are given and disagree, the
command stops before writing rather than leave a file that its own name mislabels.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from sendreview.errors import UsageError
from sendreview.prose import join_words
from sendreview.render.registry import Renders, suffixes

STDOUT = Path("-")


def choose_format(requested: str | None, out: Path | None, renders: Renders, default: str) -> str:
    """The format to write: ``requested``, else the one ``out``'s suffix names, else ``default``.

    The suffixes are those the registry's formats for ``renders`` declare (``.md``: ``md``).
    Without ``requested``, any other suffix is refused rather than written as ``default``
    under a name that says otherwise.
    """
    by_suffix = suffixes(renders)
    suffix = out.suffix.lower() if out is not None and out != STDOUT else ""
    named = by_suffix.get(suffix)
    if requested is None:
        # Only a default that writes a named file would mislabel it (aggregate's terminal
        # view refuses a file by itself, saying why).
        if suffix and named is None and default in by_suffix.values():
            raise _unknown_suffix(out, suffix, by_suffix)
        return named or default
    if named is not None and named != requested:
        raise UsageError(
            f"'{out}' is named as a {named} file, but --format {requested} was asked for.",
            f"Leave out --format to write {named}, or name the file with "
            f"{_suffix_of(requested, by_suffix)}.",
        )
    return requested


def _unknown_suffix(out: Path | None, suffix: str, by_suffix: Mapping[str, str]) -> UsageError:
    """``report -o r.csv``: a suffix this command does not write (another command's, or none
    sendreview knows). Writing the default format under that name would mislabel the file."""
    known = [f"{name} ({s})" for s, name in by_suffix.items()]
    writes = join_words(known, "or")
    return UsageError(
        f"'{out}' ends in {suffix}, which this command does not write; it writes {writes}.",
        "Name the file with one of those suffixes, or choose the format with --format.",
    )


def _suffix_of(name: str, suffixes: Mapping[str, str]) -> str:
    return next((s for s, n in suffixes.items() if n == name), f"the {name} suffix")
