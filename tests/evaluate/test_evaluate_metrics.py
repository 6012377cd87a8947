"""Our metric code agrees with scikit-learn's on random labels (it must not need sklearn)."""

from __future__ import annotations

import random

import pytest
from sklearn.metrics import f1_score

from sitrep.evaluate.case2021 import folds
from sitrep.evaluate.metrics import accuracy, binary_f1, macro_f1, weighted_f1


@pytest.mark.parametrize("seed", range(5))
def test_f1_matches_sklearn(seed):
    rng = random.Random(seed)
    labels = [f"L{i}" for i in range(7)]
    gold = [rng.choice(labels) for _ in range(200)]
    pred = [g if rng.random() < 0.6 else rng.choice([*labels, "EXTRA"]) for g in gold]
    assert weighted_f1(gold, pred) == pytest.approx(f1_score(gold, pred, average="weighted"))
    assert macro_f1(gold, pred) == pytest.approx(f1_score(gold, pred, average="macro"))
    assert accuracy(gold, pred) == pytest.approx(
        sum(g == p for g, p in zip(gold, pred, strict=True)) / 200
    )


def test_binary_f1():
    gold = [True, True, False, False, True]
    pred = [True, False, True, False, True]
    assert binary_f1(gold, pred) == pytest.approx(
        {"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3}
    )


def test_folds_are_a_stratified_partition():
    labels = ["a"] * 10 + ["b"] * 5 + ["c"] * 2
    parts = folds(labels, 5, seed=1)
    assert sorted(i for p in parts for i in p) == list(range(len(labels)))
    for p in parts:
        assert sum(labels[i] == "a" for i in p) == 2 and sum(labels[i] == "b" for i in p) == 1
    assert folds(labels, 5, seed=1) == parts  # deterministic
