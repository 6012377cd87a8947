"""The two array helpers every step needs: a great-circle distance and a small-array ``isin``."""

from __future__ import annotations

import numpy as np

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "isin"]

EARTH_RADIUS_KM = 6371.0088


def isin(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``np.isin`` for the small arrays resolution compares (a broadcast beats its sort)."""
    a, b = np.asarray(a), np.asarray(b)
    if a.size * b.size <= 4096:
        return (a[:, None] == b[None, :]).any(axis=1) if b.size else np.zeros(a.size, bool)
    return np.isin(a, b)


def haversine_km(lat1, lon1, lat2, lon2):  # type: ignore[no-untyped-def]
    """Great-circle distance in km; works on floats and numpy arrays alike."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dl = np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(a, 1.0)))
