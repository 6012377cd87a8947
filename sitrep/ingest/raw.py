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
    # A .gz file stops here: enough for a large corpus, not for a gzip bomb (DEFLATE reaches
    # ~1000:1, so a 4 MB download can claim 4 GB). Lines and documents are bounded anyway;
    # this bounds the time spent.
    max_decompressed_bytes: int = 4 * 1024 * 1024 * 1024
    # Bad records after which a file is given up (one summary error): a CSV with a stray
    # quote or a binary file renamed .jsonl otherwise writes one error per line, millions.
    max_errors_per_file: int = 1000
    # Consecutive lines without any record (blank lines, empty CSV rows) before a file is
    # given up: a file of nothing but newlines would otherwise be read to its end for nothing.
    max_blank_lines: int = 100_000
    # One article's text, whatever the reader; a longer one is cut at a paragraph or sentence
    # end and the cut is reported. ~2 M chars is a 300-page book, far beyond any news report.
    max_article_chars: int = 2_000_000
