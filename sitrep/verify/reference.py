"""Check extracted claims against a reference event dataset the user trusts.

This is how the FA-KES labels were made: an article's facts (date, place, deaths) were looked
up in a documented record (the VDC database) and an article whose facts contradict it was
called fake. Here the record is a UCDP GED or ACLED CSV, or sitrep's own export of either,
read by ``load_reference`` (``reference_data``: layouts, date windows, location radii).

Matching rules (the numbers are fields of ``Tolerances`` or tables in ``reference_data``):

- **Dates.** Both sides are windows of days. A claim's is ``When.start..When.end``; a
  week/month/year claim with no end covers its week (start + 6 days), calendar month or
  year. A reference row's comes from its date precision (GED ``date_start..date_end``;
  ACLED's day widened by its ``time_precision``). The day gap is 0 when the windows overlap,
  else the days between them; rows match when the gap is at most ``day_slack`` (1:
  "yesterday"/"on Thursday" and night-time events land on the neighbouring day in one
  source or the other).
- **Place.** Both sides get a radius and the radii add up. A claim of precision 1 (the place
  itself) 5 km, precision 2 (part of / near a place, or a point with no precision) 10 km; a
  reference row 5 km for an exact location, 25 km for GED ``where_prec`` 2 / ACLED
  ``geo_precision`` 2, 50 km for a district or an area. So two exact places match within
  10 km (a city's quarters vs its centre point). Rows located only to a first-order admin
  area (GED 4, ACLED 3) and claims of precision 3 or without coordinates are matched by name
  instead: the same admin1 (governorate), or the same place name when one side has no
  coordinates, compared on transliteration keys ("Hamah Governorate" = "Hama", "Aleppo town"
  = "Aleppo"). Rows placed only at a country never confirm a place. When both sides know the
  country, it must agree. A row is *close* when it lies within the claim's own radius plus
  5 km (or matched by name); close rows rank before rows that only reach the claim through
  their own wide radius.
- **Type.** Families comparable with sitrep's ACLED ``event_type`` (``type_families``):
  Battles, Explosions/Remote violence and Violence against civilians are *political
  violence*, Protests and Riots *demonstrations* (excessive force against protesters is
  both), Strategic developments its own. GED's three types of violence are all political
  violence (GED files a regime airstrike on a town as "state-based" even when the dead are
  civilians), with one refinement: a claim with a state actor, or an air/drone strike, is not
  GED's non-state violence (type 2), which by definition has no state side. An unknown type
  on either side is not compared.
- **Not checkable** (never a "no reference event"): no date; no place, or only the country;
  a type family the reference does not record (GED records only deadly organised violence,
  so protests are outside it); a date outside the reference's period, or outside the period
  it covers for the claim's country, or a country it does not cover; and, for a deaths-only reference like GED, a claim reporting no deaths that
  found no row (its absence there proves nothing).
- **Figures.** GED often puts one day in one town into one row, or splits it by source
  article and dyad, so a claim may stand for part of a row or for several. The claim's killed
  figure (best, or its low..high range) is compared with the best-ranked matched rows: those
  of the best row's closeness and day gap (the same place on the nearest day). Their total
  (sum of ``low`` .. sum of ``high``) and their smallest single row are the yardsticks. The
  claim **agrees** when within the total allowing ``max(abs_deaths, rel_deaths * total)``
  (2 deaths or 20 %); it is **part of total** when below the total but not below the
  smallest row (same tolerance): one of the incidents the reference adds up; it is also
  **part of total** when below the total and a compared row is itself uncertain (dated to
  more than a day, or located to a district, an area or an admin1 only): such a row may add
  up several incidents, so the reference's own uncertainty widens the tolerance instead of
  contradicting the claim (GED's low..high range widens it as well). Otherwise it
  **differs**, and the check says by how much (claim best minus the nearest allowed end,
  and as a share of it). Rows with no figure (sitrep exports of claims without one) are left
  out. A claim without a killed figure can still be ``matched``: figures "not compared".

Verdicts: ``matched`` (rows found, no figure differs), ``figures differ`` (rows found, the
killed figure is beyond tolerance), ``no reference event`` (checkable, nothing matched; the
reasons name the rows that almost did), ``not checkable`` (``why`` says which rule).

Example:
    >>> from sitrep.verify.reference import load_reference, check_claim
    >>> ref = load_reference("ucdp_ged_syria_2016_2019.csv")  # doctest: +SKIP
    >>> check = check_claim(claim, ref)  # doctest: +SKIP
    >>> check.verdict, check.reference_ids[:1], check.figures[0].status  # doctest: +SKIP
    ('figures differ', ['232510'], 'differs')
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from sitrep.export import codes
from sitrep.model import Claim, Figure, FigureCheck, Place, ReferenceCheck, When
from sitrep.verify.reference_data import (
    COUNTRY_ONLY,
    Reference,
    ReferenceEvent,
    load_reference,
    month_bounds,
    name_key,
    type_families,
)

__all__ = [
    "AGREES",
    "DIFFERS",
    "FIGURES_DIFFER",
    "MATCHED",
    "NOT_CHECKABLE",
    "NOT_COMPARED",
    "NO_REFERENCE",
    "PART",
    "FigureCheck",
    "Reference",
    "ReferenceCheck",
    "ReferenceEvent",
    "Tolerances",
    "check_claim",
    "check_claims",
    "claim_window",
    "load_reference",
    "type_families",
]

MATCHED = "matched"
FIGURES_DIFFER = "figures differ"
NO_REFERENCE = "no reference event"
NOT_CHECKABLE = "not checkable"

AGREES = "agrees"
PART = "part of total"
DIFFERS = "differs"
NOT_COMPARED = "not compared"

_CLOSE_KM = 5.0  # a row is "close" within the claim's radius plus this
_WIDE_KM = 50.0  # a row located this loosely (a district, an area) may aggregate incidents
_NON_STATE = 2  # GED type_of_violence


@dataclass(frozen=True)
class Tolerances:
    """The knobs of the matching rules (module docstring); the defaults are the documented ones."""

    day_slack: int = 1
    claim_radius_exact_km: float = 5.0  # claim place precision 1
    claim_radius_near_km: float = 10.0  # precision 2, or a point with no precision
    abs_deaths: int = 2
    rel_deaths: float = 0.2
    near_miss_days: int = 14  # how far "no reference event" looks for the nearest row

    def deaths(self, value: int) -> int:
        """How far a killed figure may be from ``value`` and still agree."""
        return max(self.abs_deaths, math.ceil(self.rel_deaths * value))


DEFAULT = Tolerances()

# ------------------------------------------------------------------------------ checking


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def claim_window(when: When | None) -> tuple[dt.date, dt.date] | None:
    """The days a claim may be about, from its start, end and precision; None if undated."""
    if when is None or when.start is None:
        return None
    start = when.start
    end = when.end if when.end is not None and when.end >= start else start
    if end == start:
        if when.precision == "week":
            end = start + dt.timedelta(6)
        elif when.precision == "month":
            start, end = month_bounds(start)
        elif when.precision == "year":
            start, end = dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    return start, end


@dataclass
class _ClaimPlace:
    """What matching needs from a claim's place, worked out once."""

    lat: float | None
    lon: float | None
    radius: float | None  # None: no usable point, match by name
    coarse: bool  # known only to its admin1 area (precision 3, or no name and no point)
    name_keys: tuple[str, ...]
    adm1_key: str
    country: str | None
    label: str


def _claim_place(place: Place | None, tol: Tolerances) -> _ClaimPlace | str:
    """The claim's place for matching, or why it cannot be matched."""
    if place is None:
        return "no place"
    if place.precision == 3 and not place.admin1:  # precision 3 without admin1: a country
        return "no place: only the country is known" if place.country else "no place"
    point = place.lat is not None and place.lon is not None and (place.precision or 2) <= 2
    if not (point or place.name or place.admin1):  # as written, never resolved
        return "no place: unresolved"
    label = place.name or place.text or place.admin1 or "?"
    names = tuple(k for k in dict.fromkeys(name_key(n) for n in (place.name, place.text) if n) if k)
    adm1 = name_key(place.admin1) if place.admin1 else ""
    radius = None
    if point:
        radius = tol.claim_radius_exact_km if place.precision == 1 else tol.claim_radius_near_km
    return _ClaimPlace(
        lat=place.lat if point else None,
        lon=place.lon if point else None,
        radius=radius,
        coarse=not point and (place.precision == 3 or not names),
        name_keys=names,
        adm1_key=adm1,
        country=(place.country or "").upper() or None,
        label=label,
    )


def _place_match(cp: _ClaimPlace, e: ReferenceEvent) -> tuple[bool, float | None, str]:
    """(matches, distance in km when measured, how) for one reference row."""
    if cp.country and e.country and len(e.country) == 3 and cp.country != e.country:
        return False, None, f"in {e.country}, not {cp.country}"
    if e.radius_km == COUNTRY_ONLY:
        return False, None, "reference row located only to its country"
    if cp.radius is not None and e.has_point:
        d = haversine_km(cp.lat, cp.lon, e.lat, e.lon)  # type: ignore[arg-type]
        limit = cp.radius + e.radius_km  # type: ignore[operator]
        return d <= limit, d, f"{d:.1f} km apart (tolerance {limit:.0f} km)"
    if cp.coarse or e.radius_km is None:  # one side is known only to its admin1 area
        if cp.adm1_key and cp.adm1_key == e.adm1_key:
            return True, None, f"same admin1 ({e.adm1})"
        if e.adm1_key and e.adm1_key in cp.name_keys:
            return True, None, f"claim place is the row's admin1 ({e.adm1})"
        if e.radius_km is None and e.place_key and e.place_key in (cp.adm1_key, *cp.name_keys):
            return True, None, f"claim place is the row's area ({e.place})"
        return False, None, "different admin1"
    if e.place_key and e.place_key in cp.name_keys:  # no coordinates on one side
        return True, None, f"same place name ({e.place})"
    return False, None, "different place name"


def _close(cp: _ClaimPlace, e: ReferenceEvent, km: float | None) -> bool:
    """Whether a matched row is at the claim's place itself: within the claim's own radius
    (+5 km), the same name, or any admin1 match when the claim knows no more than that. A
    governorate-level row matched to a precise claim is not close."""
    if km is not None:
        return km <= cp.radius + _CLOSE_KM  # type: ignore[operator]
    return cp.coarse or e.radius_km is not None


def _day_gap(first: dt.date, last: dt.date, e: ReferenceEvent) -> int:
    if e.window_end < first:
        return (first - e.window_end).days
    if e.window_start > last:
        return (e.window_start - last).days
    return 0


@dataclass
class _Hit:
    event: ReferenceEvent
    gap: int
    km: float | None
    how: str
    close: bool  # within the claim's own radius (+5 km), or matched by name


def _has_state_side(claim: Claim) -> bool:
    """Whether the claim names state forces on one side (air strikes imply them)."""
    if (claim.sub_event_type or "").strip().lower() == "air/drone strike":
        return True
    return codes.STATE in (codes.inter_code(claim.actor1), codes.inter_code(claim.actor2))


def _type_ok(families: frozenset[str], state_side: bool, e: ReferenceEvent) -> bool:
    if families and e.families and not families & e.families:
        return False
    return not (state_side and e.violence == _NON_STATE)


def _candidates(
    ref: Reference, cp: _ClaimPlace, first: dt.date, last: dt.date
) -> list[ReferenceEvent]:
    if cp.radius is not None:
        return ref.near(first, last, cp.lat, cp.lon, cp.radius + ref.max_radius_km)  # type: ignore[arg-type]
    return ref.on_days(first, last)


def check_claim(
    claim: Claim, reference: Reference, tolerances: Tolerances = DEFAULT
) -> ReferenceCheck:
    """Look a claim up in the reference: matched / figures differ / no reference event /
    not checkable, with the matched row ids, day gap, distance, the killed-figure comparison
    and reasons a person can read (rules in the module docstring).

    Example:
        >>> check = check_claim(claim, load_reference("ged.csv"))  # doctest: +SKIP
        >>> check.verdict, check.figures[0].status  # doctest: +SKIP
        ('matched', 'agrees')
    """
    tol = tolerances
    out = ReferenceCheck(claim_id=claim.id, verdict=NOT_CHECKABLE, dataset=reference.dataset)
    window = claim_window(claim.when)
    if window is None:
        out.why = "no date"
        out.reasons.append("the claim has no date to look up")
        return out
    cp = _claim_place(claim.place, tol)
    if isinstance(cp, str):
        out.why = cp
        out.reasons.append(f"the claim has {cp}")
        return out
    families = type_families(claim.event_type, claim.sub_event_type)
    if families and not families & reference.families:
        out.why = "type not covered"
        covered = ", ".join(sorted(reference.families))
        out.reasons.append(
            f"{claim.event_type} ({', '.join(sorted(families))}) is not recorded by "
            f"{reference.dataset}, which covers only {covered}"
            + (" that killed someone" if reference.deadly_only else "")
        )
        return out
    first, last = window
    slack = dt.timedelta(tol.day_slack)
    if last + slack < reference.first_day or first - slack > reference.last_day:
        out.why = "outside the reference period"
        out.reasons.append(
            f"claim dates {first}..{last} are outside {reference.dataset}'s period "
            f"{reference.first_day}..{reference.last_day}"
        )
        return out
    if cp.country and reference.countries and cp.country not in reference.countries:
        out.why = "outside the reference countries"
        shown = ", ".join(sorted(reference.countries)[:10])
        out.reasons.append(f"{cp.country} is not among {reference.dataset}'s countries ({shown})")
        return out
    if cp.country in reference.coverage:
        own_first, own_last = reference.coverage[cp.country]
        if last + slack < own_first or first - slack > own_last:
            out.why = "outside the reference period"
            out.reasons.append(
                f"claim dates {first}..{last} are outside {reference.dataset}'s period for "
                f"{cp.country}, {own_first}..{own_last}"
            )
            return out

    state_side = _has_state_side(claim)
    hits: list[_Hit] = []
    for e in _candidates(reference, cp, first - slack, last + slack):
        gap = _day_gap(first, last, e)
        if gap > tol.day_slack or not _type_ok(families, state_side, e):
            continue
        ok, km, how = _place_match(cp, e)
        if ok:
            close = _close(cp, e, km)
            hits.append(_Hit(e, gap, km, how, close))
    killed = claim.casualties.killed if claim.casualties else None
    if not hits:
        return _no_match(out, reference, cp, (first, last), (families, state_side), killed, tol)

    hits.sort(
        key=lambda h: (not h.close, h.gap, h.km if h.km is not None else math.inf, h.event.row)
    )
    best = hits[0]
    out.reference_ids = [h.event.id for h in hits]
    out.day_gap = best.gap
    measured = [h.km for h in hits if h.km is not None]
    out.distance_km = round(min(measured), 1) if measured else None
    compared = [h for h in hits if (h.close, h.gap) == (best.close, best.gap)]
    out.reasons.append(
        f"{len(hits)} {reference.dataset} row(s) match; closest: {best.event.id} "
        f"(line {best.event.row}, {best.event.place or best.event.adm1 or '?'}, "
        f"{_days(best.event)}), "
        + ("same days" if best.gap == 0 else f"{best.gap} day(s) apart")
        + f", {best.how}"
    )
    if families:
        types = sorted({h.event.event_type or "type unknown" for h in hits})
        out.reasons.append(
            f"type: claim {claim.event_type} ({', '.join(sorted(families))}); "
            f"reference {', '.join(types)}"
        )
    else:
        out.reasons.append("type: the claim's type is unknown, not compared")
    figure = _compare(killed, compared, tol)
    out.figures.append(figure)
    out.reasons.append(f"killed: {figure.note}")
    out.verdict = FIGURES_DIFFER if figure.status == DIFFERS else MATCHED
    return out


def _days(e: ReferenceEvent) -> str:
    return str(e.date_start) if e.date_start == e.date_end else f"{e.date_start}..{e.date_end}"


def _reported_deaths(killed: Figure | None) -> bool:
    if killed is None or killed.best is None:
        return False
    return killed.best > 0 or bool(killed.high)


def _no_match(
    out: ReferenceCheck,
    ref: Reference,
    cp: _ClaimPlace,
    window: tuple[dt.date, dt.date],
    kind: tuple[frozenset[str], bool],
    killed: Figure | None,
    tol: Tolerances,
) -> ReferenceCheck:
    first, last = window
    if ref.deadly_only and not _reported_deaths(killed):
        out.why = "no deaths reported"
        out.reasons.append(
            f"no {ref.dataset} row matches, but {ref.dataset} records only events that killed "
            "someone and the claim reports no deaths, so the absence proves nothing"
        )
        return out
    out.verdict = NO_REFERENCE
    out.reasons.append(
        f"no {ref.dataset} row of a compatible type within {tol.day_slack} day(s) of "
        f"{first}..{last} at {cp.label}"
    )
    out.reasons.extend(_near_misses(ref, cp, window, kind, tol))
    if killed is not None and killed.best is not None:
        out.figures.append(
            FigureCheck(
                "killed",
                NOT_COMPARED,
                killed.best,
                killed.low,
                killed.high,
                note="no reference row to compare with",
            )
        )
    return out


def _near_misses(
    ref: Reference,
    cp: _ClaimPlace,
    window: tuple[dt.date, dt.date],
    kind: tuple[frozenset[str], bool],
    tol: Tolerances,
) -> list[str]:
    """The rows that almost matched: the right place on other days, the right days
    elsewhere, or the right place and days with another type."""
    (first, last), (families, state_side) = window, kind
    reasons = []
    far = dt.timedelta(tol.near_miss_days)
    place_hits: list[tuple[int, ReferenceEvent]] = []
    day_misses: list[tuple[float, ReferenceEvent]] = []
    other_type = []
    slack = dt.timedelta(tol.day_slack)
    for e in _candidates(ref, cp, first - far, last + far):
        gap = _day_gap(first, last, e)
        if not _place_match(cp, e)[0]:
            continue
        if gap > tol.day_slack and _type_ok(families, state_side, e):
            place_hits.append((gap, e))
        elif gap <= tol.day_slack:
            other_type.append(e)
    if cp.radius is not None:
        for e in ref.on_days(first - slack, last + slack):
            if e.lat is not None and e.lon is not None:
                d = haversine_km(cp.lat, cp.lon, e.lat, e.lon)  # type: ignore[arg-type]
                day_misses.append((d, e))
    if other_type:
        kinds = sorted({e.event_type or "?" for e in other_type})
        reasons.append(
            f"{len(other_type)} row(s) at this place on these days are of another type "
            f"({', '.join(kinds)}; claim: {', '.join(sorted(families)) or 'type unknown'}"
            + (", with a state side" if state_side else "")
            + ")"
        )
    if place_hits:
        gap, e = min(place_hits, key=lambda p: (p[0], p[1].row))
        reasons.append(f"nearest row at this place in time: {e.id} on {_days(e)} ({gap} days away)")
    if day_misses:
        d, e = min(day_misses, key=lambda p: (p[0], p[1].row))
        reasons.append(
            f"nearest row on these days: {e.id} at {e.place or e.adm1 or '?'}, {d:.0f} km away"
        )
    if not reasons:
        reasons.append(f"no row at this place within {tol.near_miss_days} days either")
    return reasons


def _compare(killed: Figure | None, hits: list[_Hit], tol: Tolerances) -> FigureCheck:
    """The claim's killed figure against the total of the rows of its nearest day."""
    if killed is None or killed.best is None:
        return FigureCheck("killed", NOT_COMPARED, note="the claim has no killed figure")
    rows = [h.event for h in hits if h.event.best is not None]
    check = FigureCheck(
        "killed", NOT_COMPARED, killed.best, killed.low, killed.high, rows=[e.id for e in rows]
    )
    if not rows:
        check.note = "the matched rows carry no figure"
        return check
    lows = [e.low if e.low is not None else e.best for e in rows]
    highs = [e.high if e.high is not None else e.best for e in rows]
    total_low, total_high = sum(lows), sum(highs)  # type: ignore[arg-type]
    check.reference_best = sum(e.best for e in rows)  # type: ignore[misc]
    check.reference_low, check.reference_high = total_low, total_high
    check.reference_smallest = min(lows)  # type: ignore[type-var]
    claim_low = killed.low if killed.low is not None else killed.best
    claim_high = (
        killed.high if killed.high is not None else (killed.best if killed.low is None else None)
    )
    low_tol, high_tol = tol.deaths(total_low), tol.deaths(total_high)
    allowed_low, allowed_high = total_low - low_tol, total_high + high_tol
    ref_text = (
        f"reference {check.reference_best}"
        + (f" ({total_low}-{total_high})" if total_low != total_high else "")
        + (f" summed over {len(rows)} rows" if len(rows) > 1 else "")
    )
    claim_text = f"claim {killed.best}" + (
        f" ({claim_low}-{claim_high if claim_high is not None else '?'})"
        if (claim_low, claim_high) != (killed.best, killed.best)
        else ""
    )
    open_high = claim_high is None
    if claim_low <= allowed_high and (open_high or claim_high >= allowed_low):  # type: ignore[operator]
        check.status, check.difference, check.tolerance = AGREES, 0, max(low_tol, high_tol)
        check.note = f"{claim_text} agrees with {ref_text} (tolerance {check.tolerance})"
        return check
    smallest_tol = tol.deaths(check.reference_smallest)  # type: ignore[arg-type]
    above = claim_low > allowed_high  # type: ignore[operator]
    vague = [e for e in rows if _uncertain(e)]
    if not above and vague:
        check.status, check.difference, check.tolerance = PART, 0, low_tol
        check.note = (
            f"{claim_text} is below {ref_text}, but the reference is itself uncertain "
            f"({_uncertainty(vague[0])}): a row that wide may add up several incidents, so "
            "a lower toll does not contradict it"
        )
        return check
    if (
        not above
        and len(rows) > 1
        and claim_high is not None
        and claim_high >= check.reference_smallest - smallest_tol  # type: ignore[operator]
    ):
        check.status, check.difference, check.tolerance = PART, 0, smallest_tol
        check.note = (
            f"{claim_text} is below {ref_text} but not below its smallest row "
            f"({check.reference_smallest}): it may be one of the incidents the reference adds up"
        )
        return check
    if above:
        diff, bound, tolerance = killed.best - total_high, total_high, high_tol
        word = "more"
    else:
        bound = check.reference_smallest if len(rows) > 1 else total_low
        tolerance = smallest_tol if len(rows) > 1 else low_tol
        diff, word = killed.best - bound, "fewer"  # type: ignore[operator]
    check.status, check.difference, check.tolerance = DIFFERS, diff, tolerance
    pct = f", {abs(diff) / bound:.0%}" if bound else ""
    check.note = (
        f"{claim_text} vs {ref_text}: {abs(diff)} {word} than {bound}{pct}, "
        f"beyond the tolerance of {tolerance}"
    )
    return check


def _uncertain(e: ReferenceEvent) -> bool:
    """A row that may add up several incidents: dated to more than one day, or located no
    better than a district (GED where_prec 3-5, ACLED geo_precision 3)."""
    return e.window_end > e.window_start or e.radius_km is None or e.radius_km >= _WIDE_KM


def _uncertainty(e: ReferenceEvent) -> str:
    parts = []
    if e.window_end > e.window_start:
        parts.append(f"row {e.id} dated {e.window_start}..{e.window_end}")
    if e.radius_km is None or e.radius_km >= _WIDE_KM:
        where = "its admin1 area" if e.radius_km is None else f"{e.radius_km:.0f} km"
        parts.append(f"row {e.id} located to {where}")
    return "; ".join(parts)


def check_claims(
    claims: Iterable[Claim], reference: Reference, tolerances: Tolerances = DEFAULT
) -> list[ReferenceCheck]:
    """``check_claim`` for many claims, in order. Each look-up reads only the index entries
    of its days (and grid cells when the claim has coordinates), so 10,000 claims against a
    16,000-row reference take a few seconds."""
    return [check_claim(c, reference, tolerances) for c in claims]
