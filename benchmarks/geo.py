"""Geoparser speed and memory: gazetteer load time, RSS, resolution toponyms/s, recognition
articles/s. Prints one JSON object.

Run: python benchmarks/geo.py [--corpus ../shared/data/geo/LGL.xml]
Without a corpus, a synthetic article set built from the sample corpus is used.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", default=str(REPO.parent / "shared" / "data" / "geo" / "LGL.xml")
    )
    args = parser.parse_args()

    from sitrep.geo import geoparse, resolve_spans
    from sitrep.geo.gazetteer import open_gazetteer
    from sitrep.model import Span

    # Build the cache in a child process if needed, so this one times (and sizes) a plain load.
    subprocess.run(
        [sys.executable, "-c", "from sitrep.geo.gazetteer import open_gazetteer; open_gazetteer()"],
        check=True,
    )
    started = time.perf_counter()
    gaz = open_gazetteer()
    load_s = time.perf_counter() - started
    rss_after_load = _rss_mb()
    # Warm the lazily built per-country fuzzy buckets on the sample articles (not the corpus).
    for path in sorted((REPO / "samples" / "articles").glob("*.txt")):
        geoparse(path.read_text(encoding="utf-8"), gazetteer=gaz)

    corpus = Path(args.corpus)
    if corpus.is_file():
        from sitrep.evaluate.geo import read_corpus

        docs = [
            (a.text, [Span(t.start, t.end, t.phrase) for t in a.toponyms])
            for a in read_corpus(corpus)
        ]
        source = corpus.name
    else:
        texts = [
            p.read_text(encoding="utf-8")
            for p in sorted((REPO / "samples" / "articles").glob("*.txt"))
        ]
        docs = [(t, [p.span for p in geoparse(t, gazetteer=gaz) if p.span]) for t in texts] * 10
        source = "samples/articles x10"

    n = sum(len(spans) for _, spans in docs)
    started = time.perf_counter()
    for text, spans in docs:
        resolve_spans(text, spans, gazetteer=gaz)
    resolve_s = time.perf_counter() - started

    started = time.perf_counter()
    for text, _ in docs:
        geoparse(text, gazetteer=gaz)
    e2e_s = time.perf_counter() - started

    print(
        json.dumps(
            {
                "corpus": source,
                "load_s": round(load_s, 3),
                "rss_mb_after_load": rss_after_load,
                "toponyms": n,
                "resolve_toponyms_per_s": round(n / resolve_s, 1),
                "articles": len(docs),
                "geoparse_articles_per_s": round(len(docs) / e2e_s, 1),
                "rss_mb_peak": _rss_mb(),
            }
        )
    )


if __name__ == "__main__":
    main()
