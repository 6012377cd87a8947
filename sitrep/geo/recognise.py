"""Toponym recognition: find the place names in a text, with a kind hint for each.

Three sources, merged (longest span wins, earlier first):

1. **Gazetteer matching**: every run of 1-5 words that starts and ends with a capitalised word
   (lower-case joiners like "al", "de", "upon" allowed inside) is looked up by its light key in
   one vectorised sweep. Guards keep common words out: a one-word match must not be an English
   stop word, month, weekday or one of ``COMMON_WORDS`` ("Mobile", "Reading", "Most") unless it
   is written in capitals as a dateline; a match inside a longer capitalised name that is not a
   place ("Khaled Nasser", "Human Rights Watch") is dropped unless it starts that name; and a
   one-word match the same article uses as a person's name ("Sen. Jones", "Tim Jones",
   '..." Jones said') is dropped everywhere in it, unless it is a country, a division or a
   city of 100k+ ("Moscow said" is metonymy, not a person). The same holds for a small place's
   name before a weapon or unit noun of ``sitrep/vocab/place_name_heads.csv`` ("Tomahawk
   cruise missiles", "Azov militants"), and a name made of common words after "the" ("the
   White House") is an institution, not the small town of that name.
2. **Patterns** for names the gazetteer lacks and for wording that says what a name is:
   "the X district of Y" (X with parent Y), "X province/governorate", "X County", "X camp",
   "the X crossing", "the town/village of X", "X, near Y", "north of Y", "eastern Y",
   "London-based" (kind "modifier"), and a dateline at the start of a paragraph
   ("ALEPPO, March 14 (Levant Wire) -", kind "dateline": a place, but the outlet's, not the
   event's).
3. **spaCy** GPE/LOC/FAC entities when a loaded pipeline is passed (``nlp=``); the small model
   misses many Arabic names, which is why it comes last and only adds spans.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from sitrep import vocab
from sitrep.calendar_words import (
    AGENCY_DATELINE,
    DATED_DATELINE,
    MONTH_STEMS,
    MONTH_WORDS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
)
from sitrep.geo.gazetteer import Gazetteer, key_hash
from sitrep.geo.normalise import light_key
from sitrep.geo.sources import KIND_CODE
from sitrep.geo.spans import SpanIndex
from sitrep.model import Span

__all__ = ["COMMON_WORDS", "Toponym", "recognise"]

MAX_WORDS = 5


@dataclass(frozen=True)
class Toponym:
    """A place name found in a text: where, a kind hint, and the span of a parent place."""

    span: Span
    kind: str | None = (
        None  # dateline / modifier / demonym / admin1 / admin2 / district / near / ...
    )
    parent: Span | None = None
    source: str = "gazetteer"  # gazetteer / pattern / spacy


_WORD = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w]|-(?=[^\W\d_])|['’](?=[^\W\d_]{2}))*\.?")
_ARTICLE_CAP = re.compile(r"(?:al|el|ad|as|an|ar|at|az|ash|ez|ed|es)-[A-Z]")
# Lower-case words that may stand inside a capitalised name ("Deir ez-Zor", "Abu al-Duhur").
_JOINERS = vocab.words("name_joiners.csv", "geo")
# Common words that are also place names somewhere ("Mobile", "Reading", "Most"), and the
# months and weekdays ("March", "Sunday").
COMMON_WORDS = (
    vocab.words("common_words.csv")
    | {w.lower() for w in (*MONTH_WORDS, *WEEKDAY_NAMES)}
    # "Seven civilians were killed": a number word opening a sentence is no Cevins or Nine
    | {w for w, _value in vocab.number_words("unit")}
)
# Words that say what kind of place a name is ("X County", "Y camp"), never a person's name.
_PLACE_WORDS = vocab.words("place_words.csv", "recognise")
# Kind words that end a gazetteer name even when written in lower case ("Istanbul's Ataturk
# airport"): without them the name alone is looked up and finds a village called Ataturk.
_LOWER_TAILS = vocab.words("place_words.csv", "lower_tail")
_ALLOWED_SHORT = vocab.words("short_place_names.csv")
# Last words of organisation names that patterns catch as places ("US Central Command",
# "Ukraine's State Emergency Service", "Western Union"). Buildings (hospital, university,
# church) stay: news geoparsing corpora count them as places.
_ORG_WORDS = vocab.words("org_words.csv")
# A name right before one of these is a news outlet, not a place ("the Houthi-run Saba news
# agency said", "Iran's Fars news agency", "the Tasnim and Fars news agencies"): one sense
# per article, as for people's names.
_DATELINE_OUTLET = re.compile(
    r"(?m)^[ \t]*[A-Z][A-Z'’.\-]+(?:[ \t]+[A-Z][A-Z'’.\-]+)*(?:,[^\n(]{0,30})?[ \t]*"
    r"\(([^)\n]{2,60})\)[ \t]*[-—–]"
)
_OUTLET_NAME = re.compile(
    r"\b([A-Z][\w'’]+)\s+(?:[Nn]ews\s+)?"
    r"(?:[Aa]genc(?:y|ies)|[Tt]elevision|TV|[Rr]adio|[Nn]ewspapers?)\b"
)
# A sea or ocean ("shipping in the Red Sea"), unless a division named after it ("Red Sea
# state", Sudan): no gazetteer here holds water bodies, so "Red Sea" would be Sudan's state.
_WATER = re.compile(r"(?:\bSea|\bOcean)\.?$")
_WATER_DIVISION = re.compile(r"\s+(?:[Ss]tate|[Gg]overnorate|[Pp]rovince|[Rr]egion)\b")
# Words before a person's name ("Sen. Jones", "coach Ripley", "Capt. Roy A. Nelson").
_TITLES = vocab.words("name_titles.csv")
# First words of place names, never given names ("North London", "Upper Edmonton").
_NAME_PREFIXES = vocab.words("place_name_prefixes.csv")
_PATRONYMIC = vocab.words("patronymics.csv")
_WEEKDAY_ABBR = frozenset(a.lower() for a in WEEKDAY_ABBREVIATIONS)
_DIGIT_AFTER = re.compile(rf"\.?,?\s+(?:\d|(?:{'|'.join(MONTH_STEMS)})[a-z]*\.?\s+\d)")
# Group names that hold place names ("Islamic State of Iraq and the Levant"): no toponyms.
_GROUP_NAME = re.compile(
    r"\b(?:Islamic\s+State\s+(?:of|in)\s+Iraq\s+and\s+(?:the\s+)?(?:Levant|Syria|al-Sham|Sham)"
    r"|Islamic\s+State\s+West\s+Africa(?:\s+Province)?|Ahrar\s+al-Sham"
    r"|(?:Jabhat|Hayat|Hay'at)\s+(?:Fateh|Fatah|Tahrir)\s+al-Sham"
    r"|al-Qaeda\s+in\s+(?:Iraq|the\s+Arabian\s+Peninsula|the\s+Islamic\s+Maghreb))\b",
    re.IGNORECASE,
)
_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t)$", re.IGNORECASE)  # I've, we'll; not 's
# After a name, an age, a verb of saying, or an apposition naming a person's role ("Aden Nur,
# a doctor at Madina hospital,"): the name is a person's, whatever place it starts with.
_PERSON_AFTER = re.compile(
    r",\s*\d{1,3}\s*,|\s*(?:,\s*)?"
    rf"(?:{vocab.alternation(vocab.speech_verbs('person_age'))})\b"
    r"|,\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    rf"(?:{vocab.alternation(vocab.words('person_nouns.csv', 'singular'))})\b"
)
# A bare name with its age or role beside it ("Hassan, a volunteer paramedic,", "Berivan, 34,"),
# or given as the name a witness goes by ("asked to be called Shirin", "gave his name as
# Hamid"): a person's.
_APPOSED = re.compile(
    r",\s*\d{1,3}\s*,|,\s+(?:a|an)\s+(?:[\w-]+\s+)?"
    rf"(?:{vocab.alternation(vocab.words('person_nouns.csv', 'singular'))})\s*(?:,|who\b)"
)
_INTRODUCED = re.compile(
    r"\b(?:asked\s+to\s+be\s+(?:called|named|identified\s+as)|gave\s+(?:his|her)\s+name\s+as"
    r"|identified\s+only\s+as|known\s+only\s+as)\s+$",
    re.IGNORECASE,
)
# "Northeast Georgia", "North Texas": a compass word before a place is no name it is inside.
_COMPASS = frozenset(w for w, _noun in vocab.compass_words())
# Verbs of saying right after a bare name: "Clark said", "..., Taylor told reporters".
_SAID = re.compile(rf"\s*(?:,\s*)?(?:{vocab.alternation(vocab.speech_verbs('person'))})\b")

_DATELINE = re.compile(
    r"(?m)^[ \t]*((?:[A-Z][A-Z'’.\-]+)(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})[ \t]*(?:,|\(|—|–|-|:)[ \t]*"
)
# Capitals, the outlet in brackets and a dash say dateline wherever a page's scraping left
# them ("date 2017-04 DAMASCUS (Sputnik) — The US launched ...").
_DATELINE_INLINE = re.compile(
    r"\b((?:[A-Z][A-Z'’.\-]{2,})(?:[ \t]+[A-Z][A-Z'’.\-]+){0,3})(?:,[^\n(]{0,30})?[ \t]*"
    r"\([^)\n]{2,60}\)[ \t]*[-—–]"
)
_DATELINE_DATED = re.compile(rf"(?m)^[ \t]*{DATED_DATELINE}")  # "Beirut, April 04: "
_DATELINE_AGENCY = re.compile(rf"(?m)^[ \t]*{AGENCY_DATELINE}")  # "Damascus, SANA - "
_MODIFIER = re.compile(r"\b([A-Z][\w’'.]*(?:[ \-][A-Z][\w’'.]*){0,2})-based\b")
_NAME = (
    r"((?:(?:al|el|ad|as|an|ar|at|az|ash|ez)-)?"  # "the al-Zuhuriyat neighbourhood of Aleppo"
    r"[A-Z][\w'’]*(?:[ \-](?:(?:al|el|ad|as|an|ar|at|az|ash|ez|de|du)[ \-])?[A-Z][\w'’]*){0,3})"
)
_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # (regex, kind of group 1, role of group 2 if any)
    (re.compile(rf"\bthe {_NAME} (district|neighbourhood|neighborhood|quarter|area|suburb) (?:of|in) {_NAME}"), "district", "parent"),
    (re.compile(rf"\b{_NAME} (district|neighbourhood|neighborhood|quarter|suburb)\b"), "district", ""),
    (re.compile(rf"\b{_NAME} (?:province|governorate|[Ss]tate|region|oblast)\b"), "admin1", ""),
    (re.compile(rf"\b(?:province|governorate|state|region) of {_NAME}"), "admin1", ""),
    (re.compile(rf"\b({_NAME[1:-1]} (?:County|Parish))\b"), "admin2", ""),
    (re.compile(rf"\b{_NAME} (?:refugee |displacement |IDP )?camp\b"), "camp", ""),
    (re.compile(rf"\bthe {_NAME} (?:border )?crossing\b"), "crossing", ""),
    (re.compile(rf"\b{_NAME} (?:[Ii]nternational )?[Aa]irport\b"), "airport", ""),
    (re.compile(rf"\b(?:town|village|city|suburb|district|neighbourhood|area|streets) of {_NAME}"), "place", ""),
    # "Ogossagou, the Fulani village where she was born", "Dahyan, a town in Majz district";
    # not "Hamid, a village elder"
    (re.compile(rf"\b{_NAME}, (?:a|the) (?:(?:small|remote|tiny|nearby|mainly|largely|[A-Z][\w-]*) ){{0,2}}(?:village|town|hamlet)\b(?! (?:elders?|chiefs?|heads?|leaders?|councils?|councillors?|officials?|headm[ae]n|mayors?|residents?|square|hall|crier)\b)"), "place", ""),
    (re.compile(rf"\b{_NAME}, near {_NAME}"), "place", "parent"),
    # "Moura in central Mali", "Solhan in northeast Burkina Faso": the region word says the
    # second name encloses the first, so a namesake abroad is no reading of it.
    (re.compile(rf"\b{_NAME},? in (?:the )?(?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est|[Cc]entral|[Nn]orth-?[Ee]ast|[Nn]orth-?[Ww]est|[Ss]outh-?[Ee]ast|[Ss]outh-?[Ww]est)(?:ern)? {_NAME}"), "place", "parent"),
    (re.compile(rf"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|outskirts|edge|countryside|suburbs|centre|center) of {_NAME}"), "near", ""),
    # "northern Idlib" is part of Idlib; "northwestern Idlib province", "Yemen's central Marib
    # province" say where the province lies, and name all of it
    (re.compile(rf"\b(?:[Nn]orthern|[Ss]outhern|[Ee]astern|[Ww]estern|[Cc]entral|[Nn]orth-?western|[Nn]orth-?eastern|[Ss]outh-?western|[Ss]outh-?eastern) {_NAME}\b(?! (?:province|governorate|[Ss]tate|region|oblast)\b)"), "near", ""),
    (re.compile(rf"\b{_NAME}['’]s {_NAME}"), "place", "child"),
)  # fmt: skip
# Where a place lies, told from another (after ``_PATTERNS``, whose "near" kind "far" replaces).
_RELATIVE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # "Saqlawiya, north-west of Fallujah", "Buz Kandahari, 5 km west of Kunduz": a town the
    # gazetteer may lack, placed at the city it is told from (within 30 km: a farther one is
    # no part of that city).
    (re.compile(rf"\b{_NAME},? (?:(?:just|some|about|around|only) )?(?:[12]?\d ?(?:km|kilomet(?:re|er)s|miles)(?: \(\d{{1,2}} (?:miles|km)\))? |a few (?:kilomet(?:re|er)s|miles) )?(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west) of {_NAME}"), "place", "parent"),
    # "a base 200 km north of Mogadishu": somewhere in the city's region, not the city
    (re.compile(rf"\b(?:[3-9]\d|\d{{3,4}}) ?(?:km|kilomet(?:re|er)s|miles)(?: \(\d{{1,4}} (?:miles|km)\))? (?:north|south|east|west|north-?east|north-?west|south-?east|south-?west) of {_NAME}"), "far", ""),
    # "the town of Douma in the eastern Ghouta region outside Damascus": Douma
    (re.compile(rf"\b(?:just |immediately )?outside (?:the (?:city|town|capital) of )?{_NAME}"), "near", ""),
    # "an Asayish base on the road to Qamishli", "walked to the Khanabad road": where the road
    # leads, not where the base is
    (re.compile(rf"\b(?:on|along|off|by) the (?:main |old |new )?(?:road|highway|motorway) (?:to|towards|leading to) {_NAME}"), "road", ""),
    (re.compile(rf"\bthe {_NAME} (?:road|highway|motorway)\b"), "road", ""),
)  # fmt: skip


def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def _capitalised(word: str) -> bool:
    if _ARTICLE_CAP.match(word):
        return True
    return word[:1].isupper() or (not word[:1].isascii() and word[:1].isalpha())


def _strip_dot(start: int, end: int, word: str) -> tuple[int, int, str]:
    # "Aleppo." at a sentence end: keep the dot only for abbreviations ("Ga.", "U.S.", "St.").
    if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+|[A-Z][a-z]{1,4}\.", word):
        return start, end - 1, word[:-1]
    return start, end, word


def _gazetteer_matches(text: str, gaz: Gazetteer) -> list[Toponym]:
    words = _words(text)
    grams: list[tuple[int, int, int, int]] = []  # (start char, end char, first word, n words)
    keys: list[str] = []
    for i, (s, _e, w) in enumerate(words):
        if not _capitalised(w):
            continue
        for n in range(1, MAX_WORDS + 1):
            j = i + n - 1
            if j >= len(words):
                break
            ws, we, ww = words[j]
            if n > 1 and ws - words[j - 1][1] > 2:
                break  # words must be adjacent (one space or a hyphen between them)
            tail = n > 1 and ww.lower() in _LOWER_TAILS
            if n > 1 and not _capitalised(ww) and ww.lower() not in _JOINERS and not tail:
                break
            if not _capitalised(ww) and not tail:
                continue
            for end in {_strip_dot(ws, we, ww)[1]}:
                phrase = text[s:end]
                key = light_key(phrase)
                if key:
                    grams.append((s, end, i, n))
                    keys.append(key)
    if not keys:
        return []
    hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    found = gaz.light.contains(hashes)
    hits = [(g, k) for g, k, f in zip(grams, keys, found, strict=True) if f]
    # Longest match first, then leftmost; no overlaps.
    hits.sort(key=lambda h: (-(h[0][1] - h[0][0]), h[0][0]))
    taken = np.zeros(len(text) + 1, dtype=bool)
    out = []
    sure: set[str] = set()
    persons = _person_names(text, words, gaz, sure)
    things = _thing_names(text)
    lower_words = {w for _s, _e, w in words if w.islower()}
    runs = _romance_runs(words)
    for (s, e, i, n), key in hits:
        if taken[s:e].any():
            continue
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b in runs) and not _country(gaz, key):
            continue  # "the Etoile du Sud" hotel: no Etoile, France, and no Sud, Haiti (but
            # the Tour de France names France)
        phrase = text[s:e]
        if n == 1 and key in sure:
            continue  # "Hassan, a volunteer paramedic,": a person, however big Hassan, India
        if key in things and not _strong(gaz, phrase, alternates=True):
            continue  # "Tomahawk cruise missiles", "the Azov battalion"
        if _common_name(text, s, key) and not _strong(gaz, phrase):
            continue  # "the White House", "the Green Line"
        if n == 1 and not phrase.isupper() and not _strong(gaz, phrase):
            word = phrase.rstrip(".").lower()
            if key in persons:
                continue  # the article uses this word as a person's name
            if word in lower_words or word in _TITLES or _CONTRACTION.search(phrase):
                continue  # a common noun the article also writes in lower case, a title, "I've"
        if not _plausible(phrase, key, text, s, e, words, i, n, lambda p=phrase: _strong(gaz, p)):
            continue
        taken[s:e] = True
        out.append(Toponym(Span(s, e, phrase)))
    return out


# Lower-case words that join the parts of one French, Spanish or Italian name ("Etoile du Sud",
# "Rio de Janeiro"): a part of such a name the gazetteer lacks as a whole is no place.
_ROMANCE_JOINERS = frozenset({"de", "du", "des", "la", "le", "del", "della", "di", "da", "do"})


def part_of_longer_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is only a part of a name joined by "du", "de", "la" ...
    ("Etoile" in "the Etoile du Sud"): for a phrase the rules picked, not the geoparser."""
    lo = max(0, start - 80)
    window = text[lo : end + 80]
    return any(
        a + lo <= start and end <= b + lo and (a + lo, b + lo) != (start, end)
        for a, b in _romance_runs(_words(window))
    )


def _country(gaz: Gazetteer, key: str) -> bool:
    rows, _primary = gaz.lookup(key)
    return bool((gaz.kind[rows] == KIND_CODE["country"]).any())


def _romance_runs(words: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """(start, end) of runs of capitalised words joined by ``_ROMANCE_JOINERS``."""
    runs = []
    i = 0
    while i < len(words):
        j = i
        while (
            j + 2 < len(words)
            and _capitalised(words[j][2])
            and words[j + 1][2] in _ROMANCE_JOINERS
            and _capitalised(words[j + 2][2])
            and words[j + 1][0] - words[j][1] <= 2
            and words[j + 2][0] - words[j + 1][1] <= 2
        ):
            j += 2
        if j > i:
            runs.append((words[i][0], _strip_dot(*words[j])[1]))
        i = j + 1
    return runs


def _drop_outlets(found: list[Toponym], text: str, gaz: Gazetteer) -> list[Toponym]:
    """Names the article uses for a news outlet ("the Saba news agency said ... Saba said"):
    one sense per article, except countries ("Qatar News Agency" leaves a later "Qatar");
    and any name inside a dateline's bracketed outlet ("TAIZ (Gulf Courier) -")."""
    bracketed = SpanIndex((m.start(1), m.end(1)) for m in _DATELINE_OUTLET.finditer(text))
    if len(bracketed):
        found = [t for t in found if not bracketed.contains(t.span.start, t.span.end)]
    everywhere, here = set(), set()
    for m in _OUTLET_NAME.finditer(text):
        here.add(m.end(1))
        key = light_key(m.group(1))
        if not _country(gaz, key):  # a demonym is an alternate name of its country
            everywhere.add(key)
    if not here:
        return found
    return [t for t in found if t.span.end not in here and light_key(t.span.text) not in everywhere]


def _person_names(
    text: str, words: list[tuple[int, int, str]], gaz: Gazetteer, sure: set[str] | None = None
) -> set[str]:
    """Light keys of the one-word names the article uses for people. Evidence: a title right
    before the word ("Sen. Jones", "coach Ripley"); the word after a given name, with or without
    a middle initial ("Tim Jones", "Sheila D. Williams"), where the given name is no place
    word and no country, division or big city ("Paris Hilton" marks nobody); the word attributing a quote ('..." Clark said', ". Taylor told");
    an age or a role beside it ("Hassan, a volunteer paramedic,"); a witness's given name
    ("asked to be called Shirin"). Names of these last two kinds go into ``sure`` as well:
    no place is a paramedic, so they hold even against a big city's name.
    One sense per article: a bare "Jones" later on is the same person, not Jones, Oklahoma."""
    names: set[str] = set()
    sure = set() if sure is None else sure
    for i, (s, e, w) in enumerate(words):
        if not _capitalised(w) or w.lower().rstrip(".") in _STOP:
            continue
        if _APPOSED.match(text, e) or _INTRODUCED.search(text, max(0, s - 40), s):
            names.add(light_key(w))
            sure.add(light_key(w))
            continue
        if i == 0:
            continue
        prev = words[i - 1]
        adjacent = s - prev[1] <= 1
        if (
            adjacent
            and prev[2].lower().rstrip(".") in _TITLES
            and not _sentence_break(text, prev[0])
        ):
            names.add(light_key(w))
            continue
        before = text[max(0, s - 3) : s].rstrip()
        if _SAID.match(text, e) and (not before or before[-1] in ",\"”’'."):
            names.add(light_key(w))
            continue
        if not adjacent or not _capitalised(prev[2]):
            continue
        first = prev
        if len(prev[2].rstrip(".")) == 1 and prev[2].endswith(".") and i >= 2:
            first = words[i - 2]  # a middle initial
            if prev[0] - first[1] > 1:
                continue
        elif prev[2].endswith("."):
            continue  # "... al-Sayed. Zamalek": a sentence ends, no name runs on
        given = first[2]
        if (
            len(given) > 1
            and given[:1].isupper()
            and not given.isupper()
            and given.lower() not in _STOP
            and given.lower() not in _PLACE_WORDS
            and given.lower() not in _TITLES
            and given.lower() not in _NAME_PREFIXES
            and light_key(given) not in COMMON_WORDS
            and not _strong(gaz, given)
            # a sentence's first word may be "Another", "Downtown": only with a middle initial
            and (
                first is not prev
                or not (_line_start(text, first[0]) or _sentence_break(text, first[0]))
            )
        ):
            names.add(light_key(w))
    return names


@functools.cache
def _thing_pattern() -> re.Pattern[str]:
    """A name, then up to two lower-case words, then a noun of ``place_name_heads.csv``:
    "Tomahawk cruise missiles", "neo-Nazi Azov militants", "the Azov Battalion"."""
    heads = "|".join(
        sorted((re.escape(w) for w in vocab.place_name_heads()), key=len, reverse=True)
    )
    return re.compile(
        rf"\b([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}}?)\s+((?:[a-z][\w-]*\s+){{0,2}}?)"
        rf"(?i:{heads})\b"
    )


def _thing_names(text: str) -> set[str]:
    """Light keys of the names the article gives to weapons or units rather than places: a
    name right before a noun of ``place_name_heads.csv`` ("Tomahawk cruise missiles", "Azov
    militants"). One sense per article, as for people's names: a later bare "Azov" is the
    unit again. Only small places lose to this (see ``_strong``): "Russian missiles" and
    "Gaza rockets" keep their places."""
    found: set[str] = set()
    for m in _thing_pattern().finditer(text):
        if any(w in _STOP for w in m.group(2).split()):
            continue  # "Azov and the troops": a list, not one noun phrase
        words = m.group(1).split()  # "neo-Nazi Azov militants": "Nazi Azov" and "Azov"
        found.update(light_key(" ".join(words[i:])) for i in range(len(words)))
    return found


def _common_name(text: str, start: int, key: str) -> bool:
    """A name of two or more common words after a lower-case "the" ("the White House", "the
    Green Line"): an institution or a landmark, not the small town of that name."""
    words = key.split()
    return (
        len(words) >= 2
        and all(w in COMMON_WORDS or w in _STOP for w in words)
        and "the " in (text[max(0, start - 4) : start].lower(), text[start : start + 4].lower())
    )


def _strong(gaz: Gazetteer, phrase: str, alternates: bool = False) -> bool:
    """A name that is a country, a division or a city of 100k+: safe even before a capital;
    with ``alternates`` also by an alternate name (a nationality: "Russian missiles")."""
    rows, primary = gaz.lookup(phrase)
    if not alternates:
        rows = rows[primary]
    if len(rows) == 0:
        return False
    kinds = gaz.kind[rows]
    broad = np.isin(kinds, [KIND_CODE["country"], KIND_CODE["admin1"], KIND_CODE["continent"]])
    return bool(broad.any() or (gaz.population[rows] >= 100_000).any())


def _plausible(
    phrase: str,
    key: str,
    text: str,
    s: int,
    e: int,
    words: list,
    i: int,
    n: int,
    strong: Callable[[], bool],
) -> bool:
    low = key.replace(" ", "")
    is_caps = phrase.isupper()
    if _acronym(phrase) and (phrase[:4].lower() == "the " or not _line_start(text, s)):
        return False  # "The UN" (Un, India), "the EU"; a dateline's capitals stay
    if n == 1:
        if len(low) < 3 and low not in _ALLOWED_SHORT:
            return False
        if key in _STOP or (key in COMMON_WORDS and not _common_city(phrase, text, s, strong)):
            return False
        if phrase.isupper() and len(low) <= 3 and low not in _ALLOWED_SHORT:
            return False
    if _BYLINE.search(text, max(0, s - 80), s):
        return False  # "By Hassan Warsame": a reporter, not Hassan in India
    if n == 1 and low in _WEEKDAY_ABBR and _DIGIT_AFTER.match(text, e):
        return False  # "Sun 01 Feb 2015", "Wed 01 Oct 2014": a date, not Anshun or Wedi
    if i > 0 and words[i - 1][2].lower() in _PATRONYMIC and s - words[i - 1][1] <= 1:
        return False  # "Bandar bin Sultan", "Abu Hassan": a person's name
    if is_caps and n == 1 and len(low) > 3 and not _line_start(text, s):
        # Headline capitals ("BREAKING") are not places unless a dateline.
        return len(low) > 3 and key not in COMMON_WORDS
    # Followed by a capitalised word that is not a place word: a person ("Rana Haddad") or an
    # organisation ("Levant Wire", "Maiduguri Teaching Hospital").
    j = i + n
    if j < len(words):
        ns, ne, nw = words[j]
        if (
            _joined(text, e, ns)
            and _capitalised(nw)
            and nw.lower().rstrip(".") not in _PLACE_WORDS
            and not _sentence_break(text, e)
            # even a big place's name starts a person's name before an age or a say-verb
            # ("Charlotte Smith, 34,", "Paris Hilton said")
            and (key in _COMPASS or not strong() or bool(_PERSON_AFTER.match(text, ne)))
        ):
            return False
    # Inside a longer capitalised name that does not start here: a person or organisation.
    if i > 0:
        _ps, pe, pw = words[i - 1]
        if (
            _joined(text, pe, s)
            and _capitalised(pw)
            and pw.lower() not in _STOP
            and pw.lower() not in _COMPASS
            and not _sentence_break(text, pe)
        ):
            return False
    return True


# A byline up to the name: "By " at a line's start, then at most three capitalised words.
_BYLINE = re.compile(r"(?m)^[ \t]*(?:By|BY)[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){0,3}$")


def _common_city(phrase: str, text: str, start: int, strong: Callable[[], bool]) -> bool:
    """A common word that is a big city's name ("Nice", "Reading", "Mobile"), capitalised right
    after "in", "from" or "near": "killed 84 in Nice" names the city, "a nice day" does not."""
    return (
        phrase[:1].isupper()
        and not phrase.isupper()
        and bool(_LOCATIVE_BEFORE.search(text, max(0, start - 12), start))
        and strong()
    )


_LOCATIVE_BEFORE = re.compile(
    rf"\b(?:{vocab.alternation(vocab.words('place_words.csv', 'locative'))})\s+$"
)


def _joined(text: str, end: int, start: int) -> bool:
    """Two words next to each other in one name: at most a space between them, not a dash or
    a slash ("BEIRUT—Syrian regime forces" is a dateline and a nationality, not one name)."""
    return start - end <= 1 and not text[end:start].strip()


def _line_start(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    return not text[line_start:pos].strip()


def _sentence_break(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1] in ".!?:;\"“”'’"


# English function words that are also place names somewhere ("As", "Of", "Is", "Was").
# Written out rather than taken from spaCy: importing spaCy (and torch behind it) costs ~3 s
# and ~250 MB, which a gazetteer lookup must not pay.
_STOP = vocab.words("stop_words.csv", "geo")


# Prepositions a sentence may open with before a name ("In Hodan district, ...").
_OPENING_PREPOSITIONS = vocab.words("stop_words.csv", "opening")


def _past_function_words(span: Span) -> Span:
    """``span`` without the capitalised prepositions a sentence starts with: "In Hodan
    district, families searched" names Hodan; read whole, "In Hodan" matched nothing and fell
    back to whatever country led the votes."""
    words = span.text.split(" ")
    drop = 0
    while drop < len(words) - 1 and words[drop].lower() in _OPENING_PREPOSITIONS:
        drop += 1
    if not drop:
        return span
    cut = sum(len(w) + 1 for w in words[:drop])
    return Span(span.start + cut, span.end, span.text[cut:])


def _pattern_matches(text: str) -> list[Toponym]:
    out: list[Toponym] = []
    datelines = (_DATELINE, _DATELINE_INLINE, _DATELINE_DATED, _DATELINE_AGENCY)
    for m in (m for pattern in datelines for m in pattern.finditer(text)):
        name = m.group(1).rstrip(".")
        if len(name) >= 3 and light_key(name) not in COMMON_WORDS:
            out.append(
                Toponym(
                    Span(m.start(1), m.start(1) + len(name), name), "dateline", source="pattern"
                )
            )
    for m in _MODIFIER.finditer(text):
        start, name = m.start(1), m.group(1)
        if name.startswith("The "):
            start, name = start + 4, name[4:]
        out.append(Toponym(Span(start, start + len(name), name), "modifier", source="pattern"))
    for regex, kind, role in (*_PATTERNS, *_RELATIVE):
        for m in regex.finditer(text):
            first = _past_function_words(Span(m.start(1), m.end(1), m.group(1)))
            if light_key(first.text) in COMMON_WORDS or light_key(first.text) in _STOP:
                continue
            if role == "parent":
                last = m.lastindex or 1
                parent = _past_function_words(Span(m.start(last), m.end(last), m.group(last)))
                out.append(Toponym(first, kind, parent, "pattern"))
                out.append(Toponym(parent, None, None, "pattern"))
            elif role == "child":
                child = Span(m.start(2), m.end(2), m.group(2))
                out.append(Toponym(child, None, first, "pattern"))
            else:
                out.append(Toponym(first, kind, None, "pattern"))
    return out


def _spacy_matches(text: str, nlp: Any) -> list[Toponym]:
    doc = nlp(text)
    return [
        Toponym(Span(ent.start_char, ent.end_char, ent.text), None, source="spacy")
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC", "FAC")
    ]


def recognise(text: str, gazetteer: Gazetteer, nlp: Any = None) -> list[Toponym]:
    """Toponyms in ``text`` in text order, without overlaps.

    Example:
        >>> from sitrep.geo import load_gazetteer
        >>> [t.span.text for t in recognise("Shells hit the Tariq al-Bab district of Aleppo.",
        ...                                  load_gazetteer())]  # doctest: +SKIP
        ['Tariq al-Bab', 'Aleppo']
    """
    if not text or not text.strip():
        return []
    found = _gazetteer_matches(text, gazetteer)
    # "X's Y" names a part of a place only when X is a place ("Aleppo's Sukkari"), not in
    # "the Sheriff's Office".
    extra = [
        t
        for t in _pattern_matches(text)
        if not (
            t.kind is None and t.parent is not None and not len(gazetteer.lookup(t.parent.text)[0])
        )
    ]
    if nlp is not None:
        extra += _spacy_matches(text, nlp)
    extra = [t for t in extra if not _organisation(t.span.text, acronyms=t.source == "spacy")]
    found = _merge(found, extra, text)
    found = _drop_outlets(_merge(found, _repeats(found, text, gazetteer), text), text, gazetteer)
    groups = SpanIndex(group_name_spans(text))
    return [
        t
        for t in found
        if not is_water(t.span.text, text, t.span.end) and not _inside(t.span, groups)
    ]


def _repeats(found: Sequence[Toponym], text: str, gaz: Gazetteer) -> list[Toponym]:
    """The other mentions of a town only a pattern found ("the town of Heet", a spelling the
    gazetteer lacks): one name is one place in an article, so "displaced from Heet" later on
    is that town too, though nothing around it says so. (A name the gazetteer holds is found
    at every mention already, where its filters let it be.)"""
    names = {
        t.span.text
        for t in found
        if t.source == "pattern"
        and t.kind == "place"
        and light_key(t.span.text) not in COMMON_WORDS
        and not len(gaz.lookup(t.span.text)[0])
    }
    out: list[Toponym] = []
    for name in names:
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            out.append(Toponym(Span(m.start(), m.end(), name), None, source="pattern"))
    return out


def group_name_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of armed-group names that hold place names ("Islamic State of Iraq and
    the Levant"): no toponym inside them."""
    return [(m.start(), m.end()) for m in _GROUP_NAME.finditer(text)]


def _inside(span: Span, spans: Sequence[tuple[int, int]] | SpanIndex) -> bool:
    if isinstance(spans, SpanIndex):
        return spans.contains(span.start, span.end)
    return any(a <= span.start and span.end <= b for a, b in spans)


def not_a_written_place(
    text: str, span: Span, groups: Sequence[tuple[int, int]] | SpanIndex
) -> bool:
    """Whether a phrase the extraction rules took for a place ("in the Red Sea", "the name
    Abu al-Hassan", "the Islamic State of Iraq and the Levant", "Leader of ...") is none;
    ``groups`` is ``group_name_spans(text)``, as a ``SpanIndex`` when asked for many spans."""
    name = span.text.strip()
    # "in Thursday's bombings": a day's possessive, no place
    bare = re.sub(r"['’]s$", "", name.removeprefix("the ").removeprefix("The "))
    key = light_key(bare)
    before = text[max(0, span.start - 6) : span.start].lower().split()
    return (
        is_water(name, text, span.end)
        or key in COMMON_WORDS
        or bool(before and before[-1] in _PATRONYMIC)
        or _inside(span, groups)
    )


def is_water(name: str, text: str = "", end: int = 0) -> bool:
    """A sea or ocean ("in the Red Sea"), not a division named after one ("Red Sea state"
    at ``end`` of ``text``)."""
    return bool(_WATER.search(name.strip())) and not _WATER_DIVISION.match(text, end)


def _name_words(phrase: str) -> list[str]:
    words = phrase.rstrip(".").split()
    return words[1:] if words and words[0].lower() == "the" else words


def _acronym(phrase: str) -> bool:
    """An organisation's acronym: "the UN", "NATO", "EU" ("the UAE", "US" are places)."""
    words = _name_words(phrase)
    if len(words) != 1 or not words[0].isupper():
        return False
    letters = re.sub(r"\W", "", words[0]).lower()
    return 0 < len(letters) <= 4 and letters not in _ALLOWED_SHORT


def _organisation(phrase: str, acronyms: bool = False) -> bool:
    """An organisation's name ("Central Command") that a pattern or the NER model offered as a
    place; with ``acronyms`` (the model's spans) also "the UN" (a pattern's capitals are
    datelines: "GAO (Niger River News) -"). Only for spans the gazetteer does not hold:
    "West Bank" ends like "Central Bank" but is a place."""
    words = _name_words(phrase)
    if not words or (acronyms and _acronym(phrase)):
        return True
    return words[-1].lower() in _ORG_WORDS


def _merge(found: Sequence[Toponym], extra: Sequence[Toponym], text: str) -> list[Toponym]:
    """Gazetteer spans first; a pattern on the same span adds its kind and parent; a pattern
    or spaCy span that overlaps nothing is added; overlapping longer pattern spans replace
    shorter gazetteer ones only for County/Parish and datelines."""
    by_span: dict[tuple[int, int], Toponym] = {(t.span.start, t.span.end): t for t in found}
    # The spans kept, sorted, to find the ones overlapping a new span by bisection: with the
    # longest span's length as the reach, only spans starting in (start - longest, end) can
    # overlap it. (A scan of every kept span per pattern match was quadratic in the text.)
    ordered = sorted(by_span)
    longest = max((t.span.end - t.span.start for t in (*found, *extra)), default=0)
    for t in extra:
        key = (t.span.start, t.span.end)
        if key in by_span:
            old = by_span[key]
            kind = t.kind if t.kind else old.kind
            if old.kind in ("dateline", "modifier"):
                kind = old.kind
            by_span[key] = Toponym(old.span, kind, t.parent or old.parent, old.source)
            continue
        lo = bisect.bisect_left(ordered, (key[0] - longest + 1,))
        hi = bisect.bisect_left(ordered, (key[1],))
        overlapping = [k for k in ordered[lo:hi] if key[0] < k[1]]
        if not overlapping:
            by_span[key] = t
            bisect.insort(ordered, key)
        elif t.kind in ("admin2", "dateline", "modifier") and all(
            key[0] <= k[0] and k[1] <= key[1] for k in overlapping
        ):
            for k in overlapping:
                del by_span[k]
                ordered.remove(k)
            by_span[key] = t
            bisect.insort(ordered, key)
    return sorted(by_span.values(), key=lambda t: t.span.start)
