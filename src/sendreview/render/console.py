"""What the CLI writes to a terminal: streams that cannot fail, consoles that show text as text.

Two things can go wrong when text from a file is printed, and both are handled here, once:

- The stream cannot encode a character (Windows redirects output in cp1252; some systems
  run with an ASCII locale): :func:`configure_streams` makes such characters print as
  ``\\N{...}``-style escapes instead of ending in a ``UnicodeEncodeError``.
- The text holds characters a terminal acts on (escape codes, right-to-left overrides,
  zero-width characters): every console from :func:`console` passes the text it renders
  through :func:`sendreview.prose.visible`, so they are shown as escapes wherever a view
  puts them (tables, headings, names), while the colours the views ask for still work.

The terminal renderers in render/ and the progress bar use it, and cli.py sets up the streams
through it; rich is imported on first use.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def configure_streams() -> None:
    """Write what the output's encoding cannot hold as backslash escapes, never a traceback.

    Keeps the encoding the system chose (so a UTF-8 terminal shows emoji and accents as they
    are); only the error handling changes. Streams that are not text files (replaced by a
    test runner, closed) are left alone.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors="backslashreplace")
        except (OSError, ValueError):  # pragma: no cover - a closed or unusual stream
            continue


def console(stderr: bool = False, **options: Any) -> Console:
    """A rich console for user text: no markup, no guessed highlighting, hidden characters
    made visible. ``options`` go to :class:`rich.console.Console`."""
    options.setdefault("highlight", False)
    options.setdefault("markup", False)
    options.setdefault("emoji", False)
    return _console_class()(stderr=stderr, **options)


@cache
def _console_class() -> type[Console]:
    from rich.console import Console
    from rich.segment import Segment

    from sendreview.prose import visible

    class VisibleConsole(Console):
        """A console whose rendered text never carries a raw control or bidi character.

        Rich draws styles with escape codes of its own, kept apart from the text in
        :class:`Segment` objects: only the text is changed, so colours still work. Rendering
        is where every string ends up, whatever view, table or heading built it.
        """

        def render(self, renderable: Any, options: Any = None) -> Any:
            for segment in super().render(renderable, options):
                if segment.control is None:
                    shown = visible(segment.text)
                    if shown is not segment.text:
                        segment = Segment(shown, segment.style)
                yield segment

    return VisibleConsole
