"""Splits that mimic new data, on a small synthetic labelled set made here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sitrep.evaluate.fakes import calibration
from sitrep.evaluate.splits import evaluate_splits, split_indices
from sitrep.verify.signals import FEATURES

pytest.importorskip("sklearn")

OUTLETS = ("north-wire", "south-post", "east-daily", "west-herald", "river-news", "hill-times")


def _rows(n: int = 120, seed: int = 0) -> tuple[list[dict[str, str]], np.ndarray]:
    """Articles spread over six outlets and three years, labels balanced within each."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for i in range(n):
        year, month = 2014 + i % 3, 1 + (i * 7) % 12
        label = int(rng.random() < 0.5) if i > 1 else i  # both classes guaranteed
        rows.append(
            {
                "unit_id": str(i),
                "source": OUTLETS[i % len(OUTLETS)],
                "date": f"{month}/{1 + i % 28}/{year}",
                "labels": str(label),
                "article_title": f"report {i}",
                "article_content": "text",
            }
        )
        labels.append(label)
    return rows, np.asarray(labels)


def _signals(y: np.ndarray, strength: float, seed: int = 1) -> np.ndarray:
    """Signal vectors whose corroborated share tells the label with ``strength``."""
    rng = np.random.default_rng(seed)
    x = np.full((len(y), len(FEATURES)), math.nan)
    x[:, FEATURES.index("corroborated_share")] = strength * y + rng.random(len(y))
    return x


def _word_baseline(train: list[str], y: np.ndarray, test: list[str]) -> np.ndarray:
    return np.full(len(test), float(y.mean()))  # knows nothing: the class share


@pytest.mark.parametrize("kind", ["time", "outlet", "random"])
def test_grouped_splits_hold_whole_groups_out_and_differ_by_seed(kind: str) -> None:
    rows, y = _rows()
    tr, te = split_indices(rows, y, kind, seed=1)
    assert len(set(tr) | set(te)) == len(rows) and not set(tr) & set(te)
    assert 0.25 <= len(te) / len(rows) <= 0.6
    assert set(y[te]) == set(y[tr]) == {0, 1}
    if kind == "outlet":
        assert not {rows[i]["source"] for i in tr} & {rows[i]["source"] for i in te}
    if kind == "time":

        def quarter(i: int) -> tuple[str, int]:
            m, _, year = rows[i]["date"].split("/")
            return year, (int(m) - 1) // 3

        assert not {quarter(i) for i in tr} & {quarter(i) for i in te}
    other = split_indices(rows, y, kind, seed=2)[1]
    assert set(other) != set(te)


def test_future_split_tests_on_the_latest_articles() -> None:
    rows, y = _rows()
    tr, te = split_indices(rows, y, "future", seed=1)
    year = lambda i: int(rows[i]["date"].rsplit("/", 1)[1])  # noqa: E731
    assert max(year(i) for i in tr) <= min(year(i) for i in te)


def test_learned_score_gives_the_verdict_only_where_it_beats_the_evidence() -> None:
    rows, y = _rows()
    texts = [r["article_title"] for r in rows]
    useless_evidence = np.full(len(y), 0.5)
    strong = evaluate_splits(
        rows,
        _signals(y, 3.0),
        useless_evidence,
        y,
        texts,
        ["time", "outlet"],
        [1, 2],
        _word_baseline,
    )
    assert strong["verdict_from"] == "learned"
    assert strong["mean"]["outlet"]["learned"]["auc"] > 0.9
    assert len(strong["runs"]) == 4 and {r["split"] for r in strong["runs"]} == {"time", "outlet"}
    for run in strong["runs"]:
        assert set(run) >= {"learned", "evidence", "baseline", "n_test", "seed"}
        assert run["evidence"]["auc"] == 0.5 and run["baseline"]["auc"] == 0.5
    good_evidence = 0.25 + 0.5 * y
    weak = evaluate_splits(
        rows, _signals(y, 0.0), good_evidence, y, texts, ["outlet"], [1, 2, 3], _word_baseline
    )
    assert weak["verdict_from"] == "evidence" and "did not beat" in weak["why"]
    assert weak["mean"]["outlet"]["evidence"]["auc"] == 1.0


def test_calibration_says_what_share_of_each_verdict_is_labelled_fake() -> None:
    y = np.asarray([0, 0, 1, 1, 1, 0])
    verdicts = ["doubtful", "doubtful", "doubtful", "credible", "credible", "unverified"]
    table = calibration(verdicts, y, "made-up set")
    assert table["verdicts"]["doubtful"] == {"n": 3, "fake": 2, "share_fake": 0.667}
    assert table["verdicts"]["credible"]["share_fake"] == 0.0
    assert table["share_fake"] == 0.5 and table["dataset"] == "made-up set"
