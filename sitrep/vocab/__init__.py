"""Ontologies and word lists kept as data files, with cached loaders.

The rules read their words from these CSV files instead of hard-coding them, so a user can
extend a lexicon (a new armed group, a new source alias, another trigger pattern) without
touching code, and a reviewer can read every convention in one place. Every file is UTF-8 CSV
with a header row and no comments; each has one loader here, and the loaders return plain
records or sets and are cached (a file is read once per process). A file whose rows serve
several rules that read different lists has a ``uses`` column: the rules each row serves,
space-separated, and its loader takes the rule's name.

Files:

- ``vague_numbers.csv``  word, best, low, high, note - what "dozens", "several" ... count as.
- ``number_words.csv``   word, value, uses - number words: ``unit`` ("zero" .. "ninety"),
  ``scale`` ("hundred" ...), ``multiplier`` ("several hundred"), ``dates`` ("two days ago"),
  ``place`` (counts that name places somewhere: "Nine").
- ``months.csv``         number, name, abbreviations, stop - the months; ``stop`` says the date
  rules also read the abbreviations with a full stop ("Sept. 3"); ``sitrep.calendar_words``
  builds every month pattern from it.
- ``weekdays.csv``       number (Monday = 0), name, abbreviations - the days of the week.
- ``event_types.csv``    event_type, sub_event_type, plover, cameo_root, note - the ACLED types
  and their crosswalk to PLOVER and CAMEO roots.
- ``event_triggers.csv`` sub_event_type, pattern (Python regex, matched case-insensitively),
  weight - the trigger lexicon of the rule-based event classifier.
- ``case_labels.csv``    label, case_type, event_type, sub_event_type, note - the CASE 2021
  labels and the ACLED types they map to.
- ``non_event_cues.csv`` reason, pattern - sentences matching any of these report no event
  (future plans, opinion, background).
- ``sidebar_headings.csv`` pattern, note - headings of the lists of other stories' headlines a
  scraped page keeps ("Related stories:", "MORE FROM ...", "Read more:"): no claims, no places.
- ``story_links.csv``    kind, pattern, note - how a sentence refers back to the story's event
  (``anaphor``: "the attack", "the death toll") or introduces another one (``new_event``:
  "in a separate attack"); the document-level typing step reads them. ``resumed`` ("the
  evacuation resumed"): the event goes on after a pause (the merge pass reads it).
- ``aside_cues.csv``     kind, pattern, note - what makes a relative clause one about the event
  itself, whose place is the event's (``event_clause``: "which hit ..."; ``event_noun``: "the
  strike, which ..."); read by ``sitrep.extract.asides``. Two kinds mark clauses about
  something else: ``other_time`` ("days after the council adopted", read by the reactions
  step), ``concessive`` ("despite Russian air strikes"), ``past_battle`` ("captured after
  the long battle for Mariupol") and ``support`` ("backed by coalition air strikes"), read by
  the event classifier (``concessive`` also by the dating of claims); ``sequel`` (", a day
  after an attack on a shrine in Kabul") by the placing of claims;
  ``telling`` marks where a statement was made ("told reporters in Nairobi", read by the
  placing of claims).
- ``date_cues.csv``      kind, pattern, note - what makes a date phrase no event's date: a
  duration (``background_phrase``/``background_before``: "since 2012"), a span
  (``span_phrase`` with ``span_before``: "over the last week"), a page header
  (``header_before``) or the day a statement was made (``report_before``); read by
  ``sitrep.extract.dates``, which also reads ``after_lead`` ("Three days after <the event>,
  ..."). Fusion reads ``telling_before``, ``aftermath`` and ``night``: when a named day does
  not bind an event to it, or binds it loosely.
- ``caption_cues.csv``   kind, pattern, note - the shapes of a photo caption: an ``opener``
  ("In this photo provided by ...", "A picture shows ..."), a ``credit`` ending its paragraph
  ("REUTERS/Name", "(AP Photo/Name)", "Photo: AFP") and a ``weak_credit`` ("(AFP)") that marks a
  caption only after a picture's full date; read by ``sitrep.extract.sentences``.
- ``background_cues.csv`` kind, pattern, note - the adverbials and verbs that make a sentence
  recall a pattern rather than tell an event: ``frequency`` ("on multiple occasions"),
  ``duration`` ("for years"), ``habitual`` ("every day"), ``trend`` verbs ("intensified"),
  ``stretch`` ("in recent weeks", in any tense) and ``recent`` days ("on Tuesday") that keep a
  sentence an event report; read by
  ``sitrep.extract.background``.
- ``person_titles.csv``  title, note - titles that name one person ("governor", "mayor"): a
  titled person killed is one death.
- ``person_nouns.csv``   word, uses - nouns for people that make a number a head count: one
  person after "a" (``singular``: "a man was killed") and the people "held" counts
  (``held``: "held 40 protesters"); ``antecedent``: who a later "He said" can stand for (the
  intrinsic copy check).
- ``chemical_words.csv`` word - words that speak of a chemical ("toxic", "chlorine", "exposure to
  chemicals"): the classifier may call a sentence a chemical attack only when it holds one.
- ``count_nouns.csv``    word - nouns after which a number counts things or time, not people
  ("14 km", "two rockets").
- ``reaction_cues.csv``  plover, cameo_root, pattern, sitting, note - reactions to an event (a
  denial, a condemnation, a veto, a meeting, a demand): PLOVER events with no ACLED type;
  ``sitting`` (vote or session) marks a body's vote or emergency session, which is what its
  sentence reports wherever the cue stands, even when the sentence names no violence.
- ``sources.csv``        name, alias, kind - attribution sources, their normalised names and
  what kind of source each is (monitor, state_media, government, military, ...). A group's
  own news agency takes the group's name (Amaq -> Islamic State): it speaks for the group,
  and fusion must not count the two as independent sources.
- ``source_kinds.csv``   word, kind - the kind of a source the table does not know, from the
  words of its phrase ("governor" -> government, "civil defence" -> medical_rescue).
- ``speech_verbs.csv``   form, lemma, uses - the one list of verbs of saying, as each rule
  reads them: written forms ("said", "put the death toll") for the word-order rules of
  sources, speakers, continuation, places and the toponym recogniser, the cue phrases that
  attribute ("according to", "citing"), the lemmas of the parse-based attribution
  (``parse``, ``relay``) and the irregular participles (``participle``).
- ``attribution_words.csv`` role, word - the other words the parse-based attribution reads:
  finding verbs ("evidence ... suggests"), ``hear`` verbs whose "from" phrase is the source
  ("learned from"), anaphor nouns ("the group") and pronouns ("he"), nouns of a body a story
  describes before or after naming it ("a war monitor"), report nouns ("a statement from X")
  and the prepositions that give a report's author (``report_preposition``), the
  prepositions after "sources" that say whose they are ("sources in the Civil Defense":
  ``source_preposition``), and subjects that are never a source ("the attack").
- ``role_words.csv``     role, word - what the parse-based actor roles read: the verbs that
  carry an event (``event_verb``) and the prepositions of a patient (``patient_preposition``:
  "fired on X").
- ``armed_group_nouns.csv`` word, sector - nouns for an armed group's members ("fighters",
  "militants"), with the sector they imply when any.
- ``actors.csv``         name, alias, country (ISO3), sector - actor dictionary; a name holding
  ``{country}`` is a template filled from a country adjective in front of the alias.
- ``countries.csv``      adjective, iso3, country - country adjectives for actor coding.
- ``iso_countries.csv``  iso3, iso2, iso_numeric, name, acled_region, ucdp_region, gwno - the
  ISO 3166 countries with the codes and regions the exports and reference data use.
- ``country_points.csv`` iso3, lat, lon, source - a representative point of each country the
  gazetteer's own data lacks one for.
- ``places_supplement.csv`` name, alternate_names, lat, lon, kind, parent, admin1, iso3, source
  - places the packaged gazetteer lacks (Aleppo's quarters, camps, crossings).
- ``place_aliases.csv``  alias, target, iso3, kind - other names of countries and divisions
  ("Calif." -> California).
- ``place_demonyms.csv`` demonym, iso3, target - what a country's or division's people are
  called ("Syrians"), as alternate names of the place.
- ``place_name_heads.csv`` word, note - nouns after which a small place's name names a thing
  ("Tomahawk cruise missiles", "the Azov battalion"), not a place; read by ``sitrep.geo``.
- ``place_words.csv``    word, uses - generic words of place names: kinds of place
  ("district", "camp") and, for fusion, directions; which words the toponym recogniser
  (``recognise``), the reference-data place keys (``reference``) and fusion (``fusion``) take,
  which may end a gazetteer name in lower case ("Ataturk airport": ``lower_tail``), and the
  prepositions after which a common word that is a big city's name is the city ("in Nice":
  ``locative``).
- ``place_affixes.csv``  role, text, value, countries, note - the words around a place name the
  toponym resolver strips or writes out: ``prefix`` ("city of"), ``suffix`` with the kind it
  implies ("province" -> admin1) and, for "state", the countries whose divisions are states,
  ``abbreviation`` with its full word ("st." -> saint).
- ``place_feature_words.csv`` word - words naming a kind of feature or a direction ("gallery",
  "north"), never looked up alone as a place.
- ``place_name_prefixes.csv`` word - first words of place names that are never given names
  ("North London", "Upper Edmonton").
- ``compass_words.csv``  word, noun - compass words, with the noun an adjective is made from
  ("northern" -> "north").
- ``short_place_names.csv`` word - places written in two or three letters ("US", "UAE").
- ``common_words.csv``   word - common words that are also place names somewhere ("Mobile",
  "Reading", "Most"): a single capitalised one is no place unless written as a dateline.
- ``org_words.csv``      word - last words of organisations' names ("Central Command").
- ``outlet_words.csv``   word, uses, note - the words of outlets' names: ``generic`` ones that
  credit none alone ("news", "nation", "today"), a ``suffix`` outlets add in print ("News"),
  a host's ``second_level`` labels ("com" in "com.au") and ``platform`` hosts ("blogspot");
  read by ``sitrep.fuse.credits``.
- ``name_titles.csv``    word - titles written before a person's name ("Sen. Jones"), and the kin
  words that do the same ("her son Hadi").
- ``name_joiners.csv``   word, uses - lower-case words inside a name ("Deir ez-Zor",
  "Stratford upon Avon"): for the toponym recogniser (``geo``) and the parse (``parse``).
- ``patronymics.csv``    word - words that make the next name a person's ("bin", "Abu").
- ``arabic_articles.csv`` word - Arabic articles as transliterated ("al", "ash"): a place's
  light key drops them.
- ``not_names.csv``      word, uses - capitalised words that start no name: pronouns and
  articles after "said" (``sources``), outlets, languages and holidays where a place is
  looked for (``places``), and the words copy detection does not count as names
  (``copies``); months and weekdays come from their own files.
- ``stop_words.csv``     word, uses - function words ignored by the toponym recogniser
  (``geo``), copy detection (``copies``) and fusion's content words (``fusion``), and those
  that end the noun phrase between a number and its verb (``figures``: "14 people who ...").
- ``abbreviations.csv``  word - words that take a full stop inside a sentence ("Gen.",
  "approx."); the months' abbreviations come from ``months.csv``.
- ``sentence_openers.csv`` word - words that start a new sentence after a dotted acronym
  ("... on the U.S. The ...").
- ``date_prepositions.csv`` word - words that tie a date to the words before it, so a date
  after them is no photo caption's ("killed on April 4, 2017").
- ``intrinsic_cues.csv`` signal, name, pattern (Python regex), note - what the intrinsic copy
  check (``sitrep.fuse.intrinsic``) looks for in a page: ``fingerprint`` (a spinner's swap where
  every wire writes the plain word), ``wire_lead`` / ``wire_signoff`` (an agency's lead mark or
  sign-off), ``wire_self`` (an agency named as the reporting party: "told Reuters"),
  ``rewrite`` (a stock phrase of machine rewriting: "sheds light on"), ``off_topic``
  (another beat's words: sport, markets) and ``lifted_opening`` / ``lifted_pronoun`` (a
  sentence that leans on one the page lacks: "later tweeted" in the first, "He said" before
  anyone is named).
- ``spin_synonyms.csv``, ``spin_synonyms_heldout.csv`` word, replacement - the swaps the
  synthetic spinner (``sitrep.evaluate.synthetic``) makes; the held-out table tests copy
  detection on swaps it was not tuned on.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = [
    "ActorEntry",
    "CountryEntry",
    "EventType",
    "IntrinsicCue",
    "Month",
    "PlaceAffix",
    "ReactionCue",
    "SourceAlias",
    "SourceKindWord",
    "Trigger",
    "VagueNumber",
    "Weekday",
    "actors",
    "alias_pattern",
    "alternation",
    "armed_group_nouns",
    "aside_cues",
    "attribution_words",
    "background_cues",
    "caption_cues",
    "compass_words",
    "countries",
    "date_cues",
    "event_triggers",
    "event_types",
    "intrinsic_cues",
    "months",
    "non_event_cues",
    "number_words",
    "person_titles",
    "place_affixes",
    "place_feature_words",
    "place_name_heads",
    "reaction_cues",
    "read_csv",
    "role_words",
    "source_kind_words",
    "sources",
    "speech_verbs",
    "story_links",
    "vague_numbers",
    "weekdays",
    "words",
]

T = TypeVar("T")


@dataclass(frozen=True)
class VagueNumber:
    word: str
    best: int
    low: int | None
    high: int | None
    note: str


@dataclass(frozen=True)
class EventType:
    event_type: str
    sub_event_type: str
    plover: str | None
    cameo_root: str | None
    note: str


@dataclass(frozen=True)
class Trigger:
    sub_event_type: str
    pattern: str
    weight: float


@dataclass(frozen=True)
class SourceAlias:
    name: str
    alias: str
    kind: str | None = None  # monitor, state_media, government, military, armed_group, ...


@dataclass(frozen=True)
class SourceKindWord:
    word: str  # lower case; may be several words ("civil defence")
    kind: str


@dataclass(frozen=True)
class ActorEntry:
    name: str
    alias: str
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class CountryEntry:
    adjective: str
    iso3: str
    country: str


@dataclass(frozen=True)
class IntrinsicCue:
    signal: str  # fingerprint, wire_lead, wire_signoff, wire_self
    name: str  # what the reasons call it: "Russian Federation", "Reuters"
    pattern: re.Pattern[str]
    note: str


@cache
def read_csv(filename: str) -> tuple[dict[str, str], ...]:
    """Rows of a bundled CSV as dicts; read through importlib.resources so it works from a wheel."""
    text = resources.files(__name__).joinpath(filename).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


def _records(cls: type[T], filename: str, **convert: Callable[[str], Any]) -> tuple[T, ...]:
    """The rows of ``filename`` as ``cls`` records, in file order: each field from the column
    of its name, through ``convert[field]`` where given, as written otherwise. The one loader
    of the tables whose columns are their record's fields."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    return tuple(cls(**{n: convert.get(n, str)(r[n]) for n in names}) for r in read_csv(filename))


def _opt_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def _opt_str(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@cache
def vague_numbers() -> tuple[VagueNumber, ...]:
    """The documented table of vague quantity words ("dozens" = 12, ...)."""
    return _records(
        VagueNumber, "vague_numbers.csv", word=str.strip, best=int, low=_opt_int, high=_opt_int
    )


@cache
def event_types() -> tuple[EventType, ...]:
    """The 25 ACLED sub-event types with their event type, PLOVER type and CAMEO root."""
    return _records(EventType, "event_types.csv", plover=_opt_str, cameo_root=_opt_str)


@cache
def event_triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon, in file order (earlier rows win ties)."""
    return _records(Trigger, "event_triggers.csv", weight=float)


@cache
def non_event_cues() -> tuple[tuple[str, str], ...]:
    """(reason, pattern) pairs for sentences that report no event."""
    return tuple((r["reason"], r["pattern"]) for r in read_csv("non_event_cues.csv"))


@cache
def caption_cues() -> tuple[tuple[str, str], ...]:
    """(kind, pattern) pairs: ``opener``, ``credit`` or ``weak_credit`` (see the module doc)."""
    rows = read_csv("caption_cues.csv")
    for i, r in enumerate(rows):
        if r["kind"] not in ("opener", "credit", "weak_credit"):
            raise ValueError(f"caption_cues.csv row {i + 2}: unknown kind {r['kind']!r}")
    return tuple((r["kind"], r["pattern"]) for r in rows)


@cache
def background_cues() -> tuple[tuple[str, str], ...]:
    """(kind, pattern) pairs: ``frequency``, ``duration``, ``habitual``, ``trend``,
    ``stretch`` or ``recent`` (a recent day, which keeps a sentence an event report)."""
    rows = read_csv("background_cues.csv")
    for i, r in enumerate(rows):
        if r["kind"] not in ("frequency", "duration", "habitual", "trend", "stretch", "recent"):
            raise ValueError(f"background_cues.csv row {i + 2}: unknown kind {r['kind']!r}")
    return tuple((r["kind"], r["pattern"]) for r in rows)


@cache
def story_links() -> tuple[tuple[str, str], ...]:
    """(kind, pattern) pairs: ``anaphor`` (refers back to the story's event; the words that
    name it are the group ``noun``), ``new_event`` (introduces a different event) or
    ``resumed`` (the event goes on after a pause)."""
    rows = read_csv("story_links.csv")
    for i, r in enumerate(rows):
        if r["kind"] not in ("anaphor", "new_event", "resumed"):
            raise ValueError(f"story_links.csv row {i + 2}: unknown kind {r['kind']!r}")
    return tuple((r["kind"], r["pattern"]) for r in rows)


@cache
def place_name_heads() -> frozenset[str]:
    """Nouns after which a small place's name is a weapon's or a unit's (lower case)."""
    return frozenset(r["word"].strip().lower() for r in read_csv("place_name_heads.csv"))


@cache
def person_titles() -> tuple[str, ...]:
    """Titles that name one person ("governor Khamis X was killed" counts one death)."""
    return tuple(r["title"].strip() for r in read_csv("person_titles.csv"))


@dataclass(frozen=True)
class ReactionCue:
    plover: str
    cameo_root: str
    pattern: str
    # "vote" or "session": wherever it stands in the sentence, it is what the sentence reports
    sitting: str | None


@cache
def reaction_cues() -> tuple[ReactionCue, ...]:
    """Words that make a sentence a reaction to an event rather than the event itself."""
    return _records(ReactionCue, "reaction_cues.csv", sitting=lambda v: v.strip() or None)


@cache
def sources() -> tuple[SourceAlias, ...]:
    return tuple(
        SourceAlias(r["name"], r["alias"], _opt_str(r.get("kind"))) for r in read_csv("sources.csv")
    )


def _by_role(filename: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in read_csv(filename):
        out.setdefault(r["role"], set()).add(r["word"].lower())
    return {role: frozenset(words) for role, words in out.items()}


@cache
def attribution_words() -> dict[str, frozenset[str]]:
    """Lower-case words of ``attribution_words.csv`` by role (anaphor, pronoun, ...)."""
    return _by_role("attribution_words.csv")


@cache
def source_kind_words() -> tuple[SourceKindWord, ...]:
    """Words that tell an unlisted source's kind, in file order (phrases before single words)."""
    return tuple(SourceKindWord(r["word"].lower(), r["kind"]) for r in read_csv("source_kinds.csv"))


@cache
def intrinsic_cues() -> tuple[IntrinsicCue, ...]:
    """The cues of ``intrinsic_cues.csv``, patterns compiled (case as written: "USA" is a
    fingerprint, "usa" in a web address is not; a pattern opts out with ``(?i)``)."""
    return tuple(
        IntrinsicCue(r["signal"], r["name"], re.compile(r["pattern"], re.MULTILINE), r["note"])
        for r in read_csv("intrinsic_cues.csv")
    )


@cache
def actors() -> tuple[ActorEntry, ...]:
    return _records(ActorEntry, "actors.csv", country=_opt_str, sector=_opt_str)


@cache
def countries() -> tuple[CountryEntry, ...]:
    return _records(CountryEntry, "countries.csv")


def alias_pattern(aliases: Iterable[str]) -> str:
    """One regex alternation for a list of aliases, longest first so "SOHR" loses to a longer name.

    Aliases are matched case-sensitively as written (so "IS" never matches "is" and "WHO" never
    matches "who"), except that an alias written with a lower-case first letter ("the
    Observatory", "rebels") also matches capitalised at the start of a sentence. The result has
    no word boundaries; callers add the ones they need.
    """
    parts = []
    for alias in sorted(set(aliases), key=lambda a: (-len(a), a)):
        escaped = re.escape(alias)
        if alias[:1].islower():
            first = alias[0]
            escaped = f"[{first}{first.upper()}]" + re.escape(alias[1:])
        parts.append(escaped)
    return "|".join(parts)


def alternation(phrases: Iterable[str]) -> str:
    """One regex alternation for a list of words or phrases, longest first (so "reports from"
    is tried before "reports"; ties alphabetical, so a set gives the same pattern in every
    process); the words of a phrase are joined by any white space. No word boundaries and no
    case handling: callers add what they need."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in ordered)


# ------------------------------------------------------------------ word lists
# One loader a file. A file whose rows serve several rules has a ``uses`` column naming the
# rules each row serves (space-separated): the lists differ on purpose, and one file keeps
# them side by side. Words are compared as written unless the loader says otherwise.


@dataclass(frozen=True)
class Month:
    number: int
    name: str  # "September"
    abbreviations: tuple[str, ...]  # ("Sep", "Sept")
    stop: bool  # the date rules also read an abbreviation with a full stop ("Sept. 3")


@dataclass(frozen=True)
class Weekday:
    number: int  # Monday = 0, as ``datetime.date.weekday``
    name: str
    abbreviations: tuple[str, ...]


@cache
def months() -> tuple[Month, ...]:
    """The twelve months in calendar order (``sitrep.calendar_words`` builds the patterns)."""
    return tuple(
        Month(int(r["number"]), r["name"], tuple(r["abbreviations"].split()), r["stop"] == "yes")
        for r in read_csv("months.csv")
    )


@cache
def weekdays() -> tuple[Weekday, ...]:
    """The seven days from Monday (``sitrep.calendar_words`` builds the patterns)."""
    return tuple(
        Weekday(int(r["number"]), r["name"], tuple(r["abbreviations"].split()))
        for r in read_csv("weekdays.csv")
    )


def _rows_for(filename: str, use: str) -> tuple[dict[str, str], ...]:
    """The rows of a file with a ``uses`` column that serve ``use``, in file order."""
    rows = read_csv(filename)
    chosen = tuple(r for r in rows if use in r["uses"].split())
    if not chosen:
        known = sorted({u for r in rows for u in r["uses"].split()})
        raise KeyError(f"{filename} has no rows for {use!r}; its uses are {known}")
    return chosen


@cache
def speech_verbs(use: str) -> Mapping[str, str]:
    """Form -> lemma, in file order, of the verbs of saying (and the cue phrases that
    attribute: "according to") one rule reads: forms as written in text ("said", "put the
    death toll"); the ``parse`` and ``relay`` forms are lemmas themselves."""
    return MappingProxyType({r["form"]: r["lemma"] for r in _rows_for("speech_verbs.csv", use)})


@cache
def number_words(use: str) -> tuple[tuple[str, int], ...]:
    """(word, value) pairs of the number words one rule reads ("unit": "zero" .. "ninety")."""
    return tuple((r["word"], int(r["value"])) for r in _rows_for("number_words.csv", use))


@cache
def words(filename: str, use: str | None = None) -> frozenset[str]:
    """The ``word`` column of a plain word list (``org_words.csv``, ``stop_words.csv`` ...), as
    written; with ``use``, only the rows whose ``uses`` name that rule. What each list holds,
    and whether its words are lower case, the module docstring says."""
    rows = read_csv(filename) if use is None else _rows_for(filename, use)
    return frozenset(r["word"] for r in rows)


@cache
def compass_words() -> tuple[tuple[str, str | None], ...]:
    """(word, noun) pairs: compass words, lower case, with the noun an adjective is made from
    ("northern" -> "north"; None for the nouns themselves and "central")."""
    return tuple((r["word"], _opt_str(r["noun"])) for r in read_csv("compass_words.csv"))


@cache
def role_words() -> dict[str, frozenset[str]]:
    """Lower-case words of ``role_words.csv`` by role (``event_verb``, ``patient_preposition``)."""
    return _by_role("role_words.csv")


@cache
def armed_group_nouns() -> tuple[tuple[str, str | None], ...]:
    """(noun lemma, sector or None) pairs: nouns for the members of an armed group."""
    return tuple((r["word"], _opt_str(r["sector"])) for r in read_csv("armed_group_nouns.csv"))


@dataclass(frozen=True)
class PlaceAffix:
    role: str  # prefix, suffix or abbreviation
    text: str  # lower case, as written before or after a name ("city of", "refugee camp", "st.")
    value: str | None  # a suffix's implied kind (admin1, admin2); an abbreviation's full word
    countries: frozenset[str] = frozenset()  # ISO alpha-2 where a division word applies; {} any


@cache
def place_affixes() -> tuple[PlaceAffix, ...]:
    """The words around a place name that the toponym resolver strips or writes out
    (``place_affixes.csv``: role, text, value, countries, note), in file order: a ``prefix``
    ("the", "city of"), a ``suffix`` ("County", "province", "refugee camp") with the kind it
    implies and, for a division word only some countries use ("state"), those countries; an
    ``abbreviation`` ("St.") with its full word. Kept as data so a new wording ("raion",
    "wilaya") is a row, not a code change."""
    rows = read_csv("place_affixes.csv")
    for i, r in enumerate(rows):
        if r["role"] not in ("prefix", "suffix", "abbreviation"):
            raise ValueError(f"place_affixes.csv row {i + 2}: unknown role {r['role']!r}")
    return tuple(
        PlaceAffix(
            r["role"],
            r["text"].strip().lower(),
            _opt_str(r["value"]),
            frozenset(r["countries"].upper().split()),
        )
        for r in rows
    )


@cache
def place_feature_words() -> frozenset[str]:
    """Words that name a kind of feature or a direction, never a place on their own
    (``place_feature_words.csv``): a name the gazetteer lacks ("Vancouver Art Gallery") is
    placed at a run of its other words ("Vancouver"), never at "Art" or "Gallery"."""
    return frozenset(r["word"].strip().lower() for r in read_csv("place_feature_words.csv"))


@cache
def aside_cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Compiled patterns of ``aside_cues.csv`` by kind (``event_clause``, ``event_noun``,
    ``other_time``, ``concessive``, ``past_battle``, ``support``, ``sequel``, ``telling``)."""
    return _patterns_by_kind("aside_cues.csv")


@cache
def date_cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    """Compiled patterns of ``date_cues.csv`` by kind (``background_phrase``, ...)."""
    return _patterns_by_kind("date_cues.csv")


def _patterns_by_kind(name: str) -> dict[str, tuple[re.Pattern[str], ...]]:
    out: dict[str, list[re.Pattern[str]]] = {}
    for r in read_csv(name):
        out.setdefault(r["kind"], []).append(re.compile(r["pattern"]))
    return {k: tuple(v) for k, v in out.items()}
