"""Splits of a labelled article set that mimic new data, and the three verdicts scored on them.

Random k-fold cross-validation puts articles of one outlet and one week on both sides of a
fold: the test articles have near twins in training (the same event told twice, the same
house phrasing), and a model that learned those twins looks better than it will on new
articles. So the splits here keep whole groups out of training:

- ``time``: whole calendar quarters held out (the events of a period are all unseen);
- ``outlet``: whole outlets held out (an outlet's phrasing and its label share are unseen);
- ``future``: the latest articles held out, trained on the earlier ones (one split: the
  seed changes nothing);
- ``random``: articles held out one by one, stratified (what CV does, for comparison).

Groups are drawn in a random order per seed until the held-out part reaches ``TEST_SHARE`` of
the articles; a draw whose test or training part lacks a class is redrawn.

On each split the learned model and the TF-IDF baseline are fitted on the training part and,
with the evidence-only verdict (which fits nothing), scored on the test part. The learned
score may give the verdict (``verdict_from: "learned"``) only when its mean AUC beats the
evidence-only verdict's on every split kind evaluated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["SPLITS", "TEST_SHARE", "evaluate_splits", "split_indices"]

SPLITS = ("time", "outlet", "future", "random")
TEST_SHARE = 0.3
METHODS = ("learned", "evidence", "baseline")
_TRIES = 50


def _day(value: str) -> dt.date | None:
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _group(row: dict[str, str], kind: str) -> str:
    if kind == "outlet":
        return row.get("source", "").strip().lower() or "?"
    day = _day(row.get("date", ""))
    return f"{day.year}Q{(day.month - 1) // 3 + 1}" if day else "undated"


def split_indices(
    rows: Sequence[dict[str, str]],
    y: np.ndarray,
    kind: str,
    seed: int,
    test_share: float = TEST_SHARE,
) -> tuple[np.ndarray, np.ndarray]:
    """(train, test) row indexes of one split (module docstring); both parts hold both
    classes. ``rows`` need ``source`` and ``date`` (m/d/Y or ISO) for the grouped kinds."""
    n = len(rows)
    want = max(1, round(test_share * n))
    if kind == "future":
        order = sorted(range(n), key=lambda i: (_day(rows[i].get("date", "")) or dt.date.min, i))
        test = np.asarray(sorted(order[-want:]))
        return np.setdiff1d(np.arange(n), test), test
    rng = np.random.default_rng(seed)
    for _ in range(_TRIES):
        if kind == "random":
            test_list: list[int] = []
            for label in (0, 1):
                idx = np.flatnonzero(y == label)
                k = round(test_share * len(idx))
                test_list += rng.choice(idx, size=k, replace=False).tolist()
            test = np.asarray(sorted(test_list))
        else:
            groups: dict[str, list[int]] = {}
            for i, row in enumerate(rows):
                groups.setdefault(_group(row, kind), []).append(i)
            names = sorted(groups)
            rng.shuffle(names)
            chosen: list[int] = []
            for name in names:
                if len(chosen) >= want:
                    break
                chosen += groups[name]
            test = np.asarray(sorted(chosen))
        train = np.setdiff1d(np.arange(n), test)
        if len(set(y[test].tolist())) == 2 and len(set(y[train].tolist())) == 2:
            return train, test
    raise ValueError(f"no {kind} split with both classes on each side in {_TRIES} draws")


def metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """AUC, accuracy and macro F1 of scores ``p`` (0.5 the cut) against labels ``y``."""
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = (p >= 0.5).astype(int)
    return {
        "auc": round(float(roc_auc_score(y, p)), 4),
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
    }


def evaluate_splits(
    rows: Sequence[dict[str, str]],
    x: np.ndarray,
    evidence: np.ndarray,
    y: np.ndarray,
    texts: Sequence[str],
    kinds: Sequence[str],
    seeds: Sequence[int],
    baseline: Callable[[list[str], np.ndarray, list[str]], np.ndarray],
) -> dict[str, Any]:
    """Every split kind and seed: AUC, accuracy, macro F1 of the learned model (fitted on the
    signal vectors ``x``), the evidence-only score ``evidence`` and ``baseline`` (fitted on
    ``texts``); their means per kind; and whether the learned score earned the verdict."""
    from sitrep.verify.credibility import train as fit

    runs: list[dict[str, Any]] = []
    for kind in kinds:
        for seed in seeds if kind != "future" else seeds[:1]:
            tr, te = split_indices(rows, y, kind, seed)
            model = fit(x[tr], y[tr])
            scores = {
                "learned": np.asarray([model.score(v) for v in x[te]]),
                "evidence": evidence[te],
                "baseline": baseline([texts[i] for i in tr], y[tr], [texts[i] for i in te]),
            }
            runs.append(
                {
                    "split": kind,
                    "seed": seed if kind != "future" else None,
                    "n_train": len(tr),
                    "n_test": len(te),
                    "test_credible_share": round(float(y[te].mean()), 3),
                    **{m: metrics(y[te], s) for m, s in scores.items()},
                }
            )
    mean: dict[str, Any] = {}
    for kind in kinds:
        mine = [r for r in runs if r["split"] == kind]
        mean[kind] = {
            m: {
                k: round(float(np.mean([r[m][k] for r in mine])), 4)
                for k in ("auc", "accuracy", "macro_f1")
            }
            for m in METHODS
        }
        for m in METHODS:
            mean[kind][m]["auc_sd"] = round(float(np.std([r[m]["auc"] for r in mine])), 4)
    beats = {k: mean[k]["learned"]["auc"] > mean[k]["evidence"]["auc"] for k in kinds}
    learned = bool(kinds) and all(beats.values())
    why = (
        "the learned score beat the evidence-only verdict's mean AUC on every split"
        if learned
        else "the learned score did not beat the evidence-only verdict's mean AUC on "
        + ", ".join(k for k, ok in beats.items() if not ok)
        + " splits: the verdict shows the evidence"
    )
    return {
        "runs": runs,
        "mean": mean,
        "verdict_from": "learned" if learned else "evidence",
        "why": why,
    }
