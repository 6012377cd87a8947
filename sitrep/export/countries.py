"""ISO 3166 country facts the ACLED and UCDP exports need, from ``sitrep/vocab/iso_countries.csv``.

The pipeline keeps countries as ISO3 codes; ACLED files carry the ISO numeric code
(``iso``), an English name and an ACLED-style region, UCDP GED files the Gleditsch & Ward
number (``country_id``) and UCDP's five regions. The table holds every ISO 3166-1 entry plus
Kosovo (XKX). ``acled_region`` follows the UN M49 sub-regions under ACLED's region names;
``gwno`` is filled for independent states only (UCDP codes Serbia as 345, Yemen as 678).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    iso_numeric: int | None
    name: str
    acled_region: str | None
    ucdp_region: str | None
    gwno: int | None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


@functools.cache
def countries() -> dict[str, Country]:
    """ISO3 -> Country, loaded once from the bundled CSV."""
    path = resources.files("sitrep").joinpath("vocab/iso_countries.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        return {
            row["iso3"]: Country(
                iso3=row["iso3"],
                iso2=row["iso2"],
                iso_numeric=_int(row["iso_numeric"]),
                name=row["name"],
                acled_region=row["acled_region"] or None,
                ucdp_region=row["ucdp_region"] or None,
                gwno=_int(row["gwno"]),
            )
            for row in csv.DictReader(fh)
        }


def country(iso3: str | None) -> Country | None:
    """The country for an ISO3 code (case-insensitive), or None when unknown or absent."""
    if not iso3:
        return None
    return countries().get(iso3.strip().upper())
