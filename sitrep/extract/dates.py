"""When an event happened, from a date phrase resolved against the publication date.

News rarely prints full dates: "on Thursday", "yesterday", "last week". These only mean something
relative to when the article was published, so every resolver takes that date. Rules (the
ACLED coders' reading):

- a weekday ("on Thursday", "Monday night") is the most recent such day on or before the
  publication date (published on a Thursday, "on Thursday" is that day); "last Thursday" is
  the Thursday of the previous calendar week, as "last week" is that week (published on a
  Saturday, "on Friday" is the day before and "last Friday" eight days before: the writer
  says "last" to set it apart from the nearer one); "next Thursday" is the future and is
  ignored;
- "the previous night", "the day before" count back from the date the sentence gives before
  them; when that date is the time of telling ("the governor said on Monday that worshippers
  were killed the previous night") it is dropped and the killing is dated Sunday; when it is
  an event's ("a bomb struck on Saturday the buses that had left the day before") it stays
  the sentence's date. With no date before it the phrase is left out: no day is invented;
- "yesterday", "last night" = the day before; "today", "tonight", "this morning" = that day;
  "overnight" = the day before to that day; "two days ago" = two days before;
- "last week" = Monday..Sunday of the previous calendar week, precision "week"; "this week",
  "earlier this week" = Monday of this week..publication day; "the weekend" = the most recent
  Saturday..Sunday, precision "week";
- "last month" / "this month" / "earlier this month" and "last year" / "this year" likewise,
  with precision "month" / "year";
- "March 3", "3 March", "March 3, 2024", "2024-03-03" are days; a missing year is the
  publication year, or the year before when that would put the day after publication;
- "in March", "March 2024" are months (never a made-up day), "in 2023" a year;
- a wire dateline ("ALEPPO, March 14 (Levant Wire) -", "KHARTOUM (Agency - 15th June, 2023)")
  is the filing date, so it is skipped;
- "Sunday, December 3" is one phrase, the calendar date (the weekday only confirms it);
- not the event's date (``not_event_date``): a duration or background ("since 2012", "since
  late September", "throughout last year", "over the last week", "until March"), a page header
  ("date 2017-03-27", "Updated: ..."), the day a statement was made ("in a statement on
  Wednesday", "according to officials on Monday", "told reporters on Monday", "according
  to a document seen on Thursday");
- Cyrillic or Greek look-alike letters ("\u043en Saturda\u0443", as spun copies write it) are
  read as the Latin ones; the phrase keeps the text as written.

Every date found here has ``origin == "own"``; ``extract.story_dates`` lends dates to the claims that
have none.

No range ever ends after the publication date. With the publication date unknown, a relative
phrase still comes back (text, span, precision) with ``start = end = None``: the phrase is kept
but no date is invented. Plain regex and ``datetime``; ``dateparser.search`` misreads weekdays.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitrep import vocab
from sitrep.calendar_words import (
    MONTH_PATTERN,
    MONTH_STEMS,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAY_NUMBERS,
    WEEKDAY_PATTERN,
)
from sitrep.extract.sentences import dateline_end
from sitrep.extract.speakers import told_after, told_before
from sitrep.model import Span, When

__all__ = [
    "after_the_date_at",
    "as_date",
    "before_the_telling",
    "best_when",
    "find_dates",
    "find_when",
    "not_event_date",
]

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

# "two days ago", "a week ago": the counts a relative date is written with.
_SMALL_NUMBERS = dict(vocab.number_words("dates"))

_WEEKDAY = rf"(?P<wd>{'|'.join(WEEKDAY_NAMES)})\b"
_PART_OF_DAY = r"(?:\s+(?i:night|morning|evening|afternoon))?"
# "Sunday, December 3": the weekday only confirms the calendar date that follows it.
_ANY_WEEKDAY = rf"(?:{WEEKDAY_PATTERN},?\s+)"

# A date phrase right after these is not when the event happened (``vocab/date_cues.csv``): a
# duration's start or span (background: the sentence tells of a period, not an incident), a
# page header (the page's own date), the day a statement was made (the report's date, which
# is not the event's).
_CUES = vocab.date_cues()


def _any(kind: str, text: str, *, at_start: bool = False) -> bool:
    return any((p.match(text) if at_start else p.search(text)) for p in _CUES[kind])


# A dateline in brackets or before them ("KHARTOUM (Agency - 15th June, 2023) The ...",
# "KYIV, Ukraine, July 14 (Agency): ..."): its date is the filing date.
_DATELINE_HEAD = re.compile(
    r"^[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][\w'’. -]{1,40}){0,2}\s*\([^()\n]{1,80}\)"
)


# Cyrillic and Greek letters that look like Latin ones, as spun pages use them to dodge copy
# detection ("оn Saturdaу"). Folded one for one before matching, so offsets do not move.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "aeopcyxijsdABEKMHOPCTXIJSABEZHIKMNOPTYX"
)


def not_event_date(sentence: str, start: int, end: int) -> str | None:
    """Why the date phrase at ``sentence[start:end]`` is not the event's date (background,
    header, report date), or None when it may be."""
    before = sentence[max(0, start - 60) : start]
    phrase = sentence[start:end]
    if _any("background_phrase", phrase, at_start=True) or _any("background_before", before):
        return "background"
    if _any("span_phrase", phrase, at_start=True) and _any("span_before", before):
        return "background"  # "over the last week": a span, not a day
    if _any("future_before", before):
        return "future"
    if _any("header_before", sentence[:start]):
        return "header"
    head = _DATELINE_HEAD.match(sentence)
    if head is not None and start < head.end():
        return "dateline"
    if _any("report_before", before):
        return "report"
    return None


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    precision: str
    range: tuple[dt.date | None, dt.date | None]


def as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    """The calendar date of a publication date or datetime (None stays None)."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _clamp(start: dt.date, end: dt.date, pub: dt.date) -> tuple[dt.date, dt.date]:
    """No event is reported before it happens: cut a range at the publication date."""
    end = min(end, pub)
    return min(start, end), end


def _month_number(name: str) -> int:
    return MONTHS[name[:3].lower()]


def _year_for(month: int, day: int | None, pub: dt.date | None, year: str | None) -> int | None:
    """The explicit year, else the publication year, else the year before if that is too late."""
    if year:
        return int(year)
    if pub is None:
        return None
    too_late = month > pub.month if day is None else (month, day) > (pub.month, pub.day)
    return pub.year - 1 if too_late else pub.year


# ----------------------------------------------------------------------------- resolvers
# Each takes the regex match and the publication date and returns (start, end) or None.

Resolver = Callable[[re.Match[str], dt.date | None], tuple[dt.date | None, dt.date | None] | None]


def _iso(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, dt.date] | None:
    try:
        d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    except ValueError:
        return None
    return d, d


def _numeric(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """ "07/04/2018": day first (most of the world) or month first (the US). The reading a
    named weekday confirms wins; else the one on or before the publication date and closest
    to it; with neither to tell them apart, no date rather than a guess."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(dt.date(year, month, day))
        except ValueError:
            continue
    readings = sorted(set(readings))
    if m.group("nwd"):
        wd = WEEKDAY_NUMBERS[m.group("nwd").lower()]
        readings = [d for d in readings if d.weekday() == wd]
    if len(readings) > 1 and pub is not None:
        readings = [max((d for d in readings if d <= pub), default=readings[0])]
    return (readings[0], readings[0]) if len(readings) == 1 else None


def _day_month(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    month = _month_number(m.group("mon"))
    day = int(m.group("day"))
    year = _year_for(month, day, pub, m.group("year"))
    if year is None:
        return None, None
    try:
        d = dt.date(year, month, day)
    except ValueError:
        return None
    return d, d


def _month(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    month = _month_number(m.group("mon"))
    year = _year_for(month, None, pub, m.groupdict().get("year"))
    if year is None:
        return None, None
    start, end = dt.date(year, month, 1), _month_end(year, month)
    return _clamp(start, end, pub) if pub else (start, end)


def _year(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date, dt.date]:
    year = int(m.group("year"))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return _clamp(start, end, pub) if pub and pub.year == year else (start, end)


def _weekday(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    if pub is None:
        return None, None
    wd = WEEKDAY_NUMBERS[m.group("wd").lower()]
    if (m.group("last") or "").strip().lower() == "last":  # the previous calendar week's
        d = pub - dt.timedelta(days=pub.weekday() + 7 - wd)
        return d, d
    d = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    return d, d


def _previous(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    """ "the previous night": resolved in ``find_dates`` from the date before it."""
    return None, None


def _relative_day(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    if pub is None:
        return None, None
    phrase = m.group(0).lower()
    if "overnight" in phrase:
        return pub - dt.timedelta(days=1), pub
    if "day before yesterday" in phrase:
        d = pub - dt.timedelta(days=2)
    elif "yesterday" in phrase or "last night" in phrase:
        d = pub - dt.timedelta(days=1)
    else:
        d = pub
    return d, d


def _ago(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    if pub is None:
        return None, None
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _SMALL_NUMBERS[raw]
    unit = m.group("unit").lower()
    if unit.startswith("day"):
        d = pub - dt.timedelta(days=n)
        return d, d
    if unit.startswith("week"):
        monday = pub - dt.timedelta(days=pub.weekday() + 7 * n)
        return _clamp(monday, monday + dt.timedelta(days=6), pub)
    year, month = pub.year, pub.month - n
    while month < 1:
        month += 12
        year -= 1
    return _clamp(dt.date(year, month, 1), _month_end(year, month), pub)


def _calendar_period(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    if pub is None:
        return None, None
    which = m.group("which").lower()
    unit = m.group("unit").lower()
    last = which == "last"
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday())
        if last:
            return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
        return monday, pub
    if unit == "month":
        first = pub.replace(day=1)
        if last:
            prev_end = first - dt.timedelta(days=1)
            return prev_end.replace(day=1), prev_end
        return first, pub
    if last:
        return dt.date(pub.year - 1, 1, 1), dt.date(pub.year - 1, 12, 31)
    return dt.date(pub.year, 1, 1), pub


def _weekend(m: re.Match[str], pub: dt.date | None) -> tuple[dt.date | None, ...] | None:
    if pub is None:
        return None, None
    back = (pub.weekday() - 5) % 7  # days since the most recent Saturday (0 on a Saturday)
    saturday = pub - dt.timedelta(days=back)
    return _clamp(saturday, saturday + dt.timedelta(days=1), pub)


_RULES: list[tuple[re.Pattern[str], str, Resolver]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), "day", _iso),
    (
        re.compile(
            rf"\b(?:(?i:on)\s+)?(?:(?P<nwd>{'|'.join(WEEKDAY_NAMES)}),?\s*)?"
            r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>(?:19|20)\d\d)\b"
        ),
        "day",
        _numeric,
    ),
    (
        re.compile(
            rf"\b(?:(?i:on)\s+)?{_ANY_WEEKDAY}?{MONTH_PATTERN}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
            r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
        "day",
        _day_month,
    ),
    (
        re.compile(
            rf"\b(?:(?i:on)\s+)?{_ANY_WEEKDAY}?(?:(?i:the)\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+"
            rf"(?:(?i:of)\s+)?"
            rf"{MONTH_PATTERN}(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?"
        ),
        "day",
        _day_month,
    ),
    (
        re.compile(
            rf"\b(?:(?i:in|during|early|late|mid|by|until)[\s-]+)?{MONTH_PATTERN}\s+"
            r"(?P<year>(?:19|20)\d\d)\b"
        ),
        "month",
        _month,
    ),
    (
        re.compile(
            rf"\b(?i:in|during|early|late|mid|earlier\s+in|later\s+in|by|until|at\s+the\s+"
            rf"(?:start|end|beginning)\s+of)[\s-]+{MONTH_PATTERN}"
        ),
        "month",
        _month,
    ),
    (re.compile(r"\b(?i:in|during)\s+(?P<year>(?:19|20)\d\d)\b(?!-)"), "year", _year),
    (
        re.compile(
            r"\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|"
            r"overnight|(?:earlier|later)\s+today|this\s+(?:morning|afternoon|evening))\b"
        ),
        "day",
        _relative_day,
    ),
    (
        re.compile(
            rf"\b(?P<n>\d{{1,2}}|(?i:{vocab.alternation(_SMALL_NUMBERS)}))\s+"
            r"(?P<unit>(?i:days?|weeks?|months?))\s+(?i:ago)\b"
        ),
        "day",
        _ago,
    ),
    (
        re.compile(
            r"\b(?:(?i:earlier|late|early)\s+)?(?P<which>(?i:last|this))\s+"
            r"(?P<unit>(?i:week|month|year))\b"
        ),
        "period",
        _calendar_period,
    ),
    (
        re.compile(
            r"\b(?i:last\s+weekend|over\s+the\s+weekend|at\s+the\s+weekend|this\s+weekend)\b"
        ),
        "week",
        _weekend,
    ),
    (
        re.compile(
            r"\b(?i:the\s+(?:previous|preceding)\s+(?:night|day|evening|morning|afternoon)|"
            r"the\s+(?:night|day|evening)\s+before|a\s+day\s+earlier)\b"
        ),
        "day",
        _previous,
    ),
    (
        re.compile(
            rf"(?<!(?i:next) )(?<!(?i:coming) )\b(?:(?P<last>(?i:last|on|late\s+on|early\s+on|"
            rf"late|early|since))\s+)?{_WEEKDAY}{_PART_OF_DAY}"
        ),
        "day",
        _weekday,
    ),
]


_DIGIT = re.compile(r"\d")
_RELATIVE_WORDS = (
    "yesterday",
    "today",
    "tonight",
    "last night",
    "overnight",
    "this morning",
    "this afternoon",
    "this evening",
)
# Cheap substring gates: a rule whose words are absent cannot match, so its regex is not run.
# (needs a digit, words looked for in the original text, words looked for in the lower-cased
# text). They only skip work; they never change a result.
_GATES: dict[Resolver, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {
    _iso: (True, ("-",), ()),
    _numeric: (True, ("/", "."), ()),
    _day_month: (True, MONTH_STEMS, ()),
    _month: (False, MONTH_STEMS, ()),
    _year: (True, ("19", "20"), ()),
    _relative_day: (False, (), _RELATIVE_WORDS),
    _ago: (False, (), ("ago",)),
    _calendar_period: (False, (), ("week", "month", "year")),
    _weekend: (False, (), ("weekend",)),
    _weekday: (False, WEEKDAY_NAMES, ()),
    _previous: (False, (), ("previous", "preceding", " before", "day earlier")),
}


def _gate_open(resolve: Resolver, text: str, lower: str, has_digit: bool) -> bool:
    needs_digit, words, lower_words = _GATES[resolve]
    if needs_digit and not has_digit:
        return False
    return any(w in text for w in words) or any(w in lower for w in lower_words)


def _precision(kind: str, m: re.Match[str]) -> str:
    if kind == "period":
        return m.group("unit").lower()
    if kind == "day" and m.re.groupindex.get("unit") and m.group("unit"):
        unit = m.group("unit").lower()
        return "day" if unit.startswith("day") else unit.rstrip("s")
    return kind


def find_dates(
    sentence: str, published: dt.date | dt.datetime | None, offset: int = 0
) -> list[When]:
    """Every date phrase in ``sentence``, resolved, in text order; overlapping phrases keep the
    longest ("March 3, 2024" beats "March 2024" inside it)."""
    pub = as_date(published)
    original, sentence = sentence, sentence.translate(_HOMOGLYPHS)
    skip = dateline_end(sentence)
    lower = sentence.lower()
    has_digit = _DIGIT.search(sentence) is not None
    found: list[_Found] = []
    for pattern, kind, resolve in _RULES:
        if not _gate_open(resolve, sentence, lower, has_digit):
            continue
        for m in pattern.finditer(sentence, skip):
            if m.groupdict().get("last") and m.group("last").lower() == "since":
                continue  # "since Monday" gives a start, not the event date
            if not_event_date(sentence, m.start(), m.end()):
                continue
            resolved = resolve(m, pub)
            if resolved is None:
                continue
            found.append(_Found(m.start(), m.end(), _precision(kind, m), resolved))
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.start)):
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    kept.sort(key=lambda f: f.start)
    if any(f.range[0] is None and f.precision == "day" for f in kept):
        kept = _count_back(kept, lower)
    kept = _past_the_telling(kept, lower)
    kept = _by_the_named_event(kept, sentence)
    return [
        When(
            text=original[f.start : f.end],
            start=f.range[0],
            end=f.range[1],
            precision=f.precision,
            span=Span(offset + f.start, offset + f.end, original[f.start : f.end]),
            origin="own",
        )
        for f in kept
    ]


_PREVIOUS = re.compile(r"(?i)previous|preceding|before|earlier")


def _count_back(kept: list[_Found], lower: str) -> list[_Found]:
    """Resolve each "the previous night" to the day before the dated phrase in front of it,
    which is dropped when a speech verb tells it ("said on Monday": the time of telling);
    a "previous" phrase with no date in front is dropped itself."""
    out: list[_Found] = []
    for f in kept:
        if f.range[0] is not None or not _PREVIOUS.search(lower[f.start : f.end]):
            out.append(f)
            continue
        anchor, start = next(
            ((k, k.range[0]) for k in reversed(out) if k.precision == "day" and k.range[0]),
            (None, None),
        )
        if anchor is None or start is None:
            continue
        day = start - dt.timedelta(days=1)
        if told_before(lower[max(0, anchor.start - 40) : anchor.start]):
            out.remove(anchor)
        out.append(_Found(f.start, f.end, "day", (day, day)))
    return out


def _past_the_telling(kept: list[_Found], lower: str) -> list[_Found]:
    """Drop the day a speech verb tells ("officials said Friday they feared 300 died in last
    week's strike", "the governor said on Monday that 20 were killed on Sunday", "the army
    on Saturday acknowledged a strike earlier this month", "the toll of Saturday's bombings
    has risen to 44, the minister said on Monday") when the sentence gives another date:
    that one dates the reported fact, the telling's only the telling."""
    told = [
        f
        for f in kept
        if f.range[0] is not None
        and any(k is not f and k.range[0] is not None for k in kept)
        and (
            told_before(lower[max(0, f.start - 40) : f.start])
            or told_after(lower[f.end : f.end + 40])
        )
    ]
    return [f for f in kept if f not in told] if told else kept


_LEADS_TO_NAMED = re.compile(r"\b[\w-]+\s+(?:in|by|during|from|of)\s+$")


def _by_the_named_event(kept: list[_Found], sentence: str) -> list[_Found]:
    """Keep only the day that names the event ("the building destroyed in Saturday's
    missile strike", "funerals for the victims of Saturday's strike") when the sentence's
    other days tell no violence ("rescue workers on Tuesday ended their search", "funerals
    were held on Monday"): those date the search or the funerals, not the strike. A day named
    in a clause of another time ("two days after Saturday's strike") names another event."""
    named = [
        f
        for f in kept
        if f.precision == "day"
        and _any("event_named_after", sentence[f.end : f.end + 60], at_start=True)
        and not _any("event_named_before", sentence[max(0, f.start - 30) : f.start])
    ]
    if len(named) != 1 or len(kept) < 2:
        return kept
    (event_day,) = named

    def tells_violence(f: _Found) -> bool:
        lo, hi = max(0, f.start - 40), min(len(sentence), f.end + 40)
        if f.start > event_day.start:
            lo = max(lo, event_day.end + 30)  # the named event's own words are not beside it
        else:
            hi = min(hi, event_day.start)
        after = sentence[f.end : hi]
        if hi == event_day.start:  # "relatives killed in Tuesday's strike": the strike's
            after = _LEADS_TO_NAMED.sub("", after)
        return _any("violence_near", sentence[lo : f.start] + " " + after)

    if any(tells_violence(f) for f in kept if f is not event_day):
        return kept
    return [event_day]


def find_when(
    sentence: str,
    published: dt.date | dt.datetime | None,
    offset: int = 0,
    asides: Sequence[tuple[int, int]] = (),
) -> When | None:
    """The date phrase that best dates the event in ``sentence``, or None when there is none.

    The finest precision wins ("on Thursday" over "earlier this month"), then the earliest. A
    phrase inside one of ``asides`` (offsets in ``sentence``: "fighters who surrendered in
    May") dates whom the clause describes, not the event, and is passed over.

    Example:
        >>> w = find_when("Shelling hit the town on Thursday.", dt.date(2024, 3, 15))
        >>> (w.text, w.start, w.precision)
        ('on Thursday', datetime.date(2024, 3, 14), 'day')
    """
    return best_when(find_dates(sentence, published, offset), offset, asides)


def best_when(
    dates: Sequence[When], offset: int = 0, asides: Sequence[tuple[int, int]] = ()
) -> When | None:
    """``find_when`` over the phrases ``find_dates`` already found (read once per sentence)."""
    kept = [
        w
        for w in dates
        if w.span is None
        or not any(a <= w.span.start - offset and w.span.end - offset <= b for a, b in asides)
    ]
    if not kept:
        return None
    return min(
        enumerate(kept), key=lambda iw: (_PRECISION_RANK.get(iw[1].precision or "", 9), iw[0])
    )[1]


# "Flights resumed on Friday, a day after two suicide bombings": the bombings were a day before
# the date, which is the main clause's (``vocab/date_cues.csv``, ``after_the_date``).
_AFTER_THE_DATE = _CUES["after_the_date"][0]
_CLAUSE_STOP = re.compile(r"[.;:]")


def _after_the_date(
    sentence: str, end: int, trigger_at: int, trigger_end: int | None
) -> re.Match[str] | None:
    """The "a day after" phrase the event is told after: right after the date phrase ending at
    ``end`` with the trigger past it, else after a comma later in the date's clause with the
    trigger's last word past it ("Rebels on Tuesday were clearing mines left by Islamic State
    in Dabiq, two days after they captured it": the trigger runs from "Islamic State")."""
    m = _AFTER_THE_DATE.match(sentence, end)
    if m is not None:
        return m if trigger_at >= m.end() else None
    last = trigger_end if trigger_end is not None else trigger_at
    for x in _AFTER_THE_DATE.finditer(sentence, end, last):
        if _CLAUSE_STOP.search(sentence, end, x.start()):
            return None
        if x.group().lstrip().startswith(","):
            return x
    return None


def after_the_date_at(
    sentence: str,
    when: When | None,
    offset: int,
    trigger_at: int | None,
    trigger_end: int | None = None,
) -> int | None:
    """Where the "days after" phrase that ``before_the_telling`` reads begins (the main
    clause the date belongs to ends there), or None."""
    if when is None or when.span is None or trigger_at is None:
        return None
    m = _after_the_date(sentence, when.span.end - offset, trigger_at, trigger_end)
    return m.start() if m is not None else None


def before_the_telling(
    sentence: str,
    when: When | None,
    offset: int,
    trigger_at: int | None,
    trigger_end: int | None = None,
) -> When | None:
    """The event's date when ``when`` dates the main clause and the event is told after
    "a day after", "days after", "weeks after": the day(s) before it (a count of days is
    exact, "days" a window of two to six days before, "weeks" of one to five weeks before).
    Unchanged when the trigger stands before the phrase ("killed 20 on Tuesday, days after
    the truce collapsed": the killing was on Tuesday)."""
    if when is None or when.span is None or when.start is None or trigger_at is None:
        return when
    m = _after_the_date(sentence, when.span.end - offset, trigger_at, trigger_end)
    if m is None:
        return when
    raw = " ".join((m["n"] or "").lower().split())
    count = int(raw) if raw.isdigit() else _SMALL_NUMBERS.get(raw)
    day = when.start
    if m["unit"].lower().startswith("day"):
        if count is not None:
            start = stop = day - dt.timedelta(days=count)
            precision = "day"
        else:
            start, stop, precision = day - dt.timedelta(days=6), day - dt.timedelta(days=2), "week"
    elif count is not None:
        start = stop = day - dt.timedelta(weeks=count)
        precision = "week"
    else:
        start, stop, precision = day - dt.timedelta(weeks=5), day - dt.timedelta(weeks=1), "month"
    return dataclasses.replace(when, start=start, end=stop, precision=precision)


_AFTER_LEAD = _CUES["after_lead"][0]  # "Three days after <the event>, ..."


def after_the_lead(
    sentence: str,
    when: When | None,
    offset: int,
    trigger_at: int | None,
    published: dt.date | dt.datetime | None,
) -> When | None:
    """The event's date when the sentence opens with "Three days after <the event>, ..." and
    the event's words stand in that opening clause: the main clause's date (its own, else
    the publication's) less that long. Without this the event takes the day of the telling,
    days after it happened, and cannot meet the other reports of it."""
    m = _AFTER_LEAD.match(sentence)
    if m is None or trigger_at is None or not m.start("unit") < trigger_at < m.end():
        return when
    if when is not None and when.span is not None and when.span.start - offset < m.end():
        return when  # the opening clause dates itself
    base = when.start if when is not None and when.span is not None else as_date(published)
    if base is None:
        return when
    raw = " ".join(m["n"].lower().split())
    count = int(raw) if raw.isdigit() else _SMALL_NUMBERS.get(raw)
    if count is None:
        return when  # "several days after": no day to give
    weeks = m["unit"].lower().startswith("week")
    day = base - (dt.timedelta(weeks=count) if weeks else dt.timedelta(days=count))
    phrase = sentence[m.start("n") : m.end("unit")]
    return When(
        text=phrase,
        start=day,
        end=day,
        precision="week" if weeks else "day",
        span=Span(offset + m.start("n"), offset + m.end("unit"), phrase),
        origin="own",
    )
