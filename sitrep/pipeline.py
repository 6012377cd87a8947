"""``sitrep run``: every stage in order, then the exports a user loads elsewhere."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.extract.stage import ExtractReport, extract
from sitrep.fuse.stage import FuseReport, fuse
from sitrep.ingest.stage import IngestReport, ingest
from sitrep.stages import Stage
from sitrep.store.base import Store
from sitrep.verify.stage import VerifyReport, verify

# (what, format, file name) written by ``run`` into the output folder.
DEFAULT_EXPORTS: tuple[tuple[str, str, str], ...] = (
    ("articles", "jsonl", "articles.jsonl"),
    ("claims", "jsonl", "claims.jsonl"),
    ("claims", "geojson", "claims.geojson"),
    ("claims", "acled-csv", "claims_acled.csv"),
    ("events", "jsonl", "events.jsonl"),
    ("events", "geojson", "events.geojson"),
    ("events", "acled-csv", "events_acled.csv"),
    ("events", "ucdp-csv", "events_ucdp.csv"),
    ("events", "parquet", "events.parquet"),
)


@dataclass
class RunReport:
    ingest: IngestReport
    extract: ExtractReport
    fuse: FuseReport
    verify: VerifyReport | None = None
    exports: dict[str, int] = field(default_factory=dict)  # file -> rows

    @property
    def ok(self) -> bool:
        return self.ingest.ok and self.extract.failed == 0


@dataclass
class WatchLook:
    """One look at a watched folder: what ingest found, and when it found new articles,
    what extraction and fusion made of them."""

    ingest: IngestReport
    extract: ExtractReport | None = None
    fuse: FuseReport | None = None


def watch(
    folder: str | Path,
    store: Store,
    *,
    interval: float = 5.0,
    cycles: int = 0,
    follow_links: bool = False,
) -> Iterator[WatchLook]:
    """Ingest what is new or changed in ``folder`` every ``interval`` seconds and extract and
    fuse it; yields each look's reports, and stops after ``cycles`` looks (0: never).

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> for look in watch("inbox/", store, cycles=1):  # doctest: +SKIP
        ...     print(look.ingest.new)
    """
    done = 0
    while True:
        look = WatchLook(ingest([str(folder)], store, follow_links=follow_links))
        if look.ingest.new:
            look.extract = extract(store)
            look.fuse = fuse(store)
        yield look
        done += 1
        if cycles and done >= cycles:
            return
        time.sleep(interval)


def export_all(
    store: Store, out_dir: str | Path, exports: Iterable[tuple[str, str, str]] = DEFAULT_EXPORTS
) -> dict[str, int]:
    from sitrep.export import export

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # One snapshot for every file: a stage of another process committing between two files
    # must not leave events.csv and claims.jsonl telling two states of the store.
    with store.snapshot():
        return {
            str(out / name): export(store, what, fmt, out / name) for what, fmt, name in exports
        }


def run(
    paths: Iterable[str],
    store: Store,
    *,
    out_dir: str | Path | None = None,
    force: bool = False,
    progress: Callable[[str, str, dict[str, Any]], None] | None = None,
    mode: str = "full",
    reference: str | Path | None = None,
    follow_links: bool = False,
    workers: int = 1,
    scheduler: str | Any | None = None,
) -> RunReport:
    """Ingest ``paths``, extract, fuse, verify (against ``reference`` too, when given) and,
    with ``out_dir``, write the standard exports.

    Extraction, the slow stage, runs on ``workers`` local processes or, with ``scheduler``
    (``tcp://host:port`` or a ``distributed.Client``), on a Dask cluster; so does fusion of
    many claims, in blocks that cannot meet (``sitrep.fuse.partition``), with the events one
    process gives, and, on a cluster, the preparing of what ingest reads (normalising,
    language, MinHash). Verification runs here.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///demo.db")  # doctest: +SKIP
        >>> report = sitrep.run(["samples/"], store, out_dir="out")  # doctest: +SKIP
    """
    owned = None
    if isinstance(scheduler, str):
        from sitrep.scale import connect_scheduler

        scheduler = owned = connect_scheduler(scheduler)
    try:
        return _run(
            paths,
            store,
            out_dir=out_dir,
            force=force,
            progress=progress,
            mode=mode,
            reference=reference,
            follow_links=follow_links,
            workers=workers,
            scheduler=scheduler,
        )
    finally:
        if owned is not None:
            owned.close()


def _run(
    paths: Iterable[str],
    store: Store,
    *,
    out_dir: str | Path | None,
    force: bool,
    progress: Callable[[str, str, dict[str, Any]], None] | None,
    mode: str,
    reference: str | Path | None,
    follow_links: bool,
    workers: int,
    scheduler: Any,
) -> RunReport:
    hook = progress or (lambda _stage, _event, _data: None)
    # In order; each named as its report's field in RunReport.
    stages: dict[str, Stage] = {
        "ingest": functools.partial(
            ingest, paths, force=force, follow_links=follow_links, scheduler=scheduler
        ),
        "extract": functools.partial(extract, mode=mode, workers=workers, scheduler=scheduler),
        "fuse": functools.partial(fuse, workers=workers, scheduler=scheduler),
        "verify": functools.partial(verify, reference=reference),
    }
    reports = {
        name: stage(store, progress=functools.partial(hook, name)) for name, stage in stages.items()
    }
    report = RunReport(**reports)  # type: ignore[arg-type]  # each stage's own report type
    if out_dir is not None:
        report.exports = export_all(store, out_dir)
    return report
