"""The one list of checks a review goes through, whatever it was read from.

Every command that reads a review (validate, aggregate, report, form, import) runs these
rules through :func:`sendreview.checks.pipeline.run_rules`, so a check added here is run
everywhere, once.
"""

from __future__ import annotations

from sendreview.checks.completeness import check_completeness, check_cycle_dates
from sendreview.checks.consistency import (
    check_action_plans,
    check_framework,
    check_statements,
    check_subject,
)
from sendreview.checks.context import Rule
from sendreview.checks.copied import check_copied_answers
from sendreview.checks.privacy import check_privacy

#: In the order their problems are listed when two fall on the same place.
RULES: tuple[Rule, ...] = (
    check_framework,
    check_subject,
    check_statements,
    check_action_plans,
    check_completeness,
    check_cycle_dates,
    check_privacy,
    check_copied_answers,
)


def rule_codes() -> dict[str, str]:
    """Each code a rule reports, and the rule's id."""
    return {code: r.id for r in RULES for code in sorted(r.codes)}
