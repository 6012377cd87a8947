"""Lookup apart from ranking: the gazetteer rows a phrase may name, with a match quality.

Why apart: ranking (priors, votes, picks) depends on the article, lookup only on the phrase
and the gazetteer, so its results are cached here, once per gazetteer, and every article
shares them. The caches hold facts about the gazetteer only; two threads filling one at once
at worst compute the same value twice, and a cached array is never written to.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from sitrep import vocab
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalise import light_key, similar_length
from sitrep.geo.resolve.weights import Weights
from sitrep.geo.sources import KIND_CODE

__all__ = ["Candidates", "Lookup", "division_after", "division_countries", "variants"]

Candidates = tuple[np.ndarray, np.ndarray, str | None, str]  # rows, quality, implied kind, method
_EXACT_CACHE = 50_000  # phrases kept before the exact-match cache starts again
_ABBREVIATION_CHARS = 6  # a phrase this short ending in "." is an abbreviation ("Ga.", "U.S.")
_DIVISIONS = np.array([KIND_CODE[k] for k in ("admin1", "admin2", "region")])
_POSSESSIVE = re.compile(r"['’]s$")


def _none() -> Candidates:
    return np.zeros(0, dtype=np.int32), np.zeros(0), None, "none"


@dataclass(frozen=True)
class _Wording:
    """The vocab's affixes, compiled: what ``variants`` strips or writes out."""

    prefix: re.Pattern[str]  # "the", "city of"
    county: re.Pattern[str]  # "County", "Parish", "Co."
    suffix: re.Pattern[str]  # any other suffix: "province", "refugee camp"
    admin1_words: frozenset[str]  # the suffixes that make the name a first-level division
    division_countries: dict[str, frozenset[str]]  # "state": the countries that have states
    abbreviations: tuple[tuple[str, str], ...]  # ("st. ", "Saint "): lower case -> written out


@functools.cache
def _wording() -> _Wording:
    rows = vocab.place_affixes()

    def alternation(texts: list[str]) -> str:
        return "|".join(re.escape(t) for t in texts)

    prefixes = [r.text for r in rows if r.role == "prefix"]
    county = [r.text for r in rows if r.role == "suffix" and r.value == "admin2"]
    other = [r.text for r in rows if r.role == "suffix" and r.value != "admin2"]
    return _Wording(
        prefix=re.compile(rf"^({alternation(prefixes)})\s+", re.IGNORECASE),
        county=re.compile(rf"\s+({alternation(county)})$", re.IGNORECASE),
        suffix=re.compile(rf"\s+({alternation(other)})$", re.IGNORECASE),
        admin1_words=frozenset(r.text for r in rows if r.role == "suffix" and r.value == "admin1"),
        division_countries={
            r.text: r.countries for r in rows if r.role == "suffix" and r.countries
        },
        abbreviations=tuple(
            (f"{r.text} ", f"{r.value} ".title()) for r in rows if r.role == "abbreviation"
        ),
    )


def variants(phrase: str) -> list[tuple[str, str | None]]:
    """Spellings to try, most literal first, each with the kind the wording implies."""
    wording = _wording()
    text = " ".join(phrase.split()).strip(" ,.;:()[]\"'“”‘’")
    if phrase.rstrip().endswith(".") and len(text) <= _ABBREVIATION_CHARS:
        text = phrase.strip()  # "Ga.", "U.S.", "B.C." keep their dots
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"-based$", "", text)
    out: list[tuple[str, str | None]] = [(text, None)]
    bare = wording.prefix.sub("", text)
    if bare != text:
        out.append((bare, None))
    m = wording.county.search(bare)
    if m:
        out.append((bare[: m.start()] + " County", "admin2"))
        out.append((bare[: m.start()] + " Parish", "admin2"))
        out.append((bare[: m.start()], "admin2"))
    m = wording.suffix.search(bare)
    if m:
        implied = "admin1" if m.group(1).lower() in wording.admin1_words else None
        out.append((bare[: m.start()], implied))
    low = bare.lower()
    for short, full in wording.abbreviations:
        if low.startswith(short):
            out.append((full + bare[len(short) :], None))
    return out


def division_countries(phrase: str) -> frozenset[str]:
    """The countries whose first-level divisions the phrase's last word names, if only some
    have them ("Borno state": states), else the empty set."""
    wording = _wording()
    m = wording.suffix.search(" ".join(phrase.split()).strip(" ,.;:()[]\"'“”‘’"))
    return wording.division_countries.get(m.group(1).lower(), frozenset()) if m else frozenset()


_WORD_AFTER = re.compile(r"[ \t]+([A-Za-z]+)\b")


def division_after(text: str, end: int) -> str | None:
    """The division word right after a name, if only some countries use it ("Borno state")."""
    m = _WORD_AFTER.match(text, end)
    if m and m.group(1).lower() in _wording().division_countries:
        return m.group(1)
    return None


class Lookup:
    """Candidate rows for a phrase in one gazetteer, exact first, loose and fuzzy on request.

    Example:
        >>> from sitrep.geo import load_gazetteer
        >>> rows, quality, implied, method = Lookup(load_gazetteer()).find("Aleppo")  # doctest: +SKIP
        >>> method  # doctest: +SKIP
        'exact'
    """

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None):
        self.gaz = gazetteer
        self.w = weights or Weights()
        self._exact: dict[str, Candidates] = {}
        self._choices: dict[tuple[int, str], tuple[list[str], np.ndarray]] = {}
        self._first_letters: np.ndarray | None = None
        self._cells: dict[int, frozenset[tuple[int, int]]] = {}

    def find(self, phrase: str, countries: Sequence[int] = ()) -> Candidates:
        """(rows, match quality per row, implied kind, method) for a phrase; empty if none.

        Exact (light-key) matches of the literal phrase win; then shortened variants; then,
        only when ``countries`` are given, loose and fuzzy matches inside them.
        """
        hit = self._exact.get(phrase)
        if hit is None:
            hit = self._exact_match(phrase)
            if len(self._exact) > _EXACT_CACHE:
                self._exact.clear()
            self._exact[phrase] = hit
        if len(hit[0]) or not countries:
            return hit
        return self._inexact_match(phrase, countries)

    def _exact_match(self, phrase: str) -> Candidates:
        g = self.gaz
        only_in = division_countries(phrase)
        for text, implied in variants(phrase):
            if not light_key(text):
                continue
            rows, primary = g.lookup(text)
            if len(rows):
                quality = np.where(primary, 1.0, self.w.alternate_quality)
                if implied == "admin2":
                    keep = g.kind[rows] == KIND_CODE["admin2"]
                    if keep.any():
                        rows, quality = rows[keep], quality[keep]
                rows, quality = self._states_only(rows, quality, implied, only_in)
                if len(rows):
                    return rows, quality, implied, "exact"
        return _none()

    def _states_only(
        self, rows: np.ndarray, quality: np.ndarray, implied: str | None, only_in: frozenset[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """A division word only some countries use ("X state") rules out the divisions of the
        others: "the centre of Sahel state" (Mali) is not Burkina Faso's Sahel, a region. A
        country or town of the name stays ("a Palestinian state", "Youngstown State")."""
        if implied != "admin1" or not only_in:
            return rows, quality
        g = self.gaz
        division = np.isin(g.kind[rows], _DIVISIONS)
        keep = ~division | np.isin(g.cc[rows], [g.cc_index(c) for c in only_in])
        return rows[keep], quality[keep]

    def _inexact_match(self, phrase: str, countries: Sequence[int]) -> Candidates:
        g, w = self.gaz, self.w
        allowed = np.asarray(countries, dtype=np.int16)
        only_in = division_countries(phrase)
        for text, implied in variants(phrase):
            target = len(light_key(text).replace(" ", ""))
            if target < w.loose_min_letters:
                continue
            rows, lens = g.lookup_loose(text)
            if len(rows):
                ok = np.isin(g.cc[rows], allowed) & (
                    np.minimum(lens, target) >= w.loose_length * np.maximum(lens, target)
                )
                rows, quality = self._states_only(
                    rows[ok], np.full(int(ok.sum()), w.loose_quality), implied, only_in
                )
                if len(rows):
                    return rows, quality, implied, "loose"
        for text, implied in variants(phrase):
            rows = self._fuzzy(light_key(text), allowed)
            rows, quality = self._states_only(
                rows, np.full(len(rows), w.fuzzy_quality), implied, only_in
            )
            if len(rows):
                return rows, quality, implied, "fuzzy"
        return _none()

    def _fuzzy(self, key: str, allowed: np.ndarray) -> np.ndarray:
        w = self.w
        if len(key) < w.fuzzy_min_letters or not key.isascii():
            return np.zeros(0, dtype=np.int32)
        found: list[int] = []
        for cc in allowed.tolist():
            names, rows = self._bucket(int(cc), key[0])
            for _name, _score, idx in process.extract(
                key, names, scorer=fuzz.ratio, score_cutoff=w.fuzzy_cutoff, limit=w.fuzzy_limit
            ):
                if similar_length(key, names[idx], w.fuzzy_length):
                    found.append(int(rows[idx]))
        return np.array(sorted(set(found)), dtype=np.int32)

    def _bucket(self, cc: int, first: str) -> tuple[list[str], np.ndarray]:
        """Primary-name keys of one country's places that start with ``first``: misspellings
        rarely change the first letter, and the bucket is ~20x smaller than the country."""
        hit = self._choices.get((cc, first))
        if hit is None:
            if self._first_letters is None:  # once per gazetteer: ~0.1 s, saves ~1 ms a bucket
                self._first_letters = np.array([k[:1] for k in self.gaz.keys])
            rows = self.gaz.rows_in_country(cc)
            rows = rows[self._first_letters[rows] == first].astype(np.int32)
            keys = self.gaz.keys
            hit = self._choices[(cc, first)] = ([keys[r] for r in rows.tolist()], rows)
        return hit

    def cells(self, cc: int) -> frozenset[tuple[int, int]]:
        """The one-degree grid cells holding a place of country ``cc`` (it describes the
        gazetteer, not an article, so it is cached here)."""
        cells = self._cells.get(cc)
        if cells is None:
            rows = self.gaz.rows_in_country(cc)
            lat = np.floor(self.gaz.lat[rows]).astype(np.int64)
            lon = np.floor(self.gaz.lon[rows]).astype(np.int64)
            cells = self._cells[cc] = frozenset(zip(lat.tolist(), lon.tolist(), strict=True))
        return cells
