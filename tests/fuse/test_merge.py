"""The merge pass: two events that are one incident, split by the order claims came in."""

from __future__ import annotations

import datetime as dt

from sitrep.fuse.features import ArticleInfo
from sitrep.fuse.fusion import merge_split, summaries
from sitrep.fuse.merge import merge_groups
from sitrep.model import Casualties, Claim, Figure, Place, Span, When

DAY = dt.date(2024, 7, 11)
CITY = dict(
    name="Tulchyn",
    lat=48.67,
    lon=28.85,
    country="UKR",
    admin1="Vinnytsia",
    gazetteer_id="geonames:10",
    precision=1,
)
ARTICLES = {a: ArticleInfo(a, f"outlet-{a}", a, DAY) for a in ("a1", "a2", "a3", "a4")}


def claim(cid, aid, killed=20, day=DAY, sub="Shelling/artillery/missile attack", start=0):
    text = f"Missiles struck the centre of Tulchyn, killing {killed} people."
    return Claim(
        id=cid,
        article_id=aid,
        sentence=Span(start, start + len(text), text),
        event_type="Explosions/Remote violence",
        sub_event_type=sub,
        place=Place(text="Tulchyn", **CITY),
        when=When(text="on Thursday", start=day, end=day, precision="day"),
        casualties=Casualties(killed=Figure(killed, killed, killed, str(killed))),
    )


def merged(groups):
    return merge_groups(summaries(sorted(groups.items()), ARTICLES))


def test_two_events_of_one_town_day_and_type_from_different_reports_merge_into_the_first_id():
    groups = {"ev_b": [claim("c2", "a2", killed=21)], "ev_a": [claim("c1", "a1", killed=23)]}
    assert merged(groups) == {"ev_b": "ev_a"}
    grown = merge_split(groups, ARTICLES)
    assert grown == {"ev_a"} and [c.id for c in groups["ev_a"]] == ["c1", "c2"]


def test_an_article_that_tells_both_has_told_them_apart():
    groups = {"ev_a": [claim("c1", "a1")], "ev_b": [claim("c2", "a1", start=300)]}
    assert merged(groups) == {}


def test_an_article_whose_claim_in_one_tells_nothing_of_its_own_tells_nothing_apart():
    # a2's report of the strike founded ev_b; its "no excuses left for the killing of
    # children in Ukraine" (no figure, no day, only a country) joined ev_a
    vague = Claim(
        id="c3",
        article_id="a2",
        sentence=Span(400, 460, "There are no excuses left for the killing of civilians."),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        place=Place(text="Ukraine", name="Ukraine", lat=49.0, lon=32.0, country="UKR", precision=3),
    )
    groups = {
        "ev_a": [claim("c1", "a1"), claim("c4", "a3", killed=22), vague],
        "ev_b": [claim("c2", "a2", killed=21)],
    }
    assert merged(groups) == {"ev_b": "ev_a"}


def test_other_days_other_types_and_far_tolls_stay_apart():
    later = {
        "ev_a": [claim("c1", "a1")],
        "ev_b": [claim("c2", "a2", day=DAY + dt.timedelta(days=2))],
    }
    assert merged(later) == {}
    other = {"ev_a": [claim("c1", "a1")], "ev_b": [claim("c2", "a2", sub="Air/drone strike")]}
    assert merged(other) == {}
    tolls = {"ev_a": [claim("c1", "a1", killed=100)], "ev_b": [claim("c2", "a2", killed=5)]}
    assert merged(tolls) == {}


def test_merges_chain_whatever_the_order():
    groups = {f"ev_{k}": [claim(f"c{k}", f"a{k}")] for k in (3, 1, 2)}
    assert merged(groups) == {"ev_2": "ev_1", "ev_3": "ev_1"}


PROVINCE_TOWN = dict(
    name="Khan Shaykhun",
    lat=35.44,
    lon=36.65,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:20",
    precision=1,
)
CITY_NAMED_AS_PROVINCE = dict(
    name="Idlib",
    lat=35.93,
    lon=36.63,
    country="SYR",
    admin1="Idlib",
    gazetteer_id="geonames:21",
    precision=1,
)


def _placed(cid, aid, place, sub="Air/drone strike", killed=20):
    c = claim(cid, aid, killed=killed, sub=sub)
    c.place = Place(text=place["name"], **place)
    return c


def test_an_event_named_by_a_province_joins_the_one_event_of_its_towns_that_day():
    """ "a chemical attack in Idlib" (the city's name is the province's) and "air strikes on
    Khan Shaykhun" the same day: one incident, whatever the distance between the points."""
    groups = {
        "ev_a": [_placed("c1", "a1", CITY_NAMED_AS_PROVINCE, sub="Chemical weapon")],
        "ev_b": [_placed("c2", "a2", PROVINCE_TOWN)],
    }
    assert merged(groups) == {"ev_b": "ev_a"}


def test_a_province_named_in_the_gazetteers_spelling_is_still_the_province():
    """The gazetteer writes the division "Muḩāfaz̧at Idlib" and the town "Khān Shaykhūn":
    their words are those of "Idlib" and "Khan Shaykhun" as reports write them (accents and
    the word for governorate aside), so the province's event still joins the town's."""
    accented = dict(PROVINCE_TOWN, name="Khān Shaykhūn", admin1="Muḩāfaz̧at Idlib")
    groups = {
        "ev_a": [_placed("c1", "a1", CITY_NAMED_AS_PROVINCE, sub="Chemical weapon")],
        "ev_b": [_placed("c2", "a2", accented)],
    }
    assert merged(groups) == {"ev_b": "ev_a"}


def test_a_province_name_with_two_candidate_towns_merges_with_neither():
    other_town = dict(
        PROVINCE_TOWN, name="Saraqib", lat=35.86, lon=36.80, gazetteer_id="geonames:22"
    )
    groups = {
        "ev_a": [_placed("c1", "a1", CITY_NAMED_AS_PROVINCE, sub="Chemical weapon")],
        "ev_b": [_placed("c2", "a2", PROVINCE_TOWN)],
        "ev_c": [_placed("c3", "a3", other_town)],
    }
    assert merged(groups) == {}


def test_one_stray_toll_does_not_split_an_incident():
    """ "One person was killed in that attack" beside the 40 of the strike: the tolls of the
    two events overlap, so they are not far apart; tolls wholly apart still are."""
    groups = {
        "ev_a": [claim("c1", "a1", killed=40), claim("c2", "a1", killed=1, start=300)],
        "ev_b": [claim("c3", "a2", killed=43)],
    }
    assert merged(groups) == {"ev_b": "ev_a"}
    apart = {"ev_a": [claim("c1", "a1", killed=3)], "ev_b": [claim("c3", "a2", killed=43)]}
    assert merged(apart) == {}


def test_a_province_name_joins_two_entries_of_one_town():
    """Two gazetteer entries of one town (a few km apart, two spellings) are one incident
    for the event named by the province; two towns are not (the test above)."""
    spelling = dict(
        PROVINCE_TOWN, name="Khan Shikhun", lat=35.47, lon=36.66, gazetteer_id="geonames:23"
    )
    groups = {
        "ev_a": [_placed("c1", "a1", CITY_NAMED_AS_PROVINCE, sub="Chemical weapon")],
        "ev_b": [_placed("c2", "a2", PROVINCE_TOWN)],
        "ev_c": [_placed("c3", "a3", spelling, sub="Chemical weapon")],
    }
    assert merged(groups) == {"ev_b": "ev_a", "ev_c": "ev_a"}


def _undated_at(cid, aid, written, sub="Attack", killed=300):
    """A claim on a page with no date, placed only at its country: the gazetteer does not
    know the town it names."""
    c = claim(cid, aid, killed=killed, sub=sub)
    c.when = None
    c.place = Place(text=written, name="Mali", lat=17.0, lon=-4.0, country="MLI", precision=3)
    return c


def test_undated_events_at_one_unresolved_town_merge():
    undated = {a: ArticleInfo(a, f"outlet-{a}", a, None) for a in ("a1", "a2", "a3", "a4")}

    def merged_undated(groups):
        return merge_groups(summaries(sorted(groups.items()), undated))

    groups = {
        "ev_a": [_undated_at("c1", "a1", "Moura")],
        "ev_b": [_undated_at("c2", "a2", "Moura", sub="Armed clash", killed=203)],
        "ev_c": [_undated_at("c3", "a3", "Mali")],  # the country's name tells no town
        "ev_d": [_undated_at("c4", "a4", "Diafarabe")],
    }
    assert merged_undated(groups) == {"ev_b": "ev_a"}
    # a type that cannot kill beside a killing, or tolls wholly apart, stay apart
    detained = _undated_at("c2", "a2", "Moura", sub="Arrests")
    detained.event_type = "Strategic developments"
    arrests = {"ev_a": [_undated_at("c1", "a1", "Moura")], "ev_b": [detained]}
    assert merged_undated(arrests) == {}
    far = {
        "ev_a": [_undated_at("c1", "a1", "Moura")],
        "ev_b": [_undated_at("c2", "a2", "Moura", killed=3)],
    }
    assert merged_undated(far) == {}


def test_dated_and_undated_events_at_one_unresolved_town_are_one_incident():
    """The army's "203 militants killed" in Moura and another page's killings there the same
    day, each placed only at Mali, are one; undated pages on Moura join them."""
    info = {
        a: ArticleInfo(a, f"outlet-{a}", a, None if a in ("a3", "a4") else DAY)
        for a in ("a1", "a2", "a3", "a4")
    }

    def at(cid, aid, written, when=None, **kw):
        c = _undated_at(cid, aid, written, **kw)
        c.place.method = "country"  # the gazetteer lacks it: placed at the country
        c.when = when
        return c

    def friday():
        return When(text="on Friday", start=DAY, end=DAY, precision="day")

    groups = {
        "ev_a": [at("c1", "a1", "Moura", friday(), sub="Armed clash", killed=203)],
        "ev_b": [at("c2", "a2", "Moura", friday())],
        "ev_c": [at("c3", "a3", "Moura")],
        "ev_d": [at("c4", "a4", "Diafarabe")],
    }
    joined = merge_groups(summaries(sorted(groups.items()), info))
    assert joined == {"ev_b": "ev_a", "ev_c": "ev_a"}
    # named by the country alone (resolved), the dated events stay apart
    for c in (*groups["ev_a"], *groups["ev_b"]):
        c.place.text, c.place.method, c.place.gazetteer_id = "Mali", "exact", "geonames:2453866"
    assert merge_groups(summaries(sorted(groups.items()), info)) == {}


def _last_year(cid, aid, sub="Chemical weapon", place=PROVINCE_TOWN, killed=50):
    """ "the chemical attack on Khan Shaykhun last year": a year, no day."""
    c = _placed(cid, aid, place, sub=sub, killed=killed)
    c.when = When(
        text="last year", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), precision="year"
    )
    return c


def test_a_year_told_of_an_incident_at_a_town_joins_the_one_dated_event_there():
    groups = {
        "ev_a": [_placed("c1", "a1", PROVINCE_TOWN, sub="Chemical weapon", killed=70)],
        "ev_b": [_last_year("c2", "a2")],
    }
    assert merged(groups) == {"ev_b": "ev_a"}
    # two dated events of that type at the town that year: the year cannot choose
    again = dict(groups, ev_c=[_placed("c3", "a3", PROVINCE_TOWN, sub="Chemical weapon")])
    again["ev_c"][0].when = When(
        text="in May", start=dt.date(2024, 5, 2), end=dt.date(2024, 5, 2), precision="day"
    )
    assert merged(again) == {}
    # another type, or fighting (which goes on for weeks at a town), stays apart
    other = {"ev_a": groups["ev_a"], "ev_b": [_last_year("c2", "a2", sub="Air/drone strike")]}
    assert merged(other) == {}
    fights = {
        "ev_a": [_placed("c1", "a1", PROVINCE_TOWN, sub="Armed clash")],
        "ev_b": [_last_year("c2", "a2", sub="Armed clash")],
    }
    assert merged(fights) == {}


def _in_the_country(cid, aid, sub="Air/drone strike", killed=14):
    """ "missiles struck an air base in central Syria on Monday": the country only."""
    c = claim(cid, aid, killed=killed, sub=sub)
    c.place = Place(text="Syria", name="Syria", lat=35.0, lon=38.0, country="SYR", precision=3)
    return c


def test_an_event_placed_only_at_its_country_joins_the_one_event_of_its_day_and_type():
    groups = {"ev_a": [_placed("c1", "a1", PROVINCE_TOWN)], "ev_b": [_in_the_country("c2", "a2")]}
    assert merged(groups) == {"ev_b": "ev_a"}
    douma = dict(PROVINCE_TOWN, name="Douma", lat=33.57, lon=36.4, gazetteer_id="geonames:24")
    two = dict(groups, ev_c=[_placed("c3", "a3", douma)])
    assert merged(two) == {}  # two strikes that day: the country cannot tell which
    shelling = {"ev_a": groups["ev_a"], "ev_b": [_in_the_country("c2", "a2", sub="Attack")]}
    assert merged(shelling) == {}
    told_by_one = {"ev_a": groups["ev_a"], "ev_b": [_in_the_country("c2", "a1")]}
    told_by_one["ev_b"][0].sentence = Span(300, 360, "x" * 60)
    assert merged(told_by_one) == {}  # one article telling both has told them apart


def test_an_event_placed_only_at_its_country_joins_the_one_of_its_day_placed_at_a_province():
    """ "The T-4 base lies in Syria's central Homs province": a report placed at the
    province and one placed only in Syria, of one day and type, are one strike; a town's
    event of that day and type is taken before the province's."""
    homs = dict(
        name="Homs",
        lat=34.52,
        lon=37.81,
        country="SYR",
        admin1="Homs",
        gazetteer_id="admin1:SY.11",
        precision=3,
    )
    groups = {"ev_a": [_placed("c1", "a1", homs)], "ev_b": [_in_the_country("c2", "a2")]}
    assert merged(groups) == {"ev_b": "ev_a"}
    # with a town's event of that day and type (in Idlib), the country's joins that one, and
    # the province's stays apart: Homs holds no town of Idlib
    with_town = dict(groups, ev_c=[_placed("c3", "a3", PROVINCE_TOWN)])
    assert merged(with_town) == {"ev_c": "ev_b"}


def test_a_day_the_sentence_writes_outweighs_one_lent_by_the_sentence_before():
    """ "Early Monday, missiles struck the base" (written) beside a sentence that borrows the
    Saturday of the story before it: the event is Monday's, and joins Monday's strike."""
    written = _in_the_country("c2", "a2")
    lent = _in_the_country("c3", "a2", killed=None)
    lent.sentence = Span(300, 360, "x" * 60)
    lent.when = When(
        text=None,
        start=DAY - dt.timedelta(days=2),
        end=DAY - dt.timedelta(days=2),
        precision="day",
        origin="previous",
    )
    groups = {"ev_a": [_placed("c1", "a1", PROVINCE_TOWN)], "ev_b": [lent, written]}
    assert merged(groups) == {"ev_b": "ev_a"}


def test_a_page_with_no_date_that_writes_a_day_without_its_year_joins_that_days_event():
    """ "Early on July 11, a blast tore through the prison in Tulchyn": no year on the page,
    but the day and the town find the event; of another type family it stays apart."""
    undated = {a: ArticleInfo(a, f"outlet-{a}", a, None) for a in ("a1", "a2")}
    blast = claim("c2", "a2", sub="Remote explosive/landmine/IED")
    blast.when = When(text="on July 11", start=None, end=None, precision="day")
    dated = {"a1": ARTICLES["a1"], "a2": undated["a2"]}
    groups = {"ev_a": [claim("c1", "a1")], "ev_b": [blast]}
    assert merge_groups(summaries(sorted(groups.items()), dated)) == {"ev_b": "ev_a"}
    arrests = claim("c2", "a2", sub="Arrests")
    arrests.event_type, arrests.when = "Strategic developments", blast.when
    groups = {"ev_a": [claim("c1", "a1")], "ev_b": [arrests]}
    assert merge_groups(summaries(sorted(groups.items()), dated)) == {}


def test_an_undated_day_that_fits_several_events_at_its_town_joins_the_widely_told_one():
    """Reports of one blast split into a big event and a stray one (an article with claims in
    both kept them apart): the undated page joins the event told by twice as many articles,
    and none when no event stands out."""
    articles = {a: ArticleInfo(a, f"outlet-{a}", a, DAY) for a in ("a1", "a2", "a3", "a4")}
    articles["a5"] = ArticleInfo("a5", "outlet-a5", "a5", None)
    page = claim("c5", "a5", sub="Remote explosive/landmine/IED")
    page.when = When(text="on July 11", start=None, end=None, precision="day")
    big = [claim("c1", "a1"), claim("c2", "a2"), claim("c3", "a3", start=300)]
    stray = [claim("c4", "a3", sub="Armed clash")]
    groups = {"ev_a": big, "ev_b": stray, "ev_c": [page]}
    assert merge_groups(summaries(sorted(groups.items()), articles)) == {"ev_c": "ev_a"}
    even = {"ev_a": big[:1], "ev_b": [claim("c4", "a4", sub="Armed clash")], "ev_c": [page]}
    assert merge_groups(summaries(sorted(even.items()), articles)) == {}


def test_events_whose_claims_all_took_their_type_from_their_story_merge_without_failing():
    """Such an event has a day and a town but no sub-type of its own: it matches no other
    event's sub-type, and the merge pass must not fail on it (it did, on FA-KES)."""
    from sitrep.model import STORY_TYPE_REASON

    lent = [claim("c1", "a1"), claim("c3", "a3")]
    for c in lent:
        c.type_reason = f"{STORY_TYPE_REASON} the attack"
    groups = {"ev_a": [lent[0]], "ev_b": [claim("c2", "a2", killed=21)], "ev_c": [lent[1]]}
    assert merged(groups) == {}


def test_days_after_an_incident_joins_it_in_other_words_within_a_week_only():
    """ "resigned on Tuesday, days after the truck bombing in Tulchyn": a window of the days
    before, typed a bombing where the reports of the day say a suicide bomb."""
    dated = claim("c1", "a1", sub="Suicide bomb", killed=213)
    dated.event_type = "Explosions/Remote violence"
    days_after = claim("c2", "a2", sub="Remote explosive/landmine/IED", killed=250)
    days_after.when = When(
        text="on Tuesday",
        start=DAY - dt.timedelta(days=4),
        end=DAY + dt.timedelta(days=1),
        precision="week",
    )
    assert merged({"ev_a": [dated], "ev_b": [days_after]}) == {"ev_b": "ev_a"}
    # a month's window needs the one sub-type
    days_after.when = When(
        text="in July", start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 31), precision="month"
    )
    assert merged({"ev_a": [dated], "ev_b": [days_after]}) == {}


def _evacuation(cid, aid, day, text="Buses left the centre of Tulchyn, carrying 3,000 people."):
    c = claim(cid, aid, day=day, sub="Agreement")
    c.event_type, c.plover, c.casualties = "Strategic developments", "AGREE", Casualties()
    c.sentence = Span(0, len(text), text)
    return c


def test_an_operation_told_as_resumed_joins_the_one_before_it_at_its_town():
    first = _evacuation("c1", "a1", DAY)
    later = DAY + dt.timedelta(days=4)
    resumed = _evacuation("c2", "a2", later, "The evacuation of Tulchyn resumed on Monday.")
    assert merged({"ev_a": [first], "ev_b": [resumed]}) == {"ev_b": "ev_a"}
    # without the word, four days apart are two operations
    again = _evacuation("c2", "a2", later, "Buses left Tulchyn on Monday with 500 people.")
    assert merged({"ev_a": [first], "ev_b": [again]}) == {}
    # fighting that resumed is a new day of fighting
    fight = claim("c1", "a1", sub="Armed clash")
    fight.event_type = "Battles"
    renewed = claim("c2", "a2", day=later, sub="Armed clash")
    renewed.event_type = "Battles"
    renewed.sentence = Span(0, 40, "Fighting resumed in Tulchyn on Monday.")
    assert merged({"ev_a": [fight], "ev_b": [renewed]}) == {}


def _ground(cid, aid, day, sub, quarter, lat, lon):
    """A quarter of the city taken (or given up) on ``day``."""
    c = claim(cid, aid, day=day, sub=sub)
    c.event_type = "Battles" if sub == "Government regains territory" else "Strategic developments"
    c.casualties = Casualties()
    spot = dict(CITY, name=quarter, lat=lat, lon=lon, gazetteer_id=f"sitrep:{quarter}")
    c.place = Place(text=quarter, **spot)
    return c


def test_quarters_taken_on_following_days_stay_apart_and_one_told_both_ways_merges():
    """An offensive takes a quarter a day: "captured Hanano" on Saturday and "captured Jabal
    Badro" on Sunday, a kilometre apart, are two events; "the army captured Sakhour" and
    "rebels withdrew from Sakhour" the same day are one."""
    taken = "Government regains territory"
    first = _ground("c1", "a1", DAY, taken, "Hanano", 48.670, 28.850)
    second = _ground("c2", "a2", DAY + dt.timedelta(days=1), taken, "Badro", 48.675, 28.855)
    assert merged({"ev_a": [first], "ev_b": [second]}) == {}
    given_up = _ground(
        "c3", "a3", DAY, "Non-violent transfer of territory", "Hanano", 48.670, 28.850
    )
    given_up.event_type = "Strategic developments"
    assert merged({"ev_a": [first], "ev_c": [given_up]}) == {"ev_c": "ev_a"}
