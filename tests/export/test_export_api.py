"""The export entry point: supported combinations, empty stores, outputs, CSV escaping."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.export import FORMATS, SUPPORTED, WHATS, export
from sitrep.export.acled_csv import COLUMNS as ACLED_COLUMNS
from sitrep.export.countries import countries, country
from sitrep.export.csvsafe import safe_cell
from sitrep.export.ucdp_csv import COLUMNS as UCDP_COLUMNS
from sitrep.store import Store


def test_constants_cover_every_format() -> None:
    assert set(SUPPORTED) == set(FORMATS)
    assert WHATS == ("articles", "claims", "events")
    assert all(kinds <= set(WHATS) for kinds in SUPPORTED.values())


@pytest.mark.parametrize(
    ("what", "fmt", "message"),
    [
        ("articles", "acled-csv", "not articles"),
        ("articles", "ucdp-csv", "not articles"),
        ("articles", "geojson", "not articles"),
        ("claims", "xlsx", "unknown export format"),
        ("people", "jsonl", "unknown export"),
    ],
)
def test_unsupported_combinations(empty_store: Store, what: str, fmt: str, message: str) -> None:
    with pytest.raises(SitrepError, match=message):
        export(empty_store, what, fmt, io.StringIO())


@pytest.mark.parametrize(
    ("fmt", "header"), [("acled-csv", ACLED_COLUMNS), ("ucdp-csv", UCDP_COLUMNS)]
)
def test_empty_store_writes_header_only(empty_store: Store, fmt: str, header: tuple) -> None:
    buf = io.StringIO()
    assert export(empty_store, "claims", fmt, buf) == 0
    assert buf.getvalue() == ",".join(header) + "\n"


def test_empty_store_plain_formats(empty_store: Store) -> None:
    buf = io.StringIO()
    assert export(empty_store, "articles", "jsonl", buf) == 0
    assert buf.getvalue() == ""
    buf = io.StringIO()
    assert export(empty_store, "articles", "csv", buf) == 0
    assert buf.getvalue().startswith("id,url,outlet,title,published")
    assert buf.getvalue().count("\n") == 1


def test_plain_csv_escapes_text_and_keeps_numbers(export_store: Store) -> None:
    buf = io.StringIO()
    assert export(export_store, "claims", "csv", buf) == 4
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(buf.getvalue()))}
    assert rows["c3"]["actor1_text"] == "'=cmd|' /C calc'!A0"
    assert rows["c3"]["sentence_text"].startswith("'=cmd|")
    assert rows["c4"]["place_lon"] == "-74.08175"
    assert rows["c1"]["sources"].startswith('[{"text": ')


def test_path_output_is_complete_and_leaves_no_temp_file(
    export_store: Store, tmp_path: Path
) -> None:
    out = tmp_path / "claims.jsonl"
    assert export(export_store, "claims", "jsonl", out) == 4
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_failed_export_keeps_the_old_file(export_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    export_store.close()  # reading now fails half-way through the export
    with pytest.raises(Exception):  # noqa: B017 - whatever the driver raises
        export(export_store, "claims", "jsonl", out)
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["claims.jsonl"]


def test_missing_folder_is_a_clear_error(export_store: Store, tmp_path: Path) -> None:
    with pytest.raises(SitrepError, match="does not exist"):
        export(export_store, "claims", "jsonl", tmp_path / "nope" / "claims.jsonl")


def test_binary_stream_for_text_format(export_store: Store) -> None:
    buf = io.BytesIO()
    assert export(export_store, "events", "jsonl", buf) == 2
    assert not buf.closed
    assert buf.getvalue().decode("utf-8").count("\n") == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Aleppo", "Aleppo"),
        ("", ""),
        (None, ""),
        (-74.5, -74.5),
        (-3, -3),
        # invisible marks before the formula: bidi marks, zero-width characters, BOM, spaces
        ("\u200e=1+1", "'\u200e=1+1"),
        ("\u200f\u202e@cmd", "'\u200f\u202e@cmd"),
        ("\u200b+SUM(A1)", "'\u200b+SUM(A1)"),
        ("\ufeff=HYPERLINK(1)", "'\ufeff=HYPERLINK(1)"),
        ("\u2060\u00a0 -2", "'\u2060\u00a0 -2"),
        # full-width and small forms that spreadsheets fold to ASCII
        ("\uff1d1+1", "'\uff1d1+1"),
        ("\uff0bSUM(A1)", "'\uff0bSUM(A1)"),
        ("\uff0d2", "'\uff0d2"),
        ("\uff20cmd", "'\uff20cmd"),
        ("\ufe66cmd", "'\ufe66cmd"),
        ("\u2212" + "2", "'\u22122"),
        # invisible marks before ordinary text change nothing
        ("\u200eAleppo", "\u200eAleppo"),
        ("\u200b", "\u200b"),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_country_table() -> None:
    table = countries()
    assert len(table) >= 249
    numeric = [c.iso_numeric for c in table.values() if c.iso_numeric is not None]
    assert len(numeric) == len(set(numeric))
    syria = country("syr")
    assert syria is not None
    assert (syria.iso_numeric, syria.name, syria.gwno) == (760, "Syria", 652)
    assert (syria.acled_region, syria.ucdp_region) == ("Middle East", "Middle East")
    assert country(None) is None and country("XXX") is None
