"""The jinja2 side of the text reports: one environment per format, and rendering.

Templates live in the repository's ``templates/`` folder (``sendreview/data/templates`` in
the wheel). A trust can restyle its reports by passing ``--templates DIR`` with its own
copies of any of them: those are looked up first and the built-in ones fill the gaps.

Review text is user text. In HTML it is escaped by jinja2's autoescaping; in Markdown every
printed value passes through :func:`markdown_escape` (the environment's ``finalize``), so a
``|`` in a strength cannot break a table and a ``<script>`` stays visible text in both.
Filters that build markup (``prose``, ``inline``) escape each piece and return Markup.
A trust's own templates run in jinja2's sandbox, since they may come from anywhere; the
built-in ones, which are part of sendreview, run without its cost (a third of the time).
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from sendreview import prose
from sendreview.errors import SendReviewError, UsageError
from sendreview.render.reports import ReportRequest
from sendreview.render.reports import wording as w
from sendreview.render.reports.context import build
from sendreview.resources import data_dir

Kind = Literal["md", "html"]

_MD_CHARS = re.compile(r"([\\`*_\[\]<>|~$])")
_MD_BLOCK_MARK = re.compile(r"^(\s*)([#+=-])", re.MULTILINE)
# A number starts an ordered list only when a space or the line's end follows its "." or ")"
# ("1. Leaders ..."), never in a figure such as "12.4%".
_MD_ORDERED = re.compile(r"^(\s*\d+)(?=[.)](?:[ \t]|$))", re.MULTILINE)
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_MD_PLAIN = re.compile(r"[^\\`*_\[\]<>|~$&\n#+=-]*")


def markdown_escape(text: str) -> str:
    """Text that GitHub's Markdown shows exactly as written: no emphasis, links, tables
    broken by ``|``, raw HTML or headings made from the reader's own characters."""
    if _MD_PLAIN.fullmatch(text) and not _MD_ORDERED.match(text):
        return text  # most names, dates and figures: nothing to escape
    text = _MD_CHARS.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    text = _MD_BLOCK_MARK.sub(r"\1\\\2", text)
    return _MD_ORDERED.sub(r"\1\\", text)


def _md_finalize(value: Any) -> Any:
    """Every ``{{ value }}`` in a Markdown template: escaped, on one line.

    The Markdown environment autoescapes too, so that macros and filters that build Markdown
    return :class:`Markup` and pass through here; HTML escaping then leaves it alone.
    """
    if hasattr(value, "__html__"):
        return value
    return Markup(markdown_escape(" ".join(str(value).split())))


def _md_prose(text: str) -> Markup:
    """Free text as Markdown paragraphs and bullet lists."""
    parts = []
    for kind, items in prose.blocks(text):
        if kind == "ul":
            parts.append("\n".join(f"- {markdown_escape(i)}" for i in items))
        else:
            parts.append(markdown_escape(items[0]))
    return Markup("\n\n".join(parts))


def _md_inline(text: str) -> Markup:
    """Free text inside a table cell: paragraphs and items joined by line breaks."""
    lines = []
    for kind, items in prose.blocks(text):
        lines += [("• " if kind == "ul" else "") + markdown_escape(i) for i in items]
    return Markup("<br>".join(lines))


def _html_prose(text: str) -> Markup:
    """Free text as HTML paragraphs and lists, every piece escaped."""
    parts = []
    for kind, items in prose.blocks(text):
        if kind == "ul":
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
        else:
            parts.append(f"<p>{escape(items[0])}</p>")
    return Markup("".join(parts))


def _html_inline(text: str) -> Markup:
    lines = [escape(i) for _, items in prose.blocks(text) for i in items]
    return Markup("<br>".join(lines))


_FILTERS: dict[str, Callable[..., Any]] = {
    "anchor": w.anchor,
    "day": w.day,
    "percent": w.percent,
    "points": w.points,
    "short": prose.shorten,
    "word": w.word,
    "versus": w.versus,
}
_BY_KIND: dict[Kind, dict[str, Callable[..., Any]]] = {
    "md": {"prose": _md_prose, "inline": _md_inline},
    "html": {"prose": _html_prose, "inline": _html_inline},
}


def builtin_templates() -> Path:
    return Path(str(data_dir("templates")))


def environment(kind: Kind, own: Path | None = None) -> jinja2.Environment:
    """The environment for one format, with the trust's own templates first when given."""
    folders = [builtin_templates()]
    if own is not None:
        if not own.is_dir():
            raise UsageError(
                f"The templates folder '{own}' does not exist.",
                "Give a folder holding your copies of the report templates, or leave out "
                "--templates to use the built-in ones.",
            )
        folders.insert(0, own)
    make = jinja2.Environment if own is None else ImmutableSandboxedEnvironment
    env = make(
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(f)) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_md_finalize if kind == "md" else None,
    )
    env.filters.update(_FILTERS)
    env.filters.update(_BY_KIND[kind])
    return env


#: How long a trust's own templates may run for one report. The built-in ones render a
#: 1,000-academy trust in a few seconds; a template still running after a minute is in a
#: loop that will not end (the sandbox allows ``range(100000)`` inside another).
TEMPLATE_SECONDS = 60.0


def render(request: ReportRequest, kind: Kind) -> str:
    """The report as text: ``trust.<kind>.j2``, or ``academy.<kind>.j2`` for one academy."""
    view = request.view
    if request.academy is not None:
        view.academy(request.academy)
    name = f"{'academy' if request.academy else 'trust'}.{kind}.j2"
    env = environment(kind, request.templates)
    report = build(view, request.academy, request.comparison, request.trend, request.suppress_below)
    if request.templates is None:
        return env.get_template(name).render(report=report)
    hint = (
        f"Check your copies of the templates in '{request.templates}', or compare them "
        "with the built-in ones."
    )
    try:
        with time_budget(TEMPLATE_SECONDS):
            return env.get_template(name).render(report=report)
    except OutOfTime as stopped:
        where = _where(stopped) or f"{name}: "
        raise SendReviewError(
            f"The report template was stopped: {where}it was still running after "
            f"{prose.plural(TEMPLATE_SECONDS, 'second')}.",
            "A loop in the template probably never ends, or runs over far more than the "
            "report's data. " + hint,
        ) from None
    except Exception as error:
        # A trust's own template can fail in any way its author wrote (a division by zero,
        # a file saved in the wrong encoding): name it instead of showing a traceback.
        detail = error.message if isinstance(error, jinja2.TemplateError) else None
        raise SendReviewError(
            f"The report template could not be used: {_where(error)}{detail or error}", hint
        ) from error


def _where(error: BaseException) -> str:
    """'templates/trust.md.j2:12: ' for the template line an error came from, or ''."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}: "
    found = ""
    traceback = error.__traceback__
    while traceback is not None:  # the innermost template frame is where it failed
        frame = traceback.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:  # a template's compiled code, as jinja2 runs it
            line = template.get_corresponding_lineno(traceback.tb_lineno)
            found = f"{template.filename or template.name}:{line}: "
        elif "__jinja_exception__" in frame.f_globals:  # jinja2's rewritten traceback
            found = f"{frame.f_code.co_filename}:{traceback.tb_lineno}: "
        traceback = traceback.tb_next
    return found


class OutOfTime(BaseException):
    """Raised inside a template that ran past its time budget.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` between the
    template and :func:`render` (jinja2 has several) can swallow it and let the loop run on.
    """


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Stop the code inside with :class:`OutOfTime` once it has run for ``seconds``.

    A template cannot be stopped from outside Python code, so the exception is raised in
    the running thread between two of its steps. On the main thread of a POSIX system this
    is a timer signal, which also interrupts a blocked read; elsewhere (Windows, or a
    program rendering reports on a worker thread) a watchdog thread raises it through
    ``PyThreadState_SetAsyncExc``. Either way it fires at most once, and is disarmed before
    the block is left, so it can never land in the code after it.
    """
    use_signal = hasattr(signal, "setitimer") and (
        threading.current_thread() is threading.main_thread()
    )
    with _by_signal(seconds) if use_signal else _by_watchdog(seconds):
        yield


@contextmanager
def _by_signal(seconds: float) -> Iterator[None]:
    armed = True

    def stop(signum: int, frame: object) -> None:
        if armed:
            raise OutOfTime

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            armed = False
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def _by_watchdog(seconds: float) -> Iterator[None]:
    import ctypes

    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def stop() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(target), ctypes.py_object(OutOfTime)
                )

    timer = threading.Timer(seconds, stop)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["armed"] = False
            if state["fired"]:  # the work finished just in time: drop the pending stop
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), None)
        timer.cancel()


def tidy(text: str) -> str:
    """No trailing spaces and no runs of blank lines, whatever the template's layout."""
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
