"""Check that the lowest-versions run really installed each lower bound of pyproject.toml.

``make test-lowest`` installs with uv's lowest-direct resolution, then runs this with the
lowest venv's Python before the tests. A direct dependency can still land above its bound: a
release is yanked, or another dependency (often a test tool) needs a newer one. Then the bound
is untested, so this fails and names the bound to raise to the version that was installed.

    python scripts/check_lowest.py
"""

from __future__ import annotations

import sys
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.version import Version

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def lower_bound(requirement: Requirement) -> Version | None:
    """The version after ``>=`` in a requirement, or None where it has no such bound."""
    bounds = [Version(spec.version) for spec in requirement.specifier if spec.operator == ">="]
    return max(bounds) if bounds else None


def main() -> int:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    untested = []
    for text in requirements:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": "test"}):
            continue
        bound = lower_bound(requirement)
        try:
            installed = Version(version(requirement.name))
        except PackageNotFoundError:
            untested.append(f"{requirement.name}: not installed")
            continue
        mark = "ok" if bound is None or installed == bound else "ABOVE THE BOUND"
        print(f"{requirement.name:<22} bound {str(bound):<10} installed {installed}  {mark}")
        if mark != "ok":
            untested.append(
                f"{requirement.name}: {installed} was installed, not {bound}; raise the bound "
                f"in pyproject.toml to >={installed} (with a comment saying why)"
            )
    for line in untested:
        print(line, file=sys.stderr)
    return 1 if untested else 0


if __name__ == "__main__":
    sys.exit(main())
