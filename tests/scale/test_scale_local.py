"""``--workers N``: extraction on local worker processes gives what one process gives."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import Snapshot, cli, snapshot, stages

import sitrep
from sitrep.scale.local import PoolRunner

pytestmark = pytest.mark.slow


def test_sitrep_run_with_two_workers_stores_what_one_process_stores(
    tmp_path: Path, samples: Path, baseline: Snapshot
) -> None:
    db = f"sqlite:///{tmp_path / 'two.db'}"
    proc = cli("run", str(samples), "--db", db, "--workers", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    with sitrep.open_store(db) as store:
        assert snapshot(store) == baseline
        (extract_run,) = [r for r in store.runs.all() if r.stage == "extract"]
        assert extract_run.status == "done"


def test_a_killed_worker_loses_nothing_and_doubles_nothing(
    tmp_path: Path, samples: Path, baseline: Snapshot
) -> None:
    killed: list[int] = []

    def kill_a_worker(event: str, _data: dict[str, Any]) -> None:
        # After the first batch is written, while later chunks are still out with workers.
        if event == "advance" and not killed:
            victim = multiprocessing.active_children()[0]
            assert victim.pid is not None
            os.kill(victim.pid, signal.SIGKILL)
            killed.append(victim.pid)

    with sitrep.open_store(f"sqlite:///{tmp_path / 'killed.db'}") as store:
        report = stages(
            samples, store, workers=2, chunk_size=2, batch_size=2, progress=kill_a_worker
        )
        assert killed, "the pool never wrote a batch: nothing was killed"
        assert report.failed == 0
        assert report.articles == len(baseline["articles"]) - 1  # all but the non-English one
        assert snapshot(store) == baseline


def test_the_pool_hands_out_again_what_a_dead_worker_held(samples: Path, tmp_path: Path) -> None:
    """Directly on the runner: every article comes back exactly once, after a kill."""
    with sitrep.open_store(f"sqlite:///{tmp_path / 'pool.db'}") as store:
        sitrep.ingest([str(samples)], store)
        articles = list(store.articles.iter(language="en"))
    chunks = [articles[i : i + 3] for i in range(0, len(articles), 3)]
    runner = PoolRunner(2, "rules", version="")
    try:
        seen: list[str] = []
        for n, result in enumerate(runner.map(chunks)):
            if n == 0:
                for child in multiprocessing.active_children():
                    os.kill(child.pid or 0, signal.SIGKILL)
            seen += [r.article_id for r in result.results if r.error is None]
        assert sorted(seen) == sorted(a.id for a in articles)
        assert runner.restarts >= 1
    finally:
        runner.close()
