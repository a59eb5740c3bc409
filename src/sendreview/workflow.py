"""The CI workflow a trust's review repository gets from ``sendreview new --ci github``."""

from __future__ import annotations

from sendreview import __version__


def github_workflow() -> str:
    """A GitHub Actions workflow that checks every review on each push and pull request.

    Problems show as annotations on the changed lines; a pull request with errors cannot pass.
    The version is pinned to the one that wrote the workflow, so an upgrade is a choice.
    """
    major = __version__.split(".")[0]
    minor = __version__.split(".")[1]
    return f"""# Checks the SEND reviews in this repository on every push and pull request.
# Written by 'sendreview new --ci github'.
name: Check SEND reviews

on:
  push:
  pull_request:

permissions:
  contents: read

jobs:
  validate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - name: Install sendreview
        run: python -m pip install "sendreview>={major}.{minor},<{int(major) + 1}"
      - name: Check the reviews
        # Unfinished reviews are warnings while a cycle is in progress; remove
        # --allow-incomplete once every review must be complete.
        run: sendreview validate --format github --allow-incomplete
"""
