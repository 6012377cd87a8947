"""The copy-analysis step of the fuse stage: each new article against the earlier ones.

Runs before fusion, because fusion counts independent reports: a spun copy is one report
with its source, and each copied sentence of a stitched page belongs to the report it was
taken from. The sentence index lives in the store (``sentence_keys``), so a run only
analyses articles it has not seen; each article's verdict and index rows are committed
together, in batches, so a killed run resumes where it stopped.

An article analysed later but published earlier than some analysed ones is compared with
everything analysed so far (earlier verdicts are not revisited): in a daily run, new
articles are the latest ones, and ``sitrep fuse --rebuild`` does not redo copies either.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sitrep.fuse.copies import SentenceIndex
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


def analyse_copies(store: Store) -> CopyReport:
    report = CopyReport()
    pending = store.articles_pending_copies()
    if not pending:
        return report

    def lookup(article_id: str) -> str | None:
        article = store.get_article(article_id)
        return article.text if article else None

    index = SentenceIndex.from_rows(store.sentence_key_rows(), lookup=lookup)
    seq = store.next_copy_seq()
    for start in range(0, len(pending), BATCH):
        done = []
        for article_id, _ in pending[start : start + BATCH]:
            article = store.get_article(article_id)
            if article is None:
                continue
            verdict = index.verdict(article_id, article.text)
            rows = index.add(article_id, article.text, verdict)
            done.append((seq, dataclasses.asdict(verdict), rows))
            seq += 1
            report.analysed += 1
            if verdict.status in ("syndicated", "spun", "stitched"):
                setattr(report, verdict.status, getattr(report, verdict.status) + 1)
        with store.transaction():
            for n, verdict_dict, rows in done:
                store.save_copy(n, verdict_dict, rows)
    return report
