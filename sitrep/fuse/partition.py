"""Claims split into blocks that fuse apart, with exactly the events of one ``fuse_claims``.

Why this is exact. ``fuse_claims`` takes claims one at a time in a fixed order, and a claim
is only ever compared with the events its own country and day window reach: the block index
is keyed by (country, day); a claim with no country looks at every country of its days (a
reaction is compared as one), a claim with no date at every event of its country, a vague
claim back to ``FOLLOW_UP_DAYS`` before its publication; an event never reaches past the
hull of its claims' windows; copies find their source's event through the report
(``ArticleInfo.unit``) and the source article they share; the merge pass pairs only events
of one country a day apart. So two sets of claims that share no article or report, and
whose reach never meets, are fused by two calls exactly as by one: each comparison on
either side finds the same candidates in the same order.

How blocks are found. Claims of one article or one report are tied first. Then each group
gets a footprint (its countries, whether a claim has none, the hull of its claims' day
windows with ``SLACK`` days either side, whether a claim has no date) and groups whose
footprints meet are joined, round after round, until none meet. The test is deliberately
coarse - countries and day ranges, never scores - so it holds whatever the scoring does; it
does assume the candidate search above (``cluster.Clusterer._candidates``, ``_only_near``,
``_copied``): a new way for a claim to meet an event must be added to ``_told`` or
``_ties``.

The blocking key is (country, month). A block whose claims all fall in one country and one
month is that block; the others cross a boundary (a month end, a border, a claim with no
date or no country) and are fused whole, which is the merge pass across those boundaries.
A country reported every day has no quiet day to cut its timeline at (each day's window
overlaps the next), so it stays one block; quiet countries and periods split. With few
claims per block, ``min_claims`` packs blocks into one task (they stay independent).

Example:
    >>> fuse_partitioned([], {})
    []
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sitrep.fuse.features import FOLLOW_UP_DAYS, ArticleInfo, _window, event_when
from sitrep.fuse.fusion import founds_reaction, fuse_claims
from sitrep.model import Claim, Event

__all__ = ["Block", "BlockRunner", "blocks", "fuse_block", "fuse_partitioned"]

# Days added to each side of a window: the merge pass pairs events whose most told days are
# a day apart, and one more day keeps the test clear of any off-by-one in the windows.
SLACK = 2
WILD = "*"  # no country (or a reaction): may meet an event of any country


@dataclass
class Block:
    """Claims that fuse apart from every other block's, and what fusion needs of their
    articles: plain records, so a block can go to a worker process or a Dask worker.

    ``key`` is (countries, months): ("SYR", "2017-04") for a block of one country and month,
    ("IRQ+SYR", "2017-03..2017-05"), ("*", ...) with a claim of no country, "undated" in the
    months with a claim of no date, for blocks across those boundaries."""

    key: tuple[str, str]
    claims: list[Claim] = field(default_factory=list)
    articles: dict[str, ArticleInfo] = field(default_factory=dict)

    @property
    def crosses(self) -> bool:
        """Whether the block spans several (country, month) keys."""
        countries, months = self.key
        return (
            countries == WILD or "+" in countries + months or ".." in months or months == "undated"
        )


def fuse_block(block: Block) -> list[Event]:
    """The events of one block: the pure batch function on the block's claims."""
    return fuse_claims(block.claims, block.articles)


@dataclass
class _Reach:
    """Where a group of claims, and the events fusion may build of them, can meet others."""

    countries: set[str] = field(default_factory=set)
    wild: bool = False
    lo: int | None = None
    hi: int | None = None
    undated: bool = False

    def add(self, other: _Reach) -> None:
        self.countries |= other.countries
        self.wild |= other.wild
        self.undated |= other.undated
        if other.lo is not None and other.hi is not None:
            self.lo = other.lo if self.lo is None else min(self.lo, other.lo)
            self.hi = other.hi if self.hi is None else max(self.hi, other.hi)


@dataclass
class _Told:
    """What a claim tells that decides its block: the country and day window fusion gives it
    (``features.view``: the same ``_window``), its month, and where it may reach."""

    country: str | None
    month: str
    reach: _Reach


def _told(claim: Claim, article: ArticleInfo) -> _Told:
    lo, hi, _ = _window(claim, article.published)
    country = claim.place.country if claim.place is not None else None
    reach = _Reach()
    if country is None or founds_reaction(claim):  # a reaction is compared as countryless
        reach.wild = True
    else:
        reach.countries.add(country)
    if lo is None or hi is None:
        reach.undated = True
        return _Told(country, "undated", reach)
    month = _month((lo + hi) // 2)  # the day it tells: mid-window (its day, mid-month)
    if event_when(claim) is None and article.published is not None:
        lo = min(lo, article.published.toordinal() - FOLLOW_UP_DAYS)  # a vague claim looks back
    reach.lo, reach.hi = lo - SLACK, hi + SLACK
    return _Told(country, month, reach)


def _ties(claim: Claim, article: ArticleInfo) -> Iterator[str]:
    """The article and the reports a claim shares with others: fusion finds a copy's event
    through these, whatever its date or place."""
    yield "a:" + claim.article_id
    yield "u:" + article.unit
    for _, _, unit, source, _ in article.copied:
        yield "u:" + unit
        yield "a:" + source


class _Groups:
    """Union-find over claim indexes; a group is named by its smallest index."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def root(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def _meet(groups: _Groups, reaches: dict[int, _Reach]) -> bool:
    """Join the groups whose footprints meet; whether any were. Any two groups of one
    country may meet, and a group with a claim of no country may meet any group."""
    wild = [g for g, r in reaches.items() if r.wild]
    by_country: dict[str, list[int]] = {}
    for g, r in reaches.items():
        for country in r.countries:
            by_country.setdefault(country, []).append(g)
    joined = _sweep(groups, reaches, wild)
    for members in by_country.values():
        joined |= _sweep(groups, reaches, members + wild)
    return joined


def _sweep(groups: _Groups, reaches: dict[int, _Reach], members: list[int]) -> bool:
    """Join the members whose day ranges overlap, or all of them when one holds a claim of
    no date (compared with every event of its country, whatever its days)."""
    if not members:
        return False
    joined = False
    if any(reaches[g].undated for g in members):
        for g in members[1:]:
            joined |= groups.join(members[0], g)
        return joined
    spans = sorted((reaches[g].lo, reaches[g].hi, g) for g in members)
    first, run_hi = spans[0][2], spans[0][1]
    for lo, hi, g in spans[1:]:
        if lo <= run_hi:  # type: ignore[operator]
            joined |= groups.join(first, g)
            run_hi = max(run_hi, hi)  # type: ignore[type-var]
        else:
            first, run_hi = g, hi
    return joined


def _month(ordinal: int) -> str:
    day = dt.date.fromordinal(ordinal)
    return f"{day.year:04d}-{day.month:02d}"


def _key(told: list[_Told]) -> tuple[str, str]:
    countries = {t.country or WILD for t in told}
    months = sorted({t.month for t in told})
    dated = [m for m in months if m != "undated"]
    span = dated[0] if len(dated) == 1 else f"{dated[0]}..{dated[-1]}" if dated else ""
    month = "+".join(m for m in (span, "undated" if "undated" in months else "") if m)
    return (WILD if WILD in countries else "+".join(sorted(countries)), month)


def blocks(
    claims: Sequence[Claim], articles: dict[str, ArticleInfo], min_claims: int = 0
) -> list[Block]:
    """The claims in blocks that fuse apart with the events one ``fuse_claims`` call gives,
    largest first; blocks under ``min_claims`` claims are packed into one (a task's
    overhead saved; still apart from every other block)."""
    groups = _Groups(len(claims))
    first: dict[str, int] = {}
    told: list[_Told] = []
    for i, c in enumerate(claims):
        info = articles.get(c.article_id) or ArticleInfo(c.article_id)
        for tie in _ties(c, info):
            groups.join(first.setdefault(tie, i), i)
        told.append(_told(c, info))
    reach = [t.reach for t in told]
    while True:
        reaches: dict[int, _Reach] = {}
        for i, r in enumerate(reach):
            reaches.setdefault(groups.root(i), _Reach()).add(r)
        if not _meet(groups, reaches):
            break
    members: dict[int, list[int]] = {}
    for i in range(len(claims)):
        members.setdefault(groups.root(i), []).append(i)
    by_key: dict[tuple[str, str], Block] = {}
    found: list[Block] = []
    for indexes in members.values():
        block = Block(_key([told[i] for i in indexes]))
        if not block.crosses:  # the groups of one country and month are one block
            block = by_key.setdefault(block.key, block)
        if not block.claims:
            found.append(block)
        for i in indexes:
            block.claims.append(claims[i])
            if claims[i].article_id in articles:
                block.articles[claims[i].article_id] = articles[claims[i].article_id]
    ordered = sorted(found, key=lambda b: (-len(b.claims), b.key))
    return _packed(ordered, min_claims)


def _packed(found: list[Block], min_claims: int) -> list[Block]:
    out: list[Block] = []
    small: Block | None = None
    for block in found:
        if len(block.claims) >= min_claims:
            out.append(block)
            continue
        if small is None:
            small = Block(block.key)
        else:
            small.key = (small.key[0], "packed")
        small.claims += block.claims
        small.articles.update(block.articles)
        if len(small.claims) >= min_claims:
            out.append(small)
            small = None
    if small is not None:
        out.append(small)
    return out


# Where blocks are fused: each block's events, in any order (``map(fuse_block, ...)`` by
# default; a process pool or a Dask cluster in ``sitrep.scale.fusion``).
BlockRunner = Callable[[list[Block]], Iterable[list[Event]]]


def _here(found: list[Block]) -> Iterable[list[Event]]:
    return map(fuse_block, found)


def fuse_partitioned(
    claims: Sequence[Claim],
    articles: dict[str, ArticleInfo],
    run_blocks: BlockRunner = _here,
    min_claims: int = 0,
) -> list[Event]:
    """``fuse_claims(claims, articles)``, block by block through ``run_blocks``: the blocks
    share no event, so their events together are the whole result (sorted by id)."""
    found = blocks(claims, articles, min_claims)
    return sorted((e for part in run_blocks(found) for e in part), key=lambda e: e.id)
