"""JSON Lines: one record per line in exactly the shapes DESIGN.md documents.

The web API returns the same objects, so a script written against one reads the other.
Articles leave out their text unless asked (``include_text``): the text is most of the bytes
and most uses of the article list (joining claims to outlets, dates) do not need it.
"""

from __future__ import annotations

import json
from typing import TextIO

from sitrep.export.records import iter_records
from sitrep.store.base import Store


def write(store: Store, what: str, fh: TextIO, *, include_text: bool = False) -> int:
    """Write every record of ``what`` as one JSON object per line; returns the lines written."""
    n = 0
    for rec in iter_records(store, what, include_text=include_text):
        fh.write(json.dumps(rec, ensure_ascii=False))
        fh.write("\n")
        n += 1
    return n
