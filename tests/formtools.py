"""Helpers for the Excel form tests: make a form, then do to it what people do."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from sendreview.forms.layout import ACTION_COLUMNS, DETAILS, statement_columns
from sendreview.repository.frameworks import builtin

SCHOOL = builtin("school-send-review")
COLUMNS = {c.key: i for i, c in enumerate(statement_columns(SCHOOL), start=1)}
ACTION = {c.key: i for i, c in enumerate(ACTION_COLUMNS, start=1)}
CYCLE = "2026-autumn"
ALDER = "alder-brook-primary"


def make_form(cli, repo: Path, academy: str = ALDER, *extra: str) -> Path:
    """The form ``sendreview form`` writes for one academy, in a folder beside the repo."""
    out = repo.parent / "forms"
    result = cli("form", repo, "--cycle", CYCLE, "--academy", academy, "-o", out, *extra)
    assert result.exit_code == 0, result.output
    return out / f"{academy}-{CYCLE}.xlsx"


def run_import(cli, path: Path, repo: Path, *extra: str):
    """``sendreview import`` of a returned form, which never shows a traceback."""
    result = cli("import", path, repo, *extra)
    assert "Traceback" not in result.output + result.stderr
    return result


def edit(path: Path, change: Callable[[Workbook], None], target: Path | None = None) -> Path:
    """Open the workbook as Excel would, change it, save it (to ``target`` if given)."""
    workbook = load_workbook(path)
    change(workbook)
    target = target or path
    workbook.save(target)
    return target


def row_of(workbook: Workbook, statement_id: str) -> tuple[Worksheet, int]:
    """The sheet and row of a statement, wherever it has moved to."""
    for sheet in workbook.worksheets:
        for row in range(1, sheet.max_row + 1):
            for column in range(1, 4):
                if sheet.cell(row, column).value == statement_id:
                    return sheet, row
    raise AssertionError(f"{statement_id} is not in the workbook")


def answer(workbook: Workbook, statement_id: str, key: str, value: object) -> str:
    """Type ``value`` into a statement's answer cell; returns the cell's coordinate."""
    sheet, row = row_of(workbook, statement_id)
    cell = sheet.cell(row, COLUMNS[key])
    cell.value = value
    return cell.coordinate


def detail(workbook: Workbook, key: str, value: object) -> None:
    label = next(d.label for d in DETAILS if d.key == key)
    sheet = workbook["Instructions"]
    for row in range(1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == label:
            sheet.cell(row, 2).value = value
            return
    raise AssertionError(label)


def first_blank_action_row(sheet: Worksheet) -> int:
    header = next(
        r for r in range(1, sheet.max_row + 1) if sheet.cell(r, ACTION["action"]).value == "Action"
    )
    row = header + 1
    while sheet.cell(row, ACTION["action"]).value not in (None, ""):
        row += 1
    return row


def add_action(workbook: Workbook, **values: object) -> int:
    sheet = workbook["Action plan"]
    row = first_blank_action_row(sheet)
    for key, value in values.items():
        sheet.cell(row, ACTION[key]).value = value
    return row


def soffice_resave(path: Path, out: Path) -> Path:
    """Open and save the workbook in LibreOffice, as a SENCO without Excel would."""
    return soffice_convert(path, out, "xlsx")


def soffice_convert(path: Path, out: Path, to: str) -> Path:
    """The file LibreOffice makes from the workbook: ``xlsx`` re-saved, or ``pdf`` printed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-calc")
    profile = out / f"lo-profile-{uuid.uuid4().hex}"
    out.mkdir(parents=True, exist_ok=True)
    folder = out / ("resaved" if to == "xlsx" else to)
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(folder),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env={**os.environ, "HOME": str(out)},
    )
    return folder / f"{path.stem}.{to}"
