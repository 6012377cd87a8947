"""CSV/TSV files: a header row naming url, outlet, title, published and text columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.jsonl import TEXT_FIELDS, record_to_doc
from sitrep.ingest.raw import Limits, RawDoc


def read_table(stream: BinaryIO, source: str, limits: Limits, encoding: str = "utf-8",
               delimiter: str = ",") -> Iterator[RawDoc | InputError]:  # fmt: skip
    csv.field_size_limit(limits.max_record_bytes)
    reader = csv.reader(
        io.TextIOWrapper(stream, encoding=encoding, newline=""), delimiter=delimiter
    )
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(source, "empty CSV file (no header row)")
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield InputError(source, f"cannot read the header row: {exc}")
        return
    columns = [h.strip().lower().lstrip("\ufeff") for h in header]
    if not any(c in TEXT_FIELDS for c in columns):
        yield InputError(source, f"no 'text' column (expected one of {', '.join(TEXT_FIELDS)}; "
                         f"found: {', '.join(header) or 'none'})")  # fmt: skip
        return
    row_number = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            row_number += 1
            yield InputError(source, f"unreadable row: {exc}", reader.line_num)
            if isinstance(exc, UnicodeDecodeError):
                return  # the decoder cannot resynchronise; the rows before are kept
            continue
        row_number += 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield InputError(
                source, f"row has {len(row)} cells, header has {len(columns)}", reader.line_num
            )
            continue
        doc = record_to_doc(dict(zip(columns, row, strict=True)), source, reader.line_num)
        yield doc
