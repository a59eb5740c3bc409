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
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
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
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
