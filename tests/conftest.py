"""What every test module shares: the example trust, the ways to run the CLI and read its
JSON (``cli``, ``cli.json``, ``validate_json``, ``run_script``), and the layer marks.

Every test is marked with its layer at collection (see ``pytest_collection_modifyitems``):
``unit`` calls the library directly, ``cli`` runs a sendreview command, ``package`` checks the
built distributions. ``pytest -m unit`` runs the library tests alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from typer.testing import CliRunner, Result

from sendreview.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "larkspur-trust"

#: The installed console script: the one beside this interpreter first, so that a virtual
#: environment's own script is run even when that environment is not on PATH.
SCRIPT = shutil.which("sendreview", path=str(Path(sys.executable).parent)) or shutil.which(
    "sendreview"
)
needs_script = pytest.mark.skipif(
    SCRIPT is None, reason="the sendreview console script is not installed"
)

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

    def json(self, *args: str | Path, env: dict[str, str] | None = None) -> tuple[int, Any]:
        """Run a command that prints JSON: its exit code and its standard output, parsed.

        No traceback may reach the output, and output that is not JSON fails with the output
        shown, where a bare ``json.loads`` would say only where the parse stopped.
        """
        result = self(*args, env=env)
        assert "Traceback" not in result.output, result.output
        return result.exit_code, _parsed(result)

    def json_ok(self, *args: str | Path, env: dict[str, str] | None = None) -> Any:
        """Run a command that must succeed and print JSON: its standard output, parsed."""
        result = self(*args, env=env)
        assert result.exit_code == 0, result.output
        return _parsed(result)


def _parsed(result: Result) -> Any:
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise AssertionError(f"not JSON ({error}):\n{result.output}") from None


@pytest.fixture
def cli() -> Cli:
    return Cli()


@pytest.fixture(scope="module")
def module_cli() -> Cli:
    """The same runner for a module-scoped fixture that builds its files once."""
    return Cli()


def validate_json(cli: Cli, root: Path, *extra: str | Path) -> tuple[int, list[dict[str, Any]]]:
    """``validate --format json``: its exit code and the problems it printed."""
    return cli.json("validate", root, "--format", "json", *extra)


def only(found: list[dict[str, Any]], code: str) -> dict[str, Any]:
    """The one problem with ``code`` among ``found``; fails, showing them all, if not one."""
    matching = [p for p in found if p["code"] == code]
    assert len(matching) == 1, found
    return matching[0]


def run_script(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: int = 120,
) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a trust's CI or a SENCO's terminal runs it."""
    assert SCRIPT is not None, "mark the test with needs_script"
    return subprocess.run(
        [SCRIPT, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


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


#: An academy's census counts as a SENCO fills in a blank context file: they add up.
CONTEXT_FILLED = {
    "census_date": "2026-10-01",
    "pupils": "400",
    "sen_support": "40",
    "ehc_plans": "10",
    "SLCN": "15",
    "ASD": "10",
    "SEMH": "10",
    "MLD": "10",
    "SPLD": "5",
}


def fill_context(text: str) -> str:
    """Fill in every blank count of a blank context file (0 for the needs not above), as a
    SENCO would, line by line; suspensions and exclusions are left blank, as optional."""
    out = []
    in_need = False
    for line in text.splitlines():
        key, colon, rest = line.partition(":")
        name = key.strip()
        if not line.startswith(" "):
            in_need = name == "primary_need"
        blank = colon and not rest.split("#")[0].strip()
        top = not line.startswith(" ") and name in CONTEXT_FILLED
        if blank and (top or (in_need and line.startswith("  "))):
            line = f"{key}: {CONTEXT_FILLED.get(name, '0')}  #{rest.partition('#')[2]}"
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
    context = root / "context" / "2026-autumn" / "oak-primary.yaml"
    context.write_text(fill_context(context.read_text(encoding="utf-8")), encoding="utf-8")
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


#: Fixtures that run a sendreview command: a test using one, even through another fixture,
#: is an end-to-end test.
_CLI_FIXTURES = frozenset({"cli", "module_cli"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test with its layer, so that ``pytest -m unit`` runs the library tests alone.

    ``cli`` where it runs a command: through a fixture above, or the installed script (marked
    ``needs_script``); ``unit`` where it calls the library directly. A module that is neither
    (the packaging tests) says so with its own ``pytestmark``.
    """
    for item in items:
        if item.get_closest_marker("package") is not None:
            continue
        runs_a_command = bool(_CLI_FIXTURES & set(getattr(item, "fixturenames", ()))) or any(
            mark == needs_script.mark for mark in item.iter_markers("skipif")
        )
        item.add_marker(pytest.mark.cli if runs_a_command else pytest.mark.unit)


def _response(answer: Any) -> dict[str, Any]:
    """One of ``responses``: its public shape, key by key and in this order."""
    academy = answer.academy
    return {
        "academy": academy.id,
        "statement": answer.statement.id,
        "area": answer.statement.area,
        "status": answer.status,
        "rating": answer.rating,
        "label": answer.label,
        "position": answer.position,
        "score": answer.score,
        "review_date": academy.review_date.isoformat() if academy.review_date else None,
        "review_state": academy.state,
        "phase": academy.phase,
        "not_applicable": answer.not_applicable,
        "strengths": answer.strengths,
        "areas_for_development": answer.areas_for_development,
        "evidence": answer.evidence,
        "self_rating": answer.self_rating,
        "moderated_rating": answer.moderated_rating,
        "moderated": answer.moderated,
    }


def whole_view_json(view: Any) -> str:
    """The trust view's JSON as pydantic's encoder writes the whole view and its responses in
    one go: what the streamed writer must give, byte for byte."""
    from pydantic import TypeAdapter

    from sendreview.render.trust_view_data import answers

    data = view.model_dump(mode="json")
    data["responses"] = [_response(a) for a in answers(view)]
    return TypeAdapter(dict[str, Any]).dump_json(data, indent=2).decode("utf-8") + "\n"
