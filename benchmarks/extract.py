"""Extraction speed: sitrep's cascade (rules on every sentence, classifier and parser only on
candidate sentences) against spaCy's full pipeline over whole articles, on the same corpus.

Corpus: the FA-KES dev articles (real Syrian-war reporting, ../shared/data/fakes/dev.csv) when
present, else the sample corpus repeated. Models are loaded before timing. Not a test.

    python benchmarks/extract.py [--limit 300] [--mode full|fast|rules]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAKES = REPO.parent / "shared" / "data" / "fakes" / "dev.csv"


def corpus(limit: int) -> tuple[str, list[str]]:
    if FAKES.is_file():
        csv.field_size_limit(10**8)
        with open(FAKES, encoding="utf-8", newline="") as f:
            texts = [
                row["article_content"]
                for row in csv.DictReader(f)
                if row["article_content"].strip()
            ]
        return "FA-KES dev", texts[:limit]
    import sitrep

    store = sitrep.open_store("sqlite:///:memory:")
    sitrep.ingest([str(REPO / "samples")], store)
    texts = [a.text for a in store.articles.iter(language="en")]
    return "samples (repeated)", (texts * (limit // len(texts) + 1))[:limit]


def peak_rss_mb() -> float:
    with open("/proc/self/status") as f:
        return next(int(x.split()[1]) for x in f if x.startswith("VmHWM:")) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=300, help="articles (default 300)")
    ap.add_argument("--mode", default="full", help="extraction mode: full, fast or rules")
    args = ap.parse_args()
    from sitrep.extract.cascade import Cascade
    from sitrep.model import Article
    from sitrep.nlp import embed, spacy_pipeline

    name, texts = corpus(args.limit)
    articles = [
        Article(id=str(i), text=t, published=dt.date(2016, 10, 14), language="en")
        for i, t in enumerate(texts)
    ]
    words = sum(len(t.split()) for t in texts) / len(texts)
    cascade = Cascade(args.mode)
    nlp = spacy_pipeline()
    embed(["warm up"])  # load the embedding model before timing
    nlp("Warm up the parser.")

    t = time.perf_counter()
    claims_total = 0
    for i in range(0, len(articles), 100):
        claims_total += sum(len(c) for c in cascade.run(articles[i : i + 100]))
    ours = time.perf_counter() - t

    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    full = time.perf_counter() - t

    rate, full_rate = len(texts) / ours, len(texts) / full
    print(f"corpus: {name}, {len(texts)} articles, {words:.0f} words on average")
    print(f"sitrep extract ({cascade.version}): {rate:.1f} articles/s, {claims_total} claims")
    print(f"spaCy full pipeline on whole articles: {full_rate:.1f} articles/s")
    print(f"ratio: sitrep is {rate / full_rate:.1f}x the full-pipeline speed")
    print(f"peak RSS: {peak_rss_mb():.0f} MB (python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
