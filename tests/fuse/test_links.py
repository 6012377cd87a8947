"""Document-level links: an article with no claim in an event that its text plainly reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import sitrep
from sitrep.fuse.features import spelling, spellings
from sitrep.fuse.links import article_profile, best_link, event_profile, score
from sitrep.model import Article, Casualties, Claim, Event, Figure, Place, Span, When

DAY = dt.date(2024, 3, 13)
TOWN = Place(
    text="Kafr Nabl",
    name="Kafr Nabl",
    lat=35.61,
    lon=36.56,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:1",
    precision=1,
)
OTHER = Place(
    text="Sarmin",
    name="Sarmin",
    lat=35.90,
    lon=36.72,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:2",
    precision=1,
)


def claim(cid, aid, text, place=TOWN, killed=None, day=DAY):
    return Claim(
        id=cid,
        article_id=aid,
        sentence=Span(0, len(text), text),
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        place=place,
        when=When(text="on Wednesday", start=day, end=day, precision="day") if day else None,
        casualties=Casualties(
            killed=Figure(killed, killed, killed, str(killed)) if killed else None
        ),
    )


def event(eid, place, articles, claims, killed=11):
    return Event(
        id=eid,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        start=DAY,
        end=DAY,
        place=place,
        articles=articles,
        claims=[c.id for c in claims],
        casualties=Casualties(killed=Figure(killed, killed, killed)),
    )


STRIKE = [
    claim(
        "c1",
        "a1",
        "Air strikes on the market of Kafr Nabl killed 11 people, medics said.",
        killed=11,
    ),
    claim(
        "c2",
        "a2",
        "Eleven people died when jets struck the Kafr Nabl market on Wednesday.",
        killed=11,
    ),
]
SARMIN = [claim("c3", "a3", "An air strike hit a bakery in Sarmin, wounding six.", place=OTHER)]
EVENTS = [
    event_profile(
        event("e1", TOWN, ["a1", "a2"], STRIKE), STRIKE, ["Jets strike Kafr Nabl market"]
    ),
    event_profile(
        event("e2", OTHER, ["a3"], SARMIN, killed=None), SARMIN, ["Bakery hit in Sarmin"]
    ),
]
BULLETIN = Article(
    id="b1",
    title="Toll rises to 11 in Kafr Nabl market strike",
    text="Medical workers pulled more bodies from the rubble of the market after the jets left.",
    published=DAY + dt.timedelta(days=1),
)


def test_a_bulletin_with_no_claim_is_linked_to_the_event_its_title_names():
    link = best_link(article_profile(BULLETIN, []), EVENTS)
    assert link is not None and link.event_id == "e1"
    assert "names kafr nabl" in link.reason and "the toll 11" in link.reason


def test_no_place_in_common_no_link_however_many_words_are_shared():
    vague = Article(
        id="b2",
        title="Toll rises to 11 in market strike",
        text=BULLETIN.text,
        published=BULLETIN.published,
    )
    assert best_link(article_profile(vague, []), EVENTS) is None


def test_a_report_published_long_after_the_event_is_not_linked():
    late = Article(
        id="b3", title=BULLETIN.title, text=BULLETIN.text, published=DAY + dt.timedelta(days=60)
    )
    assert best_link(article_profile(late, []), EVENTS) is None


def test_an_undated_page_needs_the_town_and_several_shared_words():
    undated = Article(id="b4", title="Kafr Nabl", text="A report.", published=None)
    assert best_link(article_profile(undated, []), EVENTS) is None
    told = Article(
        id="b5", title=BULLETIN.title, text="Jets struck the market; medics counted bodies."
    )
    link = best_link(article_profile(told, []), EVENTS)
    assert link is not None and link.event_id == "e1"


def test_an_undated_account_with_no_type_or_toll_joins_a_widely_told_incident_by_its_words():
    """A survivor's account names the town and tells the day in many of the reports' words,
    but no type or toll of its own: it is linked when three or more reports told the event,
    never on a few words."""
    strike = [
        *STRIKE,
        claim("c4", "a4", "Jets struck the crowded market of Kafr Nabl, medics said.", killed=11),
    ]
    widely = event_profile(
        event("e3", TOWN, ["a1", "a2", "a4"], strike), strike, ["Jets strike Kafr Nabl market"]
    )
    account = Article(
        id="b6",
        title="A trader remembers the Kafr Nabl market",
        text=(
            "He was selling vegetables in the crowded market when the jets came. Medics carried "
            "the people from the rubble of the stalls; eleven of his neighbours died."
        ),
        published=None,
    )
    link = best_link(article_profile(account, []), [widely, EVENTS[1]])
    assert link is not None and link.event_id == "e3"
    # the same account against an event only two reports told: no link
    assert best_link(article_profile(account, []), EVENTS) is None
    brief = Article(id="b7", title="Kafr Nabl", text="A market there reopened.", published=None)
    assert best_link(article_profile(brief, []), [widely, EVENTS[1]]) is None


def test_an_undated_page_naming_the_town_past_its_lead_is_linked_by_its_placed_claim():
    """The lead says "the town"; the page's claim was placed at Kafr Nabl all the same (its
    name stands further down): that names it. A claim placed a few km off (within the reach
    of a dated report's link) does not: a page with no date needs the town itself."""
    page = Article(
        id="b8",
        title="What we know about the market strike",
        text="Jets struck the crowded market of the town; medics counted 11 bodies.",
        published=None,
    )
    own = [claim("x8", "b8", page.text, place=replace(TOWN, name="Kafranbel"), killed=11, day=None)]
    link = best_link(article_profile(page, own), EVENTS)
    assert link is not None and link.event_id == "e1"
    assert "a claim placed there" in link.reason
    off = replace(TOWN, name="Kafranbel", lat=TOWN.lat + 0.06, gazetteer_id="geonames:9")
    nearby = [claim("x9", "b8", page.text, place=off, killed=11, day=None)]
    assert best_link(article_profile(page, nearby), EVENTS) is None
    dated = replace(page, published=DAY)
    assert best_link(article_profile(dated, nearby), EVENTS) is not None


def test_a_page_spelling_the_town_otherwise_names_it():
    """Romanisations differ in vowels, q for k, kh for k: "Kafranbel" and "Kafr Nabl",
    "Karakosh" and "Qaraqosh" are one name to an undated page with no claim placed."""
    page = Article(
        id="b9",
        title="The market of Kafranbel, a year on",
        text="Jets struck the crowded market; medics counted 11 bodies among the stalls.",
        published=None,
    )
    link = best_link(article_profile(page, []), EVENTS)
    assert link is not None and link.event_id == "e1" and "names kafr nabl" in link.reason
    assert spelling("Karakosh") == spelling("Qaraqosh") == "krksh"
    assert spelling("Qunduz") == spelling("Kunduz")
    assert spelling("Khan Sheikhoun") == spelling("Khān Shaykhūn")
    # too short to tell from an English word, and only capitalised words are looked up
    assert spelling("Duma") is None
    assert "kfrnbl" not in spellings("the kafr nabl market") | spellings("Kafr, Nabl")
    other = replace(page, title="The market of Kafr Nabuda, a year on")
    assert best_link(article_profile(other, []), EVENTS) is None


def test_claims_placed_at_another_town_rule_the_event_out():
    """ "Jets hit Sarmin and Kafr Nabl": the page names the event's town, but its own claim
    places what it reports elsewhere."""
    page = Article(
        id="b2",
        title="Jets hit Sarmin and Kafr Nabl, killing 11",
        text="Eleven people were killed on Wednesday in Sarmin, rescuers said.",
        published=DAY,
    )
    own = [claim("x2", "b2", page.text, place=OTHER, killed=11)]
    e1_only = [e for e in EVENTS if e.id == "e1"]
    assert best_link(article_profile(page, own), e1_only) is None
    # with no claim placed at a town, the named town and the toll still link it
    assert best_link(article_profile(page, []), e1_only) is not None


def test_claims_in_another_country_rule_the_event_out():
    abroad = Place(
        text="Gaziantep",
        name="Gaziantep",
        lat=37.06,
        lon=37.38,
        country="TUR",
        precision=1,
        gazetteer_id="geonames:3",
    )
    own = [claim("x1", "b1", "Aid groups met in Gaziantep on Wednesday.", place=abroad)]
    assert best_link(article_profile(BULLETIN, own), EVENTS) is None


def _add(store, article, claims):
    with store.transaction():
        store.articles.insert([article], store.articles.next_seq())
        store.claims.replace(article.id, claims, "test")


def _article(aid, title, text, published=DAY):
    return Article(
        id=aid,
        title=title,
        text=text,
        outlet=f"outlet-{aid}",
        published=published,
        language="en",
        text_hash=aid,
    )


def test_the_fuse_stage_links_a_loner_and_readers_count_it(tmp_path):
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'links.db'}")
    # The bulletin arrives first: no event exists yet, so nothing to link to.
    _add(store, _article("b1", BULLETIN.title, BULLETIN.text, BULLETIN.published), [])
    sitrep.fuse(store)
    assert store.events.link_candidates(None, None) == ["b1"]
    for c in STRIKE:
        _add(store, _article(c.article_id, "Jets strike Kafr Nabl market", c.sentence.text), [c])
    report = sitrep.fuse(store)
    assert report.links == 1 and not report.rebuilt
    (found,) = [e for e in store.events.iter() if "c1" in e.claims]
    assert found.articles == ["a1", "a2", "b1"] and found.n_articles == 3
    assert found.n_independent == 2  # a linked page adds no claim and no independent report
    assert [x.article_id for x in found.links] == ["b1"]
    assert store.events.get(found.id).links[0].reason.startswith("names kafr nabl")
    incremental = store.events.links()
    sitrep.fuse(store, rebuild=True)
    assert store.events.links() == incremental


def test_links_to_a_deleted_event_go_with_it(tmp_path):
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'gone.db'}")
    for c in STRIKE:
        _add(store, _article(c.article_id, "Jets strike Kafr Nabl market", c.sentence.text), [c])
    _add(store, _article("b1", BULLETIN.title, BULLETIN.text, BULLETIN.published), [])
    sitrep.fuse(store)
    (eid,) = store.events.links()
    with store.transaction():
        store.events.delete([eid])
    assert store.events.links() == {}


def test_a_report_whose_claims_tell_another_day_is_not_linked():
    """A strike on a church in the same city two days later is another incident."""
    church = Article(
        id="b6",
        title="Strike hits church compound in Kafr Nabl",
        text="A report.",
        published=DAY + dt.timedelta(days=3),
    )
    own = [
        claim(
            "x1",
            "b6",
            "Jets struck a church compound in Kafr Nabl on Friday, killing 11.",
            killed=11,
            day=DAY + dt.timedelta(days=2),
        )
    ]
    assert best_link(article_profile(church, own), EVENTS) is None
    same_day = [
        claim("x2", "b6", "Jets struck a church in Kafr Nabl on Wednesday, killing 11.", killed=11)
    ]
    assert best_link(article_profile(church, same_day), EVENTS) is not None


def test_a_page_led_by_another_weeks_violence_is_not_linked_by_the_strike_it_recalls():
    """A grenade attack in Kafr Nabl five days after the market strike, whose page recalls
    the strike lower down (a claim of the strike's day): the page reports the grenade."""
    grenade = _article(
        "b9",
        "Grenade attack on cafe in Kafr Nabl",
        "Three people were killed when a grenade hit a cafe in Kafr Nabl on Monday.\n\n"
        "The town is still reeling from last Wednesday's strike on its market, which killed 11.",
        DAY + dt.timedelta(days=6),
    )

    def own(c: Claim) -> Claim:
        return replace(c, when=replace(c.when, origin="own"))

    lead = own(
        claim(
            "g1",
            "b9",
            grenade.text.split("\n\n")[0],
            killed=3,
            day=DAY + dt.timedelta(days=5),
        )
    )
    recalled_text = grenade.text.split("\n\n")[1]
    start = grenade.text.index(recalled_text)
    recalled = own(claim("g2", "b9", recalled_text, killed=11))
    recalled = replace(recalled, sentence=Span(start, start + len(recalled_text), recalled_text))
    assert best_link(article_profile(grenade, [lead, recalled]), EVENTS) is None
    # a follow-up led by the raids of the days after the strike still reports it
    follow = replace(lead, when=replace(lead.when, start=DAY + dt.timedelta(days=2)))
    follow = replace(follow, when=replace(follow.when, end=follow.when.start))
    link = best_link(article_profile(grenade, [follow, recalled]), EVENTS)
    assert link is not None and link.event_id == "e1"


def test_an_undated_page_naming_only_the_country_an_event_is_placed_at_is_not_linked():
    """An event placed only at Mali ("in Moura", a village the gazetteer lacks): an undated
    page that names only Mali, whatever it shares, names no town of it (an army's toll of
    another year's operation); the page that names Moura is linked."""
    mali = Place(text="Moura", name="Mali", lat=17.0, lon=-4.0, country="MLI", precision=3)
    reports = [
        claim("m1", "a1", "Soldiers killed 203 militants in Moura, the army said.", place=mali),
        claim("m2", "a2", "The army said soldiers killed 203 militants in Moura.", place=mali),
        claim("m3", "a3", "Soldiers killed 203 in Moura, the army of Mali said.", place=mali),
    ]
    target = event_profile(
        event("e9", mali, ["a1", "a2", "a3"], reports, killed=203),
        reports,
        ["Mali army says it killed 203 militants in an operation after an intelligence tip"],
    )
    other = Article(
        id="b10",
        title="Soldiers killed in attack on army camp in Mali",
        text="Soldiers killed 203 militants in central Mali, the army said of an operation it "
        "launched after an intelligence tip.",
        published=None,
    )
    own = [
        replace(
            claim("o1", "b10", other.text, place=mali, day=None), place=replace(mali, text="Mali")
        )
    ]
    assert best_link(article_profile(other, own), [target]) is None
    # the page that names the village is linked
    named = replace(
        other,
        text="Soldiers killed 203 militants in Moura, in central Mali, the army said of an "
        "operation it launched after an intelligence tip.",
    )
    link = best_link(article_profile(named, own), [target])
    assert link is not None and link.event_id == "e9"


def test_a_page_with_no_claim_is_held_to_the_day_its_lead_gives():
    """A meeting with no violence makes no claim; "on Friday" in its lead still tells it
    from the market strike of Wednesday that its second paragraph recalls."""
    talks = Article(
        id="b8",
        title="Elders hold talks in Kafr Nabl",
        text="Tribal elders met in Kafr Nabl on Friday to discuss the toll of 11.\n\nThe "
        "market, struck by jets, stayed closed.",
        published=DAY + dt.timedelta(days=3),
    )
    assert best_link(article_profile(talks, []), EVENTS) is None
    same_day = replace(talks, text=talks.text.replace("on Friday", "on Wednesday"))
    link = best_link(article_profile(same_day, []), EVENTS)
    assert link is not None and link.event_id == "e1"


def test_no_link_to_an_event_told_only_as_a_year():
    year = event("e3", TOWN, ["a1", "a2"], STRIKE)
    year.start, year.end = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
    profile = event_profile(year, STRIKE, ["Jets strike Kafr Nabl market"])
    assert best_link(article_profile(BULLETIN, []), [profile]) is None


def test_an_event_of_undated_pages_is_no_link_target():
    undated = event("e4", TOWN, ["a1", "a2"], STRIKE)
    undated.start = undated.end = None
    profile = event_profile(undated, STRIKE, ["Jets strike Kafr Nabl market"])
    assert best_link(article_profile(BULLETIN, []), [profile]) is None


def test_within_the_margin_an_incident_many_reports_told_wins_over_one_page():
    """Two strikes at one town: one told by three reports, one by a single page. A follow-up
    that fits both about as well is linked to the widely told one; against an event of two
    reports it stays unlinked."""
    wide_claims = [
        *STRIKE,
        claim("c4", "a4", "Jets struck the Kafr Nabl market, killing 11.", killed=11),
    ]
    wide = event_profile(event("w", TOWN, ["a1", "a2", "a4"], wide_claims), wide_claims, [])
    lone_claims = [claim("c5", "a5", "Jets struck the Kafr Nabl market again.", killed=11)]
    lone = event_profile(event("l", TOWN, ["a5"], lone_claims), lone_claims, [])
    pair = event_profile(event("p", TOWN, ["a5", "a6"], lone_claims), lone_claims, [])
    page = Article(
        id="f1",
        title="Kafr Nabl buries its dead",
        text="Jets struck the market of Kafr Nabl; 11 were killed.",
        published=DAY + dt.timedelta(days=1),
    )
    link = best_link(article_profile(page, []), [wide, lone])
    assert link is not None and link.event_id == "w"
    assert best_link(article_profile(page, []), [wide, pair]) is None


QUARTER = replace(
    TOWN, text="Bustan", name="Bustan", lat=35.62, gazetteer_id="geonames:3", admin1="Idlib"
)


def _strike_also_at(place, name):
    """The Kafr Nabl strike, told by a third report at ``place`` (written ``name``)."""
    told = [*STRIKE, claim("c6", "a6", f"The jets also hit {name}; 11 died.", place, 11)]
    return event_profile(event("s", TOWN, ["a1", "a2", "a6"], told), told, [])


def _rescuers_account(name):
    return Article(
        id="r1",
        title=f"A rescuer's night in {name}",
        text="The jets came over the market at dawn. We pulled 11 bodies from the rubble.",
        published=None,
    )


def test_an_undated_page_naming_a_quarter_only_this_events_reports_name_is_linked():
    """A rescuer's account names the quarter ("Bustan"), never the town the event is placed
    at: a town only this event's reports place claims at names it. When another candidate's
    reports name the quarter too, it tells neither."""
    strike, account = (
        _strike_also_at(QUARTER, "Bustan"),
        article_profile(_rescuers_account("Bustan"), []),
    )
    link = best_link(account, [strike, EVENTS[1]])
    assert link is not None and link.event_id == "s" and "names bustan" in link.reason
    other = [claim("c7", "a7", "Jets hit the Bustan market at dawn, killing 11.", QUARTER, 11)]
    rival = event_profile(event("o", OTHER, ["a7"], other), other, [])
    assert best_link(account, [strike, rival]) is None
    # a rival that could not be the page's leaves the name unshared: one in another
    # country, or one that shares too few of its words ("Shells hit Bustan")
    shells = [claim("c8", "a8", "Shells hit Bustan.", QUARTER)]
    unlike = event_profile(event("u", OTHER, ["a8"], shells, killed=None), shells, [])
    link = best_link(account, [strike, unlike])
    assert link is not None and link.event_id == "s"
    abroad = event_profile(event("o", replace(OTHER, country="TUR"), ["a7"], other), other, [])
    syria = Place(text="Syria", name="Syria", country="SYR", precision=3)
    own = [claim("x1", "r1", "The war in Syria goes on.", syria, day=None)]
    in_syria = article_profile(_rescuers_account("Bustan"), own)
    link = best_link(in_syria, [strike, abroad])
    assert link is not None and link.event_id == "s" and "names bustan" in link.reason


def test_a_town_named_like_its_province_does_not_name_the_event():
    """ "in the Donetsk region" is placed at the city of Donetsk by many reports of many
    incidents: a town of the event's reports that bears its province's name is no sign."""
    city = replace(TOWN, text="Idlib", name="Idlib", lat=35.93, gazetteer_id="geonames:4")
    account = article_profile(_rescuers_account("Idlib"), [])
    assert best_link(account, [_strike_also_at(city, "Idlib"), EVENTS[1]]) is None


def test_a_page_telling_only_violence_is_no_report_of_a_session():
    """Rocket fire on western Kafr Nabl told the day of a Council session on the town: the
    page names the town and shares the session's words, but a statement, meeting or vote is
    reported by a page that tells one (a PLOVER-only claim, a sitting in its lead)."""
    said = claim(
        "s1",
        "a1",
        "The Security Council held an emergency meeting on Kafr Nabl on Wednesday as rockets "
        "hit the western districts of the town.",
    )
    said.event_type = said.sub_event_type = None
    said.plover = "CONSULT"
    session = Event(
        id="e9",
        event_type=None,
        sub_event_type=None,
        plover="CONSULT",
        start=DAY,
        end=DAY,
        place=TOWN,
        articles=["a1", "a5", "a6"],
        claims=["s1"],
    )
    target = [event_profile(session, [said], ["Council meets on Kafr Nabl"])]
    page = Article(
        id="b9",
        title="Rockets hit western districts of Kafr Nabl",
        text="Rockets fired at the western districts of Kafr Nabl killed two people on Wednesday.",
        published=DAY,
    )
    rockets = claim("r9", "b9", page.text, killed=2)
    rockets.sub_event_type = "Shelling/artillery/missile attack"
    assert best_link(article_profile(page, [rockets]), target) is None
    told = replace(page, title="Council meets on Kafr Nabl as rockets hit western districts")
    reply = claim("r8", "b9", "The envoy of Ardan rejected the accusations on Wednesday.")
    reply.event_type = reply.sub_event_type = None
    reply.plover = "REJECT"
    link = best_link(article_profile(told, [rockets, reply]), target)
    assert link is not None and link.event_id == "e9"


def test_a_dateline_or_a_city_a_town_lies_by_does_not_name_the_event():
    """ "SARMIN (Northstar News) - ..." is where the page was filed, and "Kafr Nabl, 20 km
    south of Sarmin" only says where the town lies: neither names Sarmin's bakery strike."""
    for text in (
        "SARMIN (Northstar News) - The buses came early and parked along the road, and by the "
        "middle of the week the town had emptied of its fighters.",
        "The buses came to Kafr Nabl, 20 km south of Sarmin, and by the middle of the week "
        "the town had emptied of its fighters.",
    ):
        page = Article(id="d1", title="The week the town emptied", text=text, published=DAY)
        assert score(article_profile(page, []), EVENTS[1]) is None, text
    page = Article(
        id="d2",
        title="The week the town emptied",
        text="The buses came to Sarmin, and by the middle of the week the town had emptied.",
        published=DAY,
    )
    found = score(article_profile(page, []), EVENTS[1])
    assert found is not None and "names sarmin" in found[1]


def test_an_undated_page_naming_the_weekday_takes_the_close_event_that_fell_on_it():
    """Two strikes on the Kafr Nabl market, on Wednesday and the Saturday before, each told
    by two reports: an undated account fits both; "that Wednesday" tells which."""
    earlier = event("e0", TOWN, ["a7", "a8"], STRIKE)
    earlier.start = earlier.end = DAY - dt.timedelta(days=4)
    both = [
        event_profile(event("e1", TOWN, ["a1", "a2"], STRIKE), STRIKE, []),
        event_profile(earlier, STRIKE, []),
    ]
    text = "Air strikes hit the Kafr Nabl market at dawn. Medics said 11 people were killed."
    account = Article(id="r2", title="A rescuer remembers", text=text, published=None)
    assert best_link(article_profile(account, []), both) is None
    on_wednesday = replace(account, text=text.replace("at dawn", "that Wednesday at dawn"))
    link = best_link(article_profile(on_wednesday, []), both)
    assert link is not None and link.event_id == "e1"
