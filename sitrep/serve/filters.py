"""Query parameters -> checked filters, shared by the pages, the JSON API and the downloads.

Every value is checked here, so a wrong one ("since=yesterday", "min_killed=-3", a misspelt
parameter) gets a 400 that says what is wrong and what would be right, never a 500 and never
a silently ignored filter (a typo like ``min_kiled`` would otherwise return everything).
Empty values count as absent: an HTML form sends its empty fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import urlencode

STATUSES = ("corroborated", "contested", "single-source")
COPY_STATUSES = ("original", "syndicated", "spun", "stitched")
PRECISIONS = (1, 2, 3)
SORTS = ("date", "killed", "reports", "independent", "country", "admin1", "type", "place")
MAX_TEXT = 200
MAX_LIMIT = 1000
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")


class BadFilter(ValueError):
    """A query parameter the dashboard cannot use; the message is shown to the user."""


@dataclass(frozen=True)
class Filters:
    """One view of the events: what to keep, in which order, which page.

    Field names are the query parameter names (``sitrep events``' options where it has one:
    ``country``, ``type``, ``since``, ``until``, ``min_killed``).
    """

    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    sub_type: str | None = None
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_killed: int | None = None
    min_independent: int | None = None
    status: str | None = None
    copy_status: str | None = None
    precision: int | None = None
    sort: str = "date"
    desc: bool = False
    limit: int = 50
    offset: int = 0

    def query(self, **changes: object) -> str:
        """This view as a query string (defaults left out), with ``changes`` applied: the
        links of the table's headers and pager keep every other filter."""
        view = replace(self, **changes)  # type: ignore[arg-type]
        default = Filters()
        pairs = []
        for f in fields(self):
            value = getattr(view, f.name)
            if value is None or value == getattr(default, f.name):
                continue
            if isinstance(value, bool):
                value = "1" if value else "0"
            pairs.append((f.name, str(value)))
        return urlencode(pairs)

    def without_paging(self) -> Filters:
        return replace(self, limit=Filters.limit, offset=0)

    def selection_only(self, *, dates: bool = True) -> Filters:
        """Only what picks the events (order and paging reset, dates dropped unless
        ``dates``): the key under which a view's map, timeline and trends are cached, since
        sorting or paging the table does not change them."""
        view = replace(self, sort="date", desc=False, limit=Filters.limit, offset=0)
        return view if dates else replace(view, since=None, until=None)


FILTER_NAMES = tuple(f.name for f in fields(Filters))


def _text(name: str, value: str) -> str:
    if len(value) > MAX_TEXT:
        raise BadFilter(f"{name} is too long ({len(value)} characters; at most {MAX_TEXT})")
    return value


def _int(name: str, value: str, low: int, high: int | None = None) -> int:
    try:
        number = int(value)
    except ValueError:
        raise BadFilter(f"{name} must be a whole number, not {value!r}") from None
    if number < low or (high is not None and number > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise BadFilter(f"{name} must be {bound}, not {number}")
    return number


def _date(name: str, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadFilter(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None


def _choice(name: str, value: str, choices: Iterable[str]) -> str:
    options = tuple(choices)
    if value not in options:
        raise BadFilter(f"{name} must be one of {', '.join(options)}, not {value!r}")
    return value


def parse(params: Mapping[str, str], *, extra: Iterable[str] = ()) -> Filters:
    """Checked filters from query parameters; ``extra`` names parameters the caller reads
    itself (a download's ``format``), which are passed over here.

    Example:
        >>> parse({"country": "syr", "min_killed": "5"}).country
        'SYR'
    """
    allowed = set(FILTER_NAMES) | set(extra)
    unknown = sorted(k for k in params if k not in allowed)
    if unknown:
        raise BadFilter(
            f"unknown parameter {unknown[0]!r}: the filters are {', '.join(FILTER_NAMES)}"
        )
    values: dict[str, object] = {}
    for name, raw in params.items():
        if name not in FILTER_NAMES:
            continue
        value = raw.strip()
        if value == "":
            continue
        if name == "country":
            if not _COUNTRY.match(value):
                raise BadFilter(f"country must be an ISO3 code such as SYR, not {value!r}")
            values[name] = value.upper()
        elif name in ("admin1", "type", "sub_type", "actor"):
            values[name] = _text(name, value)
        elif name in ("since", "until"):
            values[name] = _date(name, value)
        elif name in ("min_killed", "min_independent", "offset"):
            values[name] = _int(name, value, 0)
        elif name == "limit":
            values[name] = _int(name, value, 1, MAX_LIMIT)
        elif name == "precision":
            values[name] = _int(name, value, 1, 3)
        elif name == "status":
            values[name] = _choice(name, value, STATUSES)
        elif name == "copy_status":
            values[name] = _choice(name, value, COPY_STATUSES)
        elif name == "sort":
            values[name] = _choice(name, value, SORTS)
        elif name == "desc":
            values[name] = _choice(name, value, ("0", "1")) == "1"
    since, until = values.get("since"), values.get("until")
    if isinstance(since, dt.date) and isinstance(until, dt.date) and since > until:
        raise BadFilter(f"since ({since}) is after until ({until})")
    return Filters(**values)  # type: ignore[arg-type]
