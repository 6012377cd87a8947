"""The gazetteer cache: built on first use, reused, rebuilt when stale or corrupt."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import _cache_file, open_gazetteer
from sitrep.geo.sources import SourcePaths

SUPPLEMENT = (
    "name,alternate_names,lat,lon,kind,parent,admin1,iso3,source\n"
    "Tariq al-Bab,Tareeq al-Bab,36.205,37.176,neighbourhood,Aleppo,,SYR,test row\n"
)


def tiny_sources(tmp_path: Path, supplement: str = SUPPLEMENT) -> SourcePaths:
    cities = {
        "1": {
            "geonameid": 170063,
            "name": "Aleppo",
            "latitude": 36.20124,
            "longitude": 37.16117,
            "countrycode": "SY",
            "population": 2098210,
            "timezone": "",
            "admin1code": "09",
            "alternatenames": ["Halab", "حلب"],
        },
        "2": {
            "geonameid": 4,
            "name": "Hama",
            "latitude": 35.13,
            "longitude": 36.75,
            "countrycode": "SY",
            "population": 700000,
            "timezone": "",
            "admin1code": "10",
            "alternatenames": [],
        },
    }
    countries = {
        "SY": {
            "geonameid": 163843,
            "name": "Syria",
            "iso": "SY",
            "iso3": "SYR",
            "population": 22000000,
            "capital": "Damascus",
        }
    }
    (tmp_path / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (tmp_path / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    return SourcePaths(
        cities=tmp_path / "cities.json",
        countries=tmp_path / "countries.json",
        continents=None,
        us_states=None,
        rg_cities=None,
        supplement=supplement,
        aliases="alias,target,iso3,kind\n",
        country_points="iso3,lat,lon,source\nSYR,35,38,test\n",
    )


def test_cache_is_written_then_reused(tmp_path):
    src = tiny_sources(tmp_path)
    cache = tmp_path / "cache"
    gaz = open_gazetteer(src, cache)
    path = _cache_file(src.fingerprint(), cache)
    assert path.is_file()
    rows, _ = gaz.lookup("Tariq al-Bab")
    assert [gaz.names[r] for r in rows] == ["Tariq al-Bab"]
    mtime = path.stat().st_mtime_ns
    again = open_gazetteer(src, cache)
    assert path.stat().st_mtime_ns == mtime and len(again) == len(gaz)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_corrupt_cache_is_rebuilt(tmp_path, damage):
    src = tiny_sources(tmp_path)
    cache = tmp_path / "cache"
    open_gazetteer(src, cache)
    path = _cache_file(src.fingerprint(), cache)
    path.write_bytes(damage)
    gaz = open_gazetteer(src, cache)
    assert len(gaz.lookup("Aleppo")[0]) >= 1
    assert path.stat().st_size > 1000  # rewritten


def test_stale_cache_is_replaced_when_a_source_changes(tmp_path):
    cache = tmp_path / "cache"
    old = tiny_sources(tmp_path)
    open_gazetteer(old, cache)
    new = tiny_sources(tmp_path, SUPPLEMENT + "Qudsaya,Qudsayya,33.533,36.233,village,,,SYR,test\n")
    assert new.fingerprint() != old.fingerprint()
    gaz = open_gazetteer(new, cache)
    assert len(gaz.lookup("Qudsaya")[0]) == 1
    # another key's file may belong to another checkout or installed copy: it is kept
    assert _cache_file(old.fingerprint(), cache).exists()
    assert _cache_file(new.fingerprint(), cache).exists()


def test_only_the_newest_cache_files_are_kept(tmp_path):
    import os

    from sitrep.geo.gazetteer import KEEP_CACHES

    cache = tmp_path / "cache"
    keys = []
    for i in range(KEEP_CACHES + 2):
        extra = f"Place{i},,33.5,36.2,village,,,SYR,test\n"
        src = tiny_sources(tmp_path, SUPPLEMENT + extra)
        open_gazetteer(src, cache)
        path = _cache_file(src.fingerprint(), cache)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))  # written in this order
        keys.append(src.fingerprint())
    kept = {p.name for p in cache.glob("gazetteer-*.pkl")}
    assert kept == {_cache_file(k, cache).name for k in keys[-KEEP_CACHES:]}


def _touch_all(root: Path, when: float) -> None:
    import os

    for p in [root, *root.rglob("*")]:
        os.utime(p, (when, when))


def test_same_inputs_in_other_places_with_other_mtimes_give_the_same_key(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    src_a, src_b = tiny_sources(a), tiny_sources(b)
    _touch_all(a, 1_000_000_000)
    _touch_all(b, 1_700_000_000)
    assert src_a.fingerprint() == src_b.fingerprint()
    (b / "cities.json").write_text((b / "cities.json").read_text().replace("Hama", "Homs"))
    assert src_a.fingerprint() != src_b.fingerprint()  # the same size, another content


def test_two_copies_of_the_source_tree_share_one_cache_key(tmp_path):
    """An installed copy and a checkout of one version (other paths, other mtimes) compute the
    same key in their own processes; a change to the builder's code changes it."""
    import shutil
    import subprocess
    import sys

    repo = Path(__file__).resolve().parents[2]
    data = tmp_path / "data"
    data.mkdir()
    tiny_sources(data)
    script = (
        "import json, pathlib, sys; sys.path.insert(0, sys.argv[1]);"
        "from sitrep.geo.sources import SourcePaths; d = pathlib.Path(sys.argv[2]);"
        "print(SourcePaths(cities=d / 'cities.json', countries=d / 'countries.json',"
        " continents=None, us_states=None, rg_cities=None, supplement='s', aliases='a',"
        " country_points='c').fingerprint())"
    )
    keys = []
    for name, when in (("one", 1_000_000_000), ("two", 1_700_000_000)):
        copy = tmp_path / name
        shutil.copytree(
            repo / "sitrep", copy / "sitrep", ignore=shutil.ignore_patterns("__pycache__")
        )
        _touch_all(copy, when)
        out = subprocess.run(
            [sys.executable, "-c", script, str(copy), str(data)],
            capture_output=True,
            text=True,
            check=True,
            cwd=copy,
        )
        keys.append(out.stdout.strip())
    assert len(keys[0]) == 16 and keys[0] == keys[1]
    builder = tmp_path / "two" / "sitrep" / "geo" / "sources.py"
    builder.write_text(builder.read_text() + "\n# a changed rule\n")
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "two"), str(data)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() != keys[0]


def test_supplement_rows_name_their_source():
    from sitrep import vocab

    rows = vocab.read_csv("places_supplement.csv")
    assert rows and all(r["source"].strip() for r in rows)
    assert {r["kind"] for r in rows} <= {
        "neighbourhood",
        "district",
        "village",
        "camp",
        "crossing",
        "airport",
        "region",
    }


def _subdivisions_file(tmp_path: Path) -> Path:
    data = {
        "SY": {
            "SY-HL": {
                "name": "Ḩalab",
                "localOtherName": "حلب (ara), Aleppo (eng)",
                "latLng": [36.3, 37.6],
            },
            "SY-HM": {"name": "Ḩamāh", "localOtherName": "Hama (eng)", "latLng": [10.0, 10.0]},
            "SY-X1": {"name": "Twin", "localOtherName": "", "latLng": [35.0, 38.0]},
            "SY-X2": {"name": "Twin", "localOtherName": "", "latLng": [34.0, 37.0]},
        }
    }
    path = tmp_path / "iso3166-2.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_division_point_averages_the_box_with_a_matching_iso_point(tmp_path):
    import numpy as np

    from sitrep.geo.sources import _division_point, _read_subdivisions

    points = _read_subdivisions(_subdivisions_file(tmp_path))
    members = np.array([[36.0, 37.0, 1.0], [36.4, 38.0, 1.0]])  # box middle (36.2, 37.5)
    lat, lon = _division_point(members, "Aleppo Governorate", "SY", points)
    assert (round(lat, 3), round(lon, 3)) == (36.25, 37.55)  # by its English name, affix dropped
    # A point far outside the division's own towns is a wrong match: the box middle stands.
    assert _division_point(members, "Hama", "SY", points) == (36.2, 37.5)
    # A name two divisions share says nothing about either.
    assert ("SY", "twin") not in points
    assert _division_point(members, "Twin", "SY", points) == (36.2, 37.5)
    assert _read_subdivisions(None) == {}


def test_subdivisions_file_changes_the_cache_key(tmp_path):
    import dataclasses

    src = tiny_sources(tmp_path)
    with_iso = dataclasses.replace(src, subdivisions=_subdivisions_file(tmp_path))
    assert with_iso.fingerprint() != src.fingerprint()
    gaz = open_gazetteer(with_iso, tmp_path / "cache")
    assert len(gaz.lookup("Aleppo")[0]) >= 1


def test_a_division_name_two_codes_share_stays_with_the_more_populous():
    from sitrep.geo.sources import _unique_division_names

    names = {"ML.07": {"Gao": 40}, "ML.10": {"Gao": 9, "Menaka": 1}, "ML.03": {"Kidal": 5}}
    members = {
        "ML.07": [(16.3, -0.04, 240_000.0)],
        "ML.10": [(15.9, 2.4, 40_000.0)],
        "ML.03": [(18.4, 1.4, 25_000.0)],
    }
    assert _unique_division_names(names, members) == {"ML.07": "Gao", "ML.03": "Kidal"}


def test_gao_is_the_town_not_a_split_off_division(gaz):
    from sitrep.geo import geoparse

    text = "GAO (Wire) - Gunmen abducted three aid workers near Gao on Tuesday, officials said."
    gao = [p for p in geoparse(text, gazetteer=gaz) if p.text == "Gao"]
    assert gao and gao[0].country == "MLI" and gao[0].precision == 1
