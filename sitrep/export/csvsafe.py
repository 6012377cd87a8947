"""CSV writing that defuses spreadsheet formula injection.

News text is attacker-controlled: a "sentence" such as ``=HYPERLINK("http://evil", "x")`` or
``=cmd|' /C calc'!A0`` becomes a live formula when an analyst opens the export in Excel,
LibreOffice or Google Sheets. Following the OWASP CSV-injection guidance, every *text* cell
that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
apostrophe, which spreadsheets show as text. Numbers are written from ``int``/``float``
values and are never touched, so ``-3.5`` stays a number; only strings are escaped.

The check looks through what a reader cannot see: a cell that starts with a bidi mark
(U+200E), a zero-width character, a BOM or white space before the ``=`` is still opened as a
formula by some spreadsheets, and full-width or small forms (``＝ ＋ － ＠``, ``﹦``) are folded
to ASCII by others (NFKC), so both are judged by the first visible character after folding.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters that start a formula once folded but that NFKC leaves alone: the minus sign.
_EXTRA_STARTS = frozenset("\u2212")


def _first_visible(value: str) -> str:
    """The first character a spreadsheet would act on: skips format characters (bidi marks,
    zero-width characters, BOM: category Cf), other controls and white space, then folds
    full-width and compatibility forms with NFKC. "" when nothing visible is left."""
    for ch in value:
        if ch in "\t\r":
            return ch  # risky on their own (OWASP): a tab or CR at the start
        if unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp") or ch.isspace():
            continue
        return unicodedata.normalize("NFKC", ch)[:1] or ch
    return ""


def is_risky(value: str) -> bool:
    """Would a spreadsheet read this text as a formula?"""
    first = _first_visible(value)
    return bool(first) and (first in FORMULA_STARTS or first in _EXTRA_STARTS)


def safe_cell(value: Any) -> Any:
    """The value as it should reach the CSV writer: ``None`` -> "", risky text escaped."""
    if value is None:
        return ""
    if isinstance(value, bool):  # a bool is an int; spell it for readers of the CSV
        return "true" if value else "false"
    if isinstance(value, str) and is_risky(value):
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
