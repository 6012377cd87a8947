"""What the reading commands show (sitrep.views) and the watch loop (pipeline.watch), as
library calls: the CLI only prints these."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sitrep
from sitrep.pipeline import watch
from sitrep.views import article_view, event_view, reference_view

GED = Path(__file__).parent / "verify" / "data" / "ged_samples_2024.csv"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def aleppo(tmp_path_factory):
    """The four Aleppo reports, run through every stage and checked against the GED rows."""
    db = tmp_path_factory.mktemp("views") / "v.db"
    store = sitrep.open_store(f"sqlite:///{db}")
    files = [str(p) for p in sorted((SAMPLES / "articles").glob("0[1-4]_*.txt"))]
    sitrep.run(files, store, mode="rules", reference=GED)
    yield store
    store.close()


def test_an_event_view_holds_its_claims_articles_and_checks(aleppo) -> None:
    event = max(aleppo.events.iter(), key=lambda e: e.n_articles)
    view = event_view(aleppo, event.id)
    assert view is not None and view.event.id == event.id
    assert {c.id for c in view.claims} == set(event.claims)
    assert set(view.articles) == set(event.articles) and all(view.articles.values())
    assert set(view.checks) == set(event.claims)
    data = view.as_dict()
    assert data["id"] == event.id and [c["id"] for c in data["claim_records"]] == [
        c.id for c in view.claims
    ]
    assert event_view(aleppo, "ev_nope") is None


def test_an_article_view_holds_its_verdict_copy_and_claims_in_text_order(aleppo) -> None:
    syndicated = next(a for a in aleppo.articles.iter() if a.copy_status == "syndicated")
    view = article_view(aleppo, syndicated.id)
    assert view is not None and view.verdict is not None and view.copy is not None
    assert view.copy.status == "syndicated" and view.copy.sources
    starts = [c.sentence.start for c in view.claims]
    assert starts == sorted(starts) and set(view.events) <= {c.id for c in view.claims}
    data = view.as_dict()
    assert list(data) == ["article_id", "verdict", "claims"]
    assert data["verdict"]["verdict"] == view.verdict.verdict
    checked = [c for c in data["claims"] if c["check"]]
    assert checked and all("status" in c["check"] for c in checked)
    assert article_view(aleppo, "nope") is None


def test_a_reference_view_counts_what_could_not_be_checked(aleppo) -> None:
    view = reference_view(aleppo)
    assert view.checks and set(view.claims) == set(view.checks)
    unchecked = [c for c in view.checks.values() if c.verdict == "not checkable"]
    assert sum(view.not_checkable.values()) == len(unchecked)
    assert view.checkable == len(view.checks) - len(unchecked)
    verdicts = [c.verdict for c in view.by_verdict()]
    assert verdicts == sorted(verdicts)
    assert [d["claim_id"] for d in view.as_dicts()] == sorted(view.checks)
    assert all(d["reference"] == GED.name for d in view.as_dicts())


def test_watch_extracts_and_fuses_only_when_a_look_finds_new_articles(tmp_path, samples) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(samples / "articles" / "01_aleppo_shelling_levantwire.txt", inbox)
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'w.db'}")
    looks = list(watch(inbox, store, interval=0, cycles=2))
    assert [x.ingest.new for x in looks] == [1, 0]
    assert looks[0].extract is not None and looks[0].fuse is not None
    assert looks[0].extract.claims > 0 and looks[0].fuse.events > 0
    assert looks[1].extract is None and looks[1].fuse is None
    store.close()
