"""The date of a story, lent to the claims of an article that give no date of their own.

A report dates its incident once, in the lead ("Russian missiles struck Vinnytsia on
Thursday") or the dateline ("ANKARA, Dec. 19 (Xinhua) --"), and the sentences after it
elaborate ("According to the emergency service, 12 people were killed."). A coder dates those
from the story. So a claim with no date phrase takes, in order (``When.origin``):

1. ``previous``: the date of the nearest earlier dated claim of the same article (the
   sentence it elaborates) when that date is a day or a week (a month or a year, "pauses
   declared in October and November", is no day to place what follows on), unless that
   date is the publication day and the story date (2.) lies before it: a lead that dates
   the incident earlier makes a later "on Thursday" or "this morning" of the publication day
   the time of telling (a finding released, a statement posted), and what follows it still
   tells of the incident;
2. ``story``: else the story date, the first event date of day or week precision in the lead
   (its first ``LEAD_SENTENCES`` sentences; a line that is only a date is the page's header,
   and "earlier this month" is too vague to lend); ``dateline``: else the dateline's date;
3. ``published``: else the publication date, precision "day", the last resort a coder uses
   for a report of the day.

A live page ("13:35 - Breaking: Turkish military says 14 soldiers killed ...") is a run of
entries, each its own report of the page's day, often newest first: an entry lends no date
to the next one ("21:30 - ... Monday's killing of the ambassador" dates nothing of "18:50 -
Amaq claims its fighters destroyed Turkish tanks"); a claim with no date of its own takes the
day its entry gave before it ("09:40 - Recap: ... entered Mukalla on Sunday. The coalition
says hundreds were killed"), else the publication date before the story's, as origin
``entry``: unlike a report's filing date, which says nothing of a follow-up's incident, a
live entry tells the news of its hour, so fusion reads that date as the claim's.

The lent When keeps no text and no span. Fusion counts only a date with text as a fact of the
claim's own, and reads a lent date as fusion always has: a ``previous`` date places the claim
on its neighbour's day, while ``story``, ``dateline`` and ``published`` dates count as no date
at all. The dateline and publication dates are when the report was filed, which for a
follow-up ("relatives appealed on Friday for the men abducted last month") is not the
incident's day, and a lead's date lent to the sentences before the first dated claim would
pull them away from the events their own facts point to (measured on the synthetic fusion
set: it splits incidents).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from sitrep.extract.dates import as_date, best_when, find_dates
from sitrep.ingest.published import dateline_date
from sitrep.model import Claim, Span, When

__all__ = ["LEAD_SENTENCES", "inherit_dates", "live_entries", "opens_entry", "story_when"]

LEAD_SENTENCES = 5
# A lead date further back than this is history told in passing, not the story's day.
HISTORY_DAYS = 365
_STORY_PRECISIONS = ("day", "week")
_LETTERS = re.compile(r"[A-Za-z]{3,}")
# A live page's entry opens its line with a time stamp: "13:35 - ", "0915 GMT: ", "9.40am -"
_ENTRY = re.compile(
    r"^[ \t]*(?:\d{1,2}[:.]\d{2}|\d{4})[ \t]*(?:(?:GMT|BST|UTC|CET|EET|ET|EST|am|pm|a\.m\.|p\.m\.)"
    r"[ \t]*)?[-\u2013\u2014:|]",
    re.MULTILINE,
)
_LIVE_ENTRIES = 3  # this many stamped lines make a live page


def _only_a_date(sentence: str, dates: list[When]) -> bool:
    """A header line ("Friday, 15 July 2022", "Updated 26 Oct 2016 10:42"): what is left
    after the date phrases holds at most one word."""
    rest = sentence
    for w in dates:
        if w.text:
            rest = rest.replace(w.text, " ")
    return len(_LETTERS.findall(rest)) <= 1


def _dateline_when(text: str, pub: dt.date | None) -> When | None:
    found = dateline_date(text)
    if found is None:
        return None
    month, day, year = found
    if year is None:
        if pub is None:
            return None
        year = pub.year - 1 if (month, day) > (pub.month, pub.day) else pub.year
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return When(start=d, end=d, precision="day", origin="dateline")


def story_when(
    text: str, sentences: list[Span], published: dt.date | dt.datetime | None
) -> When | None:
    """The story's date: the lead's first event date, else the dateline's; None if neither.

    Example:
        >>> from sitrep.extract.sentences import split_sentences
        >>> text = "Shells hit the market on Tuesday. Nine people were killed."
        >>> w = story_when(text, split_sentences(text), dt.date(2024, 3, 15))
        >>> (w.start, w.precision, w.origin, w.text)
        (datetime.date(2024, 3, 12), 'day', 'story', None)
    """
    pub = as_date(published)
    for sentence in sentences[:LEAD_SENTENCES]:
        dates = find_dates(sentence.text, pub, sentence.start)
        if not dates or _only_a_date(sentence.text, dates):
            continue
        w = best_when(dates, sentence.start)
        if w is None or w.start is None or w.precision not in _STORY_PRECISIONS:
            continue
        if pub is not None and w.end is not None and (pub - w.end).days > HISTORY_DAYS:
            continue
        return When(start=w.start, end=w.end, precision=w.precision, origin="story")
    return _dateline_when(text, pub)


def opens_entry(sentence: str) -> bool:
    """Whether the sentence is the first of a live page's entry ("20:05 - Result: ...")."""
    return _ENTRY.match(sentence) is not None


def live_entries(text: str) -> list[int]:
    """Where a live page's entries start (empty for any other page)."""
    starts = [m.start() for m in _ENTRY.finditer(text)]
    return starts if len(starts) >= _LIVE_ENTRIES else []


def inherit_dates(
    claims: list[Claim],
    story: When | None = None,
    published: dt.date | dt.datetime | None = None,
    text: str = "",
) -> list[Claim]:
    """Give each claim without a date the nearest earlier dated claim's date, else the
    story's, else the publication date (see the module docstring; ``text``, the article's,
    tells a live page's entries apart). Claims are changed in place and returned; a claim
    with a date phrase of its own keeps it."""
    pub = as_date(published)
    entries = live_entries(text)
    last: When | None = None
    entry = -1
    for claim in claims:
        if entries:
            here = bisect.bisect_right(entries, claim.sentence.start)
            if here != entry:
                last, entry = None, here  # an entry lends nothing to the next
            if last is None and here > 0:
                # "09:40 - Recap: Yemeni forces entered Mukalla on Sunday. The coalition says
                # hundreds of militants were killed": a day the entry gives before the claim
                last = _entry_day(text, entries[here - 1], claim.sentence.start, pub)
        own = claim.when
        if own is not None and own.start is not None:
            # "humanitarian pauses declared in October and November": a month or a year is
            # no day to place the sentences after it on
            last = own if own.precision in _STORY_PRECISIONS else None
            continue
        if own is not None:
            continue  # a phrase whose day cannot be known: kept as written, nothing lent
        if last is not None and not _telling_day(last, story, pub):
            claim.when = _lent(last, "previous")
        elif entries and pub is not None:
            claim.when = When(start=pub, end=pub, precision="day", origin="entry")
        elif story is not None:
            claim.when = _lent(story, story.origin or "story")
        elif pub is not None:
            claim.when = When(start=pub, end=pub, precision="day", origin="published")
    return claims


def _entry_day(text: str, start: int, end: int, pub: dt.date | None) -> When | None:
    """The last day or week a live entry gives in ``text[start:end]``, before its claim."""
    days = [
        w
        for w in find_dates(text[start:end], pub, start)
        if w.start is not None and w.precision in _STORY_PRECISIONS
    ]
    return days[-1] if days else None


def _telling_day(last: When, story: When | None, pub: dt.date | None) -> bool:
    """Whether ``last`` is the publication day while the lead dates the story earlier."""
    return (
        pub is not None
        and story is not None
        and story.origin == "story"
        and story.end is not None
        and last.start == pub
        and story.end < pub
    )


def _lent(source: When, origin: str) -> When:
    return When(
        text=None, start=source.start, end=source.end, precision=source.precision, origin=origin
    )
