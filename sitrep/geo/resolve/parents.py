"""Step: the parent each mention is given by the text, "X district of Y", "X, Idlib", "X, Ga.".

A parent span from recognition is the mention at that place (its candidates, and the mention
itself so later steps can read its pick); a bare "X, Y" after the mention counts as a parent
only when Y (or its first words) names a country, first-level division or continent.
"""

from __future__ import annotations

import re

import numpy as np

from sitrep.geo.resolve.arrays import isin
from sitrep.geo.resolve.context import BROAD, ArticleContext, Resolution

__all__ = ["find_parents"]

_PARENT_AFTER = re.compile(r"\s*,\s*((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")
_BROAD_CODES = np.array(sorted(BROAD))


def _written_after(ctx: ArticleContext, res: Resolution) -> np.ndarray | None:
    """Broad candidates of the longest run of capitalised words after ", " that has any."""
    m = _PARENT_AFTER.match(ctx.text, res.mention.span.end) if ctx.text else None
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        found = ctx.lookup.find(" ".join(words[:n]))[0]
        broad = found[isin(ctx.gaz.kind[found], _BROAD_CODES)]
        if len(broad):
            return broad
    return None


def find_parents(ctx: ArticleContext) -> None:
    """Fill ``ctx.parents`` (candidate rows or None per mention) and ``ctx.parent_of``."""
    by_start = {res.mention.span.start: res for res in ctx.results}
    ctx.parents, ctx.parent_of = [], []
    for res in ctx.results:
        span = res.mention.parent
        other = None
        if span is not None:
            other = by_start.get(span.start)
            rows = other.candidates if other is not None else ctx.lookup.find(span.text)[0]
        else:
            rows = _written_after(ctx, res)
        ctx.parents.append(rows if rows is not None and len(rows) else None)
        ctx.parent_of.append(other)
