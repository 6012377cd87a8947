"""``sitrep run``: every stage in order, then the exports a user loads elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.extract.stage import ExtractReport, extract
from sitrep.fuse.stage import FuseReport, fuse
from sitrep.ingest.stage import IngestReport, ingest
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
        return _run(paths, store, out_dir=out_dir, force=force, progress=progress, mode=mode,
                    reference=reference, follow_links=follow_links, workers=workers,
                    scheduler=scheduler)  # fmt: skip
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
    ing = ingest(paths, store, force=force, progress=lambda e, d: hook("ingest", e, d),
                 follow_links=follow_links, scheduler=scheduler)  # fmt: skip
    ext = extract(store, progress=lambda e, d: hook("extract", e, d), mode=mode,
                  workers=workers, scheduler=scheduler)  # fmt: skip
    hook("fuse", "start", {})
    fus = fuse(store, workers=workers, scheduler=scheduler)
    hook("fuse", "end", fus.as_dict())
    hook("verify", "start", {})
    ver = verify(store, reference=reference)
    hook("verify", "end", ver.as_dict())
    report = RunReport(ing, ext, fus, ver)
    if out_dir is not None:
        report.exports = export_all(store, out_dir)
    return report
