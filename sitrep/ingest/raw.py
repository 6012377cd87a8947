"""What a reader hands to the ingest stage: one document as found, before normalisation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawDoc:
    text: str
    source: str  # "file", "file:line" or "file#record"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: object = None  # parsed later by normalise.parse_published
    raw: str | None = None  # original markup (HTML page, feed entry) when it differs from text


@dataclass(frozen=True)
class Limits:
    """Bounds that keep memory flat whatever the input: a huge file is refused, not loaded."""

    max_document_bytes: int = 20 * 1024 * 1024  # one text/HTML page
    max_record_bytes: int = 5 * 1024 * 1024  # one JSONL line or CSV row
    max_feed_bytes: int = 100 * 1024 * 1024  # one RSS/Atom file (parsed whole)
    keep_raw_bytes: int = 2 * 1024 * 1024  # raw markup kept per article, beyond that dropped
