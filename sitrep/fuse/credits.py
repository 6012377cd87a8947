"""Which outlets a page names, to tell which of two same-day pages copied the other.

Pages published on the same day (or both undated) give the copy analysis no order of their
own; arrival order is the user's accident, so a shuffled feed would call the original the
copy. A page that names another outlet of the corpus ("..., Al Jazeera reports", "told
BuzzFeed News" on a page that is not BuzzFeed's) is relaying that outlet's story, so it is
analysed after that outlet's pages; naming itself ("told BuzzFeed News" on buzzfeed.com) is
no credit. Outlets are compared by a squashed key (letters and digits, lower case, no
"www.", public suffix or leading "the"), so "aljazeera.com", "Al Jazeera" and "AL JAZEERA"
meet; a key that is a word any story writes ("The News", "Nation") is no key. The words are
``vocab/outlet_words.csv``'s.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sitrep import vocab

__all__ = ["credits_others", "named_keys", "outlet_key"]

_MIN_LETTERS = 5  # a shorter key counts only written in capitals ("BBC", "UPI", "AFP")
_MAX_WORDS = 4  # "Middle East Monitor", "The Times of Israel"
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’&]*(?:[ \t]+(?:[A-Z][\w'’&]*|of|al|el))*")


def _squash(text: str) -> str:
    key = re.sub(r"[^a-z0-9]", "", text.casefold())
    return key[3:] if key.startswith("the") and len(key) > 3 + 3 else key


@functools.cache
def _generic() -> frozenset[str]:
    """Keys no story's wording can credit: generic words, and country names
    ("zeenews.india.com" is no credit whenever a story names India)."""
    countries = {_squash(r["name"]) for r in vocab.read_csv("iso_countries.csv")}
    return vocab.words("outlet_words.csv", "generic") | countries


@functools.cache
def _words(use: str) -> frozenset[str]:
    """``outlet_words.csv``'s ``suffix`` ("BuzzFeed News"), ``second_level`` ("com.au") or
    ``platform`` ("x.blogspot.com") words."""
    return vocab.words("outlet_words.csv", use)


def outlet_key(outlet: str | None, url: str | None = None) -> str | None:
    """The squashed name of a page's outlet, from its name or, failing that, its address:
    the label of a host before its public suffix ("news.yahoo.com" -> yahoo, "timeslive.co.za"
    -> timeslive). None when it is too short or a word any story may write ("The News")."""
    name = (outlet or "").strip()
    if not name and url:
        name = urlsplit(url).hostname or ""
    if name and " " not in name and "." in name:  # a host
        labels = name.casefold().split(".")
        end = len(labels) - 1
        if end >= 2 and len(labels[end]) == 2 and labels[end - 1] in _words("second_level"):
            end -= 1
        if end >= 2 and labels[end - 1] in _words("platform"):  # "ammarjohmani.blogspot.com"
            end -= 1
        name = labels[end - 1] if end >= 1 else labels[0]
    key = _squash(name)
    return key if len(key) >= 3 and key not in _generic() else None


def named_keys(text: str) -> set[str]:
    """Squashed runs of capitalised words (up to four) the text holds, each also without an
    outlet suffix ("BuzzFeed News" -> buzzfeednews, buzzfeed); a key under five letters only
    when written in capitals ("BBC")."""
    found: set[str] = set()
    for m in _CAPITALISED_RUN.finditer(text or ""):
        words = m.group().split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + _MAX_WORDS) + 1):
                written = " ".join(words[i:j])
                key = _squash(written)
                if len(key) < _MIN_LETTERS and not (len(key) >= 3 and written.isupper()):
                    continue
                found.add(key)
                for suffix in _words("suffix"):
                    if key.endswith(suffix) and len(key) - len(suffix) >= _MIN_LETTERS:
                        found.add(key[: -len(suffix)])
    return found


def credits_others(text: str, own: str | None, others: Iterable[str | None]) -> bool:
    """Whether the text names one of ``others`` (outlet keys) that is not its own outlet."""
    wanted = {k for k in others if k and k != own and k not in _generic()}
    return bool(wanted) and not wanted.isdisjoint(named_keys(text))
