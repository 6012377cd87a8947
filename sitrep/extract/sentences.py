"""Split article text into sentences, keeping character offsets into the text.

Why a regex splitter and not spaCy: the baseline must run at hundreds of articles per second
and every later field points back into ``Article.text`` through offsets. The rules are the
usual ones for news English:

- a blank line always ends a sentence (paragraphs; also headlines and datelines without a stop);
- ``.``, ``!``, ``?`` (optionally followed by closing quotes or brackets) end a sentence when
  whitespace and an upper-case letter, digit or opening quote follow;
- a stop after a known abbreviation ("Dr.", "Jan.", "Gen."), an initial ("J. Smith") or a dotted
  acronym ("U.S.", "U.N.") is not a boundary - unless, for acronyms, the next word is one that
  typically opens a sentence ("The", "He", ...), since "...sanctions on the U.S. The ..." happens.

``caption_flags`` marks the sentences of photo captions, which pages keep between paragraphs
of the report (see its docstring).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from sitrep import vocab
from sitrep.calendar_words import (
    AGENCY_DATELINE,
    DATED_DATELINE,
    MONTH_ABBREVIATIONS,
    MONTH_PREFIXES,
    MONTH_STEMS,
    WEEKDAY_PATTERN,
)
from sitrep.model import Span

__all__ = ["caption_flags", "dateline_end", "picture_date", "split_sentences"]

# Words that take a full stop and are normally followed by more of the same sentence.
_ABBREVIATIONS = vocab.words("abbreviations.csv") | {a.lower() for a in MONTH_ABBREVIATIONS}

# Openers that make a dotted acronym ("U.S.") sentence-final after all.
_SENTENCE_OPENERS = vocab.words("sentence_openers.csv")

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Candidate end: terminal punctuation, optional closers, then whitespace, then what follows.
# Only at the start of a punctuation run, and without backtracking into it (possessive
# quantifiers): otherwise every position of a long run of stops rescans the rest of the run,
# and 300,000 full stops took hours (quadratic). The matches are the same, since a shorter
# run is followed by another stop, never by the white space the lookahead needs.
_CANDIDATE = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+(?=\s++([\"'“‘(\[]?)([A-Z0-9]))")
_WORD_BEFORE = re.compile(r"([\w.'’-]+)[.!?]+[\"'”’)\]]*$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:[A-Za-z]\.)+[A-Za-z]$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘(\[]?([A-Za-z]+)")


def _is_boundary(text: str, end: int, stop_at: int, start: int) -> bool:
    """Whether the punctuation run ending at ``end`` closes a sentence (see module docstring)."""
    stop = text[stop_at]
    if stop in "!?":
        return True
    word_match = _WORD_BEFORE.search(text, max(start, stop_at - 40), end)
    if not word_match:
        return True
    word = word_match.group(1)
    if _DOTTED_ACRONYM.match(word + "."):
        nxt = _NEXT_WORD.match(text, end)
        return bool(nxt and nxt.group(1) in _SENTENCE_OPENERS)
    bare = word.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        return False
    # An initial: a single capital letter ("J. Smith"), but not the pronoun "I" ending a clause.
    return not (len(word) == 1 and word.isupper() and word != "I")


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    sent_start = start
    for m in _CANDIDATE.finditer(text, start, end):
        if not _is_boundary(text, m.end(), m.start(), sent_start):
            continue
        spans.append(Span(sent_start, m.end(), text[sent_start : m.end()]))
        # Skip the whitespace to the next sentence.
        nxt = m.end()
        while nxt < end and text[nxt].isspace():
            nxt += 1
        sent_start = nxt
    if sent_start < end:
        spans.append(Span(sent_start, end, text[sent_start:end]))
    return spans


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as Spans whose offsets index ``text`` (``text[s.start:s.end] == s.text``).

    Example:
        >>> [s.text for s in split_sentences("Dr. Ali arrived in the U.S. on Jan. 5. He left.")]
        ['Dr. Ali arrived in the U.S. on Jan. 5.', 'He left.']
    """
    spans: list[Span] = []
    pos = 0
    breaks = [(m.start(), m.end()) for m in _PARAGRAPH_BREAK.finditer(text)]
    breaks.append((len(text), len(text)))
    for para_end, next_start in breaks:
        start, end = _strip(text, pos, para_end)
        if start < end:
            for span in _split_paragraph(text, start, end):
                for piece_start, piece_end in _cap(text, span.start, span.end):
                    s, e = _strip(text, piece_start, piece_end)
                    if s < e:
                        spans.append(Span(s, e, text[s:e]))
        pos = next_start
    return spans


MAX_SENTENCE_CHARS = 600  # longer "sentences" are unpunctuated dumps, not sentences


def _cap(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut an over-long sentence at spaces into pieces of at most MAX_SENTENCE_CHARS, so one
    unpunctuated page cannot make every later step (regexes, parser, embeddings) crawl."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


_MONTH = rf"(?:{'|'.join(MONTH_STEMS)})[a-z]*\.?"
# "ALEPPO, Syria, March 14 (Levant Wire) - ", "NEW YORK, 26 September - ": place, optional date
# (either order, a year after it or not), optional outlet, then a dash.
_DATELINE = re.compile(
    r"^[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][\w'’. -]{1,40}){0,2}"
    rf"(?:,\s*(?:(?:{_MONTH})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH}))(?:,?\s+\d{{4}})?)?"
    r"\s*(?:\([^()]{1,60}\))?\s*[-–—]+\s+"
)
_DATED_DATELINE = re.compile(DATED_DATELINE)  # "Beirut, April 04: "
_AGENCY_DATELINE = re.compile(AGENCY_DATELINE)  # "Damascus, SANA - "


def dateline_end(sentence: str) -> int:
    """Length of a wire dateline opening ``sentence`` ("ALEPPO, March 14 (Levant Wire) - ",
    "Beirut, April 04: ", "Damascus, SANA - "), or 0.

    The dateline's date is when the story was filed, not when the event happened, so the date
    reader skips it.
    """
    m = (
        _DATELINE.match(sentence)
        or _DATED_DATELINE.match(sentence)
        or _AGENCY_DATELINE.match(sentence)
    )
    return m.end() if m else 0


# A caption's picture date: "..., Syria April 4, 2017." or "..., Thursday, July 14, 2022." at
# the end of the sentence, with no preposition before it (a report writes "on April 4").
_MONTH = rf"(?:{'|'.join(MONTH_PREFIXES)})[a-z]*\.?"
_WEEKDAY = rf"(?:{WEEKDAY_PATTERN},?\s+)"
_PICTURE_DATE = re.compile(
    rf"(?P<before>[\w’'.-]+)?[,\s]\s*{_WEEKDAY}?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|"
    rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*[.)]?$"
)
_FULL_DATE = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}})\s*[.)]?$"
)
_DATE_PREPOSITIONS = vocab.words("date_prepositions.csv")
# A header or byline line ("By News Desk - August 30 2021") ends in a date too, but describes
# nothing: a picture's description runs to more words than this before its date.
_DESCRIPTION_WORDS = 6
# A caption runs to a few lines; a longer paragraph that ends in a credit is a report's body.
_CAPTION_SENTENCES = 4


@lru_cache(maxsize=1)
def _caption_cues() -> dict[str, tuple[re.Pattern[str], ...]]:
    cues: dict[str, list[re.Pattern[str]]] = {"opener": [], "credit": [], "weak_credit": []}
    for kind, pattern in vocab.caption_cues():
        cues[kind].append(re.compile(pattern))
    return {kind: tuple(patterns) for kind, patterns in cues.items()}


def _has(kind: str, text: str) -> bool:
    return any(p.search(text) for p in _caption_cues()[kind])


def picture_date(sentence: str) -> bool:
    """Whether ``sentence`` ends with a date and nothing to say how it relates to the words
    before it ("... in Idlib, Syria April 4, 2017."): how a caption dates its picture."""
    m = _PICTURE_DATE.search(sentence.rstrip())
    if m is None:
        return False
    before = (m.group("before") or "").rstrip(",").lower()
    words = len(sentence[: m.start()].split())
    return before not in _DATE_PREPOSITIONS and words >= _DESCRIPTION_WORDS


def caption_flags(text: str, spans: Sequence[Span]) -> list[bool]:
    """For each sentence of ``spans`` (from ``split_sentences(text)``), whether it belongs to a
    photo caption rather than to the report.

    A caption describes a picture ("A man walks past the damaged station in Lakra, June 7,
    2021. REUTERS/Name"): its date is the picture's, its "walks past" no event, and a story
    that took either would be dated and typed by a photo. Captions are told by shape
    (``vocab/caption_cues.csv``): a sentence that opens like one ("In this photo provided by
    ...", "This frame grab ... shows", "A picture shows", "Photo: ..."); a short paragraph
    (at most ``_CAPTION_SENTENCES`` sentences) that ends in a photo credit ("REUTERS/Name",
    "(AP Photo/Name)", "... via REUTERS", "Pics/AFP"), every sentence of it; a bare agency in
    brackets ("(AFP)") only after a full date, since a report's last line may carry its own
    agency; and a sentence that ends in a date with no preposition before it ("..., Syria
    April 4, 2017."), which a report never writes.

    Example:
        >>> text = ("Shells hit Lakra on Monday.\\n\\nA man walks past a damaged shop in Lakra, "
        ...     "June 7, 2021. REUTERS/Ann Lee")
        >>> caption_flags(text, split_sentences(text))
        [False, True, True]
    """
    flags = [False] * len(spans)
    paragraphs: list[list[int]] = []
    last_end = -1
    for i, span in enumerate(spans):
        gap = text[last_end : span.start] if last_end >= 0 else ""
        if not paragraphs or "\n" in gap:
            paragraphs.append([])
        paragraphs[-1].append(i)
        last_end = span.end
    for para in paragraphs:
        tail = spans[para[-1]].text.rstrip()
        before_tail = spans[para[-2]].text if len(para) > 1 else tail
        credit = _has("credit", tail) or (
            _has("weak_credit", tail)
            and bool(_FULL_DATE.search(tail[: tail.rfind("(")].rstrip() or before_tail.rstrip()))
        )
        if credit and len(para) <= _CAPTION_SENTENCES:
            for i in para:
                flags[i] = True
            continue
        for i in para:
            if _has("opener", spans[i].text) or picture_date(spans[i].text):
                flags[i] = True
    return flags
