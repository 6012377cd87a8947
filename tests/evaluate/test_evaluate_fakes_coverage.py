"""The FA-KES evaluation's reference coverage, read from the stored reference checks."""

from __future__ import annotations

from pathlib import Path

import sitrep
from sitrep.evaluate.fakes import reference_coverage

GED = Path(__file__).resolve().parent.parent / "verify" / "data" / "ged_samples_2024.csv"


def test_reference_coverage_counts_the_checks_of_the_articles_asked_for(tmp_path, samples):
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'c.db'}")
    files = [str(p) for p in sorted((samples / "articles").glob("0[1-4]_*.txt"))]
    sitrep.run(files, store, mode="rules", reference=GED)
    ids = {f"unit{i}": a.id for i, a in enumerate(store.articles.iter())}
    checks = store.checks.references()
    got = reference_coverage(store, ids)
    assert got is not None and got["claims"] == len(checks)
    unchecked = [c for c in checks.values() if c.verdict == "not checkable"]
    assert got["checkable"] == len(checks) - len(unchecked)
    assert sum(got["not_checkable"].values()) == len(unchecked)
    assert reference_coverage(store, {"unit0": None}) is None
    store.close()
