"""Rows of a CSV file numbered as a spreadsheet numbers them, so that a problem names the row
a person sees: the headings are row 1, and a record whose cell runs over several lines is
numbered by the line it starts on."""

from __future__ import annotations

import csv
import io


class UnreadableRow(Exception):
    """A row the csv module cannot read (an unclosed quote, a cell over its size limit)."""

    def __init__(self, row: int) -> None:
        super().__init__(f"row {row} cannot be read as CSV")
        self.row = row


def numbered_rows(text: str, delimiter: str = ",") -> list[tuple[int, list[str]]]:
    """(row number, cells) for each row that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise UnreadableRow(start) from exc
    return rows
