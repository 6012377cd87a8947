"""Reference event datasets: read a UCDP GED or ACLED CSV into rows that can be matched.

Two layouts, told apart by the header (case and surrounding spaces ignored):

- **UCDP GED** (codebook column names: ``id``, ``date_start``, ``date_end``, ``date_prec``,
  ``type_of_violence``, ``latitude``, ``longitude``, ``where_prec``, ``where_coordinates``,
  ``adm_1``, ``adm_2``, ``country``, ``country_id``, ``best``, ``low``, ``high`` ...), and
  sitrep's own ``ucdp-csv`` export, which writes the same columns (told apart by its ids:
  GED's are integers);
- **ACLED** (``event_id_cnty``, ``event_date``, ``time_precision``, ``event_type``,
  ``sub_event_type``, ``location``, ``admin1``, ``admin2``, ``country``, ``iso``,
  ``latitude``, ``longitude``, ``geo_precision``, ``fatalities`` ...), and sitrep's own
  ``acled-csv`` export (its ids are not ACLED's ``SYR1234`` form; its ``fatalities`` of 0
  tagged "fatalities=no report" are read as unknown).

Every row becomes a ``ReferenceEvent`` whose date precision is a window of days and whose
location precision is a radius in km:

- dates: GED codes the earliest and latest possible day, so the window is
  ``date_start..date_end``. ACLED gives one day: time_precision 1 is that day, 2 is +-4 days
  (ACLED puts the date in the middle of the week), 3 its calendar month widened to +-15 days
  (mid-month). sitrep's ACLED export writes the *start* date, so its windows run forward
  (+6 days for 2, +30 for 3). Dates may be ISO (``2016-10-15``, with or without a time),
  ``15 October 2016``, ``15-Oct-2016``, ``October 15, 2016``, ``2016/10/15`` or
  ``10/15/2016``; slashed day/month order is decided once per file (a first number above 12
  means day-first; a file showing both orders is an error; neither: month-first).
- places: GED ``where_prec`` 1 (exact) -> 5 km, 2 (within 25 km) -> 25, 3 (district) and 5
  (an area or a line between places) -> 50, 4 (governorate only) -> matched by admin1 name,
  6/7 (country only, international waters) -> never matched (they cannot confirm a place).
  ACLED ``geo_precision`` 1 -> 5 km, 2 -> 25, 3 -> admin1 name. A point with no code: 25 km.
  Rows without coordinates are kept and match by place or admin1 name.
- types: a family comparable with sitrep's ACLED ``event_type`` (``type_families``); GED's
  three types of violence are all *political violence*.
- countries: ISO3 from GED's Gleditsch-Ward ``country_id``, ACLED's numeric ``iso`` or the
  English name; the name as written when none of these is known.

``Reference`` keeps the rows with two indexes: every row under each day of its window, and
rows with a usable point under (day, 1-degree grid cell), so a look-up reads a few lists
instead of the whole file.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import functools
import gc
import math
import operator
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep import vocab
from sitrep.errors import ReferenceDataError
from sitrep.export.countries import countries
from sitrep.geo.normalise import light_key, loose_key
from sitrep.ingest.normalise import date_in_formats

__all__ = [
    "ACLED",
    "COUNTRY_ONLY",
    "DEMONSTRATIONS",
    "FAMILIES",
    "SITREP_ACLED",
    "SITREP_UCDP",
    "STRATEGIC",
    "UCDP",
    "VIOLENCE",
    "Reference",
    "ReferenceEvent",
    "load_reference",
    "month_bounds",
    "name_key",
    "type_families",
]

VIOLENCE = "political violence"
DEMONSTRATIONS = "demonstrations"
STRATEGIC = "strategic developments"
FAMILIES = frozenset({VIOLENCE, DEMONSTRATIONS, STRATEGIC})

_EVENT_TYPE_FAMILY = {
    "battles": VIOLENCE,
    "explosions/remote violence": VIOLENCE,
    "violence against civilians": VIOLENCE,
    "protests": DEMONSTRATIONS,
    "riots": DEMONSTRATIONS,
    "strategic developments": STRATEGIC,
}
_BOTH = frozenset({VIOLENCE, DEMONSTRATIONS})
_VIOLENCE_ONLY = frozenset({VIOLENCE})
_UCDP_TYPES = {1: "state-based", 2: "non-state", 3: "one-sided"}

UCDP = "UCDP GED"
ACLED = "ACLED"
SITREP_UCDP = "sitrep export (UCDP GED columns)"
SITREP_ACLED = "sitrep export (ACLED columns)"

# Columns a layout cannot do without, and the place columns of which it needs at least one.
_LAYOUTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ucdp-ged": (
        ("id", "date_start", "date_end", "best"),
        ("latitude", "longitude", "where_coordinates", "adm_1"),
    ),
    "acled": (
        ("event_id_cnty", "event_date", "event_type", "fatalities"),
        ("latitude", "longitude", "location", "admin1"),
    ),
}

# Reference row radius in km by its location code; None = matched by admin1 name only,
# absent = not matched at all (country, international waters).
_GED_RADIUS: dict[int, float | None] = {1: 5.0, 2: 25.0, 3: 50.0, 4: None, 5: 50.0}
_ACLED_RADIUS: dict[int, float | None] = {1: 5.0, 2: 25.0, 3: None}
_DEFAULT_RADIUS = 25.0  # a point with no precision code
COUNTRY_ONLY = -1.0  # marker radius: a row located only to a country

_CELL_DEG = 1.0  # grid cell of the spatial index
_KM_PER_DEG = 111.195


@dataclass(slots=True)
class ReferenceEvent:
    """One row of the reference dataset, normalised across layouts.

    ``window_start``/``window_end`` are the days the event may have happened on (the date
    precision turned into a window); ``radius_km`` the location's uncertainty (None: located
    only to its admin1 area, matched by name; -1: only to a country, never matched).
    """

    id: str
    dataset: str
    row: int  # line of the file (the header is line 1)
    date_start: dt.date
    date_end: dt.date
    window_start: dt.date
    window_end: dt.date
    date_prec: int | None = None  # as coded: GED date_prec / ACLED time_precision
    lat: float | None = None
    lon: float | None = None
    where_prec: int | None = None  # as coded: GED where_prec / ACLED geo_precision
    radius_km: float | None = None
    place: str | None = None
    adm1: str | None = None
    adm2: str | None = None
    country: str | None = None  # ISO3 where derivable, else the name as written
    families: frozenset[str] = frozenset()  # empty: type unknown
    event_type: str | None = None  # as coded, for display ("Battles", "UCDP state-based")
    violence: int | None = None  # GED type_of_violence: 1 state-based, 2 non-state, 3 one-sided
    best: int | None = None
    low: int | None = None
    high: int | None = None
    place_key: str = field(default="", repr=False)
    adm1_key: str = field(default="", repr=False)

    @property
    def has_point(self) -> bool:
        """Whether the row is matched by distance (coordinates and a radius)."""
        return (
            self.lat is not None
            and self.lon is not None
            and self.radius_km is not None
            and self.radius_km >= 0
        )

    @property
    def family(self) -> str | None:
        """The one type family (political violence / demonstrations / ...), or None."""
        return "; ".join(sorted(self.families)) or None


class Reference:
    """A loaded reference dataset with indexes by day and by (day, grid cell).

    ``families`` are the event families it records, ``deadly_only`` whether it records only
    events that killed someone (GED), ``countries``/``first_day``/``last_day`` its coverage,
    ``coverage`` each country's period (first and last day, widened to whole months).
    """

    def __init__(self, path: str, dataset: str, layout: str, events: list[ReferenceEvent]):
        self.path = path
        self.dataset = dataset
        self.layout = layout
        self.events = events
        self.deadly_only = dataset == UCDP
        self.families = frozenset({VIOLENCE}) if dataset == UCDP else FAMILIES
        self.countries = frozenset(e.country for e in events if e.country)
        self.first_day = min(e.window_start for e in events)
        self.last_day = max(e.window_end for e in events)
        # Each country's own period, in whole months (datasets are released by month or
        # year): a file of Syria 2016-2019 and Iraq 2020 does not cover Iraq in 2017, and an
        # absence there proves nothing.
        self.coverage: dict[str, tuple[dt.date, dt.date]] = {}
        for e in events:
            if e.country:
                first, last = self.coverage.get(e.country, (e.window_start, e.window_end))
                self.coverage[e.country] = (min(first, e.window_start), max(last, e.window_end))
        self.coverage = {
            country: (month_bounds(first)[0], month_bounds(last)[1])
            for country, (first, last) in self.coverage.items()
        }
        self.by_id = {e.id: e for e in events}
        self.max_radius_km = max(
            (e.radius_km for e in events if e.radius_km is not None), default=0.0
        )
        self._by_day: dict[int, list[int]] = {}
        self._by_cell: dict[tuple[int, int, int], list[int]] = {}
        self._named_by_day: dict[int, list[int]] = {}  # rows matched by name, not distance
        for i, e in enumerate(events):
            cell = _cell(e.lat, e.lon) if e.has_point else None  # type: ignore[arg-type]
            for day in range(e.window_start.toordinal(), e.window_end.toordinal() + 1):
                self._by_day.setdefault(day, []).append(i)
                if cell is not None:
                    self._by_cell.setdefault((day, *cell), []).append(i)
                elif e.radius_km != COUNTRY_ONLY:
                    self._named_by_day.setdefault(day, []).append(i)

    def __len__(self) -> int:
        return len(self.events)

    def __repr__(self) -> str:
        return (
            f"Reference({self.dataset!r}, {len(self.events)} rows, "
            f"{self.first_day}..{self.last_day}, path={self.path!r})"
        )

    def on_days(self, first: dt.date, last: dt.date) -> list[ReferenceEvent]:
        """Every row whose window touches ``first..last``."""
        return [self.events[i] for i in self._indexes(first, last)]

    def _indexes(self, first: dt.date, last: dt.date) -> list[int]:
        seen: dict[int, None] = {}
        for day in range(first.toordinal(), last.toordinal() + 1):
            for i in self._by_day.get(day, ()):
                seen[i] = None
        return list(seen)

    def near(
        self, first: dt.date, last: dt.date, lat: float, lon: float, km: float
    ) -> list[ReferenceEvent]:
        """Rows on ``first..last`` in grid cells within ``km`` of the point, plus the rows
        matched by name on those days (candidates only: the caller measures distances)."""
        dlat = km / _KM_PER_DEG
        dlon = km / (_KM_PER_DEG * max(math.cos(math.radians(lat)), 0.01))
        lat0, lat1 = _cell_index(lat - dlat), _cell_index(lat + dlat)
        lon0, lon1 = _cell_index(lon - dlon), _cell_index(lon + dlon)
        seen: dict[int, None] = {}
        for day in range(first.toordinal(), last.toordinal() + 1):
            for a in range(lat0, lat1 + 1):
                for b in range(lon0, lon1 + 1):
                    for i in self._by_cell.get((day, a, b), ()):
                        seen[i] = None
            for i in self._named_by_day.get(day, ()):
                seen[i] = None
        return [self.events[i] for i in seen]


def _cell_index(deg: float) -> int:
    return math.floor(deg / _CELL_DEG)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return _cell_index(lat), _cell_index(lon)


def type_families(event_type: str | None, sub_event_type: str | None = None) -> frozenset[str]:
    """The families of an ACLED event type (empty when unknown): the level at which claims
    and reference rows of different datasets can be compared."""
    if sub_event_type and sub_event_type.strip().lower().startswith("excessive force"):
        return _BOTH
    family = _EVENT_TYPE_FAMILY.get((event_type or "").strip().lower())
    return frozenset({family}) if family else frozenset()


# ------------------------------------------------------------------------------ loading

_MONTH_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y", "%B %d, %Y", "%b %d, %Y")
_SLASH = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_ISO_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_ACLED_ID = re.compile(r"^[A-Z]{2,4}\d+$")


@functools.lru_cache(maxsize=65536)
def _parse_date(text: str, dayfirst: bool) -> dt.date | None:
    """A date in the forms reference files use, or None when it is none of them."""
    m = _ISO_PREFIX.match(text)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _ISO_SLASH.match(text)
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        m = _SLASH.match(text)
        if m:
            a, b = int(m[1]), int(m[2])
            return dt.date(int(m[3]), b, a) if dayfirst else dt.date(int(m[3]), a, b)
    except ValueError:
        return None
    return date_in_formats(text, _MONTH_FORMATS)


def _slash_order(values: Iterable[str], path: str) -> bool:
    """Whether n/n/yyyy dates in this file are day-first. Decided once per file: a first
    number above 12 means day-first, a second above 12 month-first; a file showing both is
    an error; a file showing neither is read month-first (US spreadsheets, FA-KES)."""
    day_first = month_first = False
    for value in values:
        m = _SLASH.match(value.strip())
        if m:
            day_first |= int(m[1]) > 12
            month_first |= int(m[2]) > 12
    if day_first and month_first:
        raise ReferenceDataError(
            path, "dates mix day/month/year and month/day/year; write them as YYYY-MM-DD"
        )
    return day_first


@functools.cache
def _country_tables() -> tuple[dict[str, str], dict[int, str], dict[int, str]]:
    by_name, by_gwno, by_numeric = {}, {}, {}
    for c in countries().values():
        by_name[c.name.casefold()] = c.iso3
        by_name[c.iso3.casefold()] = c.iso3
        if c.gwno is not None:
            by_gwno.setdefault(c.gwno, c.iso3)
        if c.iso_numeric is not None:
            by_numeric[c.iso_numeric] = c.iso3
    return by_name, by_gwno, by_numeric


@functools.lru_cache(maxsize=4096)
def _iso3(name: str | None, gwno: str | None = None, numeric: str | None = None) -> str | None:
    by_name, by_gwno, by_numeric = _country_tables()
    for code, table in ((gwno, by_gwno), (numeric, by_numeric)):
        if code and code.strip().isdigit() and int(code) in table:
            return table[int(code)]
    if not name:
        return None
    return by_name.get(name.strip().casefold(), name.strip())


_GENERIC = vocab.words("place_words.csv", "reference")


@functools.lru_cache(maxsize=131072)
def name_key(name: str) -> str:
    """A transliteration key with generic words dropped, so that GED's "Aleppo town", ACLED's
    "Aleppo", a gazetteer's "Aleppo Governorate" and "Hamah"/"Hama" compare equal."""
    words = [w for w in light_key(name).split() if w not in _GENERIC]
    light = " ".join(words)
    return loose_key(light) if light else ""


_MISSING = frozenset({"", "NA", "NAN", "NULL", "NONE", "N/A"})


def _int(value: str, path: str, line: int, column: str) -> int | None:
    if value.isdigit():  # the common case, kept fast: 16k rows x 6 numbers
        return int(value)
    value = value.strip()
    if value.upper() in _MISSING:
        return None
    try:
        number = float(value)
    except ValueError:
        raise ReferenceDataError(path, f"{column} is not a number: {value!r}", line) from None
    return round(number) if math.isfinite(number) else None


def _float(value: str, path: str, line: int, column: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        if value.strip().upper() in _MISSING:
            return None
        raise ReferenceDataError(path, f"{column} is not a number: {value!r}", line) from None
    return number if math.isfinite(number) else None


def _layout_error(path: str, header: Sequence[str]) -> ReferenceDataError:
    expected = "; ".join(
        f"{name}: {', '.join(required)} and one of {', '.join(place)}"
        for name, (required, place) in _LAYOUTS.items()
    )
    found = ", ".join(header) if header else "(no columns)"
    return ReferenceDataError(
        path, f"not a known reference layout. Expected {expected}. Found: {found}", 1
    )


def _detect(path: str, header: list[str]) -> str:
    columns = set(header)
    for name, (required, place) in _LAYOUTS.items():
        if set(required) <= columns and columns & set(place):
            return name
    raise _layout_error(path, header)


def load_reference(path: str | Path) -> Reference:
    """Read a UCDP GED or ACLED CSV (or sitrep's own exports of either) into a ``Reference``.

    The layout is told from the header (case and surrounding spaces ignored). Raises
    ``ReferenceDataError`` naming the file (and line) for an unknown layout, an empty file,
    a file with a header only, or a value that cannot be read (a date in no known form, a
    number that is not one). Rows without coordinates are kept: they match by name.

    Example:
        >>> ref = load_reference("ged_extract.csv")  # doctest: +SKIP
        >>> ref.dataset, len(ref)  # doctest: +SKIP
        ('UCDP GED', 12)
    """
    source = str(path)
    # Tens of thousands of small objects and nothing cyclic: the cyclic collector would only
    # re-scan them (a quarter of the load time), so it pauses while the file is read.
    paused = gc.isenabled()
    gc.disable()
    try:
        layout, header, rows = _read_rows(source)
        col = {name: i for i, name in reversed(list(enumerate(header)))}
        read = _read_ucdp if layout == "ucdp-ged" else _read_acled
        events = read(source, col, rows)
        return Reference(source, events[0].dataset, layout, events)
    except UnicodeDecodeError as exc:
        raise ReferenceDataError(source, f"not UTF-8 text ({exc.reason})") from None
    finally:
        if paused:
            gc.enable()


def _read_rows(source: str) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """(layout, header, [(line, cells)]) of a CSV file, each row padded to the header."""
    with open(source, encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None or not any(h.strip() for h in header):
            raise ReferenceDataError(source, "empty file: no header and no rows")
        header = [h.strip().lower() for h in header]
        layout = _detect(source, header)
        rows: list[tuple[int, list[str]]] = []
        width = len(header)
        try:
            for values in reader:
                if not any(values):
                    continue
                if len(values) < width:  # short rows: missing cells read as empty
                    values += [""] * (width - len(values))
                values.append("")  # the sentinel absent columns point to (index -1)
                rows.append((reader.line_num, values))
        except csv.Error as exc:
            raise ReferenceDataError(source, f"not valid CSV: {exc}", reader.line_num) from None
    if not rows:
        raise ReferenceDataError(source, "header only: no rows after it", 1)
    return layout, header, rows


def _columns(col: dict[str, int], names: Sequence[str]) -> tuple[int, ...]:
    """Indexes of ``names`` in a row that ends with an empty sentinel (-1 = absent)."""
    return tuple(col.get(name, -1) for name in names)


def _date(text: str, dayfirst: bool, path: str, line: int, column: str) -> dt.date:
    text = text.strip()
    if not text:
        raise ReferenceDataError(path, f"no {column}", line)
    found = _parse_date(text, dayfirst)
    if found is None:
        raise ReferenceDataError(
            path,
            f"{column} {text!r} is not a date (read: YYYY-MM-DD, 15 October 2016, "
            "15-Oct-2016, 10/15/2016)",
            line,
        )
    return found


def _radius(code: int | None, table: dict[int, float | None], has_point: bool) -> float | None:
    if code is None:
        return _DEFAULT_RADIUS if has_point else None
    if code not in table:
        return COUNTRY_ONLY
    return table[code]


# The cells each layout's reader takes, by column name, the location ones (``_where``) apart.
_UcdpCells = collections.namedtuple(
    "_UcdpCells",
    "id date_start date_end date_prec type_of_violence best low high country country_id",
)
_UCDP_WHERE = ("latitude", "longitude", "where_prec", "where_coordinates", "adm_1", "adm_2")
_AcledCells = collections.namedtuple(
    "_AcledCells",
    "event_id_cnty event_date time_precision fatalities tags event_type sub_event_type country iso",
)
_ACLED_WHERE = ("latitude", "longitude", "geo_precision", "location", "admin1", "admin2")


def _cells(
    col: dict[str, int], rows: list[tuple[int, list[str]]], cells: type[Any], where: Sequence[str]
) -> list[tuple[int, Any, tuple[str, ...]]]:
    """Each row's line, its ``cells`` and its location cells (``where``, in ``_where``'s order)."""
    pick = operator.itemgetter(*_columns(col, cells._fields))
    pick_where = operator.itemgetter(*_columns(col, where))
    return [(line, cells._make(pick(v)), pick_where(v)) for line, v in rows]


def _where(
    cells: tuple[str, ...],
    prec_column: str,
    radii: dict[int, float | None],
    path: str,
    line: int,
) -> dict[str, Any]:
    """The location fields of a ``ReferenceEvent`` from a row's latitude, longitude,
    precision code, place, admin1 and admin2 cells: both layouts code a location alike, only
    the columns' names and what each precision code means (``radii``) differ."""
    lat_text, lon_text, prec_text, place, adm1, adm2 = cells
    place, adm1, adm2 = place.strip(), adm1.strip(), adm2.strip()
    lat = _float(lat_text, path, line, "latitude")
    lon = _float(lon_text, path, line, "longitude")
    has_point = _check_point(lat, lon, path, line)
    prec = _int(prec_text, path, line, prec_column)
    return {
        "lat": lat if has_point else None,
        "lon": lon if has_point else None,
        "where_prec": prec,
        "radius_km": _radius(prec, radii, has_point),
        "place": place or None,
        "adm1": adm1 or None,
        "adm2": adm2 or None,
        "place_key": name_key(place) if place else "",
        "adm1_key": name_key(adm1) if adm1 else "",
    }


def _event(
    line: int, rid: str, dataset: str, located: dict[str, Any], **fields: Any
) -> ReferenceEvent:
    """A row's event: its id (``line N`` when the row has none), dataset, line and location
    (``_where``), with the ``fields`` its layout reads in its own way."""
    return ReferenceEvent(
        id=rid.strip() or f"line {line}", dataset=dataset, row=line, **located, **fields
    )


def _read_ucdp(
    path: str, col: dict[str, int], rows: list[tuple[int, list[str]]]
) -> list[ReferenceEvent]:
    cells = _cells(col, rows, _UcdpCells, _UCDP_WHERE)
    dataset = UCDP if all(c.id.strip().isdigit() for _, c, _ in cells) else SITREP_UCDP
    dayfirst = _slash_order((d for _, c, _ in cells for d in (c.date_start, c.date_end)), path)
    events = []
    for line, c, where in cells:
        start = _date(c.date_start, dayfirst, path, line, "date_start")
        end = _date(c.date_end, dayfirst, path, line, "date_end") if c.date_end.strip() else start
        if end < start:
            raise ReferenceDataError(path, f"date_end {end} is before date_start {start}", line)
        located = _where(where, "where_prec", _GED_RADIUS, path, line)
        violence = _int(c.type_of_violence, path, line, "type_of_violence")
        best = _int(c.best, path, line, "best")
        low = _int(c.low, path, line, "low")
        high = _int(c.high, path, line, "high")
        known = violence in _UCDP_TYPES
        events.append(
            _event(
                line,
                c.id,
                dataset,
                located,
                date_start=start,
                date_end=end,
                window_start=start,
                window_end=end,
                date_prec=_int(c.date_prec, path, line, "date_prec"),
                country=_iso3(c.country, gwno=c.country_id),
                families=_VIOLENCE_ONLY if known else frozenset(),
                event_type=f"UCDP {_UCDP_TYPES[violence]}" if known else None,  # type: ignore[index]
                violence=violence if known else None,
                best=best,
                low=low if low is not None else best,
                high=high if high is not None else best,
            )
        )
    return events


def _acled_window(day: dt.date, prec: int | None, sitrep: bool) -> tuple[dt.date, dt.date]:
    if prec == 2:
        return (
            (day, day + dt.timedelta(6))
            if sitrep
            else (day - dt.timedelta(4), day + dt.timedelta(4))
        )
    if prec == 3:
        if sitrep:
            return day, day + dt.timedelta(30)
        first, last = month_bounds(day)
        return min(first, day - dt.timedelta(15)), max(last, day + dt.timedelta(15))
    return day, day


def _read_acled(
    path: str, col: dict[str, int], rows: list[tuple[int, list[str]]]
) -> list[ReferenceEvent]:
    cells = _cells(col, rows, _AcledCells, _ACLED_WHERE)
    acled = all(_ACLED_ID.match(c.event_id_cnty.strip()) for _, c, _ in cells)
    dataset = ACLED if acled else SITREP_ACLED
    dayfirst = _slash_order((c.event_date for _, c, _ in cells), path)
    events = []
    for line, c, where in cells:
        event_type, sub_event_type = c.event_type.strip(), c.sub_event_type.strip()
        day = _date(c.event_date, dayfirst, path, line, "event_date")
        prec = _int(c.time_precision, path, line, "time_precision")
        first, last = _acled_window(day, prec, dataset == SITREP_ACLED)
        located = _where(where, "geo_precision", _ACLED_RADIUS, path, line)
        deaths = _int(c.fatalities, path, line, "fatalities")
        if deaths == 0 and "fatalities=no report" in c.tags:
            deaths = None  # sitrep's export: 0 by ACLED convention, but unknown
        events.append(
            _event(
                line,
                c.event_id_cnty,
                dataset,
                located,
                date_start=day,
                date_end=day,
                window_start=first,
                window_end=last,
                date_prec=prec,
                country=_iso3(c.country, numeric=c.iso),
                families=type_families(event_type, sub_event_type),
                event_type=event_type or None,
                best=deaths,
                low=deaths,
                high=deaths,
            )
        )
    return events


def _check_point(lat: float | None, lon: float | None, path: str, line: int) -> bool:
    if lat is None or lon is None:
        return False
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ReferenceDataError(path, f"coordinates off the globe: {lat}, {lon}", line)
    return True


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of ``day``'s month."""
    first = day.replace(day=1)
    nxt = (first + dt.timedelta(32)).replace(day=1)
    return first, nxt - dt.timedelta(1)
