"""Every tuning number of toponym resolution, in one frozen record.

Why one record: the numbers interact (a kind prior is only large or small next to the context
terms), so a reader or a tuning script should see them side by side, and a caller can try
another setting without touching module state (``Resolver(gaz, Weights(border=0.0))``).
The defaults were tuned on the first half of TR-News and of LGL (articles in file order) as
general rules, never per place; the second halves are the check.

Not here: limits that keep the work bounded rather than decide an answer (how many phrases the
lookup caches, when a small-array comparison switches to ``np.isin``), and what a string is
(an abbreviation keeps its dot: ``lookup._ABBREVIATION_CHARS``; a name is not absurdly long:
``fallbacks.MAX_NAME_CHARS``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from sitrep.geo.sources import KIND_CODE

__all__ = ["SPECIFIC_KINDS", "Weights", "kind_prior_table"]

# Kinds of small, named features (our supplement's quarters, camps, crossings, airports).
SPECIFIC_KINDS = ("neighbourhood", "district", "village", "camp", "crossing", "airport")


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence adds to a candidate's score, and the thresholds of the
    doubt and fall-back rules (tuned on TR-News + LGL)."""

    # -- context: added to a candidate's prior by the article's other names
    country: float = 4.0  # x the share of the article's mentions in the candidate's country
    admin1: float = 3.0  # x the share in its first-level division (a local paper's state)
    hint: float = 1.5  # the caller's country_hint
    parent: float = 5.0  # lies inside/near the parent named next to it
    near: float = 2.0  # x exp(-km / near_km) to the closest other resolved mention
    near_km: float = 150.0
    division: float = 6.0  # x the country share, for first-level divisions only: a state
    # name means the state when the article is about its country, not a namesake town
    colocate: float = 1.0  # x the number of other names with a candidate within ~near_km
    colocate_cap: float = 3.0  # ... counting at most this many names
    colocate_candidates: int = 40  # a name's best candidates (by prior) that others are near to
    rounds: int = 1  # re-picks with the previous picks as anchors
    abroad: float = 1.0  # off a division in a country no other name of the article points to
    border: float = 3.0  # x the share of a country the candidate lies next to (not in)
    border_lead: float = 0.2  # ... for countries with at least this share of the names
    parent_km: float = 60.0  # a town within this of a town named as its parent lies "in" it
    parent_candidates: int = 20  # a parent's candidates looked at
    # -- votes
    vote_floor: float = 0.05  # a candidate under this probability votes for nothing
    hint_votes: float = 2.0  # a country_hint counts as at least this many names
    # -- priors: what a bare name means before context (log-odds-like scores)
    prior_country: float = 9.0
    prior_continent: float = 9.0
    prior_admin1: float = 6.5
    prior_admin2: float = 2.0
    prior_region: float = 6.0
    prior_specific: float = 6.0  # a kind in SPECIFIC_KINDS; a town scores log10(pop + 10)
    population_offset: float = 10.0  # the 10 of log10(pop + 10): an unpeopled town scores 1
    capital: float = 1.2  # a national capital over its namesakes
    capital_named: float = 6.0  # off an alternate-name namesake of a capital named by its own
    # name in an article that names its country
    quality: float = 3.0  # x (match quality - 1): alternates -1.5, loose -1.8, fuzzy -2.1
    alternate_quality: float = 0.5  # matched an alternate name, not the primary one (1.0)
    loose_quality: float = 0.4  # matched the transliteration skeleton only
    fuzzy_quality: float = 0.3  # matched a near spelling only
    named_like_city: float = 3.0  # off a division named like a town inside it ("Aleppo")
    said_admin1: float = 4.0  # to divisions and regions when the wording says "province"
    said_admin2: float = 6.0  # to counties when the wording says "County"
    bare_admin2: float = 1.0  # off a county when the wording does not say "County"
    # -- loose and fuzzy lookup, only inside the article's leading countries
    allowed_share: float = 0.15  # a country with this share of the names is searched
    allowed_countries: int = 3  # ... at most this many, largest share first
    loose_min_letters: int = 4  # shorter names are never matched loosely
    loose_length: float = 0.75  # shorter / longer light key of a loose match
    fuzzy_min_letters: int = 5
    fuzzy_cutoff: float = 88.0  # rapidfuzz ratio
    fuzzy_limit: int = 3  # matches kept per country
    fuzzy_length: float = 0.85  # shorter / longer light key of a fuzzy match
    part_min_letters: int = 4  # a place named inside an unknown name ("Port of Los Angeles")
    part_max_words: int = 12  # ... looked for only in names of at most this many words
    # -- doubting a pick no other name supports
    outlier_pop: int = 10_000  # a namesake smaller than this, alone in its country, is doubted
    named_pop: int = 50_000  # ... one smaller than this when the article names the country
    part_pop: int = 500_000  # ... any smaller than this the text calls a district of a town
    # most of its places lie in outright
    named_share: float = 0.3  # ... and that country holds at least this share of the names
    agree_share: float = 0.6  # "the other names agree": one country or state holds this share
    min_others: int = 2  # a pick is only doubted against at least this many other names
    unanimous_share: float = 0.9  # the others all but agree on one country ...
    unanimous_names: float = 4.0  # ... with at least this many names: a town under named_pop
    # elsewhere is doubted even when that country is never named ("the plain of Seno" on a
    # page naming Bankass, Bandiagara, Mopti and Bamako is no Ban Xénô in Laos)
    state_outliers: bool = True  # doubt a small town outside the article's state as well
    # -- fall-backs for names left unplaced
    state_names: int = 2  # the article's main state holds at least this many names ...
    state_share: float = 0.5  # ... and this share of the names placed below country level
    country_share: float = 0.3  # the leading country's share of names, for the last fall-back
    country_names: int = 2  # ... and its placed names, unless it is hinted or named outright
    parent_confidence: float = 0.5
    part_confidence: float = 0.4
    state_confidence: float = 0.3
    country_confidence: float = 0.3


@functools.cache
def kind_prior_table(w: Weights) -> np.ndarray:
    """The prior per feature kind code (towns get theirs from population, so 0 here); read-only,
    made once per ``Weights``."""
    table = np.zeros(len(KIND_CODE))
    table[KIND_CODE["country"]] = w.prior_country
    table[KIND_CODE["continent"]] = w.prior_continent
    table[KIND_CODE["admin1"]] = w.prior_admin1
    table[KIND_CODE["admin2"]] = w.prior_admin2
    table[KIND_CODE["region"]] = w.prior_region
    for kind in SPECIFIC_KINDS:
        table[KIND_CODE[kind]] = w.prior_specific
    table.flags.writeable = False
    return table
