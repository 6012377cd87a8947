"""A group of claims -> one Event: figures with their conflicts, corroboration counts, place.

Figures. Per kind (killed, injured, displaced, detained), copies are collapsed first (a
syndicated copy repeating "14 killed" is one report, not two). Then, as ACLED does, ``best``
is the most conservative figure an independent report gives (the lowest ``best``); as UCDP
does, ``low`` is the lowest and ``high`` the highest figure anyone gives. With three or more
figures, one under a fifth of their median is a side fact a claim brought along ("an earlier
attack killed two children" beside the strike's 58): it counts for neither best nor low. A
figure told by a word ("dozens", read as 12 by the ACLED convention) counts for neither
when another report gives a number: the convention stands in for a missing count, it is no
more conservative count of its own ("dozens" beside 40, 50 and 53 gives 40, not 12).
When reports differ, ``conflicts`` lists each figure once per (value, cited source, outlet)
with an article that told it, so a reader sees "SOHR 14, SANA 8" rather than one averaged
number.

Counts. ``n_articles``: articles with a claim in the event; ``n_outlets``: their outlets;
``n_independent``: independent reports (copies collapse to the article they copy, and a
stitched page's copied sentences to their source; a spun or stitched page whose source is
not in the corpus, found from its own text, adds none: it repeats some report, perhaps one
already counted, so it never raises the count; an event told only by such pages counts
one report, the unknown one they copy); ``n_original_sources``: who the figures and
facts go back to (claims that all cite SOHR are one source; an uncited claim counts as its
report's own).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

from sitrep import vocab
from sitrep.fuse.features import ArticleInfo, event_when
from sitrep.model import Actor, Casualties, Claim, Conflict, Event, Figure, Place

__all__ = ["build_event", "cited_source", "combine_figures", "unsourced", "vague"]


def cited_source(claim: Claim) -> str | None:
    if claim.sources:
        return claim.sources[0].name or claim.sources[0].text
    return None


def _unit(claim: Claim, art: ArticleInfo | None) -> str:
    if art is None:
        return claim.article_id
    return art.unit_at(claim.sentence.start)


def unsourced(art: ArticleInfo | None) -> bool:
    """A spun or stitched page with no copied sentence traced to a source in the corpus (the
    copy analysis recognised it from its own text): a copy of a report we do not have."""
    return (
        art is not None
        and art.copy_status in ("spun", "stitched")
        and not art.copied
        and art.unit == art.id
    )


def combine_figures(
    kind: str, claims: Sequence[Claim], articles: dict[str, ArticleInfo]
) -> tuple[Figure | None, list[Conflict]]:
    told: dict[tuple, tuple[Claim, Figure]] = {}
    for c in sorted(claims, key=lambda c: c.id):
        f = getattr(c.casualties, kind)
        if f is None or f.best is None:
            continue
        art = articles.get(c.article_id)
        told.setdefault((_unit(c, art), cited_source(c), f.best), (c, f))
    if not told:
        return None, []
    figures = [f for _, f in told.values()]
    highs = [v for f in figures for v in (f.high, f.best) if v is not None]
    bests = [f.best for f in figures]
    figures = _main_figures(figures)
    figures = [f for f in figures if not vague(f)] or figures
    lows = [f.low if f.low is not None else f.best for f in figures]
    figure = Figure(
        best=min(f.best for f in figures),  # type: ignore[type-var]
        low=min(lows),  # type: ignore[type-var]
        high=max(highs) if highs else None,
    )
    conflicts: list[Conflict] = []
    if len(set(bests)) > 1:
        # One line per figure and who it is attributed to, told by an original report when
        # one did (a copy repeating "14, SOHR said" adds no line of its own).
        chosen: dict[tuple, tuple[Claim, ArticleInfo | None]] = {}
        for (unit, source, value), (c, _) in told.items():
            art = articles.get(c.article_id)
            own = art is None or unit == art.id
            key = (value, source if source else f"report:{unit}")
            if key not in chosen or (
                own and chosen[key][1] is not None and chosen[key][1].unit != chosen[key][1].id
            ):
                chosen[key] = (c, art)
        for (value, _), (c, art) in chosen.items():
            conflicts.append(
                Conflict(kind, value, cited_source(c), art.outlet if art else None, c.article_id)
            )
        conflicts.sort(key=lambda x: (-(x.value or 0), str(x.source), str(x.outlet)))  # type: ignore[operator]
    return figure, conflicts


SIDE_FIGURE_RATIO = 0.2  # a figure under this share of the event's median is a side fact


@cache
def _vague_words() -> re.Pattern[str]:
    words = vocab.alternation(v.word for v in vocab.vague_numbers())
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


def vague(figure: Figure) -> bool:
    """Whether the figure was told by a word, not a number ("dozens", which ACLED reads as
    12): a reading for when no report gives a number, never a count to set against one."""
    text = figure.text or ""
    return not any(ch.isdigit() for ch in text) and _vague_words().search(text) is not None


def _main_figures(figures: list[Figure]) -> list[Figure]:
    """The figures the best and low are taken from: with three or more, those at least a
    fifth of their median. "Killed two children" of an earlier attack told beside the 58 of
    the strike is a side fact the claim brought along, not a more conservative count of the
    strike; it stays among the conflicts, and the high still reads every figure."""
    if len(figures) < 3:
        return figures
    values = sorted(f.best for f in figures if f.best is not None)
    median = values[len(values) // 2]
    kept = [f for f in figures if f.best is not None and f.best >= SIDE_FIGURE_RATIO * median]
    return kept or figures


def _common_actor(actors: Iterable[Actor | None]) -> Actor | None:
    named = [a for a in actors if a is not None]
    if not named:
        return None
    top = Counter((a.name or a.text) for a in named).most_common(1)[0][0]
    return next(a for a in named if (a.name or a.text) == top)


def _place(claims: Sequence[Claim]) -> Place | None:
    """The most precise resolved place, the most often told among equals."""
    resolved = [c.place for c in claims if c.place is not None and c.place.lat is not None]
    if resolved:
        best = min(p.precision or 9 for p in resolved)
        tops = [p for p in resolved if (p.precision or 9) == best]
        top = Counter(p.gazetteer_id or p.name for p in tops).most_common(1)[0][0]
        return next(p for p in tops if (p.gazetteer_id or p.name) == top)
    return next((c.place for c in claims if c.place is not None), None)


def _dates(claims: Sequence[Claim]) -> tuple[dt.date | None, dt.date | None]:
    whens = [w for w in map(event_when, claims) if w is not None and w.start is not None]
    days = Counter(
        w.start for w in whens if w.precision in (None, "day") and w.end in (None, w.start)
    )
    if days:
        top = max(days.values())
        day = min(d for d, n in days.items() if n == top)
        return day, day
    starts = [w.start for w in whens if w.start is not None]
    ends = [w.end or w.start for w in whens if w.start is not None]
    return (min(starts), max(ends)) if starts else (None, None)


def build_event(event_id: str, claims: Sequence[Claim], articles: dict[str, ArticleInfo]) -> Event:
    claims = sorted(claims, key=lambda c: c.id)
    arts = [articles[a] for a in sorted({c.article_id for c in claims}) if a in articles]
    # the claims' own types vote; types lent by their stories only when no claim names one
    own = [c for c in claims if c.sub_event_type and not c.type_from_story]
    voters = own or [c for c in claims if c.sub_event_type]
    types = Counter((c.event_type, c.sub_event_type) for c in voters)
    event_type, sub_type = types.most_common(1)[0][0] if types else (None, None)
    plovers = Counter(c.plover for c in (voters or claims) if c.plover)
    plover = min(p for p, n in plovers.items() if n == max(plovers.values())) if plovers else None
    casualties, conflicts = Casualties(), []
    for kind in Casualties.KINDS:
        figure, found = combine_figures(kind, claims, articles)
        setattr(casualties, kind, figure)
        conflicts += found
    copies = {a.id for a in arts if unsourced(a)}
    units = {_unit(c, articles.get(c.article_id)) for c in claims} - copies
    n_independent = len(units) if units else min(len(claims), 1)
    sources = {cited_source(c) or f"report:{_unit(c, articles.get(c.article_id))}" for c in claims}
    reports = sorted(a.published for a in arts if a.published)
    start, end = _dates(claims)
    return Event(
        id=event_id,
        event_type=event_type,
        sub_event_type=sub_type,
        plover=plover,
        start=start,
        end=end,
        place=_place(claims),
        actor1=_common_actor(c.actor1 for c in claims),
        actor2=_common_actor(c.actor2 for c in claims),
        casualties=casualties,
        claims=[c.id for c in claims],
        articles=[a.id for a in arts],
        n_articles=len(arts),
        n_outlets=len({a.outlet for a in arts if a.outlet}),
        n_independent=n_independent,
        n_original_sources=len(sources),
        conflicts=conflicts,
        first_report=reports[0] if reports else None,
        last_report=reports[-1] if reports else None,
        notes=" | ".join(dict.fromkeys(c.sentence.text for c in claims))[:2000],
    )
