"""Train the shipped event-type model: ``sitrep train event-types [--case dev.tsv]``.

Training data: our own labelled sentences (training/event_sentences_*.tsv, written for sitrep,
same license as the code) and, when given, the CASE 2021 Task 2 dev split (released by the
organisers for research; no license file). Fixed seeds: the same inputs give the same model.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import SitrepError
from sitrep.extract.classifier import (
    DEFAULT_C,
    DEFAULT_MIX,
    MODEL_FILE,
    OWN_DATA,
    EventTypeModel,
    fit,
    read_labelled_many,
)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "models" / MODEL_FILE


def _digest(paths: Sequence[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def train_event_types(
    case_file: str | Path | None = None,
    own: Sequence[Path] = OWN_DATA,
    out: str | Path = DEFAULT_OUT,
    mix: float = DEFAULT_MIX,
    c: float = DEFAULT_C,
) -> tuple[EventTypeModel, dict[str, Any]]:
    """Train on our sentences (+ CASE dev when given) and save; returns the model and a summary."""
    from sitrep.nlp import embed

    data_files = [*own, *([Path(case_file)] if case_file else [])]
    texts, labels, sources = read_labelled_many(data_files)
    if not texts:
        raise SitrepError(
            "no training sentences found: training/event_sentences_*.tsv ship with the source "
            "checkout, not the installed package; run this from a checkout, or give --case"
        )
    meta = {
        "data": sources,
        "data_sha256": _digest(data_files),
        "embedding": "all-MiniLM-L6-v2",
        "licenses": "own sentences: project license; CASE 2021 dev: research use (no license file)",
    }
    model = fit(embed(texts), texts, labels, c=c, mix=mix, seed=0, meta=meta)
    model.save(out)
    return model, {"out": str(out), "rows": len(texts), "labels": len(model.labels), **meta}
