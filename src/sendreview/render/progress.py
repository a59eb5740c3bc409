"""A progress bar for long runs: on standard error, on a terminal, after about two seconds.

The command cores never print; they take a ``progress`` callback (files read, files in all)
and this module turns it into a rich bar. Nothing is drawn for a run that ends within
:data:`DELAY` seconds (most runs: a trust of a hundred academies is read in one), when
standard error is not a terminal (a pipe, a file, a CI log) or when ``CI`` is set, so
JSON, GitHub annotations and logs never carry it. The bar is removed when the work ends.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

#: Seconds of work before a bar is worth showing.
DELAY = 2.0


@contextmanager
def progress_bar(what: str) -> Iterator[Callable[[int, int], None] | None]:
    """A callback that draws a bar of ``what`` (for example 'Reading reviews'), or None
    where no bar is ever shown, so the core need not even call it."""
    if not _on_terminal():
        yield None
        return
    started = time.monotonic()
    shown: list[Any] = []  # the rich Progress and its task, once the bar is shown

    def advance(done: int, total: int) -> None:
        if not shown:
            if time.monotonic() - started < DELAY or done >= total:
                return
            shown.extend(_start(what, total))
        shown[0].update(shown[1], completed=done)

    try:
        yield advance
    finally:
        if shown:
            shown[0].stop()


def _on_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")


def _start(what: str, total: int) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from sendreview.render.console import console

    bar = Progress(
        f"{what}…",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
    )
    bar.start()
    return bar, bar.add_task(what, total=total)
