"""Every file sendreview reads or adds to goes through :mod:`sendreview.files`: the list of
changed files, an import's record, the GitHub job summary. None of them can hang on a device
or a pipe, run out of memory on an endless input, or follow a link out of the repository.

Layers: cli where a command reads (validate's list of changed files); unit for the record and
the job summary, which need a pipe or a link set up beside them.
"""

from __future__ import annotations

import json
import os
import signal

import pytest

from conftest import EXAMPLE
from sendreview.cli import app

posix_only = pytest.mark.skipif(os.name != "posix", reason="devices, FIFOs and links are POSIX")


@pytest.fixture
def alarm():
    """Fail (instead of hanging the suite) when a read or write blocks for 10 seconds."""

    def _timeout(signum, frame):
        raise AssertionError("blocked: sendreview waited on a device or a pipe")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(10)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@posix_only
def test_changed_first_refuses_a_device(cli, alarm):
    result = cli("validate", EXAMPLE, "--format", "github", "--changed-first", "/dev/zero")
    assert result.exit_code == 2
    assert "list of changed files" in result.stderr
    assert "a device" in result.stderr


def test_changed_first_from_standard_input_is_read_with_a_limit(cli, monkeypatch):
    import sendreview.commands.validate as command

    monkeypatch.setattr(command, "MAX_CHANGED_BYTES", 1024)
    result = cli.runner.invoke(
        app,
        ["validate", str(EXAMPLE), "--format", "github", "--changed-first", "-"],
        input="reviews/x.yaml\n" * 1000,
    )
    assert result.exit_code == 2
    assert "standard input" in result.stderr
    assert "list of changed files" in result.stderr


@posix_only
def test_an_import_record_in_a_folder_linked_out_of_the_repository_is_not_read(tmp_path):
    from sendreview.forms.merge import RECORD_FORMAT, read_record

    repo, elsewhere = tmp_path / "trust", tmp_path / "elsewhere"
    (repo / "reviews").mkdir(parents=True)
    (repo / "sendreview.yaml").write_text("trust: T\n", encoding="utf-8")
    (elsewhere / ".imports").mkdir(parents=True)
    entry = {"form": {"a": "1"}, "yaml": {"a": "1"}}
    record = {"format": RECORD_FORMAT, "version": 1, "forms": {"id": entry}}
    (elsewhere / ".imports" / "oak.json").write_text(json.dumps(record), encoding="utf-8")
    (repo / "reviews" / "2026-autumn").symlink_to(elsewhere)
    forms, note = read_record(repo / "reviews" / "2026-autumn" / "oak.yaml")
    assert forms == {}
    assert note is not None and "could not be read" in note


@posix_only
def test_the_job_summary_is_not_written_into_a_pipe(tmp_path, alarm):
    from sendreview.render.job_summary import JobSummary, append_to_step_summary

    fifo = tmp_path / "summary"
    os.mkfifo(fifo)
    note = append_to_step_summary(JobSummary("No problems."), str(fifo))
    assert note is not None and "Could not write the job summary" in note


def test_the_job_summary_is_added_to_a_file(tmp_path):
    from sendreview.render.job_summary import JobSummary, append_to_step_summary

    target = tmp_path / "summary.md"
    target.write_text("before\n", encoding="utf-8")
    assert append_to_step_summary(JobSummary("No problems."), str(target)) is None
    text = target.read_text(encoding="utf-8")
    assert text.startswith("before\n## SEND reviews")
