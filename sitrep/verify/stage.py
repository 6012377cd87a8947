"""The verify stage: every claim's consistency, every article's verdict, with reasons.

An article's verdict rests on checkable findings (``verify.evidence``: contradicted or matched
by independent reports and by the reference, spun or stitched, internally inconsistent,
unattributed, a title that does not fit) by the evidence rule. The learned credibility score
is computed and stored next to it (``learned_score``) but gives the verdict only when the model
file says it beat the evidence rule on unseen articles (``verdict_from: "learned"``).

Runs after fuse and recomputes everything it writes: a claim's status depends on every other
report of its event, and an outlet's record on all its articles, so a new article can change
verdicts far from it. The work is linear in claims and cheap next to extraction.

With ``reference`` (a path or a loaded reference dataset) every claim is also checked against
it and those checks are stored; later runs without one reuse the stored checks, so a user
checks against UCDP once and keeps the verdicts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.fuse.stage import article_infos
from sitrep.model import (
    Article,
    ArticleVerdict,
    Claim,
    ClaimCheck,
    Finding,
    ReferenceCheck,
    ScoreReason,
)
from sitrep.stages import Progress, StageReport, no_progress, recorded_run
from sitrep.store.base import Store
from sitrep.verify.consistency import check_event
from sitrep.verify.credibility import PRIORS, CredibilityModel, load_model, verdict_of
from sitrep.verify.evidence import evidence_score, findings
from sitrep.verify.evidence import verdict as evidence_verdict
from sitrep.verify.signals import ArticleSignals, article_signals

__all__ = ["VerifyReport", "explain", "verify"]

TOP_REASONS = 4


@dataclass
class VerifyReport(StageReport):
    claims: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    articles: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    reference: dict[str, Any] | None = None


def explain(model: CredibilityModel, signals: ArticleSignals) -> list[ScoreReason]:
    """The signals that moved the score most, each with its words and direction."""
    out = []
    for name, weight in model.contributions(signals.vector())[:TOP_REASONS]:
        note = signals.notes.get(name, name.replace("_", " "))
        if name in model.priors:
            note += f" (weight set by hand: {PRIORS[name][1]})"
        direction = "raises trust" if weight > 0 else "lowers trust"
        out.append(ScoreReason(name, round(weight, 3), direction, note))
    return out


def _consistency(
    store: Store, claims: dict[str, Claim]
) -> tuple[dict[str, ClaimCheck], dict[str, Any]]:
    articles = article_infos(store, sorted({c.article_id for c in claims.values()}))
    out: dict[str, ClaimCheck] = {}
    for event in store.events.iter():
        members = [claims[cid] for cid in event.claims if cid in claims]
        for result in check_event(event.id, members, articles):
            out[result.claim_id] = result
    return out, articles


def _reference_checks(
    store: Store, claims: list[Claim], reference: Any
) -> tuple[dict[str, ReferenceCheck], dict[str, Any] | None]:
    """claim id -> reference check; checks anew when a reference is given."""
    if reference is None:
        return store.checks.references(), None
    from sitrep.verify.reference import check_claims, load_reference

    ref = load_reference(reference) if isinstance(reference, (str, Path)) else reference
    typed = [c for c in claims if c.event_type]
    checks = check_claims(typed, ref)
    name = Path(str(ref.path)).name
    for claim, check in zip(typed, checks, strict=True):
        check.claim_id, check.article_id, check.reference = claim.id, claim.article_id, name
    store.checks.replace_references(name, checks)
    summary = {"file": name, **Counter(c.verdict for c in checks)}
    return {c.claim_id: c for c in checks}, summary


def _verdict(
    cred: CredibilityModel, article: Article, signals: ArticleSignals, found: list[Finding]
) -> ArticleVerdict:
    """The article's verdict: by the evidence rule, or by the learned score when the model
    file says it beat the evidence on unseen articles."""
    learned = cred.score(signals.vector())
    by_evidence, ev_score = evidence_verdict(found), evidence_score(found)
    use_model = cred.verdict_from == "learned"
    return ArticleVerdict(
        article_id=article.id,
        score=round(learned if use_model else ev_score, 4),
        verdict=verdict_of(learned) if use_model else by_evidence,
        basis="learned" if use_model else "evidence",
        evidence_verdict=by_evidence,
        evidence_score=round(ev_score, 4),
        learned_score=round(learned, 4),
        findings=found,
        copy_status=article.copy_status or "original",
        signals={k: round(v, 4) for k, v in signals.values.items()},
        notes=signals.notes,
        reasons=explain(cred, signals),
    )


def verify(
    store: Store,
    *,
    reference: Any = None,
    model: CredibilityModel | str | Path | None = None,
    progress: Progress | None = None,
) -> VerifyReport:
    """Check every claim against its event's independent reports (and the reference, when
    given), score every article, store statuses, verdicts and reasons.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> sitrep.verify(store).claims
        0
    """
    notify = progress or no_progress
    report = VerifyReport()
    with recorded_run(store, "verify", report, progress):
        cred = model if isinstance(model, CredibilityModel) else load_model(model)
        claims = {c.id: c for c in store.claims.iter()}
        report.claims = len(claims)
        notify("start", {"claims": len(claims), "articles": store.count("articles")})
        consistency, infos = _consistency(store, claims)
        by_article: dict[str, list[Claim]] = {}
        for c in claims.values():
            by_article.setdefault(c.article_id, []).append(c)
        references, report.reference = _reference_checks(store, list(claims.values()), reference)
        # Each outlet's contested share, to judge an article by its outlet's *other* reports.
        contested: Counter[str] = Counter()
        typed: Counter[str] = Counter()
        for c in claims.values():
            outlet = infos[c.article_id].outlet if c.article_id in infos else None
            if c.id in consistency and outlet:
                typed[outlet] += 1
                contested[outlet] += consistency[c.id].status == "contested"
        verdicts = []
        copies = store.copies.verdicts([a.id for a in store.articles.iter()])
        for a in store.articles.iter():
            mine = sorted(by_article.get(a.id, []), key=lambda c: c.sentence.start)
            own_typed = sum(1 for c in mine if c.id in consistency)
            own_contested = sum(
                1 for c in mine if c.id in consistency and consistency[c.id].status == "contested"
            )
            rate = None
            if a.outlet and typed[a.outlet] - own_typed > 0:
                rate = (contested[a.outlet] - own_contested) / (typed[a.outlet] - own_typed)
            signals = article_signals(a, mine, consistency, references, rate)
            found = findings(a, mine, consistency, references, copies.get(a.id), signals, claims)
            verdicts.append(_verdict(cred, a, signals, found))
            notify("advance", {"n": 1})
        for check in consistency.values():
            if check.claim_id in references:
                check.reference = references[check.claim_id].verdict
        restated = []  # claims whose stored status changes: exports read it from the claim
        for c in claims.values():
            new_status = consistency[c.id].status if c.id in consistency else None
            if c.status != new_status:
                c.status = new_status
                restated.append(c)
        with store.transaction():
            store.checks.replace_claims(list(consistency.values()))
            store.claims.update_statuses(restated)
            store.checks.replace_verdicts(verdicts)
        report.statuses = dict(Counter(c.status for c in consistency.values()))
        report.articles = len(verdicts)
        report.verdicts = dict(Counter(v.verdict for v in verdicts))
    return report
