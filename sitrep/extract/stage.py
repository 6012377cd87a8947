"""The extract stage: stored English articles -> claims, resumable article by article.

An article is marked with the extractor version in the same transaction that stores its claims,
so a killed run resumes where it stopped and a new extractor version re-extracts everything.
"""

from __future__ import annotations

import dataclasses
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sitrep.extract.plausible import check_claim
from sitrep.ingest.normalise import date_problem
from sitrep.model import Article, Claim
from sitrep.store.base import Store

Progress = Callable[[str, dict[str, Any]], None]


@dataclass
class ExtractReport:
    articles: int = 0
    claims: int = 0
    skipped_language: int = 0
    failed: int = 0
    notes: int = 0  # implausible values dropped or text skipped (each in the errors table)
    concurrent: int = 0  # extracted meanwhile by another process: left as that one stored it
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"articles": self.articles, "claims": self.claims,
                "skipped_language": self.skipped_language, "failed": self.failed,
                "notes": self.notes, "concurrent": self.concurrent, "seconds": round(self.seconds, 3)}  # fmt: skip


def plausible_article(article: Article) -> tuple[Article, list[str]]:
    """The article with an implausible publication date (stored before ingest checked it)
    treated as unknown, so "yesterday" is never resolved against year 9999."""
    if article.published is None:
        return article, []
    problem = date_problem(article.published)
    if problem is None:
        return article, []
    return dataclasses.replace(article, published=None), [
        f"publication {problem}: dates resolved as if it were unknown"
    ]


# The most of one article that is extracted. Long-form news runs to ~60,000 characters;
# 200,000 (about 1,500 sentences, ~1 s of rules extraction) is past any report, so only dumps,
# concatenated feeds or hostile input are cut. The rest is skipped, with the reason recorded.
MAX_EXTRACT_CHARS = 200_000


def extraction_window(
    article: Article, limit: int = MAX_EXTRACT_CHARS
) -> tuple[Article, list[str]]:
    """The article cut to its first ``limit`` characters (at the last paragraph or sentence
    break before the limit when there is one), and why. Offsets still index the full text."""
    if len(article.text) <= limit:
        return article, []
    head = article.text[:limit]
    cut = max(head.rfind("\n\n"), head.rfind(". ") + 1)
    cut = cut if cut > limit // 2 else limit
    note = (
        f"article has {len(article.text):,} characters: extracted the first {cut:,} "
        f"(limit {limit:,}), the rest skipped"
    )
    return dataclasses.replace(article, text=article.text[:cut]), [note]


def plausible_claims(claims: list[Claim]) -> tuple[list[Claim], list[str]]:
    """Claims with implausible figures and dates removed (phrases kept), and the reasons."""
    out, reasons = [], []
    for claim in claims:
        checked, why = check_claim(claim)
        out.append(checked)
        reasons += [f"claim {claim.id}: {r}" for r in why]
    return out, reasons


def extract(
    store: Store,
    *,
    batch_size: int = 100,
    progress: Progress | None = None,
    mode: str = "full",
) -> ExtractReport:
    """Extract claims from every English article not yet done by the current extractor.

    The rules find the claims; in ``mode="full"`` the learned classifier re-types them and
    the parser assigns roles, in ``"fast"`` only the classifier's TF-IDF half runs, in
    ``"rules"`` nothing else (see ``extract.cascade``). The version stamp names what ran, so
    changing the mode or a model re-extracts.

    Example:
        >>> import sitrep
        >>> store = sitrep.open_store("sqlite:///:memory:")
        >>> sitrep.extract(store).claims
        0
    """
    from sitrep.extract.cascade import Cascade

    cascade = Cascade(mode)
    version = cascade.version
    notify = progress or (lambda _e, _d: None)
    report = ExtractReport()
    started = time.perf_counter()
    run_id = store.start_run("extract")
    pending = store.count(
        "articles", "language = ? AND (extracted_with IS NULL OR extracted_with <> ?)",
        ("en", version),
    )  # fmt: skip
    report.skipped_language = store.count("articles", "language IS NULL OR language <> ?", ("en",))
    notify("start", {"articles": pending})
    batch: list[Any] = []
    status = "failed"

    def flush() -> None:
        # The models see only candidate sentences, a whole batch of articles per call.
        cascade.refine(
            [c for _, claims, _ in batch for c in claims], {a.id: a.title for a, _, _ in batch}
        )
        with store.transaction():
            # Another process (a concurrent `sitrep run`) may have extracted some of these
            # with this version since we read them, and verify may have given their claims
            # statuses since: rewriting them would wipe those statuses for nothing.
            done = store.extracted_with([a.id for a, _, _ in batch])
            for article, claims, places in batch:
                if done.get(article.id) == version:
                    report.concurrent += 1
                    continue
                store.replace_toponyms(article.id, places)
                store.replace_claims(article.id, claims, version)
        notify("advance", {"n": len(batch)})
        batch.clear()

    try:
        for article in store.iter_articles(language="en", pending_extractor=version):
            try:
                article, notes = plausible_article(article)
                window, cut = extraction_window(article, MAX_EXTRACT_CHARS)
                notes += cut
                claims, places = cascade.claims(window)
                claims, why = plausible_claims(claims)
                notes += why
            except Exception as exc:  # one article's failure must not stop the others
                report.failed += 1
                where = traceback.extract_tb(exc.__traceback__)[-1]
                with store.transaction():
                    store.add_error(run_id, "extract", article.id, None,
                                    f"{type(exc).__name__}: {exc} (at {where.name}:{where.lineno})")  # fmt: skip
                continue
            if notes:
                report.notes += len(notes)
                with store.transaction():
                    for note in notes:
                        store.add_error(run_id, "extract", article.id, None, note)
            batch.append((article, claims, places))
            report.articles += 1
            report.claims += len(claims)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        status = "done"
    finally:
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, status, report.as_dict())
        notify("end", report.as_dict())
    return report
