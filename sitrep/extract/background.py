"""Background: a sentence that recalls a pattern of events instead of telling one.

"Israel has struck targets inside Syria on multiple occasions throughout the war, including
those linked to Iran's chemical weapons programme", "In response, the rebels have intensified
missile attacks on the border towns", "Every day, the army shells our villages": each names
violence, so the trigger lexicon types it ("chemical weapons" even makes it a chemical attack),
and a claim of it would found an event that never happened on any day. What makes them
background is the verb's tense and aspect with its adverbials, not the words of the event:

- the perfect, present or past ("has struck", "have been unleashing", "had intensified"),
  with a frequency adverbial ("on multiple occasions", "repeatedly"), a duration ("for
  years", "throughout the war") or a trend verb ("have intensified", "has stepped up"): a
  pattern up to now (or up to then);
- a habitual adverbial ("every day", "nightly") with any tense: a habit;
- a stretch of weeks or more up to now ("in recent weeks", "over the past months") with any
  tense: many events, none of them told.

A recent day or window ("on Tuesday", "overnight", "in the past 24 hours") keeps the sentence
an event report however often it says things happened ("has been shelled repeatedly since this
morning"). The words are data (``vocab/background_cues.csv``).

The baseline runs without a parser, so the clause is read from its shape: only the stretch of
the sentence that holds the event's trigger counts, cut at double quotes ('"Every day Russia
kills civilians," the president said of the missile attack on Vinnytsia' reports the attack,
which the quote's habit does not reach), and without its relative clauses (", which has been
under siege for years," says nothing of when "four hospitals were bombed on Monday").
Such a sentence makes no claim, as the other background cues of ``events.py`` do.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep import vocab

__all__ = ["background_reason"]

# has/have/had as the auxiliary of a perfect: a participle (or "been") within two words after
# it ("has struck", "have also been unleashing", "has on numerous occasions claimed", "have
# for years come under", "had intensified around the town since the start of October"), not
# "has to", "has no", "have a".
# The past perfect only in the sentence's own clause: "Rebels, who had shelled the town for
# weeks, said the army attacked on Monday" tells the attack.
_PERFECT = re.compile(
    r"\b(?:has|have|had|’ve|'ve)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:been|(?:be)?come|[a-z]+(?:ed|en|wn|ne|ck|ght|ung|ot|it|ut|id|ld|de|ruck|un))\b",
    re.IGNORECASE,
)
_PAST_PERFECT = re.compile(r"\bhad\b", re.IGNORECASE)
# A relative clause in commas: ", which has been under siege for years,".
_RELATIVE = re.compile(r",\s*(?:which|who|whose|where)\b[^,;]*(?:,|$)", re.IGNORECASE)
_QUOTES = re.compile(r"[\"“”]")


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    cues: dict[str, list[re.Pattern[str]]] = {}
    for kind, pattern in vocab.background_cues():
        cues.setdefault(kind, []).append(re.compile(pattern, re.IGNORECASE))
    return {kind: tuple(patterns) for kind, patterns in cues.items()}


def _fires(kind: str, text: str) -> bool:
    return any(p.search(text) for p in _cues().get(kind, ()))


def _clause(sentence: str, at: int | None) -> str:
    """The stretch of ``sentence`` between the double quotes around position ``at`` (the
    whole sentence when ``at`` is None), with its relative clauses removed; when ``at`` is
    inside a relative clause, that clause alone (", where air strikes have killed scores since
    a truce collapsed": the trigger's own tense and adverbials, not the meeting's "on Sunday")."""
    if at is not None:
        marks = [m.start() for m in _QUOTES.finditer(sentence)]
        start = max((i + 1 for i in marks if i < at), default=0)
        end = min((i for i in marks if i >= at), default=len(sentence))
        sentence, at = sentence[start:end], at - start
        for m in _RELATIVE.finditer(sentence):
            if m.start() <= at < m.end():
                return _PAST_PERFECT.sub(" ", m.group(0))
    return _RELATIVE.sub(" ", sentence)


def background_reason(sentence: str, trigger_start: int | None = None) -> str | None:
    """Why ``sentence`` recalls a pattern rather than an event ("habitual", "background"),
    or None; ``trigger_start`` is where its event trigger starts in ``sentence`` (None: a
    sentence with a figure and no trigger, read whole).

    Example:
        >>> background_reason("The army has shelled the valley on many occasions since 2019.")
        'background'
        >>> background_reason("The army shelled the valley on Tuesday.") is None
        True
    """
    clause = _clause(sentence, trigger_start)
    if _fires("recent", clause):
        return None
    if _fires("habitual", clause):
        return "habitual"
    if _fires("stretch", clause):
        return "background"  # "the army shelled its outskirts in recent weeks"
    perfect = _PERFECT.search(clause)
    if perfect is None:
        return None
    if _fires("frequency", clause) or _fires("duration", clause):
        return "background"
    return "background" if _fires("trend", clause[perfect.start() :]) else None
