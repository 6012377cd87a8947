"""Attribution: who a sentence says its information comes from.

Fusion needs this to tell independent reports from one source repeated ("SOHR said 14" in five
outlets is one source). A known name only counts as a source when an attribution cue binds it:

- source then verb: "the Syrian Observatory said", "SOHR, a Britain-based monitor, reported",
  "a spokesman for the White Helmets said", "local officials told AFP";
- cue then source: "according to SANA", "said the Syrian Observatory for Human Rights",
  "citing medics".

Names and aliases live in ``sitrep/vocab/sources.csv`` (SOHR, "the Observatory" and
"London-based monitor" all become "Syrian Observatory for Human Rights"). "according to" or
"said the" followed by an unknown capitalised name still yields a Source, named as written.
"A Taliban spokesman said" and "a leader of the Civilian Joint Task Force ... said" give the
organisation (named as written unless listed). Without a parser, the common shapes of an unknown
speaker are read by word order too: a closing "..., the country's health minister said.",
an opening "Denys Ivanenko, the region's governor, told reporters", "..., said the armed group
that holds the port." (the phrase counts only when it names a kind of source: a name, or a
word of ``source_kinds.csv``). Names of several words match in any case ("Human rights"); a
seat in front of a source ("London based", "UK-based") belongs to its phrase, so the place
stage never takes it for the event's place. Pronouns ("he said") are resolved by
``continuation``, not here. No cue, no source: the fuse stage falls back to the outlet.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from sitrep import vocab
from sitrep.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from sitrep.extract.source_kinds import kind_of
from sitrep.extract.speakers import find_speakers
from sitrep.model import Source, Span

__all__ = ["find_sources"]

_VERB_AFTER = vocab.alternation(vocab.speech_verbs("source_after"))
_ADVERB = (
    r"also|later|earlier|previously|separately|initially|first|there|here|has|have|had|"
    r"had\s+earlier"
)
_CUE_BEFORE = vocab.alternation(vocab.speech_verbs("source_before"))
# Words allowed between a "said"/"according to" cue and the name: determiners, roles, "-based".
_FILLER = (
    r"(?:the|a|an|its|their|local|[A-Z][\w-]*(?:-|\s+)based|spokes(?:man|woman|person)|officials?|"
    r"sources?|for|of|from|at|with|in|by|monitoring|group|monitor|head|director|chief|members?|"
    r"statement|report|figures|tally|data|count|war|rights|watchdog|agency|organisation|"
    r"organization|senior|government|security|military|police|hospital|health|interior|"
    r"defence|defense)"
)
_END_AFTER_NAME = (
    r"\s*(?:[,.;:)\"'”’]|$|\s+(?:on|in|which|who|that|late|early|citing|after|as|there)\b)"
)
_END_AFTER_NAME_RE = re.compile(_END_AFTER_NAME)
_CLOSING = " .\"'”’"
_HEADLINE_CREDIT = re.compile(r"\s[-–—|:]\s*$")  # "... hit Aleppo neighbourhood - SANA"


@lru_cache(maxsize=1)
def _folded() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Names of several words in lower case, to match in any case ("Human rights") on the
    lower-cased text (an IGNORECASE alternation of the whole table ran twice as slow), and
    the same with IGNORECASE for the rare text whose lower case changes its length."""
    several = vocab.alias_pattern(e.alias.lower() for e in vocab.sources() if " " in e.alias)
    bounded = rf"(?<![\w-])(?:{several})(?![\w-])"
    return re.compile(bounded), re.compile(bounded, re.IGNORECASE)


def _alias_spans(sentence: str, exact: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each listed name in ``sentence``: as written, or a name of several
    words in any case; the longest wins where two overlap."""
    folded, any_case = _folded()
    lower = sentence.lower()
    if len(lower) == len(sentence):
        more = [m.span() for m in folded.finditer(lower)]
    else:
        more = [m.span() for m in any_case.finditer(sentence)]
    spans = sorted(
        {*(m.span() for m in exact.finditer(sentence)), *more}, key=lambda se: (se[0], -se[1])
    )
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if not out or start >= out[-1][1]:
            out.append((start, end))
    return out


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    entries = vocab.sources()
    by_alias = {e.alias: e.name for e in entries}
    by_lower = {e.alias.lower(): e.name for e in entries}
    alias = re.compile(rf"(?<![\w-])(?:{vocab.alias_pattern(by_alias)})(?![\w-])")
    after = re.compile(  # used with match(text, pos): anchored at pos, no "^"
        rf"(?:\s*\([^()]{{1,40}}\))?(?:\s*,[^,]{{1,80}},)?(?:\s+(?:{_ADVERB}))?\s+"
        rf"(?:{_VERB_AFTER})\b",
        re.IGNORECASE,
    )
    before = re.compile(rf"\b(?P<cue>{_CUE_BEFORE})\s+(?:{_FILLER}\s+){{0,5}}$", re.IGNORECASE)
    return alias, by_lower, after, before


# "A Taliban spokesman said": the organisation speaks even when it is not in the table.
_SPOKESPERSON = re.compile(
    r"\b(?i:a|an|the)\s+(?P<org>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+"
    r"(?:spokes(?:man|woman|person)|official|commander|source)\b[^.;]{0,40}?\b"
    rf"(?:{vocab.alternation(vocab.speech_verbs('spokesperson'))})\b"
)
# "A spokesman for the Kurdish Red Crescent said", "a leader of the Civilian Joint Task Force,
# a militia ..., said": the organisation named after the role.
_ROLE_OF_ORG = re.compile(
    r"\b(?i:a|an|the)\s+(?:spokes(?:man|woman|person)|official|commander|leader|member|head|"
    r"chief|director)\s+(?:of|for|from|at)\s+(?:the\s+)?"
    r"(?P<org>[A-Z][\w'’-]*(?:\s+(?:of\s+|for\s+)?[A-Z][\w'’-]*){0,5})"
    rf"(?=[^.;]{{0,120}}?\b(?:{vocab.alternation(vocab.speech_verbs('role_of_org'))})\b)"
)
_UNKNOWN_CUES = vocab.speech_verbs("source_cue")
_UNKNOWN_CUE_WORDS = tuple(cue.split()[0] for cue in _UNKNOWN_CUES)  # a cheap gate: "according"
_UNKNOWN_AFTER_CUE = re.compile(
    rf"\b(?i:{vocab.alternation(_UNKNOWN_CUES)})\s+(?:the\s+)?"
    r"(?P<name>(?:[A-Z][\w'’.-]*)(?:\s+(?:for|of|and|de|al-[\w-]+|[A-Z][\w'’.-]*))*)",
)
# Lower-case speaker words after a name ("Mogadishu police spokesman"), kept when they say
# what kind of source speaks (``kind_of``).
_QUALIFIED = re.compile(r"\s+(?P<words>[a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2})(?=[\s,.;:]|$)")
_APPOSITION = re.compile(r",\s+(?P<role>(?:a|an|the)\s+[^,.;:\"“”()]{2,60}?)(?=\s*[,.;:]|\s*$)")
# Capitalised words after "said" that are not names: pronouns, articles, days and months.
_NOT_NAMES = vocab.words("not_names.csv", "sources") | set(WEEKDAY_NAMES) | set(MONTH_NAMES)


class _Covered:
    """Disjoint spans already taken by a source name, sorted, so an overlap test is one
    bisection (a scan of all of them per name made long articles quadratic). Spans are only
    added when they overlap none, so they stay disjoint and their ends stay sorted too."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)
        return i > 0 and self.ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


# "London based", "UK-based", "a Britain-based": a seat written in front of a source's name.
_SEAT = re.compile(
    r"(?!(?:The|A|An|Its|Their)\s)(?:[A-Z][\w.'’]*(?:[ -][A-Z][\w.'’]*){0,2})(?:-|\s+)based\s+$"
)


def _source(sentence: str, start: int, end: int, name: str | None, offset: int) -> Source:
    seat = _SEAT.search(sentence, max(0, start - 60), start)
    if seat is not None:
        start = seat.start()  # the seat is part of the source's phrase, never the event's place
    text = sentence[start:end]
    return Source(
        text=text,
        name=name,
        span=Span(offset + start, offset + end, text),
        kind=kind_of(text, name),
    )


def find_sources(sentence: str, offset: int = 0, speakers: bool = True) -> list[Source]:
    """Sources cited in ``sentence`` (in order, one per normalised name); spans shifted by offset.

    ``speakers=False`` skips the unknown speakers' shapes (``speakers.py``), which read one
    sentence's start and end: pointless over a whole article.

    Example:
        >>> [s.name for s in find_sources("Jets struck Idlib, the Britain-based monitor said.")]
        ['Syrian Observatory for Human Rights']
    """
    alias_re, by_lower, after_re, before_re = _patterns()
    found: list[Source] = []
    covered = _Covered()
    # Where the text ends but for closing stops and quotes: "... - SANA." credits SANA.
    content_end = len(sentence.rstrip(_CLOSING))
    for m_start, m_end in _alias_spans(sentence, alias_re):
        # The rest of the text is read in place (match at its end), never copied: a copy
        # per name made a long article's source scan quadratic.
        head = sentence[max(0, m_start - 120) : m_start]
        cue_before = before_re.search(head)
        bound = bool(after_re.match(sentence, m_end))
        if not bound and _HEADLINE_CREDIT.search(head) and m_end >= content_end:
            bound = True
        if not bound and cue_before:
            unambiguous = cue_before.group("cue").lower().startswith(("according", "citing"))
            bound = unambiguous or bool(_END_AFTER_NAME_RE.match(sentence, m_end))
        if bound:
            name = by_lower.get(re.sub(r"\s+", " ", sentence[m_start:m_end]).lower())
            found.append(_source(sentence, m_start, m_end, name, offset))
        covered.add(m_start, m_end)
    lower = sentence.lower()
    spokes = any(
        w in lower
        for w in ("spokes", "official", "commander", "source", "leader", "member", "head", "chief")
    )
    roles = [*_SPOKESPERSON.finditer(sentence), *_ROLE_OF_ORG.finditer(sentence)] if spokes else []
    for m in roles:
        start, end = m.span("org")
        if not covered.overlaps(start, end):
            name = by_lower.get(re.sub(r"\s+", " ", m.group("org")).lower())
            found.append(_source(sentence, start, end, name or m.group("org"), offset))
            covered.add(start, end)
    cued = any(w in lower for w in _UNKNOWN_CUE_WORDS)
    for m in _UNKNOWN_AFTER_CUE.finditer(sentence) if cued else ():
        start, end = m.span("name")
        if not re.search(r"(?:\b[A-Z]\.){2,}$", sentence[start:end]):
            while end > start and sentence[end - 1] == ".":
                end -= 1  # a full stop closing the sentence, not part of the name
        first = m.group("name").split()[0].rstrip(".,;:")
        if first in _NOT_NAMES or covered.overlaps(start, end):
            continue
        if m.group(0).lower().startswith("said") and not _END_AFTER_NAME_RE.match(sentence, end):
            continue
        qualified = _QUALIFIED.match(sentence, end)
        if qualified and kind_of(qualified.group("words")) is not None:
            # "according to Mogadishu police spokesman Mohamed Abdi Farah": the town names
            # whose police speak; "Mogadishu" alone is no source
            end = qualified.end()
        name = sentence[start:end]
        role = _APPOSITION.match(sentence, end)  # "said Siraj Mahmoud, a civil defence spokesman"
        if role is not None and kind_of(role.group("role")) is not None:
            end = role.end("role")
        found.append(_source(sentence, start, end, name, offset))
        covered.add(start, end)
    for start, end, name in find_speakers(sentence) if speakers else ():
        inside = [
            f
            for f in found
            if f.span and start <= f.span.start - offset < f.span.end - offset <= end
        ]
        # "A senior European intelligence official": the whole phrase, not the table's
        # generic "official" inside it (a listed proper name like SOHR keeps its own span)
        if inside and all(f.name and f.name.islower() for f in inside):
            found = [f for f in found if f not in inside]
        taken = [(f.span.start - offset, f.span.end - offset) for f in found if f.span]
        if not any(s < end and start < e for s, e in taken):
            found.append(_source(sentence, start, end, name, offset))
    found.sort(key=lambda s: s.span.start if s.span else 0)
    seen: set[str] = set()
    unique: list[Source] = []
    for s in found:
        key = s.name or s.text
        if key not in seen:
            seen.add(key)
            unique.append(s)
    return unique
