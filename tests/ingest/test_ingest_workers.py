"""Ingest pool workers end with the ingest process, even one killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CHILD = "import sys, sitrep; sitrep.ingest([sys.argv[2]], sitrep.open_store(sys.argv[1]))"


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (read from /proc: no psutil needed)."""
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            ppid = next((ln.split()[1] for ln in status.splitlines() if ln.startswith("PPid:")), "")
            if ppid == str(pid):
                out.add(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    """Running, not a zombie (an orphan's zombie lingers until init reaps it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
def test_workers_die_with_a_killed_ingest(tmp_path):
    text = "Shelling hit district {} of the old city overnight, officials said, and {} were hurt."
    with open(tmp_path / "big.jsonl", "w", encoding="utf-8") as f:
        for i in range(30_000):
            f.write(json.dumps({"text": text.format(i, i % 40)}) + "\n")
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, f"sqlite:///{tmp_path / 'x.db'}", str(tmp_path / "big.jsonl")]
    )
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 120
        while len(workers) < 1 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            workers = _children(proc.pid)
        assert workers, "the pool never started (or the ingest finished first)"
        time.sleep(0.3)  # let the second worker start too
        workers |= _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 30  # generous: a correctness check, not a timing target
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "pool workers outlived the killed ingest"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
