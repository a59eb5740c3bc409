"""Open a returned workbook, or say in plain words why it cannot be opened.

People send back all sorts: the form, an old .xls, a CSV, a password-protected copy, a
half-downloaded attachment, a Word document. Each gets a message that says what it is and
what to do, and exit code 2; none gives a traceback.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sendreview.errors import SendReviewError, UsageError
from sendreview.files import UnsafeFileError, read_regular

if TYPE_CHECKING:
    from openpyxl import Workbook

#: A form is tens of kilobytes; anything this big is not one.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: What the workbook's parts may unpack to: a guard against zip bombs.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Cells with something in them, across every sheet.
MAX_CELLS = 500_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SEND_BACK = "Ask for the form made by 'sendreview form', saved as an Excel workbook (.xlsx)."


class WorkbookError(SendReviewError):
    """The file cannot be read as a sendreview form."""


@dataclass
class Grid:
    """The non-empty cells of one sheet, by (row, column), both 1-based."""

    title: str
    #: The sheet's place in the workbook, 1 for the first: problems are listed in this order.
    position: int = 0
    cells: dict[int, dict[int, object]] = field(default_factory=dict)
    #: Cells that show a spreadsheet error such as #NAME? instead of a value.
    errors: set[tuple[int, int]] = field(default_factory=set)

    def value(self, row: int, column: int) -> object:
        return self.cells.get(row, {}).get(column)

    def rows(self) -> list[int]:
        return sorted(self.cells.keys() | {row for row, _ in self.errors})

    def row(self, row: int) -> dict[int, object]:
        return self.cells.get(row, {})


def read_workbook(path: Path, display: str) -> list[Grid]:
    """Every sheet's cells (hidden sheets too), read once; the workbook is closed after."""
    raw = _read(path, display)
    _check_container(raw, display)
    workbook = _load(raw, display)
    try:
        with _quiet():
            return _grids(workbook, display)
    except WorkbookError:
        raise
    except Exception as exc:  # noqa: BLE001 - read-only mode parses sheets only now
        raise _damaged(display, exc) from exc
    finally:
        workbook.close()


def _read(path: Path, display: str) -> bytes:
    """The workbook's bytes: a regular file of at most :data:`MAX_FILE_BYTES`, checked before
    anything is read, so a FIFO, ``/dev/zero`` or a huge file is refused, not read."""
    try:
        return read_regular(path, display, MAX_FILE_BYTES)
    except UnsafeFileError as exc:
        if exc.kind == "missing":
            raise UsageError(
                f"'{display}' does not exist.", "Check the spelling of the file name."
            ) from exc
        if exc.kind == "folder":
            raise UsageError(f"'{display}' is a folder.", "Give the workbook's file name.") from exc
        if exc.kind == "too-big":
            raise WorkbookError(
                f"'{display}' is {exc.size / 1_048_576:.0f} MB; a form is never more than "
                f"{MAX_FILE_BYTES // 1_048_576} MB.",
                _SEND_BACK,
            ) from exc
        if exc.kind == "unreadable":
            raise WorkbookError(
                exc.message, "Close it in Excel if it is open, and check that you may read it."
            ) from exc
        raise WorkbookError(exc.message, "Give the path of the workbook file itself.") from exc


def _check_container(raw: bytes, display: str) -> None:
    """Tell the common wrong files apart before openpyxl sees them."""
    if raw.startswith(_OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in raw:
            raise WorkbookError(
                f"'{display}' is protected with a password, so it cannot be read.",
                "Open it in Excel, choose File > Info > Protect Workbook > Encrypt with "
                "Password, clear the password, save, and import it again.",
            )
        raise WorkbookError(
            f"'{display}' is in the old Excel format (.xls).",
            "Open it in Excel and save it as 'Excel Workbook (.xlsx)'.",
        )
    if not raw.startswith(b"PK"):
        raise WorkbookError(
            f"'{display}' is not an Excel workbook.",
            "If it was saved as CSV or PDF, open the original form and save it "
            "as 'Excel Workbook (.xlsx)'. " + _SEND_BACK,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise WorkbookError(
            f"'{display}' is damaged (it may not have finished downloading).",
            "Save the attachment again, or ask for the form to be sent again.",
        ) from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(
            f"'{display}' unpacks to more than "
            f"{MAX_UNPACKED_BYTES // 1_048_576} MB; a form is never that big.",
            _SEND_BACK,
        )
    if "xl/workbook.xml" not in names:
        raise WorkbookError(
            f"'{display}' is {_kind(names)}, not an Excel workbook.",
            "Open it and save it as 'Excel Workbook (.xlsx)'. " + _SEND_BACK,
        )


def _kind(names: set[str]) -> str:
    if "word/document.xml" in names:
        return "a Word document"
    if "content.xml" in names:
        return "an OpenDocument file (LibreOffice's own format)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint file"
    return "a zip archive"


def _load(raw: bytes, display: str) -> Workbook:
    from openpyxl import load_workbook

    try:
        with _quiet():
            return load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for broken XML
        raise _damaged(display, exc) from exc


@contextmanager
def _quiet() -> Iterator[None]:
    """Workbooks saved by other programs carry extensions openpyxl warns about and skips
    (Google Sheets' data validation, for one); none of them hold answers."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _damaged(display: str, exc: Exception) -> WorkbookError:
    return WorkbookError(
        f"'{display}' is damaged and cannot be read ({type(exc).__name__}: {str(exc)[:200]}).",
        "Open it in Excel and save it again, or ask for the form to be sent again.",
    )


def _grids(workbook: Workbook, display: str) -> list[Grid]:
    grids = []
    count = 0
    for position, sheet in enumerate(workbook.worksheets, start=1):
        grid = Grid(sheet.title, position)
        sheet.reset_dimensions()  # a sheet may claim a million rows it does not have
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "row", None) is None or cell.value is None:
                    continue
                count += 1
                if count > MAX_CELLS:
                    raise WorkbookError(
                        f"'{display}' has more than {MAX_CELLS:,} filled cells; "
                        "a form has a few hundred.",
                        _SEND_BACK,
                    )
                if cell.data_type == "e":
                    grid.errors.add((cell.row, cell.column))
                else:
                    grid.cells.setdefault(cell.row, {})[cell.column] = cell.value
        grids.append(grid)
    return grids
