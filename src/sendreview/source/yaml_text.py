"""A file's bytes to text: only a regular file in its repository, in the encodings people save.

Windows tools save UTF-16 with a byte order mark, or UTF-8 with one, or Windows-1252; a
binary file is named as such rather than read as garbage. Each problem is a
:class:`Diagnostic` for the whole file (line 0), never an exception.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from sendreview.diagnostics import Diagnostic, Severity

#: A review is tens of kilobytes; anything this big is a mistake, not a review.
MAX_BYTES = 5 * 1024 * 1024


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    """Read and decode a file, accepting the encodings Windows tools save in.

    Only a regular file inside its repository is read, and no more than :data:`MAX_BYTES`:
    a link out of the repository, a device or a FIFO is named and refused, never read.
    """
    from sendreview.files import UnsafeFileError, read_regular

    try:
        raw = read_regular(path, display, MAX_BYTES)
    except UnsafeFileError as exc:
        if exc.kind == "too-big":
            return None, [whole_file(display, "SR106", _too_big_message(exc.size), TOO_BIG_HINT)]
        message = {
            "missing": "This file does not exist.",
            "folder": "This is a folder, not a file.",
        }.get(exc.kind, exc.message.replace(f"'{display}'", "This", 1))
        hint = "Check the spelling of the path." if exc.kind == "missing" else exc.hint
        return None, [whole_file(display, "SR101", message, hint)]
    return decode(raw, display)


def decode(raw: bytes, display: str) -> tuple[str | None, list[Diagnostic]]:
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw:
        return None, [
            whole_file(
                display,
                "SR102",
                "This is not a text file (it contains binary data).",
                "A review is a YAML text file. If this came from Excel or Word, use "
                "'sendreview import' for workbooks, or copy the text into the YAML file.",
            )
        ]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        return _mostly_utf8(raw, display, exc)


def _mostly_utf8(raw: bytes, display: str, exc: UnicodeDecodeError) -> tuple[str, list[Diagnostic]]:
    """Text that is UTF-8 but for some bytes (the first at ``exc.start``): those are read as
    Windows-1252, with a warning placed at the first."""
    line = raw.count(b"\n", 0, exc.start) + 1
    line_start = raw.rfind(b"\n", 0, exc.start) + 1
    column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
    # Often one pasted character in an otherwise UTF-8 file: only the bytes that are not
    # UTF-8 are read as Windows-1252, so the correct characters around them stay correct.
    text = raw.decode("utf-8", errors=_WINDOWS_FALLBACK)
    return text, [
        Diagnostic(
            display,
            line,
            column,
            "SR103",
            Severity.WARNING,
            "This file has characters saved in a Windows encoding (Windows-1252), not UTF-8, "
            "starting here. They were read as Windows-1252, so nothing is lost, but other "
            "tools may show them wrongly.",
            "Save it as UTF-8: in Notepad choose File > Save As and set Encoding to UTF-8; "
            "in VS Code click the encoding in the status bar and choose 'Save with Encoding'.",
        )
    ]


def _read_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace"), error.end


_WINDOWS_FALLBACK = "sendreview-windows-1252"
codecs.register_error(_WINDOWS_FALLBACK, _read_as_windows_1252)


def whole_file(display: str, code: str, message: str, hint: str) -> Diagnostic:
    return Diagnostic(display, 0, 0, code, Severity.ERROR, message, hint)


TOO_BIG_HINT = "A review is a few hundred lines. Check that this is the right file."


def _too_big_message(size: int) -> str:
    return (
        f"This file is {size / 1_048_576:.1f} MB; a review is never more than "
        f"{MAX_BYTES // 1_048_576} MB."
    )
