"""Classification metrics written out, so scoring needs no training-time dependencies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence


def per_label_f1(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    out = {}
    for label in set(gold) | set(pred):
        denom = 2 * tp[label] + fp[label] + fn[label]
        out[label] = 2 * tp[label] / denom if denom else 0.0
    return out


def weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """F1 per gold label weighted by its support (scikit-learn's average="weighted")."""
    if not gold:
        return 0.0
    f1 = per_label_f1(gold, pred)
    support = Counter(gold)
    return sum(f1[label] * n for label, n in support.items()) / len(gold)


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the labels that occur in gold or predictions."""
    f1 = per_label_f1(gold, pred)
    return sum(f1.values()) / len(f1) if f1 else 0.0


def accuracy(gold: Sequence[object], pred: Sequence[object]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def binary_f1(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
