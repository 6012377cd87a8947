"""Lists of other stories' headlines that a scraped page keeps beside its own.

"Related stories:", "MORE FROM GULF CURRENT", "Read more: Aleppo offensive enters second
month": each headline under such a heading reads like the lead of a report ("Air strikes kill
dozens in Idlib market"), so the rules would type it, date it by the page and place it, and
fusion would join the page to that other incident. A heading (``vocab/sidebar_headings.csv``)
alone on its line opens a list, which runs over the lines after it that read as headlines (no
full stop at the end, at most ``MAX_WORDS`` words, a bullet allowed) and stops at the first line
that reads as prose. A heading with a headline after it on the same line ("Related: Ceasefire
collapses as army declares end to truce") is a list of one. Only the spans are found here:
the extraction leaves their sentences out of the report and their names out of the places.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep import vocab
from sitrep.model import Span

__all__ = ["MAX_WORDS", "sidebar_spans", "without_sidebars"]

MAX_WORDS = 20  # a longer line is prose, not a headline
_BULLET = re.compile(r"^\s*(?:[-•*·–—>»]\s*|\d{1,2}[.)]\s+)?")
_LINE = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    words = "|".join(f"(?:{r['pattern']})" for r in vocab.read_csv("sidebar_headings.csv"))
    return re.compile(rf"^\s*(?:{words})\s*(?::|-|–|—|\|)?\s*", re.IGNORECASE)


def _headline(line: str) -> bool:
    body = _BULLET.sub("", line).strip()
    return bool(body) and len(body.split()) <= MAX_WORDS and body[-1] not in '.!?"”’:'


def sidebar_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets in ``text`` of the lists of other stories' headlines.

    Example:
        >>> t = "Shells hit Lakra on Monday.\\n\\nRelated stories:\\n- Jets strike Kessa market\\n"
        >>> [t[a:b] for a, b in sidebar_spans(t)]
        ['Related stories:', '- Jets strike Kessa market']
    """
    spans: list[tuple[int, int]] = []
    listing = False
    first = True
    for m in _LINE.finditer(text):
        line = m.group()
        if not line.strip():
            continue
        title, first = first, False  # "Latest news: 20 killed in Kessa" heads its own story
        head = _heading().match(line)
        if head is not None and head.end() == len(line):  # "Related stories:" alone
            spans.append(m.span())
            listing = True
        elif (
            not title
            and head is not None
            and head.group().rstrip().endswith(":")
            and _headline(line[head.end() :])
        ):  # "Read more: Aleppo offensive enters second month"
            spans.append(m.span())
            listing = True
        elif listing and _headline(line):
            spans.append(m.span())
        else:
            listing = False
    return spans


def without_sidebars(text: str, sentences: list[Span]) -> list[Span]:
    """``sentences`` (spans of ``text``) with the lists cut out: a sentence the splitter ran
    across a list and the story ("Read more\\nThe army said ...") keeps its longest stretch
    outside the lists when that has at least three words; one all inside is dropped."""
    spans = sidebar_spans(text)
    if not spans:
        return sentences
    out = []
    for s in sentences:
        inside = [(a, b) for a, b in spans if a < s.end and s.start < b]
        if not inside:
            out.append(s)
            continue
        pieces, at = [], s.start
        for a, b in inside:
            pieces.append((at, max(at, a)))
            at = max(at, b)
        pieces.append((at, s.end))
        start, end = max(pieces, key=lambda p: p[1] - p[0])
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        start, end = start + lead, start + len(piece.rstrip())
        if len(text[start:end].split()) >= 3:
            out.append(Span(start, end, text[start:end]))
    return out
