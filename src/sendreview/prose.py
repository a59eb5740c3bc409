"""Free text as people write it in YAML, made ready to show.

Text in a ``|`` block keeps the line breaks of the editor it was typed in, often in the
middle of a sentence. For display, lines are joined into paragraphs again; blank lines
separate paragraphs, and lines starting with a bullet stay list items.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence

BULLET = re.compile(r"^\s*(?:[-*•‣◦▪]|\d+[.)])\s+")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as ('p', [paragraph]) and ('ul', [item, ...]) blocks, in order."""
    out: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        for line in chunk.splitlines():
            line = line.strip()
            if not line:
                continue
            if BULLET.match(line):
                item = BULLET.sub("", line)
                if out and out[-1][0] == "ul" and not _ends_block(out):
                    out[-1][1].append(item)
                else:
                    out.append(("ul", [item]))
            elif out and not _ends_block(out):
                kind, items = out[-1]
                items[-1] = f"{items[-1]} {line}"
            else:
                out.append(("p", [line]))
        out.append(("", []))  # paragraph boundary marker
    return [b for b in out if b[0]]


def _ends_block(out: list[tuple[str, list[str]]]) -> bool:
    return out[-1][0] == ""


def unwrap(text: str) -> str:
    """Plain text with each paragraph on one line and items on their own lines."""
    parts = []
    for kind, items in blocks(text):
        parts.append("\n".join(f"• {i}" for i in items) if kind == "ul" else items[0])
    return "\n\n".join(parts)


# ---- Text from files, made safe to print in a terminal ------------------------------------
#
# A key, a name or an answer can hold characters that a terminal acts on instead of showing:
# escape codes that clear the screen or set the window title, right-to-left overrides that
# print text backwards, zero-width characters that make two ids look the same. Every string
# that goes to a terminal passes through :func:`visible`, which writes those characters as
# escapes (``\x1b``, ``\u202e``), as Python's ``backslashreplace`` would; all other text,
# accents, emoji and other alphabets included, is printed as it is.

#: Anything outside printable ASCII, tab and newline: the only characters worth a closer look.
_NOT_PLAIN = re.compile(r"[^\t\n\x20-\x7e]")

#: Unicode categories a terminal acts on or shows as nothing: controls, format characters
#: (bidirectional controls, zero-width spaces and joiners, soft hyphen, byte order mark),
#: line and paragraph separators, and lone surrogates (undecodable bytes in a file name).
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
#: Letters and marks that draw as nothing, used to make look-alike ids and names.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
_ZWJ = "\u200d"


def is_hidden(char: str) -> bool:
    """True for a character a terminal would act on or show as nothing (tab and newline aside)."""
    if char in "\t\n":
        return False
    return unicodedata.category(char) in _HIDDEN_CATEGORIES or char in _BLANK_LETTERS


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return {"\r": "\\r"}.get(char, f"\\x{code:02x}")
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """``text`` with every control, bidirectional and zero-width character written as an escape.

    Idempotent and cheap for ordinary text (one regular-expression scan). A zero-width joiner
    between two emoji is kept, so that family and profession emoji still print as one.
    """
    if _NOT_PLAIN.search(text) is None:
        return text
    if not any(is_hidden(c) for c in _NOT_PLAIN.findall(text)):
        return text
    out = []
    for index, char in enumerate(text):
        if is_hidden(char) and not (char == _ZWJ and _joins_emoji(text, index)):
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def _joins_emoji(text: str, index: int) -> bool:
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return (
        bool(before and after)
        and (unicodedata.category(before) in {"So", "Sk"} or before == "\ufe0f")
        and unicodedata.category(after) == "So"
    )


def describe_char(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE': the code point and its Unicode name, for messages."""
    name = unicodedata.name(char, "") or (
        "a control character" if unicodedata.category(char) == "Cc" else "no name"
    )
    return f"U+{ord(char):04X} {name}"


def first_hidden(text: str) -> tuple[int, str] | None:
    """The 1-based position and description of the first hidden character, if any."""
    for index, char in enumerate(text):
        if char in "\t\n" or is_hidden(char):
            return index + 1, describe_char(char)
    return None


#: Typed text longer than this is no misspelt id: do not spend time looking for one.
_SUGGEST_MAX = 200


def did_you_mean(typed: str, choices: Sequence[str], cutoff: float = 0.6) -> str:
    """A hint's opening: "Did you mean 'x'? ", or "" when nothing is close.

    When ``typed`` differs from a choice only by hidden characters or by letters from
    another alphabet that look the same (a Cyrillic 'а' for a Latin 'a'), "Did you mean
    'leadership-1'?" would name what looks like the very text typed; so the hint names the
    odd character, what it is and where, instead.
    """
    if len(typed) > _SUGGEST_MAX or not choices:
        return ""
    bare = unicodedata.normalize("NFKC", "".join(c for c in typed if not _is_blank(c)))
    guess = (
        [bare]
        if bare in choices
        else difflib.get_close_matches(typed, list(choices), n=1, cutoff=cutoff)
    )
    if not guess:
        return ""
    return (_lookalike(typed, guess[0]) or f"Did you mean '{guess[0]}'?") + " "


def _is_blank(char: str) -> bool:
    return is_hidden(char) or char in "\t\n" or (char != " " and unicodedata.category(char) == "Zs")


def _lookalike(typed: str, guess: str) -> str | None:
    """Explain ``typed`` against ``guess`` when the only differences are odd characters."""
    matcher = difflib.SequenceMatcher(None, typed, guess, autojunk=False)
    found: list[tuple[int, str, str]] = []  # (position, odd character, what guess has there)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        odd = typed[i1:i2]
        if tag == "delete" and all(_is_blank(c) for c in odd):
            found += [(i1 + k + 1, c, "") for k, c in enumerate(odd)]
        elif (
            tag == "replace"
            and i2 - i1 == j2 - j1
            and all(not c.isascii() or _is_blank(c) for c in odd)
            and guess[j1:j2].isascii()
        ):
            found += [(i1 + k + 1, c, guess[j1 + k]) for k, c in enumerate(odd)]
        else:
            return None  # a real difference: an ordinary "did you mean"
    if not found:
        return None
    position, char, meant = found[0]
    more = f" (and {len(found) - 1} more like it)" if len(found) > 1 else ""
    typed_shown = f"'{visible(typed)}' has"
    if _is_blank(char) and not meant:
        return (
            f"{typed_shown} a hidden character ({describe_char(char)}) at position "
            f"{position}{more}: delete it to make '{guess}'."
        )
    kind = "an unusual space" if _is_blank(char) else f"'{char}'"
    return (
        f"{typed_shown} {kind} ({describe_char(char)}) at position {position}{more}, "
        f"a look-alike of the '{meant}' in '{guess}': retype it."
    )


def odd_character(text: str) -> str:
    """For an id that must be plain ASCII: "It has <character> at position N. ", or ""."""
    for index, char in enumerate(text):
        if is_hidden(char) or char in "\t\n":
            return f"It has a hidden character ({describe_char(char)}) at position {index + 1}. "
        if not char.isascii():
            return f"It has '{char}' ({describe_char(char)}) at position {index + 1}. "
    return ""


# ---- Counting and cutting ------------------------------------------------------------------


def plural(n: float, noun: str, many: str | None = None) -> str:
    """'1 statement', '14 statements'; ``many`` for a noun whose plural is not noun + 's'.
    A float reads as it would by hand: '0.5 seconds', '60 seconds'."""
    count = f"{n:g}" if isinstance(n, float) else str(n)
    return f"{count} {noun if n == 1 else (many or noun + 's')}"


def join_words(parts: Sequence[str], last: str = "and") -> str:
    """'a, b and c' (or, with ``last="or"``, 'a, b or c'): how a message lists things."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {last} " + parts[-1]


def shorten(text: str, width: int = 90) -> str:
    """``text`` on one line, cut at a word to at most ``width`` characters, '…' marking the
    cut, for a message, a heading or a table cell that must stay on one line. (90 is what the
    report templates' ``short`` filter has always cut at when given no width.)"""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


#: The most of a value a message quotes: enough to find it, too little to copy a file out.
EXCERPT_CHARS = 40


def excerpt(value: object, limit: int = EXCERPT_CHARS) -> str:
    """A value from a file as a message may quote it: one line, at most ``limit`` characters.

    Messages go to terminals and CI logs. A whole file quoted back (a link to a password file
    read as a review, a pasted pupil record) would copy it there, so the rest is cut. Hidden
    characters are kept as they are: the message keeps the exact text (JSON output gives it
    back), and every terminal or log format shows them as escapes (:func:`visible`).
    """
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return " ".join(text.replace("\r\n", "\n").split("\n"))


# ---- Ids as people type them ---------------------------------------------------------------


def normalise_id(value: str) -> str:
    """An id as a person may type it, in the form a review stores: 'Not started ' is
    'not-started', 'Amber' is 'amber', 'in_progress' is 'in-progress'.

    The one rule for ratings, priorities and statuses, in YAML and Excel alike: case,
    surrounding spaces and the choice of space, hyphen or underscore do not matter.
    """
    return "-".join(value.strip().casefold().replace("_", " ").replace("-", " ").split())


#: What people write for "does not apply"; a review holds that as ``not_applicable``.
NOT_APPLICABLE_WORDS = frozenset({"n-a", "na", "not-applicable", "n/a", "none-applicable"})


#: How to say that a statement does not apply, wherever someone wrote 'n/a' as a rating.
NOT_APPLICABLE_HINT = (
    "Write 'not_applicable:' with the reason instead of a rating, for example: "
    "not_applicable: No pupils in the school have an EHC plan."
)


def means_not_applicable(value: str) -> bool:
    """True for 'n/a', 'N/A', 'not applicable' and the like."""
    word = normalise_id(value)
    return word in NOT_APPLICABLE_WORDS or word.replace("/", "-") in NOT_APPLICABLE_WORDS


def choose_by_id_or_name(typed: str, items: list[tuple[str, str]]) -> str | None:
    """The id of the item whose id or name is ``typed``, ignoring case and spaces at the
    ends ('Castlegate Academy', 'castlegate academy' and 'castlegate-academy' alike)."""
    word = normalise_id(typed)
    for item_id, name in items:
        if word in (normalise_id(item_id), normalise_id(name)):
            return item_id
    return None


def did_you_mean_item(typed: str, items: list[tuple[str, str]]) -> str:
    """'Did you mean ...? ' naming the closest id or name (as ``typed`` is), or ""."""
    import difflib

    names = {normalise_id(name): name for _, name in items}
    ids = {normalise_id(item_id): item_id for item_id, _ in items}
    # Suggest in the form typed: an id for an id, a name for a name.
    by_word = {**names, **ids} if normalise_id(typed) == typed.strip() else {**ids, **names}
    guess = difflib.get_close_matches(normalise_id(typed), list(by_word), n=1, cutoff=0.6)
    return f"Did you mean '{by_word[guess[0]]}'? " if guess else ""
