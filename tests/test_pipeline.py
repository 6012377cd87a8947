"""The whole pipeline on the sample corpus, on both back-ends, checked against samples/truth.json."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

import sitrep
from sitrep.pipeline import DEFAULT_EXPORTS


@pytest.fixture
def truth(samples):
    return json.loads((samples / "truth.json").read_text(encoding="utf-8"))


def _by_key(store, samples):
    """Stored articles keyed like truth.json ('articles/01_x.txt', 'batch/reports.jsonl#2')."""
    out = {}
    for a in store.articles.iter():
        src = a.source.split("samples/", 1)[1]
        if ":" in src:  # jsonl/csv give file:line; truth numbers records
            path, line = src.rsplit(":", 1)
            out[(path, int(line))] = a
        else:
            out[src] = a
    return out


def _resolve(key, stored):
    if "#" not in key:
        return stored[key]
    path, n = key.split("#")
    if path.endswith(".xml"):
        return stored[key]
    lines = sorted(k for k in stored if isinstance(k, tuple) and k[0] == path)
    return stored[lines[int(n) - 1]]


def test_pipeline_matches_the_sample_truth(tmp_path, db_url, samples, truth):
    store = sitrep.open_store(db_url)
    report = sitrep.run([str(samples)], store, out_dir=tmp_path / "out")
    assert report.ok, [str(e) for e in report.ingest.errors]
    stored = _by_key(store, samples)
    assert len(stored) == len(truth["articles"]) == report.ingest.new
    for art in truth["articles"]:
        a = _resolve(art["key"], stored)
        assert a.outlet == art["outlet"], art["key"]
        assert str(a.published)[:10] == art["published"][:10], art["key"]
        assert a.language == art["language"], art["key"]
        if art["copy_status"] in ("syndicated", "spun"):
            (source,) = art["copy_of"]
            assert a.copy_status == art["copy_status"], art["key"]
            assert a.dup_of == _resolve(source, stored).id
        elif art["copy_status"] == "original":
            assert a.copy_status == "original", art["key"]
        else:  # stitched: found at sentence level, with every page it took sentences from
            assert a.copy_status == art["copy_status"], art["key"]
            (verdict,) = store.copies.verdicts([a.id]).values()
            assert set(verdict.sources) >= {_resolve(k, stored).id for k in art["copy_of"]}
    # Non-English articles are stored but not extracted; every English one is.
    assert report.extract.skipped_language == 1
    assert store.count("articles", "extracted_with IS NOT NULL") == len(stored) - 1
    assert report.extract.claims > 20 and report.fuse.events > 10
    # Evidence spans point into the stored text.
    texts = {a.id: a.text for a in store.articles.iter()}
    for claim in store.claims.iter():
        s = claim.sentence
        assert texts[claim.article_id][s.start : s.end] == s.text
    # A syndicated copy repeats its original's claims: fused into one event, one independent source.
    synd = _resolve("articles/04_aleppo_shelling_syndicated.txt", stored)
    shared = [e for e in store.events.iter() if synd.id in e.articles and synd.dup_of in e.articles]
    assert shared and all(e.n_independent < e.n_articles for e in shared)
    # The four Aleppo reports (three outlets' own + the copy) are one event with both tolls.
    aleppo = [
        _resolve(k, stored).id
        for k in (
            "articles/01_aleppo_shelling_levantwire.txt",
            "articles/02_aleppo_shelling_cedarherald.txt",
            "articles/03_aleppo_shelling_crescent.txt",
            "articles/04_aleppo_shelling_syndicated.txt",
        )
    ]
    (event,) = [e for e in store.events.iter() if aleppo[0] in e.articles and e.casualties.killed]
    # The syndicated copy (04) and the content farm's stitched page, which took a sentence of
    # this story, join the event without counting as independent reports: 01, 02 and 03 do.
    stitched = _resolve("articles/20_stitched_contentfarm.txt", stored).id
    assert set(aleppo) | {stitched} == set(event.articles)
    assert event.n_independent == 3
    assert {(c.value, c.source) for c in event.conflicts} >= {
        (14, "Syrian Observatory for Human Rights"),
        (8, "SANA"),
    }
    store.close()


def test_exports_open_in_pandas_and_geojson_is_valid(tmp_path, sqlite_store, samples):
    out = tmp_path / "out"
    sitrep.run([str(samples)], sqlite_store, out_dir=out)
    for _what, fmt, name in DEFAULT_EXPORTS:
        path = out / name
        assert path.exists(), name
        if fmt == "jsonl":
            assert len(pd.read_json(path, lines=True)) > 0
        elif fmt in ("acled-csv", "ucdp-csv"):
            frame = pd.read_csv(path)
            assert len(frame) > 0
            assert {"acled-csv": "event_date", "ucdp-csv": "where_prec"}[fmt] in frame.columns
        elif fmt == "parquet":
            frame = pd.read_parquet(path)
            assert len(frame) == sqlite_store.count("events")
        elif fmt == "geojson":
            doc = json.loads(path.read_text(encoding="utf-8"))
            assert doc["type"] == "FeatureCollection" and doc["features"]
            for feature in doc["features"]:
                assert feature["type"] == "Feature" and isinstance(feature["properties"], dict)
                geom = feature["geometry"]
                assert geom is None or (geom["type"] == "Point" and len(geom["coordinates"]) == 2)
    acled = pd.read_csv(out / "events_acled.csv")
    events = {e.id: e for e in sqlite_store.events.iter()}
    for _, row in acled.iterrows():
        e = events[row["event_id_cnty"]]
        killed = e.casualties.killed.best if e.casualties.killed else 0
        assert row["fatalities"] == killed
        assert row["event_type"] == e.event_type or (
            pd.isna(row["event_type"]) and e.event_type is None
        )


def test_public_api_names_are_the_functions():
    import sitrep.export.jsonl
    import sitrep.ingest.files

    for name in ("ingest", "extract", "fuse", "export", "run", "open_store"):
        assert callable(getattr(sitrep, name)), name
    assert set(sitrep.__all__) >= {"ingest", "extract", "fuse", "export", "run", "open_store"}


def test_rerunning_stages_changes_nothing(sqlite_store, samples):
    sitrep.run([str(samples)], sqlite_store)
    claims = sorted(c.id for c in sqlite_store.claims.iter())
    events = sorted(e.id for e in sqlite_store.events.iter())
    again = sitrep.extract(sqlite_store)
    assert again.articles == 0  # everything is done for this extractor version
    sitrep.fuse(sqlite_store)
    assert sorted(c.id for c in sqlite_store.claims.iter()) == claims
    assert sorted(e.id for e in sqlite_store.events.iter()) == events


def test_sample_claims_agree_with_a_reader(sqlite_store, samples, truth):
    """Types, figures and sources a reader of samples/ would code (truth.json), end to end."""
    sitrep.run([str(samples)], sqlite_store)
    stored = _by_key(sqlite_store, samples)
    events = {e["id"]: e for e in truth["events"]}
    by_article: dict[str, list] = {}
    for claim in sqlite_store.claims.iter():
        by_article.setdefault(claim.article_id, []).append(claim)
    agree = total = 0
    for art in truth["articles"]:
        if len(art["events"]) != 1 or art["copy_status"] != "original":
            continue
        gold = events[art["events"][0]]["sub_event_type"]
        for claim in by_article.get(_resolve(art["key"], stored).id, []):
            if claim.sub_event_type:
                total += 1
                agree += claim.sub_event_type == gold
    assert total >= 25 and agree / total >= 0.7, (agree, total)

    def claims_of(key):
        return by_article[_resolve(key, stored).id]

    # The conflicting Aleppo tolls, each with who said it.
    told = {
        (c.casualties.killed.best, c.sources[0].name if c.sources else None)
        for key in (
            "articles/01_aleppo_shelling_levantwire.txt",
            "articles/02_aleppo_shelling_cedarherald.txt",
        )
        for c in claims_of(key)
        if c.casualties.killed
    }
    assert (14, "Syrian Observatory for Human Rights") in told and (8, "SANA") in told
    # "More than 1,200 people were evacuated": best = low = 1,200, high unknown.
    evacuated = [
        c.casualties.displaced
        for c in claims_of("articles/13_omdurman_evacuation_niledaily.txt")
        if c.casualties.displaced
    ]
    assert any((f.best, f.low, f.high) == (1200, 1200, None) for f in evacuated)
    # "on Wednesday" in a report published Thursday 14 March 2024.
    dated = [
        c.when.start
        for c in claims_of("articles/01_aleppo_shelling_levantwire.txt")
        if c.when and c.when.text
    ]
    assert dt.date(2024, 3, 13) in dated


def test_sample_claims_carry_resolved_places(sqlite_store, samples):
    """Places a reader would map: a neighbourhood from our supplement, towns, and fallbacks."""
    sitrep.run([str(samples)], sqlite_store)
    stored = _by_key(sqlite_store, samples)

    def places_of(key):
        return [
            c.place
            for c in sqlite_store.claims.iter(article_id=_resolve(key, stored).id)
            if c.sub_event_type and c.place is not None
        ]

    aleppo = places_of("articles/01_aleppo_shelling_levantwire.txt")
    tariq = [p for p in aleppo if p.name == "Tariq al-Bab"]
    assert tariq and tariq[0].precision == 1 and tariq[0].country == "SYR"
    assert str(tariq[0].gazetteer_id).startswith("sitrep:")  # the supplement, not GeoNames
    assert abs(tariq[0].lat - 36.2) < 0.2 and abs(tariq[0].lon - 37.2) < 0.2
    assert {p.name for p in places_of("articles/05_saraqeb_airstrike_crescent.txt")} & {
        "Saraqib",
        "Saraqeb",
    }
    douma = places_of("articles/10_douma_arrests_levantwire.txt")
    assert douma and all(p.country == "SYR" for p in douma)
    assert any(p.name == "Douma" and p.precision == 1 for p in douma)
    # "attack commercial shipping in the Red Sea" is no place of the Hodeidah strikes (it
    # was Sudan's Red Sea state)
    hodeidah = places_of("articles/18_hodeidah_strikes_desertpost.txt")
    assert hodeidah and all(p.country == "YEM" for p in hodeidah)
    taiz = places_of("articles/08_taiz_protest_desertpost.txt")  # "the centre of Taiz"
    assert taiz and taiz[0].name == "Taiz" and taiz[0].country == "YEM"
    # Every article's toponyms are stored, resolved or not, for users to check.
    ids = {a.id for a in sqlite_store.articles.iter(language="en")}
    with_toponyms = {aid for aid, _ in sqlite_store.toponyms.iter()}
    assert len(with_toponyms & ids) >= len(ids) - 2
    # Sources and actors are never places ("SANA" is no Sanaa, "Taliban" no village).
    names = {p.text for _, p in sqlite_store.toponyms.iter()}
    assert "SANA" not in names and "Taliban" not in names
    # Nor news agencies, a dateline's outlet, or organisations ("Saba news agency",
    # "TAIZ (Gulf Courier)", "US Central Command", "The UN").
    assert not names & {"Saba", "Gulf", "Command", "The UN", "State Emergency Service"}
    by_text = {p.text.rstrip("."): p for _, p in sqlite_store.toponyms.iter()}
    assert by_text["Gaza"].country == "PSE"  # not Gaza province, Mozambique
    assert by_text["Karari"].country == "SDN"  # the Omdurman locality, from the supplement
