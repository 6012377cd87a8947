"""A 200 MB text file is refused with a clear error without being loaded into memory."""

from __future__ import annotations

import json
import subprocess
import sys

CHILD = """
import json, sys, sitrep
store = sitrep.open_store(sys.argv[1])
report = sitrep.ingest([sys.argv[2], sys.argv[3]], store)
# VmHWM restarts at exec; ru_maxrss would count the forking pytest's memory too.
peak_mb = next(int(x.split()[1]) for x in open("/proc/self/status") if x.startswith("VmHWM:")) / 1024
print(json.dumps({"new": report.new, "errors": [str(e) for e in report.errors], "peak_mb": peak_mb}))
"""


def test_200_mb_text_file_bounded_memory(tmp_path):
    big = tmp_path / "huge.txt"
    line = (
        "Shelling hit the eastern districts again overnight, residents said. " * 15 + "\n"
    ).encode()
    chunk = line * (1024 * 1024 // len(line) + 1)
    with open(big, "wb") as f:
        while f.tell() < 200 * 1024 * 1024:
            f.write(chunk)
    small = tmp_path / "ok.txt"
    small.write_text(
        "Title\n\nA normal article sits next to the huge one and must still go in.",
        encoding="utf-8",
    )
    db = f"sqlite:///{tmp_path / 'x.db'}"
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, db, str(big), str(small)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["new"] == 1  # the other file is not lost
    (error,) = result["errors"]
    assert "huge.txt" in error and "larger than" in error and "JSONL" in error
    # Python, numpy and the store alone take ~100 MB; the 200 MB file must not be held.
    assert result["peak_mb"] < 200, result
