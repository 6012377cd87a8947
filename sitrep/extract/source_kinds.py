"""What kind of source a cited phrase is: monitor, state media, government, military, ...

Fusion and the reader weigh "SOHR said" differently from "the Houthis' TV said" or "a resident
said", so every Source carries a kind. A name the source table knows takes the table's kind
(``sources.csv``); any other phrase is read from its words (``source_kinds.csv``): phrases
first ("civil defence", "defence ministry"), then single words from the end of the phrase
back, so the head noun of "a Syrian army officer" or "the brother of one of those killed"
decides before its modifiers do. Nothing matching leaves the kind unknown (``None``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from sitrep import vocab

__all__ = ["is_anaphor", "kind_of", "known_name"]


@cache
def _tables() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]], dict[str, str]]:
    by_name = {e.name: e.kind for e in vocab.sources() if e.kind}
    phrases = [
        (re.compile(rf"(?<![\w-]){re.escape(w.word)}(?![\w-])"), w.kind)
        for w in vocab.source_kind_words()
        if " " in w.word
    ]
    words = {w.word: w.kind for w in vocab.source_kind_words() if " " not in w.word}
    return by_name, phrases, words


@cache
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    entries = vocab.sources()
    lower = {e.alias.lower(): e.name for e in entries}
    # Several words: any case ("Human rights"); one word: as written ("WHO" is no "who"),
    # or capitalised when written in lower case ("Eyewitnesses").
    several = vocab.alias_pattern(e.alias for e in entries if " " in e.alias)
    one = vocab.alias_pattern(e.alias for e in entries if " " not in e.alias)
    return re.compile(rf"(?<![\w-])(?:(?i:{several})|{one})(?![\w-])"), lower


def known_name(text: str) -> str | None:
    """The canonical name of the first (longest) table alias inside ``text``, if any."""
    pattern, lower = _aliases()
    m = pattern.search(text)
    return lower.get(re.sub(r"\s+", " ", m.group(0)).lower()) if m else None


_PRONOUNS = vocab.attribution_words()["pronoun"]


def is_anaphor(text: str) -> bool:
    """A pronoun or a bare definite noun ("the group") that points back to a named source."""
    words = text.lower().split()
    if len(words) == 1:
        return words[0] in _PRONOUNS
    noun = text.split()[-1] if len(words) == 2 else ""
    # "the ministry" points back; "the Observatory", capitalised, is a name
    return (
        noun.islower()
        and words[0] in ("the", "this")
        and noun in vocab.attribution_words().get("anaphor", frozenset())
    )


_WORD = re.compile(r"[\w.'’-]+")


def _cut_clauses(text: str) -> str:
    """The phrase before a clause that describes it ("... that controls the capital")."""
    return re.split(r"\b(?:who|which|that|where|whose)\b", text, maxsplit=1)[0]


@lru_cache(maxsize=4096)  # wire copy repeats the same phrases across articles
def kind_of(text: str, name: str | None = None) -> str | None:
    """The kind of the source written ``text`` whose normalised name is ``name``.

    Example:
        >>> kind_of("regional Gov. Vitaliy Kim"), kind_of("SOHR", "Syrian Observatory for Human Rights")
        ('government', 'monitor')
    """
    by_name, phrases, words = _tables()
    if name is not None and name in by_name:
        return by_name[name]
    lower = _cut_clauses(text.lower())
    for pattern, kind in phrases:
        if pattern.search(lower):
            return kind
    for word in reversed(_WORD.findall(lower)):
        word = word.removesuffix("'s").removesuffix("’s")
        if word in words:
            return words[word]
    return None
