"""Reading and writing files without disclosing or losing anything.

A review repository holds special category data, lives on shared drives and in CI, and is
edited by people who are not programmers, so every file sendreview touches goes through here:

- nothing is read or written through a link that leads out of the repository;
- only regular files are read (a FIFO would hang, ``/dev/zero`` never ends) and only up to a
  limit the caller sets;
- only regular files are replaced (never a device, FIFO, socket or a link elsewhere), and a
  replaced file keeps its permissions and, where the process may, its owner;
- every write is atomic: a temporary file in the same folder, ``fsync``, then one rename, so
  a full disk or an interruption leaves the old file or the new one, never an empty one;
- commands that change the trust file hold :func:`repository_lock` while they do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from sendreview.errors import RefusedError, SendReviewError, UsageError

#: The file that marks a review repository (the same name as ``repository.TRUST_FILE``; kept
#: here so that this module stays below every other).
_TRUST_FILE = "sendreview.yaml"
#: The lock file beside the trust file, held while a command changes the repository.
LOCK_FILE = ".sendreview.lock"
#: How long a command waits for another sendreview run to finish changing the repository.
LOCK_WAIT_SECONDS = 15.0


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


def _inside(path: str, folder: str) -> bool:
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
    return not _inside(real, os.path.realpath(root))


def _outside(path: Path, display: str) -> UnsafeFileError:
    return UnsafeFileError(
        f"'{display}' leads outside the review repository (through a link), so sendreview "
        "does not read or write it.",
        "Keep the file itself in the repository instead of a link to it (copy it in, then "
        "delete the link).",
        kind="outside",
    )


def _special_kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


# ---- reading -----------------------------------------------------------------------------------


def read_regular(path: Path, display: str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    The file is opened without waiting (a FIFO would otherwise block until someone writes to
    it) and checked on the open handle, so what is read is what was checked. At most
    ``limit + 1`` bytes are read, whatever the size claims, so a device or a growing file
    cannot exhaust memory. Raises :class:`UnsafeFileError` with a message naming ``display``.
    """
    if leaves_repository(path):
        raise _outside(path, display)
    with contextlib.suppress(OSError):  # a device is refused before it is even opened
        _refuse_special(os.stat(path).st_mode, display)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        handle = os.open(path, flags)
    except FileNotFoundError as exc:
        raise UnsafeFileError(
            f"'{display}' does not exist.", "Check the spelling of the path.", kind="missing"
        ) from exc
    except IsADirectoryError as exc:
        raise UnsafeFileError(f"'{display}' is a folder, not a file.", "", kind="folder") from exc
    except OSError as exc:
        raise _unreadable(display, exc) from exc
    try:
        info = os.fstat(handle)  # what was opened is what is checked
        _refuse_special(info.st_mode, display)
        if info.st_size > limit:
            raise _too_big(display, info.st_size, limit)
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(handle, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        data = b"".join(chunks)
        if len(data) > limit:  # it grew while being read
            raise _too_big(display, len(data), limit)
        return data
    except OSError as exc:
        raise _unreadable(display, exc) from exc
    finally:
        os.close(handle)


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
        f"'{display}' is {_special_kind(mode)}, not an ordinary file, so sendreview does not "
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


# ---- writing -----------------------------------------------------------------------------------


def write_atomic(
    target: Path, data: bytes, *, overwrite: bool = False, replace_read_only: bool | None = None
) -> None:
    """Write ``data`` to ``target`` so that an interrupted write leaves the old file whole.

    Without ``overwrite`` an existing file is never replaced (the new file is linked into
    place, which fails if one appeared meanwhile). With it, only a regular file is replaced,
    or a link to a regular file in the same folder, whose target is then written. A replaced
    file keeps its mode and, where the process may, its owner. A read-only file is replaced
    only with ``replace_read_only`` (by default: ``overwrite``), and stays read-only.
    """
    if replace_read_only is None:
        replace_read_only = overwrite
    _prepare_folder(target)
    for _ in range(3):
        existing = _lstat(target)
        if existing is None:
            if _place_new(target, data):
                return
            if not overwrite:
                raise _exists(target)
            continue  # it appeared meanwhile: look at what it is
        if not overwrite:
            raise _exists(target)
        real = _replaceable(target, existing)
        if real != target:
            target, existing = real, os.stat(real)
        _check_read_only(target, existing, replace_read_only)
        _replace(target, data, existing)
        return
    raise RefusedError(
        f"'{target}' kept changing while sendreview was writing it, so it was left alone.",
        "Check that no other program is writing it, then run the command again.",
    )


def create_new(target: Path, data: bytes) -> bool:
    """Write a file that must not exist yet; False, and nothing changed, if it does.

    A leftover of a failed run (an empty file, or one of only NUL bytes or blank lines, as
    a full disk or a crash may leave) is not anyone's work, so it is replaced.
    """
    _prepare_folder(target)
    existing = _lstat(target)
    if existing is None:
        return _place_new(target, data)
    if is_leftover(target):
        _replace(target, data, existing)
        return True
    return False


def is_leftover(path: Path) -> bool:
    """A regular file with nothing in it: what an interrupted write by an older version or
    another program leaves, which must not be kept as if it were good."""
    info = _lstat(path)
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
        return False
    try:
        return not read_regular(path, str(path), 4096).strip(b"\x00 \t\r\n")
    except UnsafeFileError:
        return False


def _prepare_folder(target: Path) -> None:
    """Refuse a target that a link leads out of the repository, then make its folder."""
    if leaves_repository(target):
        raise _outside(target, str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(target, error) from error


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError as exc:
        raise cannot_write(path, exc) from exc


def _exists(target: Path) -> RefusedError:
    return RefusedError(
        f"'{target}' already exists.",
        "Choose another file with -o, or add --force to replace it.",
    )


def check_replaceable(target: Path) -> None:
    """Refuse now what :func:`write_atomic` would refuse to replace, so that a command writing
    several files can stop before it writes any."""
    info = _lstat(target)
    if info is not None:
        _replaceable(target, info)


def _replaceable(target: Path, info: os.stat_result) -> Path:
    """The file to write in place of ``target``: itself, or where its link leads."""
    if stat.S_ISREG(info.st_mode):
        return target
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"'{target}' is a folder.", "Give a file name with -o.")
    if stat.S_ISLNK(info.st_mode):
        real = os.path.realpath(target)
        folder = os.path.realpath(target.parent)
        try:
            ok = stat.S_ISREG(os.stat(real).st_mode) and _inside(real, folder)
        except OSError:
            ok = False
        if ok:
            return Path(real)
        raise RefusedError(
            f"'{target}' is a link to something other than a file in its own folder, so "
            "sendreview does not replace it.",
            "Choose another file name with -o, or remove the link first.",
        )
    raise RefusedError(
        f"'{target}' is {_special_kind(info.st_mode)}, not an ordinary file, so sendreview "
        "does not replace it, even with --force.",
        "Choose another file name with -o, or '-o -' to write to the terminal.",
    )


def _check_read_only(target: Path, info: os.stat_result, allowed: bool) -> None:
    if info.st_mode & 0o222 or allowed:
        return
    raise RefusedError(
        f"'{target}' is read-only, so sendreview did not change it.",
        "If it should change, add --force: it is updated and stays read-only.",
    )


def _place_new(target: Path, data: bytes) -> bool:
    """Link a finished temporary file into place; False if ``target`` appeared meanwhile."""
    temporary: str | None = _temporary(target, data, None)
    try:
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise cannot_write(target, error) from error
            # A file system without hard links (FAT, some network shares): claim the name,
            # then rename over the claim. A crash in between leaves an empty file, which
            # create_new() recognises as a leftover.
            try:
                os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            except FileExistsError:
                return False
            except OSError as error2:
                raise cannot_write(target, error2) from error2
            _rename(temporary, target)
            temporary = None
        _sync_folder(target.parent)
        return True
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


_NO_HARD_LINKS = {
    errno.EPERM,
    errno.EXDEV,
    errno.EMLINK,
    getattr(errno, "ENOTSUP", -1),
    getattr(errno, "EOPNOTSUPP", -1),
    getattr(errno, "ENOSYS", -1),
}


def _replace(target: Path, data: bytes, existing: os.stat_result) -> None:
    temporary: str | None = _temporary(target, data, existing)
    try:
        # Last look before the rename: if something else now stands at the name (a device
        # put there meanwhile, say), leave it alone.
        now = _lstat(target)
        if now is not None and (now.st_ino, now.st_dev) != (existing.st_ino, existing.st_dev):
            raise RefusedError(
                f"'{target}' changed while sendreview was writing it, so it was left alone.",
                "Check that no other program is writing it, then run the command again.",
            )
        _rename(temporary, target)
        temporary = None
        _sync_folder(target.parent)
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _temporary(target: Path, data: bytes, existing: os.stat_result | None) -> str:
    """A finished, synced temporary file beside ``target`` with the permissions it should
    have: those of the file it replaces, or those any new file gets."""
    import tempfile  # only commands that write pay for it (it imports random)

    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise cannot_write(target, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            if existing is not None:
                _same_owner(stream.fileno(), existing)
                mode = stat.S_IMODE(existing.st_mode)
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
        os.chmod(temporary, mode)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise cannot_write(target, error) from error
        raise
    return temporary


def _same_owner(handle: int, existing: os.stat_result) -> None:
    if not hasattr(os, "fchown"):
        return
    mine = os.fstat(handle)
    if (mine.st_uid, mine.st_gid) == (existing.st_uid, existing.st_gid):
        return
    try:
        os.fchown(handle, existing.st_uid, existing.st_gid)
    except PermissionError:
        with contextlib.suppress(PermissionError):
            os.fchown(handle, -1, existing.st_gid)  # a group the user is in


def _rename(temporary: str, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as error:
        raise cannot_write(target, error) from error


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def cannot_write(target: Path, error: OSError) -> UsageError:
    """A write the system refused (a missing or read-only folder, a full disk), in words."""
    reason = error.strerror or str(error)
    return UsageError(
        f"Cannot write '{target}': {reason}.",
        "Check that the folder exists, that it is not a file, and that you may write there.",
    )


# ---- one change at a time ----------------------------------------------------------------------


@contextlib.contextmanager
def repository_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the repository's lock while changing it; other sendreview runs wait for it.

    The lock is an operating-system lock on ``.sendreview.lock`` beside the trust file, so
    it is released even if the holder is killed. After ``wait`` seconds the command stops
    with a message instead of waiting for ever. Whoever holds the lock removes the file on
    the way out; a waiter that then finds it locked a file no longer there tries again.
    """
    wait = LOCK_WAIT_SECONDS if wait is None else wait
    made = not os.path.lexists(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(root, error) from error
    path = root / LOCK_FILE
    deadline = time.monotonic() + wait
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    while True:
        try:
            handle = os.open(path, flags, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise _outside(path, str(path)) from error
            raise cannot_write(path, error) from error
        if _try_lock(handle) and _still_there(handle, path):
            break
        os.close(handle)
        if time.monotonic() >= deadline:
            raise RefusedError(
                "Another sendreview is changing this repository, and it has not finished "
                f"after {wait:.0f} seconds.",
                "Wait for it to finish, then run this again. If no other sendreview is "
                f"running, delete '{path}'.",
            )
        time.sleep(0.05)
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(handle, 0)
            os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(handle)  # releases the lock
        if made:  # a new repository that was refused: leave no empty folder behind
            with contextlib.suppress(OSError):
                root.rmdir()


def _try_lock(handle: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError as error:
        if error.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS):
            return True  # a file system without locks: carry on as before there were any
        raise
    return True


def _still_there(handle: int, path: Path) -> bool:
    """True when the locked file is still the one at ``path`` (not removed by its holder)."""
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (here.st_ino, here.st_dev) == (mine.st_ino, mine.st_dev)
