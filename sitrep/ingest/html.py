"""HTML pages: the main text and metadata through trafilatura, the raw page kept."""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterator

from sitrep.errors import InputError
from sitrep.ingest.raw import RawDoc

MIN_BODY_CHARS = 40
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")


def meta_content(markup: str, *names: str) -> str | None:
    """The content of the first <meta> whose property/name is one of ``names``, as written.

    Read directly because the extractor's metadata re-cases site names.
    """
    wanted = {n.lower() for n in names}
    for tag in _META.findall(markup[:200_000]):
        attrs = {k.lower(): htmllib.unescape(v.strip("\"'")) for k, v in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or "").lower()
        if key in wanted and attrs.get("content", "").strip():
            return attrs["content"].strip()
    return None


def parse_html(markup: str, source: str) -> Iterator[RawDoc | InputError]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except Exception as exc:  # trafilatura raises assorted lxml/parser errors on garbage
        yield InputError(source, f"cannot parse HTML: {type(exc).__name__}: {exc}")
        return
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(text) < MIN_BODY_CHARS:
        yield InputError(
            source, "HTML page has no article body (nothing that reads as article text)"
        )
        return
    yield RawDoc(
        text=text,
        source=source,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        outlet=meta_content(markup, "og:site_name", "application-name")
        or getattr(doc, "sitename", None)
        or getattr(doc, "hostname", None),
        published=getattr(doc, "date", None),
        raw=markup,
    )
