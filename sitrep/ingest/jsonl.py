"""JSON Lines: one article object per line, streamed so file size does not matter.

A bad line is reported with its line number and skipped; the other lines still go in.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.lines import bounded_lines, bounded_text_lines, is_wide, text_view
from sitrep.ingest.raw import Limits, RawDoc

# Also the names of common news datasets' columns (FA-KES: article_title, article_content;
# news-please: maintext).
TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "article",
    "article_content",
    "article_text",
    "maintext",
    "full_text",
)
FIELD_ALIASES = {
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "publisher"),
    "title": ("title", "headline", "article_title"),
    "published": ("published", "date", "publish_date", "pubdate", "published_at"),
}


def record_to_doc(record: dict[str, Any], source: str, line: int) -> RawDoc | InputError:
    text = next((record[k] for k in TEXT_FIELDS if isinstance(record.get(k), str)), None)
    if text is None:
        return InputError(
            source,
            f"no text field (expected one of {', '.join(TEXT_FIELDS)}; "
            f"found {_names(record) or 'none'})",
            line,
        )
    if not text.strip():
        return InputError(source, "empty text", line)
    fields = {
        name: next((_str(record.get(k)) for k in keys if _str(record.get(k))), None)
        for name, keys in FIELD_ALIASES.items()
    }
    return RawDoc(
        text=text,
        source=f"{source}:{line}",
        title=fields["title"],
        url=fields["url"],
        outlet=fields["outlet"],
        published=fields["published"],
    )


def _str(value: Any) -> str | None:
    """A metadata value as text; nested lists/objects are not metadata and are ignored (their
    text form can be huge, and a deep one overflows the stack)."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return str(value)
    except ValueError:  # an integer of thousands of digits
        return None


def _names(record: dict[str, Any], most: int = 20) -> str:
    names = [k if len(k) <= 60 else k[:60] + "..." for k in sorted(record)[:most]]
    more = f" and {len(record) - most} more" if len(record) > most else ""
    return ", ".join(names) + more


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
    except RecursionError:
        yield InputError(source, "JSON nested too deeply to be an article file")
        return
    except ValueError as exc:  # an integer too long to convert (over 4,300 digits)
        yield InputError(source, f"unusable JSON: {exc}")
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
    """One article object per line; each bad line is an error with its number, then skipped."""
    if not is_wide(encoding):
        yield from _read_records(
            bounded_lines(stream, limits.max_record_bytes), source, limits, encoding
        )
        return
    # UTF-16/32: b"\n" is not a line end there, so split after decoding.
    with text_view(stream, encoding, errors="replace") as text:
        yield from _read_records(
            bounded_text_lines(text, limits.max_record_bytes), source, limits, encoding
        )


def _read_records(
    lines: Iterator[tuple[int, bytes | str | None]], source: str, limits: Limits, encoding: str
) -> Iterator[RawDoc | InputError]:
    good = bad = blank = 0
    for number, line in lines:
        if good == 0 and bad >= GIVE_UP_AFTER:
            yield InputError(
                source,
                f"does not look like JSON Lines (the first {bad} lines all "
                "failed); stopped reading this file",
                number,
            )
            return
        if line is None:
            bad += 1
            yield InputError(
                source, f"line longer than {limits.max_record_bytes:,} bytes, skipped", number
            )
            continue
        if not line.strip():
            blank += 1
            if blank > limits.max_blank_lines:
                yield InputError(
                    source,
                    f"more than {limits.max_blank_lines:,} blank lines in a "
                    "row; stopped reading this file",
                    number,
                )
                return
            continue
        blank = 0
        try:
            record = json.loads(line if isinstance(line, str) else line.decode(encoding))
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
        except RecursionError:
            bad += 1
            yield InputError(source, "JSON nested too deeply to be an article", number)
            continue
        except ValueError as exc:  # an integer too long to convert (over 4,300 digits)
            bad += 1
            yield InputError(source, f"unusable JSON: {exc}", number)
            continue
        if not isinstance(record, dict):
            bad += 1
            yield InputError(source, f"expected a JSON object, got {type(record).__name__}", number)
            continue
        doc = record_to_doc(record, source, number)
        good += isinstance(doc, RawDoc)
        bad += isinstance(doc, InputError)
        yield doc
