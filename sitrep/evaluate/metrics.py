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


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (Bagga & Baldwin 1998).

    Items missing from ``pred`` count as singletons; only items in ``gold`` are scored. Per
    item: precision = share of its predicted cluster that shares its gold cluster, recall =
    share of its gold cluster that shares its predicted cluster; averaged over items.
    """
    items = sorted(gold)
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "n": 0}
    pred = {i: pred.get(i, f"_single:{i}") for i in items}
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in items:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return {
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "n": len(items),
    }


def pairwise_f1(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """Precision/recall/F1 over item pairs put in one cluster (singletons for missing items)."""
    items = sorted(gold)
    pred = {i: pred.get(i, f"_single:{i}") for i in items}

    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for i in items:
            groups.setdefault(labels[i], []).append(i)
        return {(a, b) for g in groups.values() for k, a in enumerate(g) for b in g[k + 1 :]}

    g, q = pairs(gold), pairs(pred)
    tp = len(g & q)
    precision = tp / len(q) if q else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}
