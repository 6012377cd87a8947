"""Event typing with a learned classifier over sentence embeddings.

Two multinomial logistic regressions over the 30 CASE 2021 labels (the 25 ACLED sub-event
types plus ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB), their probabilities
mixed: one on all-MiniLM-L6-v2 sentence vectors (meaning), one on TF-IDF word uni- and bigrams
(the trigger words: "grenade", "sarin", "claimed responsibility"). On CASE 2021 dev the mix adds
~3 points of weighted F1 over vectors alone. The shipped model is numpy arrays plus a
vocabulary: inference needs numpy and the embedding model; scikit-learn is needed to train.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import itertools
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from sitrep import vocab
from sitrep.errors import InputError

MODEL_FILE = "event_types.npz"
# When the TF-IDF half alone is at least this sure, the sentence vector is not computed: on
# CASE 2021 dev (5-fold CV) this skips ~44% of embeddings for -0.25 points of weighted F1.
GATE = 0.3
DEFAULT_MIX = 0.5  # share of the TF-IDF half; the shipped model and the evaluation both use it
DEFAULT_C = 4.0
OWN_DATA = sorted((Path(__file__).resolve().parents[2] / "training").glob("event_sentences*.tsv"))
ACLED_LABELS = 25  # the first 25 rows of vocab/case_labels.csv are the ACLED sub-event types
EXTRA_28 = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER")
EXTRA_30 = ("DIPLO", "ATTRIB")


@dataclass(frozen=True)
class CaseLabel:
    label: str
    case_type: str | None
    event_type: str | None
    sub_event_type: str | None


@functools.cache
def case_labels() -> tuple[CaseLabel, ...]:
    rows = vocab.read_csv("case_labels.csv")
    return tuple(
        CaseLabel(
            r["label"], r["case_type"] or None, r["event_type"] or None, r["sub_event_type"] or None
        )
        for r in rows
    )


def label_set(n: int) -> tuple[str, ...]:
    """The labels of the 25-, 28- or 30-class setting of CASE 2021 Task 2."""
    acled = tuple(c.label for c in case_labels()[:ACLED_LABELS])
    return {25: acled, 28: acled + EXTRA_28, 30: acled + EXTRA_28 + EXTRA_30}[n]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def terms(text: str) -> list[str]:
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


@dataclass
class TextFeatures:
    """TF-IDF (sublinear tf, L2-normalised) over a fixed vocabulary, reproduced in numpy."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            counts: dict[int, int] = {}
            for t in terms(text):
                j = self.vocabulary.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            for j, n in counts.items():
                out[row, j] = (1.0 + math.log(n)) * self.idf[j]
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    return probs / probs.sum(axis=1, keepdims=True)


def _best(
    labels: list[str], probs: np.ndarray, allowed: Sequence[str] | None
) -> list[tuple[str, float]]:
    if allowed is not None:
        keep = set(allowed)
        probs = np.where(np.array([lab in keep for lab in labels]), probs, -1.0)
    best = probs.argmax(axis=1)
    return [(labels[i], float(probs[r, i])) for r, i in enumerate(best)]


@dataclass
class EventTypeModel:
    labels: list[str]
    weights: np.ndarray  # (n_labels, embedding dim)
    bias: np.ndarray  # (n_labels,)
    meta: dict[str, Any] = field(default_factory=dict)
    text: TextFeatures | None = None
    text_weights: np.ndarray | None = None  # (n_labels, vocabulary size)
    text_bias: np.ndarray | None = None
    mix: float = 0.0  # share of the TF-IDF model in the mixed probabilities

    def probabilities(
        self, vectors: np.ndarray | None, texts: Sequence[str] | None = None
    ) -> np.ndarray:
        """Mixed class probabilities; with ``vectors=None`` the TF-IDF part alone (fast mode)."""
        if vectors is None:
            if self.text is None or texts is None:
                raise ValueError("this model has no TF-IDF part: sentence vectors are required")
            return _softmax(self.text.transform(texts) @ self.text_weights.T + self.text_bias)
        probs = _softmax(vectors @ self.weights.T + self.bias)
        if self.text is not None and self.mix and texts is not None:
            x = self.text.transform(texts)
            probs = (1 - self.mix) * probs + self.mix * _softmax(
                x @ self.text_weights.T + self.text_bias
            )
        return probs

    def gated(
        self,
        texts: Sequence[str],
        vectors: Callable[[list[int]], np.ndarray],
        agrees_with: Sequence[str | None] | None = None,
    ) -> np.ndarray:
        """Mixed probabilities, asking ``vectors(rows)`` only for the rows where the TF-IDF half
        is unsure (below GATE); the others keep the TF-IDF probabilities.

        ``agrees_with`` (extraction passes the rules' label per row) also settles a row whose
        TF-IDF top label is that label: two independent readings agree, and the sentence
        vector, the costliest step of extraction, would at most raise the confidence."""
        if self.text is None or not self.mix:
            return self.probabilities(vectors(list(range(len(texts)))), texts)
        probs = self.probabilities(None, texts)
        top = probs.argmax(axis=1)
        unsure = [
            i
            for i in range(len(texts))
            if probs[i, top[i]] < GATE
            and (agrees_with is None or agrees_with[i] != self.labels[top[i]])
        ]
        if unsure:
            probs[unsure] = self.probabilities(vectors(unsure), [texts[i] for i in unsure])
        return probs

    def predict_vectors(
        self,
        vectors: np.ndarray,
        allowed: Sequence[str] | None = None,
        texts: Sequence[str] | None = None,
    ) -> list[tuple[str, float]]:
        """(label, probability) per row; ``allowed`` restricts the choice (the 25/28/30 settings).

        With ``texts`` this is exactly what extraction does (the gate included)."""
        probs = (
            self.gated(texts, lambda rows: vectors[rows])
            if texts is not None
            else self.probabilities(vectors)
        )
        return _best(self.labels, probs, allowed)

    def predict(
        self, sentences: Sequence[str], allowed: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        from sitrep.nlp import embed

        return self.predict_vectors(embed(sentences), allowed, sentences)

    def save(self, path: str | Path) -> None:
        arrays: dict[str, Any] = {
            "labels": np.array(self.labels),
            "weights": self.weights.astype(np.float32),
            "bias": self.bias.astype(np.float32),
            "meta": np.array(json.dumps(self.meta)),
            "mix": np.array(self.mix),
        }
        if self.text is not None:
            vocab_terms = sorted(self.text.vocabulary, key=self.text.vocabulary.__getitem__)
            arrays.update(
                vocabulary=np.array(vocab_terms),
                idf=self.text.idf.astype(np.float32),
                text_weights=self.text_weights.astype(np.float16),
                text_bias=self.text_bias.astype(np.float32),
            )
        np.savez_compressed(path, **arrays)

    @classmethod
    def load(cls, path: str | Path | Any) -> EventTypeModel:
        with np.load(path, allow_pickle=False) as data:
            text = None
            if "vocabulary" in data:
                text = TextFeatures(
                    {str(t): i for i, t in enumerate(data["vocabulary"])}, data["idf"]
                )
            return cls(
                labels=[str(x) for x in data["labels"]],
                weights=data["weights"],
                bias=data["bias"],
                meta=json.loads(str(data["meta"])),
                text=text,
                text_weights=data["text_weights"].astype(np.float32) if text else None,
                text_bias=data["text_bias"] if text else None,
                mix=float(data["mix"]),
            )


@functools.cache
def shipped_model() -> EventTypeModel | None:
    """The model that ships inside the package, or None when it has not been trained yet."""
    ref = resources.files("sitrep.models").joinpath(MODEL_FILE)
    if not ref.is_file():
        return None
    with ref.open("rb") as f:
        return EventTypeModel.load(f)


def read_labelled(path: str | Path) -> tuple[list[str], list[str]]:
    """(texts, labels) from a TSV with ``text`` and ``label`` columns (CASE dev or ours)."""
    texts, labels = [], []
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            text, label = (row.get("text") or "").strip(), (row.get("label") or "").strip()
            if text and label:
                texts.append(text)
                labels.append(label)
    if not texts:
        raise InputError(
            str(path),
            "no labelled sentences: expected a tab-separated file with "
            "'text' and 'label' columns (CASE 2021 Task 2 layout)",
        )
    return texts, labels


def read_labelled_many(
    paths: Sequence[str | Path],
) -> tuple[list[str], list[str], list[dict[str, Any]]]:
    """(texts, labels, [{file, rows}]) over several labelled TSVs, in order."""
    texts: list[str] = []
    labels: list[str] = []
    sources: list[dict[str, Any]] = []
    for path in paths:
        t, lab = read_labelled(path)
        texts += t
        labels += lab
        sources.append({"file": Path(path).name, "rows": len(t)})
    return texts, labels, sources


def fit(
    vectors: np.ndarray,
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    c: float = DEFAULT_C,
    text_c: float = 20.0,
    mix: float = DEFAULT_MIX,
    seed: int = 0,
    meta: dict[str, Any] | None = None,
) -> EventTypeModel:
    """Train both parts (scikit-learn is a training-time dependency only)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, max_iter=3000, random_state=seed, class_weight="balanced")
    clf.fit(vectors, list(labels))
    labels_out = [str(x) for x in clf.classes_]
    info = {
        "trained": dt.date.today().isoformat(),
        "c": c,
        "text_c": text_c,
        "mix": mix,
        "n": len(labels),
        **(meta or {}),
    }
    model = EventTypeModel(
        labels_out, clf.coef_.astype(np.float32), clf.intercept_.astype(np.float32), info
    )
    if mix:
        tfidf = TfidfVectorizer(analyzer=terms, sublinear_tf=True, min_df=1)
        x = tfidf.fit_transform(list(texts))
        text_clf = LogisticRegression(
            C=text_c, max_iter=3000, random_state=seed, class_weight="balanced"
        )
        text_clf.fit(x, list(labels))
        assert [str(v) for v in text_clf.classes_] == labels_out
        model.text = TextFeatures(
            {k: int(v) for k, v in tfidf.vocabulary_.items()}, tfidf.idf_.astype(np.float32)
        )
        model.text_weights = text_clf.coef_.astype(np.float32)
        model.text_bias = text_clf.intercept_.astype(np.float32)
        model.mix = mix
    return model
