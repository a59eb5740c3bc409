"""Whatever a folder throws at it: links, devices, FIFOs, read-only files, races, a deleted
current folder.

Every case asserts the same promises: no traceback, the documented exit code, the file named,
nothing outside the repository read (a sentinel file's text never appears in the output) or
changed, and no file's permissions widened.

Layer: cli (end to end: every test runs sendreview commands).
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import EXAMPLE, SCRIPT, needs_script, run_script

posix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes are POSIX")

CYCLE = "2026-autumn"
#: What a file outside the repository holds; none of it may ever be printed.
SECRET_LINES = [
    "root:x:0:0:SENTINEL-ROOT:/root:/bin/bash",
    "daemon:x:1:1:SENTINEL-DAEMON:/usr/sbin:/usr/sbin/nologin",
]
SECRET = "\n".join(SECRET_LINES) + "\n"


@dataclass
class World:
    """A copy of the example trust beside a folder outside it holding a sentinel file."""

    repo: Path
    outside: Path

    @property
    def secret(self) -> Path:
        return self.outside / "passwd"

    def review(self, academy: str = "castlegate-academy") -> Path:
        return self.repo / "reviews" / CYCLE / f"{academy}.yaml"

    def snapshot(self) -> dict[str, tuple[int, bytes | None]]:
        """Mode and bytes of everything outside the repository, and mode of everything in it."""
        out: dict[str, tuple[int, bytes | None]] = {}
        for base, keep_bytes in ((self.outside, True), (self.repo, False)):
            for path in sorted(base.rglob("*")):
                info = path.lstat()
                body = path.read_bytes() if keep_bytes and stat.S_ISREG(info.st_mode) else None
                out[str(path)] = (stat.S_IMODE(info.st_mode), body)
        return out


@pytest.fixture
def world(tmp_path: Path) -> World:
    repo = tmp_path / "trust"
    shutil.copytree(EXAMPLE, repo)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET, encoding="utf-8")
    (outside / "passwd").chmod(0o600)
    return World(repo, outside)


def assert_safe(result_output: str, before: dict, world: World) -> None:
    """No traceback, no line of the sentinel, nothing outside changed, no mode widened."""
    assert "Traceback" not in result_output
    for line in SECRET_LINES:
        assert "SENTINEL" not in result_output
        assert line not in result_output
    after = world.snapshot()
    for path, (mode, body) in before.items():
        if path not in after:
            continue
        new_mode, new_body = after[path]
        assert new_mode & ~mode == 0, f"{path}: mode widened from {mode:o} to {new_mode:o}"
        if path.startswith(str(world.outside)):
            assert new_body == body, f"{path} outside the repository was changed"


def output_of(result) -> str:
    return result.stdout + result.stderr


# ---- 1. links out of the repository are refused by name, never read -----------------------------


def _link_trust_file(w: World) -> str:
    (w.repo / "sendreview.yaml").unlink()
    (w.repo / "sendreview.yaml").symlink_to(w.secret)
    return "sendreview.yaml"


def _link_review(w: World) -> str:
    w.review().unlink()
    w.review().symlink_to(w.secret)
    return "castlegate-academy.yaml"


def _link_cycle_folder(w: World) -> str:
    folder = w.repo / "reviews" / CYCLE
    shutil.copytree(folder, w.outside / CYCLE)
    shutil.rmtree(folder)
    folder.symlink_to(w.outside / CYCLE)
    return f"reviews/{CYCLE}"


def _link_framework(w: World) -> str:
    (w.repo / "frameworks").mkdir(exist_ok=True)
    (w.repo / "frameworks" / "ours.yaml").symlink_to(w.secret)
    return "ours.yaml"


LINKS: dict[str, Callable[[World], str]] = {
    "trust-file": _link_trust_file,
    "review": _link_review,
    "cycle-folder": _link_cycle_folder,
    "framework": _link_framework,
}


@posix_only
@pytest.mark.parametrize("fmt", ["text", "json", "github"])
@pytest.mark.parametrize("case", list(LINKS))
def test_validate_refuses_a_link_out_of_the_repository(cli, world, monkeypatch, case, fmt):
    named = LINKS[case](world)
    before = world.snapshot()
    monkeypatch.chdir(world.repo)
    result = cli("validate", "--format", fmt)
    assert result.exit_code == 1, output_of(result)
    assert named in result.stdout
    assert "leads outside the review repository" in result.stdout
    assert "SR101" in result.stdout
    assert_safe(output_of(result), before, world)


@posix_only
@pytest.mark.parametrize("fmt", ["text", "json", "csv"])
@pytest.mark.parametrize("case", ["trust-file", "review", "cycle-folder"])
def test_aggregate_and_report_refuse_a_link_out_of_the_repository(cli, world, case, fmt):
    named = LINKS[case](world)
    before = world.snapshot()
    result = cli("aggregate", world.repo, "--cycle", CYCLE, "--format", fmt)
    report = cli("report", world.repo, "--cycle", CYCLE, "-f", "md", "-o", "-")
    for outcome in (result, report):
        text = output_of(outcome)
        if case == "trust-file":
            assert outcome.exit_code == 2, text
            assert named in outcome.stderr, text
            assert "leads outside the review repository" in outcome.stderr
        else:  # the review is reported as not readable (validate names it), never counted
            assert outcome.exit_code == 0, text
        assert_safe(text, before, world)


@posix_only
def test_import_refuses_a_review_linked_out_of_the_repository(cli, world, tmp_path):
    form = tmp_path / "form.xlsx"
    made = cli("form", world.repo, "--cycle", CYCLE, "--academy", "castlegate-academy", "-o", "-")
    form.write_bytes(made.stdout_bytes)
    _link_review(world)
    before = world.snapshot()
    result = cli("import", form, world.repo, "--force")
    assert result.exit_code == 2, output_of(result)
    assert "castlegate-academy.yaml" in result.stderr
    assert "leads outside the review repository" in result.stderr
    assert world.review().is_symlink()
    assert_safe(output_of(result), before, world)


@posix_only
def test_writing_into_a_folder_linked_out_of_the_repository_is_refused(cli, world, tmp_path):
    made = cli("form", world.repo, "--cycle", CYCLE, "--academy", "castlegate-academy", "-o", "-")
    form = tmp_path / "form.xlsx"
    form.write_bytes(made.stdout_bytes)
    _link_cycle_folder(world)
    (world.outside / CYCLE / "castlegate-academy.yaml").unlink()  # nothing to read there
    before = world.snapshot()
    result = cli("import", form, world.repo)
    assert result.exit_code == 2, output_of(result)
    assert "leads outside the review repository" in result.stderr
    assert not (world.outside / CYCLE / "castlegate-academy.yaml").exists()
    assert_safe(output_of(result), before, world)


def test_messages_quote_only_a_short_clean_excerpt(cli, world):
    """A file that is not a trust file at all is described, not copied into the log."""
    (world.repo / "sendreview.yaml").write_text(
        "\u202e" + SECRET + "more " * 2000, encoding="utf-8"
    )
    result = cli("aggregate", world.repo, "--cycle", CYCLE)
    assert result.exit_code == 2
    message = result.stderr.splitlines()[0]
    quoted = message.split("but it is '", 1)[1].rsplit("'", 1)[0]
    # 40 characters of the file at most; the hidden one is shown as an escape
    assert quoted.startswith("\\u202e")
    assert len(quoted.replace("\\u202e", "?")) <= 40
    assert quoted.endswith("…")
    assert "\u202e" not in result.stderr
    assert "SENTINEL-DAEMON" not in result.stderr


# ---- 2. outputs only ever replace regular files -----------------------------------------------


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()


def _device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    os.mknod(path, 0o644 | stat.S_IFCHR, os.makedev(1, 3))


def _link_to_stdout(path: Path) -> None:
    path.symlink_to("/proc/self/fd/1")


def _link_outside(path: Path) -> None:
    path.symlink_to(path.parent.parent / "outside" / "passwd")


SPECIAL_OUTPUTS = {
    "fifo": _fifo,
    "socket": _socket,
    "device": _device,
    "link-to-stdout": _link_to_stdout,
    "link-outside": _link_outside,
}


@posix_only
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
@pytest.mark.parametrize("kind", list(SPECIAL_OUTPUTS))
@pytest.mark.parametrize(
    "command",
    [
        ["aggregate", "--format", "json"],
        ["report", "--format", "md"],
        ["form", "--academy", "castlegate-academy"],
        ["aggregate", "--format", "csv-tables"],
    ],
    ids=["aggregate", "report", "form", "csv-tables"],
)
def test_output_never_replaces_what_is_not_a_file(cli, world, tmp_path, command, kind, force):
    folder = tmp_path / "out"
    folder.mkdir()
    into_folder = {"form": "castlegate-academy-2026-autumn.xlsx", "csv-tables": "academies.csv"}
    name = into_folder.get(command[0], into_folder.get(command[-1], "target"))
    target = folder / name
    SPECIAL_OUTPUTS[kind](target)
    kept = target.lstat()
    before = world.snapshot()
    where = folder if name != "target" else target
    result = cli(command[0], world.repo, "--cycle", CYCLE, *command[1:], "-o", where, *force)
    assert result.exit_code == 2, output_of(result)
    assert name in result.stderr
    now = target.lstat()
    assert (now.st_ino, now.st_mode) == (kept.st_ino, kept.st_mode)
    assert_safe(output_of(result), before, world)


@posix_only
def test_forms_stop_before_writing_any_when_one_target_is_not_a_file(cli, world, tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    os.mkfifo(folder / "castlegate-academy-2026-autumn.xlsx")
    before = world.snapshot()
    result = cli("form", world.repo, "--cycle", CYCLE, "-o", folder, "--force")
    assert result.exit_code == 2, output_of(result)
    assert "castlegate-academy-2026-autumn.xlsx" in result.stderr
    assert os.listdir(folder) == ["castlegate-academy-2026-autumn.xlsx"]
    assert_safe(output_of(result), before, world)


@posix_only
def test_output_through_a_link_to_a_file_in_its_folder_writes_that_file(cli, world, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    real = folder / "trust.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    (folder / "latest.json").symlink_to("trust.json")
    result = cli(
        "aggregate",
        world.repo,
        "--cycle",
        CYCLE,
        "-f",
        "json",
        "-o",
        folder / "latest.json",
        "--force",
    )
    assert result.exit_code == 0, output_of(result)
    assert (folder / "latest.json").is_symlink()
    assert real.read_text(encoding="utf-8").startswith("{")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("command", "starts"),
    [
        (["aggregate", "--format", "json"], b"{"),
        (["aggregate", "--format", "csv"], b"\xef\xbb\xbf"),
        (["report", "--format", "md"], b"# "),
        (["report", "--format", "xlsx"], b"PK"),
        (["form", "--academy", "castlegate-academy"], b"PK"),
    ],
)
def test_dash_writes_to_standard_output(cli, world, monkeypatch, command, starts):
    monkeypatch.chdir(world.repo)
    before = set(os.listdir(world.repo))
    result = cli(command[0], ".", "--cycle", CYCLE, *command[1:], "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(starts)
    assert set(os.listdir(world.repo)) == before  # no file called '-', nothing else written


def test_dash_for_several_forms_is_refused(cli, world):
    result = cli("form", world.repo, "--cycle", CYCLE, "-o", "-")
    assert result.exit_code == 2
    assert "--academy" in result.stderr


# ---- 3. writes keep what they replace ---------------------------------------------------------


@pytest.fixture
def form_and_change(cli, world, tmp_path) -> Path:
    """A returned form for Castlegate whose answers differ from the review on disk: the
    SENCO changed them in the form (an import takes what changed only in the form)."""
    from openpyxl import load_workbook

    review = world.review()
    text = review.read_text(encoding="utf-8")
    assert "rating: green" in text
    review.write_text(text.replace("rating: green", "rating: amber"), encoding="utf-8")
    made = cli("form", world.repo, "--cycle", CYCLE, "--academy", "castlegate-academy", "-o", "-")
    form = tmp_path / "castlegate.xlsx"
    form.write_bytes(made.stdout_bytes)
    workbook = load_workbook(form)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows() if sheet.sheet_state == "visible" else ():
            for cell in row:
                if cell.value == "Amber":
                    cell.value = "Green"
    workbook.save(form)
    return form


@posix_only
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_import_keeps_the_reviews_permissions(cli, world, form_and_change, mode):
    world.review().chmod(mode)
    before = world.snapshot()
    result = cli("import", form_and_change, world.repo, "--force")
    assert result.exit_code == 0, output_of(result)
    assert "rating: green" in world.review().read_text(encoding="utf-8")
    assert stat.S_IMODE(world.review().stat().st_mode) == mode
    assert_safe(output_of(result), before, world)


@posix_only
def test_a_read_only_review_is_refused_then_stays_read_only(cli, world, tmp_path):
    from formtools import answer, edit

    review = world.review()
    # One answer missing from the file, given in the form: importing adds it and replaces
    # nothing, so only the file being read-only stands in the way.
    text = review.read_text(encoding="utf-8").replace("rating: green", "rating:", 1)
    review.write_text(text, encoding="utf-8")
    made = cli("form", world.repo, "--cycle", CYCLE, "--academy", "castlegate-academy", "-o", "-")
    form = tmp_path / "castlegate.xlsx"
    form.write_bytes(made.stdout_bytes)
    edit(form, lambda wb: answer(wb, "leadership-2", "rating", "Green"))
    review.chmod(0o444)
    refused = cli("import", form, world.repo)
    assert refused.exit_code == 2, output_of(refused)
    assert "castlegate-academy.yaml" in refused.stderr
    assert "read-only" in refused.stderr
    assert review.read_text(encoding="utf-8") == text
    forced = cli("import", form, world.repo, "--force")
    assert forced.exit_code == 0, output_of(forced)
    assert review.read_text(encoding="utf-8") != text
    assert stat.S_IMODE(review.stat().st_mode) == 0o444


@posix_only
def test_a_replaced_report_keeps_its_permissions(cli, world, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    result = cli("report", world.repo, "--cycle", CYCLE, "-f", "md", "-o", target, "--force")
    assert result.exit_code == 0, output_of(result)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_full_disk_during_new_leaves_no_empty_file(cli, tmp_path, monkeypatch):
    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    root = tmp_path / "D"
    monkeypatch.setattr(os, "fsync", full)
    result = cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Alder Primary")
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert not root.exists() or not [p for p in root.rglob("*") if p.is_file()]
    monkeypatch.undo()
    again = cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Alder Primary")
    assert again.exit_code == 0, again.stderr
    assert cli("validate", root, "--allow-incomplete").exit_code == 0


def test_a_run_after_a_failed_one_does_not_keep_its_empty_files(cli, tmp_path):
    """Empty files, as an interrupted older version or a crash leaves them, are rewritten."""
    root = tmp_path / "D"
    (root / "reviews" / CYCLE).mkdir(parents=True)
    (root / "sendreview.yaml").write_bytes(b"")
    (root / "reviews" / CYCLE / "alder-primary.yaml").write_bytes(b"\x00" * 512)
    result = cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Alder Primary")
    assert result.exit_code == 0, result.stderr
    assert "alder-primary" in (root / "sendreview.yaml").read_text(encoding="utf-8")
    checked = cli("validate", root, "--allow-incomplete")
    assert checked.exit_code == 0, checked.stdout


# ---- 4. one change at a time ------------------------------------------------------------------


@needs_script
@pytest.mark.parametrize("attempt", range(3))
def test_two_new_runs_at_once_lose_nothing(tmp_path, attempt):
    root = tmp_path / "D"
    names = {"alder-primary": "Alder Primary", "birch-academy": "Birch Academy"}
    runs = {
        academy_id: subprocess.Popen(
            [SCRIPT, "new", str(root), "--trust", "T", "--cycle", CYCLE, "--academy", name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for academy_id, name in names.items()
    }
    finished = {aid: (run.wait(timeout=60), *run.communicate()) for aid, run in runs.items()}
    trust = (root / "sendreview.yaml").read_text(encoding="utf-8")
    for academy_id, (code, out, err) in finished.items():
        assert "Traceback" not in out + err
        if code == 0:  # said created: it is in the trust file and its review is valid
            assert f"id: {academy_id}" in trust
            assert (root / "reviews" / CYCLE / f"{academy_id}.yaml").is_file()
        else:  # refused, with its reason, and left nothing behind
            assert code == 2, err
            assert names[academy_id] in err, err
            assert not (root / "reviews" / CYCLE / f"{academy_id}.yaml").exists()
    assert any(code == 0 for code, _, _ in finished.values())
    checked = run_script("validate", root, "--allow-incomplete")
    assert checked.returncode == 0, checked.stdout
    assert not (root / ".sendreview.lock").exists()


def test_a_held_lock_gives_a_clear_message_after_a_bounded_wait(cli, tmp_path, monkeypatch):
    from sendreview.files import lock

    root = tmp_path / "D"
    root.mkdir()
    monkeypatch.setattr(lock, "LOCK_WAIT_SECONDS", 0.3)
    held = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with lock.repository_lock(root, wait=5):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(5)
        result = cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Alder Primary")
    finally:
        release.set()
        holder.join()
    assert result.exit_code == 2
    assert "Another sendreview is changing this repository" in result.stderr
    assert not (root / "sendreview.yaml").exists()
    after = cli("new", root, "--trust", "T", "--cycle", CYCLE, "--academy", "Alder Primary")
    assert after.exit_code == 0, after.stderr


# ---- 5. import reads only a workbook file, and only so much ------------------------------------


def _import_fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _import_device(path: Path) -> Path:
    return Path("/dev/zero")


def _import_folder(path: Path) -> Path:
    path.mkdir()
    return path


def _import_huge(path: Path) -> Path:
    with path.open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: costs no disk
    return path


def _import_link_to_fifo(path: Path) -> Path:
    fifo = path.parent / "pipe"
    os.mkfifo(fifo)
    path.symlink_to(fifo)
    return path


@posix_only
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_import_fifo, "pipe (FIFO)"),
        (_import_device, "a device"),
        (_import_folder, "folder"),
        (_import_huge, "MB"),
        (_import_link_to_fifo, "pipe (FIFO)"),
    ],
    ids=["fifo", "dev-zero", "folder", "huge", "link-to-fifo"],
)
def test_import_refuses_anything_but_a_workbook_file(cli, world, tmp_path, make, expected):
    path = make(tmp_path / "form.xlsx")
    before = world.snapshot()
    result = cli("import", path, world.repo)
    assert result.exit_code == 2, output_of(result)
    assert path.name in result.stderr
    assert expected in result.stderr
    assert_safe(output_of(result), before, world)


# ---- 7. a current folder deleted under the terminal --------------------------------------------


@needs_script
@posix_only
@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--format", "json"],
        ["aggregate"],
        ["report"],
        ["form", "--cycle", CYCLE],
        ["import", "form.xlsx"],
        ["new", "--cycle", CYCLE],
        ["schema"],
    ],
    ids=lambda a: "-".join(a),
)
def test_a_deleted_current_folder_is_a_message(tmp_path, args):
    gone = tmp_path / "gone"
    gone.mkdir()
    command = " ".join(f"'{a}'" for a in [SCRIPT, *args])
    result = subprocess.run(
        ["sh", "-c", f"cd '{gone}' && rmdir '{gone}' && exec {command}"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "current folder no longer exists" in result.stderr
