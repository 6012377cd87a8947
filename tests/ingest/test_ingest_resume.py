"""Re-runs are idempotent, and a run killed with SIGKILL resumes without loss or duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from helpers import write

from sitrep.ingest import ingest
from sitrep.store import open_store

N = 4000


def _corpus(path, n=N):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = (
                f"Report {i}: clashes in district {i % 97} left {i % 13} people dead, officials said. "
                f"Witness number {i} described heavy gunfire near checkpoint {i * 7 % 1013} overnight."
            )
            f.write(
                json.dumps({"text": text, "outlet": f"outlet{i % 5}", "title": f"Report {i}"})
                + "\n"
            )
    return path


def test_reingest_is_idempotent(tmp_path, store):
    f = write(
        tmp_path / "in" / "a.txt",
        "Title\n\nSomething happened in a town near the river, officials said on Monday.",
    )
    first = ingest([str(tmp_path / "in")], store)
    again = ingest([str(tmp_path / "in")], store)
    assert first.new == 1 and again.new == 0 and again.files_unchanged == 1
    forced = ingest([str(tmp_path / "in")], store, force=True)
    assert forced.new == 0 and forced.already_stored == 1
    assert store.count("articles") == 1 and store.count("sightings") == 1
    # A changed file is read again; only the new text is added.
    f.write_text(
        "Title\n\nA different report about another town, officials said on Tuesday.",
        encoding="utf-8",
    )
    changed = ingest([str(tmp_path / "in")], store)
    assert changed.new == 1 and store.count("articles") == 2


def test_kill_minus_nine_then_resume(tmp_path, db_url):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    open_store(db_url).close()  # schema exists before the child starts
    code = (
        "import sys, sitrep; s = sitrep.open_store(sys.argv[1]); "
        "sitrep.ingest([sys.argv[2]], s, batch_size=100)"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, db_url, str(corpus)], stderr=subprocess.PIPE
    )
    watcher = open_store(db_url)
    seen = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        seen = watcher.count("articles")
        if seen >= 300:
            break
        time.sleep(0.01)
    assert child.poll() is None, (
        "the ingest finished before it could be killed; make the corpus larger"
    )
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    after_kill = watcher.count("articles")
    assert after_kill >= seen > 0  # committed rows stay
    assert after_kill < N
    # Whole batches only: every stored article has its dedup signature (same transaction).
    assert watcher.scalar("SELECT COUNT(*) FROM minhash") == after_kill
    assert watcher.runs.file_state(str(corpus.resolve())) is None  # not marked done
    watcher.close()

    store = open_store(db_url)
    report = ingest([str(corpus)], store)
    assert report.ok
    assert report.new == N - after_kill and report.already_stored == after_kill
    assert store.count("articles") == N
    assert store.scalar("SELECT COUNT(DISTINCT text_hash) FROM articles") == N
    assert store.count("sightings") == N
    assert store.runs.file_state(str(corpus.resolve())).status == "done"
    store.close()
