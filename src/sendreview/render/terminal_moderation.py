"""What ``sendreview moderate`` says it wrote, and what the moderator does next."""

from __future__ import annotations

from pathlib import Path

from sendreview.prose import plural
from sendreview.repository.layout import display_path


def scaffold_lines(
    path: Path, academy_name: str, cycle: str, statements: int, rated: int, *, replaced: bool
) -> list[str]:
    """Lines for the terminal: the file, what it holds, the next steps."""
    shown = display_path(path)
    return [
        f"{'replaced' if replaced else 'wrote'} {shown}: {plural(statements, 'statement')} "
        f"of {academy_name}'s review for {cycle}, {rated} rated by the academy.",
        "Next: fill in the moderator, the date and a summary, then a rating and a comment "
        f"for each statement you moderate. Check it with: sendreview validate {shown}",
    ]
