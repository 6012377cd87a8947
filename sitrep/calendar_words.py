"""Month and weekday names as news copy writes them, built once from ``vocab/months.csv`` and
``vocab/weekdays.csv`` for every rule that reads them: the publication-date reader (ingest),
the event-date resolver, the sentence splitter and the casualty rules (extract), copy
detection and fusion (fuse), the toponym recogniser (geo) and the synthetic reports
(evaluate). One table, so all of them read "Sept. 3" and "3 June" alike."""

from __future__ import annotations

import re

from sitrep import vocab

_MONTHS = vocab.months()
_WEEKDAYS = vocab.weekdays()

MONTH_NAMES = tuple(m.name for m in _MONTHS)  # "January" ... "December"
MONTH_ABBREVIATIONS = tuple(a for m in _MONTHS for a in m.abbreviations)  # "Jan" ... "Sept" ...
MONTH_WORDS = tuple(w for m in _MONTHS for w in (m.name, *m.abbreviations))  # names, then short
# Every written form of a month starts with its first three letters: "Jan" ... "Dec".
MONTH_STEMS = tuple(m.name[:3] for m in _MONTHS)
# The stems and the longer abbreviations ("Sep", "Sept"), for a pattern that lets any letters
# follow them ("Sept[a-z]*").
MONTH_PREFIXES = tuple(dict.fromkeys(p for m in _MONTHS for p in (m.name[:3], *m.abbreviations)))
MONTHS = {m.name[:3].lower(): m.number for m in _MONTHS}  # "jan" -> 1

# A dateline in plain case ("Beirut, April 04: ", "Kabul, Aug 30 (Agency): "): a place, the
# filing date and a colon, as South Asian agencies write them (the date makes it no sentence).
# Group 1 is the place. Read by the date reader (extract) and the toponym recogniser (geo).
DATED_DATELINE = (
    r"([A-Z][a-z'’.\-]+(?:[ \t]+[A-Z][a-z'’.\-]+){0,2}),[ \t]*(?:[A-Z][a-z]+,[ \t]*)?"
    rf"(?:{'|'.join(MONTH_STEMS)})[a-z]*\.?[ \t]+\d{{1,2}}(?:,[ \t]*\d{{4}})?"
    r"[ \t]*(?:\([^()\n]{1,40}\))?[ \t]*[:—–-]+[ \t]+"
)

# A dateline in plain case with a news agency in capitals and a dash ("Damascus, SANA - ",
# "Aleppo, SANA-"), as state agencies write them: the filing place, not the event's.
AGENCY_DATELINE = (
    r"([A-Z][a-z'’.\-]+(?:[ \t]+[A-Z][a-z'’.\-]+){0,2}),[ \t]*"
    r"(?:[A-Z]{2,8}|Saba|Xinhua|Anadolu|Reuters)[ \t]*[—–-]+[ \t]*"
)


def month_alternation(*, stops: bool, lower: bool = False) -> str:
    """An alternation of every month's written forms, one group a month, longest form first:
    names and abbreviations, with ``stops`` also the abbreviations a month's row lets a date
    write with a full stop ("Sept."), in lower case with ``lower``. No group name and no
    boundary: callers add what they need."""
    groups = []
    for m in _MONTHS:
        forms = [m.name, *m.abbreviations]
        if stops and m.stop:
            forms += [f"{a}." for a in m.abbreviations]
        groups.append(vocab.alternation(f.lower() if lower else f for f in forms))
    return "|".join(f"(?:{g})" for g in groups)


# Month names are matched capitalised only, so the verb "march" and the modal "may" never count.
MONTH_PATTERN = rf"(?P<mon>{month_alternation(stops=True)})(?![a-z])"

WEEKDAY_NAMES = tuple(d.name for d in _WEEKDAYS)  # "Monday" ... "Sunday"
WEEKDAY_ABBREVIATIONS = tuple(a for d in _WEEKDAYS for a in d.abbreviations)  # "Mon", "Tue" ...
WEEKDAY_NUMBERS = {d.name.lower(): d.number for d in _WEEKDAYS}  # "monday" -> 0
# Any weekday's full name: "(?:Mon|Tues|...)day".
WEEKDAY_PATTERN = (
    "(?:" + "|".join(re.escape(d.name.removesuffix("day")) for d in _WEEKDAYS) + ")day"
)
