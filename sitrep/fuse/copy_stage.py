"""The copy-analysis step of the fuse stage: each new article against the earlier ones.

Runs before fusion, because fusion counts independent reports: a spun copy is one report
with its source, and each copied sentence of a stitched page belongs to the report it was
taken from. The sentence index lives in the store (``sentence_keys``), so a run only
analyses articles it has not seen; each article's verdict and index rows are committed
together, in batches, so a killed run resumes where it stopped.

An article analysed later but published earlier than some analysed ones is compared with
everything analysed so far (earlier verdicts are not revisited): in a daily run, new
articles are the latest ones, and ``sitrep fuse --rebuild`` does not redo copies either.

Pages published on the same day (or both undated) are not analysed in arrival order, which
is the user's accident: of two such pages sharing sentences, the later-analysed one is
called the copy, and a content farm's page often arrives before the wire report it copied.
A page that credits another outlet of that day ("..., Al Jazeera reports" on allafrica.com:
``credits``) comes after that outlet's pages; then the cleanest first
(``intrinsic.spin_score``: the page with its wire's dateline and without word swaps). An
undated page comes after the dated ones, unless it shares sentences with dated pages it looks
cleaner than: then it is taken as of the earliest of their days (``_undated_days``).

A page the sentence analysis finds no source for is read on its own
(``intrinsic.assess``): when its own text shows the habits of a spun or stitched page, the
verdict becomes that status with evidence "intrinsic" and the signals as reasons. Its
sentences are indexed like an original's, so later copies of it trace back to it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sitrep.fuse.copies import SentenceIndex
from sitrep.fuse.credits import credits_others, outlet_key
from sitrep.fuse.intrinsic import IntrinsicVerdict, assess, spin_score
from sitrep.model import Article, CopyVerdict
from sitrep.store.base import Store

BATCH = 200


@dataclass
class CopyReport:
    analysed: int = 0
    syndicated: int = 0
    spun: int = 0
    stitched: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _day(published: Any) -> str | None:
    return str(published)[:10] if published else None


def _undated_days(
    store: Store, pending: list[tuple[str, Any]], verdicts: dict[str, IntrinsicVerdict]
) -> dict[str, str]:
    """The day an undated page is taken as published on, when its text says it came before
    dated pages among ``pending`` that it shares sentences with: it is cleaner than they are
    (``spin_score``), and any of them cleaner than it is on that day or earlier (one as clean
    as it is says nothing of the order). The pages' own verdicts it reads go into
    ``verdicts``, for the ordering and the copy check to reuse.

    Why: put last, an undated page is always the copy, and a third of real pages show no
    date: a wire report whose page shows none was called a copy of the farm page that spun
    it. On the day of the earliest page it looks older than, the rules for pages of one day
    (credits, the cleaner page first) tell which came first; where its text says nothing of
    the kind (it is no cleaner than any of them), it stays after them all.
    """
    undated = [aid for aid, published in pending if not _day(published)]
    day_of = {aid: day for aid, published in pending if (day := _day(published))}
    if not undated or not day_of:
        return {}
    index = SentenceIndex()
    for aid in day_of:
        if article := store.articles.get(aid):
            index.add(aid, article.text)
    scores: dict[str, float] = {}

    def score(aid: str) -> float:
        if aid not in scores:
            article = store.articles.get(aid)
            if article is None:
                return 0.0
            own = verdicts[aid] = verdicts.get(aid) or _assess(article)
            scores[aid] = spin_score(article.text, verdict=own)
        return scores[aid]

    out: dict[str, str] = {}
    for aid in undated:
        article = store.articles.get(aid)
        if article is None:
            continue
        verdict = index.verdict(aid, article.text)
        shared = [s for s in verdict.sources if s in day_of]
        if verdict.status == "original" or not shared:
            continue
        older = [day_of[s] for s in shared if score(aid) < score(s)]
        younger = [day_of[s] for s in shared if score(aid) > score(s)]
        if older and max(younger, default="") <= min(older):
            out[aid] = min(older)
    return out


def _in_order(
    store: Store, pending: list[tuple[str, Any]], verdicts: dict[str, IntrinsicVerdict]
) -> list[tuple[str, Any]]:
    """``pending`` (earliest published first) with each day's pages in the order they were
    likely written: a page crediting another outlet of that day after it, then cleanest
    first; an undated page on the day of the dated pages it shares sentences with
    (``_undated_days``). The pages' own verdicts it reads are kept in ``verdicts`` for the
    copy check."""
    taken = _undated_days(store, pending, verdicts)

    def day(article_id: str, published: Any) -> str | None:
        return _day(published) or taken.get(article_id)

    days: dict[str | None, int] = {}
    for article_id, published in pending:
        days[day(article_id, published)] = days.get(day(article_id, published), 0) + 1
    scores: dict[str, float] = {}
    keys: dict[str, str | None] = {}
    texts: dict[str, str] = {}
    for article_id, published in pending:
        if days[day(article_id, published)] > 1 and (article := store.articles.get(article_id)):
            own = verdicts[article_id] = verdicts.get(article_id) or _assess(article)
            scores[article_id] = spin_score(article.text, verdict=own)
            keys[article_id] = outlet_key(article.outlet, article.url)
            texts[article_id] = article.text
    outlets: dict[str | None, set[str | None]] = {}
    for article_id, published in pending:
        if article_id in keys:
            outlets.setdefault(day(article_id, published), set()).add(keys[article_id])
    relays = {
        article_id
        for article_id, published in pending
        if article_id in keys
        and credits_others(texts[article_id], keys[article_id], outlets[day(article_id, published)])
    }
    on = [day(a, p) for a, p in pending]
    first = {d: i for i, d in reversed(list(enumerate(on)))}
    order = sorted(
        range(len(pending)),
        key=lambda i: (
            first[on[i]],
            pending[i][0] in relays,
            scores.get(pending[i][0], 0.0),
            not _day(pending[i][1]),
            i,
        ),
    )
    return [pending[i] for i in order]


def _assess(article: Article) -> IntrinsicVerdict:
    return assess(article.text, article.title, article.outlet, article.published)


def _intrinsic(
    verdict: CopyVerdict, article: Article, own: IntrinsicVerdict | None = None
) -> CopyVerdict:
    """The corpus verdict, or, when it found no source, the page's own signs of copying
    (``own``, when already read)."""
    if verdict.status != "original":
        return verdict
    found = own or _assess(article)
    if not found.flagged:
        return verdict
    # A few shared sentences too few to make a copy stay in the reasons, not in ``sources``:
    # the page is a copy of something, not of that article.
    return dataclasses.replace(
        verdict,
        status=found.status,
        sources=[],
        matches=[],
        evidence="intrinsic",
        reasons=[*found.reasons, f"no source in the corpus: {verdict.reasons[0]}"],
    )


def analyse_copies(store: Store) -> CopyReport:
    report = CopyReport()
    verdicts: dict[str, IntrinsicVerdict] = {}
    pending = _in_order(store, store.copies.pending(), verdicts)
    if not pending:
        return report

    def lookup(article_id: str) -> str | None:
        article = store.articles.get(article_id)
        return article.text if article else None

    index = SentenceIndex.from_rows(store.copies.sentence_key_rows(), lookup=lookup)
    seq = store.copies.next_seq()
    for start in range(0, len(pending), BATCH):
        done = []
        for article_id, _ in pending[start : start + BATCH]:
            article = store.articles.get(article_id)
            if article is None:
                continue
            own = verdicts.pop(article_id, None)
            verdict = _intrinsic(index.verdict(article_id, article.text), article, own)
            rows = index.add(article_id, article.text, verdict)
            done.append((seq, verdict, rows))
            seq += 1
            report.analysed += 1
            if verdict.status in ("syndicated", "spun", "stitched"):
                setattr(report, verdict.status, getattr(report, verdict.status) + 1)
        with store.transaction():
            for n, verdict, rows in done:
                store.copies.save(n, verdict, rows)
    return report
