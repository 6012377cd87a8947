"""Seeded fuzzing of ingest: one hostile file next to good ones costs nothing but itself.

Each case (see fuzzcases.py) puts one hostile file or folder entry beside three good article
files and ingests the folder: no exception may escape, every good article of the run must be
stored, and the hostile file must be named by an error when it is invalid (and only then).
Most cases go through the library with small Limits (cheap); a few through the real CLI.
``benchmarks/fuzz.py`` runs thousands of cases the CLI way with the default limits.
"""

from __future__ import annotations

import signal

import pytest
from fuzzcases import GENERATORS, build, check, cli_problems, pick, restore, run_cli, stored

from sitrep.ingest import ingest
from sitrep.store import open_store

CASES = 7 * len(GENERATORS)  # every generator seven times, with different seeds


@pytest.fixture
def alarm():
    """Fail instead of hanging if an input blocks (a FIFO opened would wait forever)."""

    def expire(*_):
        raise TimeoutError("ingest blocked")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("seed", range(CASES), ids=lambda seed: f"{pick(seed)}-{seed}")
def test_hostile_file_costs_only_itself(seed, tmp_path, alarm):
    case = build(pick(seed), seed, tmp_path)
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        report = ingest([str(case.folder)], store, limits=case.limits)
        articles = [(a.source or "", f"{a.title or ''}\n{a.text}") for a in store.articles.iter()]
        saved = [(e.source, e.message) for e in store.runs.errors(report.run_id)]
    finally:
        store.close()
        restore(tmp_path)
    errors = [(e.source, e.message) for e in report.errors]
    assert sorted(saved) == sorted(errors)  # every error reached the store's table too
    assert check(case, errors, articles) == []


# Generators whose full-size (default Limits) cases are cheap enough for a test run.
CLI_GENERATORS = [
    "corrupt_gz",
    "deep_json",
    "fifo",
    "json_odd_metadata",
    "random_bytes",
    "rss_external_entity",
    "symlink_loop",
    "undecodable_name",
]


@pytest.mark.parametrize("generator", CLI_GENERATORS)
def test_hostile_file_through_the_cli(generator, tmp_path):
    case = build(generator, 1, tmp_path, full=True)
    db = f"sqlite:///{tmp_path / 'x.db'}"
    try:
        run = run_cli(case, db, timeout=120)
    finally:
        restore(tmp_path)
    assert cli_problems(run) == [], run.stderr
    assert check(case, *stored(db)) == []
