"""Article credibility on FA-KES, next to a text-only baseline.

FA-KES labels an article fake when the facts crowd workers extracted from it (date, place,
casualties, actors) contradict the VDC casualty record. sitrep's signals are computed the way a
user would get them: every article of the files (training and scored ones together, labels
unseen) goes through ingest, extract, fuse and verify in one throwaway store, so corroboration
comes from the other articles of the corpus. Then:

- without ``train``: stratified k-fold cross-validation on ``path`` of the credibility model
  over the signals, and of the baseline, on the same folds;
- with ``train``: both fitted on ``train``, scored on ``path``;
- with ``split`` (``sitrep.evaluate.splits``): splits of ``path`` that mimic new data, by
  time or by outlet, one per seed; the learned model and the baseline are fitted on each
  training part and all three are scored on its test part.

Next to them the evidence-only verdict (``verify.evidence``), which fits nothing: its score
ranks the articles for the AUC and a score of 0.5 or more counts as "credible" for accuracy
and F1. Random k-fold CV flatters a learned model here: articles of one outlet and one week
share words and events, so a fold's test articles have near twins in its training part; the
FA-KES held-out part (AUC 0.51 where CV on dev said 0.61) showed it. The splits keep whole
outlets or whole quarters out of training.

The baseline is TF-IDF over title and body with logistic regression (scikit-learn, from the
``train`` extra). Each article's publication date is the dataset's ``date`` column (a user's
articles come with one), so the date check below is easier than the place check: it says how
often the lead claim's resolved date equals the dataset's date.
"""

from __future__ import annotations

import csv
import math
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.errors import SitrepError
from sitrep.evaluate.pipeline import throwaway_run
from sitrep.ingest.normalise import date_in_formats

__all__ = ["calibration", "fakes", "read_fakes", "reference_coverage"]

COLUMNS = ("unit_id", "article_title", "article_content", "source", "date", "location", "labels")


def read_fakes(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SitrepError(
                f"{path}: not the FA-KES layout; missing columns {missing} "
                f"(expected {list(COLUMNS)}, found {reader.fieldnames})"
            )
        return [row for row in reader if row["labels"].strip() in ("0", "1")]


def _date(value: str) -> str | None:
    day = date_in_formats(value.strip(), ("%m/%d/%Y", "%Y-%m-%d"))
    return day.isoformat() if day else None


def _pipeline(rows: list[dict[str, str]], mode: str, reference: str | None) -> tuple[Any, dict]:
    def url(row: dict[str, str]) -> str:
        return f"https://fakes.example/{row['source']}/{row['unit_id']}"

    records = (
        {
            "url": url(row),
            "outlet": row["source"],
            "title": row["article_title"],
            "published": _date(row["date"]),
            "text": row["article_content"],
        }
        for row in rows
    )
    store = throwaway_run(records, mode, verify=True, reference=reference)
    by_url = {a.url: a.id for a in store.articles.iter()}
    return store, {row["unit_id"]: by_url.get(url(row)) for row in rows}


def _signal_aucs(x: np.ndarray, y: np.ndarray, names: list[str]) -> dict[str, Any]:
    """Each signal's AUC alone, on the articles it applies to: which signals carry anything.

    Reported to read, not to pick signals by: with a few hundred articles an AUC of 0.55 on
    one signal is within noise (its standard error is about 0.03), and picking the best of
    many is how a model ends up below chance on new data.
    """
    from sklearn.metrics import roc_auc_score

    out: dict[str, Any] = {}
    for j, name in enumerate(names):
        known = ~np.isnan(x[:, j])
        if known.sum() < 10 or len(set(y[known])) < 2 or len(set(x[known, j])) < 2:
            continue
        auc = roc_auc_score(y[known], x[known, j])
        out[name] = {"auc": round(float(auc), 3), "n": int(known.sum())}
    return out


def _baseline(train_texts: list[str], y: np.ndarray, test_texts: list[str]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(sublinear_tf=True, min_df=2, ngram_range=(1, 2))
    x = vec.fit_transform(train_texts)
    clf = LogisticRegression(max_iter=2000, C=1.0)
    clf.fit(x, y)
    return clf.predict_proba(vec.transform(test_texts))[:, 1]


def _text(row: dict[str, str]) -> str:
    return f"{row['article_title']}\n\n{row['article_content']}"


def _lead_checks(store: Any, rows: list[dict[str, str]], ids: dict) -> dict[str, Any]:
    """How often the lead claim's place and date match the dataset's location and date."""
    from sitrep.evaluate.geo import _same_place
    from sitrep.geo import load_gazetteer

    gaz = load_gazetteer()
    place_hits = date_hits = dated = placed = 0
    for row in rows:
        aid = ids.get(row["unit_id"])
        claims = sorted(
            (c for c in store.claims.iter(article_id=aid) if c.event_type) if aid else [],
            key=lambda c: c.sentence.start,
        )
        place = next((c.place for c in claims if c.place and c.place.lat is not None), None)
        when = next((c.when for c in claims if c.when and c.when.start), None)
        if place is not None:
            placed += 1
            place_hits += _same_place(row["location"], place, gaz)
        if when is not None:
            dated += 1
            date_hits += when.start.isoformat() == _date(row["date"])
    n = len(rows)
    return {
        "main_place_share": round(place_hits / n, 4) if n else None,
        "articles_with_place": placed,
        "main_date_share": round(date_hits / n, 4) if n else None,
        "articles_with_date": dated,
    }


def _vectors(
    store: Any, rows: list[dict[str, str]], ids: dict
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(signal vectors, evidence scores, evidence verdicts) of ``rows`` from the store."""
    from sitrep.verify.signals import FEATURES

    x, e, v = [], [], []
    for row in rows:
        aid = ids.get(row["unit_id"])
        verdict = store.checks.verdict(aid) if aid else None
        signals = verdict.signals if verdict else {}
        x.append([signals.get(name, math.nan) for name in FEATURES])
        e.append(verdict.evidence_score if verdict else 0.5)
        v.append(verdict.evidence_verdict if verdict else "unverified")
    return np.asarray(x, dtype=float), np.asarray(e, dtype=float), v


def calibration(verdicts: list[str], y: np.ndarray, dataset: str) -> dict[str, Any]:
    """What each verdict meant on labelled data: verdict -> n, fake, share_fake."""
    table: dict[str, Any] = {}
    for name in sorted(set(verdicts)):
        mask = np.asarray([v == name for v in verdicts])
        n = int(mask.sum())
        fake = int((y[mask] == 0).sum())
        table[name] = {"n": n, "fake": fake, "share_fake": round(fake / n, 3) if n else None}
    n = len(y)
    return {
        "dataset": dataset,
        "n": n,
        "share_fake": round(float((y == 0).mean()), 3) if n else None,
        "verdicts": table,
    }


def reference_coverage(store: Any, ids: dict) -> dict[str, Any] | None:
    """Of the typed claims of these articles: how many the reference could check, and what
    it said (matched, figures differ, no reference event; not checkable by why)."""
    articles = {aid for aid in ids.values() if aid}
    checks = [r for r in store.checks.references().values() if r.article_id in articles]
    if not checks:
        return None
    verdicts = Counter(r.verdict for r in checks)
    checkable = len(checks) - verdicts["not checkable"]
    n = len(checks)
    return {
        "claims": n,
        "checkable": checkable,
        "checkable_share": round(checkable / n, 3),
        "matched": verdicts["matched"],
        "figures_differ": verdicts["figures differ"],
        "no_reference_event": verdicts["no reference event"],
        "matched_share_of_checkable": round(verdicts["matched"] / checkable, 3)
        if checkable
        else None,
        "contradicted_share_of_checkable": (
            round(verdicts["figures differ"] / checkable, 3) if checkable else None
        ),
        "not_checkable": dict(
            Counter(r.why or "?" for r in checks if r.verdict == "not checkable").most_common()
        ),
    }


def fakes(
    path: str | Path,
    *,
    train: str | Path | None = None,
    folds: int = 5,
    seed: int = 0,
    mode: str = "full",
    reference: str | None = None,
    limit: int | None = None,
    save_model: str | Path | None = None,
    split: str | None = None,
    seeds: Sequence[int] = (1, 2, 3),
) -> dict[str, Any]:
    """Score sitrep's learned credibility model, the evidence-only verdict and the text-only
    baseline on FA-KES (or any file in its layout).

    ``split`` ("time", "outlet", "future" or "random"; several joined by commas) evaluates on
    splits of ``path`` that mimic new data, one per seed, and decides whether the learned
    score may give the verdict: only where its mean AUC beats the evidence-only verdict's on
    every split kind. ``save_model`` writes the model with that decision, the split figures
    and the calibration of the verdict shown.

    Example:
        >>> fakes("../shared/data/fakes/dev.csv", split="time,outlet")["splits"]  # doctest: +SKIP
    """
    from sitrep.evaluate.splits import SPLITS, evaluate_splits, metrics
    from sitrep.verify.credibility import train as fit
    from sitrep.verify.signals import FEATURES

    try:
        from sklearn.model_selection import StratifiedKFold
    except ImportError as exc:  # pragma: no cover - the dev/train extra has it
        raise SitrepError("evaluate fakes needs scikit-learn: pip install 'sitrep[train]'") from exc
    kinds = [k.strip() for k in split.split(",") if k.strip()] if split else []
    unknown = [k for k in kinds if k not in SPLITS]
    if unknown:
        raise SitrepError(f"unknown split {unknown}: choose from {', '.join(SPLITS)}")
    if kinds and train:
        raise SitrepError("--split evaluates on splits of FILE; it does not take --train")
    started = time.perf_counter()
    test_rows = read_fakes(path)[:limit]
    train_rows = read_fakes(train)[:limit] if train else []
    store, ids = _pipeline(test_rows + train_rows, mode, reference)
    x, e, ev = _vectors(store, test_rows, ids)
    y = np.asarray([int(r["labels"]) for r in test_rows])
    texts = [_text(r) for r in test_rows]
    if train:
        xt, _, _ = _vectors(store, train_rows, ids)
        yt = np.asarray([int(r["labels"]) for r in train_rows])
        model = fit(xt, yt, name=str(Path(train).name))
        p = np.asarray([model.score(v) for v in x])
        b = _baseline([_text(r) for r in train_rows], yt, texts)
        setting: dict[str, Any] = {"train": str(Path(train).name), "n_train": len(train_rows)}
    else:
        p, b = np.zeros(len(y)), np.zeros(len(y))
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            model = fit(x[tr], y[tr])
            p[te] = [model.score(v) for v in x[te]]
            b[te] = _baseline([texts[i] for i in tr], y[tr], [texts[i] for i in te])
        model = fit(x, y, name=str(Path(path).name))
        setting = {"cv_folds": folds, "seed": seed}
    result: dict[str, Any] = {
        **metrics(y, p),
        **{f"baseline_{k}": v for k, v in metrics(y, b).items()},
        **{f"evidence_{k}": v for k, v in metrics(y, e).items()},
    }
    splits = None
    if kinds:
        splits = evaluate_splits(test_rows, x, e, y, texts, kinds, seeds, _baseline)
        model.verdict_from = splits["verdict_from"]
        model.evaluation = {
            "data": Path(path).name,
            **{k: splits[k] for k in ("mean", "verdict_from", "why")},
        }
    name = f"{Path(path).name} ({len(y)} articles)"
    model.calibration = calibration(ev, y, name)
    if save_model:
        model.save(save_model)
    weights = {
        name: round(w, 3) for name, w in zip(model.features, model.weights, strict=True) if w
    }
    return {
        **result,
        "n": len(y),
        "credible": int(y.sum()),
        **setting,
        "mode": mode,
        "reference": Path(reference).name if reference else None,
        "splits": splits,
        "calibration": model.calibration,
        "reference_coverage": reference_coverage(
            store, {r["unit_id"]: ids.get(r["unit_id"]) for r in test_rows}
        ),
        "weights": weights,
        "priors": model.priors,
        "signal_auc": _signal_aucs(x, y, list(FEATURES)),
        **_lead_checks(store, test_rows, ids),
        "seconds": round(time.perf_counter() - started, 1),
    }
