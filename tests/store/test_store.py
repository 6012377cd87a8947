"""The store on both back-ends: schema, round-trips, transactions, clear errors."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from sitrep.errors import StoreError
from sitrep.model import (
    Article,
    Casualties,
    Claim,
    Conflict,
    Event,
    Figure,
    Place,
    Source,
    Span,
    When,
)
from sitrep.store import open_store
from sitrep.store.schema import LATEST_VERSION


def _article(i: int, text: str | None = None) -> Article:
    text = text or f"Article number {i} says something happened in a town."
    return Article(
        id=f"a{i}",
        text=text,
        title=f"Title {i}",
        outlet="wire.example",
        published=dt.date(2024, 3, 10 + i),
        language="en",
        text_hash=f"h{i}",
        dup_group=f"a{i}",
        copy_status="original",
        source=f"file{i}.txt",
    )


def _claim(article: Article, n: int = 0) -> Claim:
    return Claim(
        id=f"{article.id}-c{n}",
        article_id=article.id,
        sentence=Span(0, 10, article.text[:10]),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        place=Place(text="Idlib", name="Idlib", lat=35.93, lon=36.63, country="SYR", precision=1),
        when=When(
            text="on Monday", start=dt.date(2024, 3, 11), end=dt.date(2024, 3, 11), precision="day"
        ),
        casualties=Casualties(killed=Figure(best=5, low=5, high=7, text="five people")),
        sources=[Source(text="the Observatory", name="SOHR")],
    )


def test_schema_is_created_and_versioned(store):
    assert store.schema_version() == LATEST_VERSION
    # Migrating again is a no-op and keeps data.
    with store.transaction():
        store.articles.insert([_article(1)], store.articles.next_seq())
    assert store.migrate() == LATEST_VERSION
    assert store.count("articles") == 1


def test_a_schema_4_store_opens_and_gains_published_source(db_url, monkeypatch):
    """A store written before publication-date provenance (schema 4) opens and migrates: its
    dated articles took their date from the input, its undated ones stay of unknown source."""
    import sitrep.store.core as core
    from sitrep.store.schema import MIGRATIONS

    monkeypatch.setattr(core, "MIGRATIONS", [m for m in MIGRATIONS if m[0] <= 4])
    monkeypatch.setattr(core, "LATEST_VERSION", 4)
    old = open_store(db_url)
    assert old.schema_version() == 4
    with old.transaction():
        for i, published in ((1, "2024-03-11"), (2, None)):
            old.execute(
                "INSERT INTO articles (id, seq, text_hash, published, language, text, "
                "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (f"a{i}", i, f"h{i}", published, "en", f"Old article {i}.", "2024-03-12"),
            )
    old.close()
    monkeypatch.undo()

    store = open_store(db_url)
    assert store.schema_version() == LATEST_VERSION == 6
    got = {a.id: a for a in store.articles.iter()}
    assert got["a1"].published == dt.date(2024, 3, 11)
    assert got["a1"].published_source == "input"
    assert got["a2"].published is None and got["a2"].published_source is None
    with store.transaction():
        store.articles.insert([_article(3)], store.articles.next_seq())
    store.close()


def test_article_keeps_its_published_source(store):
    a = _article(4)
    a.published_source = "dateline"
    with store.transaction():
        store.articles.insert([a], store.articles.next_seq())
    got = store.articles.get("a4")
    assert got is not None and got.published_source == "dateline"


def test_reopening_keeps_rows(db_url):
    s = open_store(db_url)
    with s.transaction():
        s.articles.insert([_article(1), _article(2)], s.articles.next_seq())
    s.close()
    s2 = open_store(db_url)
    assert [a.id for a in s2.articles.iter()] == ["a1", "a2"]
    s2.close()


def test_article_round_trip(store):
    a = _article(3, "Ünïcode text — with dashes and “quotes”.")
    a.published = dt.datetime(
        2024, 3, 14, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=4, minutes=30))
    )
    a.raw = "<p>raw</p>"
    with store.transaction():
        store.articles.insert([a], store.articles.next_seq())
    got = store.articles.get("a3")
    assert got is not None
    assert got.text == a.text and got.published == a.published and got.raw == "<p>raw</p>"
    assert store.articles.get("missing") is None


def test_insert_is_idempotent(store):
    with store.transaction():
        store.articles.insert([_article(1)], store.articles.next_seq())
    with store.transaction():
        store.articles.insert([_article(1)], store.articles.next_seq())
    assert store.count("articles") == 1


def test_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.articles.insert([_article(1)], store.articles.next_seq())
        store.runs.add_error(None, "ingest", "x", 1, "boom")
        raise RuntimeError("killed half-way")
    assert store.count("articles") == 0
    assert store.count("errors") == 0
    # The connection is usable afterwards.
    with store.transaction():
        store.articles.insert([_article(2)], store.articles.next_seq())
    assert store.count("articles") == 1


def test_claims_and_events_round_trip(store):
    a = _article(1)
    claim = _claim(a)
    event = Event(
        id="ev1",
        event_type=claim.event_type,
        sub_event_type=claim.sub_event_type,
        start=dt.date(2024, 3, 11),
        end=dt.date(2024, 3, 11),
        place=claim.place,
        casualties=Casualties(killed=Figure(best=5, low=5, high=9)),
        claims=[claim.id],
        articles=[a.id],
        n_articles=1,
        n_outlets=1,
        n_independent=1,
        n_original_sources=1,
        conflicts=[Conflict("killed", 9, "SANA", "wire.example", a.id)],
    )
    with store.transaction():
        store.articles.insert([a], store.articles.next_seq())
        store.claims.replace(a.id, [claim], "test-1")
        store.events.replace_all([event])
    assert list(store.claims.iter()) == [claim]
    assert store.events.get("ev1") == event
    assert [e.id for e in store.events.iter(country="syr", min_fatalities=5)] == ["ev1"]
    assert list(store.events.iter(min_fatalities=6)) == []
    assert list(store.events.iter(since=dt.date(2024, 3, 12))) == []
    # Re-extraction replaces, never duplicates; the article is marked done.
    with store.transaction():
        store.claims.replace(a.id, [claim, _claim(a, 1)], "test-1")
    assert store.count("claims") == 2
    assert list(store.articles.iter(pending_extractor="test-1")) == []
    assert [x.id for x in store.articles.iter(pending_extractor="test-2")] == ["a1"]


def test_toponyms_round_trip_and_replace(store):
    text = "Shelling hit Tariq al-Bab in Aleppo; Qarqur was also named."
    places = [
        Place(
            text="Tariq al-Bab",
            name="Tariq al-Bab",
            lat=36.21,
            lon=37.19,
            admin1="Aleppo",
            country="SYR",
            gazetteer_id="sitrep:tariq-al-bab",
            precision=1,
            confidence=0.9,
            span=Span(13, 25, "Tariq al-Bab"),
        ),
        Place(
            text="Aleppo",
            name="Aleppo",
            lat=36.2,
            lon=37.16,
            country="SYR",
            precision=1,
            span=Span(29, 35, "Aleppo"),
        ),
        Place(text="Qarqur", precision=None, span=Span(37, 43, "Qarqur")),  # unresolved, kept
    ]
    a = _article(1)
    with store.transaction():
        store.articles.insert([a], store.articles.next_seq())
        store.toponyms.replace(a.id, places)
    assert store.toponyms.of_article(a.id) == places
    assert [p.text for _, p in store.toponyms.iter(batch_size=2)] == [
        "Tariq al-Bab",
        "Aleppo",
        "Qarqur",
    ]
    assert text[13:25] == "Tariq al-Bab"
    with store.transaction():
        store.toponyms.replace(a.id, places[1:])
    assert [p.text for p in store.toponyms.of_article(a.id)] == ["Aleppo", "Qarqur"]


def test_iter_articles_pages_in_order(store):
    with store.transaction():
        store.articles.insert([_article(i) for i in range(1, 8)], store.articles.next_seq())
    ids = [a.id for a in store.articles.iter(batch_size=3)]
    assert ids == [f"a{i}" for i in range(1, 8)]


def test_unreachable_postgres_is_a_clear_error():
    started = time.monotonic()
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        open_store("postgresql://nobody:secret@127.0.0.1:1/sitrep")
    assert time.monotonic() - started < 10


def test_password_is_not_shown_in_errors():
    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody:hunter2@127.0.0.1:1/sitrep")
    assert "hunter2" not in str(info.value)


def test_unknown_scheme_is_rejected():
    with pytest.raises(StoreError, match="unsupported database URL"):
        open_store("mysql://localhost/db")


def test_read_only_location_is_a_clear_error():
    # /proc refuses new files even for root, so this holds in CI as well.
    with pytest.raises(StoreError, match=r"read-only|cannot"):
        open_store("sqlite:////proc/sitrep-test.db")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(f"sqlite:///{tmp_path / 'nope' / 'x.db'}")


def test_read_only_file_as_non_root(tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions; the /proc test covers read-only places")
    path = tmp_path / "ro.db"
    open_store(f"sqlite:///{path}").close()
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(StoreError, match="read-only"):
            s = open_store(f"sqlite:///{path}")
            with s.transaction():
                s.articles.insert([_article(1)], 1)
    finally:
        tmp_path.chmod(0o755)


def test_sqlite_uses_wal(tmp_path):
    s = open_store(f"sqlite:///{tmp_path / 'w.db'}")
    assert s.scalar("PRAGMA journal_mode") == "wal"
    s.close()


def test_reader_sees_committed_rows_while_writer_holds_a_transaction(tmp_path):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    writer = open_store(url)
    with writer.transaction():
        writer.articles.insert([_article(1)], 1)
    reader = open_store(url, read_only=True)
    with writer.transaction():
        writer.articles.insert([_article(2)], 2)
        # WAL: the reader is not blocked and sees only committed rows.
        assert reader.count("articles") == 1
    assert reader.count("articles") == 2
    reader.close()
    writer.close()


@pytest.mark.parametrize(
    "url",
    [
        'sqlite:///"out.db',
        "sqlite:///'sitrep.db'",
        "'sitrep.db'",
        "sqlite:///out.db`",
        "sqlite:///$DB",
        "sqlite:///out.db;",
        "sqlite:///out.db ",
        " out.db",
        "sqlite:///out\n.db",
    ],
)
def test_shell_leftovers_in_sqlite_path_are_refused(url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match="database URL"):
        open_store(url)
    assert list(tmp_path.iterdir()) == []  # no stray file was created


def test_plain_sqlite_paths_still_open(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    open_store("sqlite:///my-store_1.db").close()
    open_store("other.db").close()
    assert {"my-store_1.db", "other.db"} <= {p.name for p in tmp_path.iterdir()}


def _dead_pid() -> int:
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_runs_left_running_by_a_dead_process_become_interrupted(store):
    import os
    import socket

    with store.transaction():
        for run_id, pid, host in [
            ("dead", _dead_pid(), socket.gethostname()),
            ("alive", os.getpid(), socket.gethostname()),
            ("elsewhere", _dead_pid(), "another-host.example"),
            ("old", None, None),  # a run recorded before pids were
        ]:
            store.execute(
                "INSERT INTO runs (id, stage, started_at, status, pid, host) "
                "VALUES (?, 'extract', '2024-01-01T00:00:00+00:00', 'running', ?, ?)",
                (run_id, pid, host),
            )
    new = store.runs.start("fuse")
    status = {r.id: r.status for r in store.runs.all()}
    assert status == {
        "dead": "interrupted",
        "alive": "running",
        "elsewhere": "running",
        "old": "running",
        new: "running",
    }
    run = next(r for r in store.runs.all() if r.id == new)
    assert (run.pid, run.host) == (os.getpid(), socket.gethostname())


def test_a_killed_stage_is_marked_interrupted_by_the_next(tmp_path):
    import signal
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'killed.db'}"
    open_store(url).close()
    code = (
        "import sys, time; from sitrep.store import open_store; s = open_store(sys.argv[1]);"
        "s.runs.start('extract'); print('started', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code, url], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
        store = open_store(url)
        assert [r.status for r in store.runs.all()] == ["running"]
        store.runs.start("fuse")  # the other process is alive: its run stays running
        assert [r.status for r in store.runs.all() if r.stage == "extract"] == ["running"]
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        store.runs.start("verify")
        status = {r.stage: r.status for r in store.runs.all()}
        assert status == {"extract": "interrupted", "fuse": "running", "verify": "running"}
    finally:
        proc.kill()
        proc.wait()
