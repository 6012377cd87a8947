"""``--scheduler``: extraction on a real Dask cluster (LocalCluster, two worker processes)
gives the articles, claims and events of a single-process run, on both back-ends (with
PostgreSQL the workers write with COPY), and a worker killed mid-run loses and doubles
nothing."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from scale_helpers import Snapshot, cli, snapshot, stages

import sitrep

pytestmark = pytest.mark.slow


def test_a_cluster_run_stores_what_one_process_stores(
    db_url: str, samples: Path, baseline: Snapshot, dask_client: Any
) -> None:
    with sitrep.open_store(db_url) as store:
        report = sitrep.run([str(samples)], store, scheduler=dask_client)
        assert report.ok and report.extract.failed == 0
        assert report.extract.writer == ("workers" if store.dialect == "postgresql" else "client")
        assert snapshot(store) == baseline
        # The models went to the workers once, by the plugin, and stayed there.
        assert any("sitrep-models-full" in name for name in _plugins(dask_client))


def test_sitrep_run_on_a_scheduler_stores_what_one_process_stores(
    tmp_path: Path, samples: Path, baseline: Snapshot, dask_client: Any
) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    address = dask_client.scheduler.address
    proc = cli("run", str(samples), "--db", db, "--scheduler", address, "--quiet")
    assert proc.returncode == 0, proc.stderr
    with sitrep.open_store(db) as store:
        assert snapshot(store) == baseline


def test_an_unreachable_scheduler_is_a_clear_error_before_any_input_is_read(
    tmp_path: Path, samples: Path
) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    proc = cli(
        "run", str(samples), "--db", db, "--scheduler", "tcp://127.0.0.1:9", "--quiet", timeout=120
    )
    assert proc.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    with sitrep.open_store(db) as store:
        assert store.count("articles") == 0


def _plugins(client: Any) -> set[str]:
    def names(dask_worker: Any) -> list[str]:
        return list(dask_worker.plugins)

    return {n for found in client.run(names).values() for n in found}


def test_a_worker_killed_during_extraction_loses_nothing(
    db_url: str, samples: Path, baseline: Snapshot, own_dask_client: Any
) -> None:
    dask_client = own_dask_client
    killed: list[str] = []

    def kill_a_busy_worker(event: str, _data: dict[str, Any]) -> None:
        if event != "advance" or killed:
            return
        busy = [addr for addr, keys in dask_client.processing().items() if keys]
        if not busy:
            return  # try again after the next batch
        pid = dask_client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)  # the nanny starts a fresh worker; its chunk goes elsewhere
        killed.append(busy[0])

    with sitrep.open_store(db_url) as store:
        report = stages(
            samples,
            store,
            scheduler=dask_client,
            chunk_size=2,
            batch_size=2,
            progress=kill_a_busy_worker,
        )
        assert killed, "no worker was busy at any batch: nothing was killed"
        assert report.failed == 0
        assert report.writer == ("workers" if store.dialect == "postgresql" else "client")
        assert report.articles == len(baseline["articles"]) - 1  # all but the non-English one
        assert snapshot(store) == baseline
        notes = [(e.source, e.message) for e in store.runs.errors() if e.stage == "extract"]
        assert len(notes) == len(set(notes))  # a chunk done twice noted its articles once


def test_ingest_prepared_on_a_cluster_stores_what_one_process_stores(
    tmp_path: Path, dask_client: Any
) -> None:
    """More documents than a chunk (200), so most are prepared on the workers; copies among
    them are still found (the client de-duplicates, in input order)."""
    from sitrep.evaluate.synthetic import generate

    rows = [g.row() for seed in (1, 2, 3) for g in generate(seed).articles]
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    stored = []
    for name, client in (("one", None), ("cluster", dask_client)):
        with sitrep.open_store(f"sqlite:///{tmp_path / name}.db") as store:
            report = sitrep.ingest([str(corpus)], store, scheduler=client)
            assert report.new > 400 and report.duplicates > 0
            stored.append(
                store.query(
                    "SELECT id, dup_group, dup_of, language, published, published_source FROM articles "
                    "ORDER BY seq"
                )
            )
    assert stored[0] == stored[1]


def test_sitrep_fuse_on_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'none.db'}"
    proc = cli("fuse", "--db", db, "--scheduler", "tcp://127.0.0.1:9", timeout=120)
    assert proc.returncode == 1
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    with sitrep.open_store(db) as store:
        assert store.runs.all() == []
