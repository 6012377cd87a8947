"""A throwaway store filled the way a user would fill it, for scorers that run the pipeline.

The records go to a JSONL file (one article a line, so an article's ``source`` ends in its line
number) and through ingest, extract, fuse and, when asked, verify. The temporary folder goes
with the store object, so an evaluation leaves nothing behind.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.store.base import Store

__all__ = ["throwaway_run"]


def throwaway_run(
    records: Iterable[dict[str, Any]],
    mode: str,
    *,
    verify: bool = False,
    reference: str | None = None,
) -> Store:
    """A temporary store holding ``records`` after the stages (``reference``: for verify)."""
    import sitrep

    tmp = Path(tempfile.mkdtemp(prefix="sitrep-eval-"))
    path = tmp / "articles.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
    store = sitrep.open_store(f"sqlite:///{tmp / 'eval.db'}")
    weakref.finalize(store, shutil.rmtree, tmp, ignore_errors=True)  # throwaway: no leftovers
    sitrep.ingest([str(path)], store)
    sitrep.extract(store, mode=mode)
    sitrep.fuse(store)
    if verify:
        sitrep.verify(store, reference=reference)
    return store
