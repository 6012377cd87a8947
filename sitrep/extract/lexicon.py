"""Run a list of user-editable regexes over a sentence fast, with exact per-pattern results.

The event lexicon has ~40 trigger patterns and ~25 non-event cues, all matched case-insensitively.
Searching each one separately costs ~4 µs per pattern per sentence in Python's ``re`` (most of
it IGNORECASE and the leading ``\\b``, which stops ``re`` from skipping ahead by first
character), which made typing the slowest part of extraction. Two tricks, neither of which
changes any result:

1. A pattern with no upper-case literal matches the lower-cased sentence exactly as it matches
   the original case-insensitively, so it is compiled without IGNORECASE and run on
   ``text.lower()`` (offsets are unchanged; when ``lower()`` would change the length, the
   original text and IGNORECASE versions are used instead).
2. Patterns of the form ``\\bX`` (no top-level ``|``) are also joined into one alternation
   ``\\b(?:X1|X2|...)``. One search of it jumps to the next position where *some* pattern
   matches; there each pattern is tried with an anchored ``match``. Every position where any
   pattern matches is visited in order, so every pattern's first match is found, as a separate
   search would find it. Only patterns that can start with the character there are tried.

Patterns of any other shape are searched one by one, as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Lexicon"]

_UPPER_LITERAL = re.compile(r"(?<!\\)[A-Z]|\(\?-i")


def _has_top_level_bar(pattern: str) -> bool:
    """Whether ``pattern`` has a ``|`` outside every group and character class."""
    parts = _split_top(pattern)
    return parts is not None and len(parts) > 1


def _split_top(body: str) -> list[str] | None:
    """Top-level ``|`` alternatives of ``body``, or None when brackets do not balance."""
    parts, depth, start, in_class, escaped = [], 0, 0, False, False
    for i, ch in enumerate(body):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return None
        elif ch == "|" and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    if depth != 0:
        return None
    parts.append(body[start:])
    return parts


def _first_chars(pattern: str) -> frozenset[str] | None:
    """Characters a match of ``pattern`` can start with, or None when that is not obvious.

    Only simple shapes are analysed (a letter, or a non-capturing group of alternatives that
    each start with one); anything else gives None, meaning "try it everywhere". A wrong None
    costs speed, never a result.
    """
    if not pattern:
        return None
    head = pattern[0]
    if head.isalnum() or head in " -'":
        nxt = pattern[1:2]
        return None if nxt in ("?", "*", "{") else frozenset({head})
    if not pattern.startswith("(?:"):
        return None
    depth = 0
    for i, ch in enumerate(pattern):
        if ch == "\\":
            return None  # escapes inside the first group: give up rather than parse them
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                close = i
                break
    else:
        return None
    if pattern[close + 1 : close + 2] in ("?", "*", "{"):
        return None
    parts = _split_top(pattern[3:close])
    if parts is None:
        return None
    chars: set[str] = set()
    for part in parts:
        first = _first_chars(part)
        if first is None:
            return None
        chars |= first
    return frozenset(chars)


class Lexicon:
    """A fixed list of regexes matched case-insensitively; see the module docstring.

    Example:
        >>> lex = Lexicon([r"\\bclash(?:es|ed)?\\b", r"\\bshell(?:ing|ed)\\b", r"\\?$"])
        >>> sorted(lex.first_matches("Clashes and shelling resumed."))
        [0, 1]
    """

    def __init__(self, patterns: Sequence[str]) -> None:
        self.patterns = tuple(patterns)
        self._caseless = [not _UPPER_LITERAL.search(p) for p in self.patterns]
        self._exact = [
            re.compile(p) if c else None for p, c in zip(self.patterns, self._caseless, strict=True)
        ]
        self._folded = [re.compile(p, re.IGNORECASE) for p in self.patterns]
        self._bounded: dict[int, re.Pattern[str]] = {}
        for i, p in enumerate(self.patterns):
            if self._caseless[i] and p.startswith(r"\b") and not _has_top_level_bar(p[2:]):
                self._bounded[i] = re.compile(p[2:])
        self._others = [i for i in range(len(self.patterns)) if i not in self._bounded]
        # Which bounded patterns can start with a given character ("" = any character).
        self._by_char: dict[str, list[int]] = {"": []}
        for i in self._bounded:
            first = _first_chars(self.patterns[i][2:])
            for ch in first if first is not None else [""]:
                self._by_char.setdefault(ch, []).append(i)
        joined = "|".join(f"(?:{self.patterns[i][2:]})" for i in self._bounded)
        self._combined = re.compile(rf"\b(?:{joined})") if self._bounded else None

    def first_matches(self, text: str) -> dict[int, re.Match[str]]:
        """Pattern index -> its first match in ``text``, for every pattern that matches.

        Match offsets index ``text``; a match may come from the lower-cased copy, so read the
        matched words from ``text`` by offset, not with ``group()``.
        """
        lower = text.lower()
        same_length = len(lower) == len(text)
        found: dict[int, re.Match[str]] = {}
        for i in self._others:
            exact = self._exact[i]
            m = (
                exact.search(lower)
                if exact is not None and same_length
                else self._folded[i].search(text)
            )
            if m:
                found[i] = m
        if self._combined is None:
            return found
        if not same_length:  # rare: fall back to searching the original one pattern at a time
            for i in self._bounded:
                m = self._folded[i].search(text)
                if m:
                    found[i] = m
            return found
        pending = dict(self._bounded)
        pos = 0
        while pending:
            hit = self._combined.search(lower, pos)
            if hit is None:
                break
            start = hit.start()
            for i in self._by_char.get(lower[start], []) + self._by_char[""]:
                pattern = pending.get(i)
                if pattern is not None:
                    m = pattern.match(lower, start)
                    if m:
                        found[i] = m
                        del pending[i]
            pos = start + 1
        return found

    def first(self, text: str) -> int | None:
        """The lowest index of a pattern that matches ``text``, or None."""
        found = self.first_matches(text)
        return min(found) if found else None
