"""Event fusion: blocking, constraints, figures and conflicts, order independence, increments."""

from __future__ import annotations

import datetime as dt
import random

import pytest

import sitrep
from sitrep.fuse.features import ArticleInfo
from sitrep.fuse.fusion import assign, fuse_claims
from sitrep.model import (
    STORY_TYPE_REASON,
    Actor,
    Article,
    Casualties,
    Claim,
    Figure,
    Place,
    Source,
    Span,
    When,
)

DAY = dt.date(2024, 3, 13)
ALEPPO = dict(
    name="Aleppo",
    lat=36.20,
    lon=37.16,
    country="SYR",
    admin1="Aleppo",
    gazetteer_id="geonames:170063",
    precision=1,
)
IDLIB = dict(
    name="Idlib",
    lat=35.93,
    lon=36.63,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:169388",
    precision=1,
)
KHAN = dict(
    name="Khan Shaykhun",
    lat=35.44,
    lon=36.65,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:169304",
    precision=1,
)
SYRIA = dict(
    name="Syria",
    lat=35.0,
    lon=38.0,
    country="SYR",
    admin1=None,
    gazetteer_id="country:SYR",
    precision=3,
)


def claim(
    cid,
    article,
    sentence,
    *,
    sub="Shelling/artillery/missile attack",
    etype="Explosions/Remote violence",
    day=DAY,
    place=ALEPPO,
    killed=None,
    source=None,
    start=0,
    actor1=None,
):
    return Claim(
        id=cid,
        article_id=article,
        sentence=Span(start, start + len(sentence), sentence),
        event_type=etype if sub else None,
        sub_event_type=sub,
        place=Place(text=place["name"], **place) if place else None,
        when=When(text="on Wednesday", start=day, end=day, precision="day") if day else None,
        casualties=Casualties(
            killed=Figure(killed, killed, killed, f"{killed} killed") if killed else None
        ),
        sources=[Source(text=source, name=source)] if source else [],
        actor1=Actor(text=actor1, name=actor1) if actor1 else None,
    )


def info(aid, outlet, group=None, published=DAY + dt.timedelta(days=1)):
    return ArticleInfo(aid, outlet, group or aid, published)


ARTICLES = {
    "a1": info("a1", "levant-wire"),
    "a2": info("a2", "cedar-herald"),
    "a3": info("a3", "copy-farm", group="a1"),  # a syndicated copy of a1
    "a4": info("a4", "idlib-news"),
}
CLAIMS = [
    claim(
        "c1",
        "a1",
        "Shelling killed 14 civilians in the Tariq al-Bab district of Aleppo, the Observatory said.",
        killed=14,
        source="SOHR",
    ),
    claim(
        "c2",
        "a2",
        "Eight people were killed when rocket shells hit an Aleppo neighbourhood, SANA reported.",
        killed=8,
        source="SANA",
    ),
    claim(
        "c3",
        "a3",
        "Shelling killed 14 civilians in the Tariq al-Bab district of Aleppo, the Observatory said.",
        killed=14,
        source="SOHR",
    ),
    # Same day, same type, another city 60 km away: another event.
    claim(
        "c4",
        "a4",
        "Artillery shells hit a market in Idlib city, killing three people.",
        place=IDLIB,
        killed=3,
    ),
    # Same article as c1, a different place: a different event.
    claim(
        "c5",
        "a1",
        "In Idlib, shelling killed two children the same day.",
        place=IDLIB,
        killed=2,
        start=200,
    ),
]


def by_claims(events):
    return {frozenset(e.claims): e for e in events}


def test_reports_of_one_event_fuse_and_copies_do_not_count_twice():
    events = by_claims(fuse_claims(CLAIMS, ARTICLES))
    aleppo = events[frozenset({"c1", "c2", "c3"})]
    assert (aleppo.n_articles, aleppo.n_outlets, aleppo.n_independent) == (3, 3, 2)
    assert aleppo.n_original_sources == 2  # SOHR (told twice, once as a copy) and SANA
    # ACLED-style conservative best, UCDP-style low/high; every differing figure with its source.
    killed = aleppo.casualties.killed
    assert (killed.best, killed.low, killed.high) == (8, 8, 14)
    told = {(c.value, c.source) for c in aleppo.conflicts}
    assert told == {(14, "SOHR"), (8, "SANA")}
    assert (
        frozenset({"c4", "c5"}) in events or {frozenset({"c4"}), frozenset({"c5"})} <= events.keys()
    )


def test_a_side_figure_far_under_the_others_is_a_conflict_not_the_best():
    """ "An earlier attack killed two children" told inside reports of a strike that killed
    58, 70 and 100: the conservative best is 58, not 2; the 2 stays among the conflicts."""
    reports = [
        claim("k1", "a1", "The strike killed 58 people, medics said.", killed=58),
        claim("k2", "a2", "The strike killed 70, rescuers said.", killed=70, source="SAMS"),
        claim("k3", "a4", "A hundred died in the strike.", killed=100),
        claim("k4", "a4", "An earlier attack killed two children.", killed=2, start=300),
    ]
    (event,) = fuse_claims(reports, ARTICLES)
    killed = event.casualties.killed
    assert (killed.best, killed.low, killed.high) == (58, 58, 100)
    assert 2 in {c.value for c in event.conflicts}


def test_a_figure_told_by_a_word_gives_way_to_a_number():
    """ "killed dozens" (12 by the ACLED convention) beside reports of 40 and 53: the best is
    the most conservative number told, 40; "dozens" stays among the conflicts. Told alone,
    the convention is the best there is."""
    dozens = claim("k1", "a1", "The blast killed dozens of prisoners.")
    dozens.casualties.killed = Figure(12, 12, None, "killed dozens of prisoners")
    reports = [
        dozens,
        claim("k2", "a2", "The blast killed 40 prisoners, officials said.", killed=40),
        claim("k3", "a4", "At least 53 prisoners died in the blast.", killed=53),
    ]
    (event,) = fuse_claims(reports, ARTICLES)
    killed = event.casualties.killed
    assert (killed.best, killed.low, killed.high) == (40, 40, 53)
    assert 12 in {c.value for c in event.conflicts}
    (alone,) = fuse_claims([dozens], ARTICLES)
    assert alone.casualties.killed.best == 12


def test_two_places_of_one_article_are_two_events():
    events = by_claims(fuse_claims(CLAIMS, ARTICLES))
    assert not any({"c1", "c5"} <= e for e in events)
    assert not any({"c1", "c4"} <= e for e in events)


def test_the_grouping_and_ids_do_not_depend_on_arrival_order():
    first = fuse_claims(CLAIMS, ARTICLES)
    for seed in range(5):
        shuffled = CLAIMS[:]
        random.Random(seed).shuffle(shuffled)
        assert fuse_claims(shuffled, ARTICLES) == first


def test_incompatible_types_and_dates_stay_apart():
    protest = claim(
        "p1",
        "a2",
        "Hundreds protested in Aleppo against the shelling.",
        sub="Peaceful protest",
        etype="Protests",
    )
    later = claim(
        "l1",
        "a2",
        "Shelling killed 14 civilians in Tariq al-Bab.",
        day=DAY + dt.timedelta(days=5),
        killed=14,
    )
    events = by_claims(fuse_claims([CLAIMS[0], protest, later], ARTICLES))
    assert len(events) == 3


def test_claims_with_no_date_place_or_actor_found_no_event_and_say_why():
    bare = claim(
        "b1",
        "a4",
        "An attack took place.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=None,
    )
    reasons: dict[str, str] = {}
    mapping = assign([*CLAIMS, bare], ARTICLES, reasons=reasons)
    assert "b1" not in mapping and reasons["b1"].startswith("colour")
    # with a place written in its own sentence it tells an incident: an event of its own
    saraqeb = dict(
        name="Saraqeb",
        lat=35.86,
        lon=36.80,
        country="SYR",
        admin1="Idlib",
        gazetteer_id="geonames:168668",
        precision=1,
        span=Span(24, 31, "Saraqeb"),
    )
    placed = claim(
        "b2",
        "a5",
        "An attack took place in Saraqeb.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=saraqeb,
    )
    articles = {**ARTICLES, "a5": info("a5", "saraqeb-news")}
    events = by_claims(fuse_claims([*CLAIMS, placed], articles))
    assert frozenset({"b2"}) in events
    # A figure-only sentence joins the typed claim before it in its article.
    toll = claim("t1", "a2", "The death toll rose to 9.", sub=None, etype=None, killed=9, start=300)
    events = by_claims(fuse_claims([*CLAIMS, toll], ARTICLES))
    assert frozenset({"c1", "c2", "c3", "t1"}) in events


def test_ten_thousand_reports_of_one_event_make_one_event():
    articles, claims = {}, []
    for i in range(10_000):
        aid = f"r{i:05d}"
        articles[aid] = info(aid, f"outlet-{i % 50}")
        claims.append(
            claim(
                f"k{i:05d}",
                aid,
                f"Shelling killed {10 + i % 5} civilians in Aleppo, report {i}.",
                killed=10 + i % 5,
            )
        )
    events = fuse_claims(claims, articles)
    assert len(events) == 1
    e = events[0]
    assert e.n_articles == 10_000 and e.n_outlets == 50
    assert (e.casualties.killed.best, e.casualties.killed.high) == (10, 14)


def _store_with(claims, tmp_path, name):
    store = sitrep.open_store(f"sqlite:///{tmp_path / name}")
    arts = sorted({c.article_id for c in claims})
    with store.transaction():
        store.articles.insert(
            [
                Article(
                    id=a,
                    text=f"text of {a}",
                    outlet=ARTICLES[a].outlet,
                    published=ARTICLES[a].published,
                    dup_group=ARTICLES[a].dup_group,
                    language="en",
                    text_hash=a,
                )
                for a in arts
            ],
            store.articles.next_seq(),
        )
        for a in arts:
            store.claims.replace(a, [c for c in claims if c.article_id == a], "test")
    return store


@pytest.mark.parametrize("split", [2, 3])
def test_incremental_fusion_matches_batch_and_rerun_changes_nothing(tmp_path, split):
    batch = by_claims(fuse_claims(CLAIMS, ARTICLES))
    store = _store_with(CLAIMS[:split], tmp_path, "inc.db")
    sitrep.fuse(store)
    first_ids = {e.id for e in store.events.iter()}
    with store.transaction():
        for a in sorted(
            {c.article_id for c in CLAIMS[split:]} - {c.article_id for c in CLAIMS[:split]}
        ):
            store.articles.insert(
                [
                    Article(
                        id=a,
                        text=f"text of {a}",
                        outlet=ARTICLES[a].outlet,
                        published=ARTICLES[a].published,
                        dup_group=ARTICLES[a].dup_group,
                        language="en",
                        text_hash=a,
                    )
                ],
                store.articles.next_seq(),
            )
        for a in sorted({c.article_id for c in CLAIMS}):
            store.claims.replace(a, [c for c in CLAIMS if c.article_id == a], "test")
    report = sitrep.fuse(store)
    assert not report.rebuilt and report.new_claims == len(CLAIMS) - split
    stored = by_claims(store.events.iter())
    assert stored.keys() == batch.keys()
    assert {e.id for e in stored.values()} == {e.id for e in batch.values()}
    assert first_ids <= {e.id for e in stored.values()}  # events keep their ids as they grow
    again = sitrep.fuse(store)
    assert again.new_claims == 0 and again.changed_events == 0
    assert by_claims(store.events.iter()) == stored


def test_a_report_with_no_typed_claim_joins_the_only_event_at_its_place_and_day():
    # "At least 9 people died in Aleppo on Wednesday" gives a toll, a place and a day, no type.
    toll = claim(
        "u1",
        "a5",
        "At least 9 people lost their lives in Aleppo on Wednesday.",
        sub=None,
        etype=None,
        killed=9,
    )
    articles = {**ARTICLES, "a5": info("a5", "other-outlet")}
    events = by_claims(fuse_claims([*CLAIMS, toll], articles))
    assert frozenset({"c1", "c2", "c3", "u1"}) in events
    # Alone, it founds nothing: with no type it cannot say what happened.
    assert fuse_claims([toll], articles) == []
    # Two events at its place and time (shelling and a protest): ambiguous, it stays out.
    protest = claim(
        "p2", "a4", "Hundreds protested in Aleppo.", sub="Peaceful protest", etype="Protests"
    )
    reasons: dict[str, str] = {}
    died = claim("u3", "a5", "People died in Aleppo on Wednesday.", sub=None, etype=None)
    mapping = assign([CLAIMS[0], protest, died], articles, reasons=reasons)
    assert "u3" not in mapping and reasons["u3"] == "several events at its place and time"
    assert assign([CLAIMS[0], died], articles)["u3"] == assign([CLAIMS[0]], articles)["c1"]
    # No date and no place (its article undated too): nothing to place it by.
    bare = claim(
        "u2", "a6", "Nine people died.", sub=None, etype=None, killed=9, day=None, place=None
    )
    reasons = {}
    assert "u2" not in assign(
        [*CLAIMS, bare], {**articles, "a6": ArticleInfo("a6")}, reasons=reasons
    )
    assert reasons["u2"] == "no date and no place"


def test_a_whole_copy_joins_its_source_event_whatever_date_it_resolves_to():
    # A syndicated page published a week later reads "on Wednesday" as the next Wednesday and
    # its dateline changes the sentence; it still tells its source's event.
    later = DAY + dt.timedelta(days=7)
    copy = claim(
        "s1",
        "a7",
        "ALEPPO (via Digest) - Shelling killed 14 civilians in the Tariq al-Bab district of "
        "Aleppo, the Observatory said.",
        killed=14,
        source="SOHR",
        day=later,
    )
    articles = {**ARTICLES, "a7": info("a7", "digest", group="a1", published=later)}
    events = by_claims(fuse_claims([*CLAIMS, copy], articles))
    assert frozenset({"c1", "c2", "c3", "s1"}) in events
    # An independent report of that later day is another event.
    other = claim(
        "o1",
        "a8",
        "ALEPPO - Shelling killed 14 civilians in the Tariq al-Bab district of Aleppo.",
        killed=14,
        day=later,
    )
    articles["a8"] = info("a8", "elsewhere", published=later)
    events = by_claims(fuse_claims([*CLAIMS, other], articles))
    assert frozenset({"o1"}) in events


def _story(lead_sub=None, **leaner):
    """An independent report: an untyped toll lead and one later typed sentence with no date
    and no figure of its own (``leaner`` overrides its fields)."""
    lead = claim(
        "s-lead",
        "a5",
        "At least 9 people lost their lives in Aleppo on Wednesday.",
        sub=lead_sub,
        etype=None,
        killed=9,
    )
    fields = dict(
        sub="Air/drone strike", etype="Explosions/Remote violence", day=None, place=None, start=200
    )
    fields.update(leaner)
    side = claim(
        "s-side",
        "a5",
        "Meanwhile, residents boarded up windows while drones circled overhead.",
        **fields,
    )
    return lead, side, {**ARTICLES, "a5": info("a5", "other-outlet")}


def test_a_story_with_an_untyped_lead_follows_the_event_its_lead_finds():
    lead, side, articles = _story()
    mapping = assign([*CLAIMS, lead, side], articles)
    # Scored alone the typed side remark is too weak for the Aleppo event and would found an
    # event of its own; the lead's toll, place and day find the event and the story follows.
    assert mapping["s-lead"] == mapping["s-side"] == mapping["c1"]
    assert len(fuse_claims([*CLAIMS, lead, side], articles)) == len(fuse_claims(CLAIMS, articles))


def test_a_sentence_of_another_type_or_place_than_its_story_is_its_own_event():
    lead, side, articles = _story(sub="Peaceful protest", etype="Protests")
    mapping = assign([*CLAIMS, lead, side], articles)
    assert mapping["s-lead"] == mapping["c1"] and mapping["s-side"] not in (mapping["c1"], None)
    # A sentence about another place is another event, whatever the story's lead found.
    lead, side, articles = _story(place=IDLIB)
    mapping = assign([*CLAIMS, lead, side], articles)
    assert mapping["s-lead"] == mapping["c1"] and mapping["s-side"] not in (mapping["c1"], None)
    # A lead that finds no event leaves its story to found one.
    lead, side, articles = _story()
    mapping = assign([lead, side], articles)
    assert mapping["s-side"] == mapping["s-lead"]


def test_a_vague_claim_joins_the_only_event_at_its_place_and_time():
    # No date and no figure of its own: it scores below the threshold against the Aleppo event
    # (a day window, a place, a family) but cannot tell a second incident there apart.
    aleppo = {**ALEPPO, "span": Span(29, 35, "Aleppo")}  # named in its own sentence
    vague = claim(
        "v1",
        "a9",
        "Gunmen attacked residents of Aleppo.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=aleppo,
    )
    articles = {**ARTICLES, "a9": info("a9", "vague-outlet")}
    assert assign([*CLAIMS, vague], articles)["v1"] == assign(CLAIMS, articles)["c1"]
    # With two compatible events there, it cannot choose: it founds its own.
    other = claim(
        "o2",
        "a10",
        "An air strike killed 40 people in Aleppo.",
        sub="Air/drone strike",
        day=DAY - dt.timedelta(days=1),
        killed=40,
    )
    articles["a10"] = info("a10", "another-outlet")
    mapping = assign([*CLAIMS, other, vague], articles)
    assert mapping["o2"] != mapping["c1"]
    assert mapping["v1"] not in (mapping["c1"], mapping["o2"])
    # With a date of its own it is no longer vague: scored as usual, it stays apart.
    dated = claim(
        "v2",
        "a9",
        "Gunmen attacked residents of Aleppo on Wednesday.",
        sub="Attack",
        etype="Violence against civilians",
        day=DAY + dt.timedelta(days=1),
    )
    assert assign([*CLAIMS, dated], articles)["v2"] != assign(CLAIMS, articles)["c1"]
    # Published on the day, its window (two days before publication) opens before the
    # event's: it still waits for the claims that tell facts and joins their event.
    articles["a9"] = info("a9", "vague-outlet", published=DAY)
    assert assign([*CLAIMS, vague], articles)["v1"] == assign(CLAIMS, articles)["c1"]


def test_a_toll_with_no_type_goes_to_the_violence_not_to_the_arrests_told_with_it():
    arrests = claim(
        "r1",
        "a4",
        "Security forces arrested 20 men in Aleppo on Wednesday.",
        sub="Arrests",
        etype="Strategic developments",
    )
    toll = claim(
        "u1",
        "a5",
        "At least 9 people lost their lives in Aleppo on Wednesday.",
        sub=None,
        etype=None,
        killed=9,
    )
    articles = {**ARTICLES, "a5": info("a5", "other-outlet")}
    mapping = assign([CLAIMS[0], arrests, toll], articles)
    assert mapping["r1"] != mapping["c1"]
    assert mapping["u1"] == mapping["c1"]
    # With only the arrests there, the toll still joins the only event at its place and day.
    assert assign([arrests, toll], articles)["u1"] == assign([arrests], articles)["r1"]
    # A sentence with no toll stays undecided between the two.
    died = claim("u3", "a5", "Residents fled Aleppo on Wednesday.", sub=None, etype=None)
    assert "u3" not in assign([CLAIMS[0], arrests, died], articles)


@pytest.mark.parametrize(
    "side_type",
    [("Air/drone strike", "Explosions/Remote violence"), ("Peaceful protest", "Protests")],
)
def test_a_story_arriving_after_its_event_fuses_as_in_a_batch_and_rerun_changes_nothing(
    tmp_path, side_type
):
    lead, side, articles = _story(sub=side_type[0], etype=side_type[1])
    aleppo = {**ALEPPO, "span": Span(29, 35, "Aleppo")}  # named in its own sentence
    vague = claim(
        "v1",
        "a9",
        "Gunmen attacked residents of Aleppo.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=aleppo,
    )
    articles["a9"] = info("a9", "vague-outlet")
    later = [lead, side, vague]
    batch = by_claims(fuse_claims([*CLAIMS, *later], articles))
    store = _store_with(CLAIMS, tmp_path, "story.db")
    sitrep.fuse(store)
    with store.transaction():
        for a in ("a5", "a9"):
            store.articles.insert(
                [
                    Article(
                        id=a,
                        text=f"text of {a}",
                        outlet=articles[a].outlet,
                        published=articles[a].published,
                        language="en",
                        text_hash=a,
                    )
                ],
                store.articles.next_seq(),
            )
            store.claims.replace(a, [c for c in later if c.article_id == a], "test")
    report = sitrep.fuse(store)
    assert not report.rebuilt and report.new_claims == 3
    stored = by_claims(store.events.iter())
    assert stored.keys() == batch.keys()
    assert {e.id for e in stored.values()} == {e.id for e in batch.values()}
    assert any({"c1", "s-lead", "v1"} <= e for e in stored)
    assert any({"c1", "s-side"} <= e for e in stored) == (side_type[1] != "Protests")
    again = sitrep.fuse(store)
    assert again.new_claims == 0 and again.changed_events == 0


def test_stories_and_vague_claims_do_not_depend_on_arrival_order():
    lead, side, articles = _story()
    protest_lead, protest_side, _ = _story(sub="Peaceful protest", etype="Protests")
    protest_lead.id, protest_lead.article_id = "p-lead", "a11"
    protest_side.id, protest_side.article_id = "p-side", "a11"
    aleppo = {**ALEPPO, "span": Span(29, 35, "Aleppo")}  # named in its own sentence
    vague = claim(
        "v1",
        "a9",
        "Gunmen attacked residents of Aleppo.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=aleppo,
    )
    articles.update({"a9": info("a9", "vague-outlet", published=DAY), "a11": info("a11", "x")})
    claims = [*CLAIMS, lead, side, protest_lead, protest_side, vague]
    first = fuse_claims(claims, articles)
    for seed in range(5):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert fuse_claims(shuffled, articles) == first


def test_a_vague_claim_and_a_story_arriving_first_fuse_as_in_a_batch(tmp_path):
    # Alone, the vague claim (a place, no date or figure of its own) founds an event; when the
    # reports with facts come, that provisional event is dissolved and fused again with them.
    lead, side, articles = _story()
    aleppo = {**ALEPPO, "span": Span(29, 35, "Aleppo")}  # named in its own sentence
    vague = claim(
        "v1",
        "a9",
        "Gunmen attacked residents of Aleppo.",
        sub="Attack",
        etype="Violence against civilians",
        day=None,
        place=aleppo,
    )
    articles["a9"] = info("a9", "vague-outlet", published=DAY)
    early = [lead, side, vague]
    batch = by_claims(fuse_claims([*CLAIMS, *early], articles))
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'early.db'}")

    def add(claims):
        with store.transaction():
            for a in sorted({c.article_id for c in claims}):
                store.articles.insert(
                    [
                        Article(
                            id=a,
                            text=f"text of {a}",
                            outlet=articles[a].outlet,
                            published=articles[a].published,
                            language="en",
                            dup_group=articles[a].dup_group,
                            text_hash=a,
                        )
                    ],
                    store.articles.next_seq(),
                )
                store.claims.replace(a, [c for c in claims if c.article_id == a], "test")

    add(early)
    sitrep.fuse(store)
    (provisional,) = by_claims(store.events.iter())  # the story's toll found it too
    assert "v1" in provisional
    add(CLAIMS)
    report = sitrep.fuse(store)
    assert not report.rebuilt
    stored = by_claims(store.events.iter())
    assert stored.keys() == batch.keys()
    assert {e.id for e in stored.values()} == {e.id for e in batch.values()}
    assert any({"c1", "v1", "s-lead", "s-side"} <= e for e in stored)
    again = sitrep.fuse(store)
    assert again.new_claims == 0 and again.changed_events == 0


def test_a_report_naming_the_province_joins_an_event_in_it_despite_the_distance():
    # "in Idlib" is the city and its governorate; the Khan Shaykhun attack lies 60 km south of
    # the city. Two reports of one chemical attack, the second naming only "Idlib".
    first = claim(
        "k1",
        "a1",
        "A chemical attack on Khan Shaykhun killed 70 people on Tuesday.",
        sub="Chemical weapon",
        etype="Explosions/Remote violence",
        place=KHAN,
        killed=70,
    )
    second = claim(
        "k2",
        "a2",
        "Scores of people died in a chemical attack in Idlib on Tuesday.",
        sub="Chemical weapon",
        etype="Explosions/Remote violence",
        place=IDLIB,
    )
    mapping = assign([first, second], ARTICLES)
    assert mapping["k1"] == mapping["k2"]
    # A town of another province as far away stays another event.
    homs = dict(
        name="Homs",
        lat=34.73,
        lon=36.71,
        country="SYR",
        admin1="Homs",
        gazetteer_id="geonames:169577",
        precision=1,
    )
    third = claim(
        "k3",
        "a2",
        "Scores of people died in a chemical attack in Homs on Tuesday.",
        sub="Chemical weapon",
        etype="Explosions/Remote violence",
        place=homs,
    )
    mapping = assign([first, third], ARTICLES)
    assert mapping["k3"] != mapping["k1"]


def test_a_country_level_claim_joins_the_only_event_of_its_type_that_day():
    damascus = dict(
        name="Damascus",
        lat=33.51,
        lon=36.29,
        country="SYR",
        admin1="Dimashq",
        gazetteer_id="geonames:170654",
        precision=1,
    )
    gas = dict(sub="Chemical weapon", etype="Explosions/Remote violence")
    ghouta = claim(
        "g1",
        "a1",
        "A gas attack near Damascus killed hundreds on Wednesday.",
        place=damascus,
        killed=300,
        **gas,
    )
    coarse = claim(
        "g2",
        "a2",
        "World leaders condemned the chemical attack in Syria on Wednesday.",
        place=SYRIA,
        **gas,
    )
    mapping = assign([coarse, ghouta], ARTICLES)
    assert mapping["g2"] == mapping["g1"] == assign([ghouta], ARTICLES)["g1"]
    # Two chemical attacks that day: the country-level claim cannot choose.
    idlib = claim("g3", "a4", "Toxic gas sickened dozens in Idlib.", place=IDLIB, **gas)
    mapping = assign([coarse, ghouta, idlib], ARTICLES)
    assert mapping["g2"] not in (mapping["g1"], mapping["g3"])
    # An air strike in Syria that day is no report of the gas attack.
    strike = claim(
        "g4",
        "a2",
        "An air strike in Syria killed five on Wednesday.",
        place=SYRIA,
        sub="Air/drone strike",
        etype="Explosions/Remote violence",
        killed=5,
    )
    assert assign([strike, ghouta], ARTICLES)["g4"] != assign([ghouta], ARTICLES)["g1"]


def test_a_country_level_report_arriving_first_fuses_as_in_a_batch(tmp_path):
    gas = dict(sub="Chemical weapon", etype="Explosions/Remote violence")
    coarse = claim(
        "g2",
        "a2",
        "Monitors said 400 people died in a chemical attack in Syria.",
        place=SYRIA,
        killed=400,
        **gas,
    )
    precise = claim(
        "g1", "a1", "A gas attack on Aleppo killed 300 people on Wednesday.", killed=300, **gas
    )
    batch = by_claims(fuse_claims([precise, coarse], ARTICLES))
    assert list(batch) == [frozenset({"g1", "g2"})]
    store = _store_with([coarse], tmp_path, "coarse.db")
    sitrep.fuse(store)
    assert list(by_claims(store.events.iter())) == [frozenset({"g2"})]  # provisional
    with store.transaction():
        store.articles.insert(
            [
                Article(
                    id="a1",
                    text="text of a1",
                    outlet=ARTICLES["a1"].outlet,
                    published=ARTICLES["a1"].published,
                    language="en",
                    text_hash="a1",
                )
            ],
            store.articles.next_seq(),
        )
        store.claims.replace("a1", [precise], "test")
    sitrep.fuse(store)
    stored = by_claims(store.events.iter())
    assert stored.keys() == batch.keys()
    assert {e.id for e in stored.values()} == {e.id for e in batch.values()}


def test_one_story_naming_a_town_and_its_province_city_tells_two_places():
    first = claim(
        "k1",
        "a1",
        "Air strikes hit Khan Shaykhun on Tuesday, killing five people.",
        sub="Air/drone strike",
        etype="Explosions/Remote violence",
        place=KHAN,
        killed=5,
    )
    second = claim(
        "k2",
        "a1",
        "Air strikes also hit Idlib on Tuesday, killing three.",
        sub="Air/drone strike",
        etype="Explosions/Remote violence",
        place=IDLIB,
        killed=3,
        start=100,
    )
    mapping = assign([first, second], ARTICLES)
    assert mapping["k1"] != mapping["k2"]


@pytest.mark.parametrize("origin", ["story", "dateline", "published"])
def test_a_date_lent_from_the_lead_dateline_or_publication_is_no_date_to_fusion(origin):
    """Lent dates (extract.story_dates) are when the report was filed or what its lead says, not a
    fact of the claim: the claim fuses as an undated one, and the event keeps its own day."""
    lent = claim("z1", "a2", "Shelling killed 14 civilians in Tariq al-Bab.", killed=14)
    lent.when = When(
        start=DAY + dt.timedelta(days=5),
        end=DAY + dt.timedelta(days=5),
        precision="day",
        origin=origin,
    )
    events = by_claims(fuse_claims([CLAIMS[0], lent], ARTICLES))
    assert len(events) == 1
    (event,) = events.values()
    assert event.start == DAY


def test_a_date_lent_by_the_sentence_before_still_places_the_claim():
    lent = claim("z1", "a2", "Shelling killed 14 civilians in Tariq al-Bab.", killed=14)
    lent.when = When(
        start=DAY + dt.timedelta(days=5),
        end=DAY + dt.timedelta(days=5),
        precision="day",
        origin="previous",
    )
    assert len(by_claims(fuse_claims([CLAIMS[0], lent], ARTICLES))) == 2


# A page with no publication date and a sentence with no date of its own: only the place,
# the type and the words can tell which known event it reports.
UNDATED = info("u1", "undated-blog", published=None)


def test_an_undated_report_joins_the_dated_event_of_its_town_and_type():
    known = claim(
        "k1",
        "a1",
        "Shelling killed 14 civilians in Aleppo's Tariq al-Bab district on Wednesday.",
        killed=14,
    )
    undated = claim(
        "u1c",
        "u1",
        "Shelling of Tariq al-Bab district in Aleppo killed 14 civilians.",
        day=None,
        killed=14,
    )
    events = by_claims(fuse_claims([known, undated], {"a1": ARTICLES["a1"], "u1": UNDATED}))
    assert frozenset({"k1", "u1c"}) in events


def test_an_undated_report_stays_apart_when_two_dated_events_fit_it_equally():
    text = "Shelling killed three civilians in Aleppo."
    older = claim("k1", "a1", text, day=DAY - dt.timedelta(days=400), killed=3)
    newer = claim("k2", "a2", text, killed=3)
    undated = claim("u1c", "u1", text, day=None, killed=3)
    articles = {
        "a1": info("a1", "x", published=DAY - dt.timedelta(days=399)),
        "a2": ARTICLES["a2"],
        "u1": UNDATED,
    }
    events = by_claims(fuse_claims([older, newer, undated], articles))
    assert frozenset({"u1c"}) in events  # a tie: nothing but a date could choose


def test_an_undated_report_naming_only_the_province_does_not_join_a_town_event():
    known = claim(
        "k1",
        "a1",
        "Shelling killed 14 civilians in Khan Shaykhun on Wednesday.",
        place=KHAN,
        killed=14,
    )
    province = dict(
        KHAN, name="Idlib province", gazetteer_id="admin1:Idlib", precision=3, lat=35.8, lon=36.6
    )
    undated = claim(
        "u1c",
        "u1",
        "Shelling killed 14 civilians in Idlib province.",
        day=None,
        place=province,
        killed=14,
    )
    events = by_claims(fuse_claims([known, undated], {"a1": ARTICLES["a1"], "u1": UNDATED}))
    assert frozenset({"u1c"}) in events


def test_an_undated_event_stored_earlier_is_refused_when_the_dated_report_arrives():
    """Incremental runs give the batch's events: an event of undated claims is provisional."""
    store = sitrep.open_store("sqlite:///:memory:")
    text_u = "Shelling of Tariq al-Bab district in Aleppo killed 14 civilians."
    text_d = "Shelling killed 14 civilians in Aleppo's Tariq al-Bab district on Wednesday."

    def add(aid, outlet, published, text, c):
        with store.transaction():
            store.articles.insert(
                [
                    Article(
                        id=aid,
                        text=text,
                        outlet=outlet,
                        published=published,
                        language="en",
                        text_hash=aid,
                    )
                ],
                store.articles.next_seq(),
            )
            store.claims.replace(aid, [c], "test")

    add("u1", "undated-blog", None, text_u, claim("u1c", "u1", text_u, day=None, killed=14))
    sitrep.fuse(store)
    first = {e.id for e in store.events.iter()}
    add("a1", "levant-wire", DAY, text_d, claim("k1", "a1", text_d, killed=14))
    sitrep.fuse(store)
    incremental = {frozenset(e.claims): e.id for e in store.events.iter()}
    sitrep.fuse(store, rebuild=True)
    rebuilt = {frozenset(e.claims): e.id for e in store.events.iter()}
    assert incremental == rebuilt == {frozenset({"k1", "u1c"}): next(iter(rebuilt.values()))}
    assert first != set(rebuilt.values())  # the undated event gave way to the dated report's


def test_a_year_less_month_day_on_an_undated_page_meets_the_event_of_that_day():
    """ "Early on March 13" with no year to resolve it: the day of the month still tells the
    strike of that day from the one a month later at the same town."""
    march = claim("k1", "a1", "Shelling killed 14 civilians in Aleppo on Wednesday.", killed=14)
    april = claim(
        "k2",
        "a2",
        "Shelling killed 14 civilians in Aleppo on Saturday.",
        killed=14,
        day=DAY + dt.timedelta(days=31),
    )
    text = "Early on March 13, shells fell on the Tariq al-Bab district of Aleppo, killing 14."
    undated = claim("u1c", "u1", text, day=None, killed=14)
    undated.when = When(text="Early on March 13", start=None, end=None, precision="day")
    articles = {
        "a1": ARTICLES["a1"],
        "a2": info("a2", "cedar-herald", published=DAY + dt.timedelta(days=32)),
        "u1": UNDATED,
    }
    events = by_claims(fuse_claims([march, april, undated], articles))
    assert frozenset({"k1", "u1c"}) in events and frozenset({"k2"}) in events


def _reaction(cid, aid, text, day=DAY, plover="REJECT"):
    c = claim(cid, aid, text, sub=None, day=day, place=SYRIA)
    c.plover = plover
    return c


def test_reports_of_one_veto_found_one_event_of_their_own_kind():
    vetoes = [
        _reaction(
            "v1", "a1", "Russia on Wednesday vetoed the draft resolution on the Aleppo strikes."
        ),
        _reaction(
            "v2", "a2", "Moscow vetoed the council's draft resolution on Aleppo on Wednesday."
        ),
    ]
    strike = claim(
        "k1",
        "a4",
        "Shelling killed 14 civilians in Aleppo on Thursday.",
        killed=14,
        day=DAY + dt.timedelta(days=1),
    )
    events = by_claims(fuse_claims([*vetoes, strike], ARTICLES))
    veto = events[frozenset({"v1", "v2"})]
    assert veto.plover == "REJECT" and veto.event_type is None and veto.sub_event_type is None
    assert veto.n_independent == 2 and veto.start == DAY
    assert frozenset({"k1"}) in events  # the shelling is its own event, not the veto's


def test_an_undated_denial_is_a_remark_not_an_event():
    denial = _reaction("d1", "a2", "Damascus has always denied using chemical weapons.", day=None)
    assert fuse_claims([denial], ARTICLES) == []


def test_a_denial_of_a_known_attack_joins_that_attack():
    attack = claim("k1", "a1", "Shelling killed 14 civilians in Aleppo on Wednesday.", killed=14)
    denial = _reaction(
        "d1",
        "a2",
        "On Wednesday the army denied shelling civilians in Aleppo.",
    )
    denial.place = Place(text="Aleppo", **ALEPPO)
    events = by_claims(fuse_claims([attack, denial], ARTICLES))
    assert frozenset({"k1", "d1"}) in events


def test_reports_of_one_vote_in_their_own_words_join_by_the_place_they_are_about():
    """Two reports of one veto sharing few words: the name of the place the resolution is
    about ("Aleppo", as written) is a shared subject, though the vote was cast elsewhere."""
    told = [
        _reaction(
            "v1", "a1", "The council failed to adopt a text on a truce in Aleppo after a veto."
        ),
        _reaction(
            "v2", "a2", "Russia and China on Wednesday vetoed a seven-day ceasefire for Aleppo."
        ),
    ]
    for c in told:
        c.place = Place(text="Aleppo", **ALEPPO)
    events = by_claims(fuse_claims(told, ARTICLES))
    assert frozenset({"v1", "v2"}) in events


def test_a_story_led_by_a_vote_is_that_vote_not_its_background():
    """The lead reports the veto; a later sentence on the offensive is background. The lead
    joins the other report of the veto, not the background's event."""
    vote = _reaction(
        "v1", "a1", "Russia vetoed a draft resolution on a truce in Aleppo on Wednesday."
    )
    lead = _reaction(
        "v2", "a2", "Moscow blocked a draft resolution on a truce in Aleppo on Wednesday."
    )
    background = claim(
        "g2",
        "a2",
        "The vote came as government forces pressed an offensive that has retaken much of the east.",
        sub="Government regains territory",
        etype="Battles",
        start=80,
    )
    for c in (vote, lead):
        c.place = Place(text="Aleppo", **ALEPPO)
    events = by_claims(fuse_claims([vote, lead, background], ARTICLES))
    assert frozenset({"v1", "v2"}) in events
    assert frozenset({"g2"}) in events


def _named(cid, article, sentence, day, words, **kw):
    """A claim whose own sentence dates it with ``words`` ("on Tuesday")."""
    c = claim(cid, article, sentence, day=day, **kw)
    at = sentence.index(words)
    c.when = When(
        text=words,
        start=day,
        end=day,
        precision="day",
        span=Span(at, at + len(words), words),
        origin="own",
    )
    return c


TUESDAY, WEDNESDAY = DAY - dt.timedelta(days=1), DAY


def test_strikes_on_one_city_on_two_named_days_are_two_events():
    """A city bombed day after day is told in the same words each day; each day is an event
    (ACLED's unit), though the dates' one-day slack would chain them."""
    first = _named(
        "t1",
        "a1",
        "Air strikes on eastern Aleppo killed 25 people on Tuesday.",
        TUESDAY,
        "on Tuesday",
        killed=25,
        sub="Air/drone strike",
    )
    second = _named(
        "w1",
        "a2",
        "Air strikes on eastern Aleppo killed 13 people on Wednesday.",
        WEDNESDAY,
        "on Wednesday",
        killed=13,
        sub="Air/drone strike",
    )
    for order in ([first, second], [second, first]):
        assert len(fuse_claims(order, ARTICLES)) == 2


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # a raid late at night is the next day's to another outlet
        ("Air strikes late on Wednesday killed 20 people in eastern Aleppo.", "on Wednesday"),
        # the day of the telling is no day of the violence
        (
            "The governor said on Wednesday that air strikes killed 20 people in Aleppo.",
            "on Wednesday",
        ),
        # nor the day of the mourning that followed it
        (
            "Aleppo observed a day of mourning on Wednesday for the 20 killed in air strikes.",
            "on Wednesday",
        ),
    ],
)
def test_a_named_next_day_that_may_be_the_same_violence_still_joins(sentence, words):
    plain = _named(
        "t0",
        "a4",
        "Air strikes on eastern Aleppo killed 22 people on Tuesday.",
        TUESDAY,
        "on Tuesday",
        killed=22,
        sub="Air/drone strike",
    )
    other = _named("w1", "a2", sentence, WEDNESDAY, words, killed=20, sub="Air/drone strike")
    for order in ([plain, other], [other, plain]):
        assert len(fuse_claims(order, ARTICLES)) == 1


def test_a_day_one_page_names_against_two_that_name_the_next_does_not_split_the_event():
    """One page misdates Tuesday's strike "on Monday"; two reports name Tuesday. Met first
    (its day is earlier), the misdated claim would name the day of the event a report with no
    day of its own had founded, and the Tuesday reports could not join it; the day fewer
    reports name is taken last instead."""
    monday = TUESDAY - dt.timedelta(days=1)
    wrong = _named(
        "m1",
        "a1",
        "Air strikes on eastern Aleppo killed 25 people on Monday.",
        monday,
        "on Monday",
        killed=25,
        sub="Air/drone strike",
    )
    right = [
        _named(
            f"t{i}",
            aid,
            "Air strikes on eastern Aleppo killed 24 people on Tuesday.",
            TUESDAY,
            "on Tuesday",
            killed=24,
            sub="Air/drone strike",
        )
        for i, aid in ((1, "a2"), (2, "a4"))
    ]
    undated = claim(
        "u1", "a3", "Jets struck eastern Aleppo, killing 25 people.", day=None, killed=25
    )
    undated.when = When(text=None, start=None, end=None, origin="published")
    articles = {**ARTICLES, "a3": info("a3", "gaza-wire", published=TUESDAY)}
    for order in ([wrong, undated, *right], [*right, undated, wrong]):
        events = fuse_claims(order, articles)
        (tuesday,) = [e for e in events if "t1" in e.claims]
        # the report that names no day goes with the day most reports name
        assert {"t1", "t2", "u1"} <= set(tuesday.claims)
        assert "m1" not in tuesday.claims


def test_a_session_told_in_a_report_of_the_fighting_joins_the_session():
    """ "On Monday, the relief chief had told the Security Council ..." in a report led by the
    fighting days later: the session is an event of its own wherever a story tells it, so
    the sentence joins the session's other report, not the fighting it comes after."""
    session = _reaction(
        "s1",
        "a1",
        "The relief chief told an emergency meeting of the Security Council on Monday that "
        "Aleppo risked becoming a graveyard.",
        plover="CONSULT",
    )
    fighting = claim(
        "f2",
        "a2",
        "Fighting raged on the edges of eastern Aleppo on Friday.",
        sub="Armed clash",
        etype="Battles",
        day=DAY + dt.timedelta(days=4),
    )
    told = _reaction(
        "s2",
        "a2",
        "On Monday, the relief chief had told the Security Council that Aleppo risked becoming "
        "a graveyard.",
        plover="CONSULT",
    )
    told.sentence = Span(90, 90 + len(told.sentence.text), told.sentence.text)
    for c in (session, told):
        c.place = Place(text="Aleppo", **ALEPPO)
    events = by_claims(fuse_claims([session, fighting, told], ARTICLES))
    assert frozenset({"s1", "s2"}) in events
    assert frozenset({"f2"}) in events


def test_an_undated_headline_joins_its_own_lead_not_the_days_before_event_nearby():
    """A headline ("Air strikes on Sukkari kill 11 civilians") takes its story's date, which
    is no date to fusion, so its window reaches the day before; taken before its lead, it
    joined the strike on a water station two kilometres away the day before. A headline sums
    up its lead: it is taken after the claims that date themselves, and joins its lead."""
    station = dict(ALEPPO, name="Bab al-Nairab", lat=36.185, lon=37.16, gazetteer_id="bn")
    sukkari = dict(ALEPPO, name="al-Sukkari", lat=36.179, lon=37.147, gazetteer_id="sk")
    water = claim(
        "w1",
        "a1",
        "Air strikes on eastern Aleppo districts killed civilians and put the Bab al-Nairab "
        "water station out of service on Wednesday, rescuers say.",
        sub="Air/drone strike",
        place=station,
        killed=52,
    )
    headline = claim(
        "h2",
        "a2",
        "Air strikes on eastern Aleppo districts kill 11 civilians, rescuers say",
        sub="Air/drone strike",
        place=sukkari,
        killed=11,
        day=None,
    )
    next_day = DAY + dt.timedelta(days=1)
    headline.when = When(start=next_day, end=next_day, precision="day", origin="story")
    lead = claim(
        "l2",
        "a2",
        "Air strikes on the Sukkari district of eastern Aleppo killed 11 civilians on Thursday.",
        sub="Air/drone strike",
        place=sukkari,
        killed=11,
        day=next_day,
        start=80,
    )
    articles = {"a1": info("a1", "levant-wire", published=DAY), "a2": info("a2", "monitor")}
    events = by_claims(fuse_claims([water, headline, lead], articles))
    assert frozenset({"h2", "l2"}) in events
    assert frozenset({"w1"}) in events


def _lent(cid, article, sentence, day, **kw):
    """A claim dated by the sentence before it (no date phrase of its own)."""
    c = claim(cid, article, sentence, day=day, **kw)
    c.when = When(text=None, start=day, end=day, precision="day", origin="previous")
    return c


# two towns of the Damascus countryside ten kilometres apart
DOUMA = dict(ALEPPO, name="Douma", lat=33.57, lon=36.40, admin1="Rif Dimashq", gazetteer_id="g:d")
AL_TAL = dict(DOUMA, name="At Tall", lat=33.61, lon=36.31, gazetteer_id="g:t")


def test_a_named_day_two_days_from_an_events_lent_days_founds_its_own_event():
    """A page on Monday's evacuation of al-Tal lends Monday to "the army shelled its
    outskirts"; shelling of Douma, ten kilometres away, "on Wednesday" is not that shelling,
    though the windows' one-day slack on each side makes them meet."""
    monday = DAY - dt.timedelta(days=2)
    shelled = _lent(
        "l1",
        "a1",
        "The army shelled the outskirts of the town, killing 3 people.",
        monday,
        killed=3,
    )
    shelled.place = Place(text="al-Tal", **AL_TAL)
    strikes = _named(
        "n1",
        "a2",
        "The army shelled the outskirts of Douma on Wednesday, killing 3 people.",
        DAY,
        "on Wednesday",
        killed=3,
    )
    strikes.place = Place(text="Douma", **DOUMA)
    # the lent day came first and founded the event (a lent day taken into an event of
    # named days keeps the windows' slack: a follow-up's day of telling lent to its toll)
    assert len(fuse_claims([shelled, strikes], ARTICLES)) == 2
    # a day next to the lent one still meets it
    next_day = _named(
        "n2",
        "a2",
        "Shells hit the outskirts of al-Tal on Wednesday, killing 2 people.",
        DAY,
        "on Wednesday",
        killed=2,
    )
    next_day.place = Place(text="al-Tal", **AL_TAL)
    near = _lent("l2", "a1", "The army shelled the town's outskirts.", DAY - dt.timedelta(days=1))
    near.place = Place(text="al-Tal", **AL_TAL)
    assert len(fuse_claims([near, next_day], ARTICLES)) == 1


def test_the_next_days_violence_of_another_kind_is_not_a_nights_bomb():
    """A commander killed by a bomb "late on Tuesday" in Aleppo; shelling of a town ten
    kilometres away "on Wednesday": the night's slack lets the same violence be told on
    either day, not another kind of violence the next day at another town (a report of the
    bomb on Wednesday still joins it)."""
    bomb = _named(
        "b1",
        "a1",
        "A rebel commander was killed by a bomb in his building late on Tuesday.",
        TUESDAY,
        "late on Tuesday",
        killed=1,
        sub="Remote explosive/landmine/IED",
    )
    shelling = _named(
        "s1",
        "a2",
        "Shelling killed one soldier in Anadan on Wednesday.",
        WEDNESDAY,
        "on Wednesday",
        killed=1,
    )
    shelling.place = Place(
        text="Anadan", **dict(ALEPPO, name="Anadan", lat=36.29, lon=37.04, gazetteer_id="g:anadan")
    )
    for order in ([bomb, shelling], [shelling, bomb]):
        assert len(fuse_claims(order, ARTICLES)) == 2
    retold = _named(
        "b2",
        "a4",
        "A bomb killed a rebel commander in Aleppo on Wednesday.",
        WEDNESDAY,
        "on Wednesday",
        killed=1,
        sub="Remote explosive/landmine/IED",
    )
    assert len(fuse_claims([bomb, retold], ARTICLES)) == 1


def test_two_votes_of_one_day_on_two_subjects_are_two_events():
    """The council's vote on Israel's settlements and its vote on an arms embargo on South Sudan,
    the same day, share the council and its words, not the countries they are about. A
    report that names no subject still joins a vote of its day."""
    settlements = [
        _reaction(
            "v1",
            "a1",
            "The Security Council on Wednesday demanded that Israel stop building settlements "
            "as the United States abstained.",
        ),
        _reaction(
            "v2",
            "a2",
            "The resolution on settlements in Israel was adopted on Wednesday with 14 votes.",
        ),
    ]
    embargo = _reaction(
        "v3",
        "a4",
        "A draft to impose an arms embargo on South Sudan failed in the Security Council on Wednesday.",
    )
    vague = _reaction(
        "v4",
        "a3",
        "Wednesday's vote on the draft ended with seven members in favour and eight abstaining.",
    )
    for c in (*settlements, embargo, vague):
        c.actor1 = Actor(text="the Security Council", name="UN Security Council", sector="IGO")
    articles = {**ARTICLES, "a3": info("a3", "gaza-wire")}
    for order in ([*settlements, embargo], [embargo, *settlements]):
        events = by_claims(fuse_claims(order, articles))
        assert frozenset({"v1", "v2"}) in events and frozenset({"v3"}) in events
    assert len(fuse_claims([embargo, vague], articles)) == 1
    # a page's lead with no day of its own (the page's date lent it) joins the vote on the
    # country it condemns, whatever place its words resolved to
    lead = _reaction(
        "v5",
        "a3",
        "The Security Council in New York has condemned Israeli construction in the West Bank "
        "in a 14-0 vote, with the United States abstaining.",
    )
    lead.when = When(text=None, start=DAY, end=DAY, precision="day", origin="story")
    lead.place = Place(text="West Bank", **dict(SYRIA, name="West Bank", country="PSE"))
    lead.actor1 = settlements[0].actor1
    events = by_claims(fuse_claims([*settlements, embargo, lead], articles))
    assert frozenset({"v1", "v2", "v5"}) in events


def test_a_town_placed_at_the_city_it_lies_by_is_other_ground_than_the_city():
    """ "retook Saqlawiya, north-west of Fallujah, earlier this month": the town the
    gazetteer lacks is placed at Fallujah, but its capture is not the capture of Fallujah's
    centre."""
    centre = _named(
        "f1",
        "a1",
        "Iraqi troops captured the government complex in central Fallujah on Wednesday.",
        DAY,
        "on Wednesday",
        sub="Government regains territory",
        etype="Strategic developments",
        actor1="Iraqi forces",
    )
    town = claim(
        "t1",
        "a2",
        "Iraqi forces retook the town of Saqlawiya, north-west of Fallujah, earlier this month.",
        sub="Government regains territory",
        etype="Strategic developments",
        actor1="Iraqi forces",
    )
    town.when = When(
        text="earlier this month", start=DAY.replace(day=1), end=DAY, precision="month"
    )
    fallujah = dict(
        ALEPPO,
        name="Al Fallujah",
        country="IRQ",
        admin1="Anbar",
        lat=33.35,
        lon=43.78,
        gazetteer_id="geonames:98860",
    )
    centre.place = Place(text="Fallujah", **fallujah)
    town.place = Place(text="Saqlawiya", method="parent", **dict(fallujah, precision=2))
    for order in ([centre, town], [town, centre]):
        assert len(fuse_claims(order, ARTICLES)) == 2


def test_a_veto_and_the_session_it_was_cast_at_are_one_sitting():
    """One outlet tells the veto ("Russia on Wednesday vetoed the French draft"), another the
    session ("Wednesday's Security Council session, where Russia blocked the French draft"):
    one sitting, whatever PLOVER code each sentence's words give it."""
    veto = _reaction(
        "v1", "a1", "Russia on Wednesday vetoed a French draft resolution on the Aleppo strikes."
    )
    session = _reaction(
        "s1",
        "a2",
        "The fallout follows Wednesday's Security Council session on Aleppo, where Russia "
        "blocked the French draft.",
        plover="CONSULT",
    )
    for order in ([veto, session], [session, veto]):
        assert len(fuse_claims(order, ARTICLES)) == 1


def _entry(cid, aid, text, plover="REJECT"):
    """A live page's entry with no date of its own: the day the page gives (origin "entry")."""
    c = _reaction(cid, aid, text, plover=plover)
    c.when = When(start=DAY, end=DAY, precision="day", origin="entry")
    c.place = None
    return c


def test_a_live_pages_veto_entry_joins_the_only_veto_of_its_day():
    """'17:40 - Russia and China have vetoed the resolution' shares few words with the wire's
    lead, but it is the only sitting of that day it can be; with no other sitting that day it
    still founds one, not the violence its page told before it."""
    lead = _reaction(
        "v1",
        "a1",
        "Russia and China on Wednesday vetoed a Security Council resolution drafted by Britain,"
        " France and the United States that would have imposed sanctions on Syria.",
    )
    entry = _entry("v2", "a2", "17:40 - Russia and China have vetoed the resolution.")
    entry.sentence = Span(100, 100 + len(entry.sentence.text), entry.sentence.text)
    attack = claim("k2", "a2", "Saturday's suicide attacks in Homs killed dozens.", killed=40)
    events = by_claims(fuse_claims([lead, entry, attack], ARTICLES))
    assert frozenset({"v1", "v2"}) in events
    alone = by_claims(fuse_claims([entry, attack], ARTICLES))
    assert frozenset({"v2"}) in alone and alone[frozenset({"v2"})].plover == "REJECT"


def test_two_sittings_of_a_day_leave_a_bare_veto_entry_with_neither():
    """Two votes of one day on two subjects: an entry naming neither joins neither."""
    syria = _reaction("v1", "a1", "Russia on Wednesday vetoed a resolution on Syria's gas attacks.")
    yemen = _reaction("v3", "a4", "China on Wednesday vetoed a resolution on Yemen's ports.")
    entry = _entry("v2", "a2", "17:40 - It is over: one member used its veto.")
    events = by_claims(fuse_claims([syria, yemen, entry], ARTICLES))
    assert frozenset({"v1"}) in events and frozenset({"v3"}) in events
    assert frozenset({"v1", "v2"}) in by_claims(fuse_claims([syria, entry], ARTICLES))


def test_a_toll_never_follows_a_vote_into_its_event():
    """A page on chlorine attacks says "Russia on Wednesday vetoed the draft", which joins the
    veto; its later "Weeks after the vote, nerve gas killed dozens in Khan Sheikhoun" (a type
    lent by the story) follows the story's violence, not the vote, whose event stays a vote."""
    veto = _reaction("v1", "a1", "Russia and China on Wednesday vetoed the resolution on Syria.")
    story = claim("s2", "a2", "Chlorine attacks hit Sarmin, killing 6.", day=None, killed=6)
    remark = _reaction("v2", "a2", "Russia on Wednesday vetoed the draft, calling it an attack.")
    remark.sentence = Span(40, 40 + len(remark.sentence.text), remark.sentence.text)
    toll = claim(
        "t2",
        "a2",
        "Weeks after the vote, nerve gas killed dozens of people in Khan Sheikhoun.",
        sub="Chemical weapon",
        day=None,
        killed=70,
        start=120,
    )
    toll.type_reason = f"{STORY_TYPE_REASON} (the story's chemical attack)"
    events = by_claims(fuse_claims([veto, story, remark, toll], ARTICLES))
    assert frozenset({"v1", "v2"}) in events and frozenset({"s2", "t2"}) in events
    assert events[frozenset({"v1", "v2"})].event_type is None
