"""JSON Lines: one article object per line, streamed so file size does not matter.

A bad line is reported with its line number and skipped; the other lines still go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.raw import Limits, RawDoc

# Also the names of common news datasets' columns (FA-KES: article_title, article_content;
# news-please: maintext).
TEXT_FIELDS = ("text", "body", "content", "article", "article_content", "article_text",
               "maintext", "full_text")  # fmt: skip
FIELD_ALIASES = {
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "title": ("title", "headline", "article_title"),
    "published": ("published", "date", "publish_date", "pubdate", "published_at"),
}


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; an over-long line comes as None after being skipped in chunks."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the oversized line without holding it
                more = stream.readline(1 << 20)
                if not more or more.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def record_to_doc(record: dict[str, Any], source: str, line: int) -> RawDoc | InputError:
    text = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    if text is None:
        return InputError(source, f"no text field (expected one of {', '.join(TEXT_FIELDS)}; "
                          f"found {', '.join(sorted(record)) or 'none'})", line)  # fmt: skip
    if not text.strip():
        return InputError(source, "empty text", line)
    fields = {name: next((record[k] for k in keys if record.get(k) not in (None, "")), None)
              for name, keys in FIELD_ALIASES.items()}  # fmt: skip
    return RawDoc(text=text, source=f"{source}:{line}", title=_str(fields["title"]),
                  url=_str(fields["url"]), outlet=_str(fields["outlet"]),
                  published=fields["published"])  # fmt: skip


def _str(value: Any) -> str | None:
    return None if value is None else str(value)


GIVE_UP_AFTER = 50  # leading lines that all fail: the file is not JSON Lines at all


def read_json_document(
    data: bytes, source: str, encoding: str = "utf-8"
) -> Iterator[RawDoc | InputError]:
    """A whole JSON file: one article object, a list of them, or {"articles": [...]}."""
    try:
        value = json.loads(data.decode(encoding))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield InputError(source, f"malformed JSON: {exc}")
        return
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            yield InputError(
                source, f"item {number}: expected a JSON object, got {type(record).__name__}"
            )
            continue
        doc = record_to_doc(record, source, number)
        if isinstance(doc, RawDoc):
            doc.source = f"{source}#{number}"
        yield doc


def read_jsonl(
    stream: BinaryIO, source: str, limits: Limits, encoding: str = "utf-8"
) -> Iterator[RawDoc | InputError]:
    good = bad = 0
    for number, line in bounded_lines(stream, limits.max_record_bytes):
        if good == 0 and bad >= GIVE_UP_AFTER:
            yield InputError(source, f"does not look like JSON Lines (the first {bad} lines all "
                             "failed); stopped reading this file", number)  # fmt: skip
            return
        if line is None:
            bad += 1
            yield InputError(
                source, f"line longer than {limits.max_record_bytes:,} bytes, skipped", number
            )
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode(encoding))
        except UnicodeDecodeError as exc:
            bad += 1
            yield InputError(
                source, f"not valid {encoding}: {exc.reason} at byte {exc.start}", number
            )
            continue
        except json.JSONDecodeError as exc:
            bad += 1
            yield InputError(source, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
            continue
        if not isinstance(record, dict):
            bad += 1
            yield InputError(source, f"expected a JSON object, got {type(record).__name__}", number)
            continue
        doc = record_to_doc(record, source, number)
        good += isinstance(doc, RawDoc)
        bad += isinstance(doc, InputError)
        yield doc
