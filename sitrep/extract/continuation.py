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
  subject: "Separately", "Elsewhere", "Meanwhile").

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

_SPEECH = (
    r"(?:said|says|added|adds|reported|reports|told|stated|states|noted|notes|estimated|"
    r"confirmed|confirms|claimed|claims|announced|wrote|explained)"
)


@functools.cache
def _anaphor() -> re.Pattern[str]:
    """A pronoun or "the <noun>" (the anaphor nouns of ``attribution_words.csv``) speaking."""
    nouns = "|".join(sorted(vocab.attribution_words().get("anaphor", ())))
    return re.compile(
        rf"(?:^|[,;:]\s+|[\"“”]\s*)(?:[\"“]\s*)?(?P<ana>(?i:he|she|it|they)|(?i:the)\s+"
        rf"(?P<noun>{nouns}))\s+(?:(?:also|later|further|then|had|has)\s+)?{_SPEECH}\b"
    )


_ANY_SPEECH = re.compile(rf"\b(?:{_SPEECH}|according\s+to|citing|quoted)\b", re.IGNORECASE)
_SHIFT = re.compile(
    r"^\W*(?:separately|elsewhere|meanwhile|in\s+other\s+news|also\s+on|earlier|on\s+another)\b",
    re.IGNORECASE,
)
# How far back an antecedent may lie when the text marks no paragraphs.
_NO_PARAGRAPH_WINDOW = 3


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
        if resolved:
            claim.sources = resolved
            own[i] = resolved  # a later "It added" may continue from here


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
