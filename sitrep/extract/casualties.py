"""Casualty figures in one sentence: killed, injured, displaced, detained.

Reports give figures in three shapes, and each needs its own rule:

- agent voice, verb then number: "killing 14 people", "wounding 20", "arrested 40 protesters",
  "displaced 3,000", "forced 3,000 people from their homes";
- patient voice, number then verb: "14 people were killed", "20 were wounded", "14 dead",
  "seven others injured", "left 14 dead", "3,000 people have fled";
- tolls: "the death toll rose to 14", "a toll of 30".

Numbers come as digits ("1,200", "1.2 million"), words ("eight", "a hundred and five") or vague
words whose values live in ``sitrep/vocab/vague_numbers.csv`` (the conservative ACLED
convention: "dozens" = 12, "hundreds" = 100). Qualifiers set the bounds:

=======================================  ======  ======  ======
phrase                                   best    low     high
=======================================  ======  ======  ======
"14" / "fourteen" (an exact count)        14      14      14
"at least / more than / over 20"          20      20      None
"up to / as many as 30"                   30      None    30
"about / around / nearly / some 50"       50      None    None
"between 10 and 15" / "10 to 15"          10      10      15
"dozens" (vague word, from the table)     12      12      None
=======================================  ======  ======  ======

Also: "several hundred" / "a few thousand" multiply the table value (3 x 100); "a man was
killed" counts 1; "no one was hurt" counts 0; "rose from 10 to 15" is the update, 15. An
exact count is coded best = low = high, since the report states it as exact.

A subordinate figure ("..., including five children", "eight of whom were children") never
adds to or replaces the main toll, and a number that is a date, age, year, distance or a count
of things ("two rockets") is no figure. The first figure of each kind in the sentence wins,
except that:

- objects of one kill verb add up ("killed three soldiers and two civilians" = 5), but tolls of
  two places do not ("killed 5 in Kessa and 3 in Maraba": the claim keeps 5);
- a later "N others" / "N more" of the same kind adds ("..., and four others died");
- with no total, a part of the dead ("the dead included 14 children") is a low bound (best =
  low = 14, high unknown);
- with no number, a titled person killed ("governor X was killed": ``vocab/person_titles.csv``)
  is one death; "shot dead 300 of them" and "claimed the lives of 50" are agent-voice tolls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep import vocab
from sitrep.calendar_words import month_alternation
from sitrep.model import Casualties, Figure, Span

__all__ = ["CASUALTY_STEMS", "FigureMention", "find_casualties", "find_figures", "parse_number"]

_UNITS = dict(vocab.number_words("unit"))  # "zero" .. "ninety"
_SCALES = dict(vocab.number_words("scale"))  # "hundred", "thousand", "million"
_MULTIPLIABLE = dict(vocab.number_words("multiplier"))  # "several hundred", "a few dozen"
# Nouns that show a number counts things or time, not people ("14 km", "two rockets").
_NOT_PEOPLE = vocab.words("count_nouns.csv")
_MULTIPLIED = re.compile(rf"(several|a few|a couple of) ({'|'.join(_MULTIPLIABLE)})")

_LOWER_QUAL = (
    r"at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of|no\s+fewer\s+than|"
    r"no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of"
)
_UPPER_QUAL = (
    r"up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|"
    r"fewer\s+than|less\s+than"
)
_APPROX_QUAL = (
    r"about|around|approximately|roughly|nearly|almost|some|an\s+estimated|estimated|"
    r"close\s+to|closer\s+to|perhaps|possibly"
)

_PERSON_SINGULAR = vocab.alternation(vocab.words("person_nouns.csv", "singular"))

# What "held N ..." must hold to be a detention.
_HELD_PEOPLE = re.compile(
    rf"^\s+(?:[\w-]+\s+)?(?:{vocab.alternation(vocab.words('person_nouns.csv', 'held'))})\b",
    re.IGNORECASE,
)

_KILLED_PASSIVE = (
    r"killed|dead|died|slain|shot\s+dead|shot\s+and\s+killed|stabbed\s+to\s+death|"
    r"beaten\s+to\s+death|burned\s+to\s+death|burnt\s+to\s+death|executed|massacred|perished|"
    r"lost\s+their\s+lives|beheaded|murdered|confirmed\s+dead|deaths|fatalities|bodies"
)
_INJURED_PASSIVE = r"injured|wounded|hurt|maimed|hospitali[sz]ed|injuries"
_DISPLACED_PASSIVE = (
    r"displaced|evacuated|uprooted|fled|flee|flees|fleeing|forced\s+(?:to\s+flee|to\s+leave|from\s+their\s+homes|"
    r"out\s+of\s+their\s+homes)|driven\s+(?:from|out\s+of)\s+their\s+homes|made\s+homeless|"
    r"left\s+homeless|homeless"
)
_DETAINED_PASSIVE = (
    r"arrested|detained|taken\s+into\s+custody|rounded\s+up|apprehended|jailed|arrests"
)
_PASSIVE_BY_KIND = {
    "killed": _KILLED_PASSIVE,
    "injured": _INJURED_PASSIVE,
    "displaced": _DISPLACED_PASSIVE,
    "detained": _DETAINED_PASSIVE,
}

_ACTIVE_BY_KIND = {
    # "leaving dead two people" is a spinner's reordering of "killing two people".
    "killed": (
        r"killing|killed|kills|kill|massacring|massacred|executing|executed|"
        r"(?:leaving|left|leaves)\s+dead|(?:shot|shooting)\s+dead|"
        r"(?:claimed|claiming|claims|took|taking|takes)\s+the\s+lives\s+of"
    ),
    "injured": r"wounding|wounded|wounds|wound|injuring|injured|injures|injure|hurting|hurt|maiming|maimed",
    "displaced": (
        r"displacing|displaced|displaces|displace|uprooting|uprooted|evacuating|evacuated|evacuate"
    ),
    "detained": (
        r"arresting|arrested|arrests|arrest|detaining|detained|detains|detain|rounding\s+up|"
        r"rounded\s+up|apprehending|apprehended|jailing|jailed|held"
    ),
}

_TOLL_BY_KIND = {
    "killed": (
        r"death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities|victims|people\s+killed|"
        r"those\s+killed)|"
        r"bodies|corpses"
    ),
    "injured": (
        r"injury\s+toll|number\s+of\s+(?:injured|wounded|injuries|people\s+(?:injured|wounded))"
    ),
    "displaced": r"number\s+of\s+(?:displaced|people\s+displaced|people\s+who\s+fled)",
    "detained": r"number\s+of\s+(?:detainees|arrests|people\s+(?:arrested|detained))",
}

# Patient-side words never followed by an object, so "14 dead the ..." is no agent clause.
_INTRANSITIVE = frozenset(
    {"died", "dead", "deaths", "fatalities", "bodies", "injuries", "perished"}
)

# Every casualty phrase above contains one of these stems, so a sentence without any of them
# has no figure and the number regexes are not run (a test checks the stems cover the verbs).
CASUALTY_STEMS = (
    "kill",
    "dead",
    "death",
    "die",
    "slain",
    "execut",
    "massacr",
    "perish",
    "lives",
    "behead",
    "murder",
    "fatalit",
    "bodies",
    "injur",
    "wound",
    "hurt",
    "maim",
    "hospitali",
    "displac",
    "evacuat",
    "uproot",
    "fled",
    "flee",
    "forc",
    "driv",
    "drove",
    "push",
    "homeless",
    "arrest",
    "detain",
    "custody",
    "round",
    "apprehend",
    "jail",
    "held",
    "corpses",
    "toll",
    "number",
)

# Words that end a noun phrase between a number and its verb.
_NP_STOP = vocab.alternation(vocab.words("stop_words.csv", "figures"))


@dataclass(frozen=True)
class FigureMention:
    """One casualty figure found in a sentence, before the first-per-kind choice."""

    kind: str
    figure: Figure


_MAX_DIGITS = 24  # past every plausibility bound (sitrep.extract.plausible) and int64
_HUGE = 10**_MAX_DIGITS


def parse_number(text: str) -> int | None:
    """The integer a number phrase stands for: "1,200", "1.2 million", "a hundred and five".

    Vague words ("dozens") are not handled here: they carry bounds and come from the table.
    Returns None when the phrase is not a plain number.
    """
    s = text.strip().lower().replace("–", "-")
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?", s)
    if m:
        digits = m.group(1).replace(",", "")
        if len(digits.split(".")[0]) > _MAX_DIGITS:
            # float() of 400 digits is inf and int() refuses 4,300: a number this long is
            # only known to be huge, and the plausibility bounds reject it by value.
            return _HUGE
        if "." not in digits:  # exact integer arithmetic: 20 digits must stay 20 digits
            return int(digits) * (_SCALES[m.group(2)] if m.group(2) else 1)
        value = float(digits)
        if m.group(2):
            value *= _SCALES[m.group(2)]
        elif "." in m.group(1):
            return None  # "3.5 people" is not a head count
        return round(value)
    words = [w for w in re.split(r"[\s-]+", s) if w and w != "and"]
    if not words:
        return None
    total = current = 0
    seen = False
    for i, w in enumerate(words):
        if w in ("a", "an") and i + 1 < len(words) and words[i + 1] in _SCALES:
            current = 1
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif w in ("thousand", "million"):
            total += max(current, 1) * _SCALES[w]
            current = 0
            seen = True
        else:
            return None
    return total + current if seen else None


@dataclass(frozen=True)
class _Value:
    best: int
    low: int | None
    high: int | None


def _vague_table() -> dict[str, vocab.VagueNumber]:
    return {v.word.lower(): v for v in vocab.vague_numbers()}


@lru_cache(maxsize=2)
def _patterns(fold: bool = False) -> dict[str, re.Pattern[str]]:
    """Compile every regex once (the vague words come from the vocab table).

    All literals here are lower case, so by default the patterns are compiled case-sensitively
    and run on the lower-cased sentence (about three times faster than IGNORECASE); ``fold``
    gives IGNORECASE versions for the rare text whose lower-casing changes its length.
    """
    flags = re.IGNORECASE if fold else 0
    vague = vocab.alternation(_vague_table())
    unit_words = "|".join(sorted(_UNITS, key=len, reverse=True))
    scales = "|".join(_SCALES)
    word = rf"(?:{unit_words}|{scales})\b"
    wordnum = (
        rf"(?:an?\s+(?=(?:{scales})\b))?{word}"
        rf"(?:(?:(?<=hundred)|(?<=thousand))\s+and\s+{word}|[\s-]+{word})*"
    )
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(?:million|thousand))?"
    mult = rf"(?:several|a\s+few|a\s+couple\s+of)\s+(?:{'|'.join(_MULTIPLIABLE)})\b"
    article = rf"an?(?=\s+(?:[\w-]+\s+)?(?:{_PERSON_SINGULAR})\b)"
    zero = r"no\s+one|nobody|none"
    core = rf"(?:{mult}|(?:{vague})\b|{digits}|{wordnum}|{zero}|{article})"
    quals = rf"(?P<qual>{_LOWER_QUAL}|{_UPPER_QUAL}|{_APPROX_QUAL})"
    mention = (
        rf"(?<![\w.,$€£-])(?:{quals}\s+)?"
        rf"(?:between\s+(?P<r1>{core})\s+and\s+(?P<r2>{core})"
        rf"|(?P<a>{core})(?:\s*(?:-|–|to|or)\s*(?P<b>{core}))?)"
        r"(?![\w-]|[.,]\d)"
    )
    months = month_alternation(stops=False, lower=True)
    any_verb = "|".join(_PASSIVE_BY_KIND.values())
    np_word = rf"(?!(?:{_NP_STOP}|{any_verb}|{unit_words}|{vague})\b|\d+(?![\w-]))[\w'’-]+"
    passive = "|".join(f"(?P<{k}>{v})" for k, v in _PASSIVE_BY_KIND.items())
    right = (
        rf"^(?P<np>(?:\s+{np_word}){{0,5}}?)"
        # "the 106 people the United Nations later said were killed": who gave the figure
        r"(?:\s+(?:that\s+|whom\s+)?(?:the\s+)?(?:[\w'’.-]+\s+){0,3}?(?:later\s+|now\s+)?"
        r"(?:says?|said|estimates?|estimated|believes?|believed)(?=\s+(?:were|was|had|have)\b))?"
        r"(?:\s*,\s*(?:including|among\s+them|mostly|mainly|[\w-]+\s+of\s+(?:whom|them))"
        r"[^,]{0,60},)?"
        r"(?:\s+(?:were|was|have\s+been|has\s+been|had\s+been|are|is|been|have|has|had|got|"
        r"reportedly|also|later|allegedly|all|both|now|subsequently)){0,3}"
        r"(?:\s+\w+ly)?"
        rf"\s+(?P<verb>{passive})\b"
    )
    active = "|".join(f"(?P<{k}>{v})" for k, v in _ACTIVE_BY_KIND.items())
    toll = "|".join(f"(?P<{k}>{v})" for k, v in _TOLL_BY_KIND.items())
    return {
        "mention": re.compile(mention, flags),
        "right": re.compile(right, flags),
        "left_active": re.compile(rf"\b(?:{active})\s+$", flags),
        "unrealised": re.compile(
            r"\b(?:fail(?:ed|s)?|tr(?:ied|ies|y|ying)|attempt(?:ed|s|ing)?|sought|seek(?:s|ing)?|"
            r"threaten(?:ed|s|ing)?|vow(?:ed|s)?|plann?(?:ed|s|ing)?|intend(?:ed|s)?|aim(?:ed|s)?|"
            r"want(?:ed|s)?|refused?|unable|able|would|could|might|may|will|did\s+not|didn't|"
            r"not|never)\s+(?:to\s+)?$",
            flags,
        ),
        "left_forced": re.compile(
            r"\b(?:forcing|forced|driving|drove|drove\s+out|pushing|pushed)\s+$", flags
        ),
        "right_forced": re.compile(
            rf"^(?:\s+{np_word}){{0,4}}?\s+(?:to\s+flee|to\s+leave|to\s+evacuate|"
            r"(?:from|out\s+of)\s+their\s+homes|from\s+(?:the|their)\s+(?:town|city|village|area))",
            flags,
        ),
        "left_toll": re.compile(
            rf"(?:{toll})\b[^.;:]{{0,90}}?\b(?:to|of|at|reached|hit|is|was|stands|stood|now|"
            r"topped|passed|exceeded|from)\s+$",
            flags,
        ),
        "left_subordinate": re.compile(
            r"\b(?:including|includes|among\s+them|among\s+whom|of\s+whom|of\s+them|mostly|mainly|"
            r"among\s+the\s+(?:dead|injured|wounded|victims)\s+(?:were|are)|"
            r"among\s+those\s+(?:killed|injured|wounded)\s+(?:were|are))\s+$",
            flags,
        ),
        "right_subordinate": re.compile(r"^\s+of\s+(?:whom|them)\b", flags),
        "speculative": re.compile(
            r"\b(?:could|may|might|would|will|feared|fears?|expected|likely|set)\s+(?:to\s+)?"
            r"(?:rise|climb|increase|grow|go\s+up|reach|exceed|top|pass)\b",
            flags,
        ),
        "left_part": re.compile(
            r"(?:\b(?:the\s+)?(?:dead|victims|fatalities)|\bthose\s+killed)\s+"
            r"(?:included|include|includes|were|are)\s+$|"
            r"\bamong\s+(?:the\s+dead|the\s+victims|those\s+killed)\s+(?:were|are)\s+$",
            flags,
        ),
        "left_from": re.compile(r"\bfrom\s+$", flags),
        "left_not_count": re.compile(
            r"(?:\b(?:aged|ages|age|no\.|number|route|highway|article|resolution|page|"
            rf"{months})\.?|"
            r"\b(?:in|since|until|by|during|early|late|mid))\s+$",
            flags,
        ),
        "right_month": re.compile(
            rf"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{months})\b",
            flags,
        ),
        "next_word": re.compile(r"^[\s-]*(?:of\s+)?([A-Za-z%]+)"),
        "transitive_object": re.compile(
            rf"^\s+(?:{quals}\s+)?(?:(?:the|a|an|his|her|their|its|{unit_words}|{vague})\b|\d)",
            flags,
        ),
    }


def _core_value(text: str) -> _Value | None:
    """Value of one number core (no qualifier): exact numbers have best = low = high."""
    t = re.sub(r"\s+", " ", text.strip().lower())
    if t in ("no one", "nobody", "none"):
        return _Value(0, 0, 0)
    if t in ("a", "an"):
        return _Value(1, 1, 1)
    table = _vague_table()
    m = _MULTIPLIED.fullmatch(t)
    if m:
        base = table.get(m.group(1))
        factor = _MULTIPLIABLE[m.group(2)]
        best = (base.best if base else 2) * factor
        return _Value(best, best, None)
    if t in table:
        v = table[t]
        return _Value(v.best, v.low, v.high)
    n = parse_number(t)
    return None if n is None else _Value(n, n, n)


def _mention_value(m: re.Match[str], sentence: str, p: dict[str, re.Pattern[str]]) -> _Value | None:
    """Combine the qualifier and the (possibly ranged) core of a number mention."""
    if m.group("r1"):
        lo, hi = _core_value(m.group("r1")), _core_value(m.group("r2"))
        if lo is None or hi is None:
            return None
        return _Value(lo.best, lo.best, hi.best)
    first = _core_value(m.group("a"))
    if first is None:
        return None
    value = first
    if m.group("b"):
        second = _core_value(m.group("b"))
        if second is None:
            return None
        if p["left_from"].search(sentence, 0, m.start()):
            value = second  # "rose from 10 to 15": the later figure is the update
        else:
            return _Value(first.best, first.best, second.best)
    qual = (m.group("qual") or "").lower()
    qual = re.sub(r"\s+", " ", qual)
    if not qual:
        return value
    if re.fullmatch(_LOWER_QUAL.replace(r"\s+", " "), qual):
        return _Value(value.best, value.best, None)
    if re.fullmatch(_UPPER_QUAL.replace(r"\s+", " "), qual):
        return _Value(value.best, None, value.best)
    return _Value(value.best, None, None)


def _is_count(m: re.Match[str], sentence: str, p: dict[str, re.Pattern[str]]) -> bool:
    """False for numbers that are dates, ages, distances, years or subordinate sub-counts."""
    left = sentence[max(0, m.start() - 60) : m.start()]
    right = sentence[m.end() : m.end() + 40]
    core = m.group("a") or m.group("r1") or ""
    if p["left_subordinate"].search(left):
        return False
    if p["right_subordinate"].match(right) and not p["left_active"].search(left):
        return False  # "eight of them children"; but "shot dead 300 of them" is the toll
    if p["right_month"].match(right):
        return False
    if core[:1].isdigit() and p["left_not_count"].search(left) and not m.group("qual"):
        return False
    if re.fullmatch(r"(?:19|20)\d\d", core) and not m.group("qual"):
        return False
    nxt = p["next_word"].match(right)
    return not (nxt and nxt.group(1).lower() in _NOT_PEOPLE)


def _kind_of(groups: dict[str, str | None]) -> str | None:
    for kind in Casualties.KINDS:
        if groups.get(kind):
            return kind
    return None


_TOLL_WINDOW = 120  # characters from "toll" to its figure


def _classify(
    m: re.Match[str], sentence: str, p: dict[str, re.Pattern[str]]
) -> tuple[str, int, int] | None:
    """(kind, phrase start, phrase end) for a number mention, or None when it is no casualty."""
    left = sentence[: m.start()]
    left_window_start = max(0, m.start() - 80)
    right = sentence[m.end() :]
    # Agent voice: "killing 14", "arrested 40".
    la = p["left_active"].search(left, left_window_start)
    if la and p["unrealised"].search(left[: la.start()], max(0, la.start() - 40)):
        return None  # "failed to arrest 20", "threatened to kill 100": nobody was
    if la and la.group(0).lower().startswith("held") and not _HELD_PEOPLE.match(right):
        la = None  # "held 20 men" is a detention; "held three meetings" is not
    if la:
        return _kind_of(la.groupdict()) or "killed", la.start(), m.end()
    lf = p["left_forced"].search(left, left_window_start)
    if lf and p["right_forced"].match(right):
        return "displaced", lf.start(), m.end()
    # Patient voice: "14 people were killed", "seven others injured", "14 dead".
    r = p["right"].match(right)
    if r:
        kind = _kind_of(r.groupdict())
        verb_end = m.end() + r.end()
        after = sentence[verb_end:]
        transitive = kind != "displaced" and r.group("verb").lower() not in _INTRANSITIVE
        if kind and not (transitive and p["transitive_object"].match(after)):
            return kind, m.start(), verb_end
    # Tolls: "the death toll rose to 14"; not "the toll could rise to 200" (a fear, no count).
    # a toll names its incident first: "the toll from Sunday's suicide bombing in Baghdad's
    # Karrada district has risen to 213"
    lt = p["left_toll"].search(left, max(0, m.start() - _TOLL_WINDOW))
    if lt and not p["speculative"].search(left, lt.start()):
        return _kind_of(lt.groupdict()) or "killed", lt.start(), m.end()
    return None


# Between two counts that share one verb: a short noun phrase, then "and" or a comma.
_CONJOINED = re.compile(r"\s+(?:[a-z'-]+\s+){0,2}?[a-z'-]+\s*(?:,\s*and|,|and)\s+")


# Words that put a count in another place or time: "killed 5 in Kessa and 3 in Maraba" are two
# events' tolls, and the claim keeps the first.
_ELSEWHERE = re.compile(r"\b(?:in|at|near|on|outside|inside|across|around|during|from)\b")


def _same_event_list(scan: str, end: int, start: int) -> bool:
    """Whether the text between two counts joins them as objects of one verb ("three soldiers
    and two civilians"), not as tolls of two places ("5 in Kessa and 3 in Maraba")."""
    gap = scan[end:start]
    return bool(_CONJOINED.fullmatch(scan, end, start)) and not _ELSEWHERE.search(gap)


@lru_cache(maxsize=1)
def _named_victim_pattern() -> re.Pattern[str]:
    titles = vocab.alternation(vocab.person_titles())
    name = r"(?:[A-Z][\w'’.-]*)"
    killed = (
        r"(?:killed|assassinated|murdered|executed|beheaded|"
        r"(?:shot|stabbed|beaten)\s+(?:dead|to\s+death))"
    )
    return re.compile(
        rf"\b(?i:{titles})\b(?:\s+{name}){{0,5}}\s+(?:was|has\s+been|had\s+been)\s+{killed}\b"
        rf"|\b(?:killing|killed|assassinating|assassinated|murdering|murdered)\s+"
        rf"(?:{name}\s+){{0,4}}(?i:{titles})(?:\s+{name}){{1,5}}"
    )


def _part_of_dead(
    sentence: str, scan: str, offset: int, p: dict[str, re.Pattern[str]]
) -> FigureMention | None:
    """ "The dead included 14 children" with no total in the sentence: 14 is part of the dead,
    so at least 14 died (best = low = 14, high unknown). With a total the part is ignored."""
    for m in p["mention"].finditer(scan):
        lead = p["left_part"].search(scan, max(0, m.start() - 60), m.start())
        if lead is None:
            continue
        value = _mention_value(m, scan, p)
        if value is None:
            return None
        text = sentence[lead.start() : m.end()]
        span = Span(offset + lead.start(), offset + m.end(), text)
        return FigureMention("killed", Figure(value.best, value.best, None, text, span))
    return None


def _named_victim(sentence: str, offset: int) -> FigureMention | None:
    """One death when the sentence says a titled person was killed ("governor Khamis X was
    killed", "killing State Governor Khamis X"): no number is written, but one is meant."""
    m = _named_victim_pattern().search(sentence)
    if m is None:
        return None
    span = Span(offset + m.start(), offset + m.end(), m.group(0))
    return FigureMention("killed", Figure(1, 1, 1, m.group(0), span))


def _add(a: _Value, b: _Value) -> _Value:
    low = None if a.low is None or b.low is None else a.low + b.low
    high = None if a.high is None or b.high is None else a.high + b.high
    return _Value(a.best + b.best, low, high)


def find_figures(sentence: str, offset: int = 0) -> list[FigureMention]:
    """Every casualty figure in ``sentence``, in order; spans are shifted by ``offset``.

    ``offset`` is where the sentence starts in the article, so spans index ``Article.text``.
    """
    out: list[FigureMention] = []
    lower = sentence.lower()
    if not any(stem in lower for stem in CASUALTY_STEMS):
        return out
    if len(lower) == len(sentence):
        scan, p = lower, _patterns()
    else:
        scan, p = sentence, _patterns(fold=True)
    pending: tuple[int, int, _Value] | None = None  # an unclassified count that may head a list
    agent: tuple[int, int, _Value] | None = None  # (index in out, end, value) of "killing N ..."
    for m in p["mention"].finditer(scan):
        if not _is_count(m, scan, p):
            continue
        found = _classify(m, scan, p)
        value = _mention_value(m, scan, p)
        if value is None:
            continue
        if found is None and agent is not None and _same_event_list(scan, agent[1], m.start()):
            # "killed three soldiers and two civilians": one verb, the objects add up.
            index, _, total = agent
            total = _add(total, value)
            old = out[index].figure
            start = old.span.start - offset if old.span else m.start()
            text = sentence[start : m.end()]
            span = Span(offset + start, offset + m.end(), text)
            out[index] = FigureMention(
                out[index].kind, Figure(total.best, total.low, total.high, text, span)
            )
            agent = (index, m.end(), total)
            continue
        agent = None
        if found is None:
            if pending is not None and _CONJOINED.fullmatch(scan, pending[1], m.start()):
                pending = (pending[0], m.end(), _add(pending[2], value))  # "three, two and..."
            else:
                pending = (m.start(), m.end(), value)
            continue
        kind, start, end = found
        if (
            pending is not None
            and start == m.start()
            and _CONJOINED.fullmatch(scan, pending[1], m.start())
        ):
            # "Two soldiers and a civilian were killed": one verb, the counts add up.
            start, value = pending[0], _add(pending[2], value)
        pending = None
        text = sentence[start:end]
        span = Span(offset + start, offset + end, text)
        if end == m.end():  # agent voice: the verb came first, further objects may follow
            agent = (len(out), m.end(), value)
        out.append(FigureMention(kind, Figure(value.best, value.low, value.high, text, span)))
    if not any(f.kind == "killed" for f in out):
        part = _part_of_dead(sentence, scan, offset, p)
        named = part or _named_victim(sentence, offset)
        if named is not None:
            out.append(named)
    return out


def find_casualties(sentence: str, offset: int = 0) -> Casualties:
    """Killed / injured / displaced / detained figures of one sentence (first of each kind).

    Example:
        >>> c = find_casualties("Shelling killed at least 20 people and wounded dozens.")
        >>> (c.killed.best, c.killed.low, c.killed.high, c.injured.best)
        (20, 20, None, 12)
    """
    result = Casualties()
    for mention in find_figures(sentence, offset):
        if _earlier_toll(sentence, mention.figure, offset):
            continue
        first = getattr(result, mention.kind)
        if first is None:
            setattr(result, mention.kind, mention.figure)
        elif _OTHERS.match(mention.figure.text or ""):
            setattr(result, mention.kind, _plus(first, mention.figure))
    return result


# "Early reports had put the toll at 11", "the toll, initially put at 28, rose to 37": a toll
# the report itself says was superseded, not its count. "Preliminary reports suggest 30
# dead" or "initial reports say" is the count so far: it stays.
_EARLIER = re.compile(
    r"\b(?:earlier\s+(?:death\s+)?(?:reports?|figures?|tolls?|estimates?|counts?)"
    r"|(?:initial|first|previous)\s+(?:death\s+)?tolls?|early\s+reports?\s+had|initially)\b",
    re.IGNORECASE,
)
_EARLIER_REACH = 60  # characters before a figure where its cue may stand


def _earlier_toll(sentence: str, figure: Figure, offset: int) -> bool:
    if figure.span is None:
        return False
    start, end = figure.span.start - offset, figure.span.end - offset
    return _EARLIER.search(sentence, max(0, start - _EARLIER_REACH), end) is not None


# "..., and four others died in a nearby building": a second count of the same kind that adds.
_OTHERS = re.compile(r"^[\w,-]+(?:\s+[\w-]+)?\s+(?:others|more)\b", re.IGNORECASE)


def _plus(first: Figure, more: Figure) -> Figure:
    """The first figure of a kind with a further "N others" count added."""
    low = None if first.low is None or more.low is None else first.low + more.low
    high = None if first.high is None or more.high is None else first.high + more.high
    best = (first.best or 0) + (more.best or 0)
    text = f"{first.text}; {more.text}" if first.text and more.text else first.text
    return Figure(best, low, high, text, first.span)
