"""Plain-text articles: optional front matter, first line as title when it looks like one.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the very top
(url, outlet, published/date, title); anything else in it is ignored.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.ingest.raw import RawDoc

_KEYS = {
    "url": "url",
    "link": "url",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "published": "published",
    "date": "published",
    "title": "title",
}
_MAX_TITLE = 200


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.lstrip("\ufeff").split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return meta, "\n".join(lines[i + 1 :])
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in _KEYS:
            meta[_KEYS[key.strip().lower()]] = value.strip().strip("\"'")
    return {}, text  # no closing line: not front matter, keep everything as text


def looks_like_title(line: str, rest: str) -> bool:
    """A short first line without a sentence ending, followed by more text."""
    line = line.strip()
    if not line or not rest.strip() or len(line) > _MAX_TITLE:
        return False
    return not line.endswith((".", ",", ";", ":")) and len(line.split()) <= 30


def parse_text(text: str, source: str) -> Iterator[RawDoc | InputError]:
    meta, body = split_front_matter(text)
    body = body.strip("\n")
    first, _, rest = body.lstrip().partition("\n")
    title = meta.get("title")
    if title and first.strip() == title.strip():
        body = rest
    elif not title and looks_like_title(first, rest):
        title, body = first.strip(), rest
    if not body.strip():
        yield InputError(source, "empty article: no text after the title/front matter")
        return
    yield RawDoc(
        text=body,
        source=source,
        title=title,
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
    )
