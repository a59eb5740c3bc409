from __future__ import annotations

import hashlib
import os
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from typer.testing import CliRunner

from sendreview.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "larkspur-trust"

# Property tests. "ci" (the default) draws the same examples on every run and every machine
# (derandomized, no example database), a bounded number of them, each under a deadline, and
# does not shrink a failure: hypothesis allows itself five minutes to shrink, and once took
# 312 s. A failure is printed as drawn, with the @reproduce_failure line that replays it.
# "fuzz" (`make fuzz`, or HYPOTHESIS_PROFILE=fuzz) draws fifty times as many random examples
# and shrinks what it finds.
_CI_EXAMPLES = 100
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    max_examples=_CI_EXAMPLES,
    deadline=timedelta(seconds=2),
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "fuzz",
    max_examples=_CI_EXAMPLES * 50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def examples(ci: int) -> int:
    """How many examples a costly property test draws: ``ci`` under the "ci" profile, and as
    many times more under another profile as that profile draws for a cheap test."""
    return max(1, ci * settings().max_examples // _CI_EXAMPLES)


class Cli:
    """Runs the app through Typer's runner, keeping stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path, env: dict[str, str] | None = None):
        return self.runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture
def example_repo(tmp_path: Path) -> Path:
    """A private copy of the example trust, free to break."""
    target = tmp_path / "larkspur-trust"
    shutil.copytree(EXAMPLE, target)
    return target


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes, to prove nothing changed."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fill(text: str, rating: str = "green") -> str:
    """Answer every statement of a blank review the way a SENCO would, line by line."""
    out = []
    for line in text.splitlines():
        stripped = line.strip()
        indent = line[: len(line) - len(line.lstrip())]
        if stripped.startswith("rating:"):
            line = f"{indent}rating: {rating}"
        elif stripped.startswith("strengths:"):
            line = f"{indent}strengths: Leaders review this every term with the SENCO."
        elif stripped.startswith("areas_for_development:"):
            line = f"{indent}areas_for_development: Keep the current practice under review."
        elif stripped.startswith("review_date:"):
            line = "review_date: 2026-11-20"
        elif stripped.startswith("completed_by:"):
            line = "completed_by: [SENCO, Headteacher]"
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.fixture
def filled_repo(tmp_path: Path, cli: Cli) -> Path:
    """A new repository with one academy whose review is complete and valid."""
    root = tmp_path / "trust"
    result = cli(
        "new", root, "--trust", "Test Trust", "--cycle", "2026-autumn", "--academy", "Oak Primary"
    )
    assert result.exit_code == 0, result.output
    review = root / "reviews" / "2026-autumn" / "oak-primary.yaml"
    review.write_text(fill(review.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def line_of(path: Path, needle: str) -> int:
    """The 1-based line number of the first line containing ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
