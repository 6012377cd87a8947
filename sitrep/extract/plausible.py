"""Plausibility bounds at the extraction boundary: values no report can truly state.

A fuzzed or garbled article ("killed 99999999999999999999 people", "on 31 December 9999")
must not carry its numbers into fusion arithmetic, SQLite's 64-bit integers or Parquet's
int64 columns, where one bad value used to stop every later ``fuse`` and ``export``. Such a
value is not stored as a figure or a date; the phrase stays (``text`` and ``span``) so a
reader sees what was written, and the extract stage records the reason in the store's errors.

Bounds, and why:

- killed, injured, detained: 10,000,000. Above any toll one report gives for one incident
  or campaign (the largest single-conflict tolls are in the low millions); anything larger
  is a typo, a cumulative historical figure that is no event's figure, or hostile input.
- displaced: 200,000,000. Displacement figures are legitimately large (Syria 13 million,
  Ukraine and Sudan over 10 million); UNHCR's world total of forcibly displaced people was
  about 120 million in 2024, so 200 million is above any true figure.

Both are far inside int64 (9.2e18), so a capped value can never overflow a store or a file.
Event dates use the publication-date range of ``ingest.normalise``: 1900 to two days after
today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sitrep.ingest.normalise import date_problem
from sitrep.model import Casualties, Claim, Figure, When

MAX_FIGURE: dict[str, int] = {
    "killed": 10_000_000,
    "injured": 10_000_000,
    "detained": 10_000_000,
    "displaced": 200_000_000,
}


def figure_problem(kind: str, figure: Figure | None) -> str | None:
    """Why this figure cannot be stored as a number (above the bound for its kind, or
    negative), or None when it can."""
    if figure is None:
        return None
    bound = MAX_FIGURE.get(kind, MAX_FIGURE["killed"])
    for name in ("best", "low", "high"):
        value = getattr(figure, name)
        if value is None:
            continue
        if value < 0:
            return f"{kind} {name} {value} is negative"
        if value > bound:
            shown = f"{value:,}" if value < 10**20 else "a number of over 20 digits"
            return f"{kind} {name} {shown} is above the plausible bound {bound:,}"
    return None


def plausible_figure(kind: str, figure: Figure | None) -> Figure | None:
    """The figure, or a copy without numbers (phrase and span kept) when it is implausible."""
    if figure is None or figure_problem(kind, figure) is None:
        return figure
    return dataclasses.replace(figure, best=None, low=None, high=None)


def when_problem(when: When | None, today: dt.date | None = None) -> str | None:
    """Why a resolved event date cannot be true, or None when it is plausible or unknown."""
    if when is None:
        return None
    for value in (when.start, when.end):
        if value is not None:
            problem = date_problem(value, today)
            if problem is not None:
                return f"event {problem}"
    return None


def check_claim(claim: Claim, today: dt.date | None = None) -> tuple[Claim, list[str]]:
    """The claim with implausible figures and dates removed (the phrases kept), and the
    reasons, one per removed value, for the caller to record."""
    reasons: list[str] = []
    figures = {}
    for kind in Casualties.KINDS:
        figure = getattr(claim.casualties, kind)
        problem = figure_problem(kind, figure)
        if problem is not None:
            reasons.append(f"{problem}: kept as text only ({figure.text!r})")  # type: ignore[union-attr]
        figures[kind] = plausible_figure(kind, figure)
    when = claim.when
    problem = when_problem(when, today)
    if problem is not None and when is not None:
        reasons.append(f"{problem}: date kept as text only ({when.text!r})")
        when = dataclasses.replace(when, start=None, end=None, precision=None)
    if not reasons:
        return claim, reasons
    return dataclasses.replace(claim, casualties=Casualties(**figures), when=when), reasons
