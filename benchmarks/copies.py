"""Sentence-level copy analysis speed and memory on a synthetic corpus built from the samples.

Originals are made of sample-corpus sentences with most words replaced by others from the
corpus vocabulary (so they are distinct but read like news); a fifth of the articles are
syndicated, spun or stitched copies of earlier ones. The analysis runs in a child process,
which reports its own wall time and peak RSS (the corpus texts it holds included).

    python benchmarks/copies.py --n 10000 --words 300
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
from sitrep.fuse.copies import analyse
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
t = time.perf_counter()
verdicts = analyse((r["id"], r["published"], r["text"]) for r in rows)
seconds = time.perf_counter() - t
statuses = {}
for v in verdicts.values():
    statuses[v.status] = statuses.get(v.status, 0) + 1
print(json.dumps({"articles": len(rows), "seconds": round(seconds, 2),
                  "articles_per_second": round(len(rows) / seconds, 1),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "statuses": statuses}))
"""


def make_corpus(path: Path, n: int, words: int, copy_share: float, seed: int) -> None:
    from sitrep.evaluate.synthetic import _Spinner, load_originals, spin_table
    from sitrep.extract.sentences import split_sentences

    rng = random.Random(seed)
    pool = [s.text for _, _, text in load_originals() for s in split_sentences(text)]
    vocab = sorted({w for s in pool for w in s.split()})
    spinner = _Spinner(spin_table(), rng)
    texts: list[str] = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            day = f"2024-{1 + i * 12 // n:02d}-{1 + rng.randrange(28):02d}"
            r = rng.random()
            if texts and r < copy_share:
                src = texts[rng.randrange(len(texts))].split("\n\n")
                if r < copy_share / 3:  # syndicated
                    body = src[:-1] if len(src) > 3 else src
                elif r < 2 * copy_share / 3:  # spun
                    body = [spinner.swap(s, 0.8) for s in src]
                else:  # stitched from three earlier articles
                    body = []
                    for _ in range(3):
                        other = texts[rng.randrange(len(texts))].split("\n\n")
                        body += rng.sample(other, k=min(4, len(other)))
                text = "\n\n".join(body)
            else:
                body, count = [], 0
                while count < words:
                    sent = [
                        w if rng.random() < 0.4 else rng.choice(vocab)
                        for w in rng.choice(pool).split()
                    ]
                    body.append(" ".join(sent).rstrip(".") + ".")
                    count += len(sent)
                text = "\n\n".join(body)
                texts.append(text)
            f.write(json.dumps({"id": f"b{i}", "published": day, "text": text}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=300)
    parser.add_argument("--copy-share", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, args.n, args.words, args.copy_share, args.seed)
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(corpus)], check=True, capture_output=True, text=True
        )
    print(json.dumps(json.loads(out.stdout), indent=1))


if __name__ == "__main__":
    main()
