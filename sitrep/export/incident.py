"""One view of "an incident" over claims and events, for the ACLED- and UCDP-style tables.

Both reference formats describe one row per incident whether it came from a single report
(a claim) or from fused reports (an event). Reading both through ``Incident`` keeps each
table writer to a single row builder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sitrep.export.provenance import Evidence, Provenance
from sitrep.model import Actor, Claim, Event, Figure, Place
from sitrep.store.base import Store


@dataclass
class Incident:
    id: str
    event_type: str | None
    sub_event_type: str | None
    start: dt.date | None
    end: dt.date | None
    precision: str | None  # day / week / month / year; None when only the range is known
    actor1: Actor | None
    actor2: Actor | None
    place: Place | None
    killed: Figure | None
    n_sources: int | None  # independent reports behind it (1 for a single claim)
    status: str | None
    contested: list[str]  # fields whose figures differ between reports
    evidence: Evidence


def from_claim(claim: Claim, evidence: Evidence) -> Incident:
    when = claim.when
    return Incident(
        id=claim.id,
        event_type=claim.event_type,
        sub_event_type=claim.sub_event_type,
        start=when.start if when else None,
        end=when.end if when else None,
        precision=when.precision if when else None,
        actor1=claim.actor1,
        actor2=claim.actor2,
        place=claim.place,
        killed=claim.casualties.killed,
        n_sources=1,
        status=claim.status,
        contested=[],
        evidence=evidence,
    )


def from_event(event: Event, evidence: Evidence) -> Incident:
    return Incident(
        id=event.id,
        event_type=event.event_type,
        sub_event_type=event.sub_event_type,
        start=event.start,
        end=event.end,
        precision=None,
        actor1=event.actor1,
        actor2=event.actor2,
        place=event.place,
        killed=event.casualties.killed,
        n_sources=event.n_independent or None,
        status=None,
        contested=sorted({c.field for c in event.conflicts}),
        evidence=evidence,
    )


def iter_incidents(store: Store, what: str) -> Iterator[Incident]:
    """Claims or events from the store as incidents, streamed in the store's order."""
    provenance = Provenance(store)
    if what == "claims":
        for claim in store.claims.iter():
            yield from_claim(claim, provenance.for_claim(claim))
    elif what == "events":
        for event in store.events.iter():
            yield from_event(event, provenance.for_event(event))
    else:
        raise ValueError(f"incidents are claims or events, not {what!r}")
