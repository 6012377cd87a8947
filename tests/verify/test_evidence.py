"""Evidence-first verdicts: the rule, and the findings on small articles written here and on
the seed pages (read from ../shared/seeds when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sitrep
from sitrep.cli import app
from sitrep.model import to_dict
from sitrep.verify.evidence import AGAINST, FOR, NOTE, Finding, evidence_score, verdict

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_the_verdict_rule_provenance_first_then_the_heavier_side() -> None:
    matched = Finding("matched by the reference", FOR, 2, "1 claim matches row 1")
    contested = Finding("contradicted by independent reports", AGAINST, 1, "14 here, 8 there")
    farm = Finding("spun or stitched copy", AGAINST, 4, "from the page itself: swaps")
    note = Finding("sources disagree", NOTE, 0, "SOHR vs SANA")
    assert verdict([]) == verdict([note]) == "unverified"
    assert verdict([matched]) == "credible"
    assert verdict([matched, contested]) == "credible"  # 2 for, 1 against
    assert verdict([contested]) == "uncertain"  # one weak finding is a caution, not a verdict
    absent = Finding("absent from the reference", AGAINST, 1, "no row for the strike")
    assert verdict([contested, absent]) == "doubtful"
    assert verdict([Finding("corroborated by independent reports", FOR, 1, "x"), contested]) == (
        "uncertain"
    )
    assert verdict([farm, matched, matched]) == "doubtful"  # provenance decides alone
    assert evidence_score([]) == 0.5 and evidence_score([matched]) > 0.5 > evidence_score([farm])


# Our own reports of one made-up strike in Aleppo on Sunday 16 October 2016.
ARTICLES = [
    {
        "url": "https://north.example/1",
        "outlet": "north-wire",
        "published": "2016-10-17",
        "title": "Air strike kills 12 in Aleppo's Bab al-Nairab",
        "text": "ALEPPO, Oct 17 (North Wire) - An air strike on the Bab al-Nairab district of "
        "Aleppo killed 12 people on Sunday, the civil defence said.",
    },
    {
        "url": "https://south.example/2",
        "outlet": "south-post",
        "published": "2016-10-17",
        "title": "Twelve dead as jets hit Aleppo district",
        "text": "BEIRUT (South Post) - Warplanes struck Bab al-Nairab in Aleppo on Sunday, "
        "killing 12 people, medics told South Post.",
    },
    {
        "url": "https://east.example/3",
        "outlet": "east-daily",
        "published": "2016-10-17",
        "title": "Massacre in Aleppo",
        "text": "An air strike on Bab al-Nairab in Aleppo killed 45 people on Sunday.\n\n"
        "Massacre in Aleppo",
    },
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evidence")
    path = tmp / "reports.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    db = f"sqlite:///{tmp / 'e.db'}"
    s = sitrep.open_store(db)
    sitrep.run([str(path)], s, reference=DATA / "ged_aleppo_2016.csv")
    yield s, db
    s.close()


def _verdict(store, outlet: str) -> dict:
    art = next(a for a in store.articles.iter() if a.outlet == outlet)
    return to_dict(store.checks.verdict(art.id)) | {"id": art.id}


def _kinds(v: dict) -> dict[str, dict]:
    return {f["kind"]: f for f in v["findings"]}


def test_attributed_reports_that_agree_are_credible_with_checkable_reasons(store) -> None:
    s, _ = store
    for outlet in ("north-wire", "south-post"):
        v = _verdict(s, outlet)
        assert v["basis"] == "evidence" and v["verdict"] == "credible", v["findings"]
        found = _kinds(v)
        assert "contradicted by independent reports" not in found
        support = [f for f in v["findings"] if f["bearing"] == FOR]
        assert support and all(f["claims"] and f["reason"] for f in support)
        ref = found.get("matched by the reference")
        if ref:  # the reference rows are named so a reader can open them
            assert ref["sources"] and ref["sources"][0].startswith("9000")


def test_an_unattributed_outlier_toll_is_doubtful_and_says_why(store) -> None:
    s, _ = store
    v = _verdict(s, "east-daily")
    found = _kinds(v)
    assert v["verdict"] == "doubtful", v["findings"]
    assert "no attribution" in found
    assert "45" in found["contradicted by independent reports"]["reason"]
    assert found["contradicted by independent reports"]["sources"]  # the reports it rests on
    assert "title" in found and "repeated" in found["title"]["reason"]
    if "contradicted by the reference" in found:
        assert "45" in found["contradicted by the reference"]["reason"]


def test_cli_article_shows_findings_and_the_learned_score_only_as_an_aside(store) -> None:
    s, db = store
    v = _verdict(s, "east-daily")
    result = CliRunner().invoke(app, ["article", v["id"], "--db", db])
    assert result.exit_code == 0, result.output
    assert "verdict: doubtful (from the evidence below" in result.output
    assert "- no attribution (weight 1):" in result.output
    assert "not used for the verdict" in result.output
    # what "doubtful" meant on the labelled data the packaged model file was calibrated on
    assert "in practice: on dev.csv" in result.output and "labelled fake" in result.output


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed pages are not here")
def test_seed_pages_get_verdicts_with_reasons(tmp_path) -> None:
    s = sitrep.open_store(f"sqlite:///{tmp_path / 'seeds.db'}")
    pages = sorted(str(p) for p in SEEDS.glob("*.txt"))
    sitrep.run(pages, s, reference=DATA / "ged_aleppo_2016.csv")
    by_title = {a.title: to_dict(s.checks.verdict(a.id)) for a in s.articles.iter()}
    farm = next(v for t, v in by_title.items() if t and t.startswith("Rescue service"))
    assert farm["verdict"] == "doubtful"
    first = farm["findings"][0]
    assert first["kind"] == "spun or stitched copy" and "from the page itself" in first["reason"]
    assert "title" in _kinds(farm)
    report = next(v for t, v in by_title.items() if t and t.startswith("Regime forces"))
    assert report["verdict"] != "doubtful"
    assert report["findings"] and all(f["reason"] for f in report["findings"])
    s.close()
