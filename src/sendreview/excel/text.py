"""Text a spreadsheet cell can hold, kept as text: one rule for the report and the forms.

Review text is people's text. Excel would run ``=HYPERLINK(...)`` typed in a review as a
formula, read ``+44 ...`` or ``-3 points`` as the start of one when someone edits the cell,
and decode a literal ``_x000D_`` as a carriage return. So every workbook sendreview writes
stores user text as a string, marks text that starts like a formula with Excel's quote
prefix (the hidden apostrophe that keeps it text even when the cell is edited), escapes what
looks like Excel's own escapes, and drops the characters no cell can hold.

No openpyxl here: what is safe is a question about the text, answered the same way for a
cell written by openpyxl and a row written as XML (:mod:`.sheet_xml`).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Characters that make Excel read a cell as a formula when it is typed or edited.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: The most characters one Excel cell can hold.
EXCEL_CELL_LIMIT = 32_767
#: Characters an Excel cell (XML 1.0) cannot hold at all.
NOT_IN_EXCEL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel stores characters XML cannot hold as _xHHHH_ (a carriage return is _x000D_); a
# literal "_x" that looks like one is stored as _x005F_x...
_LOOKS_ESCAPED = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def clean(text: str) -> str:
    """Text without the characters a cell cannot hold (YAML allows some of them)."""
    return NOT_IN_EXCEL.sub("", text)


@lru_cache(maxsize=8192)
def cell_text(text: str) -> str:
    """Text as a cell stores it: cleaned, and a literal ``_x000D_`` escaped so that Excel
    shows it as typed instead of decoding it.

    Cached: a report repeats the same statements, names and labels on many sheets.
    """
    return _LOOKS_ESCAPED.sub(r"_x005F_\1", clean(text))


def looks_like_formula(text: str) -> bool:
    """Whether Excel would take ``text`` for a formula once someone edits its cell."""
    return text.startswith(FORMULA_START)


def footer_text(text: str) -> str:
    """Text for a printed header or footer, where ``&`` starts a code such as a page number."""
    return clean(text).replace("&", "&&")[:200]
