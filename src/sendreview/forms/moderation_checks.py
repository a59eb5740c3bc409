"""Check a moderation form's answers as ``validate`` checks a moderation file, at their cells.

The checks are the moderation file's own (:func:`sendreview.checks.moderation.check_moderation`,
SR9xx and the privacy checks over the moderator's words). They place a problem through a YAML
document, so they run over the file the import would write, and each problem is then moved
to the cell its answer came from, with a hint in the form's words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sendreview.checks.context import FrameworkLookup
from sendreview.checks.moderation import Expected, check_moderation
from sendreview.diagnostics import Diagnostic, Location
from sendreview.forms.checks import WorkbookPlaces
from sendreview.forms.moderation_layout import MODERATION_SHEET
from sendreview.model import Framework, Review
from sendreview.model.moderation import Moderation
from sendreview.source.moderation_writer import moderation_text
from sendreview.source.yaml_document import DataPath
from sendreview.source.yaml_reader import parse_yaml

_HINTS = {
    "SR903": f"Fill in 'Your role' on the '{MODERATION_SHEET}' sheet, for example External "
    "reviewer (NLE), Trust SEND lead or Peer SENCO: the reports say who moderated.",
    "SR904": "Choose your academy from the drop-down, or leave it empty if you are not a peer "
    "SENCO from another academy of the trust.",
    "SR905": "Choose the academy you come from, or leave it empty if you are not a peer SENCO.",
    "SR908": "Choose your rating in the 'Your rating' column for each statement you moderated.",
    "SR911": f"Fill in the date of the moderation on the '{MODERATION_SHEET}' sheet, for "
    "example 20/11/2026.",
    "SR907": "Say why in 'Your comment': where the two ratings differ is what the academy most "
    "needs to hear.",
}


@dataclass(frozen=True)
class FormPlaces:
    """Where each answer of the form was found, and the answers the reader already reported."""

    display: str
    cells: dict[DataPath, Location]
    flagged: set[DataPath]


def check_moderation_form(
    moderation: Moderation,
    framework: Framework,
    frameworks: FrameworkLookup,
    expected: Expected,
    places: FormPlaces,
) -> list[Diagnostic]:
    """The moderation file's problems with the answers read from the form, each at its cell;
    none about an answer the reader has already reported."""
    review = expected.review or Review(framework=framework.id, cycle=moderation.cycle)
    doc = parse_yaml(moderation_text(moderation, framework, review), places.display)
    at_cells = WorkbookPlaces(places.display, places.cells, places.flagged)
    return [
        Diagnostic.at(
            at_cells.locate(_path_of(found.path)),
            found.code,
            found.severity,
            found.message,
            _HINTS.get(found.code, found.hint),
            found.path,
        )
        for found in check_moderation(moderation, doc, frameworks, expected)
        if not at_cells.already_reported(found.path)
    ]


def _path_of(path: str) -> DataPath:
    """``responses.leadership-1.comment`` as a data path. A moderation's keys and ids hold no
    dots and its answers no lists, so the dots are the only separators."""
    return tuple(path.split(".")) if path else ()
