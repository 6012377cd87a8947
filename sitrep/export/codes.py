"""Coding rules shared by the ACLED- and UCDP-style exports: actor classes, labels, geometry.

Both datasets classify actors the same way underneath (state forces, rebels, militias,
civilians, ...), so the mapping from our actor sectors to ACLED's numeric ``inter`` codes lives
here once and the UCDP ``type_of_violence`` is derived from it.
"""

from __future__ import annotations

import datetime as dt
import math

from sitrep.model import Actor, Place

# ACLED's (pre-2024) numeric actor classes ("inter" codes).
STATE = 1
REBEL = 2
POLITICAL_MILITIA = 3
IDENTITY_MILITIA = 4
RIOTERS = 5
PROTESTERS = 6
CIVILIANS = 7
EXTERNAL = 8  # external / other forces

# Our sectors (CAMEO-style actor types) -> ACLED inter code. Sectors not listed (political
# parties, business, elites, ...) get no code rather than a guess.
SECTOR_INTER: dict[str, int] = {
    # state forces: the military, police, intelligence, government and its officials
    "GOV": STATE,
    "MIL": STATE,
    "COP": STATE,
    "POL": STATE,
    "SPY": STATE,
    "JUD": STATE,
    "LEG": STATE,
    # rebel groups: insurgents and separatists fighting the state
    "REB": REBEL,
    "INS": REBEL,
    "SEP": REBEL,
    # political militias; ACLED codes unidentified armed groups here too
    "UAF": POLITICAL_MILITIA,
    "MILITIA": POLITICAL_MILITIA,
    # identity (ethnic, communal, clan) militias
    "ETH": IDENTITY_MILITIA,
    "COM": IDENTITY_MILITIA,
    "RIO": RIOTERS,
    "PRO": PROTESTERS,
    # civilians, including aid workers, journalists, health and education staff, refugees
    "CVL": CIVILIANS,
    "NGO": CIVILIANS,
    "MED": CIVILIANS,
    "HLH": CIVILIANS,
    "EDU": CIVILIANS,
    "REF": CIVILIANS,
    "REL": CIVILIANS,
    "LAB": CIVILIANS,
    "BUS": CIVILIANS,
    "AGR": CIVILIANS,
    "HRI": CIVILIANS,
    # external / other forces: international organisations, peacekeepers
    "IGO": EXTERNAL,
    "PKO": EXTERNAL,
}

ARMED = frozenset({STATE, REBEL, POLITICAL_MILITIA, IDENTITY_MILITIA, EXTERNAL})


def inter_code(actor: Actor | None) -> int | None:
    """ACLED inter code of an actor from its sector, or None when unknown."""
    if actor is None or not actor.sector:
        return None
    return SECTOR_INTER.get(actor.sector.strip().upper())


def interaction(inter1: int | None, inter2: int | None) -> str | None:
    """ACLED interaction code: both inter codes, smaller first ("17"); a lone actor gets "10"."""
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    if not codes:
        return None
    if len(codes) == 1:
        return f"{codes[0]}0"
    return f"{codes[0]}{codes[1]}"


def actor_label(actor: Actor | None) -> str | None:
    """The normalised actor name, else the text as written."""
    if actor is None:
        return None
    return actor.name or actor.text or None


def place_label(place: Place | None) -> str | None:
    """The resolved place name, else the place as written."""
    if place is None:
        return None
    return place.name or place.text or None


def coordinates(place: Place | None) -> tuple[float, float] | None:
    """(lat, lon) when both are known, finite and on the globe; else None."""
    if place is None or place.lat is None or place.lon is None:
        return None
    lat, lon = float(place.lat), float(place.lon)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        return None
    return lat, lon


def priogrid_gid(lat: float, lon: float) -> int:
    """The PRIO-GRID cell id (0.5 degree cells, numbered from the south-west corner from 1)."""
    row = min(int((lat + 90.0) // 0.5), 359)
    col = min(int((lon + 180.0) // 0.5), 719)
    return row * 720 + col + 1


def span_days(start: dt.date | None, end: dt.date | None) -> int | None:
    """Days between start and end (0 for a single day), None when the start is unknown."""
    if start is None:
        return None
    if end is None or end < start:
        return 0
    return (end - start).days
