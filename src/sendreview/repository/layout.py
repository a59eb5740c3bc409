"""The layout of a trust's review repository.

::

    sendreview.yaml                      the trust file
    reviews/<cycle>/<academy-id>.yaml    one review per academy per cycle
    reviews/<cycle>/trust.yaml           the trust-level review, when the trust has one
    reviews/<cycle>/moderation/<academy-id>.yaml   a moderator's ratings of that review
    context/<cycle>/<academy-id>.yaml    an academy's SEN context for the cycle (counts only)
    frameworks/<id>.yaml                 the trust's own frameworks, if any
    schemas/                             JSON Schemas for editors (written by sendreview)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sendreview.errors import RefusedError, UsageError
from sendreview.files import current_folder
from sendreview.model.cycles import cycle_sort_key, cycle_start, in_time_order
from sendreview.model.trust import TRUST_ID, Trust
from sendreview.source.loader import load_model
from sendreview.source.yaml_document import YamlDocument

TRUST_FILE = "sendreview.yaml"
REVIEWS_DIR = "reviews"
#: Each academy's SEN context per cycle: counts of pupils by provision and need, never pupils.
CONTEXT_DIR = "context"
#: ``reviews/<cycle>/moderation/<academy>.yaml``: a moderator's ratings beside the review
MODERATION_DIR = "moderation"
#: Beside a cycle's reviews: what each import took from a form (``sendreview.forms.merge``).
IMPORTS_DIR = ".imports"
FRAMEWORKS_DIR = "frameworks"
SCHEMAS_DIR = "schemas"
#: Where ``sendreview form`` writes a cycle's forms unless told otherwise (a folder per cycle).
FORMS_DIR = "forms"
YAML_SUFFIXES = (".yaml", ".yml")
EXAMPLE_CYCLE = "2026-autumn"


def yaml_files(folder: Path) -> list[Path]:
    """The YAML files in a folder of a cycle's files (context, moderation), by name.

    Hidden ones are left out: an editor's or a sync tool's own files are not the trust's.
    """
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.iterdir()
        if path.name.lower().endswith(YAML_SUFFIXES) and not path.name.startswith(".")
    )


def cycle_folder_of(review_file: Path) -> str | None:
    """The cycle folder a review file sits in (``reviews/<cycle>/<academy>.yaml``), or None
    for a file anywhere else: the checks of a review's file name and folder need to know."""
    folder = review_file.parent
    return folder.name if folder.parent.name == REVIEWS_DIR else None


def review_schema_link(framework_id: str) -> str:
    """A review file's schema line: the path from ``reviews/<cycle>/`` back to its schema."""
    from sendreview.source.json_schema import review_schema_name  # pydantic's schema tools

    return f"../../{SCHEMAS_DIR}/{review_schema_name(framework_id)}"


def moderation_schema_link(framework_id: str) -> str:
    """A moderation file's schema line: the path from ``reviews/<cycle>/moderation/`` back
    to its schema."""
    from sendreview.source.json_schema import moderation_schema_name

    return f"../../../{SCHEMAS_DIR}/{moderation_schema_name(framework_id)}"


def context_schema_link() -> str:
    """A context file's schema line: the path from ``context/<cycle>/`` back to its schema."""
    from sendreview.source.json_schema import CONTEXT_SCHEMA_NAME

    return f"../../{SCHEMAS_DIR}/{CONTEXT_SCHEMA_NAME}"


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that holds a trust file."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / TRUST_FILE).is_file():
            return folder
    return None


def read_trust(root: Path) -> tuple[Trust | None, YamlDocument]:
    """The trust file as a model (None if it has errors) and its document with every problem
    found. The one way the trust file is read: ``validate`` lists the problems, other
    commands go through :meth:`Repository.load_trust`, which stops at the first error."""
    path = root / TRUST_FILE
    return load_model(path, Trust, display_path(path))


@dataclass(frozen=True)
class Repository:
    root: Path

    @classmethod
    def at(cls, path: Path) -> Repository:
        """The repository containing ``path``; running outside one cannot work."""
        if not path.exists():
            raise UsageError(f"'{path}' does not exist.", "Check the spelling of the folder.")
        root = find_root(path if path.is_dir() else path.parent)
        if root is None:
            raise UsageError(
                f"'{path}' is not inside a review repository (there is no {TRUST_FILE}).",
                "Run the command in the folder made by 'sendreview new', or give that folder.",
            )
        return cls(root)

    @property
    def trust_file(self) -> Path:
        return self.root / TRUST_FILE

    def load_trust(self) -> Trust:
        """The trust file; commands that need it cannot run while it has errors."""
        trust, doc = read_trust(self.root)
        if trust is None:
            first = next(d for d in doc.diagnostics if d.is_error)
            raise RefusedError(
                f"The trust file cannot be read: {first.location()}: {first.message}",
                # A file that cannot be opened at all has its own way out; the rest are
                # listed in full by validate.
                first.hint
                if first.code == "SR101" and first.hint
                else "Fix it first ('sendreview validate' lists every problem).",
            )
        # The cycles' order needs the file's cycle starts: the file just read gives them, so
        # a trust of a thousand academies is not read twice. (No command changes the starts.)
        self.__dict__.setdefault("_cycle_starts", trust.cycle_starts())
        return trust

    def cycle_dir(self, cycle: str) -> Path:
        return self.root / REVIEWS_DIR / cycle

    def review_file(self, cycle: str, subject: str) -> Path:
        """The file for an academy's review, or for the trust's own (``subject='trust'``)."""
        return self.cycle_dir(cycle) / f"{subject}.yaml"

    def moderation_file(self, cycle: str, academy: str) -> Path:
        """The moderator's file for an academy's review of a cycle, kept beside the review so
        that the academy's own answers are never touched."""
        return self.cycle_dir(cycle) / MODERATION_DIR / f"{academy}.yaml"

    def context_file(self, cycle: str, academy: str) -> Path:
        """The file of an academy's SEN context for a cycle."""
        return self.root / CONTEXT_DIR / cycle / f"{academy}.yaml"

    def cycles(self) -> list[str]:
        """The cycles with a folder of reviews, oldest first (``2027-spring`` before
        ``2027-summer``; a cycle of another name by the start the trust file gives it)."""
        folder = self.root / REVIEWS_DIR
        if not folder.is_dir():
            return []
        names = [p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return in_time_order(names, self._cycle_starts)

    def previous_cycle(self, cycle: str) -> str | None:
        """The latest cycle before ``cycle`` in time, or None when it is the first (or when
        no cycle is known to come before it)."""
        starts = self._cycle_starts
        key = cycle_sort_key(cycle, starts)
        earlier = [c for c in self.cycles() if cycle_sort_key(c, starts) < key]
        return earlier[-1] if earlier else None

    def cycle_start(self, cycle: str) -> dt.date | None:
        """The day ``cycle`` began, or None when its place in time is not known (a name of
        the trust's own with no start in the trust file: validate's SR320)."""
        return cycle_start(cycle, self._cycle_starts)

    @cached_property
    def _cycle_starts(self) -> dict[str, dt.date]:
        """The starts the trust file gives cycles of its own naming; none when it cannot be
        read (validate reports that; ordering by term still works). Read once per
        repository: a large trust's file takes a while to read."""
        trust, _ = read_trust(self.root)
        return trust.cycle_starts() if trust else {}

    def cycle_or_only(self, cycle: str | None) -> str:
        """``cycle``, or when none is given the only cycle there is: every command that takes
        --cycle reads it the same way, so a one-cycle repository never needs it."""
        if cycle is not None:
            return cycle
        cycles = self.cycles()
        if len(cycles) == 1:
            return cycles[0]
        raise UsageError(
            "Which cycle? This repository has " + (", ".join(cycles) or "no reviews yet") + ".",
            "Add --cycle, for example --cycle " + (cycles[-1] if cycles else EXAMPLE_CYCLE) + ".",
        )


def display_path(path: Path) -> str:
    """The path relative to the current folder where it is below it, as the user sees it.

    Links are shown by their own names, never by where they lead: the path as written is
    tried first, then with its folder resolved (for a current folder reached through a link).
    """
    absolute = os.path.abspath(path)
    here = current_folder()
    # The common case in strings: a trust's CI shows thousands of paths below the current
    # folder, and the same test through Path objects cost more than reading a small review.
    below = str(here).rstrip(os.sep) + os.sep
    if absolute.startswith(below):
        return absolute[len(below) :].replace(os.sep, "/")
    written = Path(absolute)
    # getcwd() names the folder with its links resolved on Linux and macOS, so resolving it
    # again (a system call for each part of the path, for every file) is kept for elsewhere.
    if not written.is_relative_to(here):
        here = here.resolve()
    if written.is_relative_to(here):
        return written.relative_to(here).as_posix()
    if path.name:  # resolved only where needed: a current folder reached through a link
        resolved = path.parent.resolve() / path.name
        if resolved.is_relative_to(here):
            return resolved.relative_to(here).as_posix()
    return path.as_posix()


__all__ = ["TRUST_ID", "Repository", "find_root", "display_path", "read_trust"]
