"""What a cell holds, read the way a person meant it.

People type ``green``, ``G`` or ``Green `` for a rating, ``12/02/2027`` for a date, and paste
text from Word with its own line breaks. These functions turn cell values into review values
(and say plainly when they cannot); they know nothing about openpyxl.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sendreview.excel.text import EXCEL_CELL_LIMIT, NOT_IN_EXCEL
from sendreview.prose import join_words, normalise_id

# Excel stores characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_).
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def clean_text(value: object) -> str:
    """A cell's text as a review holds it.

    Line breaks become ``\\n`` whatever wrote them; spaces at the ends of lines and blank lines
    at the start and end go. Everything else is kept as typed or pasted: smart quotes,
    bullets, dashes, indentation.
    """
    if value is None:
        return ""
    text = _as_text(value)
    text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _as_text(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def reflow(text: object) -> str:
    """Free text as a form shows it and an import compares it: exactly as written.

    Every line break is the person's own, whether typed with Alt+Enter, pasted from Word or
    written in a YAML ``|`` block, so none is joined or added: only what
    :func:`clean_text` tidies (line ends, spaces at the ends of lines, blank lines at the
    start and end) goes.
    """
    return clean_text(text)


def wrap_paragraphs(text: str) -> str:
    """Text for a YAML ``|`` block: the lines as written, so that the form shows them again.

    Breaking long lines here would put line breaks into the next form that nobody typed.
    """
    return clean_text(text)


#: Evidence items in one cell are one a line, or, when an item has a line break of its own,
#: each starts with this marker and its further lines are indented by ``_ITEM_INDENT``.
_ITEM_MARK = "- "
_ITEM_INDENT = "  "


def evidence_items(items: Iterable[object]) -> list[str]:
    """Evidence items as a review keeps them: tidied, without spaces around or empty items."""
    return [item for item in (clean_text(i).strip() for i in items) if item]


def evidence_cell(items: Iterable[object]) -> str:
    """The evidence cell for a list of items, read back by :func:`evidence_of` exactly.

    Items are one a line, as people type them. If an item has a line break of its own (or
    itself starts with "- "), every item starts with "- " instead and its further lines
    are indented, as in a bulleted list: a dash is on every keyboard, a person sees where
    each item starts, and it works for any item, even one with a blank line or a line of
    its own that starts with "- ". (Blank lines between items would not: one item with a
    line break, alone in its cell, would read back as two.)
    """
    kept = evidence_items(items)
    if not any("\n" in item or item.startswith(_ITEM_MARK) for item in kept):
        return "\n".join(kept)
    return "\n".join(_marked(item) for item in kept)


def _marked(item: str) -> str:
    first, *rest = item.split("\n")
    return "\n".join([_ITEM_MARK + first, *(_ITEM_INDENT + line if line else "" for line in rest)])


def evidence_of(value: object) -> list[str]:
    """The evidence items in a cell (see :func:`evidence_cell`).

    A cell whose first line starts with "- " is a list: each "- " starts an item and the
    lines below it, up to the next, belong to it. Any other cell has one item a line.
    """
    text = clean_text(value)
    if not text.startswith(_ITEM_MARK):
        return lines_of(text)
    items: list[list[str]] = []
    for line in text.split("\n"):
        if line.startswith(_ITEM_MARK):
            items.append([line[len(_ITEM_MARK) :]])
        else:
            items[-1].append(line.removeprefix(_ITEM_INDENT))
    return evidence_items("\n".join(lines) for lines in items)


def excel_problem(text: str) -> str | None:
    """Why ``text`` cannot go into one Excel cell, or None if it can."""
    if len(text) > EXCEL_CELL_LIMIT:
        return (
            f"it is {len(text):,} characters long and an Excel cell holds at most "
            f"{EXCEL_CELL_LIMIT:,}"
        )
    found = NOT_IN_EXCEL.search(text)
    if found:
        code = f"U+{ord(found.group(0)):04X}"
        return f"it contains a control character ({code}) that Excel cannot hold"
    return None


def lines_of(value: object) -> list[str]:
    """A cell with one item per line (evidence, roles): the items, without blank lines."""
    return [line.strip() for line in clean_text(value).split("\n") if line.strip()]


def refs_of(value: object) -> list[str]:
    """Statement refs typed as 'leadership-2, teaching-4' (commas, semicolons or new lines)."""
    return [part for part in re.split(r"[\s,;]+", clean_text(value)) if part]


@dataclass(frozen=True)
class Choice:
    """One answer a drop-down offers: the id a review stores and the label a person sees."""

    id: str
    label: str
    letter: str = ""

    def matches(self, typed: str) -> bool:
        """The id or the label, read as the model reads ids (:func:`normalise_id`).

        The letter (``G`` for green) is accepted here only: a form shows it beside each
        choice, so a person filling a form may type it, while in a YAML file the letter
        would be a one-character riddle for the next reader.
        """
        word = normalise_id(typed)
        return word in {normalise_id(self.id), normalise_id(self.label)} or (
            bool(self.letter) and word == normalise_id(self.letter)
        )


def match_choice(value: object, choices: Sequence[Choice]) -> Choice | None:
    typed = clean_text(value)
    return next((c for c in choices if c.matches(typed)), None)


def choice_list(choices: Iterable[Choice]) -> str:
    """'Red, Amber or Green': how a message lists what may be chosen."""
    return join_words([c.label for c in choices], "or")


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?$")
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
#: Excel day numbers from 2000 to 2100: a date cell that lost its date format.
_SERIALS = range(36_526, 73_051)


def parse_date(value: object) -> dt.date | None:
    """A date from a real date cell, an Excel day number or text such as 12/02/2027.

    Text with slashes is read day first, as in the UK. Returns None for an empty cell and
    raises ValueError for anything that is not a real date.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if int(value) in _SERIALS:
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        raise ValueError(value)
    return _date_from_text(clean_text(value))


def _date_from_text(text: str) -> dt.date:
    if found := _ISO.match(text):
        year, month, day = (int(g) for g in found.groups())
    elif found := _NUMERIC.match(text):
        day, month, year = (int(g) for g in found.groups())
    elif (found := _WORDS.match(text)) and found.group(2).lower() in _MONTHS:
        day, month, year = int(found.group(1)), _MONTHS[found.group(2).lower()], int(found.group(3))
    else:
        raise ValueError(text)
    if year < 100:
        year += 2000
    return dt.date(year, month, day)
