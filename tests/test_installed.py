"""Through the installed console script, as a trust's CI or a SENCO's terminal runs it.

Layer: cli (through the installed console script).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import sendreview
from conftest import EXAMPLE, digest, needs_script, run_script
from sendreview.resources import data_dir

pytestmark = needs_script


def test_help_lists_the_commands():
    result = run_script("--help")
    assert result.returncode == 0
    for command in ("new", "validate", "frameworks", "aggregate", "report", "schema"):
        assert command in result.stdout


def test_version():
    assert run_script("--version").stdout.strip() == f"sendreview {sendreview.__version__}"


def test_validate_example_from_inside_the_repository():
    before = digest(EXAMPLE)
    result = run_script("validate", cwd=EXAMPLE)
    assert result.returncode == 0, result.stdout + result.stderr
    # the one answer the example copies unchanged from summer, on purpose
    assert "warning[SR701]" in result.stdout
    assert "1 warning in 1 file." in result.stdout
    assert digest(EXAMPLE) == before


def test_could_not_run_is_exit_code_2_without_traceback(tmp_path):
    result = run_script("validate", tmp_path / "missing")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "does not exist" in result.stderr


def test_problems_found_is_exit_code_1(tmp_path):
    (tmp_path / "review.yaml").write_text(
        "framework: school-send-review\ncycle: x\nstrenghts: y\n", encoding="utf-8"
    )
    result = run_script("validate", tmp_path, "--format", "github")
    assert result.returncode == 1
    assert "::error file=" in result.stdout
    assert "Traceback" not in result.stderr


def test_packaged_data_is_inside_the_installed_package():
    """The frameworks and templates ship in the wheel, not only in a source checkout."""
    package = Path(sendreview.__file__).parent
    if (package.parent.name == "src") and (package.parents[1] / "pyproject.toml").exists():
        pytest.skip("sendreview is installed in editable mode from a checkout")
    frameworks = data_dir("frameworks")
    assert str(frameworks).startswith(str(package))
    assert {p.name for p in frameworks.iterdir()} >= {
        "mat-send-review.yaml",
        "school-send-review.yaml",
        "trust-core-offer.yaml",
        "crosswalks",
    }
    templates = data_dir("templates")
    assert str(templates).startswith(str(package))
    assert {p.name for p in templates.iterdir()} >= {
        "trust.html.j2",
        "academy.html.j2",
        "trust.md.j2",
        "academy.md.j2",
        "report.css",
    }
