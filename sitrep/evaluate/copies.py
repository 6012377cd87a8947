"""Score copy analysis (``sitrep.fuse.copies``) on synthetic sets with known truth.

Figures (the keys of the JSON): ``accuracy`` of the copy type over every article, ``confusion``
(truth -> predicted -> count), for each copy type ``precision`` / ``recall`` of detecting it,
``sources_recall`` / ``sources_precision`` (for articles truly copied: the true sources found /
the predicted sources that are true), ``independent_false_positive`` (independent reports of a
covered incident called copies), and ``articles_per_second``.

The detector's thresholds were tuned on seed 0 only; report seeds it never saw::

    python -m sitrep.evaluate.copies --seeds 1 2 3 4 5
    python -m sitrep.evaluate.copies --data DIR   # DIR from python -m sitrep.evaluate.synthetic
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import accuracy
from sitrep.fuse.copies import CopyVerdict, analyse

__all__ = ["STATUSES", "evaluate_set", "main", "score"]

STATUSES = ("original", "syndicated", "spun", "stitched")


def score(
    truth: Mapping[str, Mapping[str, Any]], verdicts: Mapping[str, CopyVerdict]
) -> dict[str, Any]:
    """Figures for predicted ``verdicts`` against ``truth`` (id -> copy_status, sources, kind)."""
    ids = sorted(truth)
    gold = [str(truth[i]["copy_status"]) for i in ids]
    pred = [verdicts[i].status if i in verdicts else "original" for i in ids]
    confusion = {g: {p: 0 for p in STATUSES} for g in STATUSES}
    for g, p in zip(gold, pred, strict=True):
        confusion[g][p] += 1
    out: dict[str, Any] = {"n": len(ids), "accuracy": round(accuracy(gold, pred), 4)}
    for label in STATUSES[1:]:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        n_pred, n_gold = pred.count(label), gold.count(label)
        out[label] = {
            "precision": round(tp / n_pred, 4) if n_pred else None,
            "recall": round(tp / n_gold, 4) if n_gold else None,
            "support": n_gold,
        }
    copied = [i for i in ids if truth[i]["copy_status"] != "original"]
    found = true_total = pred_total = pred_true = 0
    for i in copied:
        want = set(truth[i].get("sources") or [])
        got = set(verdicts[i].sources) if i in verdicts else set()
        found += len(want & got)
        true_total += len(want)
        pred_true += len(want & got)
        pred_total += len(got)
    out["sources_recall"] = round(found / true_total, 4) if true_total else None
    out["sources_precision"] = round(pred_true / pred_total, 4) if pred_total else None
    independent = [i for i in ids if truth[i].get("kind") == "independent"]
    out["independent_false_positive"] = sum(
        1 for i in independent if i in verdicts and verdicts[i].status != "original"
    )
    out["independent_n"] = len(independent)
    out["confusion"] = confusion
    return out


def evaluate_set(
    triples: Sequence[tuple[str, Any, str]], truth: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """Run ``analyse`` on the triples (arrival order as given) and score it."""
    started = time.perf_counter()
    verdicts = analyse(triples)
    seconds = time.perf_counter() - started
    out = score(truth, verdicts)
    out["articles_per_second"] = round(len(triples) / seconds, 1) if seconds else None
    return out


def _load(folder: Path) -> tuple[list[tuple[str, Any, str]], dict[str, Any]]:
    rows = [
        json.loads(line)
        for line in (folder / "articles.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    truth = json.loads((folder / "truth.json").read_text("utf-8"))
    return [(r["id"], r.get("published"), r["text"]) for r in rows], truth


def _pooled(per_seed: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Figures over all seeds together (from the summed confusion matrices)."""
    confusion = {g: dict.fromkeys(STATUSES, 0) for g in STATUSES}
    for r in per_seed:
        for g in STATUSES:
            for p in STATUSES:
                confusion[g][p] += r["confusion"][g][p]
    total = sum(sum(row.values()) for row in confusion.values())
    out: dict[str, Any] = {
        "n": total,
        "accuracy": round(sum(confusion[s][s] for s in STATUSES) / total, 4) if total else None,
    }
    for label in STATUSES[1:]:
        n_pred = sum(confusion[g][label] for g in STATUSES)
        n_gold = sum(confusion[label].values())
        tp = confusion[label][label]
        out[label] = {
            "precision": round(tp / n_pred, 4) if n_pred else None,
            "recall": round(tp / n_gold, 4) if n_gold else None,
        }
    out["confusion"] = confusion
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score copy analysis on synthetic sets.")
    parser.add_argument("--seeds", type=int, nargs="*", default=[1, 2, 3, 4, 5])
    parser.add_argument("--data", type=Path, help="a folder written by sitrep.evaluate.synthetic")
    parser.add_argument("--samples", default="samples")
    args = parser.parse_args(argv)
    if args.data:
        triples, truth = _load(args.data)
        print(json.dumps(evaluate_set(triples, truth), indent=1))
        return
    from sitrep.evaluate.synthetic import generate, load_originals

    originals = load_originals(args.samples)
    per_seed = {}
    for seed in args.seeds:
        data = generate(seed, originals)
        per_seed[seed] = evaluate_set(data.triples(), data.truth())
    result = {"seeds": per_seed, "pooled": _pooled(list(per_seed.values()))}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
