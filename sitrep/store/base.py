"""The store interface: every stage reads and writes through these methods.

One class holds all the SQL; the SQLite and PostgreSQL back-ends only differ in how they connect,
open a transaction and spell a placeholder. Every write method expects to run inside
``transaction()`` (a batch is all or nothing), so a killed run leaves whole batches or none.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.model import Article, ArticleLink, Claim, Event, Place, from_dict, to_dict
from sitrep.store.schema import LATEST_VERSION, MIGRATIONS, render

ARTICLE_COLUMNS = (
    "id", "seq", "text_hash", "url", "outlet", "title", "published", "published_source", "language",
    "language_score", "source", "text", "raw", "dup_group", "dup_of", "dup_score",
    "copy_status", "credibility", "ingested_at",
)  # fmt: skip
# Listing articles should not drag the raw HTML along.
_LIGHT_COLUMNS = tuple(c for c in ARTICLE_COLUMNS if c != "raw")
_CHUNK = 2000  # ids per IN (...) list: under SQLite's (32766) and PostgreSQL's (65535) limits


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


INT64_MAX = 2**63 - 1


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (signal 0 checks, sends nothing).
    A process of another user counts as alive; so does a reused pid, which at worst leaves a
    dead run shown as ``running``, never a live one as ``interrupted``."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process its parent has not reaped yet: dead, though signal 0 still finds it
    (Linux; elsewhere False)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


def int64_or_none(value: int | None) -> int | None:
    """A value a 64-bit integer column (SQLite, PostgreSQL BIGINT, Parquet int64) can hold,
    else None: the last guard for records stored before extraction bounded its figures
    (``sitrep.extract.plausible``), so one such record cannot fail a whole batch or file."""
    if value is None or -INT64_MAX - 1 <= value <= INT64_MAX:
        return value
    return None


def _with_links(event: Event, links: dict[str, list[ArticleLink]]) -> Event:
    """The event as readers see it: its linked articles after those of its claims."""
    event.links = [x for x in links.get(event.id, ()) if x.article_id not in event.articles]
    event.articles = [*event.articles, *(x.article_id for x in event.links)]
    event.n_articles = len(event.articles)
    return event


CLAIM_COLUMNS = (
    "id", "article_id", "event_type", "sub_event_type", "date_start", "country", "data",
)  # fmt: skip
TOPONYM_COLUMNS = (
    "article_id", "start", '"end"', "text", "name", "lat", "lon", "admin1", "country",
    "gazetteer_id", "precision", "confidence", "data",
)  # fmt: skip


def claim_row(c: Claim) -> tuple[Any, ...]:
    """A claim as a row of ``claims`` (``CLAIM_COLUMNS``): the few columns filters use,
    and the whole record as JSON."""
    return (
        c.id, c.article_id, c.event_type, c.sub_event_type,
        _iso(c.when.start) if c.when else None, c.place.country if c.place else None,
        json.dumps(to_dict(c), ensure_ascii=False),
    )  # fmt: skip


def toponym_rows(article_id: str, places: Sequence[Place]) -> list[tuple[Any, ...]]:
    """An article's places as rows of ``toponyms`` (``TOPONYM_COLUMNS``), one per start
    offset; places with no span are not stored."""
    seen: set[int] = set()
    rows = []
    for p in places:
        if p.span is None or p.span.start in seen:
            continue
        seen.add(p.span.start)
        rows.append((
            article_id, p.span.start, p.span.end, p.text, p.name, p.lat, p.lon, p.admin1,
            p.country, p.gazetteer_id, p.precision, p.confidence,
            json.dumps(to_dict(p), ensure_ascii=False),
        ))  # fmt: skip
    return rows


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class Store:
    """A sitrep database. Open one with ``sitrep.open_store(url)``.

    Example:
        >>> import sitrep
        >>> with sitrep.open_store("sqlite:///:memory:") as store:
        ...     store.count("articles")
        0
    """

    dialect = "sqlite"

    def __init__(self, conn: Any, url: str) -> None:
        self.conn = conn
        self.url = url
        self._depth = 0

    # ------------------------------------------------------------------ plumbing
    def _sql(self, sql: str) -> str:
        return sql

    def _begin(self) -> None:
        raise NotImplementedError

    def _commit(self) -> None:
        raise NotImplementedError

    def _rollback(self) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All writes inside commit together or not at all; nesting joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    def _begin_snapshot(self) -> None:
        """Start a read transaction (SQLite in WAL mode reads one snapshot until it ends)."""
        self.conn.execute("BEGIN DEFERRED")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read inside sees the store as it was at the first one, whatever other
        processes commit meanwhile; inside a transaction, joins it.

        An export reads claims, articles and events in many queries (pages, lookups); read
        one by one, a concurrent stage committing between two of them made a file mix two
        states of the store (claims of a re-extraction without the statuses verify gave).

        Example:
            >>> import sitrep
            >>> store = sitrep.open_store("sqlite:///:memory:")
            >>> with store.snapshot():
            ...     store.count("claims")
            0
        """
        if self._depth:
            with self.transaction():
                yield self
            return
        self._begin_snapshot()
        self._depth = 1
        try:
            yield self
        finally:
            self._depth = 0
            try:
                self._commit()  # nothing was written: this only ends the read
            except Exception:
                self._rollback()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = [tuple(r) for r in rows]
        if rows:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(self.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.execute(sql, params).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _table_exists(self, name: str) -> bool:
        raise NotImplementedError

    # ------------------------------------------------------------------ schema
    def schema_version(self) -> int:
        if not self._table_exists("schema_version"):
            return 0
        return int(self.scalar("SELECT MAX(version) FROM schema_version") or 0)

    def migrate(self) -> int:
        """Bring the schema to the latest version; returns the version reached."""
        with self.transaction():
            self.execute(
                "CREATE TABLE IF NOT EXISTS schema_version "
                "(version INTEGER PRIMARY KEY, description TEXT, applied_at TEXT NOT NULL)"
            )
        current = self.schema_version()
        if current > LATEST_VERSION:
            raise StoreError(
                f"database schema version {current} is newer than this sitrep "
                f"(knows up to {LATEST_VERSION}); upgrade sitrep"
            )
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            with self.transaction():
                for stmt in statements:
                    self.execute(render(stmt, self.dialect))
                self.execute(
                    "INSERT INTO schema_version (version, description, applied_at) "
                    "VALUES (?, ?, ?)",
                    (version, description, now_iso()),
                )
        return LATEST_VERSION

    # ------------------------------------------------------------------ articles
    def next_seq(self) -> int:
        return int(self.scalar("SELECT COALESCE(MAX(seq), 0) FROM articles")) + 1

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.query(f"SELECT id FROM articles WHERE id IN ({marks})", chunk)
            )
        return found

    def ids_by_text_hash(self, hashes: Sequence[str]) -> dict[str, str]:
        """The earliest stored article for each text hash (the exact-copy original)."""
        out: dict[str, tuple[int, str]] = {}
        for chunk in _chunks(list(hashes)):
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                f"SELECT text_hash, seq, id FROM articles WHERE text_hash IN ({marks})", chunk
            )
            for h, seq, aid in rows:
                if h not in out or seq < out[h][0]:
                    out[h] = (seq, aid)
        return {h: aid for h, (_, aid) in out.items()}

    def insert_articles(self, articles: Sequence[Article], first_seq: int) -> None:
        """Insert new articles (callers have filtered out the ones already stored)."""
        rows = []
        for i, a in enumerate(articles):
            rows.append((
                a.id, first_seq + i, a.text_hash, a.url, a.outlet, a.title, _iso(a.published),
                a.published_source, a.language, a.language_score, a.source, a.text, a.raw, a.dup_group, a.dup_of,
                a.dup_score, a.copy_status, a.credibility, _iso(a.ingested_at) or now_iso(),
            ))  # fmt: skip
        marks = ",".join("?" * len(ARTICLE_COLUMNS))
        self.executemany(
            f"INSERT INTO articles ({','.join(ARTICLE_COLUMNS)}) VALUES ({marks}) "
            "ON CONFLICT (id) DO NOTHING",
            rows,
        )

    def add_sightings(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.executemany(
            "INSERT INTO sightings (article_id, source) VALUES (?, ?) ON CONFLICT DO NOTHING",
            pairs,
        )

    def _article(self, row: Sequence[Any], columns: Sequence[str]) -> Article:
        data = dict(zip(columns, row, strict=True))
        data.pop("seq", None)
        return from_dict(Article, data)

    def get_article(self, article_id: str) -> Article | None:
        row = self.execute(
            f"SELECT {','.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return self._article(row, ARTICLE_COLUMNS) if row else None

    def iter_articles(
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
        columns = ARTICLE_COLUMNS if with_raw else _LIGHT_COLUMNS
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
        while True:
            rows = self.query(
                f"SELECT {','.join(columns)} FROM articles WHERE {' AND '.join(where)} "
                f"ORDER BY seq LIMIT {int(batch_size)}",
                [last, *params],
            )
            if not rows:
                return
            seq_at = columns.index("seq")
            for row in rows:
                yield self._article(row, columns)
            last = rows[-1][seq_at]

    def fusion_meta(
        self, ids: Sequence[str]
    ) -> list[tuple[str, str | None, str | None, str | None, str | None]]:
        """(id, outlet, dup_group, published, copy_status) for fusion, without texts."""
        out: list[tuple[str, str | None, str | None, str | None, str | None]] = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out += self.query(
                "SELECT id, outlet, dup_group, published, copy_status FROM articles "
                f"WHERE id IN ({marks})",
                chunk,
            )
        return out

    def count(self, table: str, where: str = "", params: Sequence[Any] = ()) -> int:
        if table not in {
            "articles",
            "claims",
            "events",
            "errors",
            "files",
            "runs",
            "sightings",
            "claim_checks",
            "reference_checks",
            "article_verdicts",
        }:
            raise ValueError(f"unknown table {table!r}")
        sql = f"SELECT COUNT(*) FROM {table}" + (f" WHERE {where}" if where else "")
        return int(self.scalar(sql, params))

    # ------------------------------------------------------------------ near-duplicate index
    def add_signatures(self, rows: Iterable[tuple[str, bytes]]) -> None:
        self.executemany(
            "INSERT INTO minhash (article_id, sig) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
        )

    def signatures(self, ids: Sequence[str]) -> dict[str, bytes]:
        out: dict[str, bytes] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for aid, sig in self.query(
                f"SELECT article_id, sig FROM minhash WHERE article_id IN ({marks})", chunk
            ):
                out[aid] = bytes(sig)
        return out

    def add_lsh(self, rows: Iterable[tuple[int, str]]) -> None:
        self.executemany(
            "INSERT INTO lsh (key, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING", rows
        )

    def lsh_lookup(self, keys: Sequence[int]) -> list[tuple[int, str]]:
        out: list[tuple[int, str]] = []
        for chunk in _chunks(list(set(keys))):
            marks = ",".join("?" * len(chunk))
            out.extend(self.query(f"SELECT key, article_id FROM lsh WHERE key IN ({marks})", chunk))
        return out

    def dup_info(self, ids: Sequence[str]) -> dict[str, tuple[str | None, int]]:
        """id -> (dup_group, seq) for stored articles."""
        out: dict[str, tuple[str | None, int]] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for aid, group, seq in self.query(
                f"SELECT id, dup_group, seq FROM articles WHERE id IN ({marks})", chunk
            ):
                out[aid] = (group, seq)
        return out

    # ------------------------------------------------------------------ files, runs, errors
    def file_state(self, path: str) -> tuple[int, float, str] | None:
        row = self.execute(
            "SELECT size, mtime, status FROM files WHERE path = ?", (path,)
        ).fetchone()
        return (int(row[0]), float(row[1]), row[2]) if row else None

    def set_file_state(
        self, path: str, size: int, mtime: float, status: str, n_articles: int, n_errors: int
    ) -> None:
        self.execute(
            "INSERT INTO files (path, size, mtime, status, n_articles, n_errors, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
            "mtime = excluded.mtime, status = excluded.status, n_articles = excluded.n_articles, "
            "n_errors = excluded.n_errors, updated_at = excluded.updated_at",
            (path, size, mtime, status, n_articles, n_errors, now_iso()),
        )

    def start_run(self, stage: str) -> str:
        """Record a stage starting in this process; first mark as ``interrupted`` the runs
        this host's dead processes left ``running`` (killed before they could finish)."""
        run_id = uuid.uuid4().hex[:16]
        with self.transaction():
            self.mark_interrupted_runs()
            self.execute(
                "INSERT INTO runs (id, stage, started_at, status, pid, host) "
                "VALUES (?, ?, ?, 'running', ?, ?)",
                (run_id, stage, now_iso(), os.getpid(), socket.gethostname()),
            )
        return run_id

    def mark_interrupted_runs(self) -> list[str]:
        """Set ``interrupted`` on runs still ``running`` whose process on this host is gone;
        returns their ids. Runs of other hosts, and older runs without a pid, stay as they
        are: whether those are alive cannot be told from here."""
        rows = self.query(
            "SELECT id, pid FROM runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL",
            (socket.gethostname(),),
        )
        dead = [run_id for run_id, pid in rows if not process_alive(int(pid))]
        for run_id in dead:
            self.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = ? "
                "WHERE id = ? AND status = 'running'",
                (now_iso(), run_id),
            )
        return dead

    def runs(self) -> list[dict[str, Any]]:
        """Every run, oldest first: stage, status, times, process."""
        keys = ("id", "stage", "status", "started_at", "finished_at", "pid", "host")
        rows = self.query(f"SELECT {', '.join(keys)} FROM runs ORDER BY started_at, id")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def finish_run(self, run_id: str, status: str, stats: dict[str, Any]) -> None:
        with self.transaction():
            self.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (now_iso(), status, json.dumps(stats, default=str), run_id),
            )

    def add_error(
        self, run_id: str | None, stage: str, source: str | None, line: int | None, message: str
    ) -> None:
        self.execute(
            "INSERT INTO errors (id, run_id, stage, source, line, message, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, run_id, stage, source, line, message, now_iso()),
        )

    def errors(self, run_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT stage, source, line, message, created_at FROM errors"
        rows = (
            self.query(sql + " WHERE run_id = ? ORDER BY created_at, source, line", (run_id,))
            if run_id
            else self.query(sql + " ORDER BY created_at")
        )
        keys = ("stage", "source", "line", "message", "created_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # ------------------------------------------------------------------ claims
    def replace_claims(self, article_id: str, claims: Sequence[Claim], extractor: str) -> None:
        """Swap an article's claims for a new extraction and mark it done, in one go."""
        self.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
        self.executemany(
            f"INSERT INTO claims ({', '.join(CLAIM_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [claim_row(c) for c in claims],
        )
        self.execute("UPDATE articles SET extracted_with = ? WHERE id = ?", (extractor, article_id))

    def iter_claims(self, batch_size: int = 1000, article_id: str | None = None) -> Iterator[Claim]:
        where = "WHERE article_id = ?" if article_id else ""
        params: list[Any] = [article_id] if article_id else []
        offset_id = ""
        while True:
            clause = f"{where} {'AND' if where else 'WHERE'} id > ?"
            rows = self.query(
                f"SELECT id, data FROM claims {clause} ORDER BY id LIMIT {int(batch_size)}",
                [*params, offset_id],
            )
            if not rows:
                return
            for _, data in rows:
                yield from_dict(Claim, json.loads(data))
            offset_id = rows[-1][0]

    def get_claims(self, ids: Sequence[str]) -> list[Claim]:
        out = []
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out += [
                from_dict(Claim, json.loads(d))
                for (d,) in self.query(
                    f"SELECT data FROM claims WHERE id IN ({marks}) ORDER BY id", chunk
                )
            ]
        return out

    # ------------------------------------------------------------------ toponyms
    def replace_toponyms(self, article_id: str, places: Sequence[Place]) -> None:
        """Swap an article's toponyms for a new geoparse (one row per place, by start offset)."""
        self.execute("DELETE FROM toponyms WHERE article_id = ?", (article_id,))
        marks = ", ".join("?" * len(TOPONYM_COLUMNS))
        self.executemany(
            f"INSERT INTO toponyms ({', '.join(TOPONYM_COLUMNS)}) VALUES ({marks})",
            toponym_rows(article_id, places),
        )

    def toponyms(self, article_id: str) -> list[Place]:
        rows = self.query(
            "SELECT data FROM toponyms WHERE article_id = ? ORDER BY start", (article_id,)
        )
        return [from_dict(Place, json.loads(d)) for (d,) in rows]

    def iter_toponyms(self, batch_size: int = 5000) -> Iterator[tuple[str, Place]]:
        """(article id, place) for every stored toponym, article by article."""
        last = ("", -1)
        while True:
            rows = self.query(
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

    # ------------------------------------------------------------------ copy analysis
    def articles_pending_copies(self) -> list[tuple[str, str | None]]:
        """(id, published) of articles not yet copy-analysed, earliest published first."""
        return self.query(
            "SELECT a.id, a.published FROM articles a LEFT JOIN copies c ON c.article_id = a.id "
            "WHERE c.article_id IS NULL ORDER BY (a.published IS NULL), a.published, a.seq"
        )

    def sentence_key_rows(self) -> Iterator[tuple[int, str, int]]:
        """The copy index as stored, article by article in analysis order."""
        yield from self.execute(
            "SELECT k.key, k.article_id, k.sentence_no FROM sentence_keys k "
            "JOIN copies c ON c.article_id = k.article_id ORDER BY c.seq, k.sentence_no, k.key"
        )

    def next_copy_seq(self) -> int:
        return int(self.scalar("SELECT COALESCE(MAX(seq), 0) FROM copies")) + 1

    def save_copy(
        self, seq: int, verdict: dict[str, Any], rows: Sequence[tuple[int, str, int]]
    ) -> None:
        """Store one article's copy verdict and index rows, and make it the article's copy
        status: it compares in publication order, where ingest's page-level check could only
        follow arrival order (a copy that arrives first looks like the original there). A
        syndicated or spun copy joins its source's dup group, which ingest's page-level check
        misses when the copy rewrote too much of the page."""
        aid, status, sources = verdict["article_id"], verdict["status"], verdict["sources"]
        self.execute(
            "INSERT INTO copies (article_id, seq, status, sources, share_copied, data) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (article_id) DO NOTHING",
            (aid, seq, status, json.dumps(sources), verdict["share_copied"],
             json.dumps(verdict, ensure_ascii=False)),
        )  # fmt: skip
        self.executemany(
            "INSERT INTO sentence_keys (key, article_id, sentence_no) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING",
            rows,
        )
        source = sources[0] if sources and status != "original" else None
        self.execute(
            "UPDATE articles SET copy_status = ?, dup_of = ? WHERE id = ?", (status, source, aid)
        )
        if source is not None and status in ("syndicated", "spun"):
            self.execute(
                "UPDATE articles SET dup_group = COALESCE((SELECT s.dup_group FROM articles s "
                "WHERE s.id = ?), dup_group) WHERE id = ?",
                (source, aid),
            )

    def copy_verdicts(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            for aid, data in self.query(
                f"SELECT article_id, data FROM copies WHERE article_id IN ({marks})", chunk
            ):
                out[aid] = json.loads(data)
        return out

    # ------------------------------------------------------------------ verification
    def replace_claim_checks(self, rows: Sequence[dict[str, Any]]) -> None:
        """Replace every claim's consistency check."""
        self.execute("DELETE FROM claim_checks")
        self.executemany(
            "INSERT INTO claim_checks (claim_id, article_id, event_id, status, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [(r["claim_id"], r["article_id"], r["event_id"], r["status"],
              json.dumps(r, ensure_ascii=False)) for r in rows],
        )  # fmt: skip

    def update_claims(self, claims: Sequence[Claim]) -> None:
        """Store the ``status`` verify gave these claims in their records, so claim exports
        carry it without a join.

        Only the status is written, into the record as stored now (read in this write
        transaction, locked): a claim re-extracted by another process since verify read it
        keeps its new record, and a claim deleted meanwhile is not brought back.
        """
        status = {c.id: c.status for c in claims}
        lock = " FOR UPDATE" if self.dialect == "postgresql" else ""
        with self.transaction():
            for chunk in _chunks(sorted(status)):
                marks = ",".join("?" * len(chunk))
                rows = self.query(f"SELECT id, data FROM claims WHERE id IN ({marks}){lock}", chunk)
                updated = []
                for cid, data in rows:
                    record = json.loads(data)
                    record["status"] = status[cid]
                    updated.append((json.dumps(record, ensure_ascii=False), cid))
                self.executemany("UPDATE claims SET data = ? WHERE id = ?", updated)

    def extracted_with(self, ids: Sequence[str]) -> dict[str, str | None]:
        """The extractor version each article was last extracted with (None: never)."""
        out: dict[str, str | None] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            out.update(
                self.query(f"SELECT id, extracted_with FROM articles WHERE id IN ({marks})", chunk)
            )
        return out

    def claim_checks(self, article_id: str | None = None) -> dict[str, dict[str, Any]]:
        sql = "SELECT claim_id, data FROM claim_checks"
        rows = (
            self.query(sql + " WHERE article_id = ?", (article_id,)) if article_id
            else self.query(sql)
        )  # fmt: skip
        return {cid: json.loads(d) for cid, d in rows}

    def replace_reference_checks(self, reference: str, rows: Sequence[dict[str, Any]]) -> None:
        """Keep the checks against the latest reference dataset only (one per claim)."""
        self.execute("DELETE FROM reference_checks")
        self.executemany(
            "INSERT INTO reference_checks (claim_id, article_id, reference, verdict, data) "
            "VALUES (?, ?, ?, ?, ?)",
            [(r["claim_id"], r["article_id"], reference, r["verdict"],
              json.dumps(r, ensure_ascii=False)) for r in rows],
        )  # fmt: skip

    def reference_checks(self, article_id: str | None = None) -> dict[str, dict[str, Any]]:
        sql = "SELECT claim_id, reference, data FROM reference_checks"
        rows = (
            self.query(sql + " WHERE article_id = ?", (article_id,)) if article_id
            else self.query(sql)
        )  # fmt: skip
        return {cid: {**json.loads(d), "reference": ref} for cid, ref, d in rows}

    def replace_article_verdicts(self, rows: Sequence[dict[str, Any]]) -> None:
        """Store every article's verdict and set ``articles.credibility`` to its score."""
        self.execute("DELETE FROM article_verdicts")
        self.executemany(
            "INSERT INTO article_verdicts (article_id, score, verdict, data) VALUES (?, ?, ?, ?)",
            [(r["article_id"], r["score"], r["verdict"], json.dumps(r, ensure_ascii=False))
             for r in rows],
        )  # fmt: skip
        self.execute("UPDATE articles SET credibility = NULL")
        self.executemany(
            "UPDATE articles SET credibility = ? WHERE id = ?",
            [(r["score"], r["article_id"]) for r in rows],
        )

    def article_verdict(self, article_id: str) -> dict[str, Any] | None:
        row = self.execute(
            "SELECT data FROM article_verdicts WHERE article_id = ?", (article_id,)
        ).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------------ events
    def replace_events(self, events: Sequence[Event]) -> None:
        """Replace the whole event table (the baseline fuser recomputes everything)."""
        self.execute("DELETE FROM event_articles")
        self.execute("DELETE FROM event_claims")
        self.execute("DELETE FROM events")
        self.add_events(events)

    def add_events(self, events: Sequence[Event]) -> None:
        self.executemany(
            "INSERT INTO events (id, event_type, date_start, date_end, country, n_articles, "
            "n_independent, fatalities, n_conflicts, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    e.id, e.event_type, _iso(e.start), _iso(e.end),
                    e.place.country if e.place else None, e.n_articles, e.n_independent,
                    int64_or_none(e.casualties.killed.best) if e.casualties.killed else None,
                    len(e.conflicts),
                    json.dumps(to_dict(e), ensure_ascii=False),
                )
                for e in events
            ],
        )  # fmt: skip
        self.executemany(
            "INSERT INTO event_claims (claim_id, event_id) VALUES (?, ?)",
            [(cid, e.id) for e in events for cid in e.claims],
        )

    def upsert_events(self, events: Sequence[Event]) -> None:
        """Replace these events (and their claim links) and keep all others."""
        self.delete_events([e.id for e in events])
        self.add_events(events)

    def delete_events(self, ids: Sequence[str]) -> None:
        """Remove these events, their claim links and their article links (the claims and
        articles stay)."""
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            self.execute(f"DELETE FROM event_claims WHERE event_id IN ({marks})", chunk)
            self.execute(f"DELETE FROM event_articles WHERE event_id IN ({marks})", chunk)
            self.execute(f"DELETE FROM events WHERE id IN ({marks})", chunk)

    def replace_links(self, article_ids: Sequence[str], links: Sequence[ArticleLink]) -> None:
        """Drop the document-level links of these articles and store ``links`` instead."""
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            self.execute(f"DELETE FROM event_articles WHERE article_id IN ({marks})", chunk)
        self.executemany(
            "INSERT INTO event_articles (article_id, event_id, score, reason) VALUES (?, ?, ?, ?)",
            [(x.article_id, x.event_id, x.score, x.reason) for x in links],
        )

    def links_of_events(
        self, event_ids: Sequence[str] | None = None
    ) -> dict[str, list[ArticleLink]]:
        """event id -> its document-level links (of every event when ``event_ids`` is None)."""
        rows: list[tuple[Any, ...]] = []
        sql = "SELECT article_id, event_id, score, reason FROM event_articles"
        if event_ids is None:
            rows = self.query(sql)
        for chunk in _chunks(list(event_ids or ())):
            marks = ",".join("?" * len(chunk))
            rows += self.query(f"{sql} WHERE event_id IN ({marks})", chunk)
        out: dict[str, list[ArticleLink]] = {}
        for article_id, event_id, value, reason in sorted(rows, key=lambda r: (r[1], -r[2], r[0])):
            out.setdefault(event_id, []).append(ArticleLink(article_id, event_id, value, reason))
        return out

    def link_candidates(self, first: dt.date | None, last: dt.date | None) -> list[str]:
        """Articles in no event told by another independent report (loners: a copy of the
        article does not count), published between ``first`` and ``last`` or undated (all
        dates when both are None): those a document-level link may place."""
        sql = (
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM claims c "
            "JOIN event_claims ec ON ec.claim_id = c.id JOIN events e ON e.id = ec.event_id "
            "WHERE c.article_id = a.id AND e.n_independent > 1)"
        )
        params: list[Any] = []
        if first is not None and last is not None:
            sql += " AND (a.published IS NULL OR (a.published >= ? AND a.published < ?))"
            params = [first.isoformat(), (last + dt.timedelta(days=1)).isoformat()]
        return sorted(r[0] for r in self.query(sql, params))

    def titles(self, article_ids: Sequence[str]) -> dict[str, str]:
        """article id -> title, for the articles that have one (no texts loaded)."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            q = f"SELECT id, title FROM articles WHERE id IN ({marks}) AND title IS NOT NULL"
            out.update(dict(self.query(q, chunk)))
        return out

    def linked_to(self, event_ids: Sequence[str]) -> list[str]:
        """Articles with a document-level link to any of these events."""
        out: set[str] = set()
        for chunk in _chunks(list(event_ids)):
            marks = ",".join("?" * len(chunk))
            q = f"SELECT article_id FROM event_articles WHERE event_id IN ({marks})"
            out |= {r[0] for r in self.query(q, chunk)}
        return sorted(out)

    def event_assignments(self) -> dict[str, str]:
        """claim id -> event id for every fused claim."""
        return dict(self.query("SELECT claim_id, event_id FROM event_claims"))

    def claim_ids(self) -> set[str]:
        return {r[0] for r in self.query("SELECT id FROM claims")}

    def events_touching(
        self, windows: Iterable[tuple[str | None, dt.date, dt.date]]
    ) -> list[Event]:
        """Events of a country (or of no known country) whose dates touch a window, and the
        undated ones: the candidates an incremental fusion run compares new claims with."""
        found: dict[str, Event] = {}
        sql = (
            "SELECT id, data FROM events WHERE (date_start IS NULL OR "
            "(date_start <= ? AND COALESCE(date_end, date_start) >= ?))"
        )
        for country, first, last in windows:
            span = (last.isoformat(), first.isoformat())
            if country is None:
                rows = self.query(sql, span)
            else:
                rows = self.query(sql + " AND (country = ? OR country IS NULL)", (*span, country))
            for event_id, data in rows:
                if event_id not in found:
                    found[event_id] = from_dict(Event, json.loads(data))
        return list(found.values())

    def events_of_articles(self, article_ids: Sequence[str]) -> list[Event]:
        """The events holding a claim of any of these articles (as fusion wrote them: no
        document-level links attached)."""
        found: dict[str, Event] = {}
        for chunk in _chunks(list(article_ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.query(
                "SELECT DISTINCT e.id, e.data FROM events e JOIN event_claims ec "
                "ON ec.event_id = e.id JOIN claims c ON c.id = ec.claim_id "
                f"WHERE c.article_id IN ({marks})",
                chunk,
            )
            for event_id, data in rows:
                found.setdefault(event_id, from_dict(Event, json.loads(data)))
        return [found[k] for k in sorted(found)]

    def iter_events(
        self,
        *,
        event_type: str | None = None,
        country: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        min_fatalities: int | None = None,
        limit: int | None = None,
        order: str = "date",
    ) -> Iterator[Event]:
        """Events matching the filters, by date (undated last) or, with order="reports", most
        reported first."""
        where, params = [], []
        if event_type:
            where.append("event_type = ?")
            params.append(event_type)
        if country:
            where.append("country = ?")
            params.append(country.upper())
        if since:
            where.append("date_start >= ?")
            params.append(since.isoformat())
        if until:
            where.append("date_start <= ?")
            params.append(until.isoformat())
        if min_fatalities is not None:
            where.append("fatalities >= ?")
            params.append(min_fatalities)
        sql = "SELECT data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += (
            " ORDER BY n_articles DESC, n_independent DESC, id"
            if order == "reports"
            else " ORDER BY (date_start IS NULL), date_start, id"
        )
        if limit:
            sql += f" LIMIT {int(limit)}"
        links = self.links_of_events()
        for (data,) in self.execute(sql, params):
            yield _with_links(from_dict(Event, json.loads(data)), links)

    def get_event(self, event_id: str) -> Event | None:
        row = self.execute("SELECT data FROM events WHERE id = ?", (event_id,)).fetchone()
        if not row:
            return None
        return _with_links(from_dict(Event, json.loads(row[0])), self.links_of_events([event_id]))

    # ------------------------------------------------------------------ summary
    def stats(self) -> dict[str, Any]:
        languages = dict(
            self.query(
                "SELECT COALESCE(language, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        copies = dict(
            self.query(
                "SELECT COALESCE(copy_status, 'unknown'), COUNT(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            )
        )
        return {
            "db": self.url,
            "schema_version": self.schema_version(),
            "articles": self.count("articles"),
            "languages": languages,
            "copy_status": copies,
            "dup_groups": int(self.scalar("SELECT COUNT(DISTINCT dup_group) FROM articles") or 0),
            "extracted": self.count("articles", "extracted_with IS NOT NULL"),
            "claims": self.count("claims"),
            "events": self.count("events"),
            "errors": self.count("errors"),
        }
