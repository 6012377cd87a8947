"""Article credibility on FA-KES, next to a text-only baseline.

FA-KES labels an article fake when the facts crowd workers extracted from it (date, place,
casualties, actors) contradict the VDC casualty record. sitrep's signals are computed the way a
user would get them: every article of the files (training and scored ones together, labels
unseen) goes through ingest, extract, fuse and verify in one throwaway store, so corroboration
comes from the other articles of the corpus. Then:

- without ``train``: stratified k-fold cross-validation on ``path`` of the credibility model
  over the signals, and of the baseline, on the same folds;
- with ``train``: both fitted on ``train``, scored on ``path``.

The baseline is TF-IDF over title and body with logistic regression (scikit-learn, from the
``train`` extra). Each article's publication date is the dataset's ``date`` column (a user's
articles come with one), so the date check below is easier than the place check: it says how
often the lead claim's resolved date equals the dataset's date.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import shutil
import tempfile
import time
import weakref
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.errors import SitrepError

__all__ = ["fakes", "read_fakes"]

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
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _pipeline(rows: list[dict[str, str]], mode: str, reference: str | None) -> tuple[Any, dict]:
    import sitrep

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-fakes-"))
    path = tmp / "fakes.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            record = {
                "url": f"https://fakes.example/{row['source']}/{row['unit_id']}",
                "outlet": row["source"], "title": row["article_title"],
                "published": _date(row["date"]), "text": row["article_content"],
            }  # fmt: skip
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    store = sitrep.open_store(f"sqlite:///{tmp / 'fakes.db'}")
    weakref.finalize(store, shutil.rmtree, tmp, ignore_errors=True)  # throwaway: no leftovers
    sitrep.ingest([str(path)], store)
    sitrep.extract(store, mode=mode)
    sitrep.fuse(store)
    sitrep.verify(store, reference=reference)
    by_url = {a.url: a.id for a in store.iter_articles()}
    ids = {
        row["unit_id"]: by_url.get(f"https://fakes.example/{row['source']}/{row['unit_id']}")
        for row in rows
    }
    return store, ids


def _metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    pred = (p >= 0.5).astype(int)
    return {
        "auc": round(float(roc_auc_score(y, p)), 4),
        "accuracy": round(float(accuracy_score(y, pred)), 4),
        "macro_f1": round(float(f1_score(y, pred, average="macro")), 4),
    }


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
            (c for c in store.iter_claims(article_id=aid) if c.event_type) if aid else [],
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
) -> dict[str, Any]:
    """Score sitrep's credibility model and the text-only baseline on FA-KES.

    Example:
        >>> fakes("../shared/data/fakes/dev.csv")["auc"]  # doctest: +SKIP
    """
    from sitrep.verify.credibility import train as fit
    from sitrep.verify.signals import FEATURES

    try:
        from sklearn.model_selection import StratifiedKFold
    except ImportError as exc:  # pragma: no cover - the dev/train extra has it
        raise SitrepError("evaluate fakes needs scikit-learn: pip install 'sitrep[train]'") from exc
    started = time.perf_counter()
    test_rows = read_fakes(path)[:limit]
    train_rows = read_fakes(train)[:limit] if train else []
    store, ids = _pipeline(test_rows + train_rows, mode, reference)

    def vectors(rows: list[dict[str, str]]) -> np.ndarray:
        out = []
        for row in rows:
            verdict = (
                store.article_verdict(ids[row["unit_id"]]) if ids.get(row["unit_id"]) else None
            )
            signals = verdict["signals"] if verdict else {}
            out.append([signals.get(name, math.nan) for name in FEATURES])
        return np.asarray(out, dtype=float)

    x = vectors(test_rows)
    y = np.asarray([int(r["labels"]) for r in test_rows])
    texts = [_text(r) for r in test_rows]
    if train:
        xt = vectors(train_rows)
        yt = np.asarray([int(r["labels"]) for r in train_rows])
        model = fit(xt, yt, name=str(Path(train).name))
        p = np.asarray([model.score(v) for v in x])
        b = _baseline([_text(r) for r in train_rows], yt, texts)
        setting = {"train": str(Path(train).name), "n_train": len(train_rows)}
    else:
        p, b = np.zeros(len(y)), np.zeros(len(y))
        for tr, te in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            model = fit(x[tr], y[tr])
            p[te] = [model.score(v) for v in x[te]]
            b[te] = _baseline([texts[i] for i in tr], y[tr], [texts[i] for i in te])
        model = fit(x, y, name=str(Path(path).name))
        setting = {"cv_folds": folds, "seed": seed}
    if save_model:
        model.save(save_model)
    ours, base = _metrics(y, p), _metrics(y, b)
    weights = {
        name: round(w, 3) for name, w in zip(model.features, model.weights, strict=True) if w
    }
    return {
        **ours,
        **{f"baseline_{k}": v for k, v in base.items()},
        "n": len(y), "credible": int(y.sum()), **setting, "mode": mode,
        "reference": Path(reference).name if reference else None,
        "weights": weights, "priors": model.priors,
        "signal_auc": _signal_aucs(x, y, list(FEATURES)),
        **_lead_checks(store, test_rows, ids),
        "seconds": round(time.perf_counter() - started, 1),
    }  # fmt: skip
