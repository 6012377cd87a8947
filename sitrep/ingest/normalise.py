"""Text normalisation, article ids and metadata clean-up.

Every character offset sitrep stores points into the *normalised* text, so normalising must be
deterministic and done once, here.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from sitrep.errors import printable

# Invisible characters that differ between copies of the same text and carry no meaning.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, no invisible characters, single spaces, paragraphs kept as blank lines.

    Lone surrogates (from a JSON escape such as "\\ud800") become U+FFFD: they cannot be
    encoded, so the store would refuse the whole batch.
    """
    text = unicodedata.normalize("NFC", printable(text)).translate(_INVISIBLE)
    text = (
        text.replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\u2028", "\n")
        .replace("\u2029", "\n\n")
    )
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _MANY_NEWLINES.sub("\n\n", text).strip()


def normalise_inline(value: str | None) -> str | None:
    """Titles, outlets: one line, single spaces; empty becomes None."""
    if value is None:
        return None
    value = printable(str(value))
    value = _SPACES.sub(" ", unicodedata.normalize("NFC", value).translate(_INVISIBLE))
    value = " ".join(value.split())
    return value or None


def text_hash(text: str) -> str:
    """Key for exact copies: the same normalised text gives the same hash, whoever published it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def article_id(text: str, outlet: str | None) -> str:
    """Stable id from the normalised text and the outlet.

    Re-ingesting the same report gives the same id (idempotent), while the same wire text
    published by two outlets stays two articles, so syndication can be seen and counted.
    """
    key = (outlet or "").strip().lower() + "\x00" + text
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d.%m.%Y",
    "%Y%m%d",
)


# Publication dates outside this range are typos, placeholders ("9999-12-31", "0001-01-01")
# or hostile input. Kept, they would anchor "yesterday" to year 9999 and overflow the date
# arithmetic of every later stage, so they count as unknown. Online news starts in the 1990s;
# 1900 leaves room for digitised archives. Two days of slack after today cover time zones and
# feeds that stamp tomorrow's edition.
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
FUTURE_SLACK = dt.timedelta(days=2)


def date_problem(value: dt.date | dt.datetime, today: dt.date | None = None) -> str | None:
    """Why a publication or event date cannot be true (before 1900, or more than two days
    after ``today``), or None when it is plausible."""
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < EARLIEST_PUBLISHED:
        return f"date {day.isoformat()} is before {EARLIEST_PUBLISHED.isoformat()}"
    today = today or dt.datetime.now(dt.UTC).date()
    if day - today > FUTURE_SLACK:
        return f"date {day.isoformat()} is more than {FUTURE_SLACK.days} days in the future"
    return None


def parse_published_checked(
    value: object, today: dt.date | None = None
) -> tuple[dt.date | dt.datetime | None, str | None]:
    """The publication date and, when a value was given but cannot be used, why not.

    ``(date, None)`` for a usable date, ``(None, None)`` when there was none, and
    ``(None, reason)`` when it could not be parsed or is implausible: the reason is for the
    caller to record next to the article, since the value itself is dropped.
    """
    parsed = _parse(value)
    if parsed is None:
        shown = str(value).strip()[:60] if value is not None else ""
        return None, (f"publication date {shown!r} could not be read" if shown else None)
    problem = date_problem(parsed, today)
    if problem is not None:
        return None, f"publication {problem}: stored as unknown"
    return parsed, None


def parse_published(value: object, today: dt.date | None = None) -> dt.date | dt.datetime | None:
    """Parse a publication date from the forms feeds, CSVs and front matter use; None if unsure.

    A bare date stays a ``date`` (no invented midnight); a time keeps its zone if given. A date
    before 1900 or more than two days after ``today`` (default: now) is None, like an
    unreadable one: see ``parse_published_checked`` for the reason.
    """
    return parse_published_checked(value, today)[0]


def _parse(value: object) -> dt.date | dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    iso = text.replace("Z", "+00:00") if text.endswith("Z") else text
    try:
        if len(iso) == 10:
            return dt.date.fromisoformat(iso)
        return dt.datetime.fromisoformat(iso)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return date_in_formats(text, _FORMATS)


def date_in_formats(text: str, formats: Iterable[str]) -> dt.date | None:
    """The date ``text`` reads as in the first of the ``strptime`` ``formats`` that fits it
    whole (a time in a format is dropped); None when none fits."""
    for fmt in formats:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None
