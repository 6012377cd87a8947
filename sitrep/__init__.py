"""sitrep: conflict news in, a trustworthy, evidence-linked event dataset out.

The public API mirrors the CLI one to one::

    import sitrep
    store = sitrep.open_store("sqlite:///sitrep.db")
    sitrep.ingest(["samples/"], store)
    sitrep.extract(store)
    sitrep.fuse(store)
    sitrep.export(store, "events", "acled-csv", "events.csv")

Stage functions are imported on first use, so ``import sitrep`` (and ``sitrep --help``) stays
fast and does not load HTML parsers, Arrow or models it may not need.
"""

from __future__ import annotations

import importlib
from typing import Any

from sitrep.errors import InputError, SitrepError, StoreError
from sitrep.model import (
    Actor,
    Article,
    Casualties,
    Claim,
    Conflict,
    Event,
    Figure,
    Place,
    Source,
    Span,
    When,
)

__version__ = "0.1.0"

_LAZY = {
    "open_store": "sitrep.store",
    "ingest": "sitrep.ingest.stage",
    "extract": "sitrep.extract.stage",
    "fuse": "sitrep.fuse.stage",
    "export": "sitrep.export",
    "run": "sitrep.pipeline",
}

__all__ = [
    "Actor", "Article", "Casualties", "Claim", "Conflict", "Event", "Figure", "InputError",
    "Place", "SitrepError", "Source", "Span", "StoreError", "When", "__version__", "export",
    "extract", "fuse", "ingest", "open_store", "run",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
