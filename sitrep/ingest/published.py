"""The publication date of an article, and where it came from (``Article.published_source``).

"Yesterday" and "on Thursday" mean nothing without the publication date, and many pages come
without one in their metadata. A careful coder then looks, in this order, at:

1. ``input``: the date the feed, file or front matter gave (always preferred when usable);
2. ``url``: a date in the URL path (``/2016/10/26/``, ``/2018/aug/09/``, ``/20161026/``, a slug
   holding ``2016-10-26``). A path with only a year and a month (``/2016/10/``) gives a month,
   never a day: it only lends its year to a dateline;
3. ``dateline``: the wire dateline ("ANKARA, Dec. 19 (Xinhua) --", "BEIRUT Oct 26 (Reuters) -",
   "KHARTOUM (Sputnik - 15th June, 2023)"). Without a year it needs one from the URL or from a
   full date in the text; otherwise it is not used (no guessed year);
4. ``text``: an unambiguous full date near the top of the text ("Updated: 26 October 2016",
   "Tuesday, October 25, 2016", "2016-10-26"). A date on a line of its own (or after
   "Updated:", "Published") is the page's own header and beats even the dateline, which is only
   the filing date; a date inside a sentence or caption comes after the dateline. Numeric dates
   other than ISO ("05-06-2021") are ambiguous and skipped;
5. ``none``: nothing gave it; ``published`` stays None.

Every candidate must pass ``date_problem`` (no year 9999, no date before 1900). Pure functions:
no I/O, so the rules are tested on strings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from sitrep.calendar_words import MONTH_PATTERN, MONTHS
from sitrep.ingest.normalise import date_problem, parse_published_checked

__all__ = [
    "SOURCES",
    "Published",
    "dateline_date",
    "find_published",
    "published_from_text",
    "published_from_url",
]

SOURCES = ("input", "url", "dateline", "text", "none")

# Where a page prints its own date: its first lines. Further down, a full date is more likely
# the event's or a quoted one than the page's.
HEAD_CHARS = 600

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"

# URL paths: /2016/10/26/, /2018/aug/09/, /20161026/ (a whole segment or slug token), 2016-10-26.
_URL_DAY = [
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$)"),
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mon>[a-z]{3})/(?P<day>[0-3]?\d)(?:/|$)", re.I),
    # yyyymmdd alone or opening a timestamp id (+hhmm, +hhmmss, +10 digits: 201704071052389112)
    re.compile(
        r"(?<![\d])(?P<year>(?:19|20)\d\d)(?P<mon>[01]\d)(?P<day>[0-3]\d)"
        r"(?:\d{4}|\d{6}|\d{10})?(?![\d])"
    ),
    re.compile(r"/(?P<day>[0-3]?\d)-(?P<mon>[A-Za-z]{3})-(?P<year>(?:19|20)\d\d)(?:/|$)"),
    re.compile(r"(?<![\d])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
]
_URL_MONTH = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mon>[01]?\d|[a-z]{3})(?:/|$)", re.I)

# A dateline opens a paragraph: an upper-case place, maybe ", Country", then a date and/or the
# agency in brackets, then a dash. The date is looked for inside that opening only.
_DATELINE = re.compile(
    r"(?:^|\n)(?P<head>[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][\w'’. -]{1,40}){0,2},?\s*"
    r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?\s*)?"
    r"(?:\([^()\n]{1,80}\))?)\s*(?:[-–—]+|:)\s"
)
_MONTH_DAY = re.compile(rf"\b{MONTH_PATTERN}\s+{_DAY}\b(?:,?\s+{_YEAR})?")
_DAY_MONTH = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{MONTH_PATTERN}(?:,?\s+{_YEAR})?")

# Full dates in running text; the whitespace may be a line break (a page cut "April\n\n2017").
_FULL_DATES = [
    re.compile(rf"\b{MONTH_PATTERN}\s+{_DAY},?\s+{_YEAR}"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{MONTH_PATTERN},?\s+{_YEAR}"),
    re.compile(r"(?<![\d-])(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?![\d])"),
]


@dataclass(frozen=True)
class Published:
    """A publication date, the place it was read from (one of ``SOURCES``), and, when the
    input gave a value that could not be used, why (for the error table)."""

    value: dt.date | dt.datetime | None
    source: str
    note: str | None = None


def _month_number(name: str) -> int | None:
    if name.isdigit():
        n = int(name)
        return n if 1 <= n <= 12 else None
    return MONTHS.get(name[:3].lower())


def _date(year: int, month: int | None, day: int, today: dt.date | None) -> dt.date | None:
    """The date if it exists and is a plausible publication date, else None."""
    if month is None:
        return None
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if date_problem(value, today) is None else None


def published_from_url(
    url: str | None, today: dt.date | None = None
) -> tuple[dt.date | None, tuple[int, int] | None]:
    """The day a URL path gives, else None; and the (year, month) it gives, if any.

    Only the path counts (a query string's numbers are ids and timestamps), and a year-month
    path gives no day.

    Example:
        >>> published_from_url("https://example.org/news/2016/10/26/strike-hits-town/")
        (datetime.date(2016, 10, 26), (2016, 10))
        >>> published_from_url("https://example.org/2023/05/report-on-raids/")
        (None, (2023, 5))
    """
    if not url:
        return None, None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None, None
    for pattern in _URL_DAY:
        for m in pattern.finditer(path):
            day = _date(int(m["year"]), _month_number(m["mon"]), int(m["day"]), today)
            if day is not None:
                return day, (day.year, day.month)
    m = _URL_MONTH.search(path)
    if m:
        month = _month_number(m["mon"])
        if month is not None:
            return None, (int(m["year"]), month)
    return None, None


def dateline_date(text: str, head_chars: int = HEAD_CHARS) -> tuple[int, int, int | None] | None:
    """(month, day, year or None) of the dateline opening one of the first paragraphs.

    Example:
        >>> dateline_date("BEIRUT Oct 26 (Newswire) - Shells hit the old city.")
        (10, 26, None)
        >>> dateline_date("KHARTOUM (Radio Dabanga - 3rd May, 2021) Clashes broke out.")
        (5, 3, 2021)
    """
    head = text[:head_chars]
    for m in _DATELINE.finditer(head):
        opening = m["head"]
        found = _MONTH_DAY.search(opening) or _DAY_MONTH.search(opening)
        if found is None:
            continue
        month = _month_number(found["mon"])
        if month is None:
            continue
        year = int(found["year"]) if found["year"] else None
        return month, int(found["day"]), year
    # A dateline in its own brackets without a dash: "KHARTOUM (Agency - 15th June, 2023) The"
    m = re.match(
        r"\s*[A-Z][A-Z'’. -]{1,40}(?:,\s*[A-Z][\w'’. -]{1,40})?\s*\(([^()\n]{1,80})\)", head
    )
    if m:
        found = _DAY_MONTH.search(m[1]) or _MONTH_DAY.search(m[1])
        if found is not None and (month := _month_number(found["mon"])) is not None:
            return month, int(found["day"]), int(found["year"]) if found["year"] else None
    return None


def _text_dates(text: str, today: dt.date | None) -> list[tuple[int, dt.date, bool]]:
    """(position, date, header-like) of every plausible full date in the head of ``text``."""
    head = text[:HEAD_CHARS]
    found = []
    for pattern in _FULL_DATES:
        for m in pattern.finditer(head):
            value = _date(int(m["year"]), _month_number(m["mon"]), int(m["day"]), today)
            if value is not None:
                found.append((m.start(), value, _header_like(head, m.start(), m.end())))
    return sorted(found)


def _header_like(head: str, start: int, end: int) -> bool:
    """Whether the date sits on a line of its own ("Friday, 15 July 2022", "Updated: 26
    October 2016 10:42"): where pages print their own date, unlike a date in a sentence."""
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    line_end = len(head) if line_end < 0 else line_end
    before, after = head[line_start:start], head[end:line_end]
    if _LABEL.search(before):
        return True
    rest = _WEEKDAY_OR_TIME.sub("", before + " " + after)
    return len(rest.strip(" ,.|-–—:")) == 0


_LABEL = re.compile(r"(?i)\b(?:updated|published|posted|last\s+modified|date)\b[\s:|-]*(?:on\s+)?$")
_WEEKDAY_OR_TIME = re.compile(
    r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?"
    r"|\b(?:gmt|utc|[a-z]{2,4}t)\b|\+\d\d:?\d\d"
)


def published_from_text(text: str, today: dt.date | None = None) -> dt.date | None:
    """The date a page prints as its own: the first header-like full date near the top of
    ``text`` (a line of its own, or after "Updated:"), else the first full date there.

    Example:
        >>> published_from_text("Updated: 26 October 2016\\n\\nShelling resumed at dawn.")
        datetime.date(2016, 10, 26)
    """
    found = _text_dates(text, today)
    headers = [f for f in found if f[2]]
    return (headers or found)[0][1] if found else None


def _dateline_published(
    text: str,
    url_month: tuple[int, int] | None,
    text_date: dt.date | None,
    today: dt.date | None,
) -> dt.date | None:
    """The dateline's day, with its own year, else the URL's (same month, or the month before
    it: a late filing), else the year of the first full date in the text; never a guessed year."""
    found = dateline_date(text)
    if found is None:
        return None
    month, day, year = found
    if year is not None:
        return _date(year, month, day, today)
    if url_month is not None:
        url_year, url_mon = url_month
        if month == url_mon:
            return _date(url_year, month, day, today)
        if (url_mon - month) % 12 == 1:  # filed Dec 31, posted in January
            return _date(url_year - 1 if month == 12 else url_year, month, day, today)
        return None
    if text_date is not None:
        return _date(text_date.year, month, day, today)
    return None


def find_published(
    value: object, url: str | None, text: str, today: dt.date | None = None
) -> Published:
    """The publication date of one article and its source (see the module docstring).

    Example:
        >>> p = find_published(None, "https://example.org/2016/10/26/a", "Shells fell.")
        >>> p.value, p.source
        (datetime.date(2016, 10, 26), 'url')
        >>> find_published(None, None, "Shells fell on Tuesday.").source
        'none'
    """
    given, note = parse_published_checked(value, today)
    if given is not None:
        return Published(given, "input")
    url_day, url_month = published_from_url(url, today)
    if url_day is not None:
        return Published(url_day, "url", note)
    found = _text_dates(text, today)
    header = next((value for _, value, is_header in found if is_header), None)
    if header is not None and (url_month is None or url_month == _ym(header)):
        return Published(header, "text", note)
    text_date = found[0][1] if found else None
    line_day = _dateline_published(text, url_month, text_date, today)
    if line_day is not None:
        return Published(line_day, "dateline", note)
    if text_date is not None and (url_month is None or url_month == _ym(text_date)):
        return Published(text_date, "text", note)
    return Published(None, "none", note)


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month
