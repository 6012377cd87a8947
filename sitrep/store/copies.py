"""Copies (``store.copies``): ingest's near-duplicate index (``minhash``, ``lsh``) and the
fuse stage's sentence-level copy analysis (``copies``, ``sentence_keys``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence

from sitrep.model import CopyVerdict, from_dict, to_dict
from sitrep.store.core import Records


class Copies(Records):
    """Page-level signatures at ingest, sentence-level verdicts at fuse."""

    # ------------------------------------------------------------------ near-duplicate index
    def add_signatures(self, rows: Iterable[tuple[str, bytes]]) -> None:
        self.db.executemany(
            "INSERT INTO minhash (article_id, sig) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
        )

    def signatures(self, ids: Sequence[str]) -> dict[str, bytes]:
        sql = "SELECT article_id, sig FROM minhash WHERE article_id IN ({marks})"
        return {aid: bytes(sig) for aid, sig in self.db.query_in(sql, ids)}

    def add_lsh(self, rows: Iterable[tuple[int, str]]) -> None:
        self.db.executemany(
            "INSERT INTO lsh (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
        )

    def lsh_lookup(self, keys: Sequence[int]) -> list[tuple[int, str]]:
        sql = "SELECT key, article_id FROM lsh WHERE key IN ({marks})"
        return [(key, aid) for key, aid in self.db.query_in(sql, set(keys))]

    # ------------------------------------------------------------------ copy analysis
    def pending(self) -> list[tuple[str, str | None]]:
        """(id, published) of articles not yet copy-analysed, earliest published first."""
        return self.db.query(
            "SELECT a.id, a.published FROM articles a LEFT JOIN copies c ON c.article_id = a.id "
            "WHERE c.article_id IS NULL ORDER BY (a.published IS NULL), a.published, a.seq"
        )

    def sentence_key_rows(self) -> Iterator[tuple[int, str, int]]:
        """The copy index as stored, article by article in analysis order."""
        yield from self.db.execute(
            "SELECT k.key, k.article_id, k.sentence_no FROM sentence_keys k "
            "JOIN copies c ON c.article_id = k.article_id ORDER BY c.seq, k.sentence_no, k.key"
        )

    def next_seq(self) -> int:
        return int(self.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM copies")) + 1

    def save(self, seq: int, verdict: CopyVerdict, rows: Sequence[tuple[int, str, int]]) -> None:
        """Store one article's copy verdict and index rows, and make it the article's copy
        status: it compares in publication order, where ingest's page-level check could only
        follow arrival order (a copy that arrives first looks like the original there). A
        syndicated or spun copy joins its source's dup group, which ingest's page-level check
        misses when the copy rewrote too much of the page."""
        aid, status, sources = verdict.article_id, verdict.status, verdict.sources
        self.db.execute(
            "INSERT INTO copies (article_id, seq, status, sources, share_copied, data) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING",
            (
                aid,
                seq,
                status,
                json.dumps(sources),
                verdict.share_copied,
                json.dumps(to_dict(verdict), ensure_ascii=False),
            ),
        )
        self.db.executemany(
            "INSERT INTO sentence_keys (key, article_id, sentence_no) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            rows,
        )
        source = sources[0] if sources and status != "original" else None
        self.db.execute(
            "UPDATE articles SET copy_status = ?, dup_of = ? WHERE id = ?", (status, source, aid)
        )
        if source is not None and status in ("syndicated", "spun"):
            self.db.execute(
                "UPDATE articles SET dup_group = COALESCE((SELECT s.dup_group FROM articles s "
                "WHERE s.id = ?), dup_group) WHERE id = ?",
                (source, aid),
            )

    def verdicts(self, ids: Sequence[str]) -> dict[str, CopyVerdict]:
        """article id -> its copy verdict, for the articles analysed so far."""
        sql = "SELECT article_id, data FROM copies WHERE article_id IN ({marks})"
        return {
            aid: from_dict(CopyVerdict, json.loads(data))
            for aid, data in self.db.query_in(sql, ids)
        }

    def verdict(self, article_id: str) -> CopyVerdict | None:
        return self.verdicts([article_id]).get(article_id)
