"""Fusion in blocks gives the events of one ``fuse_claims`` call, and the claims that tie
blocks together (copies, no country, no date, a vague claim's look-back) do tie them."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from partition_claims import Mix, claim_set

import sitrep
from sitrep.extract.stage import extract
from sitrep.fuse.features import FOLLOW_UP_DAYS, ArticleInfo
from sitrep.fuse.fusion import fuse_claims
from sitrep.fuse.partition import blocks, fuse_partitioned
from sitrep.fuse.stage import article_infos
from sitrep.model import Casualties, Claim, Figure, Place, Span, When

DAY = dt.date(2023, 5, 10)
SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def shelling(
    cid: str,
    aid: str,
    *,
    day: dt.date | None = DAY,
    country: str | None = "SYR",
    killed: int | None = 9,
    text: str = "Shelling hit the market of Ariha, killing 9.",
) -> Claim:
    place = Place(
        text="Ariha",
        name="Ariha",
        lat=35.81,
        lon=36.61,
        country=country,
        precision=1,
        gazetteer_id="t:ariha" if country else None,
    )
    return Claim(
        id=cid,
        article_id=aid,
        sentence=Span(0, len(text), text),
        event_type=SHELLING[0],
        sub_event_type=SHELLING[1],
        place=place,
        when=When(text="on Monday", start=day, end=day, precision="day") if day else None,
        casualties=Casualties(killed=Figure(killed, killed, killed, "killing") if killed else None),
    )


def info(aid: str, published: dt.date | None = DAY, group: str | None = None) -> ArticleInfo:
    return ArticleInfo(
        aid, f"outlet-{aid}", group or aid, published, "syndicated" if group else None
    )


def one_call_and_blocks(claims: list[Claim], articles: dict[str, ArticleInfo]) -> None:
    assert fuse_partitioned(claims, articles) == fuse_claims(claims, articles)


@pytest.mark.parametrize("seed", range(4))
def test_blocks_of_quiet_countries_and_months_fuse_as_one_call(seed: int) -> None:
    claims, articles = claim_set(seed)
    found = blocks(claims, articles)
    assert len(found) >= 10  # the bursts of each country are blocks of their own
    assert sorted(c.id for b in found for c in b.claims) == sorted(c.id for c in claims)
    one_call_and_blocks(claims, articles)


@pytest.mark.parametrize("seed", range(4))
def test_claims_with_no_country_no_date_and_reactions_fuse_as_one_call(seed: int) -> None:
    claims, articles = claim_set(seed, mix=Mix(countryless=0.02, undated=0.02, reactions=0.03))
    one_call_and_blocks(claims, articles)
    # A claim with no country meets every country of its days: blocks run together.
    assert len(blocks(*claim_set(seed, mix=Mix(countryless=0.01)))) < len(blocks(*claim_set(seed)))


def test_packing_small_blocks_keeps_them_apart() -> None:
    claims, articles = claim_set(7)
    packed = blocks(claims, articles, min_claims=200)
    assert len(packed) < len(blocks(claims, articles))
    assert sum(len(b.claims) for b in packed) == len(claims)
    assert fuse_partitioned(claims, articles, min_claims=200) == fuse_claims(claims, articles)


# Each case: claims in two countries or months that fusion ties together, and would fuse
# differently apart: the partition must put them in one block.
def _copy_next_month() -> tuple[list[Claim], dict[str, ArticleInfo]]:
    """A syndicated copy published weeks later re-dates "on Monday" to its own week: it
    still joins its source's event, through the report they share."""
    late = DAY + dt.timedelta(days=40)
    return (
        [shelling("c1", "a1"), shelling("c2", "a2", day=late)],
        {"a1": info("a1"), "a2": info("a2", published=late, group="a1")},
    )


def _no_country() -> tuple[list[Claim], dict[str, ArticleInfo]]:
    """A report whose place resolved to no country meets the event of its day and town."""
    return (
        [shelling("c1", "a1"), shelling("c2", "a2", country=None)],
        {"a1": info("a1"), "a2": info("a2")},
    )


def _no_date() -> tuple[list[Claim], dict[str, ArticleInfo]]:
    """An undated page joins the dated event of its town and type, months away or not."""
    return (
        [shelling("c1", "a1"), shelling("c2", "a2", day=None)],
        {"a1": info("a1"), "a2": info("a2", published=None)},
    )


def _follow_up() -> tuple[list[Claim], dict[str, ArticleInfo]]:
    """A report with no date and no figure of its own, published weeks later (next month),
    joins the only event at its place in the weeks before."""
    later = DAY + dt.timedelta(days=FOLLOW_UP_DAYS - 3)
    text = "Shelling of Ariha has left the market in ruins."
    return (
        [shelling("c1", "a1"), shelling("c2", "a2", day=None, killed=None, text=text)],
        {"a1": info("a1"), "a2": info("a2", published=later)},
    )


@pytest.mark.parametrize("case", [_copy_next_month, _no_country, _no_date, _follow_up])
def test_claims_fusion_ties_across_a_boundary_are_one_block(case) -> None:  # type: ignore[no-untyped-def]
    claims, articles = case()
    apart = {
        frozenset(e.claims)
        for c in claims
        for e in fuse_claims([c], {c.article_id: articles[c.article_id]})
    }
    together = {frozenset(e.claims) for e in fuse_claims(claims, articles)}
    assert together == {frozenset({"c1", "c2"})} != apart, "the case no longer ties its claims"
    assert len(blocks(claims, articles)) == 1
    one_call_and_blocks(claims, articles)


def test_a_month_end_between_two_reports_is_no_boundary() -> None:
    """Two reports of one incident, one dated May 31 and one June 1: one block, one event."""
    may, june = dt.date(2023, 5, 31), dt.date(2023, 6, 1)
    claims = [shelling("c1", "a1", day=may), shelling("c2", "a2", day=june)]
    articles = {"a1": info("a1", may), "a2": info("a2", june)}
    (block,) = blocks(claims, articles)
    assert block.key == ("SYR", "2023-05..2023-06") and block.crosses
    one_call_and_blocks(claims, articles)


def test_far_apart_incidents_are_separate_blocks() -> None:
    claims = [
        shelling("c1", "a1"),
        shelling("c2", "a2", day=DAY + dt.timedelta(days=200)),
        dataclasses.replace(shelling("c3", "a3"), place=Place(text="Kharkiv", country="UKR")),
    ]
    articles = {"a1": info("a1"), "a2": info("a2", DAY + dt.timedelta(days=200)), "a3": info("a3")}
    keys = sorted(b.key for b in blocks(claims, articles))
    assert keys == [("SYR", "2023-05"), ("SYR", "2023-11"), ("UKR", "2023-05")]
    one_call_and_blocks(claims, articles)


@pytest.mark.slow
def test_the_samples_and_a_synthetic_copy_set_fuse_as_one_call(tmp_path, samples) -> None:  # type: ignore[no-untyped-def]
    """Real extraction output (rules mode): the samples and a generated set of copies, spins
    and stitched pages (``evaluate.synthetic``), each store's claims in blocks."""
    import json

    from sitrep.evaluate.synthetic import generate

    rows = [g.row() for g in generate(3).articles]
    synthetic = tmp_path / "synthetic.jsonl"
    synthetic.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for source in (samples, synthetic):
        with sitrep.open_store(f"sqlite:///{tmp_path / (source.stem + '.db')}") as store:
            sitrep.ingest([str(source)], store)
            extract(store, mode="rules")
            sitrep.fuse(store)  # the copy analysis, which fusion reads
            claims = list(store.claims.iter())
            articles = article_infos(store, [c.article_id for c in claims])
        assert len(claims) > 40
        one_call_and_blocks(claims, articles)
