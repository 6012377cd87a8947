"""Toponym resolution: pick the gazetteer place each mention means, using the whole article.

Why context, not just population: "Paris" is in Texas in a Texas paper, "Georgia" is a country
in a report on South Ossetia, "Aleppo" the city (not the governorate) unless "province" follows.
Every mention is scored against its candidates in two passes:

1. a prior per candidate: feature kind (countries and continents are what a bare name usually
   means, then first-level divisions, then towns by log population; a county only when the
   phrase says "County"/"Parish" or ends a list "X, Y and Z counties"), whether the primary
   name (not an alternate) matched, and national capitals;
2. context from the article: a vote per country and per first-level division, one voice per
   *distinct name* (eight "Alexandria"s do not outvote one "Virginia"), and each mention is
   scored against the *other* names' votes; a state's name gets its country's share again
   (a state named in a US report is the state, not the village of Florida, New York; not for
   a division named like a city inside it, "Aleppo", or like its country's capital,
   "Washington"); a parent named next to the mention ("X, Idlib", "X district of Aleppo",
   "X, Ga."); a ``country_hint``; a town just across the border of a country the others
   point to shares in that country's vote ("Gaza" next to "Israel"); and spatial minimality:
   closeness to the other names' candidates and picks, a division being close to the places
   inside it.

A name the gazetteer does not hold is looked up by its loose transliteration key and then by
fuzzy matching, but only among places in the article's countries and with a length guard (so
"al-Haamah" never becomes Hama and no misspelling lands in Kashgar). A small pick that no other
name supports (a town under 10,000 in a country, or a state, no other name points to, when the
others agree on one; a town under 50,000 when the country leading the others' votes is one the
article names outright, by name or nationality) is doubted: re-picked inside the article's state, else treated as
unknown. Unknown names fall back, each with a worse precision and a reason: to the parent
named next to them (precision 2/3); to a place named inside the name ("Port of Los Angeles",
precision 2); to the article's main state/province (two or more other names and at least half
of them in it, precision 3); to its leading country (precision 3). A string that cannot be a
name (empty, no letters, a script the gazetteer lacks, absurdly long), or an article with no
context, stays unresolved (precision ``None``, reason in ``Resolution.reason``); the other
mentions are resolved regardless.

Weights were tuned on the first half of TR-News and of LGL (articles in file order) as general
rules, never per place; the second halves are the check.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz import fuzz, process

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalise import fold, light_key, similar_length
from sitrep.geo.sources import KIND_CODE
from sitrep.model import Place, Span

__all__ = ["Mention", "Resolution", "Resolver", "Weights", "haversine_km"]

EARTH_RADIUS_KM = 6371.0088
_K = KIND_CODE
_BROAD = {_K["country"], _K["admin1"], _K["continent"]}
_SPECIFIC = {_K[k] for k in ("neighbourhood", "district", "village", "camp", "crossing", "airport")}

# Kind priors (log-odds-like scores). Tuned on TR-News/LGL as general rules, not per place.
_KIND_PRIOR = np.zeros(len(KIND_CODE))
_KIND_PRIOR[_K["country"]] = 9.0
_KIND_PRIOR[_K["continent"]] = 9.0
_KIND_PRIOR[_K["admin1"]] = 6.5
_KIND_PRIOR[_K["admin2"]] = 2.0
_COUNTRY_FALLBACK_SHARE = 0.3  # the leading country's share of names, for the last fall-back
_STATE_OUTLIERS = True
_OUTLIER_POP = 10_000  # a namesake smaller than this, alone in its country, is doubted
# ... and one smaller than this when the article names the country most of its places lie in
_NAMED_POP = 50_000
_NAMED_SHARE = 0.3
_CAPITAL = 1.2  # a national capital over its namesakes
_KIND_PRIOR[_K["region"]] = 6.0
for _k in _SPECIFIC:
    _KIND_PRIOR[_k] = 6.0

_SUFFIX_ADMIN2 = re.compile(r"\s+(county|parish|borough|co\.?)$", re.IGNORECASE)
_SUFFIX_ADMIN1 = re.compile(
    r"\s+(province|governorate|state|region|oblast|prefecture|department|district|"
    r"countryside|area|city|town|village|camp|refugee camp|crossing|border crossing|airport|"
    r"neighbourhood|neighborhood|quarter|suburb)$",
    re.IGNORECASE,
)
_ADMIN1_WORDS = {"province", "governorate", "state", "region", "oblast", "prefecture", "department"}
_PREFIX = re.compile(r"^(the|city of|town of|village of|province of|state of)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s$")
# Words that name a kind of feature, not a place: "Vancouver Art Gallery" is in Vancouver, but
# "Art", "Gallery" are never searched on their own.
_FEATURE_TEXT = """
    airport international national regional memorial municipal county park parkway lake lakes
    river creek valley mountain mountains hill hills island islands bay beach harbor harbour port
    art gallery museum hospital university college school church cathedral mosque temple
    stadium station centre center hall square street st road avenue ave bridge tower building
    house hotel mall market area greater metropolitan metro district township twp city town
    village downtown uptown north south east west northern southern eastern western central
    upper lower new old great little of the and de la le du des del el al"""
_FEATURE_WORDS = frozenset(_FEATURE_TEXT.split())
_ABBREV = (("st. ", "saint "), ("st ", "saint "), ("ft. ", "fort "), ("mt. ", "mount "))
# "Becker, Clay and Douglas counties": every name of the list is a county.
_COUNTY_LIST = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)*"
    r"\s+(counties|parishes)\b"
)
_PARENT_AFTER = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")


def _isin(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.isin`` for the small arrays resolution compares (a broadcast beats its sort)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.size * b.size <= 4096:
        return (a[:, None] == b[None, :]).any(axis=1) if b.size else np.zeros(a.size, bool)
    return np.isin(a, b)


def haversine_km(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
    """Great-circle distance in km; works on floats and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


@dataclass(frozen=True)
class Weights:
    """How much each kind of context adds to a candidate's score (tuned on TR-News + LGL)."""

    country: float = 4.0  # x the share of the article's mentions in the candidate's country
    admin1: float = 3.0  # x the share in its first-level division (a local paper's state)
    hint: float = 1.5  # the caller's country_hint
    parent: float = 5.0  # lies inside/near the parent named next to it
    near: float = 2.0  # x exp(-km / near_km) to the closest other resolved mention
    near_km: float = 150.0
    division: float = 6.0  # x the country share, for first-level divisions only: a state
    # name means the state when the article is about its country, not a namesake town
    colocate: float = 1.0  # x the number of other names with a candidate within ~near_km
    rounds: int = 1  # re-picks with the previous picks as anchors
    abroad: float = 1.0  # off a division in a country no other name of the article points to
    border: float = 3.0  # x the share of a country the candidate lies next to (not in)


@dataclass
class Mention:
    """A toponym to resolve: where it is, a kind hint from recognition, an optional parent."""

    span: Span
    kind: str | None = None  # "admin1", "admin2", "camp", "dateline", "modifier", "demonym", ...
    parent: Span | None = None  # "X district of Y", "X, Y": the Y


@dataclass
class Resolution:
    """One mention's outcome: the chosen row (or None), how it was reached, and why."""

    mention: Mention
    row: int | None = None
    precision: int | None = None
    confidence: float | None = None
    method: str = ""  # exact / alternate / loose / fuzzy / parent / country / none
    reason: str | None = None
    candidates: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    scores: np.ndarray = field(default_factory=lambda: np.zeros(0))
    quality: np.ndarray = field(default_factory=lambda: np.zeros(0))
    why_unplaced: str | None = None  # why a fall-back was needed, when not "not in gazetteer"
    final: np.ndarray | None = None  # the last round's scores (prior + context)


_Sparse = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@dataclass
class _Votes:
    """The article's votes: per distinct name its sparse votes (country indexes and weights,
    admin1 indexes and weights), their dense totals, and the total weight (names + the hint's
    pseudo-votes)."""

    names: dict[str, _Sparse]
    total_c: np.ndarray
    total_a: np.ndarray
    weight: float

    def context(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Country and admin1 shares among the *other* names of the article."""
        own = self.names.get(key)
        if own is None:
            w = self.weight
            return (self.total_c / w, self.total_a / w) if w else (self.total_c, self.total_a)
        w = self.weight - 1.0
        if w <= 0:
            return np.zeros_like(self.total_c), np.zeros_like(self.total_a)
        c, a = self.total_c.copy(), self.total_a.copy()
        np.subtract.at(c, own[0], own[1])
        np.subtract.at(a, own[2], own[3])
        return c / w, a / w

    def countries(self) -> dict[int, float]:
        """Share of the article's names per country (all names)."""
        if not self.weight:
            return {}
        nz = np.flatnonzero(self.total_c[:-1])
        return {int(c): float(self.total_c[c] / self.weight) for c in nz}


def _variants(phrase: str) -> list[tuple[str, str | None]]:
    """Spellings to try, most literal first, each with the kind the wording implies."""
    text = " ".join(phrase.split()).strip(" ,.;:()[]\"'“”‘’")
    if phrase.rstrip().endswith(".") and len(text) <= 6:
        text = phrase.strip()  # "Ga.", "U.S.", "B.C." keep their dots
    text = _POSSESSIVE.sub("", text)
    text = re.sub(r"-based$", "", text)
    out: list[tuple[str, str | None]] = [(text, None)]
    bare = _PREFIX.sub("", text)
    if bare != text:
        out.append((bare, None))
    m = _SUFFIX_ADMIN2.search(bare)
    if m:
        county = bare[: m.start()] + " County"
        out.append((county, "admin2"))
        out.append((bare[: m.start()] + " Parish", "admin2"))
        out.append((bare[: m.start()], "admin2"))
    m = _SUFFIX_ADMIN1.search(bare)
    if m:
        word = m.group(1).lower()
        out.append((bare[: m.start()], "admin1" if word in _ADMIN1_WORDS else None))
    low = bare.lower()
    for short, full in _ABBREV:
        if low.startswith(short):
            out.append((full.title() + bare[len(short) :], None))
    return out


class Resolver:
    """Resolves the mentions of one article at a time against a gazetteer.

    Example:
        >>> from sitrep.geo import load_gazetteer
        >>> r = Resolver(load_gazetteer())  # doctest: +SKIP
        >>> text = "Shells hit Tariq al-Bab in Aleppo."
        >>> [p.name for p in r.resolve(text, [Mention(Span(11, 23, "Tariq al-Bab"))])]  # doctest: +SKIP
        ['Tariq al-Bab']
    """

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None):
        self.gaz = gazetteer
        self.w = weights or Weights()
        self._choices_cache: dict[tuple[int, str], tuple[list[str], np.ndarray]] = {}
        self._first_letters: np.ndarray | None = None
        self._exact: dict[str, tuple[np.ndarray, np.ndarray, str | None, str]] = {}
        self._cells_cache: dict[int, frozenset[tuple[int, int]]] = {}

    # ------------------------------------------------------------------ candidates

    def candidates(
        self, phrase: str, countries: Sequence[int] = ()
    ) -> tuple[np.ndarray, np.ndarray, str | None, str]:
        """(rows, match quality per row, implied kind, method) for a phrase; empty if none.

        Exact (light-key) matches of the literal phrase win; then shortened variants; then
        loose and fuzzy matches, which are only accepted inside ``countries``.
        """
        if not countries:
            hit = self._exact.get(phrase)
            if hit is None:
                hit = self._exact_candidates(phrase)
                if len(self._exact) > 50_000:
                    self._exact.clear()
                self._exact[phrase] = hit
            return hit
        if len(self._exact_candidates(phrase)[0]):
            return self._exact_candidates(phrase)
        return self._inexact_candidates(phrase, countries)

    def _exact_candidates(self, phrase: str) -> tuple[np.ndarray, np.ndarray, str | None, str]:
        g = self.gaz
        variants = _variants(phrase)
        for text, implied in variants:
            if not light_key(text):
                continue
            rows, primary = g.lookup(text)
            if len(rows):
                quality = np.where(primary, 1.0, 0.5)
                if implied == "admin2":
                    keep = g.kind[rows] == _K["admin2"]
                    if keep.any():
                        rows, quality = rows[keep], quality[keep]
                return rows, quality, implied, "exact"
        return np.zeros(0, dtype=np.int32), np.zeros(0), None, "none"

    def _inexact_candidates(
        self, phrase: str, countries: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray, str | None, str]:
        g = self.gaz
        variants = _variants(phrase)
        allowed = np.asarray(countries, dtype=np.int16)
        for text, implied in variants:
            key = light_key(text)
            if len(key.replace(" ", "")) < 4:
                continue
            rows, lens = g.lookup_loose(text)
            if len(rows):
                target = len(key.replace(" ", ""))
                ok = np.isin(g.cc[rows], allowed) & (
                    np.minimum(lens, target) >= 0.75 * np.maximum(lens, target)
                )
                if ok.any():
                    return rows[ok], np.full(int(ok.sum()), 0.4), implied, "loose"
        for text, implied in variants:
            rows = self._fuzzy(light_key(text), allowed)
            if len(rows):
                return rows, np.full(len(rows), 0.3), implied, "fuzzy"
        return np.zeros(0, dtype=np.int32), np.zeros(0), None, "none"

    def _fuzzy(self, key: str, allowed: np.ndarray) -> np.ndarray:
        if len(key) < 5 or not key.isascii():
            return np.zeros(0, dtype=np.int32)
        found: list[int] = []
        for cc in allowed.tolist():
            names, rows = self._choices(int(cc), key[0])
            for _name, score, idx in process.extract(
                key, names, scorer=fuzz.ratio, score_cutoff=88, limit=3
            ):
                if similar_length(key, names[idx], 0.85):
                    found.append(int(rows[idx]))
                _ = score
        return np.array(sorted(set(found)), dtype=np.int32)

    def _choices(self, cc: int, first: str) -> tuple[list[str], np.ndarray]:
        """Primary-name keys of one country's places that start with ``first``: misspellings
        rarely change the first letter, and the bucket is ~20x smaller than the country."""
        key = (cc, first)
        if key not in self._choices_cache:
            if self._first_letters is None:  # once per gazetteer: ~0.1 s, saves ~1 ms a bucket
                self._first_letters = np.array([k[:1] for k in self.gaz.keys])
            rows = self.gaz.rows_in_country(cc)
            rows = rows[self._first_letters[rows] == first].astype(np.int32)
            keys = self.gaz.keys
            self._choices_cache[key] = ([keys[r] for r in rows.tolist()], rows)
        return self._choices_cache[key]

    # ------------------------------------------------------------------ scoring

    def _prior(self, rows: np.ndarray, quality: np.ndarray, implied: str | None) -> np.ndarray:
        g = self.gaz
        kind = g.kind[rows]
        pop = g.population[rows]
        score = _KIND_PRIOR[kind].copy()
        city = kind == _K["city"]
        score[city] = np.log10(pop[city] + 10.0) + _CAPITAL * g.capital[rows][city]
        score += 3.0 * (quality - 1.0)  # alternates -1.5, loose -1.8, fuzzy -2.1
        # A division named like its capital ("Aleppo", "Kharkiv", "Hodeidah") means the city
        # unless the wording says province.
        a1 = kind == _K["admin1"]
        if a1.any() and city.any() and implied != "admin1":
            city_admin1 = set(g.admin1[rows][city].tolist())
            score[a1] -= 3.0 * _isin(g.admin1[rows][a1], np.array(list(city_admin1)))
        if implied == "admin1":  # "X region" may be a region across borders ("the Sahel")
            score[(kind == _K["admin1"]) | (kind == _K["region"])] += 4.0
        elif implied == "admin2":
            score[kind == _K["admin2"]] += 6.0
        else:
            score[kind == _K["admin2"]] -= 1.0
        return score

    def resolve(
        self,
        text: str,
        mentions: Sequence[Mention],
        country_hint: str | None = None,
    ) -> list[Resolution]:
        """Resolve every mention; the result has one Resolution per mention, same order."""
        g = self.gaz
        hint = g.cc_index(country_hint)
        out = [Resolution(m) for m in mentions]
        # Pass 0: exact candidates and priors.
        for res in out:
            rows, quality, implied, method = self.candidates(res.mention.span.text)
            listed = _COUNTY_LIST.match(text, res.mention.span.end) if text else None
            if listed:
                unit = "County" if listed.group(1).lower() == "counties" else "Parish"
                c_rows, c_quality, _, c_method = self.candidates(f"{res.mention.span.text} {unit}")
                if len(c_rows):
                    rows, quality, implied, method = c_rows, c_quality, "admin2", c_method
            if res.mention.kind in ("admin1", "admin2") and implied is None:
                implied = res.mention.kind
            res.candidates, res.quality, res.method = rows, quality, method
            res.scores = self._prior(rows, quality, implied) if len(rows) else np.zeros(0)
        votes = self._votes(out, hint)
        countries = votes.countries()
        # Names not found exactly: loose/fuzzy inside the article's countries.
        allowed = [c for c, w in sorted(countries.items(), key=lambda kv: -kv[1]) if w >= 0.15][:3]
        if hint >= 0 and hint not in allowed:
            allowed.insert(0, hint)
        for res in out:
            if len(res.candidates) == 0 and allowed:
                rows, quality, implied, method = self.candidates(res.mention.span.text, allowed)
                if len(rows):
                    res.candidates, res.quality, res.method = rows, quality, method
                    res.scores = self._prior(rows, quality, implied)
        parents = self._parents(text, out)
        self._colocate(out)
        # Pass 1: context from soft votes; then re-pick with the picks as anchors.
        votes = self._votes(out, hint)
        anchors = self._pick(out, votes, parents, hint, anchors=None)
        for _ in range(self.w.rounds):
            votes = self._votes(out, hint, chosen=True)
            anchors = self._pick(out, votes, parents, hint, anchors=anchors)
        self._reject_outside_parent(out)
        self._reject_outliers(out, hint)
        self._fallbacks(out, parents, self._votes(out, hint, chosen=True), hint)
        return out

    def _reject_outside_parent(self, out: Sequence[Resolution]) -> None:
        """Un-pick a town the text itself puts in a country it is not in ("Solhan in northeast
        Burkina Faso" is no town of Turkey): the fall-backs then place it at that country."""
        g = self.gaz
        wrong: dict[tuple[str, int], str] = {}
        for res, parent in zip(out, self._parent_of, strict=True):
            r = res.row
            if r is None or parent is None or parent.row is None or res.mention.parent is None:
                continue
            if g.kind[parent.row] != _K["country"] or g.kind[r] != _K["city"]:
                continue
            if g.cc[r] != g.cc[parent.row]:
                wrong[(light_key(res.mention.span.text), r)] = (
                    f"{res.mention.span.text!r}: its gazetteer match {g.names[r]!r} "
                    f"({g.country_iso3(r)}) is not in {parent.mention.span.text}, where the text "
                    "puts it"
                )
        # One name, one place in an article: its other mentions ("the Moura killings") go too,
        # and fall back to the same country.
        where = {key: self._parent_of[i] for i, res in enumerate(out)
                 for key in [light_key(res.mention.span.text)] if res.mention.parent is not None}  # fmt: skip
        for i, res in enumerate(out):
            key = light_key(res.mention.span.text)
            why = wrong.get((key, res.row if res.row is not None else -1))
            if why is not None:
                res.why_unplaced = why
                res.row = res.precision = res.confidence = None
                if self._parent_of[i] is None:
                    self._parent_of[i] = where.get(key)

    def _partial(
        self, text: str, allowed: Sequence[int]
    ) -> tuple[np.ndarray, np.ndarray, str | None, str]:
        """Places named inside a name the gazetteer lacks ("Vancouver Art Gallery", "Port of Los
        Angeles", "Greater Toronto Area"): the longest run of non-feature words that names a
        place (not a country) in ``allowed`` countries, or a continent ("Southern Europe");
        hyphens split words ("Montreal-Pierre Elliott Trudeau International Airport");
        (rows, quality, implied kind, part)."""
        g = self.gaz
        words = re.findall(r"[\w'’.]+", text)
        if not allowed or len(words) < 2 or len(words) > 12:
            return np.zeros(0, dtype=np.int32), np.zeros(0), None, ""
        countries = np.asarray(allowed, dtype=np.int16)
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                part = words[i : i + n]
                if part[0].lower() in _FEATURE_WORDS or part[-1].lower() in _FEATURE_WORDS:
                    continue
                if not part[0][:1].isupper() or len("".join(part)) < 4:
                    continue
                phrase = " ".join(part)
                rows, quality, implied, _ = self.candidates(phrase)
                kind = g.kind[rows]
                keep = (np.isin(g.cc[rows], countries) & (kind != _K["country"])) | (
                    kind == _K["continent"]
                )
                if keep.any():
                    return rows[keep], quality[keep], implied, phrase
        return np.zeros(0, dtype=np.int32), np.zeros(0), None, ""

    def _colocate(self, out: Sequence[Resolution]) -> None:
        """Add to each candidate's score the number of *other* names in the article that have a
        candidate close to it: "Paris" and "Henry County" together mean Paris, Tennessee."""
        g = self.gaz
        per_name: dict[str, np.ndarray] = {}
        for res in out:
            if len(res.candidates) == 0:
                continue
            key = light_key(res.mention.span.text)
            if key in per_name:
                continue
            rows = res.candidates
            rows = rows[g.kind[rows] != _K["country"]]
            if len(rows) > 40:
                rows = rows[np.argsort(-res.scores[np.isin(res.candidates, rows)])[:40]]
            per_name[key] = rows
        if len(per_name) < 2:
            return
        keys = list(per_name)
        sizes = np.array([len(per_name[k]) for k in keys])
        keep = sizes > 0
        keys = [k for k, ok in zip(keys, keep, strict=True) if ok]
        sizes = sizes[keep]
        if len(keys) < 2:
            return
        all_rows = np.concatenate([per_name[k] for k in keys])
        offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        plat, plon = g.lat[all_rows][None, :], g.lon[all_rows][None, :]
        column = {k: i for i, k in enumerate(keys)}
        columns_in: dict[int, list[int]] = {}  # admin1 code -> names with a candidate in it
        for j, k in enumerate(keys):
            for code in set(g.admin1[per_name[k]].tolist()):
                columns_in.setdefault(code, []).append(j)
        support_of: dict[tuple[str, bytes], np.ndarray] = {}
        for res in out:
            if len(res.candidates) == 0:
                continue
            own = light_key(res.mention.span.text)
            # Same name, same candidates: same support ("Clay" in "Clay and Becker counties"
            # has county candidates only, a bare "Clay" elsewhere has them all).
            cache_key = (own, res.candidates.tobytes())
            support = support_of.get(cache_key)
            if support is None:
                rows = res.candidates
                d = haversine_km(g.lat[rows][:, None], g.lon[rows][:, None], plat, plon)
                near = np.exp(-np.minimum.reduceat(d, offsets, axis=1) / self.w.near_km)
                if own in column:
                    near[:, column[own]] = 0.0
                # A division is close to the names that have a candidate inside it.
                is_a1 = np.flatnonzero(g.kind[rows] == _K["admin1"])
                for i in is_a1.tolist():
                    cols = columns_in.get(int(g.admin1[rows[i]]))
                    if cols:
                        near[i, cols] = 1.0
                if own in column:
                    near[:, column[own]] = 0.0
                support = np.minimum(near.sum(axis=1), 3.0) * (g.kind[rows] != _K["country"])
                support_of[cache_key] = support
            res.scores = res.scores + self.w.colocate * support

    def _votes(self, out: Sequence[Resolution], hint: int, chosen: bool = False) -> _Votes:
        """Soft votes per country and per admin1, one per *distinct name* (eight "Alexandria"s
        are one voice, not eight), so each mention can be scored against the others' votes."""
        g = self.gaz
        nc, na = len(g.countries) + 1, len(g.admin1_keys) + 1
        # Per name: the rows it votes for and the weights (sparse; summed once per article).
        per_name: dict[str, tuple[list[np.ndarray], list[np.ndarray]]] = {}
        for res in out:
            if len(res.candidates) == 0 or res.mention.kind in ("dateline", "modifier"):
                continue
            if res.why_unplaced is not None and res.row is None:
                continue  # its candidates were judged wrong: they vote for nothing
            if chosen and res.row is not None:
                rows, probs = np.array([res.row]), np.array([1.0])
            else:
                s = res.scores - res.scores.max()
                probs = np.exp(s)
                probs /= probs.sum()
                rows = res.candidates
            keep = probs >= 0.05
            entry = per_name.setdefault(light_key(res.mention.span.text), ([], []))
            entry[0].append(rows[keep])
            entry[1].append(probs[keep])
        names: dict[str, _Sparse] = {}
        for key, (row_parts, prob_parts) in per_name.items():
            rows = np.concatenate(row_parts)
            probs = np.concatenate(prob_parts) / len(row_parts)
            cc, a1 = g.cc[rows].astype(np.int64), g.admin1[rows].astype(np.int64)
            a1_ok = (a1 >= 0) & (g.kind[rows] != _K["country"])
            c_ok = cc >= 0  # unknown country / admin1 (-1) votes for nothing
            names[key] = (cc[c_ok], probs[c_ok], a1[a1_ok], probs[a1_ok])
        if names:
            parts = list(names.values())
            total_c = np.bincount(
                np.concatenate([p[0] for p in parts]),
                weights=np.concatenate([p[1] for p in parts]),
                minlength=nc,
            )
            total_a = np.bincount(np.concatenate([p[2] for p in parts]),
                                  weights=np.concatenate([p[3] for p in parts]), minlength=na)  # fmt: skip
        else:
            total_c, total_a = np.zeros(nc), np.zeros(na)
        weight = float(len(names))
        if hint >= 0:
            extra = max(2.0, weight)
            total_c[hint] += extra
            weight += extra
        return _Votes(names, total_c, total_a, weight)

    def _parents(self, text: str, out: Sequence[Resolution]) -> list[np.ndarray | None]:
        """Candidate rows of each mention's parent: the given parent span, or "X, Y" text."""
        by_start = {res.mention.span.start: res for res in out}
        parents: list[np.ndarray | None] = []
        self._parent_of: list[Resolution | None] = []
        for res in out:
            span = res.mention.parent
            rows = None
            other = None
            if span is not None:
                other = by_start.get(span.start)
                rows = other.candidates if other is not None else self.candidates(span.text)[0]
            else:
                m = _PARENT_AFTER.match(text, res.mention.span.end) if text else None
                if m:
                    words = m.group(1).split()
                    for n in range(len(words), 0, -1):
                        cand = " ".join(words[:n])
                        found, _, _, _ = self.candidates(cand)
                        broad = found[_isin(self.gaz.kind[found], np.array(sorted(_BROAD)))]
                        if len(broad):
                            rows = broad
                            break
            parents.append(rows if rows is not None and len(rows) else None)
            self._parent_of.append(other)
        return parents

    def _pick(
        self,
        out: Sequence[Resolution],
        votes: _Votes,
        parents: Sequence[np.ndarray | None],
        hint: int,
        anchors: tuple[np.ndarray, np.ndarray] | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Pick each mention's best candidate; returns the picks as anchors (name keys, rows)
        for the next round."""
        g = self.gaz
        keys_a: list[str] = []
        rows_a: list[int] = []
        contexts: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        anchors_data = None
        if anchors is not None:
            a_keys, a_rows = anchors
            anchors_data = (a_keys, g.lat[a_rows], g.lon[a_rows], g.admin1[a_rows])
        memo: dict[tuple[str, bytes, bytes], np.ndarray] = {}
        for i, res in enumerate(out):
            rows = res.candidates
            if len(rows) == 0:
                continue
            key = light_key(res.mention.span.text)
            # The same name with the same candidates and priors and no parent of its own scores
            # the same (its context leaves out all of its own mentions): score it once.
            memo_key = (key, rows.tobytes(), res.scores.tobytes()) if parents[i] is None else None
            if memo_key is not None and memo_key in memo:
                score = memo[memo_key]
            else:
                score = self._context_score(res, key, rows, votes, contexts, parents[i], hint,
                                            anchors_data)  # fmt: skip
                if memo_key is not None:
                    memo[memo_key] = score
            res.final = score
            best = int(np.argmax(score))
            probs = np.exp(score - score[best])
            res.row = int(rows[best])
            res.confidence = round(float(1.0 / probs.sum()), 3)
            res.precision = _precision(g, res.row)
            if g.kind[res.row] not in _BROAD:
                keys_a.append(key)
                rows_a.append(res.row)
        return np.array(keys_a, dtype=object), np.array(rows_a, dtype=np.int64)

    def _context_score(
        self,
        res: Resolution,
        key: str,
        rows: np.ndarray,
        votes: _Votes,
        contexts: dict[str, tuple[np.ndarray, np.ndarray]],
        parent: np.ndarray | None,
        hint: int,
        anchors_data: tuple | None,
    ) -> np.ndarray:
        """Prior + the article's context for one mention's candidates."""
        g = self.gaz
        w = self.w
        score = res.scores.copy()
        ctx = contexts.get(key)
        if ctx is None:
            ctx = contexts[key] = votes.context(key)
        cvec, avec = ctx
        cc = g.cc[rows]
        score += w.country * cvec[cc]
        a1 = g.admin1[rows]
        kind = g.kind[rows]
        not_country = kind != _K["country"]
        score += w.admin1 * avec[a1] * not_country
        # (not for a division named like a city inside it: "Aleppo" is the city; nor when
        # the name is also its country's capital: "Washington" is the capital)
        division = kind == _K["admin1"]
        if division.any():
            city = kind == _K["city"]
            division &= ~_isin(a1, a1[city]) & ~_isin(cc, cc[city & g.capital[rows]])
            score += w.division * cvec[cc] * division
        if w.abroad and cvec.any():
            # A division in a country no other name points to is a weaker reading of a
            # bare name than its namesake town in a country the article is about ("Gaza"
            # next to "Palestinians" is no province of Mozambique).
            score -= w.abroad * ((kind == _K["admin1"]) & (cvec[cc] <= 0))
        if w.border and cvec.any():
            score += w.border * self._beside(rows, cvec)
        if hint >= 0:
            score += w.hint * (cc == hint)
        if parent is not None:
            score += w.parent * self._inside(rows, parent)
        if anchors_data is not None:
            a_keys, a_lat, a_lon, a_a1 = anchors_data
            other = a_keys != key  # the other names' picks, never this name's own
            if other.any():
                d = haversine_km(g.lat[rows][:, None], g.lon[rows][:, None],
                                 a_lat[other][None, :], a_lon[other][None, :])  # fmt: skip
                near = np.exp(-np.min(d, axis=1) / w.near_km)
                # A division is "near" the places that lie inside it, wherever its point is.
                is_a1 = kind == _K["admin1"]
                if is_a1.any():
                    inside = _isin(a1[is_a1], a_a1[other])
                    near[is_a1] = np.maximum(near[is_a1], inside)
                score += w.near * near * not_country
        return score

    def _beside(self, rows: np.ndarray, cvec: np.ndarray) -> np.ndarray:
        """Per candidate, the largest share of the article's names held by a country the
        candidate is not in but lies next to (within a grid cell of one of its places):
        "Gaza" in a report that names Israel is the city on Israel's border, not the province
        of Mozambique no name points to. 0 for countries and first-level divisions (a region
        of Burkina Faso is no part of the Mali a report names) and for candidates whose own
        country has votes (the country term speaks for those)."""
        g = self.gaz
        out = np.zeros(len(rows))
        lead = [int(c) for c in np.flatnonzero(cvec[:-1] >= 0.2)]
        if not lead:
            return out
        cc = g.cc[rows]
        for i, r in enumerate(rows.tolist()):
            if g.kind[r] in _BROAD or cvec[cc[i]] > 1e-9:
                continue  # a division abroad is no town on the border ("Sahel" in Mali)
            lat, lon = math.floor(float(g.lat[r])), math.floor(float(g.lon[r]))
            around = {(lat + a, lon + b) for a in (-1, 0, 1) for b in (-1, 0, 1)}
            for c in lead:
                if cvec[c] > out[i] and not around.isdisjoint(self._cells(c)):
                    out[i] = float(cvec[c])
        return out

    def _cells(self, cc: int) -> frozenset[tuple[int, int]]:
        """The one-degree grid cells holding a place of country ``cc`` (cached per gazetteer:
        it describes the gazetteer, not an article)."""
        cells = self._cells_cache.get(cc)
        if cells is None:
            rows = self.gaz.rows_in_country(cc)
            lat = np.floor(self.gaz.lat[rows]).astype(np.int64)
            lon = np.floor(self.gaz.lon[rows]).astype(np.int64)
            cells = self._cells_cache[cc] = frozenset(zip(lat.tolist(), lon.tolist(), strict=True))
        return cells

    def _inside(self, rows: np.ndarray, parent: np.ndarray) -> np.ndarray:
        """1.0 where a candidate lies in or near one of the parent's candidates."""
        g = self.gaz
        hit = np.zeros(len(rows))
        for p in parent.tolist()[:20]:
            kind = int(g.kind[p])
            if kind == _K["country"]:
                hit = np.maximum(hit, g.cc[rows] == g.cc[p])
            elif kind == _K["admin1"]:
                hit = np.maximum(hit, (g.admin1[rows] == g.admin1[p]) & (g.cc[rows] == g.cc[p]))
            else:
                d = haversine_km(g.lat[rows], g.lon[rows], g.lat[p], g.lon[p])
                hit = np.maximum(hit, d < 60.0)
        return hit

    def _reject_outliers(self, out: Sequence[Resolution], hint: int) -> None:
        """Un-pick a lone small namesake in a country no other name of the article points to,
        when the other names agree on one country ("Heathrow" in a report on London and
        Edinburgh is not Heathrow, Florida), or when the article is about a country it names
        outright (by name or nationality: "Malian troops ... Mali") and its other names
        lean there most: a town of a few thousand abroad ("Moura" in Portugal, "Solhan" in
        Turkey) is then far likelier a village the gazetteer lacks. The fall-backs then place
        the name in the article's state or country, with a worse precision and a reason that
        says why."""
        g = self.gaz
        votes = self._votes(out, hint, chosen=True)
        named_by: dict[int, set[str]] = {}  # country index -> names that name it outright
        for res in out:
            if res.row is not None and g.kind[res.row] == _K["country"]:
                named_by.setdefault(int(g.cc[res.row]), set()).add(light_key(res.mention.span.text))
        for res in out:
            r = res.row
            if r is None or res.method not in ("exact", "loose", "fuzzy"):
                continue
            if g.kind[r] != _K["city"] or g.population[r] >= _NAMED_POP:
                continue
            key = light_key(res.mention.span.text)
            cvec, avec = votes.context(key)
            others = votes.weight - (1.0 if key in votes.names else 0)
            if others < 2:
                continue
            unsupported = cvec[g.cc[r]] < 1e-9
            small = g.population[r] < _OUTLIER_POP
            if unsupported and small and cvec[:-1].max() >= 0.6:
                where = f"({g.country_iso3(r)}) is a small place in a country"
            elif unsupported and self._named_lead(cvec, named_by, key):
                where = f"({g.country_iso3(r)}) is a town in a country"
            elif (
                _STATE_OUTLIERS
                and small
                and g.admin1[r] >= 0
                and avec[g.admin1[r]] < 1e-9
                and avec[:-1].max() >= 0.6
            ):
                main = int(np.argmax(avec[:-1]))
                inside = np.flatnonzero(g.admin1[res.candidates] == main)
                if len(inside):  # a namesake inside the article's state: take it
                    j = (
                        int(inside[np.argmax(res.final[inside])])
                        if res.final is not None
                        else int(inside[0])
                    )
                    res.row = int(res.candidates[j])
                    res.precision = _precision(g, res.row)
                    continue
                where = f"({g.admin1_name(r)}) is a small place in a province/state"
            else:
                continue
            res.why_unplaced = (
                f"{res.mention.span.text!r}: its gazetteer match {g.names[r]!r} {where} the "
                f"article does not otherwise name"
            )
            res.row = res.precision = res.confidence = None

    @staticmethod
    def _named_lead(cvec: np.ndarray, named_by: dict[int, set[str]], key: str) -> bool:
        """Whether a country the article names outright (not only through its towns) leads
        the other names' votes for any country, with at least ``_NAMED_SHARE`` of them."""
        total = float(cvec[:-1].sum())
        if total <= 0:
            return False
        top = max((float(cvec[c]) for c, keys in named_by.items() if keys - {key}), default=0.0)
        return top > 0 and top >= cvec[:-1].max() - 1e-9 and top >= _NAMED_SHARE * total

    def _fallbacks(
        self,
        out: Sequence[Resolution],
        parents: Sequence[np.ndarray | None],
        votes: _Votes,
        hint: int = -1,
    ) -> None:
        """Unresolved names go to the closest enclosing place the article supports: the
        parent named next to them (precision 2/3), else the article's dominant first-level
        division (a US local paper's state; precision 3), else its dominant country."""
        g = self.gaz
        countries = votes.countries()
        # Distinct names placed (not by a fall-back) per country and per admin1.
        names_in_cc: dict[int, set[str]] = {}
        names_in_a1: dict[int, set[str]] = {}
        named_countries: set[int] = set()
        for r in out:
            if r.row is None or r.method in ("country", "admin1", "parent"):
                continue
            key = light_key(r.mention.span.text)
            names_in_cc.setdefault(int(g.cc[r.row]), set()).add(key)
            if g.kind[r.row] == _K["country"]:
                named_countries.add(int(g.cc[r.row]))
            if g.kind[r.row] != _K["country"] and g.admin1[r.row] >= 0:
                names_in_a1.setdefault(int(g.admin1[r.row]), set()).add(key)
        # On a tie, the country the article names outright ("Malian troops" over the Sahel
        # region of Burkina Faso).
        top = max(countries.items(), key=lambda kv: (kv[1], kv[0] in named_countries),
                  default=(None, 0.0))  # fmt: skip
        top_a1 = max(names_in_a1.items(), key=lambda kv: len(kv[1]), default=(None, set()))
        n_sub = len({k for ks in names_in_a1.values() for k in ks})
        a1_main = (
            int(top_a1[0]) if top_a1[0] is not None and len(top_a1[1]) >= 2
            and len(top_a1[1]) >= 0.5 * n_sub else -1
        )  # fmt: skip
        allowed = [c for c, w in sorted(countries.items(), key=lambda kv: -kv[1]) if w >= 0.15][:3]
        for i, res in enumerate(out):
            if res.row is not None:
                continue
            parent = parents[i]
            resolved_parent = self._parent_of[i] if i < len(self._parent_of) else None
            if resolved_parent is not None and resolved_parent.row is not None:
                parent = np.array([resolved_parent.row], dtype=np.int32)
            plausible = _plausible_name(res.mention.span.text)
            if parent is not None:
                best = max(parent.tolist(), key=lambda r: (countries.get(int(g.cc[r]), 0.0),
                                                           _KIND_PRIOR[g.kind[r]] if g.kind[r] != _K["city"]
                                                           else math.log10(g.population[r] + 10)))  # fmt: skip
                res.row, res.method = int(best), "parent"
                res.precision = 3 if g.kind[best] in _BROAD else 2
                res.confidence = 0.5
                res.reason = f"{_unplaced(res)}; placed at its parent"
            elif plausible and self._place_by_part(res, votes, a1_main, allowed):
                pass
            elif (
                plausible and top_a1[0] is not None and len(top_a1[1]) >= 2
                and len(top_a1[1]) >= 0.5 * n_sub and int(g.admin1_row[top_a1[0]]) >= 0
                and (top[0] is None or int(g.cc[g.admin1_row[top_a1[0]]]) == top[0])
            ):  # fmt: skip
                row = int(g.admin1_row[top_a1[0]])
                res.row, res.method, res.precision, res.confidence = row, "admin1", 3, 0.3
                res.reason = (f"{_unplaced(res)}; placed at the "
                              f"article's main province/state ({len(top_a1[1])} other places "
                              f"lie in it)")  # fmt: skip
            elif plausible and top[0] is not None and top[1] >= _COUNTRY_FALLBACK_SHARE and (
                hint == top[0] or top[0] in named_countries
                or len(names_in_cc.get(int(top[0]), ())) >= 2
            ):  # fmt: skip
                row = int(g.country_row[top[0]])
                if row >= 0:
                    res.row, res.method, res.precision, res.confidence = row, "country", 3, 0.3
                    res.reason = (f"{_unplaced(res)}; only the "
                                  f"article's country is known")  # fmt: skip
            if res.row is None:
                res.method = "none"
                res.reason = res.why_unplaced or _why_unresolved(res.mention.span.text)

    def _place_by_part(
        self, res: Resolution, votes: _Votes, a1_main: int, allowed: Sequence[int]
    ) -> bool:
        """Place an unknown name at a place named inside it, within the article's main
        province/state when it has one; precision 2 at best, the reason names the part."""
        g = self.gaz
        rows, quality, implied, part = self._partial(res.mention.span.text, allowed)
        if a1_main >= 0 and len(rows):
            keep = g.admin1[rows] == a1_main
            rows, quality = rows[keep], quality[keep]
        if len(rows) == 0:
            return False
        cvec, avec = votes.context(light_key(res.mention.span.text))
        score = self._prior(rows, quality, implied)
        score += self.w.country * cvec[g.cc[rows]] + self.w.admin1 * avec[g.admin1[rows]]
        best = int(rows[int(np.argmax(score))])
        res.row, res.method = best, "partial"
        res.precision = max(_precision(g, best), 2)
        res.confidence = 0.4
        res.reason = (f"{_unplaced(res)}; placed at {part!r}, "
                      f"named in it")  # fmt: skip
        return True

    def to_place(self, res: Resolution) -> Place:
        g = self.gaz
        span = res.mention.span
        if res.row is None:
            return Place(text=span.text, precision=None, confidence=None, span=span)
        r = res.row
        return Place(
            text=span.text,
            name=g.names[r],
            lat=round(float(g.lat[r]), 5),
            lon=round(float(g.lon[r]), 5),
            admin1=g.admin1_name(r),
            country=g.country_iso3(r),
            gazetteer_id=g.gids[r],
            precision=res.precision,
            confidence=res.confidence,
            span=span,
        )


def _precision(g: Gazetteer, row: int) -> int:
    kind = int(g.kind[row])
    if kind in _BROAD:
        return 3
    if kind in (_K["admin2"], _K["region"]):
        return 2
    return 1


def _unplaced(res: Resolution) -> str:
    return res.why_unplaced or f"{res.mention.span.text!r} not in the gazetteer"


def _plausible_name(text: str) -> bool:
    """Whether a string could be a place name at all (else no fall-back is guessed for it)."""
    key = light_key(text)
    return bool(key) and key.replace(" ", "").isascii() and len(key) <= 80


def _why_unresolved(text: str) -> str:
    if not fold(text).strip():
        return "empty place string"
    key = light_key(text)
    if not key:
        return "no letters in the place string"
    if not key.replace(" ", "").isascii():
        return f"{text!r}: name in a script the gazetteer does not hold"
    if len(key) > 80:
        return "place string too long to be a name"
    return f"{text!r} not in the gazetteer and no parent or country to fall back to"
