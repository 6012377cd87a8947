"""An article's verdict from findings a reader can check, each with its reason.

A score learned from a few hundred labelled articles did not hold on articles it was not
fitted on (FA-KES held out: AUC 0.51), so the verdict rests on what can be checked: each
finding names the claims, reports or reference rows it comes from, and a reader who opens
them can see whether it holds.

Findings, with the side they bear on and their weight:

=================================  =======  ======  ==========================================
kind                               bearing  weight  when
=================================  =======  ======  ==========================================
spun or stitched copy              against  4       the copy analysis found the page spun or
                                                    stitched, against its original or from
                                                    the page itself ("intrinsic")
contradicted by the reference      against  2       a claim's death toll is beyond the
                                                    reference's tolerance (its uncertainty
                                                    included) for the rows that match it
matched by the reference           for      2       claims match reference rows, no figure
                                                    beyond tolerance
absent from the reference          against  1       a checkable deadly claim has no row in a
                                                    reference that records deadly events
contradicted by independent        against  1       another independent report (copies count
reports                                             as their original) gives a figure beyond
                                                    tolerance, and the claim names no source
                                                    or its own source is quoted otherwise
                                                    there: one side is wrong, maybe not this
                                                    one, hence the low weight
corroborated by independent        for      1       another independent report going back to
reports                                             another original source tells it alike
another perpetrator                against  1       independent reports blame someone else
internal inconsistency             against  1       two tolls for one event under one
                                                    attribution, without saying why
no attribution                     against  1       casualty figures, and none says whose
                                                    account it is
title                              against  1       the title repeated in the body, or most
                                                    of its words absent from the body
sources disagree                   note     0       the figures differ, but this claim names
                                                    its source and no report that differs
                                                    quotes that source otherwise
syndicated copy, not checkable     note     0       shown, not weighed
=================================  =======  ======  ==========================================

Each kind counts once per article whatever the number of claims behind it (the reason says
how many): ten claims repeating one corroborated toll are one finding, not ten.

The verdict rule (``verdict``):

1. a spun or stitched page is ``doubtful`` whatever else: its text hides where it comes from;
2. no finding for or against: ``unverified`` (nothing a reader could check);
3. otherwise the heavier side wins: against > for, with at least ``DOUBT`` against:
   ``doubtful`` (one weak finding, say no attribution alone, is a caution, not a verdict:
   it makes ``uncertain``); for > against: ``credible``; a tie: ``uncertain``.

The evidence score ``(for + 1) / (for + against + 2)`` orders articles the same way (0.5
when nothing was found) and is what the evaluation ranks by.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitrep.fuse.events import cited_source
from sitrep.model import (
    Article,
    Casualties,
    Claim,
    ClaimCheck,
    CopyVerdict,
    Finding,
    ReferenceCheck,
)
from sitrep.verify.signals import ArticleSignals

__all__ = [
    "AGAINST",
    "DOUBT",
    "FOR",
    "NOTE",
    "VERDICTS",
    "Finding",
    "evidence_score",
    "findings",
    "verdict",
]

FOR, AGAINST, NOTE = "for", "against", "note"
DOUBT = 2  # the least weight against (and more than for) that makes an original doubtful
VERDICTS = ("credible", "uncertain", "doubtful", "unverified")
TITLE_UNRELATED = 0.8  # share of the title's content words missing from the body
TITLE_MIN_WORDS = 3  # a shorter title ("Syria") says too little to be unrelated
SHOWN_IDS = 5


def _ids(ids: Sequence[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


def _provenance(article: Article, copy: CopyVerdict | None) -> list[Finding]:
    status = article.copy_status or (copy.status if copy else None) or "original"
    sources = list((copy.sources if copy else None) or ([article.dup_of] if article.dup_of else []))
    if status in ("spun", "stitched"):
        if (copy is not None and copy.evidence == "intrinsic") or not sources:
            reasons = (copy.reasons if copy else None) or ["its own text"]
            how = "from the page itself: " + "; ".join(reasons)
        else:
            share = copy.share_copied if copy else None
            how = f"against {_ids(sources)}" + (
                f" ({share:.0%} of its sentences copied)" if share is not None else ""
            )
        word = (
            "a spun copy (words swapped)"
            if status == "spun"
            else "a page stitched from other reports"
        )
        return [Finding("spun or stitched copy", AGAINST, 4, f"{word}, {how}", sources=sources)]
    if status == "syndicated":
        return [
            Finding(
                "syndicated copy",
                NOTE,
                0,
                f"a syndicated copy of {_ids(sources) or 'an earlier report'}: its "
                "claims count as that report's, not as a confirmation",
                sources=sources,
            )
        ]
    return []


def _explained(c: Claim, check: ClaimCheck, others: Mapping[str, Claim]) -> bool:
    """Whether a contested claim's disagreement does not count against it: it says whose
    figure it gives ("14, SOHR said") and no report that differs quotes that same source.
    The article then reports its source faithfully, and a reader can check that source; the
    other figure is another source's or nobody's. A claim that names no source, or whose own
    source is quoted otherwise elsewhere, is contradicted."""
    mine = cited_source(c)
    differing = [
        o
        for f in check.fields
        if f.verdict == "differs" and f.field in Casualties.KINDS
        for o in f.against
    ]
    if not mine or not differing:
        return False
    theirs = [cited_source(others[o]) if o in others else None for o in differing]
    return all(not t or t.casefold() != mine.casefold() for t in theirs)


def _reports(
    typed: Sequence[Claim], consistency: dict[str, ClaimCheck], others: Mapping[str, Claim]
) -> list[Finding]:
    out = []
    contested = [c for c in typed if consistency[c.id].status == "contested"]
    disputed = [c for c in contested if _explained(c, consistency[c.id], others)]
    contested = [c for c in contested if c not in disputed]
    if disputed:
        first = consistency[disputed[0].id]
        why = next((r for r in first.reasons if ":" in r), "")
        out.append(
            Finding(
                "sources disagree",
                NOTE,
                0,
                f"{len(disputed)} claim(s) give their named source's figure; independent reports "
                f"give another source's or an unattributed one; first: {why}",
                claims=[c.id for c in disputed],
            )
        )
    if contested:
        first = consistency[contested[0].id]
        why = next(
            (r for r in first.reasons if ":" in r), first.reasons[0] if first.reasons else ""
        )
        sources = sorted(
            {
                o
                for c in contested
                for f in consistency[c.id].fields
                if f.verdict == "differs" and f.field in Casualties.KINDS
                for o in f.against
            }
        )
        out.append(
            Finding(
                "contradicted by independent reports",
                AGAINST,
                1,
                f"{len(contested)} of {len(typed)} claims have a figure another independent report "
                f"tells otherwise, and the claim names no source or its source is quoted otherwise; "
                f"first: {why}",
                claims=[c.id for c in contested],
                sources=sources,
            )
        )
    corroborated = [c for c in typed if consistency[c.id].status == "corroborated"]
    if corroborated:
        others = sorted(
            {
                o
                for c in corroborated
                for f in consistency[c.id].fields
                if f.verdict == "agrees"
                for o in f.against
            }
        )
        first = consistency[corroborated[0].id].reasons
        out.append(
            Finding(
                "corroborated by independent reports",
                FOR,
                1,
                f"{len(corroborated)} of {len(typed)} claims told alike by independent reports"
                + (f"; first: {first[-1]}" if first else ""),
                claims=[c.id for c in corroborated],
                sources=others,
            )
        )
    blamed = [
        (c, f)
        for c in typed
        for f in consistency[c.id].fields
        if f.field == "actor1" and f.verdict == "differs"
    ]
    if blamed:
        _, f = blamed[0]
        out.append(
            Finding(
                "another perpetrator",
                AGAINST,
                1,
                f"independent reports blame someone else in {len(blamed)} claim(s): {f.detail}",
                claims=[c.id for c, _ in blamed],
                sources=sorted({o for _, f in blamed for o in f.against}),
            )
        )
    return out


def _reference(claims: Sequence[Claim], references: dict[str, ReferenceCheck]) -> list[Finding]:
    rows = [(c, references[c.id]) for c in claims if c.id in references]
    if not rows:
        return []
    dataset = rows[0][1].dataset or rows[0][1].reference or "the reference"
    out = []
    by: dict[str, list[tuple[Claim, ReferenceCheck]]] = {}
    for c, r in rows:
        by.setdefault(r.verdict, []).append((c, r))
    differ = by.get("figures differ", [])
    if differ:
        notes = [f.note for _, r in differ for f in r.figures if f.status == "differs"]
        ids = [i for _, r in differ for i in r.reference_ids[:1]]
        out.append(
            Finding(
                "contradicted by the reference",
                AGAINST,
                2,
                f"{len(differ)} claim(s) give a death toll {dataset} does not allow (rows "
                f"{_ids(ids)}); first: {notes[0] if notes else 'figures differ'}",
                claims=[c.id for c, _ in differ],
                sources=ids,
            )
        )
    matched = by.get("matched", [])
    if matched:
        ids = [i for _, r in matched for i in r.reference_ids[:1]]
        out.append(
            Finding(
                "matched by the reference",
                FOR,
                2,
                f"{len(matched)} claim(s) match {dataset} rows ({_ids(ids)}) in date, place and type"
                " with no death toll beyond tolerance",
                claims=[c.id for c, _ in matched],
                sources=ids,
            )
        )
    missing = by.get("no reference event", [])
    if missing:
        first = missing[0][1].reasons or ["no row matches"]
        out.append(
            Finding(
                "absent from the reference",
                AGAINST,
                1,
                f"{len(missing)} checkable claim(s) have no {dataset} row; first: {first[0]}",
                claims=[c.id for c, _ in missing],
            )
        )
    unchecked = by.get("not checkable", [])
    if unchecked:
        whys: dict[str, int] = {}
        for _, r in unchecked:
            whys[r.why or "?"] = whys.get(r.why or "?", 0) + 1
        out.append(
            Finding(
                "not checkable against the reference",
                NOTE,
                0,
                f"{len(unchecked)} claim(s) not checkable against {dataset}: "
                + ", ".join(f"{n} {why}" for why, n in sorted(whys.items(), key=lambda kv: -kv[1])),
                claims=[c.id for c, _ in unchecked],
            )
        )
    return out


def _page(article: Article, claims: Sequence[Claim], signals: ArticleSignals) -> list[Finding]:
    out = []
    v, n = signals.values, signals.notes
    if v.get("internal_inconsistency", 0) > 0:
        out.append(Finding("internal inconsistency", AGAINST, 1, n["internal_inconsistency"]))
    figures = [c for c in claims if any(getattr(c.casualties, k) for k in Casualties.KINDS)]
    if figures and not any(c.sources for c in claims):
        out.append(
            Finding(
                "no attribution",
                AGAINST,
                1,
                f"{len(figures)} casualty figure(s) and no claim says whose account it is",
                claims=[c.id for c in figures],
            )
        )
    if v.get("title_repeated"):
        out.append(Finding("title", AGAINST, 1, "the title is repeated in the body"))
    else:
        from sitrep.fuse.features import content_words

        words = content_words(article.title or "")
        if len(words) >= TITLE_MIN_WORDS and v.get("title_unrelated", 0) >= TITLE_UNRELATED:
            out.append(
                Finding(
                    "title",
                    AGAINST,
                    1,
                    f"the title does not match the body: {n['title_unrelated']}",
                )
            )
    return out


def findings(
    article: Article,
    claims: Sequence[Claim],
    consistency: dict[str, ClaimCheck],
    references: dict[str, ReferenceCheck] | None,
    copy: CopyVerdict | None,
    signals: ArticleSignals,
    others: Mapping[str, Claim] | None = None,
) -> list[Finding]:
    """Every finding about one article, heaviest first (notes last).

    ``consistency`` maps claim id -> its check against independent reports, ``references``
    claim id -> its reference check, ``copy`` the stored copy verdict, ``signals`` the
    article's signals (internal inconsistency and title are read from them), ``others`` every
    claim by id (to see whom the reports that differ cite).
    """
    typed = [c for c in claims if c.id in consistency]
    out = [
        *_provenance(article, copy),
        *_reference(claims, references or {}),
        *_reports(typed, consistency, others or {}),
        *_page(article, claims, signals),
    ]
    return sorted(out, key=lambda f: (f.bearing == NOTE, -f.weight))


def _sides(found: Sequence[Finding]) -> tuple[int, int]:
    support = sum(f.weight for f in found if f.bearing == FOR)
    against = sum(f.weight for f in found if f.bearing == AGAINST)
    return support, against


def evidence_score(found: Sequence[Finding]) -> float:
    """``(for + 1) / (for + against + 2)``: 0.5 with nothing found, towards 1 with support."""
    support, against = _sides(found)
    return (support + 1) / (support + against + 2)


def verdict(found: Sequence[Finding]) -> str:
    """The verdict rule of the module docstring: provenance first, then the heavier side.

    Example:
        >>> verdict([Finding("matched by the reference", FOR, 2, "1 claim matches")])
        'credible'
        >>> verdict([])
        'unverified'
    """
    if any(f.kind == "spun or stitched copy" for f in found):
        return "doubtful"
    support, against = _sides(found)
    if not support and not against:
        return "unverified"
    if against > support and against >= DOUBT:
        return "doubtful"
    return "credible" if support > against else "uncertain"
