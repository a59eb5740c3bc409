"""What ``sendreview context import`` says it wrote: the counts, never a pupil."""

from __future__ import annotations

from pathlib import Path

from sendreview.model.context import NEED_CODES, SenContext
from sendreview.prose import join_words, plural
from sendreview.repository.layout import display_path

#: How many needs the summary names: enough to recognise the school's profile at a glance.
TOP_NEEDS = 3


def import_summary(path: Path, context: SenContext, has_needs: bool) -> list[str]:
    """Lines for stderr: the file written, the counts by provision, the most common needs."""
    lines = [
        f"wrote {display_path(path)}: "
        f"{plural(context.pupils or 0, 'pupil')} on roll, "
        f"{context.sen_support} on SEN support, "
        f"{plural(context.ehc_plans or 0, 'EHC plan')}."
    ]
    counted = [(code, count) for code, count in context.primary_need.items() if count]
    needs = sorted(counted, key=lambda item: (-item[1], item[0]))
    if needs:
        top = [f"{code} {count} ({NEED_CODES.get(code, code).lower()})" for code, count in needs]
        lines.append(f"Most common primary needs: {join_words(top[:TOP_NEEDS])}.")
    elif not has_needs:
        lines.append(
            "The export has no Primary Need column, so the need counts are left blank: add "
            "it to the export and import again, or fill them in by hand."
        )
    return lines
