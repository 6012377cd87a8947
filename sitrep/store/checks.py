"""Verification (``store.checks``): each claim's check against the other reports of its event
(``claim_checks``), against a reference dataset (``reference_checks``), and each article's
verdict (``article_verdicts``). Verify recomputes them all on every run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sitrep.model import ArticleVerdict, ClaimCheck, ReferenceCheck, from_dict, to_dict
from sitrep.store.core import Records


def _json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False)


class Checks(Records):
    def _of_article(self, sql: str, article_id: str | None) -> list[tuple[Any, ...]]:
        if article_id:
            return self.db.query(sql + " WHERE article_id = ?", (article_id,))
        return self.db.query(sql)

    def replace_claims(self, checks: Sequence[ClaimCheck]) -> None:
        """Replace every claim's consistency check."""
        self.db.execute("DELETE FROM claim_checks")
        self.db.executemany(
            "INSERT INTO claim_checks (claim_id, article_id, event_id, status, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [(c.claim_id, c.article_id, c.event_id, c.status, _json(c.as_dict())) for c in checks],
        )

    def claims(self, article_id: str | None = None) -> dict[str, ClaimCheck]:
        """claim id -> its consistency check (of one article's claims with ``article_id``)."""
        rows = self._of_article("SELECT claim_id, data FROM claim_checks", article_id)
        return {cid: from_dict(ClaimCheck, json.loads(d)) for cid, d in rows}

    def replace_references(self, reference: str, checks: Sequence[ReferenceCheck]) -> None:
        """Keep the checks against the latest reference dataset only (one per claim)."""
        self.db.execute("DELETE FROM reference_checks")
        rows = []
        for c in checks:
            data = to_dict(c)
            del data["reference"]  # a column of its own
            rows.append((c.claim_id, c.article_id, reference, c.verdict, _json(data)))
        self.db.executemany(
            "INSERT INTO reference_checks (claim_id, article_id, reference, verdict, data) "
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )

    def references(self, article_id: str | None = None) -> dict[str, ReferenceCheck]:
        """claim id -> its check against the reference dataset last checked against."""
        rows = self._of_article(
            "SELECT claim_id, reference, data FROM reference_checks", article_id
        )
        return {
            cid: from_dict(ReferenceCheck, {**json.loads(d), "reference": ref})
            for cid, ref, d in rows
        }

    def replace_verdicts(self, verdicts: Sequence[ArticleVerdict]) -> None:
        """Store every article's verdict and set ``articles.credibility`` to its score."""
        self.db.execute("DELETE FROM article_verdicts")
        self.db.executemany(
            "INSERT INTO article_verdicts (article_id, score, verdict, data) VALUES (?, ?, ?, ?)",
            [(v.article_id, v.score, v.verdict, _json(to_dict(v))) for v in verdicts],
        )
        self.db.execute("UPDATE articles SET credibility = NULL")
        self.db.executemany(
            "UPDATE articles SET credibility = ? WHERE id = ?",
            [(v.score, v.article_id) for v in verdicts],
        )

    def verdict(self, article_id: str) -> ArticleVerdict | None:
        row = self.db.execute(
            "SELECT data FROM article_verdicts WHERE article_id = ?", (article_id,)
        ).fetchone()
        return from_dict(ArticleVerdict, json.loads(row[0])) if row else None
