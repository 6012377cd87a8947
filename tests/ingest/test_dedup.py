"""Exact and near-duplicate detection: syndicated and spun copies join their original's group."""

from __future__ import annotations

import json

import numpy as np
from helpers import write

from sitrep.ingest import ingest
from sitrep.ingest.dedup import signature, similarity

ORIGINAL = (
    "Russian warplanes struck the town of Saraqeb in Idlib province on Monday, killing six "
    "civilians including two children, a spokesman for the White Helmets said. The strikes hit "
    "a vegetable market and a row of shops shortly before noon, residents said. Rescue teams "
    "worked through the afternoon to pull survivors from the rubble of two collapsed buildings. "
    "The Syrian Observatory for Human Rights said nine people were killed and more than twenty "
    "wounded. There was no immediate comment from Moscow or Damascus."
)
SPUN = (
    ORIGINAL.replace("Russian", "Russian Federation")
    .replace("warplanes", "fighter jets")
    .replace("killing", "leaving dead")
    .replace("said", "stated")
    .replace("residents", "inhabitants")
    .replace("shops", "stores")
    .replace("worked", "laboured")
)
UNRELATED = (
    "Hundreds of teachers marched through the centre of Taiz on Saturday to demand salaries "
    "that have not been paid for eight months, organisers said. The protesters carried banners "
    "and chanted outside the governor's office before dispersing peacefully in the evening."
)


def test_signature_is_deterministic_and_estimates_jaccard():
    a, b = signature(ORIGINAL), signature(ORIGINAL)
    assert a is not None and np.array_equal(a, b)
    assert similarity(a, signature(ORIGINAL.upper())) == 1.0  # case does not matter
    assert similarity(a, signature(SPUN)) >= 0.45
    assert similarity(a, signature(UNRELATED)) < 0.2
    assert signature("two words") is None


def test_copies_are_grouped(tmp_path, store):
    rows = [
        {"text": ORIGINAL, "outlet": "crescent", "published": "2024-03-12"},
        {"text": ORIGINAL, "outlet": "digest", "published": "2024-03-13"},  # verbatim, other outlet
        {"text": SPUN, "outlet": "farm", "published": "2024-03-13"},
        {"text": UNRELATED, "outlet": "post", "published": "2024-03-09"},
    ]
    f = write(tmp_path / "a.jsonl", "\n".join(json.dumps(r) for r in rows))
    report = ingest([str(f)], store)
    assert report.new == 4 and report.duplicates == 2
    by = {a.outlet: a for a in store.articles.iter()}
    orig = by["crescent"]
    assert orig.copy_status == "original" and orig.dup_of is None and orig.dup_group == orig.id
    assert by["digest"].dup_of == orig.id and by["digest"].copy_status == "syndicated"
    assert by["digest"].dup_score == 1.0
    assert by["farm"].dup_of == orig.id and by["farm"].copy_status == "spun"
    assert by["farm"].dup_group == orig.id
    assert by["post"].copy_status == "original" and by["post"].dup_group == by["post"].id


def test_copy_found_across_runs(tmp_path, store):
    write(tmp_path / "one" / "a.txt", ORIGINAL)
    write(tmp_path / "two" / "b.jsonl", json.dumps({"text": SPUN, "outlet": "farm"}))
    ingest([str(tmp_path / "one")], store)
    ingest([str(tmp_path / "two")], store)
    spun = next(a for a in store.articles.iter() if a.outlet == "farm")
    orig = next(a for a in store.articles.iter() if a.outlet != "farm")
    assert spun.dup_of == orig.id and spun.copy_status == "spun"
