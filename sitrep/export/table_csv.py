"""Plain CSV of the flattened JSONL shape: every record kind, one column per leaf.

For users who want the claim or article tables in a spreadsheet without ACLED's or UCDP's
conventions. Lists (sources, claim ids, conflicts) are JSON text in one cell; text cells are
escaped against formula injection like every CSV sitrep writes.
"""

from __future__ import annotations

from typing import TextIO

from sitrep.export.csvsafe import SafeCsvWriter
from sitrep.export.flat import columns, flatten
from sitrep.export.records import iter_records
from sitrep.export.shapes import shape_for
from sitrep.store.base import Store


def write(store: Store, what: str, fh: TextIO, *, include_text: bool = False) -> int:
    """Write every record of ``what`` as a flat CSV row; returns the rows written."""
    shape = shape_for(what, include_text=include_text)
    header = [name for name, _ in columns(shape)]
    writer = SafeCsvWriter(fh, header)
    for rec in iter_records(store, what, include_text=include_text):
        row = flatten(rec, shape)
        writer.writerow(row[name] for name in header)
    return writer.rows
