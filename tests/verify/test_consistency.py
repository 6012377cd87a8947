"""Claim consistency: figures within tolerance, copies collapsed, one original source."""

from __future__ import annotations

import datetime as dt

from sitrep.fuse.features import ArticleInfo
from sitrep.model import Casualties, Claim, Figure, Place, Source, Span, When
from sitrep.verify.consistency import check_event, figures_agree

ALEPPO = Place("Aleppo", name="Aleppo", lat=36.2, lon=37.16, country="SYR", precision=1)


def _claim(cid, article, killed, *, text=None, source=None, day=13, place=ALEPPO, start=0):
    fig = Figure(best=killed, low=killed, high=killed, text=text or str(killed))
    if text and text.startswith("at least"):
        fig = Figure(best=killed, low=killed, high=None, text=text)
    return Claim(
        id=cid,
        article_id=article,
        sentence=Span(start, start + 10, f"{cid} sentence"),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        place=place,
        when=When("on Wednesday", dt.date(2024, 3, day), dt.date(2024, 3, day), "day"),
        casualties=Casualties(killed=fig),
        sources=[Source(source, name=source)] if source else [],
    )


def _arts(*infos):
    return {i.id: i for i in infos}


def test_figures_within_tolerance_agree_and_far_ones_differ():
    assert figures_agree(Figure(10, 10, 10), Figure(11, 11, 11))[0]
    assert figures_agree(Figure(112, 112, None, "at least 112"), Figure(126, 126, 126))[0]
    ok, gap = figures_agree(Figure(14, 14, 14), Figure(8, 8, 8))
    assert not ok and gap == 6
    assert not figures_agree(Figure(20, 20, 20), Figure(25, 25, 25))[0]


def test_independent_tolls_that_differ_contest_each_other_with_the_source_named():
    a = _claim("a", "A", 14, source="SOHR")
    b = _claim("b", "B", 8, source="SANA")
    arts = _arts(ArticleInfo("A", "levant-wire"), ArticleInfo("B", "cedar-herald"))
    by_id = {r.claim_id: r for r in check_event("ev", [a, b], arts)}
    assert by_id["a"].status == by_id["b"].status == "contested"
    killed = next(f for f in by_id["a"].fields if f.field == "killed")
    assert killed.verdict == "differs" and "SANA" in killed.detail and "6" in killed.detail
    assert any("cedar-herald" in r for r in by_id["a"].reasons)


def test_agreeing_reports_from_different_sources_corroborate():
    a = _claim("a", "A", 14, source="SOHR")
    b = _claim("b", "B", 13, source="White Helmets", day=14)
    arts = _arts(ArticleInfo("A", "x"), ArticleInfo("B", "y"))
    results = check_event("ev", [a, b], arts)
    assert {r.status for r in results} == {"corroborated"}
    assert all(r.independent == 1 for r in results)


def test_a_copy_neither_corroborates_nor_contests_its_original():
    a = _claim("a", "A", 14, source="SOHR")
    copy = _claim("c", "C", 8, source="SOHR")  # a spun copy that changed the number
    arts = _arts(ArticleInfo("A", "x"), ArticleInfo("C", "farm", dup_group="A", copy_status="spun"))
    results = check_event("ev", [a, copy], arts)
    assert {r.status for r in results} == {"single-source"}
    assert all(r.independent == 0 for r in results)


def test_outlets_relaying_one_source_are_one_original_source():
    a = _claim("a", "A", 14, source="SOHR")
    b = _claim("b", "B", 14, source="SOHR")
    arts = _arts(ArticleInfo("A", "x"), ArticleInfo("B", "y"))
    results = check_event("ev", [a, b], arts)
    assert {r.status for r in results} == {"single-source"}
    assert "all citing SOHR" in results[0].reasons[-1]


def test_lone_claim_is_single_source_and_far_places_differ():
    lone = check_event("ev", [_claim("a", "A", 3)], _arts(ArticleInfo("A")))
    assert lone[0].status == "single-source" and lone[0].reasons
    far = Place("Idlib", name="Idlib", lat=35.93, lon=36.63, country="SYR", precision=1)
    a, b = _claim("a", "A", 3), _claim("b", "B", 3, place=far)
    results = check_event("ev", [a, b], _arts(ArticleInfo("A"), ArticleInfo("B")))
    place = next(f for f in results[0].fields if f.field == "place")
    assert place.verdict == "differs" and "km" in place.detail
