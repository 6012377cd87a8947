"""RSS and Atom files: each entry becomes an article (its full content when the feed has it)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.ingest.raw import RawDoc


def _html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return fragment
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml raises ParserError/XMLSyntaxError on hopeless fragments
        return fragment
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


def _entry_date(entry: dict) -> object:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.datetime(*value[:6], tzinfo=dt.UTC)
    return entry.get("published") or entry.get("updated")


def parse_feed(data: bytes, source: str) -> Iterator[RawDoc | InputError]:
    import feedparser

    parsed = feedparser.parse(data)
    if parsed.get("version", "") == "" and not parsed.entries:
        reason = parsed.get("bozo_exception")
        yield InputError(source, f"not an RSS/Atom feed{f' ({reason})' if reason else ''}")
        return
    outlet = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, start=1):
        contents = entry.get("content") or []
        body = (
            contents[0].get("value")
            if contents
            else entry.get("summary") or entry.get("description")
        )
        where = f"{source}#{number}"
        if not body or not str(body).strip():
            yield InputError(source, "feed entry has no text", number)
            continue
        yield RawDoc(
            text=_html_to_text(str(body)),
            source=where,
            title=entry.get("title"),
            url=entry.get("link"),
            outlet=outlet,
            published=_entry_date(entry),
            raw=str(body) if "<" in str(body) else None,
        )
