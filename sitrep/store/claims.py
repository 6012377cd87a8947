"""Claims (``store.claims``): the ``claims`` table, one row per claim with its record as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sitrep.model import Claim, from_dict, to_dict
from sitrep.store.core import Records, iso

CLAIM_COLUMNS = (
    "id",
    "article_id",
    "event_type",
    "sub_event_type",
    "date_start",
    "country",
    "data",
)


def claim_row(c: Claim) -> tuple[Any, ...]:
    """A claim as a row of ``claims`` (``CLAIM_COLUMNS``): the few columns filters use, and
    the whole record as JSON (the PostgreSQL COPY of ``store.pg_copy`` writes the same rows)."""
    return (
        c.id,
        c.article_id,
        c.event_type,
        c.sub_event_type,
        iso(c.when.start) if c.when else None,
        c.place.country if c.place else None,
        json.dumps(to_dict(c), ensure_ascii=False),
    )


class Claims(Records):
    """What extraction found, article by article; verify adds each claim's status."""

    def replace(self, article_id: str, claims: Sequence[Claim], extractor: str) -> None:
        """Swap an article's claims for a new extraction and mark it done, in one go."""
        self.db.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        self.db.executemany(
            f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [claim_row(c) for c in claims],
        )
        self.db.execute(
            "UPDATE articles SET extracted_with = ? WHERE id = ?", (extractor, article_id)
        )

    def iter(self, batch_size: int = 1000, article_id: str | None = None) -> Iterator[Claim]:
        """Every claim (of one article with ``article_id``) by id, fetched in pages."""
        where = "WHERE article_id = ?" if article_id else ""
        params: list[Any] = [article_id] if article_id else []
        offset_id = ""
        while True:
            clause = f"{where} {'AND' if where else 'WHERE'} id > ?"
            rows = self.db.query(
                f"SELECT id, data FROM claims {clause} ORDER BY id LIMIT {int(batch_size)}",
                [*params, offset_id],
            )
            if not rows:
                return
            for _, data in rows:
                yield from_dict(Claim, json.loads(data))
            offset_id = rows[-1][0]

    def get_many(self, ids: Sequence[str]) -> list[Claim]:
        """These claims (those still stored), by id within each chunk of ids."""
        sql = "SELECT data FROM claims WHERE id IN ({marks}) ORDER BY id"
        return [from_dict(Claim, json.loads(d)) for (d,) in self.db.query_in(sql, ids)]

    def ids(self) -> set[str]:
        return {r[0] for r in self.db.query("SELECT id FROM claims")}

    def update_statuses(self, claims: Sequence[Claim]) -> None:
        """Store the ``status`` verify gave these claims in their records, so claim exports
        carry it without a join.

        Only the status is written, into the record as stored now (read in this write
        transaction, locked): a claim re-extracted by another process since verify read it
        keeps its new record, and a claim deleted meanwhile is not brought back.
        """
        status = {c.id: c.status for c in claims}
        lock = " FOR UPDATE" if self.db.dialect == "postgresql" else ""
        with self.db.transaction():
            updated = []
            for cid, data in self.db.query_in(
                f"SELECT id, data FROM claims WHERE id IN ({{marks}}){lock}", sorted(status)
            ):
                record = json.loads(data)
                record["status"] = status[cid]
                updated.append((json.dumps(record, ensure_ascii=False), cid))
            self.db.executemany("UPDATE claims SET data = ? WHERE id = ?", updated)
