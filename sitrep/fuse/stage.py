"""The fuse stage: all claims in the store -> events (recomputed whole, in one transaction)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sitrep.fuse.baseline import ArticleInfo, fuse_claims
from sitrep.store.base import Store


@dataclass
class FuseReport:
    claims: int = 0
    events: int = 0
    multi_report_events: int = 0
    events_with_conflicts: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"claims": self.claims, "events": self.events,
                "multi_report_events": self.multi_report_events,
                "events_with_conflicts": self.events_with_conflicts,
                "seconds": round(self.seconds, 3)}  # fmt: skip


def fuse(store: Store) -> FuseReport:
    """Group claims into events and store them, replacing the previous events.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> sitrep.fuse(store).events
        0
    """
    started = time.perf_counter()
    run_id = store.start_run("fuse")
    report = FuseReport()
    status = "failed"
    try:
        claims = list(store.iter_claims())
        meta = store.article_meta(sorted({c.article_id for c in claims}))
        articles = {aid: ArticleInfo(aid, outlet, group, pub) for aid, outlet, group, pub in meta}
        events = fuse_claims(claims, articles)
        with store.transaction():
            store.replace_events(events)
        report.claims, report.events = len(claims), len(events)
        report.multi_report_events = sum(1 for e in events if e.n_articles > 1)
        report.events_with_conflicts = sum(1 for e in events if e.conflicts)
        status = "done"
    finally:
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, status, report.as_dict())
    return report
