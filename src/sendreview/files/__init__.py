"""Reading and writing files without disclosing or losing anything: the lowest layer.

A review repository holds special category data, lives on shared drives and in CI, and is
edited by people who are not programmers, so every file sendreview touches goes through here:

- nothing is read or written through a link that leads out of the repository;
- only regular files are read, and only up to a limit the caller sets (:mod:`.reading`);
- every write is atomic and replaces only a regular file (:mod:`.writing`);
- commands that change the trust file hold :func:`repository_lock` while they do
  (:mod:`.lock`).
"""

from sendreview.files.lock import LOCK_FILE, LOCK_WAIT_SECONDS, repository_lock
from sendreview.files.reading import (
    UnsafeFileError,
    current_folder,
    leaves_repository,
    read_regular,
    read_stdin,
    repository_of,
)
from sendreview.files.writing import (
    append_regular,
    cannot_write,
    check_replaceable,
    check_writable,
    create_new,
    is_leftover,
    write_atomic,
)

__all__ = [
    "LOCK_FILE",
    "LOCK_WAIT_SECONDS",
    "UnsafeFileError",
    "append_regular",
    "cannot_write",
    "check_replaceable",
    "check_writable",
    "create_new",
    "current_folder",
    "is_leftover",
    "leaves_repository",
    "read_regular",
    "read_stdin",
    "repository_lock",
    "repository_of",
    "write_atomic",
]
