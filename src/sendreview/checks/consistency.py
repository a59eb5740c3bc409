"""Does a review agree with its framework and with the trust file?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from sendreview.checks.context import CheckContext, FrameworkLookup, rule
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Framework, Trust
from sendreview.model.cycles import cycle_start, term_of
from sendreview.model.trust import TRUST_ID
from sendreview.prose import (
    NOT_APPLICABLE_HINT,
    did_you_mean,
    excerpt,
    join_words,
    means_not_applicable,
    normalise_id,
    shorten,
)
from sendreview.source.yaml_document import YamlDocument


@rule("framework", "SR301", "SR302", needs_framework=False)
def check_framework(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The framework the review names, and its version."""
    review, framework = ctx.review, ctx.framework
    if framework is None:
        suggestion = ctx.frameworks.suggest(review.framework) if ctx.frameworks else ""
        yield ctx.problem(
            "SR301",
            f"There is no framework called '{excerpt(review.framework)}'.",
            suggestion,
            path=("framework",),
        )
    elif review.framework_version is not None and review.framework_version != framework.version:
        yield ctx.problem(
            "SR302",
            f"This review says version '{excerpt(review.framework_version)}' of "
            f"{framework.id}, but the version available is '{framework.version}'.",
            f'Set framework_version: "{framework.version}" after checking the statements '
            "still match.",
            path=("framework_version",),
        )


@rule("subject", "SR303", "SR304", "SR305", "SR306", "SR307")
def check_subject(ctx: CheckContext) -> Iterator[Diagnostic]:
    """The academy named in the review, against the framework's level, the trust and the file."""
    review, framework, trust = ctx.review, ctx.known_framework, ctx.trust
    if framework.level == "trust":
        if review.academy is not None:
            yield ctx.problem(
                "SR304",
                f"{framework.title} is a trust-level review, so it is not about one academy.",
                "Remove the 'academy' line.",
                path=("academy",),
            )
    elif review.academy is None:
        yield ctx.problem(
            "SR305",
            f"This {framework.title} does not say which academy it is about.",
            f"Add 'academy: {ctx.file.stem if ctx.file else 'the-academy-id'}' using the "
            "academy's id from the trust file.",
            path=("academy",),
        )
    elif trust is not None and trust.academy(review.academy) is None:
        ids = [a.id for a in trust.academies]
        yield ctx.problem(
            "SR303",
            f"'{excerpt(review.academy)}' is not an academy in the trust file.",
            did_you_mean(review.academy, ids)
            + "Add the academy to sendreview.yaml, or correct the id.",
            path=("academy",),
        )
    yield from _file_name(ctx)


def _file_name(ctx: CheckContext) -> Iterator[Diagnostic]:
    """A review file in a repository sits in its cycle's folder, named after its academy."""
    review, path, folder = ctx.review, ctx.file, ctx.cycle_folder
    if ctx.trust is not None and path is not None and folder is not None:
        if folder != review.cycle:
            yield ctx.problem(
                "SR306",
                f"This file is in the folder for cycle '{folder}' "
                f"but says cycle '{excerpt(review.cycle)}'.",
                "Move the file to the right cycle's folder, or correct 'cycle'.",
                path=("cycle",),
            )
        expected = review.academy or TRUST_ID
        if path.stem != expected:
            yield ctx.problem(
                "SR307",
                f"This file is named '{path.name}' but is the review of '{excerpt(expected)}'.",
                f"Rename it to '{expected}.yaml'.",
                path=("academy",) if review.academy else (),
            )


@rule("statements", "SR310", "SR311", "SR312", "SR313")
def check_statements(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Every statement of the framework answered once, with a rating on its scale."""
    review, framework = ctx.review, ctx.known_framework
    known = framework.statement_ids
    for statement_id, response in review.responses.items():
        here = ("responses", statement_id)
        if framework.statement(statement_id) is None:
            yield ctx.problem(
                "SR310",
                f"'{excerpt(statement_id)}' is not a statement of {framework.title}, "
                "so this answer would not be counted.",
                did_you_mean(statement_id, known)
                + f"Statement ids run from {known[0]} to {known[-1]}.",
                path=here,
                key=True,
            )
            continue
        if response.rating is not None and framework.rating(response.rating) is None:
            yield ctx.problem(
                "SR312",
                f"'{excerpt(response.rating)}' is not a rating in {framework.title}.",
                _rating_hint(response.rating, framework),
                path=(*here, "rating"),
            )
        if response.rating is not None and response.is_not_applicable:
            yield ctx.problem(
                "SR313",
                "This statement has a rating and is also marked not applicable.",
                "Keep one: remove the rating, or remove not_applicable.",
                path=(*here, "not_applicable"),
            )
    yield from _missing_statements(ctx, framework)


def _missing_statements(ctx: CheckContext, framework: Framework) -> Iterator[Diagnostic]:
    missing = [
        s
        for s in framework.statement_ids
        if s not in ctx.review.responses and not ctx.places.is_dropped(("responses", s))
    ]
    for statement_id in missing:
        statement = framework.statement(statement_id)
        assert statement is not None
        yield ctx.problem(
            "SR311",
            f'Statement {statement_id} is missing: "{shorten(statement.text, 70)}"',
            f"Add '{statement_id}:' under responses (a blank review from "
            "'sendreview new' has every statement).",
            path=("responses",),
            key=True,
        )


@rule("action-plans", "SR314", "SR315", "SR316")
def check_action_plans(ctx: CheckContext) -> Iterator[Diagnostic]:
    """Action plans only for the framework's areas, about its statements."""
    review, framework = ctx.review, ctx.known_framework
    if review.action_plans and not framework.action_plan:
        yield ctx.problem(
            "SR316",
            f"{framework.title} has no action plans.",
            "Remove the action_plans section.",
            path=("action_plans",),
            key=True,
        )
        return
    area_ids = [a.id for a in framework.areas]
    for area_id, plan in review.action_plans.items():
        if framework.area(area_id) is None:
            yield ctx.problem(
                "SR314",
                f"'{excerpt(area_id)}' is not an area of {framework.title}.",
                did_you_mean(area_id, area_ids) + f"Areas: {', '.join(area_ids)}.",
                path=("action_plans", area_id),
                key=True,
            )
        for index, action in enumerate(plan.actions):
            for statement_id in action.statements:
                if framework.statement(statement_id) is None:
                    yield ctx.problem(
                        "SR315",
                        f"This action refers to '{excerpt(statement_id)}', which is "
                        f"not a statement of {framework.title}.",
                        "Use statement ids as they appear under responses.",
                        path=("action_plans", area_id, "actions", index, "statements"),
                    )


def check_trust(trust: Trust, doc: YamlDocument, registry: FrameworkLookup) -> Iterator[Diagnostic]:
    """The trust file's frameworks exist and are at the level they are named for.

    Not a rule of the registry: it checks the trust file, once per repository, where the
    rules check one review each.
    """
    for level in ("academy", "trust"):
        framework_id = getattr(trust.frameworks, level)
        if framework_id is None:
            continue
        framework = registry.get(framework_id)
        here = ("frameworks", level)
        if framework is None:
            yield doc.problem(
                "SR301",
                f"There is no framework called '{excerpt(framework_id)}'.",
                registry.suggest(framework_id),
                path=here,
            )
        elif framework.level != level:
            yield doc.problem(
                "SR204",
                f"{framework.title} is a {framework.level}-level framework, "
                f"so it cannot be the {level} framework.",
                f"Use it under frameworks.{framework.level}.",
                path=here,
            )


def check_cycles(trust: Trust, doc: YamlDocument, folders: Iterable[str]) -> Iterator[Diagnostic]:
    """Every cycle can be put in time order: named by year and term, or dated in the trust
    file (``cycles: {pilot: {start: 2026-01-05}}``), and a date given to a cycle named by
    term falls in that term. "The previous cycle" (what ``new`` carries forward, what
    ``compare`` and the copied-answers warning compare with) is only as right as this order.

    Not a rule, as :func:`check_trust`: it checks the trust file against the repository's
    cycle folders (``folders``, their names), once per repository.
    """
    starts = trust.cycle_starts()
    for name, start in starts.items():
        term = term_of(name)
        if term is not None and not term.contains(start):
            yield doc.problem(
                "SR321",
                f"The trust file says cycle {name} started on {start.isoformat()}, outside "
                f"{term.describe()}; cycles are put in order by this date, so {name} may be "
                "taken for the wrong cycle's neighbour.",
                f"Correct the date (for example start: {cycle_start(name)}), or remove {name} "
                "from cycles: a cycle named by year and term needs no start.",
                path=("cycles", name, "start"),
                severity=Severity.WARNING,
            )
    for folder in folders:
        if cycle_start(folder, starts) is None:
            yield doc.problem(
                "SR320",
                f"The cycle folder '{excerpt(folder)}' is not named by year and term and the "
                "trust file gives it no start, so sendreview cannot tell which cycles come "
                "before and after it.",
                _undated_hint(folder, trust),
                path=("cycles",) if trust.cycles else (),
                key=True,
                severity=Severity.WARNING,
            )


def _undated_hint(folder: str, trust: Trust) -> str:
    day = dt.date.today().isoformat()
    rename = "Rename the folder by year and term (for example 2027-spring), or date it"
    if trust.cycles:
        return f"{rename}: add '{folder}: {{start: {day}}}' under cycles: in sendreview.yaml."
    return f"{rename}: add 'cycles: {{{folder}: {{start: {day}}}}}' to sendreview.yaml."


def _rating_hint(rating: str, framework: Framework) -> str:
    if means_not_applicable(rating):
        return NOT_APPLICABLE_HINT
    scale = framework.rating_scale
    word = normalise_id(rating)
    for level in scale:
        if word in {normalise_id(level.label), normalise_id(level.letter)}:
            return f"Write it as '{level.id}'."
    ids = [level.id for level in scale]
    return did_you_mean(rating, ids, cutoff=0.5) + f"Choose {join_words(ids, 'or')}."
