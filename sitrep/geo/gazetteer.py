"""The offline gazetteer: every known place as numpy columns plus hashed name-key indexes.

Reading the raw sources (``sitrep.geo.sources``) takes ~30 s and ~1 GB, so the built columns
and indexes are pickled once to a cache file under ``$SITREP_CACHE`` (default
``~/.cache/sitrep``), named after a fingerprint of every input file and of ``FORMAT``. A missing,
stale or unreadable cache file is rebuilt, never trusted. Loading the cache takes well under
2 s and ~200 MB, and ``load_gazetteer`` keeps one instance per process.

Name lookups go through two indexes, one per key kind of ``sitrep.geo.normalise``: a sorted
array of 64-bit hashes of the keys, offsets into a postings array of row numbers. That is
~15 bytes per (name, place) pair instead of the ~150 a dict of Python strings costs, and a
batch of n-gram keys is looked up with one ``np.searchsorted``.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import xxhash

from sitrep.geo.normalise import light_key, loose_key
from sitrep.geo.sources import (
    KIND_CODE,
    KINDS,
    PlaceRecord,
    SourcePaths,
    default_sources,
    read_records,
)

__all__ = ["FORMAT", "Gazetteer", "cache_dir", "key_hash", "load_gazetteer"]

FORMAT = 5  # bump when the built layout or the key functions change


def key_hash(key: str) -> int:
    return xxhash.xxh3_64_intdigest(key.encode("utf-8"))


def cache_dir() -> Path:
    return Path(os.environ.get("SITREP_CACHE") or Path.home() / ".cache" / "sitrep")


class _Index:
    """Sorted unique key hashes -> slices of a postings array (row numbers + one extra column)."""

    def __init__(self, hashes: np.ndarray, starts: np.ndarray, rows: np.ndarray, extra: np.ndarray):
        self.hashes, self.starts, self.rows, self.extra = hashes, starts, rows, extra

    @classmethod
    def build(cls, pairs_h: np.ndarray, pairs_row: np.ndarray, pairs_extra: np.ndarray) -> _Index:
        # Sort by (hash, row, -extra) and keep the first of each (hash, row): the best flag.
        order = np.lexsort((-pairs_extra.astype(np.int16), pairs_row, pairs_h))
        h, r, e = pairs_h[order], pairs_row[order], pairs_extra[order]
        keep = np.ones(len(h), dtype=bool)
        keep[1:] = (h[1:] != h[:-1]) | (r[1:] != r[:-1])
        h, r, e = h[keep], r[keep], e[keep]
        uniq, first = np.unique(h, return_index=True)
        starts = np.append(first, len(h)).astype(np.int64)
        return cls(uniq, starts, r.astype(np.int32), e)

    def find(self, h: int) -> slice | None:
        i = int(np.searchsorted(self.hashes, np.uint64(h)))
        if i < len(self.hashes) and int(self.hashes[i]) == h:
            return slice(int(self.starts[i]), int(self.starts[i + 1]))
        return None

    def contains(self, hashes: np.ndarray) -> np.ndarray:
        """Vectorised membership for many hashes at once (recognition's n-gram sweep)."""
        if len(hashes) == 0 or len(self.hashes) == 0:
            return np.zeros(len(hashes), dtype=bool)
        i = np.searchsorted(self.hashes, hashes)
        i = np.minimum(i, len(self.hashes) - 1)
        return self.hashes[i] == hashes

    def state(self) -> tuple[np.ndarray, ...]:
        return self.hashes, self.starts, self.rows, self.extra


class Gazetteer:
    """Columns of places (row i = one place) and the two name-key indexes.

    Columns: ``names``, ``gids`` (e.g. "geonames:170063", "sitrep:sy:tariq-bab"), ``lat``,
    ``lon``, ``population``, ``cc`` (index into ``countries``), ``admin1`` (index into
    ``admin1_keys``, -1 unknown), ``kind`` (index into ``KINDS``), ``parent`` (row, -1 none),
    ``capital``. Build one with ``Gazetteer.build(sources)`` or get the cached one with
    ``load_gazetteer()``.
    """

    def __init__(self, state: dict[str, Any]):
        self.names: list[str] = state["names"]
        self.keys: list[str] = state["keys"]  # light key of each primary name
        self.gids: list[str] = state["gids"]
        self.lat: np.ndarray = state["lat"]
        self.lon: np.ndarray = state["lon"]
        self.population: np.ndarray = state["population"]
        self.cc: np.ndarray = state["cc"]
        self.admin1: np.ndarray = state["admin1"]
        self.kind: np.ndarray = state["kind"]
        self.parent: np.ndarray = state["parent"]
        self.capital: np.ndarray = state["capital"]
        self.countries: list[str] = state["countries"]  # ISO2 per cc index
        self.iso3: list[str | None] = state["iso3"]
        self.admin1_keys: list[str] = state["admin1_keys"]
        self.admin1_row: np.ndarray = state["admin1_row"]
        self.country_row: np.ndarray = state["country_row"]
        self.light = _Index(*state["light"])
        self.loose = _Index(*state["loose"])
        self.fingerprint: str = state.get("fingerprint", "")
        self._cc_index = {c: i for i, c in enumerate(self.countries)}
        self._iso3_index = {c: i for i, c in enumerate(self.iso3) if c}

    # ------------------------------------------------------------------ lookups

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows whose name or an alternate has this name's light key, and whether it was the
        primary name (True) or an alternate."""
        where = self.light.find(key_hash(light_key(name)))
        if where is None:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=bool)
        return self.light.rows[where], self.light.extra[where].astype(bool)

    def lookup_loose(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Rows sharing the loose key, with the length of the light key that matched (for the
        length guard)."""
        where = self.loose.find(key_hash(loose_key(name)))
        if where is None:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.uint8)
        return self.loose.rows[where], self.loose.extra[where]

    def cc_index(self, code: str | None) -> int:
        """Index of an ISO2 or ISO3 country code, -1 if unknown."""
        if not code:
            return -1
        code = code.upper()
        return self._cc_index.get(code, self._iso3_index.get(code, -1))

    def kind_name(self, row: int) -> str:
        return KINDS[int(self.kind[row])]

    def country_iso3(self, row: int) -> str | None:
        c = int(self.cc[row])
        return self.iso3[c] if c >= 0 else None

    def admin1_name(self, row: int) -> str | None:
        if KINDS[int(self.kind[row])] == "admin1":
            return self.names[row]
        a = int(self.admin1[row])
        if a < 0:
            return None
        r = int(self.admin1_row[a])
        return self.names[r] if r >= 0 else None

    def rows_in_country(self, cc: int) -> np.ndarray:
        return np.flatnonzero(self.cc == cc)

    # ------------------------------------------------------------------ build

    @classmethod
    def build(cls, sources: SourcePaths | None = None) -> Gazetteer:
        src = sources or default_sources()
        return cls(_build_state(read_records(src), src.fingerprint()))

    def state(self) -> dict[str, Any]:
        return {
            "names": self.names,
            "keys": self.keys,
            "gids": self.gids,
            "lat": self.lat,
            "lon": self.lon,
            "population": self.population,
            "cc": self.cc,
            "admin1": self.admin1,
            "kind": self.kind,
            "parent": self.parent,
            "capital": self.capital,
            "countries": self.countries,
            "iso3": self.iso3,
            "admin1_keys": self.admin1_keys,
            "admin1_row": self.admin1_row,
            "country_row": self.country_row,
            "light": self.light.state(),
            "loose": self.loose.state(),
            "fingerprint": self.fingerprint,
            "format": FORMAT,
        }


def _iso3_map(records: Sequence[PlaceRecord]) -> dict[str, str]:
    from sitrep import vocab

    table = {row["iso2"]: row["iso3"] for row in vocab.read_csv("iso_countries.csv")}
    return {r.cc: table.get(r.cc, "") for r in records if r.cc}


def _build_state(records: list[PlaceRecord], fingerprint: str) -> dict[str, Any]:
    iso3_of = _iso3_map(records)
    countries = sorted({r.cc for r in records if r.cc})
    cc_index = {c: i for i, c in enumerate(countries)}
    admin1_keys = sorted({r.admin1 for r in records if r.admin1 and r.kind != "neighbourhood"})
    a1_index = {k: i for i, k in enumerate(admin1_keys)}
    n = len(records)

    # Supplement rows carry admin1 and parent as names: map them to codes and rows.
    admin1_by_name: dict[tuple[str, str], str] = {}
    best_by_name: dict[tuple[str, str], int] = {}
    for i, r in enumerate(records):
        if r.kind == "admin1":
            admin1_by_name[(r.cc, light_key(r.name))] = r.admin1
            for alt in r.alternates:
                admin1_by_name.setdefault((r.cc, light_key(alt)), r.admin1)
        if r.kind in ("city", "admin1", "admin2", "district", "region", "country"):
            key = (r.cc, light_key(r.name))
            j = best_by_name.get(key)
            if j is None or records[j].population < r.population:
                best_by_name[key] = i
    parent = np.full(n, -1, dtype=np.int32)
    for i, r in enumerate(records):
        if not r.gid.startswith("sitrep:") or r.kind == "admin2":
            continue
        if r.parent:
            parent[i] = best_by_name.get((r.cc, light_key(r.parent)), -1)
        code = admin1_by_name.get((r.cc, light_key(r.admin1))) if r.admin1 else None
        if code is None and parent[i] >= 0:
            code = records[parent[i]].admin1 or None
        r.admin1 = code or ""
        if r.admin1 and r.admin1 not in a1_index:
            a1_index[r.admin1] = len(admin1_keys)
            admin1_keys.append(r.admin1)

    admin1_row = np.full(len(admin1_keys), -1, dtype=np.int32)
    country_row = np.full(len(countries), -1, dtype=np.int32)
    for i, r in enumerate(records):
        if r.kind == "admin1" and r.admin1 in a1_index:
            admin1_row[a1_index[r.admin1]] = i
        elif r.kind == "country":
            country_row[cc_index[r.cc]] = i

    lh, lrow, lprim, sh, srow, slen = [], [], [], [], [], []
    for i, r in enumerate(records):
        seen: set[str] = set()
        for j, name in enumerate([r.name, *r.alternates]):
            key = light_key(name)
            if not key or key in seen:
                continue
            seen.add(key)
            lh.append(key_hash(key))
            lrow.append(i)
            lprim.append(j == 0)
            loose = loose_key(name)
            if loose:
                sh.append(key_hash(loose))
                srow.append(i)
                slen.append(min(255, len(key.replace(" ", ""))))
    light = _Index.build(
        np.array(lh, dtype=np.uint64),
        np.array(lrow, dtype=np.int32),
        np.array(lprim, dtype=np.uint8),
    )
    loose = _Index.build(
        np.array(sh, dtype=np.uint64),
        np.array(srow, dtype=np.int32),
        np.array(slen, dtype=np.uint8),
    )
    return {
        "names": [r.name for r in records],
        "keys": [light_key(r.name) for r in records],
        "gids": [r.gid for r in records],
        "lat": np.array([r.lat for r in records], dtype=np.float64),
        "lon": np.array([r.lon for r in records], dtype=np.float64),
        "population": np.array([r.population for r in records], dtype=np.float64),
        "cc": np.array([cc_index.get(r.cc, -1) for r in records], dtype=np.int16),
        "admin1": np.array([a1_index.get(r.admin1, -1) for r in records], dtype=np.int32),
        "kind": np.array([KIND_CODE[r.kind] for r in records], dtype=np.int8),
        "parent": parent,
        "capital": np.array([r.capital for r in records], dtype=bool),
        "countries": countries,
        "iso3": [iso3_of.get(c) or None for c in countries],
        "admin1_keys": admin1_keys,
        "admin1_row": admin1_row,
        "country_row": country_row,
        "light": light.state(),
        "loose": loose.state(),
        "fingerprint": fingerprint,
        "format": FORMAT,
    }


# ---------------------------------------------------------------------- cache


def _cache_file(fingerprint: str, directory: Path) -> Path:
    return directory / f"gazetteer-f{FORMAT}-{fingerprint}.pkl"


def _read_cache(path: Path, fingerprint: str) -> Gazetteer | None:
    try:
        with path.open("rb") as f:
            state = pickle.load(f)
        if state.get("format") != FORMAT or state.get("fingerprint") != fingerprint:
            return None
        return Gazetteer(state)
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        KeyError,
        TypeError,
        ValueError,
        IndexError,
    ):
        return None  # missing, truncated or written by another layout: rebuild


def _write_cache(gaz: Gazetteer, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(gaz.state(), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a killed build never leaves half a cache behind
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _prune(path.parent, keep=path)


KEEP_CACHES = 3  # gazetteer files kept per cache folder (about 60 MB each)


def _prune(directory: Path, keep: Path, limit: int = KEEP_CACHES) -> None:
    """Remove all but the ``limit`` most recently written gazetteer files (always keeping
    ``keep``). Files under other keys are not removed on sight: another checkout or an
    installed copy of another version may be using one, and would rebuild it (85 s)."""
    files = []
    for p in directory.glob("gazetteer-*.pkl"):
        with contextlib.suppress(OSError):
            files.append((p.stat().st_mtime, p))
    files.sort(reverse=True)
    others = [p for _, p in files if p != keep]
    for old in others[max(0, limit - 1) :]:
        old.unlink(missing_ok=True)


def open_gazetteer(sources: SourcePaths | None = None, directory: Path | None = None) -> Gazetteer:
    """The gazetteer for these sources from the cache, building (and caching) it if needed."""
    src = sources or default_sources()
    fingerprint = src.fingerprint()
    path = _cache_file(fingerprint, directory or cache_dir())
    gaz = _read_cache(path, fingerprint)
    if gaz is None:
        gaz = Gazetteer(_build_state(read_records(src), fingerprint))
        # A read-only home still gets a working (uncached) gazetteer.
        with contextlib.suppress(OSError):
            _write_cache(gaz, path)
    return gaz


_LOCK = threading.Lock()
_SINGLETON: Gazetteer | None = None


def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (cached on disk, built on first use)."""
    global _SINGLETON
    with _LOCK:
        if _SINGLETON is None:
            _SINGLETON = open_gazetteer()
        return _SINGLETON
