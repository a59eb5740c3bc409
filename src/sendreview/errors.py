"""One root for every failure a user can cause and the CLI reports without a traceback."""

from __future__ import annotations


class SendReviewError(Exception):
    """An expected failure: the command cannot run as asked.

    ``message`` says what is wrong and ``hint`` how to fix it, both in plain words; the CLI
    prints them and exits with :attr:`exit_code`.
    """

    exit_code = 2

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UsageError(SendReviewError):
    """The command was asked for something that does not make sense (bad option, no such path)."""


class RefusedError(SendReviewError):
    """The command would overwrite or lose someone's work, so it stopped."""
