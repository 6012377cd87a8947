"""Ontologies and word lists kept as data files, with cached loaders.

The rules in ``sitrep.extract`` read their words from these CSV files instead of hard-coding
them, so a user can extend a lexicon (a new armed group, a new source alias, another trigger
pattern) without touching code, and a reviewer can read every convention in one place.

Files (all UTF-8 CSV with a header row):

- ``vague_numbers.csv``  word, best, low, high, note - what "dozens", "several" ... count as.
- ``event_types.csv``    event_type, sub_event_type, plover, cameo_root, note - the ACLED types
  and their crosswalk to PLOVER and CAMEO roots.
- ``event_triggers.csv`` sub_event_type, pattern (Python regex, matched case-insensitively),
  weight - the trigger lexicon of the rule-based event classifier.
- ``non_event_cues.csv`` reason, pattern - sentences matching any of these report no event
  (future plans, opinion, background).
- ``story_links.csv``    kind, pattern, note - how a sentence refers back to the story's event
  (``anaphor``: "the attack", "the death toll") or introduces another one (``new_event``:
  "in a separate attack"); the document-level typing step reads them.
- ``caption_cues.csv``   kind, pattern, note - the shapes of a photo caption: an ``opener``
  ("In this photo provided by ...", "A picture shows ..."), a ``credit`` ending its paragraph
  ("REUTERS/Name", "(AP Photo/Name)", "Photo: AFP") and a ``weak_credit`` ("(AFP)") that marks a
  caption only after a picture's full date; read by ``sitrep.extract.sentences``.
- ``background_cues.csv`` kind, pattern, note - the adverbials and verbs that make a sentence
  recall a pattern rather than tell an event: ``frequency`` ("on multiple occasions"),
  ``duration`` ("for years"), ``habitual`` ("every day"), ``trend`` verbs ("intensified"),
  and ``recent`` days ("on Tuesday") that keep a sentence an event report; read by
  ``sitrep.extract.background``.
- ``person_titles.csv``  title, note - titles that name one person ("governor", "mayor"): a
  titled person killed is one death.
- ``reaction_cues.csv``  plover, cameo_root, pattern, note - reactions to an event (a denial,
  a condemnation, a veto, a meeting, a demand): PLOVER events with no ACLED type.
- ``sources.csv``        name, alias, kind - attribution sources, their normalised names and
  what kind of source each is (monitor, state_media, government, military, ...). A group's
  own news agency takes the group's name (Amaq -> Islamic State): it speaks for the group,
  and fusion must not count the two as independent sources.
- ``source_kinds.csv``   word, kind - the kind of a source the table does not know, from the
  words of its phrase ("governor" -> government, "civil defence" -> medical_rescue).
- ``attribution_words.csv`` role, word - lemmas the parse-based attribution reads: speech
  verbs, finding verbs ("evidence ... suggests"), ``hear`` verbs whose "from" phrase is the
  source ("learned from"), anaphor nouns ("the group"), nouns of a body a story describes
  before or after naming it ("a war monitor"), report nouns ("a statement from X")
  and subjects that are never a source ("the attack").
- ``actors.csv``         name, alias, country (ISO3), sector - actor dictionary; a name holding
  ``{country}`` is a template filled from a country adjective in front of the alias.
- ``countries.csv``      adjective, iso3, country - country adjectives for actor coding.
- ``place_name_heads.csv`` word, note - nouns after which a small place's name names a thing
  ("Tomahawk cruise missiles", "the Azov battalion"), not a place; read by ``sitrep.geo``.
- ``intrinsic_cues.csv`` signal, name, pattern (Python regex), note - what the intrinsic copy
  check (``sitrep.fuse.intrinsic``) looks for in a page: ``fingerprint`` (a spinner's swap where
  every wire writes the plain word), ``wire_lead`` / ``wire_signoff`` (an agency's lead mark or
  sign-off), ``wire_self`` (an agency named as the reporting party: "told Reuters").

Loaders return tuples of plain records and are cached: the files are read once per process.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = [
    "ActorEntry",
    "CountryEntry",
    "EventType",
    "IntrinsicCue",
    "SourceAlias",
    "SourceKindWord",
    "Trigger",
    "VagueNumber",
    "actors",
    "alias_pattern",
    "attribution_words",
    "countries",
    "event_triggers",
    "event_types",
    "intrinsic_cues",
    "non_event_cues",
    "place_name_heads",
    "read_csv",
    "source_kind_words",
    "sources",
    "vague_numbers",
]


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


def _opt_int(value: str) -> int | None:
    value = value.strip()
    return int(value) if value else None


def _opt_str(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@cache
def vague_numbers() -> tuple[VagueNumber, ...]:
    """The documented table of vague quantity words ("dozens" = 12, ...)."""
    return tuple(
        VagueNumber(
            word=r["word"].strip(),
            best=int(r["best"]),
            low=_opt_int(r["low"]),
            high=_opt_int(r["high"]),
            note=r["note"],
        )
        for r in read_csv("vague_numbers.csv")
    )


@cache
def event_types() -> tuple[EventType, ...]:
    """The 25 ACLED sub-event types with their event type, PLOVER type and CAMEO root."""
    return tuple(
        EventType(
            event_type=r["event_type"],
            sub_event_type=r["sub_event_type"],
            plover=_opt_str(r["plover"]),
            cameo_root=_opt_str(r["cameo_root"]),
            note=r["note"],
        )
        for r in read_csv("event_types.csv")
    )


@cache
def event_triggers() -> tuple[Trigger, ...]:
    """The trigger lexicon, in file order (earlier rows win ties)."""
    return tuple(
        Trigger(r["sub_event_type"], r["pattern"], float(r["weight"]))
        for r in read_csv("event_triggers.csv")
    )


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
    """(kind, pattern) pairs: ``frequency``, ``duration``, ``habitual``, ``trend`` or
    ``recent`` (a recent day, which keeps a sentence an event report)."""
    rows = read_csv("background_cues.csv")
    for i, r in enumerate(rows):
        if r["kind"] not in ("frequency", "duration", "habitual", "trend", "recent"):
            raise ValueError(f"background_cues.csv row {i + 2}: unknown kind {r['kind']!r}")
    return tuple((r["kind"], r["pattern"]) for r in rows)


@cache
def story_links() -> tuple[tuple[str, str], ...]:
    """(kind, pattern) pairs: ``anaphor`` (refers back to the story's event; the words that
    name it are the group ``noun``) or ``new_event`` (introduces a different event)."""
    rows = read_csv("story_links.csv")
    for i, r in enumerate(rows):
        if r["kind"] not in ("anaphor", "new_event"):
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


@cache
def reaction_cues() -> tuple[ReactionCue, ...]:
    """Words that make a sentence a reaction to an event rather than the event itself."""
    return tuple(
        ReactionCue(r["plover"], r["cameo_root"], r["pattern"])
        for r in read_csv("reaction_cues.csv")
    )


@cache
def sources() -> tuple[SourceAlias, ...]:
    return tuple(
        SourceAlias(r["name"], r["alias"], _opt_str(r.get("kind"))) for r in read_csv("sources.csv")
    )


@cache
def attribution_words() -> dict[str, frozenset[str]]:
    """Lower-case words of ``attribution_words.csv`` by role (speech, anaphor, ...)."""
    out: dict[str, set[str]] = {}
    for r in read_csv("attribution_words.csv"):
        out.setdefault(r["role"], set()).add(r["word"].lower())
    return {role: frozenset(words) for role, words in out.items()}


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
    return tuple(
        ActorEntry(r["name"], r["alias"], _opt_str(r["country"]), _opt_str(r["sector"]))
        for r in read_csv("actors.csv")
    )


@cache
def countries() -> tuple[CountryEntry, ...]:
    return tuple(
        CountryEntry(r["adjective"], r["iso3"], r["country"]) for r in read_csv("countries.csv")
    )


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


@dataclass(frozen=True)
class PlaceAffix:
    role: str  # prefix, suffix or abbreviation
    text: str  # lower case, as written before or after a name ("city of", "refugee camp", "st.")
    value: str | None  # a suffix's implied kind (admin1, admin2); an abbreviation's full word


@cache
def place_affixes() -> tuple[PlaceAffix, ...]:
    """The words around a place name that the toponym resolver strips or writes out
    (``place_affixes.csv``: role, text, value, note), in file order: a ``prefix`` ("the", "city
    of"), a ``suffix`` ("County", "province", "refugee camp") with the kind it implies, an
    ``abbreviation`` ("St.") with its full word. Kept as data so a new wording ("raion",
    "wilaya") is a row, not a code change."""
    rows = read_csv("place_affixes.csv")
    for i, r in enumerate(rows):
        if r["role"] not in ("prefix", "suffix", "abbreviation"):
            raise ValueError(f"place_affixes.csv row {i + 2}: unknown role {r['role']!r}")
    return tuple(
        PlaceAffix(r["role"], r["text"].strip().lower(), _opt_str(r["value"])) for r in rows
    )


@cache
def place_feature_words() -> frozenset[str]:
    """Words that name a kind of feature or a direction, never a place on their own
    (``place_feature_words.csv``): a name the gazetteer lacks ("Vancouver Art Gallery") is
    placed at a run of its other words ("Vancouver"), never at "Art" or "Gallery"."""
    return frozenset(r["word"].strip().lower() for r in read_csv("place_feature_words.csv"))
