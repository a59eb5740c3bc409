"""Excel sheet names made from people's text (academy names, area titles).

Excel refuses a name over 31 characters, one holding any of ``[]:*?/\\`` or a control
character, one starting or ending with a quote, two names that differ only in case, and
"History". Every workbook sendreview writes names its sheets here.
"""

from __future__ import annotations

import re

MAX_LENGTH = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f\x7f]")
_CONNECTORS = {"and", "of", "the", "for", "in", "to", "&"}


def sheet_name(text: str, taken: set[str]) -> str:
    """A name Excel accepts, unique in the workbook; ``taken`` holds the names already used,
    compared ignoring case as Excel does, and gets the new one."""
    base = _shorten(" ".join(_FORBIDDEN.sub(" ", text).split()).strip("'"), MAX_LENGTH)
    base = base.rstrip(" '") or "Sheet"
    used = {t.casefold() for t in taken}
    name, number = base, 1
    while name.casefold() in used or name.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        name = base[: MAX_LENGTH - len(suffix)].rstrip(" '") + suffix
    taken.add(name)
    return name


def _shorten(text: str, width: int) -> str:
    """Cut at a word, and not after 'and' or 'of': 'Identification, Assessment'."""
    if len(text) <= width:
        return text
    words = text[: width + 1].split(" ")[:-1] or [text[:width]]
    while len(words) > 1 and words[-1].casefold() in _CONNECTORS:
        words.pop()
    return " ".join(words).rstrip(" ,;:-") or text[:width]
