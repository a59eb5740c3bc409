"""Writing files without losing anyone's work."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sendreview.errors import RefusedError, UsageError


def write_atomic(target: Path, data: bytes, *, overwrite: bool = False) -> None:
    """Write ``data`` to ``target`` so that an interrupted write leaves the old file whole.

    The bytes go to a temporary file in the same folder, which then replaces the target in
    one step. Without ``overwrite`` an existing file is never replaced.
    """
    if target.exists() and not overwrite:
        raise RefusedError(
            f"'{target}' already exists.",
            "Choose another file with -o, or add --force to replace it.",
        )
    if target.is_dir():
        raise UsageError(f"'{target}' is a folder.", "Give a file name with -o.")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise cannot_write(target, error) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file private (0600); give it the permissions any new file
        # gets, so a report can be shared like any other document.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise cannot_write(target, error) from error
        raise


def cannot_write(target: Path, error: OSError) -> UsageError:
    """A write the system refused (a missing or read-only folder, a full disk), in words."""
    reason = error.strerror or str(error)
    return UsageError(
        f"Cannot write '{target}': {reason}.",
        "Check that the folder exists, that it is not a file, and that you may write there.",
    )
