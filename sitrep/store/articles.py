"""Articles as ingested (``store.articles``): the ``articles`` and ``sightings`` tables."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sitrep.model import Article, FusionMeta, from_dict
from sitrep.store.core import Records, iso, now_iso

COLUMNS = (
    "id",
    "seq",
    "text_hash",
    "url",
    "outlet",
    "title",
    "published",
    "published_source",
    "language",
    "language_score",
    "source",
    "text",
    "raw",
    "dup_group",
    "dup_of",
    "dup_score",
    "copy_status",
    "credibility",
    "ingested_at",
)
# Listing articles should not drag the raw HTML along.
LIGHT_COLUMNS = tuple(c for c in COLUMNS if c != "raw")


def _article(row: Sequence[Any], columns: Sequence[str]) -> Article:
    data = dict(zip(columns, row, strict=True))
    data.pop("seq", None)
    return from_dict(Article, data)


class Articles(Records):
    """Stored articles, in ingest order (``seq``)."""

    def next_seq(self) -> int:
        return int(self.db.scalar("SELECT COALESCE(MAX(seq), 0) FROM articles")) + 1

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        return {
            r[0] for r in self.db.query_in("SELECT id FROM articles WHERE id IN ({marks})", ids)
        }

    def ids_by_text_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """The earliest stored article for each text hash (the exact-copy original)."""
        out: dict[str, tuple[int, str]] = {}
        sql = "SELECT text_hash, seq, id FROM articles WHERE text_hash IN ({marks})"
        for h, seq, aid in self.db.query_in(sql, hashes):
            if h not in out or seq < out[h][0]:
                out[h] = (seq, aid)
        return {h: aid for h, (_, aid) in out.items()}

    def insert(self, articles: Sequence[Article], first_seq: int) -> None:
        """Insert new articles (callers have filtered out the ones already stored)."""
        rows = []
        for i, a in enumerate(articles):
            rows.append(
                (
                    a.id,
                    first_seq + i,
                    a.text_hash,
                    a.url,
                    a.outlet,
                    a.title,
                    iso(a.published),
                    a.published_source,
                    a.language,
                    a.language_score,
                    a.source,
                    a.text,
                    a.raw,
                    a.dup_group,
                    a.dup_of,
                    a.dup_score,
                    a.copy_status,
                    a.credibility,
                    iso(a.ingested_at) or now_iso(),
                )
            )
        marks = ",".join("?" * len(COLUMNS))
        self.db.executemany(
            f"INSERT INTO articles ({','.join(COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (id) DO NOTHING",
            rows,
        )

    def add_sightings(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Where each article was read (an article read from several files has several)."""
        self.db.executemany(
            "INSERT INTO sightings (article_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING",
            pairs,
        )

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(
            f"SELECT {','.join(COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _article(row, COLUMNS) if row else None

    def iter(
        self,
        *,
        language: str | None = None,
        pending_extractor: str | None = None,
        outlet: str | None = None,
        batch_size: int = 500,
        with_raw: bool = False,
    ) -> Iterator[Article]:
        """Articles in ingest order, fetched in pages so memory stays flat on big stores.

        ``pending_extractor`` keeps only the articles not yet extracted by that extractor
        version: this is how a killed ``extract`` resumes.
        """
        columns = COLUMNS if with_raw else LIGHT_COLUMNS
        where, params = ["seq > ?"], []
        if language:
            where.append("language = ?")
            params.append(language)
        if outlet:
            where.append("outlet = ?")
            params.append(outlet)
        if pending_extractor:
            where.append("(extracted_with IS NULL OR extracted_with <> ?)")
            params.append(pending_extractor)
        last = 0
        seq_at = columns.index("seq")
        while True:
            rows = self.db.query(
                f"SELECT {','.join(columns)} FROM articles WHERE {' AND '.join(where)} "
                f"ORDER BY seq LIMIT {int(batch_size)}",
                [last, *params],
            )
            if not rows:
                return
            for row in rows:
                yield _article(row, columns)
            last = rows[-1][seq_at]

    def fusion_meta(self, ids: Sequence[str]) -> list[FusionMeta]:
        """What fusion needs of these articles, without their texts."""
        sql = (
            "SELECT id, outlet, dup_group, published, copy_status FROM articles "
            "WHERE id IN ({marks})"
        )
        return [FusionMeta(*row) for row in self.db.query_in(sql, ids)]

    def dup_info(self, ids: Sequence[str]) -> dict[str, tuple[str | None, int]]:
        """id -> (dup_group, seq) for stored articles."""
        sql = "SELECT id, dup_group, seq FROM articles WHERE id IN ({marks})"
        return {aid: (group, seq) for aid, group, seq in self.db.query_in(sql, ids)}

    def titles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> title, for the articles that have one (no texts loaded)."""
        sql = "SELECT id, title FROM articles WHERE id IN ({marks}) AND title IS NOT NULL"
        return dict(self.db.query_in(sql, article_ids))

    def extracted_with(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The extractor version each article was last extracted with (None: never)."""
        return dict(
            self.db.query_in("SELECT id, extracted_with FROM articles WHERE id IN ({marks})", ids)
        )
