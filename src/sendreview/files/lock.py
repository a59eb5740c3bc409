"""One change at a time: the lock that commands hold while they change a repository."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sendreview.errors import RefusedError
from sendreview.files.reading import outside
from sendreview.files.writing import cannot_write

#: The lock file beside the trust file, held while a command changes the repository.
LOCK_FILE = ".sendreview.lock"
#: How long a command waits for another sendreview run to finish changing the repository.
LOCK_WAIT_SECONDS = 15.0


@contextlib.contextmanager
def repository_lock(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the repository's lock while changing it; other sendreview runs wait for it.

    The lock is an operating-system lock on ``.sendreview.lock`` beside the trust file, so
    it is released even if the holder is killed. After ``wait`` seconds the command stops
    with a message instead of waiting for ever. Whoever holds the lock removes the file on
    the way out; a waiter that then finds it locked a file no longer there tries again.
    """
    made = not os.path.lexists(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(root, error) from error
    path = root / LOCK_FILE
    handle = _acquire(path, LOCK_WAIT_SECONDS if wait is None else wait)
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


def _acquire(path: Path, wait: float) -> int:
    """The open, locked lock file, after waiting at most ``wait`` seconds for it."""
    deadline = time.monotonic() + wait
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
    while True:
        try:
            handle = os.open(path, flags, 0o644)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise outside(path, str(path)) from error
            raise cannot_write(path, error) from error
        if _try_lock(handle) and _still_there(handle, path):
            return handle
        os.close(handle)
        if time.monotonic() >= deadline:
            raise RefusedError(
                "Another sendreview is changing this repository, and it has not finished "
                f"after {wait:.0f} seconds.",
                "Wait for it to finish, then run this again. If no other sendreview is "
                f"running, delete '{path}'.",
            )
        time.sleep(0.05)


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

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
