"""Which of an article's places is the place of an event, and of the article as a whole.

A claim's sentence usually names its place ("in the Tariq al-Bab district of Aleppo"), but
also names places that are not where it happened: the outlet's dateline ("ALEPPO, March 14
(Levant Wire) -"), a source's seat ("the Britain-based Observatory"), nationalities
("Russian warplanes"), the far end of a road ("a base on the road to Qamishli"). Those are
skipped. So is a place named only to say where another lies ("Douma, outside Damascus", "north
of Aleppo") when the sentence names a town of its own; one named as far from the event ("200 km
north of Mogadishu") places it in that city's region only. Among the rest the most specific
place wins (precision 1 before 2 before 3), then the most confident, then the first; a name
the gazetteer lacks, placed at its parent or country, before that place's own name ("in
Moura" over "in Mali"), and one placed only at its country gives way to the story's town in
that country. When the sentence names none, the nearest preceding sentence's place
in the story's main country is used, then the article's main place, each a precision level
worse (never better than 3 for the main place), because it is a guess from context rather than
the claim's own words.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

from sitrep.model import Place

__all__ = ["SKIP_KINDS", "PlaceIndex", "main_place", "place_for_sentence"]

# "road": a road's far end ("a base on the road to Qamishli") is no place of the event
SKIP_KINDS = frozenset({"dateline", "modifier", "demonym", "road"})
# Places a sentence names only to say where its place lies: "outside Damascus", "north of
# Aleppo" (near), "200 km north of Mogadishu" (far).
_AROUND = frozenset({"near", "far"})
# "east of the city", "the town's outskirts": words that place a name by the story's town
_THE_TOWN = re.compile(r"\bthe (?:city|town)\b", re.IGNORECASE)
_BESIDE = 120  # characters either side of a name read for them
# Names the gazetteer lacks, placed at the parent or country the article gives them.
_FALLEN = frozenset({"parent", "country"})


def _kind(p: Place) -> str | None:
    return getattr(p, "kind", None)


def _country_level(p: Place) -> bool:
    """No first-level division: a country, or a region across borders ("the Sahel")."""
    return (p.precision or 9) >= 3 and p.admin1 is None


def _rank(p: Place) -> tuple[int, bool, float]:
    """Most precise first; of a province and its country (both precision 3, "in Iraq's Anbar
    province"), the province."""
    return (p.precision or 9, _country_level(p), -(p.confidence or 0.0))


def _eligible(p: Place) -> bool:
    return p.precision is not None and p.lat is not None and _kind(p) not in SKIP_KINDS


def _worse(p: Place, floor: int | None = None) -> Place:
    precision = min(3, (p.precision or 3) + 1)
    if floor is not None:
        precision = max(precision, floor)
    conf = round((p.confidence or 0.5) * 0.7, 3)
    return dataclasses.replace(p, precision=precision, confidence=conf)


def _named_below(places: list[Place]) -> list[Place]:
    """``places`` without those a name the gazetteer lacks was placed at: "the al-Zuhuriyat
    neighbourhood of Aleppo" (the unknown quarter, placed at Aleppo a level worse) says more
    than the bare "Aleppo"; "killed in Moura" (a village placed at Mali) more than "in Mali"
    beside it. What the event's reports write is the unknown name."""
    fallen = {p.gazetteer_id for p in places if p.method in _FALLEN}
    if not fallen:
        return places
    return [p for p in places if p.method in _FALLEN or p.gazetteer_id not in fallen]


def place_for_sentence(
    places: Sequence[Place], start: int, end: int, main_country: str | None = None
) -> Place | None:
    """The event place for a claim whose sentence covers characters [start, end).

    ``main_country`` (the country of ``main_place(places)``) makes the sentence's places in
    that country win over places abroad it also names. For many sentences of one article use
    ``PlaceIndex(places).for_sentence``, which answers each in logarithmic time.

    Example:
        >>> from sitrep.geo import geoparse, place_for_sentence  # doctest: +SKIP
        >>> text = "ALEPPO (Wire) - Shells hit the Tariq al-Bab district of Aleppo."
        >>> place_for_sentence(geoparse(text), 16, len(text)).name  # doctest: +SKIP
        'Tariq al-Bab'
    """
    return PlaceIndex(places).for_sentence(start, end, main_country)


class PlaceIndex:
    """An article's places sorted by offset, so each claim's choice looks only at its own
    sentence and the 300 characters before it, not at every place of the article (which made
    a long article's placement grow with the square of its length)."""

    def __init__(
        self, places: Sequence[Place], voters: Sequence[Place] | None = None, text: str = ""
    ) -> None:
        """``voters``: the places ``main`` is chosen from (default: all of them); ``text``:
        the article's, to read what a name the gazetteer lacks is told beside."""
        self.text = text
        self.places = list(places)
        self.voters = self.places if voters is None else list(voters)
        located = sorted((p for p in self.places if p.span), key=lambda p: p.span.start)  # type: ignore[union-attr]
        self.located = located
        self.starts = [p.span.start for p in located]  # type: ignore[union-attr]
        self.eligible = [p for p in located if _eligible(p)]
        self.eligible_starts = [p.span.start for p in self.eligible]  # type: ignore[union-attr]
        self._main: Place | None = None
        self._main_done = False

    def main(self) -> Place | None:
        """``main_place`` of all the places, computed once."""
        if not self._main_done:
            self._main, self._main_done = main_place(self.voters), True
        return self._main

    def _town_over_country(self, best: Place) -> Place:
        """``best``, or, when it is a name the gazetteer lacks placed only at its country
        ("artillery on Kawkab mountain east of the city"), the story's town in that country
        (Hasakah), when the words beside it call that town "the city" or "the town": the story
        says where the unknown name lies, the country does not. Without them ("missiles struck
        the base known as Tiyas airport" on a page about Damascus) it may lie anywhere."""
        if best.method != "country" or best.span is None:
            return best
        beside = self.text[max(0, best.span.start - _BESIDE) : best.span.end + _BESIDE]
        if not _THE_TOWN.search(beside):
            return best
        main = self.main()
        if main is not None and main.country == best.country and (main.precision or 3) <= 2:
            return main
        return best

    def starting_in(self, start: int, end: int) -> list[Place]:
        """Places (eligible or not) whose span starts in [start, end), in text order."""
        lo = bisect.bisect_left(self.starts, start)
        return self.located[lo : bisect.bisect_left(self.starts, end)]

    def for_sentence(
        self,
        start: int,
        end: int,
        main_country: str | None = None,
        exclude: Sequence[Place] = (),
        lend_country: str | None = None,
    ) -> Place | None:
        """``place_for_sentence`` over these places, without those in ``exclude`` (by
        identity). A sentence that names none borrows a place of ``lend_country`` (default:
        the main place's country)."""
        skip = {id(p) for p in exclude}
        lo = bisect.bisect_left(self.eligible_starts, start)
        hi = bisect.bisect_left(self.eligible_starts, end)
        inside = [p for p in self.eligible[lo:hi] if id(p) not in skip]
        if main_country and any(p.country == main_country for p in inside):
            # "Moscow says it has not bombed Aleppo", "BEIRUT - ... strikes on Idlib": a place
            # of the story's country over a capital speaking for its government or an
            # outlet's seat, even one only near the event ("a truce in eastern Aleppo")
            inside = [p for p in inside if p.country == main_country]
        # "Douma, near Damascus": Douma; but "a convoy outside Aleppo, Syria": Aleppo, not the
        # country
        if any(_kind(p) not in _AROUND and (p.precision or 3) <= 2 for p in inside):
            inside = [p for p in inside if _kind(p) not in _AROUND]
        inside = _named_below(inside)
        if inside:
            best = min(inside, key=lambda p: (_rank(p), p.span.start if p.span else 0))
            # "a base 200 km north of Mogadishu": only the city's region is known
            if _kind(best) == "far":
                return _worse(best, floor=3)
            town = self._town_over_country(best)
            return best if town is best else _worse(town)
        main = (
            self.main() if not skip else main_place([p for p in self.voters if id(p) not in skip])
        )
        last = lo
        while last > 0 and id(self.eligible[last - 1]) in skip:
            last -= 1
        if last > 0:
            last_start = self.eligible_starts[last - 1]
            # the places of the nearest preceding stretch: within 300 chars of the last one
            first = bisect.bisect_left(self.eligible_starts, last_start - 300)
            near = [p for p in self.eligible[first:last] if id(p) not in skip]
            # When the story has a main country, only a place in it: "The United States fired
            # missiles at a Syrian base. A Syrian official said three soldiers died." happened
            # in Syria, not in the United States.
            lend = lend_country or (main.country if main is not None else None)
            if lend is not None:
                near = [p for p in near if p.country == lend]
            if near:
                return _worse(self._town_over_country(min(_named_below(near), key=_rank)))
        return _worse(main, floor=3) if main is not None else None


def main_place(places: Sequence[Place]) -> Place | None:
    """The place the article is about: the most mentioned specific place of its main country.

    The main country is the one the most *distinct places* point to, not the most mentions:
    a report on Kabul that writes "U.S." nine times is still about Afghanistan when it names
    Kabul, Afghanistan and the airport (one voice per place, a little more for each repeat).
    A dateline is where the reporter files from ("BEIRUT -" over a story on Syria), so it
    weighs little and only when no other mention names its place. Nationalities ("Syrian
    regime forces") weigh half: they say whose forces, and only when nothing else does, whose
    country; still more than the reporter's seat. Countries and provinces only win when nothing more specific is named there; a
    country known only from a nationality comes back at country level.
    """
    eligible = [
        p
        for p in places
        if p.precision is not None and p.lat is not None and _kind(p) != "modifier"
    ]
    # A name the gazetteer lacks, placed at the country the other names lead to ("In Hodan
    # district" on a Mogadishu page that also names Ankara and Turkish doctors), is an echo of
    # those votes, not a vote of its own: counted, it tipped the page to Turkey.
    eligible = [p for p in eligible if p.method != "country"] or eligible
    if not eligible:
        return None
    mentions: Counter[str] = Counter()
    weight: dict[str, float] = {}
    country_of: dict[str, str] = {}
    specific_key: dict[str, bool] = {}
    for p in eligible:
        key = p.gazetteer_id or p.name or p.text
        mentions[key] += 1
        w = {"dateline": 0.4, "demonym": 0.5}.get(_kind(p) or "", 1.0)
        weight[key] = max(weight.get(key, 0.0), w)
        specific_key[key] = (p.precision or 9) <= 2
        if p.country:
            country_of[key] = p.country
    country_votes: Counter[str] = Counter()
    for key, w in weight.items():
        if key in country_of:
            # A town named again and again is what the story is about; a country named again
            # and again is as often whose forces, aid or statements the story reports.
            again = 0.5 if specific_key.get(key) else 0.1
            country_votes[country_of[key]] += w + again * min(mentions[key] - 1, 4)
    top_country = None
    if country_votes:
        first_at = {}
        for p in eligible:
            if p.country and p.country not in first_at:
                first_at[p.country] = p.span.start if p.span else 0
        # On a tie, a country with a town or district named beats one only named itself
        # ("US says Russia responsible" over a strike "near Aleppo"), then the first named.
        towns = {country_of[k] for k in weight if specific_key.get(k) and k in country_of}
        top_country = max(
            country_votes,
            key=lambda c: (country_votes[c], c in towns, -first_at.get(c, 0)),
        )
    pool = [p for p in eligible if top_country is None or p.country == top_country]
    placed = [p for p in pool if _kind(p) != "demonym"]
    if not placed:  # only a nationality names the country: the country, at country level
        country = pool[0]
        return dataclasses.replace(
            country,
            kind=None,
            precision=3,
            reason="the article's country, known from a nationality",
        )
    # a town over a province, a province over its country ("in Syria's central Homs
    # province" is about Homs province, however often Syria is named)
    specific = (
        [p for p in placed if (p.precision or 9) <= 2]
        or [p for p in placed if not _country_level(p)]
        or placed
    )
    votes: Counter[str] = Counter()
    first: dict[str, Place] = {}
    for p in specific:
        key = p.gazetteer_id or p.name or p.text
        votes[key] += 0.5 if _kind(p) == "dateline" else 1.0
        if key not in first or _kind(first[key]) == "dateline":
            first[key] = p
    best = max(
        votes,
        key=lambda k: (
            votes[k],
            -(first[k].precision or 9),
            -(first[k].span.start if first[k].span else 0),
        ),
    )
    return first[best]
