"""The fuse stage: claims in the store -> events, incrementally.

New claims (not yet in any event) are compared with the stored events whose dates they could
touch, join them or found new ones; only the events that changed are rewritten, each batch
in one transaction. A run with nothing new changes nothing. When claims an event was built
from are gone (an article was re-extracted), or with ``rebuild=True``, everything is
recomputed from scratch; since the grouping does not depend on arrival order, the ids of
unchanged events survive a rebuild.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sitrep.extract.plausible import check_claim
from sitrep.fuse.copy_stage import analyse_copies
from sitrep.fuse.features import ArticleInfo, ClaimView, view
from sitrep.fuse.fusion import fuse_claims
from sitrep.fuse.link_stage import link_articles
from sitrep.fuse.windows import FIRST_DAY, LAST_DAY, merged_windows
from sitrep.ingest.normalise import parse_published
from sitrep.model import Claim, Event
from sitrep.stages import Progress, StageReport, no_progress, recorded_run
from sitrep.store.base import Store

Fuser = Callable[[Sequence[Claim], dict[str, ArticleInfo]], list[Event]]


@dataclass
class FuseReport(StageReport):
    claims: int = 0
    new_claims: int = 0
    events: int = 0
    changed_events: int = 0
    multi_report_events: int = 0
    events_with_conflicts: int = 0
    rebuilt: bool = False
    links: int = 0  # articles linked to an event at document level in this run
    copies: dict[str, int] = field(default_factory=dict)


def _articles(store: Store, ids: Sequence[str]) -> dict[str, ArticleInfo]:
    """What fusion needs of each article, copies resolved to the reports they copy: a spun
    or syndicated page stands for its source, a stitched page's copied sentences for theirs."""
    meta = {m.id: m for m in store.articles.fusion_meta(sorted(set(ids)))}
    verdicts = store.copies.verdicts(list(meta))
    sources = {m.source_article for v in verdicts.values() for m in v.matches}
    sources |= {s for v in verdicts.values() for s in v.sources}
    groups = {m.id: m.dup_group for m in store.articles.fusion_meta(sorted(sources - meta.keys()))}
    verdicts.update(store.copies.verdicts(sorted(sources - meta.keys())))
    groups.update({aid: m.dup_group for aid, m in meta.items()})

    def unit_of(aid: str) -> str:
        v = verdicts.get(aid)
        if v is not None:  # a source that is itself a copy stands for what it copies
            if v.status in ("syndicated", "spun") and v.sources and v.sources[0] != aid:
                return v.sources[0]
            return aid
        return groups.get(aid) or aid

    out = {}
    for aid, m in meta.items():
        v = verdicts.get(aid)
        group = m.dup_group
        copied: tuple[tuple[int, int, str, str, int], ...] = ()
        if v is not None and v.status == "original":
            group = aid  # the sentence-level verdict (publication order) decides the report
        elif v is not None:
            group = aid
            if v.status in ("syndicated", "spun") and v.sources:
                group = unit_of(v.sources[0])
            copied = tuple(
                (
                    x.sentence.start,
                    x.sentence.end,
                    unit_of(x.source_article),
                    x.source_article,
                    x.source_sentence.start,
                )
                for x in v.matches
            )
        out[aid] = ArticleInfo(aid, m.outlet, group, _date(m.published), m.copy_status, copied)
    return out


def _date(value: str | None) -> dt.date | None:
    parsed = parse_published(value) if value else None
    if isinstance(parsed, dt.datetime):
        return parsed.date()  # fusion works in days; the article keeps its time
    return parsed if isinstance(parsed, dt.date) else None


def _checked(claims: Sequence[Claim]) -> list[Claim]:
    """Claims as fusion may use them: implausible figures and dates (stored by an extractor
    older than those bounds) are left out of the arithmetic; the stored claim is unchanged."""
    return [check_claim(c)[0] for c in claims]


def _windows(views: Sequence[ClaimView]) -> list[tuple[str | None, dt.date, dt.date]]:
    """The new claims' date windows per country, overlapping ones merged, one day of slack;
    a claim with no date at all and a country spans every day (``Clusterer._candidates``)."""
    spans: list[tuple[str | None, int, int]] = []
    for v in views:
        if v.lo is not None and v.hi is not None:
            spans.append((v.country, v.lo - 1, v.hi + 1))
        elif v.country is not None:  # no date at all: any event of its country may be it
            spans.append((v.country, FIRST_DAY, LAST_DAY))
    return merged_windows(spans)


def _rebuild(store: Store, report: FuseReport, fuser: Fuser = fuse_claims) -> None:
    claims = _checked(list(store.claims.iter()))
    events = fuser(claims, _articles(store, [c.article_id for c in claims]))
    with store.transaction():
        store.events.replace_all(events)
    report.claims, report.new_claims, report.rebuilt = len(claims), len(claims), True
    report.changed_events = len(events)
    report.links = link_articles(store, None)


def _incremental(
    store: Store, new: list[Claim], report: FuseReport, fuser: Fuser = fuse_claims
) -> None:
    """Fuse the new claims with the stored events they may touch, as a batch would.

    The region is every stored event whose dates and country a new claim could meet, and the
    other events of the articles those events hold (an article's claims are judged together:
    its lead decides where its other sentences go). The region's claims and the new ones are
    fused from scratch with ``fuse_claims``, the order-independent batch function, and the
    region's stored events are replaced by the result: so a later page joins the events
    already stored (an event keeps its id while its founding claim stays), and a rebuild of
    the whole store gives the events an incremental run gave, up to the region's edges.
    """
    new = _checked(new)
    articles = _articles(store, [c.article_id for c in new])
    views = [view(c, articles.get(c.article_id) or ArticleInfo(c.article_id)) for c in new]
    region = {e.id: e for e in store.events.touching(_windows(views))}
    held = {c.article_id for c in new} | {a for e in region.values() for a in e.articles}
    region.update({e.id: e for e in store.events.of_articles(sorted(held))})
    new_ids = {c.id for c in new}
    old_ids = sorted({cid for e in region.values() for cid in e.claims} - new_ids)
    old_claims = _checked(store.claims.get_many(old_ids))
    articles.update(_articles(store, [c.article_id for c in old_claims]))
    events = fuser([*old_claims, *new], articles)
    changed = [e for e in events if e.id not in region or e != region[e.id]]
    gone = sorted(region.keys() - {e.id for e in events})
    with store.transaction():
        store.events.delete(gone)
        store.events.upsert(changed)
    report.new_claims, report.changed_events = len(new), len(changed)
    report.links = link_articles(store, [*changed, *(Event(id=eid) for eid in gone)])


def fuse(
    store: Store,
    *,
    rebuild: bool = False,
    progress: Progress | None = None,
    workers: int = 1,
    scheduler: Any | None = None,
) -> FuseReport:
    """Fuse the claims not yet in an event (all of them with ``rebuild``) and store events.

    With ``workers`` > 1 or a ``scheduler`` (``tcp://host:port`` or a ``distributed.Client``),
    many claims are fused in blocks that cannot meet (``sitrep.fuse.partition``) on local
    processes or the Dask cluster: the same events, sooner.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> sitrep.fuse(store).events
        0
    """
    fuser: Fuser = fuse_claims
    owned = None
    if isinstance(scheduler, str):  # connect first: a wrong address fails before any work
        from sitrep.scale import connect_scheduler

        scheduler = owned = connect_scheduler(scheduler)
    if workers > 1 or scheduler is not None:
        from sitrep.scale.fusion import partitioned_fuser

        fuser = partitioned_fuser(workers, scheduler)
    report = FuseReport()
    with (
        contextlib.closing(owned) if owned is not None else contextlib.nullcontext(),
        recorded_run(store, "fuse", report, progress),
    ):
        (progress or no_progress)("start", {})
        report.copies = analyse_copies(store).as_dict()
        assigned = store.events.assignments()
        current = store.claims.ids()
        report.claims = len(current)
        if rebuild or any(cid not in current for cid in assigned):
            _rebuild(store, report, fuser)
        else:
            new_ids = sorted(current - assigned.keys())
            if new_ids:
                _incremental(store, store.claims.get_many(new_ids), report, fuser)
        report.events = store.count("events")
        report.multi_report_events = store.count("events", "n_articles > 1")
        report.events_with_conflicts = store.count("events", "n_conflicts > 0")
    return report


def article_infos(store: Store, ids: Sequence[str]) -> dict[str, ArticleInfo]:
    """What fusion knows of these articles (outlet, date, the report each sentence stands
    for): the verify stage compares claims across independent reports with it."""
    return _articles(store, ids)
