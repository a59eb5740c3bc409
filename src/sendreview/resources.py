"""Where the data that ships with sendreview (frameworks, templates, national figures) is
found."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def data_dir(name: str) -> Traversable:
    """The packaged ``frameworks`` or ``templates`` folder.

    In a built wheel they sit inside the package (``sendreview/data/...``). In a source
    checkout installed in editable mode they are the folders at the repository root.
    """
    packaged = resources.files("sendreview") / "data" / name
    if packaged.is_dir():
        return packaged
    source = Path(__file__).resolve().parents[2] / name
    return source
