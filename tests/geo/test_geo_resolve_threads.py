"""One Resolver shared by threads gives every article the answer it gets alone.

The resolver is shared per gazetteer, so an article's working state must live in its own
context: this resolves the whole TR-News corpus (gold spans, and the mentions sitrep's own
recogniser finds, which carry parents and kinds) serially and in 4 threads, each run on a fresh
resolver (cold lookup caches, so the threads also fill them at the same time), and compares
every resolved place.
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from helpers import SHARED_DATA

from sitrep.evaluate.geo import read_corpus
from sitrep.geo import recognise
from sitrep.geo.resolve import Mention, Resolver
from sitrep.model import Span

TR_NEWS = SHARED_DATA / "geo" / "TR-News.xml"


def _articles(gaz) -> list[tuple[str, list[Mention]]]:
    """Each article twice: with its gold spans, and with the recogniser's mentions."""
    out = []
    for art in read_corpus(TR_NEWS):
        gold = [
            Mention(Span(t.start, t.end, t.phrase or art.text[t.start : t.end]))
            for t in art.toponyms
        ]
        found = [Mention(t.span, t.kind, t.parent) for t in recognise(art.text, gaz)]
        out += [(art.text, gold), (art.text, found)]
    return out


def _resolved(resolver: Resolver, article: tuple[str, list[Mention]]) -> list[tuple]:
    text, mentions = article
    return [(resolver.to_place(r), r.method, r.reason) for r in resolver.resolve(text, mentions)]


@pytest.mark.slow
def test_tr_news_in_four_threads_equals_serial(gaz):
    if not TR_NEWS.is_file():
        pytest.skip(f"{TR_NEWS} not present (the shared corpora sit next to the repository)")
    articles = _articles(gaz)
    serial_resolver = Resolver(gaz)
    serial = [_resolved(serial_resolver, a) for a in articles]
    shared = Resolver(gaz)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, inside every step
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            threaded = list(pool.map(lambda a: _resolved(shared, a), articles))
    finally:
        sys.setswitchinterval(interval)
    assert sum(len(places) for places in serial) > 2000
    for i, (one, other) in enumerate(zip(serial, threaded, strict=True)):
        assert one == other, f"article {i // 2} ({'gold' if i % 2 == 0 else 'recognised'})"
