"""The editor schemas, proved by check-jsonschema on the files sendreview writes.

A blank review used to fail its own schema 58 times (``strengths:`` left empty is not a
string), so VS Code opened every new review covered in red. These tests hold the schemas to
the files ``new``, ``import`` and the example trust contain, and make sure they still catch
a misspelt key or a rating that is not on the scale.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import EXAMPLE, replace_once
from editortools import CYCLE, blank_repo, editable_files, schema_of
from formtools import add_action, answer, detail, edit, make_form

CHECK = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)) or shutil.which(
    "check-jsonschema"
)
pytestmark = pytest.mark.skipif(
    CHECK is None, reason="check-jsonschema is not installed (pip install -e '.[test]')"
)


def check(files: list[Path]) -> tuple[int, str]:
    """check-jsonschema over ``files``, each against the schema its own first line names."""
    by_schema: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        schema = schema_of(path)
        assert schema.is_file(), f"{path}'s schema line points to {schema}, which is missing"
        by_schema[schema].append(path)
    worst, output = 0, []
    for schema, paths in by_schema.items():
        done = subprocess.run(
            [CHECK, "--schemafile", str(schema), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        worst = max(worst, done.returncode)
        output.append(done.stdout + done.stderr)
    return worst, "\n".join(output)


def test_a_blank_repository_passes_its_own_schemas(cli, tmp_path):
    root = blank_repo(cli, tmp_path / "trust")
    code, output = check(editable_files(root))
    assert code == 0, output
    assert "validation done" in output


def test_the_schemas_themselves_are_valid_json_schema(cli, tmp_path):
    root = blank_repo(cli, tmp_path / "trust")
    schemas = sorted((root / "schemas").glob("*.json"))
    done = subprocess.run(
        [CHECK, "--check-metaschema", *map(str, schemas)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_example_trust_passes_its_schemas(cli, example_repo):
    code, output = check(editable_files(EXAMPLE))
    assert code == 0, output
    # The example's schemas/ folder is what 'sendreview schema' writes today.
    result = cli("schema", example_repo)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith("0 schema files written"), result.stderr


def test_a_review_imported_from_a_form_passes_its_schema(cli, tmp_path):
    root = blank_repo(cli, tmp_path / "trust")
    form = make_form(cli, root, "oak-primary")

    def fill(workbook) -> None:
        answer(workbook, "leadership-1", "rating", "Amber")
        answer(workbook, "leadership-1", "strengths", "Leaders talk about SEND.\nOften.")
        answer(workbook, "leadership-1", "areas_for_development", "Staff do not yet own it.")
        answer(workbook, "leadership-2", "not_applicable", "No governing body meets this term.")
        answer(workbook, "leadership-3", "rating", "green")
        answer(workbook, "leadership-3", "evidence", "SEND policy\nGovernor minutes")
        detail(workbook, "review_date", dt.datetime(2026, 11, 20))
        detail(workbook, "completed_by", "SENCO")
        add_action(
            workbook,
            area="leadership",
            action="Relaunch the SEND vision with staff.",
            owner="Headteacher",
            due=dt.datetime(2027, 1, 29),
            priority="High",
            status="In progress",
        )

    edit(form, fill)
    result = cli("import", form, root, "--allow-incomplete")
    assert result.exit_code == 0, result.output + result.stderr
    review = root / "reviews" / CYCLE / "oak-primary.yaml"
    assert "rating: amber" in review.read_text(encoding="utf-8")
    code, output = check([review])
    assert code == 0, output


def test_a_review_import_writes_afresh_passes_its_schema(cli, example_repo, tmp_path):
    """Importing into a new cycle writes the whole file, filled answers and all."""
    out = tmp_path / "spring"
    made = cli("form", example_repo, "--cycle", "2027-spring", "--from-cycle", CYCLE, "-o", out)
    assert made.exit_code == 0, made.output
    forms = sorted(out.glob("*.xlsx"))
    for form in forms:
        result = cli("import", form, example_repo, "--cycle", "2027-spring", "--allow-incomplete")
        assert result.exit_code == 0, result.output + result.stderr
    written = sorted((example_repo / "reviews" / "2027-spring").glob("*.yaml"))
    assert len(written) == len(forms) == 5
    code, output = check(written)
    assert code == 0, output


def _statement_left_blank(text: str) -> str:
    """leadership-1 with nothing under it, as when a SENCO clears a statement."""
    start = text.index("  leadership-1:\n") + len("  leadership-1:\n")
    return text[:start] + text[text.index("  leadership-2:\n") :]


@pytest.mark.parametrize(
    "change",
    [
        _statement_left_blank,
        lambda text: text.replace("    evidence: []\n", "    evidence: Provision map\n", 1),
        lambda text: text.replace("completed_by: []", "completed_by: SENCO", 1),
        lambda text: text.replace("    summary:\n", "    summary: |\n      Two\n      lines.\n", 1),
    ],
    ids=["blank-statement", "one-evidence-item", "one-role", "block-summary"],
)
def test_what_sendreview_accepts_the_schema_accepts(cli, tmp_path, change):
    root = blank_repo(cli, tmp_path / "trust")
    review = root / "reviews" / CYCLE / "oak-primary.yaml"
    before = review.read_text(encoding="utf-8")
    review.write_text(change(before), encoding="utf-8")
    assert review.read_text(encoding="utf-8") != before
    assert cli("validate", root, "--allow-incomplete").exit_code == 0
    code, output = check([review])
    assert code == 0, output


@pytest.mark.parametrize(
    ("file", "old", "new", "named"),
    [
        (
            "reviews/2026-autumn/oak-primary.yaml",
            "    strengths:\n",
            "    strenghts:\n",
            "strenghts",
        ),
        ("reviews/2026-autumn/oak-primary.yaml", "    rating:\n", "    rating: gren\n", "gren"),
        ("reviews/2026-autumn/trust.yaml", "    rating:\n", "    rating: purple\n", "purple"),
        ("reviews/2026-autumn/oak-primary.yaml", "review_date:", "reveiw_date:", "reveiw_date"),
        ("reviews/2026-autumn/oak-primary.yaml", "  leadership-1:\n", "  leadership-99:\n", "99"),
        ("sendreview.yaml", "  - id: oak-primary\n", "  - id: oak-primary\n    nmae: x\n", "nmae"),
    ],
    ids=[
        "misspelt-key",
        "rating-off-scale",
        "trust-rating",
        "top-level-key",
        "no-such-statement",
        "trust-file-key",
    ],
)
def test_mistakes_are_still_flagged(cli, tmp_path, file, old, new, named):
    root = blank_repo(cli, tmp_path / "trust")
    replace_once(root / file, old, new)
    code, output = check([root / file])
    assert code == 1, output
    assert named in output


def _moderated(cli, root: Path) -> Path:
    """A moderation file ``moderate`` scaffolds beside the blank review of oak-primary."""
    result = cli("moderate", root, "--cycle", CYCLE, "--academy", "oak-primary")
    assert result.exit_code == 0, result.stderr
    return root / "reviews" / CYCLE / "moderation" / "oak-primary.yaml"


def test_a_moderation_passes_its_schema_blank_and_filled_in(cli, tmp_path):
    root = blank_repo(cli, tmp_path / "trust")
    path = _moderated(cli, root)
    assert schema_of(path).name == "school-send-review.moderation.schema.json"
    code, output = check([path])
    assert code == 0, output
    replace_once(path, "  role:", "  role: Peer SENCO")
    replace_once(path, "  academy:  ", "  academy: ash-academy")
    replace_once(path, "date:", "date: 2026-11-20")
    replace_once(path, "summary:\n", "summary: |\n  Two\n  lines.\n")
    replace_once(path, "    rating:\n    comment:\n", "    rating: amber\n    comment: Why.\n")
    text = path.read_text(encoding="utf-8")  # leadership-2 left with nothing under it
    start = text.index("  leadership-2:\n") + len("  leadership-2:\n")
    path.write_text(text[:start] + text[text.index("  leadership-3:\n") :], encoding="utf-8")
    assert cli("validate", path).exit_code == 0
    code, output = check([path])
    assert code == 0, output


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("    comment:\n", "    coment:\n", "coment"),
        ("    rating:\n", "    rating: gren\n", "gren"),
        ("  leadership-1:\n", "  leadership-99:\n", "99"),
        ("date:", "moderation_date:", "moderation_date"),
    ],
    ids=["misspelt-key", "rating-off-scale", "no-such-statement", "top-level-key"],
)
def test_mistakes_in_a_moderation_are_flagged(cli, tmp_path, old, new, named):
    path = _moderated(cli, blank_repo(cli, tmp_path / "trust"))
    replace_once(path, old, new)
    code, output = check([path])
    assert code == 1, output
    assert named in output
