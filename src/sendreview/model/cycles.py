"""What a cycle id such as ``2026-autumn`` means in dates.

A cycle is named ``YYYY-term``, the year the term falls in and one of the three school terms.
The dates let a check notice a review date typed with the wrong year, and let hints show a
date from the cycle itself rather than one fixed example.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sendreview.errors import UsageError
from sendreview.model.base import SLUG_PATTERN

#: Each term's first and last month, as English schools keep them.
TERMS: dict[str, tuple[int, int]] = {"spring": (1, 4), "summer": (4, 8), "autumn": (9, 12)}
#: A day in the middle of each term, for examples in hints.
_EXAMPLE_DAY: dict[str, tuple[int, int]] = {
    "spring": (2, 12),
    "summer": (6, 18),
    "autumn": (11, 20),
}
#: Reviews are often written up a little before or after the term: a month either side.
SLACK_MONTHS = 1

_CYCLE = re.compile(r"(\d{4})-(spring|summer|autumn)")


@dataclass(frozen=True)
class Term:
    year: int
    name: str

    @property
    def first_month(self) -> int:
        return TERMS[self.name][0]

    @property
    def last_month(self) -> int:
        return TERMS[self.name][1]

    def describe(self) -> str:
        """'the autumn term of 2026 (September to December 2026)'."""
        first = dt.date(self.year, self.first_month, 1).strftime("%B")
        last = dt.date(self.year, self.last_month, 1).strftime("%B")
        return f"the {self.name} term of {self.year} ({first} to {last} {self.year})"

    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last day a review of this term may carry, slack included."""
        start = _add_months(dt.date(self.year, self.first_month, 1), -SLACK_MONTHS)
        after = _add_months(dt.date(self.year, self.last_month, 1), SLACK_MONTHS + 1)
        return start, after - dt.timedelta(days=1)

    def contains(self, day: dt.date) -> bool:
        start, end = self.window()
        return start <= day <= end

    def example_date(self) -> dt.date:
        month, day = _EXAMPLE_DAY[self.name]
        return dt.date(self.year, month, day)


def check_cycle_name(cycle: str) -> None:
    """Refuse a cycle name that cannot name the folder of a cycle's reviews.

    The whole name must match (``fullmatch``): ``$`` alone also matches before a final line
    break, which would let ``'2026-autumn\\n'`` through to become a folder name.
    """
    if not re.fullmatch(SLUG_PATTERN, cycle):
        raise UsageError(
            f"'{cycle}' is not a cycle name.",
            "Name cycles by year and term, for example 2026-autumn or 2027-spring: lowercase "
            "letters, digits and hyphens.",
        )


def term_of(cycle: str) -> Term | None:
    """The term a cycle id names, or None for an id not of the form ``YYYY-term``."""
    found = _CYCLE.fullmatch(cycle)
    return Term(int(found.group(1)), found.group(2)) if found else None


def cycle_start(cycle: str, starts: Mapping[str, dt.date] | None = None) -> dt.date | None:
    """The day a cycle began: its term's first day for ``2027-spring``, else the start the
    trust file gives it (``starts``), else None (its place in time is not known)."""
    if starts and cycle in starts:
        return starts[cycle]
    term = term_of(cycle)
    return dt.date(term.year, term.first_month, 1) if term else None


def cycle_sort_key(cycle: str, starts: Mapping[str, dt.date] | None = None) -> tuple[dt.date, str]:
    """Oldest first: '2027-spring' before '2027-summer' before '2027-autumn', which sorting
    by name would not give. A cycle of another name takes its place by the start the trust
    file gives it; one with no known start comes after every dated cycle, by name."""
    return (cycle_start(cycle, starts) or dt.date.max, cycle)


def in_time_order(cycles: Iterable[str], starts: Mapping[str, dt.date] | None = None) -> list[str]:
    """``cycles`` oldest first (see :func:`cycle_sort_key`)."""
    return sorted(cycles, key=lambda cycle: cycle_sort_key(cycle, starts))


def example_date(cycle: str) -> str:
    """A date inside the cycle, for a hint ('2026-11-20' for 2026-autumn)."""
    term = term_of(cycle)
    return (term.example_date() if term else dt.date.today()).isoformat()


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)
