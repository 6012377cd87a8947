"""What the scale tests compare: a store's contents, and ``sitrep run`` stage by stage."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import sitrep
from sitrep.extract.stage import ExtractReport
from sitrep.model import to_dict
from sitrep.store import Store

Snapshot = dict[str, list[Any]]


def snapshot(store: Store) -> Snapshot:
    """What a run stored, in a form two runs can be compared by: articles and how they were
    extracted, every claim and every event (ids sorted, no timestamps)."""
    return {
        "articles": sorted(
            store.query("SELECT id, dup_group, dup_of, language, extracted_with FROM articles")
        ),
        "claims": sorted(
            (json.dumps(to_dict(c), sort_keys=True) for c in store.claims.iter()),
        ),
        "events": sorted(json.dumps(to_dict(e), sort_keys=True) for e in store.events.iter()),
        "toponyms": sorted(
            json.dumps([aid, to_dict(p)], sort_keys=True) for aid, p in store.toponyms.iter()
        ),
    }


def stages(samples: Path, store: Store, **extract_options: Any) -> ExtractReport:
    """``sitrep run`` stage by stage, so a test can tune the extract stage and watch it."""
    from sitrep.extract.stage import extract

    sitrep.ingest([str(samples)], store)
    report = extract(store, **extract_options)
    sitrep.fuse(store)
    sitrep.verify(store)
    return report


def cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """The ``sitrep`` command as a user runs it (exit codes come from ``main``)."""
    code = "from sitrep.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout
    )
