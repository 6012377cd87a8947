"""JSONL export: one object per line with exactly the keys DESIGN.md documents."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.export import export
from sitrep.store import Store

ARTICLE_KEYS = [
    "id",
    "url",
    "outlet",
    "title",
    "published",
    "published_source",
    "language",
    "dup_group",
    "dup_of",
    "copy_status",
    "credibility",
    "source",
    "n_chars",
]
CLAIM_KEYS = [
    "id",
    "article_id",
    "sentence",
    "event_type",
    "sub_event_type",
    "plover",
    "cameo_root",
    "confidence",
    "actor1",
    "actor2",
    "place",
    "when",
    "killed",
    "injured",
    "displaced",
    "detained",
    "sources",
    "status",
]
EVENT_KEYS = [
    "id",
    "event_type",
    "sub_event_type",
    "plover",
    "start",
    "end",
    "place",
    "actor1",
    "actor2",
    "killed",
    "injured",
    "claims",
    "articles",
    "links",
    "n_articles",
    "n_outlets",
    "n_independent",
    "n_original_sources",
    "conflicts",
]
ACTOR_KEYS = ["text", "name", "country", "sector"]
PLACE_KEYS = ["text", "name", "lat", "lon", "admin1", "country", "gazetteer_id", "precision"]


def _lines(store: Store, what: str, tmp_path: Path, **kw: bool) -> list[dict]:
    out = tmp_path / f"{what}.jsonl"
    n = export(store, what, "jsonl", out, **kw)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert n == len(lines)
    return [json.loads(line) for line in lines]


def test_articles_have_the_documented_keys_and_no_text(export_store: Store, tmp_path: Path) -> None:
    rows = _lines(export_store, "articles", tmp_path)
    assert [r["id"] for r in rows] == ["a1", "a2", "a3"]
    for r in rows:
        assert list(r) == ARTICLE_KEYS
    assert rows[0]["published"] == "2016-11-27"
    assert rows[1]["published"] == "2016-11-28T09:30:00"
    assert [r["published_source"] for r in rows] == ["input", "url", None]
    assert rows[0]["n_chars"] == 106
    assert rows[1]["credibility"] is None


def test_articles_text_on_request(export_store: Store, tmp_path: Path) -> None:
    rows = _lines(export_store, "articles", tmp_path, include_text=True)
    assert list(rows[0]) == [*ARTICLE_KEYS, "text"]
    assert rows[0]["text"].startswith("Government shelling killed eight")


def test_claims_have_the_documented_nested_shapes(export_store: Store, tmp_path: Path) -> None:
    rows = {r["id"]: r for r in _lines(export_store, "claims", tmp_path)}
    assert sorted(rows) == ["c1", "c2", "c3", "c4"]
    c1 = rows["c1"]
    assert list(c1) == CLAIM_KEYS
    assert list(c1["sentence"]) == ["start", "end", "text"]
    assert list(c1["actor1"]) == ACTOR_KEYS
    assert list(c1["place"]) == PLACE_KEYS
    assert list(c1["when"]) == ["text", "start", "end", "precision", "origin"]
    assert c1["when"]["start"] == "2016-11-27"
    assert c1["killed"] == {"best": 8, "low": None, "high": None, "text": "eight people"}
    assert c1["displaced"] is None
    assert c1["sources"] == [
        {"text": "the Syrian Observatory for Human Rights", "name": "SOHR", "kind": None}
    ]
    # absent nested objects are null, absent lists empty
    assert rows["c3"]["actor2"] is None
    assert rows["c3"]["killed"] is None
    assert rows["c3"]["sources"] == []
    assert rows["c3"]["place"]["lat"] is None


def test_events_have_the_documented_keys(export_store: Store, tmp_path: Path) -> None:
    rows = {r["id"]: r for r in _lines(export_store, "events", tmp_path)}
    e1 = rows["e1"]
    assert list(e1) == EVENT_KEYS
    assert e1["killed"] == {"best": 8, "low": 8, "high": 10}
    assert e1["claims"] == ["c1", "c2"]
    assert e1["conflicts"] == [
        {
            "field": "killed",
            "value": 10,
            "source": "SANA",
            "outlet": "other-wire.net",
            "article_id": "a2",
        }
    ]
    assert rows["e2"]["killed"] is None


def test_stdout(export_store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert export(export_store, "events", "jsonl", "-") == 2
    lines = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["e2", "e1"]


def test_same_output_on_every_back_end(
    store: Store, fill_store: Callable[[Store], Store], tmp_path: Path
) -> None:
    """The root ``store`` fixture runs this on SQLite and (when available) PostgreSQL."""
    fill_store(store)
    assert len(_lines(store, "claims", tmp_path)) == 4
    events = _lines(store, "events", tmp_path)
    assert {e["id"]: e["n_independent"] for e in events} == {"e1": 2, "e2": 1}
    # the table formats look claims and articles up while events stream: same on both
    buf = io.StringIO()
    assert export(store, "events", "acled-csv", buf, timestamp=0) == 2
    assert "SOHR; SANA; example-news.org; other-wire.net" in buf.getvalue()
