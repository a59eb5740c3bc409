"""From a document to a checked review: the one pipeline every command reads reviews through.

:func:`check_document` takes a YAML document to a :class:`Review` and runs every rule on it;
:func:`run_rules` is the part a returned Excel form shares. Reading files from a repository
(and on many cores) is :mod:`sendreview.repository.reviews`; this module reads no file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sendreview.checks.context import CheckContext, FrameworkLookup, Rule
from sendreview.checks.places import YamlPlaces
from sendreview.checks.registry import RULES
from sendreview.codes import COMPLETENESS, PRIVACY
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Review, Trust
from sendreview.source.loader import to_model
from sendreview.source.yaml_document import YamlDocument


@dataclass(frozen=True)
class Options:
    """``allow_incomplete`` makes unfinished work a warning; ``strict`` makes privacy an error."""

    allow_incomplete: bool = False
    strict: bool = False


def adjust_severity(diagnostic: Diagnostic, options: Options) -> Diagnostic:
    """Apply --allow-incomplete and --strict to one problem."""
    if options.allow_incomplete and diagnostic.code in COMPLETENESS:
        return diagnostic.with_severity(Severity.WARNING)
    if options.strict and diagnostic.code in PRIVACY:
        return diagnostic.with_severity(Severity.ERROR)
    return diagnostic


def run_rules(context: CheckContext, rules: tuple[Rule, ...] = RULES) -> list[Diagnostic]:
    """Every rule's problems, less those about a part already reported (an answer that
    could not be read is not also reported as missing)."""
    found = [
        diagnostic
        for rule in rules
        if context.framework is not None or not rule.needs_framework
        for diagnostic in rule(context)
    ]
    return [d for d in found if not context.places.already_reported(d.path)]


def check_document(
    doc: YamlDocument,
    frameworks: FrameworkLookup,
    trust: Trust | None,
    file: Path | None = None,
    cycle_folder: str | None = None,
    previous: tuple[Review, ...] = (),
) -> Review | None:
    """Build a review from ``doc`` and run every rule on it; the problems go into ``doc``.

    A structural problem in one answer (a wrong type, an unknown key, a bad date) leaves
    that answer out, and the rest of the file is still checked, so every problem comes in
    one run. The review comes back even then (``doc.dropped`` says what was left out); None
    when the file could not be read as a review at all. ``cycle_folder`` and ``previous``:
    see :class:`CheckContext`.
    """
    review = to_model(doc, Review, salvage=True)
    if review is not None:
        context = CheckContext(
            review,
            YamlPlaces(doc),
            framework=frameworks.get(review.framework),
            trust=trust,
            file=file,
            frameworks=frameworks,
            cycle_folder=cycle_folder,
            previous=previous,
        )
        doc.diagnostics.extend(run_rules(context))
    return review
