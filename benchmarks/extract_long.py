"""Extraction time of one very long article, by size: growth should be linear, not quadratic.

A realistic paragraph from ``samples/`` is repeated to 4k, 8k and 16k sentences, plus 300 KB
of full stops (a degenerate "article" that once ran for over 40 minutes), and each goes through
``Cascade("rules").claims`` (rules, placement and toponyms, as the extract stage runs them).
Prints seconds per size and the time per 1,000 sentences, so growth is visible at a glance.
Not a test.

    python benchmarks/extract_long.py [--sizes 4000 8000 16000] [--profile SIZE]
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import pstats
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "articles" / "01_aleppo_shelling_levantwire.txt"


def paragraph() -> str:
    """The sample article's body (front matter removed): about ten sentences of real prose."""
    text = SAMPLE.read_text(encoding="utf-8")
    body = text.split("---", 2)[2] if text.startswith("---") else text
    return " ".join(line.strip() for line in body.splitlines() if line.strip())


def long_text(sentences: int) -> str:
    para = paragraph()
    per = max(1, para.count(". ") + 1)
    return "\n\n".join([para] * (sentences // per + 1))


def run_one(text: str) -> tuple[float, int]:
    from sitrep.extract.cascade import Cascade
    from sitrep.model import Article

    cascade = Cascade("rules")
    art = Article(id="long", text=text, published=dt.date(2024, 3, 14), language="en")
    started = time.perf_counter()
    claims, _ = cascade.claims(art)
    return time.perf_counter() - started, len(claims)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[4000, 8000, 16000])
    ap.add_argument("--dots", type=int, default=300_000, help="full stops (0: skip)")
    ap.add_argument("--profile", type=int, default=0, help="cProfile this many sentences")
    args = ap.parse_args()
    run_one("Warm-up: shelling killed 3 people in Aleppo on Monday.")  # gazetteer, regexes
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        run_one(long_text(args.profile))
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    print(f"{'input':>22} {'chars':>10} {'claims':>7} {'seconds':>9} {'s/1k sent.':>11}")
    for n in args.sizes:
        text = long_text(n)
        seconds, claims = run_one(text)
        label = f"{n:,} sentences"
        print(
            f"{label:>22} {len(text):>10,} {claims:>7} {seconds:>9.2f} {seconds / n * 1000:>11.3f}"
        )
    if args.dots:
        seconds, claims = run_one("." * args.dots)
        label = f"{args.dots:,} full stops"
        print(f"{label:>22} {args.dots:>10,} {claims:>7} {seconds:>9.2f} {'':>11}")


if __name__ == "__main__":
    main()
