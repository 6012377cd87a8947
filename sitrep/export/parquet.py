"""Any record kind as Parquet: the flattened JSONL shape with explicit column types.

Parquet is for loading into pandas, DuckDB, Spark or R without parsing text, so every column
has a fixed type even when a store holds no rows yet: text -> string, counts -> int64
(nullable), coordinates and scores -> float64, dates (``when_start``, event ``start``/``end``)
-> date32, lists -> JSON text. Article ``published`` stays an ISO string because it may carry
a time of day. Rows go out in record batches through ``ParquetWriter``, so memory holds one
batch at a time.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from sitrep.export.flat import JSON, columns, flatten
from sitrep.export.records import iter_records
from sitrep.export.shapes import shape_for
from sitrep.store.base import Store, int64_or_none

BATCH_ROWS = 2000

ARROW_TYPES: dict[str, pa.DataType] = {
    "str": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "date": pa.date32(),
    "any": pa.string(),
    JSON: pa.string(),
}


def schema(what: str, *, include_text: bool = False) -> pa.Schema:
    """The Arrow schema of a record kind's Parquet export."""
    shape = shape_for(what, include_text=include_text)
    return pa.schema([pa.field(name, ARROW_TYPES[leaf]) for name, leaf in columns(shape)])


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _batch(rows: list[dict[str, Any]], arrow_schema: pa.Schema) -> pa.RecordBatch:
    arrays = []
    for fld in arrow_schema:
        values = [r[fld.name] for r in rows]
        if fld.type == pa.date32():
            values = [_date(v) for v in values]
        elif fld.type == pa.int64():
            # A figure stored before extraction bounded figures may not fit int64: the cell is
            # left empty (the phrase stays in the ``text`` column) rather than failing the file.
            values = [int64_or_none(v) for v in values]
        elif fld.type == pa.float64():
            values = [float(v) if v is not None else None for v in values]
        elif fld.type == pa.string():
            values = [v if v is None or isinstance(v, str) else str(v) for v in values]
        arrays.append(pa.array(values, type=fld.type))
    return pa.RecordBatch.from_arrays(arrays, schema=arrow_schema)


def write(store: Store, what: str, fh: IO[bytes], *, include_text: bool = False) -> int:
    """Write every record of ``what`` to a Parquet stream; returns the rows written."""
    shape = shape_for(what, include_text=include_text)
    arrow_schema = schema(what, include_text=include_text)
    n = 0
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(fh, arrow_schema) as writer:
        for rec in iter_records(store, what, include_text=include_text):
            rows.append(flatten(rec, shape))
            if len(rows) >= BATCH_ROWS:
                writer.write_batch(_batch(rows, arrow_schema))
                n += len(rows)
                rows = []
        if rows:
            writer.write_batch(_batch(rows, arrow_schema))
            n += len(rows)
    return n
