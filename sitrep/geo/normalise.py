"""Name keys for place names that survive transliteration, diacritics and look-alike letters.

News spells the same Arabic, Persian or Cyrillic name many ways ("Deir ez-Zor", "Deir al-Zour",
"Dayr az Zawr"), and the gazetteer holds yet another. Two keys are used:

- ``light_key``: case, diacritics, punctuation and Unicode look-alikes folded, leading Arabic
  articles (al-, el-, ad-, as-, an-, ar-, at-, az-, ash-, ...) dropped. Two names with the same
  light key are the same string for every practical purpose, so a light-key hit is trusted.
- ``loose_key``: the light key reduced further to a transliteration skeleton: endings -ah/-eh/-a
  dropped, q/k, ou/u/o, ay/ai/ei, aw/u merged, doubled letters collapsed, spaces removed. It
  joins spellings of one name but also joins different names ("al-Haamah" and "Hama" share
  one), so a loose hit is only accepted inside the article's country and when the light forms
  are of similar length (see ``similar_length``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitrep import vocab

__all__ = [
    "ARTICLES",
    "fold",
    "light_key",
    "loose_key",
    "similar_length",
    "tokens",
]

# Cyrillic and Greek letters that render like Latin ones. Mapped only inside a name that also
# has Latin letters, so a genuinely Cyrillic name ("Харків") keeps its own key.
_LOOKALIKES = str.maketrans(
    {
        "а": "a",
        "в": "b",
        "е": "e",
        "ё": "e",
        "к": "k",
        "м": "m",
        "н": "h",
        "о": "o",
        "р": "p",
        "с": "c",
        "т": "t",
        "у": "y",
        "х": "x",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ӏ": "l",
        "ԛ": "q",
        "ԝ": "w",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "У": "Y",
        "Х": "X",
        "І": "I",
        "Ј": "J",
        "Ѕ": "S",
        "α": "a",
        "ε": "e",
        "ι": "i",
        "κ": "k",
        "ν": "v",
        "ο": "o",
        "ρ": "p",
        "τ": "t",
        "υ": "u",
        "χ": "x",
        "Α": "A",
        "Β": "B",
        "Ε": "E",
        "Η": "H",
        "Ι": "I",
        "Κ": "K",
        "Μ": "M",
        "Ν": "N",
        "Ο": "O",
        "Ρ": "P",
        "Τ": "T",
        "Υ": "Y",
        "Χ": "X",
        "Ζ": "Z",
    }
)
# Latin letters NFKD does not decompose: always mapped.
_LATIN_EXTRA = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
    }
)
# Apostrophes and ayn/hamza marks vanish ("Ma'arrat" = "Maarrat"); other punctuation splits.
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʽʾʿ]")
_SPLIT = re.compile(r"[^\w]+|_")
_LATIN = re.compile(r"[A-Za-z]")

ARTICLES = vocab.words("arabic_articles.csv")
_LEADING_THE = frozenset({"the"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, diacritic-free text with look-alike letters mapped to Latin (if mixed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    if _LATIN.search(stripped):
        stripped = stripped.translate(_LOOKALIKES)
    # NFKD leaves some ligatures and letters with strokes alone; the table maps them.
    return _APOSTROPHES.sub("", stripped.translate(_LATIN_EXTRA)).casefold()


def tokens(text: str) -> list[str]:
    """The words of a folded name: hyphens, spaces and other punctuation split."""
    return [t for t in _SPLIT.split(fold(text)) if t]


@lru_cache(maxsize=262144)
def light_key(text: str) -> str:
    """Folded words without a leading "the" or Arabic articles, joined by single spaces.

    An article is dropped only when a word follows it, so a name that *is* "As" or "An" keeps
    its key. "Deir ez-Zor" -> "deir zor"; "al-Haamah" -> "haamah"; "حلب" -> "حلب".
    """
    words = tokens(text)
    if len(words) > 1 and words[0] in _LEADING_THE:
        words = words[1:]
    kept = [w for i, w in enumerate(words) if not (w in ARTICLES and i < len(words) - 1)]
    return " ".join(kept)


_LONG_VOWELS = (("ee", "i"), ("oo", "u"))
_VOWEL_RULES = (
    ("ou", "u"),
    ("aw", "u"),
    ("o", "u"),
    ("ay", "ei"),
    ("ai", "ei"),
    ("ey", "ei"),
    ("ie", "i"),
    ("q", "k"),
    ("ck", "k"),
    ("ph", "f"),
    ("dj", "j"),
)
_ENDINGS = ("ah", "eh", "a", "e", "h")
_DOUBLES = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    if len(word) > 3:
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
    # Long vowels first: collapsing doubles before them turned "Heet" into "het", not "hit".
    for old, new in _LONG_VOWELS:
        word = word.replace(old, new)
    word = _DOUBLES.sub(r"\1", word)
    for old, new in _VOWEL_RULES:
        word = word.replace(old, new)
    return _DOUBLES.sub(r"\1", word)


@lru_cache(maxsize=262144)
def loose_key(text: str) -> str:
    """The transliteration skeleton of a name: "Deir ez-Zor", "Deir al-Zour" and "Dayr az
    Zawr" all give "deirzur". Use only with the guards described in the module docstring."""
    return "".join(_skeleton(w) for w in light_key(text).split())


def similar_length(a: str, b: str, ratio: float = 0.75) -> bool:
    """True when two light keys are of comparable length: "haamah" (6) vs "hama" (4) is not."""
    la, lb = len(a.replace(" ", "")), len(b.replace(" ", ""))
    return min(la, lb) >= ratio * max(la, lb) if la and lb else False
