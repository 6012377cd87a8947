"""Fusion scored end to end: articles in, events out, compared with known groupings.

Each article is assigned the event of its lead claim, its first claim in an event in text
order: that is the incident the report is about. (Not its first *typed* claim: an untyped
lead, "At least 12 people died in Kabul on Tuesday", finds its event on its own facts, and a
later sentence typed from a stray word may sit in another event.) Articles with no claim in
an event are singletons. Scores
are B-cubed and pairwise precision/recall/F1 over articles (``evaluate.metrics``).

Two data sets:

- ``synthetic``: the generator in ``evaluate.synthetic`` (copies, spins, stitched pages and
  independent reports of the sample corpus's incidents). Truth event of an article: the
  original it copies or re-reports; stitched pages tell several events and are left out of
  the clustering score (their copy status is scored: accuracy, and precision / recall of
  calling a page spun or stitched). The generator moves each sample incident by whole weeks,
  its reports together, so the truth event of an original is its sample incident; reports of
  no event (an analysis piece) and their copies are left out of the clustering score.
- ``ecbplus``: ECB+ dev documents (only their annotated sentences; no publication dates).
  Gold: the sub-topic (two different events of one kind per topic, e.g. two earthquakes).
  Most ECB+ topics are no conflict events (awards, product launches, earthquakes), so many
  documents give no claim; ``coverage`` says how many did.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.evaluate.metrics import bcubed, pairwise_f1
from sitrep.evaluate.pipeline import throwaway_run
from sitrep.store.base import Store

__all__ = ["ecbplus", "lead_events", "synthetic"]


def lead_events(store: Store) -> dict[str, str]:
    """article id -> event of its first claim (in text order) that is in an event."""
    assigned = store.events.assignments()
    lead: dict[str, tuple[int, str]] = {}
    for c in store.claims.iter():
        if c.id not in assigned:
            continue
        key = (c.sentence.start, assigned[c.id])
        if c.article_id not in lead or key < lead[c.article_id]:
            lead[c.article_id] = key
    return {aid: event for aid, (_, event) in lead.items()}


def _run(rows: Iterable[dict[str, Any]], mode: str) -> tuple[Store, dict[str, str]]:
    """Ingest JSONL rows into a throwaway store, extract and fuse; map row ids to articles."""
    rows = list(rows)
    store = throwaway_run(rows, mode)
    by_line = {}
    for a in store.articles.iter():
        line = int(str(a.source).rsplit(":", 1)[1])
        by_line[line] = a.id
    ids = {row["id"]: by_line[i + 1] for i, row in enumerate(rows) if i + 1 in by_line}
    return store, ids


def _scores(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    b, p = bcubed(gold, pred), pairwise_f1(gold, pred)
    return {
        "bcubed_precision": round(b["precision"], 4),
        "bcubed_recall": round(b["recall"], 4),
        "bcubed_f1": round(b["f1"], 4),
        "pairwise_precision": round(p["precision"], 4),
        "pairwise_recall": round(p["recall"], 4),
        "pairwise_f1": round(p["f1"], 4),
    }


def synthetic(
    seeds: Iterable[int] = (1, 2, 3), mode: str = "full", spin_table: str | Path | None = None
) -> dict[str, Any]:
    """Fusion on generated sets; ``spin_table`` swaps the spinner's thesaurus (see
    ``evaluate.synthetic.spin_table``)."""
    from sitrep.evaluate.synthetic import generate
    from sitrep.evaluate.synthetic import spin_table as read_spin_table

    spin = read_spin_table(spin_table)
    per_seed = []
    for seed in seeds:
        generated = generate(seed, spin=spin)
        rows = [g.row() for g in generated.articles]
        store, ids = _run(rows, mode)
        truth = {g.id: g for g in generated.articles}

        leads = lead_events(store)
        gold, pred = {}, {}
        copy_right = 0
        statuses: list[tuple[str, str | None]] = []
        for gid, aid in ids.items():
            g = truth[gid]
            article = store.articles.get(aid)
            copy_right += article is not None and article.copy_status == g.copy_status
            statuses.append((g.copy_status, article.copy_status if article else None))
            incident = _event_of(g.about if g.kind == "independent" else gid, truth)
            if g.kind == "stitched" or incident.startswith("no-event-"):
                continue
            gold[aid] = incident
            if aid in leads:
                pred[aid] = leads[aid]
        result = {
            "seed": seed,
            "articles": len(ids),
            "copy_status_accuracy": round(copy_right / len(ids), 4),
            **_detection(statuses),
            "coverage": round(sum(1 for a in gold if a in pred) / len(gold), 4),
            **_scores(gold, pred),
        }
        per_seed.append(result)
        store.close()
    keys = [k for k in per_seed[0] if k not in ("seed", "articles")]
    mean = {k: round(sum(r[k] for r in per_seed) / len(per_seed), 4) for k in keys}
    return {
        **mean,
        "seeds": per_seed,
        "mode": mode,
        "spin_table": Path(spin_table).name if spin_table else "spin_synonyms.csv",
    }


def _detection(statuses: list[tuple[str, str | None]]) -> dict[str, float]:
    """Precision and recall of calling a page spun or stitched (truth, predicted status)."""
    out = {}
    for status in ("spun", "stitched"):
        tp = sum(1 for g, p in statuses if g == p == status)
        called = sum(1 for _, p in statuses if p == status)
        true = sum(1 for g, _ in statuses if g == status)
        out[f"{status}_precision"] = round(tp / called, 4) if called else 1.0
        out[f"{status}_recall"] = round(tp / true, 4) if true else 1.0
    return out


def _event_of(gid: str, truth: dict[str, Any]) -> str:
    """The original an article's incident goes back to (copies of copies included)."""
    g = truth[gid]
    if g.kind == "original":
        return g.incident or gid
    return _event_of(g.about or g.sources[0], truth)


def _ecb_documents(path: Path) -> dict[str, list[list[str]]]:
    docs: dict[str, dict[int, list[str]]] = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 4:
                continue
            doc, sent, token = parts[0], int(parts[1]), parts[3]
            docs.setdefault(doc, {}).setdefault(sent, []).append(token)
    return {d: [s[k] for k in sorted(s)] for d, s in docs.items()}


def ecbplus(path: str | Path, mode: str = "full", limit: int | None = None) -> dict[str, Any]:
    docs = _ecb_documents(Path(path))
    names = sorted(docs)[:limit] if limit else sorted(docs)
    rows = [
        {"id": d, "outlet": f"ecb/{d}", "text": "\n\n".join(" ".join(tokens) for tokens in docs[d])}
        for d in names
    ]
    store, ids = _run(rows, mode)
    leads = lead_events(store)
    gold, pred = {}, {}
    for d, aid in ids.items():
        topic, rest = d.split("_", 1)
        gold[aid] = f"{topic}/{'ecbplus' if rest.endswith('ecbplus') else 'ecb'}"
        if aid in leads:
            pred[aid] = leads[aid]
    store.close()
    return {
        "documents": len(ids),
        "coverage": round(len(pred) / max(1, len(gold)), 4),
        "mode": mode,
        **_scores(gold, pred),
    }
