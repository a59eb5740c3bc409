"""Moved: ``sendreview form`` is :mod:`sendreview.commands.form` and ``sendreview import`` is
:mod:`sendreview.commands.import_review`.

These names stay importable from here only until every branch imports the commands directly;
then this module goes. (It is the one import against the layers: forms/ sits below
commands/.)
"""

from __future__ import annotations

from sendreview.commands.form import FORMS_DIR, FormRequest, write_forms
from sendreview.commands.import_review import ImportRequest, apply_import, plan_import, wrap_review
from sendreview.forms.results import FormResult, ImportPlan, WrittenForm
from sendreview.forms.subject import Subject

__all__ = [
    "FORMS_DIR",
    "FormRequest",
    "FormResult",
    "ImportPlan",
    "ImportRequest",
    "Subject",
    "WrittenForm",
    "apply_import",
    "plan_import",
    "wrap_review",
    "write_forms",
]
