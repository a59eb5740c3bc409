"""``sendreview new``: create a review repository, or add a cycle's reviews to one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sendreview.repository.academies import academies_from_names, read_academies_csv
from sendreview.repository.scaffold import NewRequest, ScaffoldResult, scaffold


def new(
    root: Path,
    cycle: str,
    *,
    trust: str | None = None,
    frameworks: Sequence[str] = (),
    academy_names: Sequence[str] = (),
    academies_csv: Path | None = None,
    ci: str | None = None,
    install_from: str | None = None,
    carry_answers: bool = False,
) -> ScaffoldResult:
    """The files created and kept: academies named one by one come before those in the CSV.
    A new cycle's reviews start from the previous cycle's (see repository.carry)."""
    chosen = academies_from_names(list(academy_names))
    if academies_csv is not None:
        chosen += read_academies_csv(academies_csv)
    return scaffold(
        NewRequest(
            root=root,
            cycle=cycle,
            trust_name=trust,
            frameworks=list(frameworks),
            academies=chosen,
            ci=ci,
            install_from=install_from,
            carry_answers=carry_answers,
        )
    )
