"""What every pipeline stage shares: its report's shape, its run record, its call signature.

A stage (ingest, extract, fuse, verify) reads the store, writes it, tells a ``progress``
callback how far it got (``"start"`` with a total, ``"advance"`` or ``"file"`` as it goes,
``"end"`` with its report) and returns a report. Each run is recorded in the store's ``runs``
table with its status and the report's figures, so ``sitrep stats`` and a later run can tell
a finished stage from one that failed or was killed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from sitrep.store.base import Store

Progress = Callable[[str, dict[str, Any]], None]

__all__ = ["Progress", "Stage", "StageReport", "no_progress", "recorded_run"]


def no_progress(_event: str, _data: dict[str, Any]) -> None:
    """The progress callback of a stage called without one."""


@dataclass
class StageReport:
    """What a stage did: its own counts (declared by each stage's report) and its time.

    ``as_dict`` gives the figures stored with the run and shown by the CLI: every field in
    declaration order, a list by its length (the items stay on the report), ``seconds``
    last; a field declared with ``metadata={"stored": False}`` is left out.
    """

    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            if f.name == "seconds" or not f.metadata.get("stored", True):
                continue
            value = getattr(self, f.name)
            out[f.name] = len(value) if isinstance(value, list) else value
        out["seconds"] = round(self.seconds, 3)
        return out


class Stage(Protocol):
    """A stage as ``sitrep.pipeline.run`` calls it: the store and a progress callback in, a
    report out (its other options bound beforehand, e.g. with ``functools.partial``)."""

    def __call__(self, store: Store, *, progress: Progress | None = None) -> StageReport: ...


@contextlib.contextmanager
def recorded_run(
    store: Store, stage: str, report: StageReport, progress: Progress | None = None
) -> Iterator[str]:
    """Record one run of ``stage``: started now, then ``done`` when the block ends or
    ``failed`` when it raises (``interrupted`` is set by the next run when this process
    was killed), with the block's time in ``report.seconds`` and ``report.as_dict()`` as its
    figures; ``progress`` then hears ``"end"`` with them, whatever happened. Yields the run id
    (errors recorded meanwhile name it).

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> with recorded_run(store, "demo", StageReport()) as run_id:
        ...     pass
        >>> store.runs.all()[0].status
        'done'
    """
    started = time.perf_counter()
    run_id = store.runs.start(stage)
    status = "failed"
    try:
        yield run_id
        status = "done"
    finally:
        report.seconds = time.perf_counter() - started
        store.runs.finish(run_id, status, report.as_dict())
        if progress is not None:
            progress("end", report.as_dict())
