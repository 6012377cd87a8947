"""Toponyms (``store.toponyms``): every place extraction geoparsed in an article, one row per
place by its start offset, whether or not a claim uses it (the geo evaluation reads them)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from sitrep.model import Place, from_dict, to_dict
from sitrep.store.core import Records

TOPONYM_COLUMNS = (
    "article_id",
    "start",
    '"end"',
    "text",
    "name",
    "lat",
    "lon",
    "admin1",
    "country",
    "gazetteer_id",
    "precision",
    "confidence",
    "data",
)


def toponym_rows(article_id: str, places: Sequence[Place]) -> list[tuple[Any, ...]]:
    """An article's places as rows of ``toponyms`` (``TOPONYM_COLUMNS``), one per start
    offset; places with no span are not stored."""
    seen: set[int] = set()
    rows: list[tuple[Any, ...]] = []
    for p in places:
        if p.span is None or p.span.start in seen:
            continue
        seen.add(p.span.start)
        rows.append(
            (
                article_id,
                p.span.start,
                p.span.end,
                p.text,
                p.name,
                p.lat,
                p.lon,
                p.admin1,
                p.country,
                p.gazetteer_id,
                p.precision,
                p.confidence,
                json.dumps(to_dict(p), ensure_ascii=False),
            )
        )
    return rows


class Toponyms(Records):
    def replace(self, article_id: str, places: Sequence[Place]) -> None:
        """Swap an article's toponyms for a new geoparse (one row per place, by start offset)."""
        self.db.execute("DELETE FROM toponyms WHERE article_id = ?", (article_id,))
        marks = ", ".join("?" * len(TOPONYM_COLUMNS))
        self.db.executemany(
            f"INSERT INTO toponyms ({', '.join(TOPONYM_COLUMNS)}) VALUES ({marks})",
            toponym_rows(article_id, places),
        )

    def of_article(self, article_id: str) -> list[Place]:
        rows = self.db.query(
            "SELECT data FROM toponyms WHERE article_id = ? ORDER BY start", (article_id,)
        )
        return [from_dict(Place, json.loads(d)) for (d,) in rows]

    def iter(self, batch_size: int = 5000) -> Iterator[tuple[str, Place]]:
        """(article id, place) for every stored toponym, article by article."""
        last = ("", -1)
        while True:
            rows = self.db.query(
                "SELECT article_id, start, data FROM toponyms WHERE article_id > ? "
                "OR (article_id = ? AND start > ?) ORDER BY article_id, start "
                f"LIMIT {int(batch_size)}",
                (last[0], last[0], last[1]),
            )
            if not rows:
                return
            for article_id, _, data in rows:
                yield article_id, from_dict(Place, json.loads(data))
            last = (rows[-1][0], rows[-1][1])
