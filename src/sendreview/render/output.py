"""Where a rendered output goes: standard output, one file, or a folder of files.

Every command with ``-o`` writes through here, so ``-o -`` means standard output for all of
them, and every file goes through the one atomic writer (:mod:`sendreview.files`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sendreview.render.formats import STDOUT
from sendreview.render.registry import Format, Renders, Writes, get

if TYPE_CHECKING:
    from sendreview.diagnostics import Report


def write_text(text: str) -> None:
    """Text for standard output, written exactly (a CSV keeps what its cells hold), ending in
    one line break."""
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def write_output(
    target: Path, data: bytes | Iterable[bytes], *, force: bool, binary: bool = False
) -> bool:
    """Write an output file (only ever replacing a regular one); False for standard output.

    ``-o -`` writes to standard output, for every command with ``-o``; a workbook is refused
    there while standard output is a terminal, where its bytes would only garble the screen.
    """
    if target == STDOUT:
        if binary and sys.stdout.isatty():
            from sendreview.errors import UsageError

            raise UsageError(
                "A workbook cannot be shown in the terminal.",
                "Send it to a file (-o NAME.xlsx) or into another program (-o - | ...).",
            )
        sys.stdout.flush()
        sys.stdout.buffer.writelines([data] if isinstance(data, bytes) else data)
        sys.stdout.buffer.flush()
        return False
    from sendreview.files import write_atomic

    write_atomic(target, data, overwrite=force)
    return True


def check_target(target: Path | None, *, force: bool) -> None:
    """Refuse before any work what writing ``target`` would refuse after it: an existing file
    without ``force``, or one that cannot be replaced (nothing to check for standard output,
    or when no file was named)."""
    if target is None or target == STDOUT:
        return
    from sendreview.files import check_writable

    check_writable(target, overwrite=force)


def write_folder(files: Mapping[str, str], folder: Path, *, force: bool = False) -> list[Path]:
    """Write ``files`` (name to text) into ``folder`` (made if need be); the files written.

    Checks every file before writing any, so a refusal leaves the folder as it was; without
    ``force`` no existing file is replaced. Each file goes through the one atomic writer.
    """
    from sendreview.errors import RefusedError, UsageError
    from sendreview.files import check_replaceable, write_atomic

    if folder.exists() and not folder.is_dir():
        raise UsageError(
            f"'{folder}' is a file, and the tables need a folder.",
            "Give a folder with -o, for example -o exports; it is made if need be.",
        )
    targets = {name: folder / name for name in files}
    existing = [name for name, path in targets.items() if path.exists() or path.is_symlink()]
    if existing and not force:
        raise RefusedError(
            f"'{folder}' already holds {', '.join(existing)}.",
            "Choose another folder with -o, or add --force to replace these files.",
        )
    for path in targets.values():  # a device, FIFO or outside link among them: write none
        check_replaceable(path)
    for name, text in files.items():
        write_atomic(targets[name], text.encode("utf-8"), overwrite=force)
    return list(targets.values())


def render_to(
    chosen: Format, subject: object, out: Path | None = None, *, force: bool = False, **options: Any
) -> list[Path]:
    """Render ``subject`` in the chosen format to standard output, or to ``out``; the files
    written. What happens follows from what the format writes, never from its name."""
    # No -o: the terminal, as text (in colour where the format can be). '-o -': the same
    # bytes a file would get, on standard output.
    styled = chosen.styled_function() if out is None else None
    if styled is not None:  # coloured on a terminal, from the data itself
        styled(subject)
        return []
    in_pieces = chosen.pieces_function() if out is not None else None
    if in_pieces is not None:  # a large output, written as it is encoded
        written = write_output(out or STDOUT, in_pieces(subject), force=force)
        return [out] if written and out is not None else []
    result = chosen.function()(subject, **options)
    if chosen.writes is Writes.TERMINAL:
        return []
    if chosen.writes is Writes.FILES:
        if out is None or out == STDOUT:
            raise ValueError(f"--format {chosen.name} needs a folder")  # commands refuse first
        return write_folder(result, out, force=force)
    if isinstance(result, str) and out is None:
        write_text(result)
        return []
    data = result.encode("utf-8") if isinstance(result, str) else result
    written = write_output(out or STDOUT, data, force=force, binary=chosen.binary)
    return [out] if written and out is not None else []


def emit_problems(report: Report, name: str, changed_first: Collection[str] = ()) -> str:
    """Print problems in format ``name`` ('auto': GitHub annotations inside GitHub Actions,
    else text); the format used, so that validate knows whether to write a job summary."""
    if name == "auto":
        name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    render_to(get(Renders.PROBLEMS, name), report, changed_first=changed_first)
    return name
