"""Writing files without losing anything.

A review repository lives on shared drives and in CI and is edited by people who are not
programmers, so every write goes through here:

- only regular files are replaced (never a device, FIFO, socket or a link elsewhere), and a
  replaced file keeps its permissions and, where the process may, its owner;
- every write is atomic: a temporary file in the same folder, ``fsync``, then one rename
  (``os.replace``), so a full disk or an interruption leaves the old file or the new one,
  never an empty one;
- a file that must not exist yet is linked into place (``os.link`` fails if the name was
  taken meanwhile), so two runs never both write it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from sendreview.errors import RefusedError, UsageError
from sendreview.files.reading import (
    UnsafeFileError,
    inside,
    leaves_repository,
    outside,
    read_regular,
    special_kind,
)


def write_atomic(
    target: Path,
    data: bytes | Iterable[bytes],
    *,
    overwrite: bool = False,
    replace_read_only: bool | None = None,
) -> None:
    """Write ``data`` to ``target`` so that an interrupted write leaves the old file whole.

    ``data`` may come in pieces (a large export, never whole in memory); it is read again if
    the write has to start over, so give pieces that can be read twice, not a generator.

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
        raise outside(target, str(target))
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


def check_writable(target: Path, *, overwrite: bool) -> None:
    """Refuse now what :func:`write_atomic` would refuse later: an existing file without
    ``overwrite``, or one that cannot be replaced. A command that reads a whole trust asks
    this first, so a refusal comes at once, not after every review has been read."""
    info = _lstat(target)
    if info is None:
        return
    if not overwrite:
        raise _exists(target)
    _replaceable(target, info)


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
            ok = stat.S_ISREG(os.stat(real).st_mode) and inside(real, folder)
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
        f"'{target}' is {special_kind(info.st_mode)}, not an ordinary file, so sendreview "
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


def _place_new(target: Path, data: bytes | Iterable[bytes]) -> bool:
    """Link a finished temporary file into place; False if ``target`` appeared meanwhile."""
    temporary = _temporary(target, data, None)
    renamed = False
    try:
        try:
            os.link(temporary, target)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_HARD_LINKS:
                raise cannot_write(target, error) from error
            if not _claim(target):
                return False
            _rename(temporary, target)
            renamed = True
        _sync_folder(target.parent)
        return True
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _claim(target: Path) -> bool:
    """Create ``target`` empty unless it exists (``O_EXCL``), for a file system without hard
    links (FAT, some network shares), to rename over next. A crash in between leaves an
    empty file, which :func:`create_new` recognises as a leftover."""
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    except OSError as error:
        raise cannot_write(target, error) from error
    return True


_NO_HARD_LINKS = {
    errno.EPERM,
    errno.EXDEV,
    errno.EMLINK,
    getattr(errno, "ENOTSUP", -1),
    getattr(errno, "EOPNOTSUPP", -1),
    getattr(errno, "ENOSYS", -1),
}


def _replace(target: Path, data: bytes | Iterable[bytes], existing: os.stat_result) -> None:
    """Rename a finished temporary file over ``target``.

    The last look before the rename leaves alone anything else that now stands at the name
    (a device put there meanwhile, say). A rename cannot be made conditional on what it
    replaces, so a change in the instant between that look and the rename is not seen.
    """
    temporary = _temporary(target, data, existing)
    renamed = False
    try:
        now = _lstat(target)
        if now is not None and (now.st_ino, now.st_dev) != (existing.st_ino, existing.st_dev):
            raise RefusedError(
                f"'{target}' changed while sendreview was writing it, so it was left alone.",
                "Check that no other program is writing it, then run the command again.",
            )
        _rename(temporary, target)
        renamed = True
        _sync_folder(target.parent)
    finally:
        if not renamed:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _temporary(target: Path, data: bytes | Iterable[bytes], existing: os.stat_result | None) -> str:
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
            stream.writelines([data] if isinstance(data, bytes) else data)
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


def append_regular(target: Path, data: bytes) -> None:
    """Add ``data`` to the end of ``target``, a regular file (created when missing) that
    another program collects, such as GitHub's step summary, so it is added to, not replaced.

    Opened without waiting and checked on the open handle: a FIFO with no reader, a device or
    a folder is refused instead of hanging or writing somewhere unexpected."""
    if leaves_repository(target):
        raise outside(target, str(target))
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(target, flags, 0o644)
    except OSError as error:
        raise cannot_write(target, error) from error
    try:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            raise UnsafeFileError(
                f"'{target}' is {special_kind(mode)}, not an ordinary file, so sendreview "
                "does not write to it.",
                "Give the path of an ordinary file.",
                kind="special",
            )
        if hasattr(os, "set_blocking"):
            os.set_blocking(handle, True)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
    except OSError as error:
        raise cannot_write(target, error) from error
    finally:
        os.close(handle)


def cannot_write(target: Path, error: OSError) -> UsageError:
    """A write the system refused (a missing or read-only folder, a full disk), in words."""
    reason = error.strerror or str(error)
    return UsageError(
        f"Cannot write '{target}': {reason}.",
        "Check that the folder exists, that it is not a file, and that you may write there.",
    )
