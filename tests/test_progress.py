"""Reading many files: results in a stable order, and a progress bar only where it belongs."""

from __future__ import annotations

import io
import sys

from sendreview.render import progress as progress_module
from sendreview.render.progress import progress_bar
from sendreview.repository import reviews


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_results_come_back_in_the_order_given_from_a_pool(monkeypatch):
    monkeypatch.setattr(reviews, "PARALLEL_FROM", 2)
    seen = []
    files = list(range(300, 0, -1))
    result = list(reviews.read_all(files, str, lambda done, total: seen.append((done, total))))
    assert result == [str(n) for n in files]
    assert seen[-1] == (300, 300)


def test_no_bar_when_standard_error_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    with progress_bar("Reading reviews") as advance:
        assert advance is None


def test_no_bar_in_ci_even_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", _Terminal())
    monkeypatch.setenv("CI", "true")
    with progress_bar("Reading reviews") as advance:
        assert advance is None


def test_bar_only_once_the_work_has_taken_a_while(monkeypatch):
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    with progress_bar("Reading reviews") as advance:
        assert advance is not None
        advance(1, 10)  # well within the delay: nothing drawn
    assert terminal.getvalue() == ""
    monkeypatch.setattr(progress_module, "DELAY", 0.0)
    with progress_bar("Reading reviews") as advance:
        assert advance is not None
        advance(5, 10)
    assert "Reading reviews" in terminal.getvalue()
