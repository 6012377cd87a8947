"""CSV/TSV files: a header row naming url, outlet, title, published and text columns.

Rows come through a bounded line reader: a row (one physical line, or the lines a quoted field
spans) longer than ``max_record_bytes`` is an error for that row, never a memory spike.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from sitrep.errors import InputError
from sitrep.ingest.jsonl import TEXT_FIELDS, record_to_doc
from sitrep.ingest.lines import bounded_text_lines, text_view
from sitrep.ingest.raw import Limits, RawDoc


class _RowTooLong(Exception):
    """Raised through the csv reader (which then starts afresh on the next line)."""


class _Lines:
    """The csv reader's line source: each line bounded, and the lines of one row together too
    (an unclosed quote would otherwise gather the rest of the file into one field)."""

    def __init__(self, text: TextIO, limit: int) -> None:
        self.lines = bounded_text_lines(text, limit)
        self.limit = limit
        self.row_chars = 0
        self.number = 0  # the physical line last read (the csv reader's count misses skipped ones)

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        self.number, line = next(self.lines)
        if line is None:
            self.row_chars = 0
            raise _RowTooLong(f"line longer than {self.limit:,} bytes, skipped")
        self.row_chars += len(line)
        if self.row_chars > self.limit:
            self.row_chars = 0
            raise _RowTooLong(f"row longer than {self.limit:,} bytes (an unclosed quote?), skipped")
        return line


def read_table(
    stream: BinaryIO, source: str, limits: Limits, encoding: str = "utf-8", delimiter: str = ","
) -> Iterator[RawDoc | InputError]:
    csv.field_size_limit(limits.max_record_bytes)
    with text_view(stream, encoding) as text:
        yield from _rows(_Lines(text, limits.max_record_bytes), source, limits, delimiter)


def _rows(
    lines: _Lines, source: str, limits: Limits, delimiter: str
) -> Iterator[RawDoc | InputError]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(source, "empty CSV file (no header row)")
        return
    except (csv.Error, UnicodeDecodeError, _RowTooLong) as exc:
        yield InputError(source, f"cannot read the header row: {exc}")
        return
    lines.row_chars = 0
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if not any(c in TEXT_FIELDS for c in columns):
        found = ", ".join(header[:20]) + (
            f" and {len(header) - 20} more" if len(header) > 20 else ""
        )
        yield InputError(
            source,
            f"no 'text' column (expected one of {', '.join(TEXT_FIELDS)}; "
            f"found: {found or 'none'})",
        )
        return
    blank = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError, _RowTooLong) as exc:
            yield InputError(source, f"unreadable row: {exc}", lines.number)
            if isinstance(exc, UnicodeDecodeError):
                return  # the decoder cannot resynchronise; the rows before are kept
            continue
        lines.row_chars = 0
        if not any(cell.strip() for cell in row):
            blank += 1
            if blank > limits.max_blank_lines:
                yield InputError(
                    source,
                    f"more than {limits.max_blank_lines:,} empty rows in a "
                    "row; stopped reading this file",
                    lines.number,
                )
                return
            continue
        blank = 0
        if len(row) != len(columns):
            yield InputError(
                source, f"row has {len(row)} cells, header has {len(columns)}", lines.number
            )
            continue
        yield record_to_doc(dict(zip(columns, row, strict=True)), source, lines.number)
