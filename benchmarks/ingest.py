"""Ingest throughput and memory: N synthetic articles -> SQLite, with near-duplicate detection.

Prints articles/s and the peak RSS of the ingesting process. Not a test: figures go in notes.

    python benchmarks/ingest.py --n 100000
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

CHILD = """
import json, sys, time, sitrep
store = sitrep.open_store(sys.argv[1])
t = time.perf_counter()
report = sitrep.ingest([sys.argv[2]], store)
print(json.dumps({"seconds": time.perf_counter() - t, **report.as_dict()}))
"""


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (workers included), from /proc."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(x.split()[1]) for x in f if x.startswith("VmRSS:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            continue
    return total / 1024


def run_measured(cmd: list[str]) -> tuple[str, float]:
    """Run cmd; return its stdout and the peak of the summed RSS of its process tree."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_mb(proc.pid))
        time.sleep(0.1)
    out, err = proc.communicate()
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed: {err}")
    return out, peak


def make_corpus(
    path: Path, n: int, words_per_article: int, copy_share: float, seed: int
) -> dict[str, int]:
    """Articles from a Zipf-like vocabulary; some verbatim copies and some spun copies."""
    rng = np.random.default_rng(seed)
    vocab = np.array([f"w{i}" for i in range(20000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    kept: list[str] = []
    counts = {"original": 0, "verbatim": 0, "spun": 0}
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            r = rng.random()
            if kept and r < copy_share:
                base = kept[rng.integers(len(kept))]
                if r < copy_share / 2:
                    text, kind = base, "verbatim"
                else:
                    toks = base.split()
                    for j in rng.choice(len(toks), size=len(toks) // 10, replace=False):
                        toks[j] = "swap"
                    text, kind = " ".join(toks), "spun"
            else:
                toks = rng.choice(vocab, size=words_per_article, p=weights)
                text, kind = " ".join(toks) + ".", "original"
                if len(kept) < 5000:
                    kept.append(text)
            counts[kind] += 1
            f.write(
                json.dumps({"text": text, "outlet": f"outlet{i % 50}", "title": f"t{i}"}) + "\n"
            )
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000, help="articles to generate (default 100000)")
    ap.add_argument("--words", type=int, default=250, help="words per article")
    ap.add_argument("--copies", type=float, default=0.08, help="share of copies (verbatim + spun)")
    ap.add_argument("--db", default=None, help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        t = time.perf_counter()
        counts = make_corpus(corpus, args.n, args.words, args.copies, seed=7)
        gen = time.perf_counter() - t
        db = args.db or f"sqlite:///{Path(tmp) / 'bench.db'}"
        out, peak_mb = run_measured([sys.executable, "-c", CHILD, db, str(corpus)])
        result = json.loads(out.strip().splitlines()[-1])
        size_mb = corpus.stat().st_size / 1e6
    rate = args.n / result["seconds"]
    print(
        f"corpus: {args.n} articles x {args.words} words ({size_mb:.0f} MB JSONL), generated in {gen:.1f}s; {counts}"
    )
    print(
        f"ingest + near-dup detection into {db.split(':')[0]}: {result['seconds']:.1f}s = {rate:,.0f} articles/s"
    )
    print(
        f"copies flagged: {result['duplicates']} (planted {counts['verbatim'] + counts['spun']}); errors: {result['errors']}"
    )
    print(f"peak RSS of the ingesting process and its workers (summed): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
