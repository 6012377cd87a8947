"""The one schema both back-ends share, as numbered migrations.

SQL is written once with a few dialect placeholders ({blob}, {float}); everything else is the
portable subset of SQL that SQLite (>= 3.24) and PostgreSQL both accept, including
``INSERT ... ON CONFLICT DO NOTHING``. Claims and events keep their full record as JSON in
``data`` next to a few indexed columns for filtering, so later issues can grow the model without
a migration for every new field.
"""

from __future__ import annotations

DIALECT_TYPES = {
    "sqlite": {"blob": "BLOB", "float": "REAL", "without_rowid": " WITHOUT ROWID"},
    "postgresql": {"blob": "BYTEA", "float": "DOUBLE PRECISION", "without_rowid": ""},
}

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "articles, dedup index, files, runs, errors, claims, events",
        [
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                seq BIGINT NOT NULL,
                text_hash TEXT NOT NULL,
                url TEXT, outlet TEXT, title TEXT, published TEXT,
                language TEXT, language_score {float},
                source TEXT, text TEXT NOT NULL, raw TEXT,
                dup_group TEXT, dup_of TEXT, dup_score {float}, copy_status TEXT,
                credibility {float},
                extracted_with TEXT,
                ingested_at TEXT NOT NULL)""",
            "CREATE INDEX articles_text_hash ON articles (text_hash)",
            "CREATE INDEX articles_dup_group ON articles (dup_group)",
            "CREATE INDEX articles_seq ON articles (seq)",
            """CREATE TABLE sightings (
                article_id TEXT NOT NULL, source TEXT NOT NULL,
                PRIMARY KEY (article_id, source))""",
            "CREATE TABLE minhash (article_id TEXT PRIMARY KEY, sig {blob} NOT NULL)",
            "CREATE TABLE lsh (key BIGINT NOT NULL, article_id TEXT NOT NULL, "
            "PRIMARY KEY (key, article_id)){without_rowid}",
            """CREATE TABLE files (
                path TEXT PRIMARY KEY, size BIGINT, mtime {float}, status TEXT NOT NULL,
                n_articles INTEGER, n_errors INTEGER, updated_at TEXT NOT NULL)""",
            """CREATE TABLE runs (
                id TEXT PRIMARY KEY, stage TEXT NOT NULL, started_at TEXT NOT NULL,
                finished_at TEXT, status TEXT NOT NULL, stats TEXT)""",
            """CREATE TABLE errors (
                id TEXT PRIMARY KEY, run_id TEXT, stage TEXT NOT NULL, source TEXT,
                line INTEGER, message TEXT NOT NULL, created_at TEXT NOT NULL)""",
            "CREATE INDEX errors_run ON errors (run_id)",
            """CREATE TABLE claims (
                id TEXT PRIMARY KEY, article_id TEXT NOT NULL,
                event_type TEXT, sub_event_type TEXT, date_start TEXT, country TEXT,
                data TEXT NOT NULL)""",
            "CREATE INDEX claims_article ON claims (article_id)",
            """CREATE TABLE events (
                id TEXT PRIMARY KEY, event_type TEXT, date_start TEXT, date_end TEXT,
                country TEXT, n_articles INTEGER, n_independent INTEGER, fatalities INTEGER,
                data TEXT NOT NULL)""",
            "CREATE INDEX events_date ON events (date_start)",
            """CREATE TABLE event_claims (
                claim_id TEXT PRIMARY KEY, event_id TEXT NOT NULL)""",
            "CREATE INDEX event_claims_event ON event_claims (event_id)",
        ],
    ),
    (
        2,
        "toponyms per article; sentence-level copy analysis; conflict counts on events",
        [
            "ALTER TABLE events ADD COLUMN n_conflicts INTEGER",
            # Every place an article names, with its resolution (or none, with the reason),
            # so a user can check the geoparser and a claim's place is never the only record.
            """CREATE TABLE toponyms (
                article_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                text TEXT NOT NULL, name TEXT, lat {float}, lon {float}, admin1 TEXT,
                country TEXT, gazetteer_id TEXT, precision INTEGER, confidence {float},
                data TEXT NOT NULL,
                PRIMARY KEY (article_id, start))""",
            "CREATE INDEX toponyms_gazetteer ON toponyms (gazetteer_id)",
            # Sentence hash keys of analysed articles (the copy index, kept so an incremental
            # run does not rebuild it) and each article's verdict with its sentence matches.
            "CREATE TABLE sentence_keys (key BIGINT NOT NULL, article_id TEXT NOT NULL, "
            "sentence_no INTEGER NOT NULL, PRIMARY KEY (key, article_id, sentence_no)){without_rowid}",
            """CREATE TABLE copies (
                article_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, status TEXT NOT NULL,
                sources TEXT, share_copied {float}, data TEXT NOT NULL)""",
            "CREATE INDEX copies_seq ON copies (seq)",
        ],
    ),
    (
        3,
        "verification: claim checks, reference checks, article verdicts",
        [
            # Each claim's consistency with independent reports of its event (verify stage).
            """CREATE TABLE claim_checks (
                claim_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, event_id TEXT,
                status TEXT NOT NULL, data TEXT NOT NULL)""",
            "CREATE INDEX claim_checks_article ON claim_checks (article_id)",
            # Each claim checked against the last reference dataset the user gave.
            """CREATE TABLE reference_checks (
                claim_id TEXT PRIMARY KEY, article_id TEXT NOT NULL, reference TEXT NOT NULL,
                verdict TEXT NOT NULL, data TEXT NOT NULL)""",
            "CREATE INDEX reference_checks_article ON reference_checks (article_id)",
            # The article's credibility score, verdict, signals and reasons.
            """CREATE TABLE article_verdicts (
                article_id TEXT PRIMARY KEY, score {float}, verdict TEXT NOT NULL,
                data TEXT NOT NULL)""",
        ],
    ),
    (
        4,
        "runs: the process (pid and host) that runs each stage",
        [
            # A stage killed mid-run never writes its end; with its process recorded, the next
            # stage to start on that host can see the process is gone and say so.
            "ALTER TABLE runs ADD COLUMN pid INTEGER",
            "ALTER TABLE runs ADD COLUMN host TEXT",
        ],
    ),
    (
        5,
        "articles: where the publication date came from",
        [
            # input / url / dateline / text / none (sitrep.ingest.published). Stores written
            # before this version only ever took the date from the input; where they have none,
            # nobody looked elsewhere, so the source stays unknown (NULL) rather than "none".
            "ALTER TABLE articles ADD COLUMN published_source TEXT",
            "UPDATE articles SET published_source = 'input' WHERE published IS NOT NULL",
        ],
    ),
    (
        6,
        "event_articles: articles linked to an event at document level",
        [
            # An article that reports an event with no claim in it (sitrep.fuse.links): the
            # fuse stage rewrites the links of the articles it looks at, the event keeps its
            # claims, and readers add the linked articles to the event's.
            """CREATE TABLE event_articles (
                article_id TEXT NOT NULL, event_id TEXT NOT NULL, score {float},
                reason TEXT NOT NULL, PRIMARY KEY (article_id, event_id))""",
            "CREATE INDEX event_articles_event ON event_articles (event_id)",
        ],
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def render(sql: str, dialect: str) -> str:
    """Fill the dialect placeholders of one statement."""
    return sql.format(**DIALECT_TYPES[dialect])
