"""Copy analysis per article: which sentences were taken from which earlier article, and how.

Article-level MinHash (``sitrep.ingest.dedup``) finds whole-page copies. Content farms do more:
they spin a wire story with synonyms ("killed" -> "left dead"), change tolls, and stitch pages
from sentences of several reports of different weeks. Counting such a page as an independent
confirmation inflates every figure it repeats, so this module goes down to sentences:

1. candidates by hashing (``sentence_index``): each sentence's bottom-k bigram keys are looked
   up in a posting index of earlier sentences; nothing is compared pairwise;
2. candidates are scored by word-sequence edit similarity (rapidfuzz, at C++ speed). Sequence,
   not word overlap, because an independent report of the same incident shares the place, the
   date, the toll and "the Syrian Observatory said" - but not the sentence around them;
3. the article's verdict follows from how many of its sentences match, from how many sources,
   and how verbatim: ``original``, ``syndicated``, ``spun`` or ``stitched``.

Boilerplate ("The Observatory is a UK-based monitor") must not make an article a copy: a
sentence whose keys are posted by very many sentences, or which matches sentences of
``df_cap`` or more earlier articles, counts neither as copied nor in the denominator. Only
independent occurrences are posted (a copy's copied sentences are not indexed: a later copy is
traced to the first source), so a wire sentence repeated by a hundred copies is not mistaken
for boilerplate.

Earlier means an earlier published date, ties broken by arrival order; an article is never
compared with itself.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz.distance import Indel

from sitrep.fuse.sentence_index import (
    NUM_CODE,
    NUMBER_VALUES,
    STOP_WORDS,
    Postings,
    Prepared,
    Sentence,
    is_number,
    prepare,
)
from sitrep.model import CopyKind, CopyStatus, CopyVerdict, SentenceMatch

__all__ = [
    "CopyVerdict",
    "SentenceIndex",
    "SentenceMatch",
    "Thresholds",
    "analyse",
    "score_pair",
]

Kind = CopyKind
Status = CopyStatus
Lookup = Callable[[str], "str | None"]
_CACHE_ARTICLES = 20_000  # prepared source articles kept in memory (LRU): ~15 kB each


def _match(s: Sentence, source: str, other: Sentence, score: float, kind: Kind) -> SentenceMatch:
    """A sentence of the article matched to ``other``, a sentence of article ``source``."""
    return SentenceMatch(
        s.span,
        source,
        other.span,
        round(score, 3),
        kind,
        differing_numbers(s, other),
        s.no,
        other.no,
    )


@dataclass(frozen=True)
class Thresholds:
    """Every tunable figure in one place (tuned on synthetic seed 0 only; see evaluate.copies).

    match / verbatim: word-sequence similarity (rapidfuzz Indel, 0-1) at or above which two
    sentences are a copy pair / a verbatim pair. Independent reports of the same incident
    score ~0.3-0.55 against each other; spins with a third of their words swapped ~0.65-0.9.
    """

    match: float = 0.62
    verbatim: float = 0.97
    names: float = 0.5  # share of the fewer names that both sentences must have in common
    bag: float = 0.8  # word-multiset overlap that rescues a reordered spin ...
    bag_seq: float = 0.5  # ... when its sequence similarity is at least this
    rescue: float = 0.5  # lower bar for the other sentences of an article already anchored ...
    anchor_n: int = 2  # ... to a source by this many matches, or by one match scoring at least
    anchor_score: float = 0.85
    in_order: float = 0.4  # lowest bar of all, for a sentence in the same gap of the order ...
    in_order_n: int = 3  # ... between matches to a source anchored by this many in order
    candidates: int = 10  # most-shared candidate sentences scored per sentence
    key_cap: int = 64  # a key posted by more sentences is boilerplate (document-frequency cap)
    df_cap: int = 3  # a sentence matching this many earlier articles is boilerplate
    single_share: float = 0.5  # one source covering this share of the page: a copy of it,
    single_min: int = 2  # given at least this many copied sentences (one shared line is not enough)
    source_share: float = 0.6  # or the copied sentences covering this share of the source: a
    # page that takes most of a (short or cut) report and pads it with its own lines is its copy
    syndicated_verbatim: float = 0.75  # share of verbatim pairs that makes the copy syndicated,
    syndicated_mean: float = 0.96  # or mean pair score (a short copy with one edited sentence)
    stitch_share: float = 0.4  # two sources together covering this share: stitched
    stitch_min: int = 3  # at least this many copied sentences for stitched
    stitch_many: int = 3  # this many sources make a page stitched at any share ...
    stitch_many_min: int = 4  # ... given at least this many copied sentences


def _value(token: str) -> float | None:
    if token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    return NUMBER_VALUES.get(token)


def _dice(x: Counter, y: Counter) -> float:
    """Dice overlap of two multisets."""
    total = sum(x.values()) + sum(y.values())
    return 2 * sum((x & y).values()) / total if total else 0.0


def _bag(a: str, b: str) -> float:
    """Dice overlap of the two word multisets: insensitive to reordering within a sentence."""
    return _dice(Counter(a), Counter(b))


def score_pair(q: Sentence, s: Sentence, th: Thresholds | None = None) -> tuple[float, Kind] | None:
    """Similarity of sentence ``q`` to an earlier sentence ``s``, or None when not a copy.

    The score is the word-sequence similarity; a pair whose clauses were reordered keeps most
    of its word multiset, so a high multiset overlap with a fair sequence similarity also
    counts (scored at the multiset level less a penalty, so it never looks verbatim).
    """
    th = th or Thresholds()
    # Same wording about another place or other people is a house template, not a copy.
    if q.names and s.names and len(q.names & s.names) < th.names * min(len(q.names), len(s.names)):
        return None
    seq = Indel.normalized_similarity(q.words, s.words, score_cutoff=th.bag_seq)
    if seq >= th.match:
        return seq, "verbatim" if seq >= th.verbatim else "spun"
    if seq >= th.bag_seq and (bag := _bag(q.words, s.words)) >= th.bag:
        return min(bag - 0.1, th.verbatim - 0.01), "spun"
    return None


def differing_numbers(q: Sentence, s: Sentence) -> list[tuple[str, str]]:
    """(source number, copy number) for aligned figures whose values differ."""
    if NUM_CODE not in q.words or NUM_CODE not in s.words:
        return []
    out = []
    for op in Indel.opcodes(s.words, q.words):
        if op.tag != "equal":
            continue
        for i, j in zip(
            range(op.src_start, op.src_end), range(op.dest_start, op.dest_end), strict=True
        ):
            if s.words[i] != NUM_CODE:
                continue
            a, b = s.tokens[i], q.tokens[j]
            if is_number(a) and is_number(b) and _value(a) != _value(b):
                out.append((a, b))
    return out


class SentenceIndex:
    """Incremental sentence index: ``verdict`` against what was ``add``-ed before.

    ``lookup(article_id) -> text`` re-reads a source article when one of its sentences is a
    candidate and it is not among the recently prepared ones; without it, only articles added
    in this session can be scored.

    Example:
        >>> idx = SentenceIndex()
        >>> wire = ("Shelling killed 14 civilians in the old city of Aleppo on Wednesday, a monitor "
        ...         "said. Rescue teams searched the rubble of two houses until late at night.")
        >>> idx.add("a1", wire)
        >>> idx.verdict("a2", wire.replace("killed", "left dead")).status
        'spun'
    """

    def __init__(self, lookup: Lookup | None = None, thresholds: Thresholds | None = None) -> None:
        self.lookup = lookup
        self.th = thresholds or Thresholds()
        self._postings = Postings()
        self._cache: OrderedDict[str, dict[int, Sentence]] = OrderedDict()
        self._last: tuple[str, str, Prepared] | None = None

    # ------------------------------------------------------------------ persistence
    def to_rows(self) -> Iterable[tuple[int, str, int]]:
        """(key, article_id, sentence_no) rows, article by article in arrival order."""
        return self._postings.rows()

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[Sequence[Any]],
        lookup: Lookup | None = None,
        thresholds: Thresholds | None = None,
    ) -> SentenceIndex:
        """Rebuild from ``to_rows`` output (in that order, e.g. ORDER BY an insert sequence)."""
        idx = cls(lookup, thresholds)
        cap = idx.th.key_cap
        for key, article_id, sentence_no in rows:
            idx._postings.add(str(article_id), int(sentence_no), (int(key),), cap)
        return idx

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._postings

    def __len__(self) -> int:
        return len(self._postings)

    # ------------------------------------------------------------------ building
    def _prepare(self, article_id: str, text: str) -> Prepared:
        if self._last and self._last[0] == article_id and self._last[1] is text:
            return self._last[2]
        prepared = prepare(text)
        self._last = (article_id, text, prepared)
        return prepared

    def _remember(self, article_id: str, prepared: Prepared) -> None:
        self._cache[article_id] = {s.no: s for s in prepared.sentences}
        self._cache.move_to_end(article_id)
        if len(self._cache) > _CACHE_ARTICLES:
            self._cache.popitem(last=False)

    def _source(self, article_id: str) -> dict[int, Sentence] | None:
        got = self._cache.get(article_id)
        if got is not None:
            self._cache.move_to_end(article_id)
            return got
        text = self.lookup(article_id) if self.lookup else None
        if text is None:
            return None
        self._remember(article_id, prepare(text))
        return self._cache[article_id]

    def add(
        self, article_id: str, text: str, verdict: CopyVerdict | None = None
    ) -> list[tuple[int, str, int]]:
        """Index an article's sentences. Pass its verdict: a copy's copied sentences are then
        left out, so later copies trace to the first source and repeats do not look like
        boilerplate. Returns the (key, article_id, sentence_no) rows posted, for a store to
        persist (``from_rows`` re-applies the document-frequency cap)."""
        prepared = self._prepare(article_id, text)
        skip: set[int] = set()
        if verdict is not None and verdict.status != "original":
            skip = {m.sentence_no for m in verdict.matches}
        self._postings.number(article_id)
        rows = []
        for s in prepared.sentences:
            if s.keys and s.no not in skip:
                self._postings.add(article_id, s.no, s.keys, self.th.key_cap)
                rows += [(k, article_id, s.no) for k in dict.fromkeys(s.keys)]
        self._remember(article_id, prepared)
        return rows

    # ------------------------------------------------------------------ comparing
    def _candidates(self, s: Sentence, self_num: int | None) -> list[int] | None:
        """Refs of the earlier sentences sharing most keys; None when the sentence is boilerplate."""
        hits: dict[int, int] = {}
        common = 0
        cap = self.th.key_cap
        for k in s.keys:
            refs = self._postings.get(k)
            if refs is None:
                continue
            if len(refs) > cap:
                common += 1
                continue
            for ref in refs:
                hits[ref] = hits.get(ref, 0) + 1
        if s.keys and common * 2 >= len(s.keys):
            return None
        if self_num is not None:
            hits = {r: h for r, h in hits.items() if r >> 16 != self_num}
        return sorted(hits, key=lambda r: (-hits[r], r))[: self.th.candidates]

    def _rescue(
        self, unmatched: list[Sentence], matches: list[SentenceMatch]
    ) -> list[SentenceMatch]:
        """Second look at the unmatched sentences, against every sentence of the sources the
        article is already anchored to, with the lower ``rescue`` bar.

        Why: a heavily spun sentence (most content words swapped, clauses moved) can fall below
        the match bar, and its keys may not even be shared. Once several sentences tie an
        article to a source, the rest of that source is the likely origin; an independent report
        is rarely anchored, so the lower bar costs little precision.
        """
        th = self.th
        per: dict[str, list[float]] = {}
        for m in matches:
            per.setdefault(m.source_article, []).append(m.score)
        anchors = [
            a for a, sc in per.items() if len(sc) >= th.anchor_n or max(sc) >= th.anchor_score
        ]
        relaxed = Thresholds(
            **{**th.__dict__, "match": th.rescue, "bag_seq": min(th.bag_seq, th.rescue)}
        )
        out = []
        for s in unmatched:
            best: tuple[float, str, Kind, Sentence] | None = None
            for aid in anchors:
                for other in (self._source(aid) or {}).values():
                    scored = score_pair(s, other, relaxed)
                    if scored and (best is None or scored[0] > best[0]):
                        best = (scored[0], aid, scored[1], other)
            if best is not None:
                score, aid, kind, other = best
                out.append(_match(s, aid, other, score, kind))
        return out

    def _in_order(
        self, unmatched: list[Sentence], matches: list[SentenceMatch]
    ) -> list[SentenceMatch]:
        """Third look: a paraphrase keeps its source's order of sentences.

        Why: a rewrite that swaps most words of a sentence ("Armed assailants raided the
        village ... and burned homes" -> "armed gunmen raided the village, ... setting fire to
        their homes") scores under every bar, but it sits where its source sentence sat, between
        the sentences that did match. When several matches tie the article to one source in
        order, an unmatched sentence in a gap between them (or after the last, or before the
        first) pairs with a source sentence in the same gap that shares enough of its content
        words (``_content``). Independent reports of one incident tell the same facts, but
        never sentence by sentence in the same order once several of their sentences already
        match, so the bar can be low here and nowhere else.
        """
        th = self.th
        out: list[SentenceMatch] = []
        for aid, chain in _chains(matches, th.in_order_n).items():
            source = self._source(aid)
            if not source:
                continue
            bounds = [(-1, -1), *chain, (1 << 30, 1 << 30)]
            for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
                mine = [s for s in unmatched if i0 < s.no < i1]
                theirs = [source[j] for j in sorted(source) if j0 < j < j1]
                for s, other, score in _align(mine, theirs, th.in_order):
                    out.append(_match(s, aid, other, score, "spun"))
        return out

    def verdict(self, article_id: str, text: str) -> CopyVerdict:
        """Compare an article with everything indexed (never with itself).

        Example:
            >>> SentenceIndex().verdict("a1", "Nothing has been indexed yet, so this is new.").status
            'original'
        """
        th = self.th
        prepared = self._prepare(article_id, text)
        self_num = self._postings.number_of(article_id)
        ids = self._postings.ids
        matches: list[SentenceMatch] = []
        unmatched: list[Sentence] = []
        n_boiler = 0
        for s in prepared.sentences:
            refs = self._candidates(s, self_num)
            if refs is None:
                n_boiler += 1
                continue
            best: tuple[float, int, Kind, Sentence] | None = None
            matched_articles: set[int] = set()
            for ref in refs:
                src = self._source(ids[ref >> 16])
                other = src.get(ref & 0xFFFF) if src else None
                if other is None:
                    continue
                scored = score_pair(s, other, th)
                if scored is None:
                    continue
                matched_articles.add(ref >> 16)
                if best is None or (scored[0], -ref) > (best[0], -best[1]):
                    best = (scored[0], ref, scored[1], other)
            if len(matched_articles) >= th.df_cap:
                n_boiler += 1
                continue
            if best is not None:
                score, ref, kind, other = best
                matches.append(_match(s, ids[ref >> 16], other, score, kind))
            else:
                unmatched.append(s)
        if matches and unmatched:
            matches += self._rescue(unmatched, matches)
            matches.sort(key=lambda m: m.sentence_no)
            taken = {m.sentence_no for m in matches}
            unmatched = [s for s in unmatched if s.no not in taken]
        if matches and unmatched:
            matches += self._in_order(unmatched, matches)
            matches.sort(key=lambda m: m.sentence_no)
        sizes = {
            aid: sum(1 for s in (self._source(aid) or {}).values() if s.keys)
            for aid in {m.source_article for m in matches}
        }
        return _decide(article_id, matches, len(prepared.sentences) - n_boiler, n_boiler, th, sizes)


def _chains(matches: list[SentenceMatch], least: int) -> dict[str, list[tuple[int, int]]]:
    """Per source, the longest run of (sentence, source sentence) matches in the same order
    in both, when it has at least ``least`` pairs: the points a paraphrase is aligned between."""
    per: dict[str, list[tuple[int, int]]] = {}
    for m in sorted(matches, key=lambda m: m.sentence_no):
        per.setdefault(m.source_article, []).append((m.sentence_no, m.source_sentence_no))
    out = {}
    for aid, pairs in per.items():
        chain = _increasing(pairs)
        if len(chain) >= least:
            out[aid] = chain
    return out


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of ``pairs`` (sorted by their first item) that also rises
    in the second; quadratic, over a page's few matches."""
    best: list[list[tuple[int, int]]] = []
    for k, (i, j) in enumerate(pairs):
        prev = [best[q] for q in range(k) if pairs[q][0] < i and pairs[q][1] < j]
        best.append([*max(prev, key=len, default=[]), (i, j)])
    return max(best, key=len, default=[])


def _content(s: Sentence) -> Counter:
    """A sentence's content words (stop words and figures left out): what a paraphrase keeps
    when it changes the sentence's skeleton."""
    return Counter(t for t in s.tokens if t not in STOP_WORDS and not is_number(t))


def _align(
    mine: list[Sentence], theirs: list[Sentence], bar: float
) -> list[tuple[Sentence, Sentence, float]]:
    """The order-keeping pairing of two runs of sentences with the highest total overlap,
    pairs under ``bar`` left out (a small dynamic programme: a gap holds a few sentences)."""
    if not mine or not theirs:
        return []
    n, m = len(mine), len(theirs)
    words = [_content(b) for b in theirs]
    score = [[_dice(own, w) for w in words] for own in map(_content, mine)]
    total = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n):
        for j in range(m):
            pair = score[i][j] if score[i][j] >= bar else 0.0
            total[i + 1][j + 1] = max(total[i][j + 1], total[i + 1][j], total[i][j] + pair)
    out = []
    i, j = n, m
    while i and j:
        if total[i][j] == total[i - 1][j]:
            i -= 1
        elif total[i][j] == total[i][j - 1]:
            j -= 1
        else:
            out.append((mine[i - 1], theirs[j - 1], score[i - 1][j - 1]))
            i, j = i - 1, j - 1
    return out[::-1]


def _decide(
    article_id: str,
    matches: list[SentenceMatch],
    n: int,
    n_boiler: int,
    th: Thresholds,
    source_sizes: dict[str, int] | None = None,
) -> CopyVerdict:
    """The article-level status from its sentence matches (see ``Thresholds``).

    ``source_sizes`` (source id -> its comparable sentences) lets a page that copies most of
    a source count as its copy even when its own padding keeps the copied share of the page
    low: the stored source may be cut short, or the farm adds paragraphs of its own.
    """
    per_source = Counter(m.source_article for m in matches)
    order = {m.source_article: i for i, m in reversed(list(enumerate(matches)))}
    sources = sorted(per_source, key=lambda a: (-per_source[a], order[a]))
    copied = len(matches)
    share = copied / n if n else 0.0
    reasons: list[str] = []
    if n_boiler:
        reasons.append(f"{n_boiler} boilerplate sentence(s) ignored")
    status: Status = "original"
    if not copied:
        reasons.insert(0, f"none of {n} sentences matches an earlier article")
        return CopyVerdict(article_id, status, [], [], 0.0, reasons, n, n_boiler)
    listing = ", ".join(f"{a} ({per_source[a]})" for a in sources)
    reasons.insert(
        0, f"{copied} of {n} sentences match {len(sources)} earlier article(s): {listing}"
    )
    top = sources[0]
    top_n = per_source[top]
    others = copied - top_n
    size = (source_sizes or {}).get(top, 0)
    taken = len({m.source_sentence_no for m in matches if m.source_article == top})
    covers = size > 0 and taken >= th.source_share * size
    if (
        (top_n / n >= th.single_share or covers)
        and top_n >= th.single_min
        and others <= max(1, 0.2 * copied)
    ):
        if top_n / n < th.single_share:
            reasons.append(f"it takes {taken} of the {size} sentences of {top}")
        verbatim = sum(1 for m in matches if m.source_article == top and m.kind == "verbatim")
        mean = sum(m.score for m in matches if m.source_article == top) / top_n
        if verbatim / top_n >= th.syndicated_verbatim or mean >= th.syndicated_mean:
            status = "syndicated"
            reasons.append(f"{verbatim} of {top_n} matched sentences are verbatim")
        else:
            status = "spun"
            reasons.append(f"only {verbatim} of {top_n} matched sentences are verbatim")
    elif len(sources) >= 2 and (
        (copied >= th.stitch_min and share >= th.stitch_share)
        or (len(sources) >= th.stitch_many and copied >= th.stitch_many_min)
    ):
        status = "stitched"
        reasons.append(f"sentences from {len(sources)} earlier articles cover {share:.0%} of it")
    else:
        reasons.append(f"copied share {share:.0%} is too small for a copy")
    changed = sum(len(m.differing_numbers) for m in matches)
    if changed:
        reasons.append(f"{changed} figure(s) differ from the source sentence(s)")
    return CopyVerdict(article_id, status, sources, matches, round(share, 3), reasons, n, n_boiler)


def _sort_key(published: Any) -> tuple[int, dt.date]:
    """Published date (date part only, as written); unknown dates sort after known ones."""
    if isinstance(published, dt.datetime):
        return (0, published.date())
    if isinstance(published, dt.date):
        return (0, published)
    if isinstance(published, str) and published:
        try:
            return (0, dt.date.fromisoformat(published[:10]))
        except ValueError:
            pass
    return (1, dt.date.min)


def analyse(
    articles: Iterable[tuple[str, Any, str]], thresholds: Thresholds | None = None
) -> dict[str, CopyVerdict]:
    """Verdicts for (id, published, text) triples, each against the earlier ones.

    Articles are sorted by published date, ties (and unknown dates, which come last) in the
    order given.

    Example:
        >>> wire = ("Shelling killed 14 civilians in the old city of Aleppo on Wednesday, a monitor "
        ...         "said. Rescue teams searched the rubble of two houses until late at night.")
        >>> out = analyse([("b", "2024-03-15", wire), ("a", "2024-03-14", wire)])
        >>> out["a"].status, out["b"].status, out["b"].sources
        ('original', 'syndicated', ['a'])
    """
    items = list(articles)
    texts = {aid: text for aid, _, text in items}
    order = sorted(range(len(items)), key=lambda i: (_sort_key(items[i][1]), i))
    idx = SentenceIndex(lookup=texts.get, thresholds=thresholds)
    out: dict[str, CopyVerdict] = {}
    for i in order:
        aid, _, text = items[i]
        v = idx.verdict(aid, text or "")
        idx.add(aid, text or "", v)
        out[aid] = v
    return out
