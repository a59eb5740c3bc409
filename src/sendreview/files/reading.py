"""Where a path really leads, and reading a file that is what it claims to be.

Reading is the first thing any command does with a trust's files, so the refusals live here:
a link that leads out of the repository, anything but a regular file (a FIFO would hang,
``/dev/zero`` never ends), and a file larger than the caller allows.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from sendreview.errors import SendReviewError, UsageError

#: The file that marks a review repository (the same name as ``repository.TRUST_FILE``; kept
#: here so that this layer stays below every other).
_TRUST_FILE = "sendreview.yaml"


class UnsafeFileError(SendReviewError):
    """A file sendreview will not read or replace: a link out of the repository, a device,
    a FIFO, a socket, a folder, or a file larger than the caller allows."""

    def __init__(
        self, message: str, hint: str = "", *, kind: str = "unsafe", size: int = 0
    ) -> None:
        super().__init__(message, hint)
        #: 'missing', 'folder', 'special', 'outside', 'too-big' or 'unreadable'
        self.kind = kind
        #: for 'too-big': the size found, in bytes
        self.size = size


# ---- where a path really leads ---------------------------------------------------------------


def inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or below it (both as strings, links already resolved)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def repository_of(path: Path) -> Path | None:
    """The nearest folder at or above ``path``, as written (links not followed), that holds
    a trust file; None outside any repository."""
    absolute = Path(os.path.abspath(path))
    for folder in absolute.parents:
        if os.path.lexists(folder / _TRUST_FILE):
            return folder
    return None


def leaves_repository(path: Path) -> bool:
    """True when ``path`` is in a repository but a link makes it lead out of it.

    Links that stay inside the repository (a review linked from another cycle, say) and links
    above it (a shared drive mounted through a link) are fine: only where the file really
    is, compared with where the repository really is, counts.
    """
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return False  # no link on the way: cheap and by far the most common case
    root = repository_of(path)
    if root is None:
        return False
    return not inside(real, os.path.realpath(root))


def outside(path: Path, display: str) -> UnsafeFileError:
    """The refusal of a path that a link leads out of the repository."""
    return UnsafeFileError(
        f"'{display}' leads outside the review repository (through a link), so sendreview "
        "does not read or write it.",
        "Keep the file itself in the repository instead of a link to it (copy it in, then "
        "delete the link).",
        kind="outside",
    )


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words ('a pipe (FIFO)')."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def current_folder() -> Path:
    """The current folder; one that was deleted (or moved) under the shell is a message."""
    try:
        return Path(os.getcwd())
    except FileNotFoundError as exc:
        raise UsageError(
            "The current folder no longer exists (it was deleted or moved while this "
            "terminal was in it).",
            "Change to the review repository again, for example with 'cd' and its full path.",
        ) from exc


# ---- reading -----------------------------------------------------------------------------------


def read_regular(path: Path, display: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without waiting (a FIFO would otherwise block until someone writes to
    it) and checked on the open handle, so what is read is what was checked. At most
    ``limit + 1`` bytes are read, whatever the size claims, so a device or a growing file
    cannot exhaust memory. Raises :class:`UnsafeFileError` with a message naming ``display``.
    """
    if leaves_repository(path):
        raise outside(path, display)
    with contextlib.suppress(OSError):  # a device is refused before it is even opened
        _refuse_special(os.stat(path).st_mode, display)
    handle = _open(path, display)
    try:
        info = os.fstat(handle)  # what was opened is what is checked
        _refuse_special(info.st_mode, display)
        if info.st_size > limit:
            raise _too_big(display, info.st_size, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        data = _read_at_most(handle, limit + 1)
        if len(data) > limit:  # it grew while being read
            raise _too_big(display, len(data), limit)
        return data
    except OSError as exc:
        raise _unreadable(display, exc) from exc
    finally:
        os.close(handle)


def read_stdin(display: str, limit: int) -> bytes:
    """Standard input, refused once it passes ``limit`` bytes: ``-`` for a file name is a
    pipe sendreview cannot size beforehand, and ``< /dev/zero`` never ends."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # replaced by a text stream (a test runner, an embedding program)
        data = sys.stdin.read(limit + 1).encode("utf-8", "surrogateescape")
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise UnsafeFileError(
            f"'{display}' goes on past the {limit / 1_048_576:.0f} MB sendreview reads.",
            "Check what is piped into sendreview.",
            kind="too-big",
            size=len(data),
        )
    return bytes(data)


def _open(path: Path, display: str) -> int:
    """A handle opened without blocking, or the refusal in words."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError as exc:
        raise UnsafeFileError(
            f"'{display}' does not exist.", "Check the spelling of the path.", kind="missing"
        ) from exc
    except IsADirectoryError as exc:
        raise UnsafeFileError(f"'{display}' is a folder, not a file.", "", kind="folder") from exc
    except OSError as exc:
        raise _unreadable(display, exc) from exc


def _read_at_most(handle: int, size: int) -> bytes:
    chunks = []
    remaining = size
    while remaining > 0:
        chunk = os.read(handle, min(remaining, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def _unreadable(display: str, error: OSError) -> UnsafeFileError:
    return UnsafeFileError(
        f"'{display}' cannot be read: {error.strerror}.",
        "Check that the file is not open elsewhere and that you may read it.",
        kind="unreadable",
    )


def _refuse_special(mode: int, display: str) -> None:
    if stat.S_ISREG(mode):
        return
    raise UnsafeFileError(
        f"'{display}' is {special_kind(mode)}, not an ordinary file, so sendreview does not "
        "read it.",
        "Give the path of the file itself.",
        kind="folder" if stat.S_ISDIR(mode) else "special",
    )


def _too_big(display: str, size: int, limit: int) -> UnsafeFileError:
    return UnsafeFileError(
        f"'{display}' is {size / 1_048_576:.1f} MB, more than the "
        f"{limit / 1_048_576:.0f} MB sendreview reads.",
        "Check that this is the right file.",
        kind="too-big",
        size=size,
    )
