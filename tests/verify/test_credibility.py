"""The credibility model: learns signs from data, keeps hand-set priors, explains itself."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sitrep.model import Article
from sitrep.verify.credibility import load_model, train, verdict_of
from sitrep.verify.signals import FEATURES, article_signals, title_body

CONTESTED = FEATURES.index("contested_share")
STITCHED = FEATURES.index("copy_stitched")


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
    with pytest.raises(ValueError):
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
