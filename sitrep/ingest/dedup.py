"""Exact and near-duplicate detection: MinHash signatures with a persistent LSH index.

Why our own small MinHash instead of datasketch's objects: hashing a whole document's shingles
in one numpy expression is ~20x faster than per-shingle updates, and keeping the LSH band keys
in the store (not in memory) makes detection incremental across runs and bounded in memory.

A new article is compared with every stored article that shares at least one band key; the
best match above ``NEAR_DUP`` makes it a copy (``dup_of``) that joins the match's group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import xxhash

from sitrep.model import Article
from sitrep.store.base import Store
from sitrep.word_hashes import WordHashes

NUM_PERM = 64
ROWS = 3
BANDS = NUM_PERM // ROWS  # 21 bands x 3 rows: a pair at Jaccard 0.5 shares a band 93% of the time
SHINGLE = 2  # words per shingle: word swaps in spun copies break fewer 2-grams than 3-grams
MIN_WORDS = 8  # shorter texts are only compared exactly (by text hash)
NEAR_DUP = 0.45  # estimated Jaccard at or above this: a copy
SYNDICATED = 0.8  # at or above this: near-verbatim; between NEAR_DUP and this: spun

_WORD = re.compile(r"\w+")
_rng = np.random.default_rng(20161014)  # fixed: signatures must be the same in every run
_A = (_rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_MUL = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)


_HASHES = WordHashes()


def signature(text: str) -> np.ndarray | None:
    """64 uint32 MinHash values of the word shingles; None for texts too short to compare."""
    words = _WORD.findall(text.lower())
    if len(words) < max(SHINGLE, MIN_WORDS):
        return None
    h = np.fromiter(map(_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    shingles = h[:n] * _MUL[0]
    for i in range(1, SHINGLE):
        shingles = shingles + h[i : n + i] * _MUL[i]
    shingles = np.unique(shingles)
    with np.errstate(over="ignore"):
        hashed = (_A[:, None] * shingles[None, :] + _B[:, None]) >> np.uint64(32)
    return hashed.min(axis=1).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band (fits a BIGINT column in both back-ends)."""
    keys = []
    for band in range(BANDS):
        k = xxhash.xxh64_intdigest(sig[band * ROWS : (band + 1) * ROWS].tobytes(), seed=band)
        keys.append(k - (1 << 64) if k >= (1 << 63) else k)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


@dataclass
class DupDecision:
    dup_of: str | None
    score: float | None
    status: str  # original / syndicated / spun


def copy_status(score: float) -> str:
    return "syndicated" if score >= SYNDICATED else "spun"


MAX_CANDIDATES = 32  # the most band-sharing candidates are checked; the rest are far weaker


def _best_match(
    sig: np.ndarray,
    keys: list[int],
    hits: dict[int, list[str]],
    sigs: dict[str, np.ndarray],
) -> tuple[str | None, float]:
    shared: dict[str, int] = {}
    for k in keys:
        for aid in hits.get(k, ()):
            shared[aid] = shared.get(aid, 0) + 1
    ranked = sorted(shared, key=lambda aid: (-shared[aid], aid))[:MAX_CANDIDATES]
    best, best_score = None, 0.0
    for cand in ranked:
        other = sigs.get(cand)
        if other is None:
            continue
        s = similarity(sig, other)
        if s > best_score:
            best, best_score = cand, s
    return (best, best_score) if best is not None and best_score >= NEAR_DUP else (None, 0.0)


def assign_duplicates(
    store: Store,
    articles: Sequence[Article],
    precomputed: dict[str, bytes | None] | None = None,
) -> list[tuple[str, bytes, list[int]]]:
    """Set dup_group / dup_of / dup_score / copy_status on new articles, in arrival order.

    Compares each article with the stored ones and the earlier ones of the same batch.
    Returns (article id, signature bytes, band keys) rows for the caller to store.
    """
    precomputed = precomputed or {}
    sigs = {
        a.id: np.frombuffer(precomputed[a.id], dtype=np.uint32)
        if precomputed.get(a.id) is not None
        else (None if a.id in precomputed else signature(a.text))
        for a in articles
    }
    keys = {aid: band_keys(s) if s is not None else [] for aid, s in sigs.items()}
    exact = store.articles.ids_by_text_hash([a.text_hash for a in articles])
    hits: dict[int, list[str]] = {}
    for key, aid in store.copies.lsh_lookup([k for ks in keys.values() for k in ks]):
        hits.setdefault(key, []).append(aid)
    stored_candidates = {aid for ids in hits.values() for aid in ids}
    stored_sigs = {
        aid: np.frombuffer(raw, dtype=np.uint32)
        for aid, raw in store.copies.signatures(sorted(stored_candidates)).items()
    }
    groups = {
        aid: g
        for aid, (g, _) in store.articles.dup_info(
            sorted(stored_candidates | set(exact.values()))
        ).items()
    }
    batch_hash: dict[str, str] = {}
    rows = []
    for a in articles:
        sig = sigs[a.id]
        match, score = exact.get(a.text_hash) or batch_hash.get(a.text_hash or ""), 1.0
        if match is None and sig is not None:
            match, score = _best_match(sig, keys[a.id], hits, stored_sigs)
        if match is None:
            a.dup_group, a.dup_of, a.dup_score, a.copy_status = a.id, None, None, "original"
        else:
            a.dup_group = groups.get(match) or match
            a.dup_of, a.dup_score, a.copy_status = match, round(score, 3), copy_status(score)
        groups[a.id] = a.dup_group
        if a.text_hash:
            batch_hash.setdefault(a.text_hash, a.id)
        if sig is None:
            continue
        # Only originals enter the LSH index: a copy is found through its original, and a
        # cluster of a thousand copies costs one entry per band, not a thousand.
        indexed = a.dup_of is None
        if indexed:
            stored_sigs[a.id] = sig
            for k in keys[a.id]:
                hits.setdefault(k, []).append(a.id)
        rows.append((a.id, sig.tobytes(), keys[a.id] if indexed else []))
    return rows
