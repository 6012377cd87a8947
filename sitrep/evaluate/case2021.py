"""CASE 2021 Task 2 (fine-grained event classification), scored like the shared task.

Three settings: 25 ACLED labels, +3 "unseen" (28), +2 late types (30). In each setting the
rows whose gold label is in the set are scored, the classifier chooses only among that set, and
the figure is weighted F1 (what the task overview reports).

Two modes: score the shipped model on a file (a held-out file it never saw), or cross-validate
on a file: each fold is predicted by a model trained on the other folds plus our own labelled
sentences (training/*.tsv), never on itself.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.errors import ModelError
from sitrep.evaluate.metrics import accuracy, macro_f1, weighted_f1
from sitrep.extract.classifier import (
    DEFAULT_C,
    DEFAULT_MIX,
    OWN_DATA,
    EventTypeModel,
    fit,
    label_set,
    read_labelled,
    read_labelled_many,
    shipped_model,
)

SETTINGS = (25, 28, 30)


def predictions(
    model: EventTypeModel, vectors: np.ndarray, texts: Sequence[str]
) -> dict[int, list[str]]:
    """The label the model picks for each row in each setting (choosing among that setting's
    labels only), exactly as extraction would (the TF-IDF gate included)."""
    return {
        n: [label for label, _ in model.predict_vectors(vectors, label_set(n), texts)]
        for n in SETTINGS
    }


def figures(gold: Sequence[str], predicted: dict[int, list[str]]) -> dict[str, Any]:
    """Weighted/macro F1 and accuracy per setting, on the rows whose gold label is in it."""
    out: dict[str, Any] = {}
    for n in SETTINGS:
        allowed = set(label_set(n))
        rows = [i for i, g in enumerate(gold) if g in allowed]
        g = [gold[i] for i in rows]
        p = [predicted[n][i] for i in rows]
        out.update(
            {
                f"weighted_f1_{n}": round(weighted_f1(g, p), 4),
                f"macro_f1_{n}": round(macro_f1(g, p), 4),
                f"accuracy_{n}": round(accuracy(g, p), 4),
                f"n_{n}": len(rows),
            }
        )
    return out


def evaluate_shipped(path: str | Path, model: EventTypeModel | None = None) -> dict[str, Any]:
    from sitrep.nlp import embed

    model = model or shipped_model()
    if model is None:
        raise ModelError(
            "no trained event-type model in this install: run `sitrep train event-types` first"
        )
    texts, gold = read_labelled(path)
    return {
        "mode": "shipped-model",
        "model": model.meta,
        **figures(gold, predictions(model, embed(texts), texts)),
    }


def folds(labels: Sequence[str], k: int, seed: int) -> list[list[int]]:
    """Stratified folds: each label's rows dealt round-robin after a seeded shuffle."""
    by_label: dict[str, list[int]] = {}
    for i, label in enumerate(labels):
        by_label.setdefault(label, []).append(i)
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(k)]
    offset = 0
    for label in sorted(by_label):
        rows = by_label[label]
        rng.shuffle(rows)
        for j, row in enumerate(rows):
            out[(j + offset) % k].append(row)
        offset += len(rows)
    return out


def cross_validate(
    path: str | Path,
    k: int = 5,
    seed: int = 13,
    own: Sequence[Path] = OWN_DATA,
    c: float = DEFAULT_C,
    mix: float = DEFAULT_MIX,
) -> dict[str, Any]:
    """k-fold CV on ``path``; our own sentences are added to every training fold."""
    from sitrep.nlp import embed

    texts, gold = read_labelled(path)
    own_texts, own_labels, _ = read_labelled_many(own)
    vectors = embed(texts)
    own_vectors = embed(own_texts)
    predicted: dict[int, list[str]] = {n: [""] * len(gold) for n in SETTINGS}
    for fold in folds(gold, k, seed):
        held = set(fold)
        train = [i for i in range(len(gold)) if i not in held]
        x = np.vstack([vectors[train], own_vectors]) if own_texts else vectors[train]
        y = [gold[i] for i in train] + own_labels
        model = fit(x, [texts[i] for i in train] + own_texts, y, c=c, mix=mix, seed=seed)
        for n, labels in predictions(model, vectors[fold], [texts[i] for i in fold]).items():
            for row, label in zip(fold, labels, strict=True):
                predicted[n][row] = label
    return {
        "mode": f"cross-validation-{k}",
        "own_sentences": len(own_texts),
        "n": len(gold),
        **figures(gold, predicted),
    }
