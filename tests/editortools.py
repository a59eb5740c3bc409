"""Helpers for the editor tests: the files a trust opens in VS Code, and the schema each names."""

from __future__ import annotations

import re
from pathlib import Path

CYCLE = "2026-autumn"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def schema_of(path: Path) -> Path:
    """The schema file a YAML file's first line points to, resolved as the editor does:
    relative to the file itself, not to the folder the editor was opened on."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    found = MODELINE.match(first)
    assert found, f"{path} has no schema line: {first!r}"
    return (path.parent / found.group(1)).resolve()


def blank_repo(cli, root: Path) -> Path:
    """What ``sendreview new`` writes for a trust with two academies and a trust review."""
    result = cli(
        "new",
        root,
        "--trust",
        "Oak Trust",
        "--cycle",
        CYCLE,
        "--framework",
        "school-send-review",
        "--framework",
        "mat-send-review",
        "--academy",
        "Oak Primary",
        "--academy",
        "Ash Academy",
    )
    assert result.exit_code == 0, result.output
    return root


def editable_files(root: Path) -> list[Path]:
    """Every file of a repository that a person edits: the trust file, the reviews and the
    academies' SEN contexts."""
    edited = [root / "sendreview.yaml", *sorted((root / "reviews").rglob("*.yaml"))]
    return edited + sorted((root / "context").rglob("*.yaml"))
