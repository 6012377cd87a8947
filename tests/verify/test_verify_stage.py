"""The verify stage on the sample corpus: the verdicts a careful reader would give."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app


@pytest.fixture(scope="module")
def verified(tmp_path_factory):
    samples = Path(__file__).resolve().parents[2] / "samples"

    db = tmp_path_factory.mktemp("verify") / "v.db"
    store = sitrep.open_store(f"sqlite:///{db}")
    report = sitrep.run([str(samples)], store)
    yield store, report, f"sqlite:///{db}"
    store.close()


def _article(store, name):
    return next(a for a in store.articles.iter() if a.source and a.source.endswith(name))


def test_run_verifies_every_claim_in_an_event_and_every_article(verified):
    store, report, _ = verified
    assert report.verify is not None
    assert report.verify.articles == store.count("articles")
    checks = store.checks.claims()
    assert set(checks) == set(store.events.assignments())
    assert {"corroborated", "contested", "single-source"} >= {c.status for c in checks.values()}
    exported = {c.id: c.status for c in store.claims.iter()}
    assert all(exported[cid] == row.status for cid, row in checks.items())
    assert all(a.credibility is not None for a in store.articles.iter())


def test_spun_and_stitched_pages_are_doubtful_with_their_provenance_as_reason(verified):
    store, _, _ = verified
    for name, kind in (
        ("06_saraqeb_airstrike_spun.txt", "spun"),
        ("20_stitched_contentfarm.txt", "stitched"),
    ):
        verdict = store.checks.verdict(_article(store, name).id)
        assert verdict.verdict == "doubtful" and verdict.basis == "evidence", name
        first = verdict.findings[0]
        assert first.kind == "spun or stitched copy" and first.bearing == "against"
        assert ("spun copy" if kind == "spun" else "stitched") in first.reason
        assert first.sources  # the original(s) it copies, to open and compare
    originals = (
        "01_aleppo_shelling_levantwire.txt",
        "02_aleppo_shelling_cedarherald.txt",
        "05_saraqeb_airstrike_crescent.txt",
    )
    for name in originals:
        assert store.checks.verdict(_article(store, name).id).verdict != "doubtful", name
    stitched = store.checks.verdict(_article(store, "20_stitched_contentfarm.txt").id)
    assert stitched.signals["title_repeated"] == 1.0


def test_the_aleppo_tolls_are_contested_with_who_said_what(verified):
    store, _, _ = verified
    levant = _article(store, "01_aleppo_shelling_levantwire.txt")
    lead = min(store.claims.iter(article_id=levant.id), key=lambda c: c.sentence.start)
    check = store.checks.claims(levant.id)[lead.id]
    assert check.status == "contested"
    killed = next(f for f in check.fields if f.field == "killed")
    assert killed.verdict == "differs" and "SANA" in killed.detail
    # the syndicated copy repeats 01: it is no independent voice for 01's claims
    copy = _article(store, "04_aleppo_shelling_syndicated.txt")
    copy_claims = store.checks.claims(copy.id)
    assert all(levant.id not in json.dumps(c.as_dict()["fields"]) for c in copy_claims.values())


def test_verify_again_gives_the_same_verdicts(verified):
    store, _, _ = verified
    before = {
        r[0]: r[1:] for r in store.query("SELECT article_id, score, verdict FROM article_verdicts")
    }
    sitrep.verify(store)
    after = {
        r[0]: r[1:] for r in store.query("SELECT article_id, score, verdict FROM article_verdicts")
    }
    assert before == after


def test_cli_article_shows_verdict_reasons_and_claim_statuses(verified):
    store, _, url = verified
    stitched = _article(store, "20_stitched_contentfarm.txt")
    result = CliRunner().invoke(app, ["article", stitched.id, "--db", url])
    assert result.exit_code == 0, result.output
    assert "verdict: doubtful" in result.output
    assert "- spun or stitched copy (weight 4): a page stitched" in result.output
    assert "stitched" in result.output and "[contested]" in result.output
    data = json.loads(
        CliRunner().invoke(app, ["article", stitched.id, "--db", url, "--json"]).output
    )
    assert data["verdict"]["verdict"] == "doubtful" and data["claims"]
    missing = CliRunner().invoke(app, ["article", "nope", "--db", url])
    assert missing.exit_code == 1


def test_reference_check_on_the_samples_matches_differs_and_says_why(verified):
    """Rows we wrote in the UCDP GED layout: Aleppo on 13 March with 9 dead, Maiduguri with 12."""
    store, _, url = verified
    ged = Path(__file__).parent / "data" / "ged_samples_2024.csv"
    result = CliRunner().invoke(app, ["check", "--reference", str(ged), "--db", url])
    assert result.exit_code == 0, result.output
    checks = store.checks.references()

    def lead_check(name):
        art = _article(store, name)
        lead = min(
            (c for c in store.claims.iter(article_id=art.id) if c.event_type),
            key=lambda c: c.sentence.start,
        )
        return checks[lead.id]

    sohr = lead_check("01_aleppo_shelling_levantwire.txt")  # 14 killed, SOHR
    sana = lead_check("02_aleppo_shelling_cedarherald.txt")  # 8 killed, SANA
    assert sohr.verdict == "figures differ" and "910001" in sohr.reference_ids
    assert sana.verdict == "matched"
    assert lead_check("07_maiduguri_ied_saheldispatch.txt").verdict == "matched"
    assert lead_check("05_saraqeb_airstrike_crescent.txt").verdict == "no reference event"
    protest = lead_check("08_taiz_protest_desertpost.txt")
    assert protest.verdict == "not checkable" and protest.why
    # the reference feeds the article signals, and a later verify keeps the stored checks
    levant = store.checks.verdict(_article(store, "01_aleppo_shelling_levantwire.txt").id)
    assert levant.signals["reference_differs_share"] > 0
    sitrep.verify(store)
    assert store.checks.references() == checks
    bad = CliRunner().invoke(app, ["check", "--reference", str(Path(__file__)), "--db", url])
    assert bad.exit_code != 0
