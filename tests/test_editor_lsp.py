"""What a SENCO sees in VS Code, through the engine of its YAML extension, yaml-language-server.

The server is driven over the Language Server Protocol as the editor drives it: it opens a
file, reads the schema named on its first line (relative to the file), underlines problems
and offers completions. One server serves the whole module.

Layer: cli (the workspace is made by ``sendreview new``; the editor reads what it wrote).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, Cli
from editortools import CYCLE, blank_repo, editable_files
from lsp import YamlLanguageServer

SERVER = ROOT / "node_modules" / ".bin" / "yaml-language-server"
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(
    NODE is None or not SERVER.exists(),
    reason="yaml-language-server is not installed: needs node, and "
    "'npm install --no-save yaml-language-server' at the repository root (.ci/run does it)",
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, module_cli: Cli) -> Path:
    """A folder holding a blank trust repository, opened in the editor as a whole."""
    folder = tmp_path_factory.mktemp("workspace")
    blank_repo(module_cli, folder / "oak-trust")
    return folder


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[YamlLanguageServer]:
    assert NODE is not None
    with YamlLanguageServer([NODE, str(SERVER), "--stdio"], workspace) as running:
        yield running


def diagnostics_of(server: YamlLanguageServer, path: Path, text: str | None = None) -> list[dict]:
    uri = server.open(path, text)
    try:
        return server.diagnostics(uri)
    finally:
        server.close_document(uri)


def review(workspace: Path, name: str = "oak-primary") -> Path:
    return workspace / "oak-trust" / "reviews" / CYCLE / f"{name}.yaml"


def shown(found: list[dict]) -> list[str]:
    return [f"{d['range']['start']['line'] + 1}: {d['message']}" for d in found]


def test_a_blank_repository_has_nothing_underlined(server, workspace):
    files = editable_files(workspace / "oak-trust")
    assert len(files) == 6  # the trust file, three reviews, two academies' SEN contexts
    for path in files:
        found = diagnostics_of(server, path)
        assert found == [], (path.name, shown(found))


def test_the_example_trust_has_nothing_underlined(server):
    files = editable_files(EXAMPLE)
    # the trust file, 18 reviews, 2 moderations and 15 SEN contexts over three cycles
    assert len(files) == 36
    for path in files:
        found = diagnostics_of(server, path)
        assert found == [], (path.name, shown(found))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    strengths:\n", "    strenghts:\n", "strenghts"),
        ("    rating:\n", "    rating: gren\n", "Value is not accepted"),
        ("review_date:", "reveiw_date:", "reveiw_date"),
    ],
    ids=["misspelt-key", "rating-off-scale", "top-level-key"],
)
def test_a_mistake_is_underlined_where_it_is(server, workspace, old, new, message):
    path = review(workspace)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n")
    mistaken = path.with_name(f"mistake-{new.split(':')[0].strip()}.yaml")  # a name of its own
    found = diagnostics_of(server, mistaken, text.replace(old, new, 1))
    assert [d["range"]["start"]["line"] for d in found] == [line], shown(found)
    assert message in found[0]["message"]


@pytest.mark.parametrize("name", ["oak-primary", "trust"])
def test_a_blank_rating_offers_the_scale(server, workspace, name):
    """Typing a space after a blank ``rating:`` lists the framework's ratings to choose from."""
    path = review(workspace, name)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    rating:"))
    if lines[at] == "    rating:":
        lines[at] += " "  # the space the SENCO types before choosing
    uri = server.open(path.with_name(f"typing-{name}.yaml"), "\n".join(lines) + "\n")
    try:
        offered = [item["label"] for item in server.completion(uri, at, len("    rating: "))]
    finally:
        server.close_document(uri)
    # The schema's null (a rating left empty) is offered too; the scale comes first, in order.
    assert offered[:3] == ["red", "amber", "green"], offered


def test_a_statement_id_shows_its_text_on_hover(server, workspace):
    path = review(workspace)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("  leadership-1:")
    uri = server.open(path.with_name("hover.yaml"), path.read_text(encoding="utf-8"))
    try:
        server.diagnostics(uri)  # the schema is loaded once the file has been checked
        hover = server.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": at, "character": 4}},
        )
    finally:
        server.close_document(uri)
    assert "clear and ambitious vision for SEND" in hover["contents"]["value"]


def test_a_new_line_in_a_statement_offers_the_keys_left(server, workspace):
    """On a fresh line under an answer, the editor offers what else may go there."""
    path = review(workspace)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("    evidence: []") + 1
    lines.insert(at, "    ")
    uri = server.open(path.with_name("new-key.yaml"), "\n".join(lines) + "\n")
    try:
        offered = [item["label"] for item in server.completion(uri, at, 4)]
    finally:
        server.close_document(uri)
    assert "not_applicable" in offered, offered
    assert "strengths" not in offered  # already there


def context(workspace: Path) -> Path:
    return workspace / "oak-trust" / "context" / CYCLE / "oak-primary.yaml"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("pupils:", "pupils: -3", "Value is below the minimum of 0"),
        ("ehc_plans:", "ehc_plan:", "ehc_plan"),
        ("  ASD:", "  ASD: 2.5", "Incorrect type"),
    ],
    ids=["below-zero", "misspelt-key", "not-whole"],
)
def test_a_mistake_in_a_context_file_is_underlined(server, workspace, old, new, message):
    path = context(workspace)
    text = path.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n")
    mistaken = path.with_name(f"mistake-{new.split(':')[0].strip()}.yaml")
    found = diagnostics_of(server, mistaken, text.replace(old, new, 1))
    assert [d["range"]["start"]["line"] for d in found] == [line], shown(found)
    assert message in found[0]["message"], shown(found)


def test_a_need_code_shows_its_meaning_on_hover(server, workspace):
    path = context(workspace)
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  ASD:"))
    uri = server.open(path.with_name("hover.yaml"), path.read_text(encoding="utf-8"))
    try:
        server.diagnostics(uri)
        hover = server.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": at, "character": 3}},
        )
    finally:
        server.close_document(uri)
    assert "Autistic spectrum disorder (Communication and interaction)" in str(hover)


@pytest.fixture(scope="module")
def moderation(workspace: Path, module_cli: Cli) -> Path:
    """A moderation file of oak-primary's review, as ``moderate`` writes it."""
    result = module_cli(
        "moderate", workspace / "oak-trust", "--cycle", CYCLE, "--academy", "oak-primary"
    )
    assert result.exit_code == 0, result.stderr
    return workspace / "oak-trust" / "reviews" / CYCLE / "moderation" / "oak-primary.yaml"


def test_a_blank_moderation_has_nothing_underlined(server, moderation):
    assert diagnostics_of(server, moderation) == []


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    comment:\n", "    coment:\n", "coment"),
        ("    rating:\n", "    rating: gren\n", "Value is not accepted"),
        ("  leadership-1:\n", "  leadership-99:\n", "leadership-99"),
    ],
    ids=["misspelt-key", "rating-off-scale", "no-such-statement"],
)
def test_a_mistake_in_a_moderation_is_underlined(server, moderation, old, new, message):
    text = moderation.read_text(encoding="utf-8")
    line = text[: text.index(old)].count("\n")
    mistaken = moderation.with_name(f"mistake-{new.split(':')[0].strip()}.yaml")
    found = diagnostics_of(server, mistaken, text.replace(old, new, 1))
    assert [d["range"]["start"]["line"] for d in found] == [line], shown(found)
    assert message in found[0]["message"], shown(found)


def test_a_blank_moderated_rating_offers_the_scale(server, moderation):
    lines = moderation.read_text(encoding="utf-8").splitlines()
    at = lines.index("    rating:")
    lines[at] += " "
    uri = server.open(moderation.with_name("typing.yaml"), "\n".join(lines) + "\n")
    try:
        offered = [item["label"] for item in server.completion(uri, at, len("    rating: "))]
    finally:
        server.close_document(uri)
    assert offered[:3] == ["red", "amber", "green"], offered
