"""sitrep: conflict news in, a trustworthy, evidence-linked event dataset out.

The public API mirrors the CLI one to one::

    import sitrep
    store = sitrep.open_store("sqlite:///sitrep.db")
    sitrep.ingest(["samples/"], store)
    sitrep.extract(store)
    sitrep.fuse(store)
    sitrep.verify(store)
    sitrep.export(store, "events", "acled-csv", "events.csv")
"""

from __future__ import annotations

from sitrep.errors import InputError, SitrepError, StoreError

# The functions share their names with the stage packages; importing them here (not lazily)
# makes ``sitrep.ingest`` the function for good, whatever submodule is imported later.
from sitrep.export import export
from sitrep.extract.stage import extract
from sitrep.fuse.stage import fuse
from sitrep.ingest.stage import ingest
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
from sitrep.pipeline import run
from sitrep.store import open_store
from sitrep.verify.stage import verify

__version__ = "0.1.0"


__all__ = [
    "Actor",
    "Article",
    "Casualties",
    "Claim",
    "Conflict",
    "Event",
    "Figure",
    "InputError",
    "Place",
    "SitrepError",
    "Source",
    "Span",
    "StoreError",
    "When",
    "__version__",
    "export",
    "extract",
    "fuse",
    "ingest",
    "open_store",
    "run",
    "verify",
]
