"""Exports and status rewrites under concurrent runs on one SQLite store.

Two `sitrep run`s on one store once wrote a claims_acled.csv where 118 of 125 claims had no
status: the second run re-extracted articles the first had already extracted (it read them
as pending before the first committed), which rewrote their claims without the statuses
verify had given, while the first run's exports read the store in many separate queries.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

import sitrep
from sitrep.export import export
from sitrep.store import Store, open_store

STALE_EXTRACT_AND_VERIFY = """
import sys, time
import sitrep
from sitrep.extract import stage
store = sitrep.open_store(sys.argv[1])
every = store.articles.iter
# A stale read: every article looks pending, as when two runs read the store at once.
store.articles.iter = lambda **kw: every(**{**kw, "pending_extractor": None})
print("ready", flush=True)
until = time.monotonic() + float(sys.argv[2])
while time.monotonic() < until:
    stage.extract(store, mode="rules")
    sitrep.verify(store)
"""


@pytest.fixture(scope="module")
def verified_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("concurrent") / "store.db"
    store = open_store(f"sqlite:///{path}")
    sitrep.run([str(Path(__file__).resolve().parents[2] / "samples")], store, mode="rules")
    store.close()
    return path


def _copy(db: Path, tmp_path: Path) -> str:
    target = tmp_path / "store.db"
    src = open_store(f"sqlite:///{db}")
    src.conn.execute("PRAGMA wal_checkpoint(FULL)")
    src.close()
    target.write_bytes(db.read_bytes())
    return f"sqlite:///{target}"


def _statuses(store: Store) -> dict[str, str | None]:
    return {c.id: c.status for c in store.claims.iter()}


def test_a_stale_reextraction_keeps_verified_statuses(verified_db: Path, tmp_path: Path) -> None:
    from sitrep.extract import stage

    store = open_store(_copy(verified_db, tmp_path))
    before = _statuses(store)
    assert sum(s is not None for s in before.values()) >= 40
    every = store.articles.iter
    store.articles.iter = lambda **kw: every(**{**kw, "pending_extractor": None})  # type: ignore[method-assign]
    report = stage.extract(store, mode="rules")
    assert report.concurrent == report.articles > 0
    assert _statuses(store) == before


def test_snapshot_reads_one_state_across_pages(verified_db: Path, tmp_path: Path) -> None:
    url = _copy(verified_db, tmp_path)
    reader, writer = open_store(url), open_store(url)

    def flip() -> None:
        with writer.transaction():
            writer.execute(
                'UPDATE claims SET data = replace(data, \'"status": "\', \'"status": "x-\')'
            )

    def read_with_flip() -> set[bool]:
        seen = []
        for i, claim in enumerate(reader.claims.iter(batch_size=5)):
            if i == 5:
                flip()  # another process commits between two pages
            if claim.status is not None:
                seen.append(claim.status.startswith("x-"))
        return set(seen)

    assert read_with_flip() == {False, True}  # without a snapshot the pages disagree
    with reader.snapshot():
        assert read_with_flip() == {True}  # one state: the one at the first read
    assert reader.count("claims") > 10


def test_export_is_one_snapshot(verified_db: Path, tmp_path: Path, monkeypatch) -> None:
    url = _copy(verified_db, tmp_path)
    store, writer = open_store(url), open_store(url)
    expected = {cid for cid, s in _statuses(store).items() if s is not None}
    every = store.claims.iter

    def iter_claims_then_wipe(*args, **kwargs):  # the other run rewrites claims mid-export
        for i, claim in enumerate(every(*args, **{**kwargs, "batch_size": 5})):
            if i == 5:
                with writer.transaction():
                    writer.execute(
                        "UPDATE claims SET data = replace(data, "
                        '\'"status": "\', \'"status": null, "was": "\')'
                    )
            yield claim

    monkeypatch.setattr(store.claims, "iter", iter_claims_then_wipe)
    buf = io.StringIO()
    n = export(store, "claims", "jsonl", buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(rows) == n > 10
    assert {r["id"] for r in rows if r["status"] is not None} == expected
    assert not any(_statuses(writer).values())  # the rewrite did land, after the export began


def test_every_export_during_concurrent_runs_has_every_status(
    verified_db: Path, tmp_path: Path
) -> None:
    url = _copy(verified_db, tmp_path)
    store = open_store(url)
    expected = {cid for cid, s in _statuses(store).items() if s is not None}
    assert len(expected) >= 40
    # the ACLED CSV leaves out claims with no ACLED type (reactions, bare figures)
    acled_typed = {c.id for c in store.claims.iter() if c.event_type} & expected
    proc = subprocess.Popen(
        [sys.executable, "-c", STALE_EXTRACT_AND_VERIFY, url, "6"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        exports = 0
        while proc.poll() is None:
            for fmt in ("jsonl", "acled-csv"):
                buf = io.StringIO()
                export(store, "claims", fmt, buf)
                text = buf.getvalue()
                if fmt == "jsonl":
                    got = {r["id"] for r in map(json.loads, text.splitlines()) if r["status"]}
                    assert got == expected
                else:
                    assert text.count("status=") == len(acled_typed)
                exports += 1
            time.sleep(0.05)
        assert proc.returncode == 0
        assert exports >= 5
    finally:
        proc.kill()
        proc.wait()
