"""The national figures an academy's SEN context is read against, and where they came from.

sendreview ships the latest DfE release it was checked against (``national/`` in the
package). DfE publishes a new release every June; a trust that wants it before sendreview
ships it keeps the newer file at its repository's root, as ``national.yaml``, and that file
wins. Its problems are refused with their line and column, never passed over: a board paper
quoting a figure from a half-edited file would be worse than no figure.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sendreview.errors import RefusedError
from sendreview.model.national import NationalFigures
from sendreview.repository.layout import display_path
from sendreview.resources import data_dir
from sendreview.source.loader import load_model, to_model
from sendreview.source.yaml_reader import parse_yaml

#: A trust's own, newer national figures, at the root of its repository.
NATIONAL_FILE = "national.yaml"
#: The packaged file: the latest release sendreview's figures were checked against.
PACKAGED_FILE = "sen-in-england.yaml"
#: The national phases DfE publishes figures for ("all" is every school together).
NATIONAL_PHASES = ("primary", "secondary", "special", "all")

#: An academy's phase (``model/trust.py`` PHASES) -> the national phase it is read against.
#: DfE's tables split state-funded schools into primary, secondary and special only, so an
#: academy of another phase is read against all schools: a nursery, a middle or all-through
#: school spans phases DfE reports apart; alternative provision's SEN rates (above 80%) are
#: in no phase here; a post-16 setting is outside the school census's phases.
_NATIONAL_PHASE: dict[str, str] = {p: p for p in ("primary", "secondary", "special")}


def national_phase_of(phase: str | None) -> str:
    """The national phase an academy of ``phase`` is compared with: primary, secondary or
    special where DfE publishes that phase, else ``all`` (an academy with no phase too)."""
    return _NATIONAL_PHASE.get(phase or "", "all")


def load_national(repo_root: Path | None) -> tuple[NationalFigures, str]:
    """The national figures in use and a line saying where they came from: the trust's own
    ``national.yaml`` when its repository has one, else the figures sendreview ships."""
    if repo_root is not None and (repo_root / NATIONAL_FILE).is_file():
        return _trust_figures(repo_root / NATIONAL_FILE)
    return packaged(), f"the figures shipped with sendreview ({PACKAGED_FILE})"


def _trust_figures(path: Path) -> tuple[NationalFigures, str]:
    shown = display_path(path)
    figures, doc = load_model(path, NationalFigures, shown)
    if figures is None:
        first = next(d for d in doc.diagnostics if d.is_error)
        raise RefusedError(
            f"The trust's national figures cannot be read: {first.location()}: {first.message}",
            f"Fix {shown}, or delete it to use the figures shipped with sendreview.",
        )
    return figures, f"the trust's own file ({shown})"


@cache
def packaged() -> NationalFigures:
    """The figures shipped in the package. They are tested, so a problem is a bug."""
    text = (data_dir("national") / PACKAGED_FILE).read_text(encoding="utf-8")
    doc = parse_yaml(text, PACKAGED_FILE)
    figures = to_model(doc, NationalFigures)
    if figures is None:  # pragma: no cover - guarded by tests/test_national.py
        raise RuntimeError(f"the packaged national figures are invalid: {doc.diagnostics}")
    return figures


__all__ = ["NATIONAL_FILE", "NATIONAL_PHASES", "load_national", "national_phase_of", "packaged"]
