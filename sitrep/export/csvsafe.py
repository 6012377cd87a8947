"""CSV writing that defuses spreadsheet formula injection.

News text is attacker-controlled: a "sentence" such as ``=HYPERLINK("http://evil", "x")`` or
``=cmd|' /C calc'!A0`` becomes a live formula when an analyst opens the export in Excel,
LibreOffice or Google Sheets. Following the OWASP CSV-injection guidance, every *text* cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets show as text. Numbers are written from ``int``/``float``
values and are never touched, so ``-3.5`` stays a number; only strings are escaped.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value as it should reach the CSV writer: ``None`` -> "", risky text escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int; spell it for readers of the CSV
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeCsvWriter:
    """A ``csv.writer`` that escapes every cell and counts the data rows written.

    Lines end in ``\\n`` (not CRLF) so stdout and files look the same; pandas, R and
    spreadsheets read both.
    """

    def __init__(self, fh: TextIO, header: Sequence[str]) -> None:
        self._writer = csv.writer(fh, lineterminator="\n")
        self._writer.writerow([safe_cell(h) for h in header])
        self.rows = 0

    def writerow(self, values: Iterable[Any]) -> None:
        self._writer.writerow([safe_cell(v) for v in values])
        self.rows += 1
