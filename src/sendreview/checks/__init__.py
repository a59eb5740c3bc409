"""Checks that need more than the model: the framework, the trust file, the words used.

Each check is a :class:`~sendreview.checks.context.Rule`: an id, the codes it can report, and
one function of one :class:`~sendreview.checks.context.CheckContext`. They are listed once,
in :data:`sendreview.checks.registry.RULES`, and run by :mod:`sendreview.checks.pipeline` for
every command, on a review from a YAML file or from a returned form alike. None of them reads
files or prints.
"""
