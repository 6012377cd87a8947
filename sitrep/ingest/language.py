"""Offline language identification (py3langid, a compact naive-Bayes model shipped on PyPI)."""

from __future__ import annotations

import functools
import re
from typing import Any

SAMPLE_CHARS = 500  # the opening of an article decides; keeps long texts cheap
_LETTER = re.compile(r"[^\W\d_]")


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float | None]:
    """ISO 639-1 code and probability; (None, None) when there is too little text to tell."""
    sample = text[:SAMPLE_CHARS]
    if len(_LETTER.findall(sample, 0, 200)) < 20:
        return None, None
    lang, prob = _identifier().classify(sample)
    return str(lang), round(float(prob), 4)
