"""Free text as people write it in YAML, made ready to show.

Text in a ``|`` block keeps the line breaks of the editor it was typed in, often in the
middle of a sentence. For display, lines are joined into paragraphs again; blank lines
separate paragraphs, and lines starting with a bullet stay list items.
"""

from __future__ import annotations

import re

BULLET = re.compile(r"^\s*(?:[-*•‣◦▪]|\d+[.)])\s+")


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """The text as ('p', [paragraph]) and ('ul', [item, ...]) blocks, in order."""
    out: list[tuple[str, list[str]]] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        for line in chunk.splitlines():
            line = line.strip()
            if not line:
                continue
            if BULLET.match(line):
                item = BULLET.sub("", line)
                if out and out[-1][0] == "ul" and not _ends_block(out):
                    out[-1][1].append(item)
                else:
                    out.append(("ul", [item]))
            elif out and not _ends_block(out):
                kind, items = out[-1]
                items[-1] = f"{items[-1]} {line}"
            else:
                out.append(("p", [line]))
        out.append(("", []))  # paragraph boundary marker
    return [b for b in out if b[0]]


def _ends_block(out: list[tuple[str, list[str]]]) -> bool:
    return out[-1][0] == ""


def unwrap(text: str) -> str:
    """Plain text with each paragraph on one line and items on their own lines."""
    parts = []
    for kind, items in blocks(text):
        parts.append("\n".join(f"• {i}" for i in items) if kind == "ul" else items[0])
    return "\n\n".join(parts)
