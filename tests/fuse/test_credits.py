"""Which of two same-day pages copied the other, whatever order they arrive in: a page that
credits another outlet of the corpus relays its story. Pages written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from sitrep.fuse.credits import credits_others, named_keys, outlet_key

WIRE = (Path(__file__).parent / "data" / "wire_saraqeb.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("outlet", "url", "key"),
    [
        ("www.aljazeera.com", None, "aljazeera"),
        ("Al Jazeera", None, "aljazeera"),
        ("timeslive.co.za", None, "timeslive"),
        ("news.yahoo.com", None, "yahoo"),
        ("someone.blogspot.com", None, "someone"),
        (None, "https://www.middleeastmonitor.com/2018/08/09/x/", "middleeastmonitor"),
        ("thenews.com.pk", None, None),  # "The News" is any story's wording
        ("zeenews.india.com", None, None),  # a country's name is no credit
    ],
)
def test_an_outlet_has_one_key_from_its_name_or_its_address(outlet, url, key):
    assert outlet_key(outlet, url) == key


def test_a_page_credits_the_outlets_it_names_but_not_itself():
    text = "The governor was killed on Wednesday, Al Jazeera reports. He told BuzzFeed News so."
    assert {"aljazeera", "buzzfeednews", "buzzfeed"} <= named_keys(text)
    assert credits_others(text, "allafrica", ["aljazeera", "allafrica"])
    assert not credits_others(text, "aljazeera", ["aljazeera"])  # its own name
    assert not credits_others("Time is short, the Nation said.", "x", ["time", "nation"])
    assert "bbc" in named_keys("the BBC said") and "bbc" not in named_keys("the Bbc said")


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("relay_first", [True, False])
def test_the_page_crediting_another_outlet_of_its_day_is_the_copy_in_either_order(
    tmp_path, relay_first
):
    body = WIRE.split(" - ", 1)[1]  # neither page keeps the wire's dateline
    own = {
        "url": "https://orchard-wire.example/saraqeb",
        "outlet": "orchard-wire.example",
        "published": "2024-03-12",
        "text": body,
    }
    relay = {
        "url": "https://relay.example/saraqeb",
        "outlet": "relay.example",
        "published": "2024-03-12",
        "text": body.replace("Russian warplanes", "Russian jets", 1)
        + "\n\nThe raid was first reported by Orchard Wire.",
    }
    path = _write(tmp_path / "in.jsonl", [relay, own] if relay_first else [own, relay])
    store = sitrep.open_store(f"sqlite:///{tmp_path / 't.db'}")
    sitrep.ingest([str(path)], store)
    sitrep.fuse(store)
    by_url = {a.url: a for a in store.articles.iter()}
    original, copy = by_url[own["url"]], by_url[relay["url"]]
    assert original.copy_status == "original"
    assert copy.copy_status in ("syndicated", "spun") and copy.dup_of == original.id
