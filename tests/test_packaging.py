"""The sdist and wheel a trust installs: licensed, complete, and clean by the packaging tools.

The distributions are built once for the module, the way a release is built (``python -m
build``: the sdist first, then the wheel from the unpacked sdist, so a file the sdist forgets
is missing from the wheel too). Each check that drives an external tool skips with a reason
where that tool is not installed.

Layer: package (the built sdist and wheel).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [
    pytest.mark.package,
    pytest.mark.skipif(
        not (ROOT / "pyproject.toml").is_file(), reason="not run from a source checkout"
    ),
]

HOME = "https://github.com/sendreview/sendreview"
# Files that are never part of a release, wherever a developer's tools leave them.
NOT_SHIPPED = {"__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", ".DS_Store"}


def has_module(name: str) -> bool:
    return importlib.util.find_spec(name) is not None


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run a Python tool from this interpreter's environment, in the repository root.

    The root is the working directory so that check-wheel-contents reads its settings from
    pyproject.toml, as it does when a maintainer runs it before a release.
    """
    return subprocess.run(
        [sys.executable, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )


def hatchling_ready() -> bool:
    """Whether the installed hatchling can build this project without an isolated download."""
    if not has_module("hatchling") or not has_module("packaging"):
        return False
    import tomllib
    from importlib.metadata import version

    from packaging.requirements import Requirement

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirement = Requirement(pyproject["build-system"]["requires"][0])
    return requirement.name == "hatchling" and version("hatchling") in requirement.specifier


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not has_module("build"):
        pytest.skip("the build package is not installed (pip install '.[test]')")
    out = tmp_path_factory.mktemp("dist")
    # Without isolation when the right hatchling is already here: quick and offline. Otherwise
    # build fetches hatchling into an isolated environment, as pip does for a trust.
    isolation = ["--no-isolation"] if hatchling_ready() else []
    result = run("-m", "build", *isolation, "--outdir", out, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    (sdist,) = out.glob("sendreview-*.tar.gz")
    (wheel,) = out.glob("sendreview-*.whl")
    return {"sdist": sdist, "wheel": wheel}


def sdist_files(sdist: Path) -> dict[str, bytes]:
    """Every file in the sdist by its path inside the project, with its bytes."""
    with tarfile.open(sdist) as tar:
        files = {}
        for member in tar.getmembers():
            if member.isfile():
                _top, _, inner = member.name.partition("/")
                files[inner] = tar.extractfile(member).read()
        return files


def wheel_files(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as whl:
        return {name: whl.read(name) for name in whl.namelist() if not name.endswith("/")}


def repo_files(folder: str) -> dict[str, bytes]:
    """The files of a repository folder that a release ships, by path from the root."""
    base = ROOT / folder
    return {
        path.relative_to(ROOT).as_posix(): path.read_bytes()
        for path in sorted(base.rglob("*"))
        if path.is_file()
        and not NOT_SHIPPED.intersection(path.relative_to(ROOT).parts)
        and path.suffix != ".pyc"
    }


def wheel_metadata(wheel: Path):
    files = wheel_files(wheel)
    (name,) = [n for n in files if n.endswith(".dist-info/METADATA")]
    return HeaderParser().parsestr(files[name].decode("utf-8"))


def test_license_is_in_the_sdist_and_the_wheel(dists):
    license_text = (ROOT / "LICENSE").read_bytes()
    assert b"MIT License" in license_text
    assert b"Copyright (c) 2026 sendreview contributors" in license_text
    assert sdist_files(dists["sdist"])["LICENSE"] == license_text
    licenses = {
        name: data
        for name, data in wheel_files(dists["wheel"]).items()
        if ".dist-info/licenses/" in name
    }
    assert list(licenses.values()) == [license_text], sorted(licenses)


def test_metadata_names_the_license_and_the_project_links(dists):
    metadata = wheel_metadata(dists["wheel"])
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL"))
    assert set(urls) == {"Homepage", "Documentation", "Source", "Issues", "Changelog"}
    assert all(url.startswith(HOME) for url in urls.values()), urls
    # A PEP 639 license expression replaces the old License :: classifiers; both is an error.
    assert not [c for c in metadata.get_all("Classifier") if c.startswith("License ::")]


def test_wheel_ships_the_frameworks_templates_and_national_figures(dists):
    shipped = wheel_files(dists["wheel"])
    for folder in ("frameworks", "templates", "national"):
        expected = repo_files(folder)
        assert expected, f"{folder}/ is empty"
        for path, data in expected.items():
            assert shipped.get(f"sendreview/data/{path}") == data, path


def test_wheel_holds_only_the_package(dists):
    """No tests, examples or stray folders beside the package in a trust's site-packages."""
    tops = {name.split("/", 1)[0] for name in wheel_files(dists["wheel"])}
    assert tops == {"sendreview", dists["wheel"].name.split("-py3")[0] + ".dist-info"}, tops


def test_sdist_ships_tests_and_examples_and_no_local_files(dists):
    shipped = sdist_files(dists["sdist"])
    for folder in ("src", "frameworks", "templates", "national", "tests", "examples"):
        expected = repo_files(folder)
        missing = sorted(set(expected) - set(shipped))
        assert not missing, f"missing from the sdist: {missing}"
    for name in (
        "README.md",
        "CHANGELOG.md",
        "LICENSE",
        "pyproject.toml",
        ".pre-commit-hooks.yaml",
    ):
        assert name in shipped, name
    tops = {path.split("/", 1)[0] for path in shipped}
    assert not tops & {".venv", ".venv-lowest", "node_modules", "out", "dist", "forms"}, tops


def test_twine_check_strict_is_clean(dists):
    if not has_module("twine"):
        pytest.skip("twine is not installed (pip install '.[test]')")
    result = run("-m", "twine", "check", "--strict", dists["sdist"], dists["wheel"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("PASSED") == 2, result.stdout


def test_check_wheel_contents_is_clean(dists):
    if not has_module("check_wheel_contents"):
        pytest.skip("check-wheel-contents is not installed (pip install '.[test]')")
    result = run("-m", "check_wheel_contents", dists["wheel"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("OK"), result.stdout
