"""Sources that carry over between sentences: "It added ...", "He said ...", "Mahmoud said".

Wire copy names a source once and continues: "..., the Observatory said. It added that ...";
"Siraj Mahmoud, a civil defence spokesman, said ... Mahmoud said ...". Per article, in order:

- an anaphor speaking ("it", "he", "she", "they", "the group", "the monitor", "the ministry",
  ... followed by a speech verb) takes the most recent named source of the same or the
  previous paragraph; a noun anaphor prefers a source of its own kind ("the ministry" a
  government source);
- a lone surname speaking takes the earlier full mention whose name ends with it;
- a claim with no source and no speech verb of its own, next after an attributed sentence of
  the same paragraph, inherits that sentence's sources (unless it opens with a change of
  subject: "Separately", "Elsewhere", "Meanwhile");
- a claim with no source whose next sentence points back to it and names who said it ("This
  was announced by the regional governor ...") takes that sentence's sources;
- a body described instead of named ("a war monitor", "the rights group": a lower-case
  phrase whose head is a ``body`` noun of ``attribution_words.csv``) is the nearest named
  source of the same kind within a few sentences: a lead says "a war monitor said" and
  names the Syrian Observatory two sentences on. An indefinite description looks ahead
  first (it introduces), a definite one behind (it refers back). A country speaking ("Russia
  said") is, the same way, the government or military body of that country that a sentence
  nearby names ("the Russian Defense Ministry said"), looking ahead first. The Source keeps
  the description's text and span and takes the name and kind.

A carried-over Source keeps the original mention's text and ``span`` (outside the claim's
sentence): that is how a reader tells an inherited source from one the sentence names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from sitrep import vocab
from sitrep.extract.source_kinds import kind_of
from sitrep.extract.sources import find_sources
from sitrep.model import Claim, Source, Span

__all__ = ["continue_sources"]

_SPEECH = rf"(?:{vocab.alternation(vocab.speech_verbs('continuation'))})"


@functools.cache
def _anaphor() -> re.Pattern[str]:
    """A pronoun or "the <noun>" (the anaphor nouns of ``attribution_words.csv``) speaking."""
    nouns = "|".join(sorted(vocab.attribution_words().get("anaphor", ())))
    pronouns = vocab.alternation(vocab.attribution_words()["pronoun"])
    return re.compile(
        rf"(?:^|[,;:]\s+|[\"“”]\s*)(?:[\"“]\s*)?(?P<ana>(?i:{pronouns})|(?i:the)\s+"
        rf"(?P<noun>{nouns}))\s+(?:(?:also|later|further|then|had|has)\s+)?{_SPEECH}\b"
    )


_ANY_SPEECH = re.compile(
    rf"\b(?:{_SPEECH}|{vocab.alternation(vocab.speech_verbs('continuation_relay'))})\b",
    re.IGNORECASE,
)
_SHIFT = re.compile(
    r"^\W*(?:separately|elsewhere|meanwhile|in\s+other\s+news|also\s+on|earlier|on\s+another)\b",
    re.IGNORECASE,
)
# How far back an antecedent may lie when the text marks no paragraphs.
_NO_PARAGRAPH_WINDOW = 3
# How far a description ("a war monitor") may lie from the mention that names it.
_DESCRIPTION_WINDOW = 3
# "This was announced on Facebook by ...", "That has been confirmed by ...": the sentence
# names who said what the sentence before it told.
_POINTS_BACK = re.compile(
    rf"^\W*(?i:this|that|these|those|it)\b(?:\s+\w+)?\s+"
    rf"(?i:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+\s+)?{_SPEECH}\b"
)


def _paragraphs(text: str, sentences: Sequence[Span]) -> list[int]:
    """The paragraph number of each sentence: a line break between two sentences starts one."""
    out, current = [], 0
    for i, s in enumerate(sentences):
        if i and "\n" in text[sentences[i - 1].end : s.start]:
            current += 1
        out.append(current)
    return out


def _carried(source: Source) -> Source:
    """The earlier mention as the claim's source (same text, name, kind and span)."""
    return Source(text=source.text, name=source.name, span=source.span, kind=source.kind)


class _Mentions:
    """Named sources per sentence of one article, read lazily (claims' own sources first)."""

    def __init__(self, sentences: Sequence[Span], own: dict[int, list[Source]]) -> None:
        self.sentences = sentences
        self.own = own

    def of(self, i: int) -> list[Source]:
        if i not in self.own:
            s = self.sentences[i]
            self.own[i] = find_sources(s.text, s.start)
        return [x for x in self.own[i] if x.name or x.text]


def _antecedent(
    mentions: _Mentions, i: int, paragraphs: list[int], noun: str | None
) -> Source | None:
    """The most recent named source before sentence ``i`` in its or the previous paragraph
    (the same kind first, for a noun anaphor)."""
    marked = paragraphs[-1] > 0
    lowest = paragraphs[i] - 1
    want = kind_of(f"the {noun}") if noun else None
    candidates: list[Source] = []
    for j in range(i - 1, -1, -1):
        if (marked and paragraphs[j] < lowest) or (not marked and i - j > _NO_PARAGRAPH_WINDOW):
            break
        candidates += list(reversed(mentions.of(j)))
    if want is not None:
        for c in candidates:
            if c.kind == want:
                return c
    return candidates[0] if candidates else None


def continue_sources(text: str, sentences: Sequence[Span], claims: Sequence[Claim]) -> None:
    """Fill in carried-over sources of ``claims`` (sentences of ``text``, in order), in place."""
    if not claims:
        return
    index = {s.start: i for i, s in enumerate(sentences)}
    by_sentence = {index[c.sentence.start]: c for c in claims if c.sentence.start in index}
    own = {i: list(c.sources) for i, c in by_sentence.items()}
    mentions = _Mentions(sentences, own)
    paragraphs = _paragraphs(text, sentences)
    for i in sorted(by_sentence):
        claim = by_sentence[i]
        sentence = claim.sentence.text
        resolved = _resolve_surnames(claim.sources, mentions, i)
        if not resolved:
            m = _anaphor().search(sentence)
            if m is not None:
                found = _antecedent(mentions, i, paragraphs, m.group("noun"))
                resolved = [_carried(found)] if found is not None else []
            elif (
                i > 0
                and paragraphs[i - 1] == paragraphs[i]
                and not _ANY_SPEECH.search(sentence)
                and not _SHIFT.search(sentence)
            ):
                resolved = [_carried(s) for s in mentions.of(i - 1)]
        if (
            not resolved
            and not claim.sources
            and i + 1 < len(sentences)
            and _POINTS_BACK.match(sentences[i + 1].text)
        ):
            resolved = [_carried(s) for s in mentions.of(i + 1)]
        named = [_identify(s, mentions, i) for s in resolved or claim.sources]
        if named != (resolved or claim.sources):
            resolved = named
        if resolved:
            claim.sources = resolved
            own[i] = resolved  # a later "It added" may continue from here


def _description(source: Source) -> bool:
    """A body described, not named: "a war monitor", "the rights group" (a lower-case name
    with a kind, whose head noun is a ``body`` noun). A person ("an official") is left
    alone: an unnamed person is mostly unnamed on purpose."""
    words = source.text.lower().split()
    return (
        source.kind is not None
        and (source.name is None or source.name.islower())
        and len(words) >= 2
        and words[0] in ("a", "an", "the")
        and words[-1] in vocab.attribution_words().get("body", frozenset())
    )


@functools.cache
def _country_marks() -> dict[str, re.Pattern[str]]:
    """Each country's name -> a pattern for the words that make a phrase that country's
    ("Russian", "Russia's", "Russia")."""
    words: dict[str, set[str]] = {}
    for c in vocab.countries():
        words.setdefault(c.iso3, set()).update({c.adjective, c.country})
    return {
        c.country: re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, words[c.iso3]))})(?![\w-])")
        for c in vocab.countries()
    }


_STATE_BODIES = ("government", "military")


def _identify(source: Source, mentions: _Mentions, i: int) -> Source:
    """The named source a description or a country in sentence ``i`` stands for, nearest
    first (ahead before behind for "a ..." and a country, behind before ahead for
    "the ..."); the source itself when none lies within ``_DESCRIPTION_WINDOW`` sentences."""
    country = _country_marks().get(source.name or "")
    if country is not None:

        def fits(m: Source) -> bool:
            return (
                m.kind in _STATE_BODIES and m.name != source.name and bool(country.search(m.text))
            )

    elif _description(source):

        def fits(m: Source) -> bool:
            return m.kind == source.kind and bool(m.name) and not m.name.islower()

    else:
        return source
    step = -1 if source.text.lower().startswith("the ") else 1
    n = len(mentions.sentences)
    for distance in range(1, _DESCRIPTION_WINDOW + 1):
        for j in (i + step * distance, i - step * distance):
            if not 0 <= j < n:
                continue
            found = mentions.of(j)
            for m in found if j > i else reversed(found):
                if fits(m):
                    return Source(text=source.text, name=m.name, span=source.span, kind=m.kind)
    return source


def _resolve_surnames(sources: list[Source], mentions: _Mentions, i: int) -> list[Source]:
    """The claim's sources with a lone surname ("Mahmoud") replaced by its earlier full
    mention ("Siraj Mahmoud, a civil defence spokesman"); [] when there are none."""
    out = []
    for source in sources:
        words = source.text.split()
        if len(words) == 1 and words[0][:1].isupper():
            for j in range(i - 1, max(-1, i - 1 - 2 * _NO_PARAGRAPH_WINDOW), -1):
                full = [
                    m
                    for m in mentions.of(j)
                    if m.name and len(m.name.split()) > 1 and m.name.split()[-1] == words[0]
                ]
                if full:
                    source = _carried(full[-1])
                    break
        out.append(source)
    return out
