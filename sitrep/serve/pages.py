"""What the event and article pages show, gathered from the store as plain dicts.

Text is never turned into HTML here: a marked sentence is a list of (text, mark) pieces that
the template writes piece by piece with autoescaping, so an article's ``<script>`` stays
text whatever the marks around it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sitrep.model import Claim, Span, to_dict
from sitrep.views import ArticleView, EventView


@dataclass(frozen=True)
class Piece:
    """A run of text, with the kind of mark over it (None: plain) and a hover label."""

    text: str
    mark: str | None = None
    label: str | None = None
    target: str | None = None  # an anchor in the page the mark leads to


def marked(
    text: str, offset: int, spans: Sequence[tuple[int, int, str, str, str | None]]
) -> list[Piece]:
    """``text`` (which starts at ``offset`` of its article) cut into pieces at the spans
    (absolute start, end, mark, label, target); a span overlapping an earlier one is left
    out rather than nested, and spans outside the text are ignored."""
    pieces: list[Piece] = []
    at = 0
    for start, end, mark, label, target in sorted(spans, key=lambda s: (s[0], -s[1])):
        a, b = start - offset, end - offset
        if a < at or b > len(text) or a >= b:
            continue
        if a > at:
            pieces.append(Piece(text[at:a]))
        pieces.append(Piece(text[a:b], mark, label, target))
        at = b
    if at < len(text):
        pieces.append(Piece(text[at:]))
    return pieces


def _span(obj: Any) -> Span | None:
    return getattr(obj, "span", None) if obj is not None else None


def claim_spans(claim: Claim) -> list[tuple[int, int, str, str, str | None]]:
    """The marked fields of one claim: actors, place, date, figures, cited sources."""
    out: list[tuple[int, int, str, str, str | None]] = []

    def add(obj: Any, mark: str, label: str) -> None:
        span = _span(obj)
        if span is not None:
            out.append((span.start, span.end, mark, label, None))

    add(claim.actor1, "actor", "actor 1")
    add(claim.actor2, "actor", "actor 2")
    add(claim.place, "place", "place")
    add(claim.when, "date", "date")
    for kind in claim.casualties.KINDS:
        add(getattr(claim.casualties, kind), "figure", kind)
    for source in claim.sources:
        add(source, "source", f"source ({source.kind or 'kind unknown'})")
    return out


def sentence_pieces(claim: Claim) -> list[Piece]:
    return marked(claim.sentence.text, claim.sentence.start, claim_spans(claim))


def figures(claim: Claim) -> list[tuple[str, Any]]:
    return [
        (kind, getattr(claim.casualties, kind).best)
        for kind in claim.casualties.KINDS
        if getattr(claim.casualties, kind) is not None
    ]


def event_context(view: EventView) -> dict[str, Any]:
    """Everything the event page shows: claims with their evidence, conflicts, checks."""
    event, articles = view.event, view.articles
    rows = []
    for c in sorted(view.claims, key=lambda c: (c.article_id, c.sentence.start)):
        art = articles.get(c.article_id)
        copy = view.copies.get(c.article_id)
        rows.append(
            {
                "claim": c,
                "article": art,
                "pieces": sentence_pieces(c),
                "figures": figures(c),
                "sources": [(s.name or s.text, s.kind) for s in c.sources],
                "check": view.checks.get(c.id),
                "reference": view.references.get(c.id),
                "copy_status": (art.copy_status if art else None) or "original",
                "copies": [s for s in (copy.sources if copy else []) if s != c.article_id]
                or ([art.dup_of] if art and art.dup_of else []),
            }
        )
    conflicts: dict[str, list[Any]] = {}
    for x in event.conflicts:
        conflicts.setdefault(x.field, []).append(x)
    for values in conflicts.values():
        # numbers by size (a figure is an int, or the phrase when vague), then who said it
        values.sort(
            key=lambda x: (
                not isinstance(x.value, int),
                x.value if isinstance(x.value, int) else 0,
                str(x.value),
                x.source or "",
                x.outlet or "",
            )
        )
    links = [{"link": link, "article": articles.get(link.article_id)} for link in event.links]
    statuses = sorted({r["check"].status for r in rows if r["check"]})
    return {
        "event": event,
        "claims": rows,
        "conflicts": conflicts,
        "links": links,
        "statuses": statuses,
        "articles": articles,
    }


_WORD = re.compile(r"\S+")


def word_diff(source: str, copy: str) -> tuple[list[Piece], list[Piece]]:
    """The source and copy sentences cut into kept and changed words (marks ``del`` in the
    source, ``ins`` in the copy): how a spun copy reworded what it took."""
    a, b = _WORD.findall(source), _WORD.findall(copy)
    left: list[Piece] = []
    right: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append(Piece(" ".join(a[i1:i2]) + " ", None if op == "equal" else "del"))
        if j2 > j1:
            right.append(Piece(" ".join(b[j1:j2]) + " ", None if op == "equal" else "ins"))
    return left, right


def article_context(view: ArticleView) -> dict[str, Any]:
    """Everything the article page shows: text with claims marked, copy analysis, verdict."""
    article, claims, copy = view.article, view.claims, view.copy
    spans = [
        (
            c.sentence.start,
            c.sentence.end,
            "claim",
            c.sub_event_type or c.event_type or "claim",
            f"claim-{c.id}",
        )
        for c in claims
    ]
    text_pieces = marked(article.text, 0, spans)
    matches = []
    for m in copy.matches if copy else []:
        left, right = word_diff(m.source_sentence.text, m.sentence.text)
        matches.append({**to_dict(m), "source_pieces": left, "own_pieces": right})
    rows = [
        {
            "claim": c,
            "pieces": sentence_pieces(c),
            "figures": figures(c),
            "sources": [(s.name or s.text, s.kind) for s in c.sources],
            "check": view.checks.get(c.id),
            "reference": view.references.get(c.id),
        }
        for c in claims
    ]
    return {
        "article": article,
        "pieces": text_pieces,
        "claims": rows,
        "copy": copy,
        "matches": matches,
        "verdict": view.verdict,
        "events": view.events,
        "url_is_web": bool(article.url and article.url.lower().startswith(("http://", "https://"))),
    }
