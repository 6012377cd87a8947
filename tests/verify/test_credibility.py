"""The credibility model: learns signs from data, keeps hand-set priors, explains itself."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest

from sitrep.errors import SitrepError
from sitrep.fuse.features import ArticleInfo
from sitrep.model import Actor, Article, Casualties, Claim, Figure, Place, Span, When
from sitrep.verify.consistency import check_event
from sitrep.verify.credibility import load_model, train, verdict_of
from sitrep.verify.signals import FEATURES, article_signals, title_body

CONTESTED = FEATURES.index("contested_share")
STITCHED = FEATURES.index("copy_stitched")
PERPETRATOR = FEATURES.index("perpetrator_differs_share")
ALEPPO = Place("Aleppo", name="Aleppo", lat=36.2, lon=37.16, country="SYR", precision=1)


def _data(n=200, seed=1):
    rng = np.random.default_rng(seed)
    x = np.full((n, len(FEATURES)), np.nan)
    x[:, CONTESTED] = rng.random(n)
    x[:, FEATURES.index("attributed_share")] = rng.random(n)
    x[:, STITCHED] = 0.0
    y = (x[:, CONTESTED] + 0.2 * rng.standard_normal(n) < 0.5).astype(int)
    return x, y


def test_training_learns_that_contested_articles_are_less_credible():
    x, y = _data()
    model = train(x, y, signals=("contested_share", "attributed_share"), l2=1.0)
    assert model.weights[CONTESTED] < -0.5
    assert train(x, y).weights[CONTESTED] == 0  # not among the signals learned by default
    low = [math.nan] * len(FEATURES)
    high = list(low)
    low[CONTESTED], high[CONTESTED] = 0.05, 0.95
    assert model.score(low) > 0.6 > 0.4 > model.score(high)
    assert model.contributions(high)[0][0] == "contested_share"


def test_unsupported_provenance_signal_keeps_its_prior_and_missing_signals_are_neutral():
    x, y = _data()
    model = train(x, y)
    assert model.priors["copy_stitched"] < 0  # never seen stitched pages: hand-set weight
    base = [math.nan] * len(FEATURES)
    stitched = list(base)
    stitched[STITCHED] = 1.0
    assert model.score(stitched) < model.score(base)
    assert model.score(base) == pytest.approx(1 / (1 + math.exp(-model.bias)))


def test_training_rejects_one_class_and_packaged_model_loads():
    x, _ = _data(20)
    with pytest.raises(SitrepError, match="both credible and non-credible"):
        train(x, [1] * 20)
    model = load_model()
    assert model.features == list(FEATURES)
    assert verdict_of(0.1) == "doubtful" and verdict_of(0.9) == "credible"


def test_title_repeated_or_unrelated_is_seen():
    body = "Farm headline here\n\nShelling killed 14 in Aleppo."
    assert title_body("Farm headline here", body) == (True, 1.0)
    repeated, missing = title_body(
        "Shelling kills 14 in Aleppo", "ALEPPO - Shelling in Aleppo killed 14 people."
    )
    assert not repeated and missing < 0.5


def test_signals_of_an_article_without_claims_leave_the_shares_missing():
    art = Article(id="a", text="Nothing happened.", title="Talks", copy_status="spun")
    s = article_signals(art, [], {})
    assert s.values["copy_spun"] == 1.0
    assert math.isnan(s.vector()[CONTESTED])
    assert "spun" in s.notes["copy_spun"]


def _told(cid, article, actor, killed=14):
    return Claim(
        id=cid,
        article_id=article,
        sentence=Span(0, 10, f"{cid} sentence"),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        place=ALEPPO,
        when=When("on Wednesday", dt.date(2016, 10, 12), None, "day"),
        actor1=actor,
        casualties=Casualties(killed=Figure(killed, killed, killed, str(killed))),
    )


def test_perpetrator_disagreement_is_a_signal_and_agreeing_reports_leave_it_at_zero():
    """Two of three outlets say the regime struck; the third blames Russian jets."""
    syr = Actor("Syrian army", name="Military Forces of Syria", country="SYR", sector="MIL")
    rus = Actor("Russian jets", name="Military Forces of Russia", country="RUS", sector="MIL")
    claims = [_told("a", "A", syr), _told("b", "B", syr), _told("c", "C", rus)]
    infos = {i: ArticleInfo(i, f"outlet-{i}") for i in "ABC"}
    checks = {r.claim_id: r for r in check_event("ev", claims, infos)}
    arts = {i: Article(id=i, text="An air strike hit Aleppo.", title="Strike") for i in "ABC"}
    blamer = article_signals(arts["C"], [claims[2]], checks)
    assert blamer.values["perpetrator_differs_share"] == 1.0
    assert "blame someone else in 1 of 1" in blamer.notes["perpetrator_differs_share"]
    agreeing = article_signals(arts["A"], [claims[0]], checks)
    assert agreeing.values["perpetrator_differs_share"] == 0.0  # B agrees, so A is not alone
    # an unnamed perpetrator is not compared: the signal does not apply, it is not zero
    unnamed = _told("d", "D", None)
    alone = {r.claim_id: r for r in check_event("ev", [unnamed, claims[0]], infos)}
    assert math.isnan(article_signals(arts["A"], [unnamed], alone).vector()[PERPETRATOR])


def test_balanced_fit_puts_the_line_between_the_classes_when_signals_are_weak():
    """Four credible articles in five and a weak signal: unweighted, every article comes out
    credible; weighted, the doubtful ones with a high contested share fall below 0.5."""
    rng = np.random.default_rng(3)
    n = 200
    x = np.full((n, len(FEATURES)), np.nan)
    y = (rng.random(n) < 0.8).astype(int)
    x[:, CONTESTED] = rng.random(n) * 0.5 + 0.15 * (1 - y)
    signals = ("contested_share",)
    plain = train(x, y, signals=signals, balanced=False)
    fair = train(x, y, signals=signals)
    plain_scores = np.array([plain.score(v) for v in x])
    fair_scores = np.array([fair.score(v) for v in x])
    assert (plain_scores >= 0.5).all()
    assert 0.3 < (fair_scores < 0.5).mean() < 0.7
    assert fair.weights[CONTESTED] < 0 and plain.weights[CONTESTED] < 0
