"""Article credibility signals: each one a number with a sentence that explains it.

The signals are what a careful reader checks before trusting a war report:

- corroboration: the share of the article's claims that independent reports corroborate,
  contest, or nobody else tells (``verify.consistency``);
- perpetrator disagreement: the share of the article's claims whose perpetrator (actor1)
  independent reports of the event name differently. It does not contest a claim (actor
  coding is noisier than figures), but FA-KES compared actors too, and on its dev part an
  article that blames someone else than the other reports do is more often labelled fake;
- the reference record: the share of checked claims a trusted dataset (UCDP GED, ACLED) has
  with other figures, or has no event for (``verify.reference``);
- provenance: an original report, a syndicated copy, a spun copy (word swaps to pass as new),
  or a page stitched from other reports (copy analysis of the fuse stage);
- attribution: how many claims, and how many casualty figures, name who they come from;
- internal inconsistency: the article itself gives two different tolls for one event without
  attributing them to different sources (quoting "SOHR 14, SANA 8" is balance, not
  inconsistency);
- title and body: a title repeated in the body or unrelated to it, as content farms do;
- the outlet's record in this corpus: how often its other reports were contested.

Signals are pure functions of stored results, so they can be recomputed at any time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from sitrep.fuse.events import cited_source
from sitrep.fuse.features import content_words
from sitrep.model import Article, Casualties, Claim, ClaimCheck, ReferenceCheck
from sitrep.verify.consistency import figures_agree

__all__ = ["FEATURES", "ArticleSignals", "article_signals", "title_body"]

# Order matters: it is the column order of the credibility model.
FEATURES = (
    "corroborated_share",
    "contested_share",
    "single_source_share",
    "perpetrator_differs_share",
    "reference_matched_share",
    "reference_differs_share",
    "reference_missing_share",
    "reference_figure_gap",
    "copy_syndicated",
    "copy_spun",
    "copy_stitched",
    "attributed_share",
    "unattributed_figures_share",
    "internal_inconsistency",
    "title_repeated",
    "title_unrelated",
    "max_killed_log",
    "n_claims_log",
    "outlet_contested_rate",
)


@dataclass
class ArticleSignals:
    article_id: str
    values: dict[str, float] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # signal -> what it is, in words

    def vector(self) -> list[float]:
        """Values in model order; NaN where the signal does not apply (no reference, no
        claims): the model then treats it as average, neither trust nor doubt."""
        return [self.values.get(name, math.nan) for name in FEATURES]


_SPACE = re.compile(r"\s+")


def title_body(title: str | None, text: str) -> tuple[bool, float]:
    """(title repeated in the body, share of title words the body lacks).

    Readers keep the title apart from the body, so a paragraph that is the title again (or
    two copies anywhere) is the content-farm habit of pasting the headline into the page.
    """
    if not title or not title.strip():
        return False, 0.0
    t = _SPACE.sub(" ", title.strip()).casefold()
    body = _SPACE.sub(" ", text).casefold()
    paragraphs = [_SPACE.sub(" ", p).strip().casefold() for p in text.split("\n\n")]
    repeated = body.count(t) >= 2 or t in paragraphs
    rest = body.replace(t, " ")  # the body proper, every copy of the title taken out
    words = content_words(t)
    if not words:
        return repeated, 0.0
    missing = len(words - content_words(rest)) / len(words)
    return repeated, missing


def _inconsistent_events(claims: Sequence[Claim], events: dict[str, str | None]) -> list[str]:
    """Events for which the article gives differing figures of one kind under one attribution."""
    found = []
    by_event: dict[str, list[Claim]] = {}
    for c in claims:
        eid = events.get(c.id)
        if eid:
            by_event.setdefault(eid, []).append(c)
    for eid, group in sorted(by_event.items()):
        clash = False
        for kind in Casualties.KINDS:
            told = [(cited_source(c), getattr(c.casualties, kind)) for c in group]
            told = [(s, f) for s, f in told if f is not None and f.best is not None]
            for i, (s1, f1) in enumerate(told):
                for s2, f2 in told[i + 1 :]:
                    if s1 == s2 and not figures_agree(f1, f2)[0]:
                        clash = True
        if clash:
            found.append(eid)
    return found


def _shares(
    s: ArticleSignals, found: Sequence[str], note: str, keys: Sequence[tuple[str, str]]
) -> None:
    """For each (label, key): the share of ``found`` that is ``label``, and its note
    (``note`` with ``k``, ``n`` and ``label`` filled in)."""
    for label, key in keys:
        k = found.count(label)
        s.values[key] = k / len(found)
        s.notes[key] = note.format(k=k, n=len(found), label=label)


def article_signals(
    article: Article,
    claims: Sequence[Claim],
    consistency: dict[str, ClaimCheck],
    reference: dict[str, ReferenceCheck] | None = None,
    outlet_contested: float | None = None,
) -> ArticleSignals:
    """The signals of one article from its claims' checks.

    ``reference`` maps claim id -> its reference check (``verdict``: matched / figures differ /
    no reference event / not checkable, and ``figures``) when a reference dataset was checked; ``outlet_contested`` is the
    share of contested claims among the outlet's *other* articles (None when it has none).
    """
    s = ArticleSignals(article.id)
    v, n = s.values, s.notes
    typed = [c for c in claims if c.id in consistency]
    statuses = [consistency[c.id].status for c in typed]
    if typed:
        _shares(
            s,
            statuses,
            "{k} of {n} claims {label}",
            (
                ("corroborated", "corroborated_share"),
                ("contested", "contested_share"),
                ("single-source", "single_source_share"),
            ),
        )
    perpetrators = [
        f.verdict
        for c in typed
        for f in consistency[c.id].fields
        if f.field == "actor1" and f.verdict != "not compared"
    ]
    if perpetrators:
        k = perpetrators.count("differs")
        v["perpetrator_differs_share"] = k / len(perpetrators)
        n["perpetrator_differs_share"] = (
            f"independent reports blame someone else in {k} of {len(perpetrators)} claims "
            "whose perpetrator they also name"
        )
    if reference:
        rows = [reference[c.id] for c in claims if c.id in reference]
        checked = [r.verdict for r in rows if r.verdict != "not checkable"]
        gaps = [
            abs(math.log1p(f.claim_best) - math.log1p(f.reference_best))
            for r in rows
            for f in r.figures
            if f.claim_best is not None and f.reference_best is not None
        ]
        if gaps:
            v["reference_figure_gap"] = sum(gaps) / len(gaps)
            n["reference_figure_gap"] = (
                f"death tolls differ from the reference by a factor of "
                f"{math.exp(v['reference_figure_gap']):.1f} on average ({len(gaps)} compared)"
            )
        if checked:
            _shares(s, checked, "{k} of {n} checked claims: {label} in the reference", (
                ("matched", "reference_matched_share"),
                ("figures differ", "reference_differs_share"),
                ("no reference event", "reference_missing_share"),
            ))  # fmt: skip
    status = article.copy_status or "original"
    for kind in ("syndicated", "spun", "stitched"):
        v[f"copy_{kind}"] = float(status == kind)
    n[f"copy_{status}"] = {
        "original": "an original report",
        "syndicated": "a syndicated copy of an earlier report",
        "spun": "a spun copy: an earlier report with words swapped",
        "stitched": "a page stitched from sentences of other reports",
    }.get(status, status)
    if claims:
        attributed = sum(1 for c in claims if c.sources)
        v["attributed_share"] = attributed / len(claims)
        n["attributed_share"] = f"{attributed} of {len(claims)} claims name their source"
        figures = [c for c in claims if any(getattr(c.casualties, k) for k in Casualties.KINDS)]
        if figures:
            bare = sum(1 for c in figures if not c.sources)
            v["unattributed_figures_share"] = bare / len(figures)
            n["unattributed_figures_share"] = (
                f"{bare} of {len(figures)} casualty figures say nobody's account"
            )
    events = {c.id: consistency[c.id].event_id for c in typed}
    clashes = _inconsistent_events(claims, events)
    v["internal_inconsistency"] = float(len(clashes))
    if clashes:
        n["internal_inconsistency"] = (
            f"gives different figures for {len(clashes)} event(s) under one attribution"
        )
    repeated, unrelated = title_body(article.title, article.text)
    v["title_repeated"] = float(repeated)
    v["title_unrelated"] = unrelated
    if repeated:
        n["title_repeated"] = "the title is repeated in the body"
    n["title_unrelated"] = f"{unrelated:.0%} of the title's words are not in the body"
    killed = [
        c.casualties.killed.best
        for c in claims
        if c.casualties.killed and c.casualties.killed.best is not None
    ]
    if killed:
        v["max_killed_log"] = math.log1p(max(killed))
        n["max_killed_log"] = f"largest death toll told: {max(killed)}"
    v["n_claims_log"] = math.log1p(len(claims))
    n["n_claims_log"] = f"{len(claims)} claims"
    if outlet_contested is not None:
        v["outlet_contested_rate"] = outlet_contested
        n["outlet_contested_rate"] = (
            f"{outlet_contested:.0%} of the outlet's other claims are contested"
        )
    return s
