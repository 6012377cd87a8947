"""Exports: the store's articles, claims or events in formats analysts already load.

=============  ===========================  ==============================================
format         record kinds                 what it is
=============  ===========================  ==============================================
jsonl          articles, claims, events     the documented JSON shapes, one per line
csv            articles, claims, events     the JSON shapes flattened, one column per leaf
parquet        articles, claims, events     the same flat columns with types (file only)
geojson        claims, events               RFC 7946 FeatureCollection of Points
acled-csv      claims, events               ACLED column names and codes
ucdp-csv       claims, events               UCDP GED column names (best, low, high, ...)
=============  ===========================  ==============================================

Every writer streams: records are read from the store in pages and written as they come,
so an export of millions of rows needs the memory of one page (one Parquet batch).

Example:
    >>> from sitrep.store import open_store
    >>> from sitrep.export import export
    >>> import io
    >>> buf = io.StringIO()
    >>> export(open_store("sqlite:///:memory:"), "events", "geojson", buf)
    0
    >>> buf.getvalue().startswith('{"type": "FeatureCollection"')
    True
"""

from __future__ import annotations

from sitrep.errors import SitrepError
from sitrep.export import acled_csv, geojson, jsonl, table_csv, ucdp_csv
from sitrep.export.output import Target, binary_output, is_stdout, text_output
from sitrep.store.base import Store

__all__ = ["FORMATS", "SUPPORTED", "WHATS", "check", "export"]

WHATS: tuple[str, ...] = ("articles", "claims", "events")
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet", "geojson", "acled-csv", "ucdp-csv")

_ALL = frozenset(WHATS)
_INCIDENTS = frozenset({"claims", "events"})
SUPPORTED: dict[str, frozenset[str]] = {
    "jsonl": _ALL,
    "csv": _ALL,
    "parquet": _ALL,
    "geojson": _INCIDENTS,
    "acled-csv": _INCIDENTS,
    "ucdp-csv": _INCIDENTS,
}
_WHY_NOT = {
    "geojson": "articles have no place of their own",
    "acled-csv": "ACLED rows are events",
    "ucdp-csv": "UCDP GED rows are events",
}


def check(what: str, fmt: str, out: Target | None = None) -> None:
    """Raise ``SitrepError`` for an unknown or unsupported (what, format, output) combination."""
    if what not in WHATS:
        raise SitrepError(f"unknown export {what!r}: choose one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise SitrepError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if what not in SUPPORTED[fmt]:
        kinds = " or ".join(sorted(SUPPORTED[fmt]))
        raise SitrepError(
            f"format {fmt} exports {kinds}, not {what} ({_WHY_NOT[fmt]}); "
            f"use --format jsonl, csv or parquet for {what}"
        )
    if fmt == "parquet" and out is not None and is_stdout(out):
        raise SitrepError("parquet is a binary format and cannot go to stdout: use -o FILE")


def export(
    store: Store,
    what: str,
    fmt: str,
    out: Target,
    *,
    include_text: bool = False,
    timestamp: int | None = None,
) -> int:
    """Write every ``what`` record in the store to ``out`` in ``fmt``; returns the rows written.

    ``out`` is a path (written to a temporary file and renamed when complete), ``"-"`` for
    stdout (text formats only), or an open file object (text or binary; binary for Parquet).
    ``include_text`` adds the article text to article exports; ``timestamp`` fixes ACLED's
    ``timestamp`` column (default: now), for reproducible files.

    Example:
        >>> import io
        >>> from sitrep.store import open_store
        >>> buf = io.StringIO()
        >>> export(open_store("sqlite:///:memory:"), "claims", "acled-csv", buf)
        0
        >>> buf.getvalue().split(",")[:2]
        ['event_id_cnty', 'event_date']
    """
    check(what, fmt, out)
    # One consistent state of the store for the whole file, however many queries it takes:
    # a stage committing meanwhile (another `sitrep run`) shows in the next export, not half
    # in this one.
    with store.snapshot():
        return _write(store, what, fmt, out, include_text=include_text, timestamp=timestamp)


def _write(
    store: Store, what: str, fmt: str, out: Target, *, include_text: bool, timestamp: int | None
) -> int:
    if fmt == "parquet":
        from sitrep.export import parquet  # pyarrow is slow to import: only when asked

        with binary_output(out, fmt) as bfh:
            return parquet.write(store, what, bfh, include_text=include_text)
    with text_output(out) as fh:
        if fmt == "jsonl":
            return jsonl.write(store, what, fh, include_text=include_text)
        if fmt == "csv":
            return table_csv.write(store, what, fh, include_text=include_text)
        if fmt == "geojson":
            return geojson.write(store, what, fh)
        if fmt == "acled-csv":
            return acled_csv.write(store, what, fh, timestamp=timestamp)
        return ucdp_csv.write(store, what, fh)
