"""Sentences prepared for copy detection, and the posting index that finds candidate pairs.

Why two representations per sentence:

- **keys** (for finding candidates): the ``KEYS`` smallest hashes of the sentence's content-word
  bigrams, after lower-casing, dropping stop words and turning every number (digits or words)
  into ``#``. This is a bottom-k MinHash sketch: two sentences whose bigram sets overlap with
  Jaccard J share at least one key with probability of roughly 1 - (1 - J)^k, so spins that keep
  half their bigrams are found almost always, while a changed toll ("14" -> "41") changes nothing.
- **words** (for scoring): the whole word sequence, stop words kept, one character per word, so
  rapidfuzz's C++ edit distance compares word sequences at string speed. Word order is what
  separates a spin (same sentence skeleton, words swapped) from an independent report of the
  same facts (same names and numbers, its own sentence), so the function words matter here.

The index stores only integer keys and (article, sentence number) references, never text: the
store can persist it as plain rows, and the caller re-reads a source article only when one of its
sentences becomes a candidate.
"""

from __future__ import annotations

import itertools
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import xxhash

from sitrep import vocab
from sitrep.calendar_words import MONTH_NAMES, WEEKDAY_NAMES
from sitrep.extract.sentences import dateline_end, split_sentences
from sitrep.model import Span
from sitrep.word_hashes import WordHashes

__all__ = [
    "KEYS",
    "MIN_WORDS",
    "NUMBER_VALUES",
    "NUM_CODE",
    "Postings",
    "Prepared",
    "Sentence",
    "prepare",
]

KEYS = 8  # bottom-k sketch size per sentence
MIN_WORDS = 6  # shorter sentences (bylines, "Read more", headings) are never compared
MAX_SENTENCES = 1 << 16  # sentence numbers beyond this are not indexed (the ref packs into 16 bits)


_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)?")
# Number words ("zero" .. "ninety", "hundred", "thousand", "million") and their values: a
# number is "#" in a sentence, so a changed toll changes no key.
NUMBER_VALUES = dict(vocab.number_words("unit")) | dict(vocab.number_words("scale"))
# Capitalised but not names: they say when, not who or where.
_NOT_NAMES = {
    w.lower() for w in (*vocab.words("not_names.csv", "copies"), *WEEKDAY_NAMES, *MONTH_NAMES)
}
# Function words: they carry the sentence skeleton for scoring but make useless keys.
STOP_WORDS = vocab.words("stop_words.csv", "copies")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article as the copy detector sees it.

    ``no`` is the sentence's position in ``split_sentences(text)`` (short ones included), so a
    reference stays valid whatever the eligibility rules; ``span`` excludes a wire dateline,
    which copies rewrite and which says nothing about the sentence.
    """

    no: int
    span: Span
    words: str  # one character per word (numbers as "#"): the scoring sequence
    tokens: tuple[str, ...]  # the lower-cased words, numbers as written (for alignment output)
    keys: tuple[int, ...]  # bottom-k bigram hashes; empty when the sentence is too short
    names: frozenset[str] = frozenset()  # capitalised words after the first: places, people, groups


@dataclass(frozen=True)
class Prepared:
    """An article's eligible sentences (>= MIN_WORDS words) and how many sentences it has."""

    sentences: tuple[Sentence, ...]
    n_split: int


class _Codes(dict[str, str]):
    """word -> one character, so a word sequence becomes a string for rapidfuzz.

    Bounded: after LIMIT distinct words, new words share hashed code points. A collision can
    only make two different rare words look equal in one comparison, never break anything.
    """

    LIMIT = 500_000
    BASE = 0x100
    SPARE = 0x30000  # code points above every word given its own; below the Unicode maximum

    def __missing__(self, word: str) -> str:
        if len(self) < self.LIMIT:
            code = self.BASE + len(self)
            if code >= 0xD800:  # skip the surrogate block
                code += 0x800
            value = chr(code)
            self[word] = value
            return value
        return chr(self.SPARE + xxhash.xxh32_intdigest(word.encode()) % 0xC0000)


_CODES = _Codes()
_HASHES = WordHashes()
_NUM = "#"
NUM_CODE = _CODES[_NUM]  # the character that stands for any number in ``Sentence.words``


class _Norm(dict[str, tuple[str, str]]):
    """token -> (interned lower-case form, normalised form); memoised and bounded."""

    LIMIT = 1_000_000

    def __missing__(self, token: str) -> tuple[str, str]:
        low = sys.intern(token.lower())
        value = (low, _NUM if low[0].isdigit() or low in NUMBER_VALUES else low)
        if len(self) < self.LIMIT:
            self[token] = value
        return value


_NORM = _Norm()
_MASK = (1 << 64) - 1
_M1, _M2 = 0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F


def _keys(normed: list[str]) -> tuple[int, ...]:
    content = [w for w in normed if w not in STOP_WORDS]
    if len(content) < 2:
        content = normed  # a sentence of function words still gets keys
    if len(content) < 2:
        return ()
    h = [_HASHES[w] for w in content]
    # Plain Python beats numpy on ~15 bigrams; keys are signed 64-bit (a BIGINT column).
    bigrams = {(a * _M1 + b * _M2) & _MASK for a, b in itertools.pairwise(h)}
    low = sorted(bigrams)[:KEYS]
    return tuple(k - (1 << 64) if k >= (1 << 63) else k for k in low)


def is_number(token: str) -> bool:
    """Whether a token is a figure: digits or a number word ("14", "1,200", "six")."""
    return token[0].isdigit() or token.lower() in NUMBER_VALUES


def prepare(text: str) -> Prepared:
    """Split ``text`` and prepare every sentence of at least MIN_WORDS words.

    Example:
        >>> p = prepare("ALEPPO (Wire) - Shells killed 14 people in the old city on Monday.")
        >>> p.sentences[0].span.text
        'Shells killed 14 people in the old city on Monday.'
    """
    spans = split_sentences(text or "")
    out = []
    for no, span in enumerate(spans):
        cut = dateline_end(span.text)
        body = span if not cut else Span(span.start + cut, span.end, span.text[cut:])
        tokens = _TOKEN.findall(body.text)
        if len(tokens) < MIN_WORDS:
            continue
        pairs = [_NORM[t] for t in tokens]
        normed = [n for _, n in pairs]
        words = "".join(map(_CODES.__getitem__, normed))
        low = tuple(lw for lw, _ in pairs)
        keys = _keys(normed) if no < MAX_SENTENCES else ()
        names = frozenset(
            w
            for t, w in zip(tokens[1:], low[1:], strict=True)
            if t[0].isupper() and w not in _NOT_NAMES
        )
        out.append(Sentence(no, body, words, low, keys, names))
    return Prepared(tuple(out), len(spans))


class Postings:
    """key -> packed (article number, sentence number) references; articles numbered on arrival.

    A plain dict of lists: ~1.2 million postings for 10,000 articles of 15 sentences, about
    100 MB, and a lookup is one hash probe per key.
    """

    def __init__(self) -> None:
        self._lists: dict[int, list[int]] = {}
        self.ids: list[str] = []  # article number -> article id
        self._num: dict[str, int] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._num

    def __len__(self) -> int:
        return len(self.ids)

    def number(self, article_id: str) -> int:
        num = self._num.get(article_id)
        if num is None:
            num = self._num[article_id] = len(self.ids)
            self.ids.append(article_id)
        return num

    def number_of(self, article_id: str) -> int | None:
        return self._num.get(article_id)

    def add(self, article_id: str, sentence_no: int, keys: Iterable[int], cap: int) -> None:
        """Post a sentence under its keys. A list longer than ``cap`` is saturated (the key
        is boilerplate) and stops growing, which also bounds memory."""
        if sentence_no >= MAX_SENTENCES:
            return
        ref = self.number(article_id) << 16 | sentence_no
        for k in keys:
            lst = self._lists.get(k)
            if lst is None:
                self._lists[k] = [ref]
            elif len(lst) <= cap and lst[-1] != ref:
                lst.append(ref)

    def get(self, key: int) -> list[int] | None:
        return self._lists.get(key)

    def rows(self) -> Iterator[tuple[int, str, int]]:
        """(key, article id, sentence number) for every posting, article by article in arrival
        order: ``from_rows`` given them in this order numbers the articles as before, so ties
        between equally good sources break the same way after a reload."""
        n = sum(len(v) for v in self._lists.values())
        keys = np.empty(n, dtype=np.int64)
        refs = np.empty(n, dtype=np.int64)
        i = 0
        for key, lst in self._lists.items():
            keys[i : i + len(lst)] = key
            refs[i : i + len(lst)] = lst
            i += len(lst)
        order = np.lexsort((keys, refs))
        ids = self.ids
        for key, ref in zip(keys[order].tolist(), refs[order].tolist(), strict=True):
            yield key, ids[ref >> 16], ref & 0xFFFF
