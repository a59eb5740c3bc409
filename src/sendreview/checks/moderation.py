"""The checks of a moderation file: is it the academy's, on its framework, and finished?

Not a rule of the review registry: a moderation is not a review (it has a moderator and a
comment per statement, no strengths, evidence or action plans), and it is checked against
the academy's own review, which a rule never sees. Its structure, framework, academy and
cycle use the SR1xx-SR3xx codes every file shares; what only a moderation can get wrong is
SR9xx.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sendreview.checks.context import FrameworkLookup
from sendreview.checks.places import YamlPlaces
from sendreview.checks.privacy import text_problems
from sendreview.diagnostics import Diagnostic, Severity
from sendreview.model import Framework, Review, Trust
from sendreview.model.cycles import term_of
from sendreview.model.moderation import ModeratedResponse, Moderation
from sendreview.prose import did_you_mean, excerpt, join_words
from sendreview.source.yaml_document import DataPath, YamlDocument

WARNING = Severity.WARNING
_ROLES = "'External reviewer (NLE)', 'Trust SEND lead' or 'Peer SENCO'"


@dataclass(frozen=True)
class Expected:
    """What the file's place says the moderation must be: the trust's academies, the cycle
    of its folder and the academy its name gives (None outside a repository), and that
    academy's review of the cycle. ``review_missing``: the review was looked for and is not
    there (a review that is there but unreadable is None without being missing: its own
    checks say why)."""

    trust: Trust | None = None
    cycle: str | None = None
    academy: str | None = None
    file_name: str = ""
    review: Review | None = None
    review_missing: bool = False
    today: dt.date = field(default_factory=dt.date.today)


def check_moderation(
    moderation: Moderation, doc: YamlDocument, frameworks: FrameworkLookup, expected: Expected
) -> list[Diagnostic]:
    """Every problem with ``moderation``, placed through ``doc``; none about a part already
    reported and left out (an answer that could not be read is not also 'not moderated')."""
    framework = frameworks.get(moderation.framework)
    found = [
        *_framework(moderation, doc, frameworks, framework, expected.review),
        *_whose(moderation, doc, expected),
        *_moderator(moderation, doc, expected),
        *_dates(moderation, doc, expected.today),
    ]
    if framework is not None:
        found += _statements(moderation, doc, framework, expected.review)
    places = YamlPlaces(doc)
    found += text_problems(places, _free_text(moderation))
    return [d for d in found if not places.already_reported(d.path)]


def _framework(
    moderation: Moderation,
    doc: YamlDocument,
    frameworks: FrameworkLookup,
    framework: Framework | None,
    review: Review | None,
) -> Iterator[Diagnostic]:
    """The framework is one sendreview has, at its version, and the review's own."""
    if framework is None:
        yield doc.problem(
            "SR301",
            f"There is no framework called '{excerpt(moderation.framework)}'.",
            frameworks.suggest(moderation.framework),
            path=("framework",),
        )
    elif moderation.framework_version not in (None, framework.version):
        yield doc.problem(
            "SR302",
            f"This file says version '{excerpt(moderation.framework_version)}' of "
            f"{framework.id}, but the version available is '{framework.version}'.",
            f'Set framework_version: "{framework.version}".',
            path=("framework_version",),
        )
    if review is not None and review.framework != moderation.framework:
        yield doc.problem(
            "SR902",
            f"The academy's review uses the framework '{excerpt(review.framework)}', but "
            f"this moderation says '{excerpt(moderation.framework)}'.",
            f"Set framework: {review.framework}: a moderator rates the statements the "
            "academy rated.",
            path=("framework",),
        )


def _whose(moderation: Moderation, doc: YamlDocument, expected: Expected) -> Iterator[Diagnostic]:
    """The academy is the trust's and the file's, the cycle its folder's, and the academy
    has a review of the cycle to moderate."""
    trust, academy = expected.trust, moderation.academy
    if trust is not None and trust.academy(academy) is None:
        yield doc.problem(
            "SR303",
            f"'{excerpt(academy)}' is not an academy in the trust file.",
            did_you_mean(academy, [a.id for a in trust.academies])
            + "Correct the id, or add the academy to sendreview.yaml.",
            path=("academy",),
        )
    if expected.academy is not None and academy != expected.academy:
        yield doc.problem(
            "SR307",
            f"This file is named '{expected.file_name}' but moderates '{excerpt(academy)}'.",
            f"Rename it to '{academy}.yaml', or correct 'academy'.",
            path=("academy",),
        )
    if expected.cycle is not None and moderation.cycle != expected.cycle:
        yield doc.problem(
            "SR306",
            f"This file is in the folder for cycle '{expected.cycle}' "
            f"but says cycle '{excerpt(moderation.cycle)}'.",
            did_you_mean(moderation.cycle, [expected.cycle])
            + "Move the file to the right cycle's moderation folder, or correct 'cycle'.",
            path=("cycle",),
        )
    elif expected.review_missing and expected.academy == academy:
        yield doc.problem(
            "SR901",
            f"There is no review of {academy} for cycle {moderation.cycle} to moderate "
            f"(reviews/{moderation.cycle}/{academy}.yaml).",
            "The academy rates itself first: moderate its review once it is written, or "
            "check the file's name and folder.",
            path=("academy",),
        )


def _moderator(
    moderation: Moderation, doc: YamlDocument, expected: Expected
) -> Iterator[Diagnostic]:
    """Who moderated: a role, and for a peer SENCO another academy of the trust."""
    moderator, trust = moderation.moderator, expected.trust
    if not moderator.role.strip():
        yield doc.problem(
            "SR903",
            "The moderator's role is not given.",
            f"Write it after 'role:', for example {_ROLES}: the reports say who moderated.",
            path=("moderator", "role"),
        )
    peer = moderator.academy
    if peer is None:
        return
    here: DataPath = ("moderator", "academy")
    if peer == moderation.academy:
        yield doc.problem(
            "SR905",
            f"The moderator's academy is {peer}, the academy being moderated: a peer "
            "moderator comes from another academy.",
            "Give the academy the peer SENCO comes from, or remove the moderator's "
            "'academy' line for a moderator from outside the trust's academies.",
            path=here,
        )
    elif trust is not None and trust.academy(peer) is None:
        yield doc.problem(
            "SR904",
            f"The moderator's academy '{excerpt(peer)}' is not an academy in the trust file.",
            did_you_mean(peer, [a.id for a in trust.academies])
            + "Give the id of the peer SENCO's academy from sendreview.yaml, or remove "
            "the line for a moderator from outside the trust's academies.",
            path=here,
        )


def _dates(moderation: Moderation, doc: YamlDocument, today: dt.date) -> Iterator[Diagnostic]:
    """The day of the moderation: given, not to come, and in (or about) the cycle's term."""
    day, term = moderation.date, term_of(moderation.cycle)
    example = (term.example_date() if term else today).isoformat()
    if day is None:
        yield doc.problem(
            "SR911",
            "The date of the moderation is missing.",
            f"Write the day you moderated, for example date: {example}.",
            path=("date",),
        )
    elif day > today:
        yield doc.problem(
            "SR909",
            f"The moderation date {day.isoformat()} is after today ({today.isoformat()}).",
            "Write the day the moderation took place; check the year and the month.",
            path=("date",),
            severity=WARNING,
        )
    elif term is not None and not term.contains(day):
        yield doc.problem(
            "SR910",
            f"The moderation date {day.isoformat()} is outside cycle {moderation.cycle}, "
            f"which means {term.describe()}.",
            f"Check the year and the month, for example date: {example}, or that this "
            "file is in the right cycle's folder.",
            path=("date",),
            severity=WARNING,
        )


def _statements(
    moderation: Moderation, doc: YamlDocument, framework: Framework, review: Review | None
) -> Iterator[Diagnostic]:
    """Each statement the framework's, each rating on its scale and comparable with the
    academy's own, a difference explained; and something moderated at all."""
    known = framework.statement_ids
    given = 0
    for statement_id, response in moderation.responses.items():
        here: DataPath = ("responses", statement_id)
        if framework.statement(statement_id) is None:
            yield doc.problem(
                "SR310",
                f"'{excerpt(statement_id)}' is not a statement of {framework.title}, "
                "so this rating would not be counted.",
                did_you_mean(statement_id, known)
                + f"Statement ids run from {known[0]} to {known[-1]}.",
                path=here,
                key=True,
            )
            continue
        if response.rating is None:
            continue
        given += 1
        if framework.rating(response.rating) is None:
            yield doc.problem(
                "SR312",
                f"'{excerpt(response.rating)}' is not a rating in {framework.title}.",
                _rating_hint(response.rating, framework),
                path=(*here, "rating"),
            )
        elif review is not None:
            yield from _against_self(framework, review, statement_id, response, doc)
    if given == 0 and not any(part[:1] == ("responses",) for part in doc.dropped):
        yield doc.problem(
            "SR908",
            "Nothing is moderated yet: no statement has a rating.",
            "Give your rating under each statement you moderated (you need not moderate "
            "every one), then run 'sendreview validate' again.",
            path=("responses",),
            key=True,
        )


def _against_self(
    framework: Framework,
    review: Review,
    statement_id: str,
    response: ModeratedResponse,
    doc: YamlDocument,
) -> Iterator[Diagnostic]:
    """A moderated rating beside the academy's own: something to compare, and a reason
    given where the two differ."""
    here: DataPath = ("responses", statement_id, "rating")
    own = review.responses.get(statement_id)
    if own is None or own.is_not_applicable or own.rating is None:
        left = "marked not applicable" if own is not None and own.is_not_applicable else "unrated"
        yield doc.problem(
            "SR906",
            f"The academy left {statement_id} {left}, so there is nothing to compare this "
            "rating with.",
            "Keep it if it helps the conversation; it is not counted in the agreement "
            "figures until the academy rates the statement.",
            path=here,
            severity=WARNING,
        )
        return
    mine, theirs = framework.rating(response.rating or ""), framework.rating(own.rating)
    if mine is None or theirs is None or mine.id == theirs.id or response.comment.strip():
        return
    yield doc.problem(
        "SR907",
        f"You rated {statement_id} {mine.label} where the academy rated itself "
        f"{theirs.label}, with no comment saying why.",
        "Say why in 'comment': where the two ratings differ is what the academy most needs "
        "to hear.",
        path=here,
        severity=WARNING,
    )


def _rating_hint(rating: str, framework: Framework) -> str:
    ids = [level.id for level in framework.rating_scale]
    return did_you_mean(rating, ids, cutoff=0.5) + f"Choose {join_words(ids, 'or')}."


def _free_text(moderation: Moderation) -> Iterable[tuple[DataPath, str]]:
    """The moderator's words: a role where a name may slip in, the summary, each comment.
    The moderator's own name has a field of its own and is not looked at."""
    yield ("moderator", "role"), moderation.moderator.role
    yield ("summary",), moderation.summary
    for statement_id, response in moderation.responses.items():
        yield ("responses", statement_id, "comment"), response.comment
