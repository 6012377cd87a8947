"""What verification adds to ``sitrep run``: each stage's seconds and verify's share.

Runs the whole pipeline (ingest, extract, fuse, verify) on a corpus in a throwaway SQLite store
and prints one JSON object. The target: verify adds < 20% to the end-to-end time.

Run: python benchmarks/verify.py [PATH ...] [--mode full|fast|rules] [--reference CSV]
Default corpus: samples/. A real one: ../shared/data/fakes/dev.csv is FA-KES (CSV, 322 articles).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import sitrep

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", default=[str(REPO / "samples")])
    parser.add_argument("--mode", default="full")
    parser.add_argument("--reference", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sitrep-bench-verify-"))
    store = sitrep.open_store(f"sqlite:///{tmp / 'bench.db'}")
    times = {}
    t = time.perf_counter()
    sitrep.ingest(args.paths, store)
    times["ingest"] = time.perf_counter() - t
    t = time.perf_counter()
    sitrep.extract(store, mode=args.mode)
    times["extract"] = time.perf_counter() - t
    t = time.perf_counter()
    sitrep.fuse(store)
    times["fuse"] = time.perf_counter() - t
    t = time.perf_counter()
    report = sitrep.verify(store, reference=args.reference)
    times["verify"] = time.perf_counter() - t
    before = times["ingest"] + times["extract"] + times["fuse"]
    print(
        json.dumps(
            {
                "articles": store.count("articles"),
                "claims": report.claims,
                "mode": args.mode,
                "seconds": {k: round(v, 2) for k, v in times.items()},
                "verify_adds": round(times["verify"] / before, 4),
                "statuses": report.statuses,
                "verdicts": report.verdicts,
                "reference": report.reference,
            }
        )
    )


if __name__ == "__main__":
    main()
