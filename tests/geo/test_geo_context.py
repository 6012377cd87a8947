"""Article context in resolution: per-name votes, the article's state, names inside names,
county lists, state demonyms, bare county names, and the state-versus-namesake-town choice."""

from __future__ import annotations

import pytest
from helpers import spans_of

from sitrep.geo import geoparse, resolve_spans
from sitrep.geo.sources import demonym_forms


def test_a_repeated_name_does_not_outvote_the_other_names(gaz):
    # Four "Alexandria"s are one voice, not four votes for Egypt; "Virginia" decides.
    text = (
        "Alexandria police said the Alexandria school board met. Alexandria officials and "
        "Alexandria residents in Virginia agreed."
    )
    names = ("Alexandria", "Alexandria", "Alexandria", "Alexandria", "Virginia")
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    assert [p.country for p in places[:4]] == ["USA"] * 4
    assert {p.admin1 for p in places[:4]} == {"Virginia"}


def test_unknown_name_falls_back_to_the_articles_state(gaz):
    text = (
        "Flooding closed roads in Moorhead, Fergus Falls and Detroit Lakes, Minnesota, and "
        "the Zorbquist Slough rose again."
    )
    names = ("Moorhead", "Fergus Falls", "Detroit Lakes", "Minnesota", "Zorbquist Slough")
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    slough = places[-1]
    assert slough.name == "Minnesota" and slough.precision == 3 and slough.method == "admin1"
    assert slough.reason and "province/state" in slough.reason


def test_unknown_name_is_placed_at_a_place_named_inside_it(gaz):
    text = (
        "Dock workers in Long Beach and San Pedro, California, walked out at the Port of "
        "Los Angeles on Monday."
    )
    names = ("Long Beach", "San Pedro", "California", "Port of Los Angeles")
    port = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)[-1]
    assert port.name == "Los Angeles" and port.admin1 == "California"
    assert port.precision == 2 and port.method == "partial"
    assert "'Los Angeles'" in port.reason


def test_feature_words_alone_never_place_a_name(gaz):
    text = "Officials in Cairo and Giza said the National Art Gallery stayed shut."
    names = ("Cairo", "Giza", "National Art Gallery")
    gallery = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)[-1]
    assert gallery.method != "partial"


def test_names_listed_before_counties_are_counties(gaz):
    text = (
        "Moorhead, Minnesota, and Fargo sandbagged as Becker, Clay and Douglas counties "
        "declared emergencies."
    )
    names = ("Moorhead", "Minnesota", "Fargo", "Becker", "Clay", "Douglas")
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    for p in places[3:]:
        assert p.name.endswith("County") and p.admin1 == "Minnesota" and p.precision == 2, p


@pytest.mark.parametrize(("demonym", "admin1"), [("Minnesotans", "Minnesota"), ("Texan", "Texas")])
def test_state_demonyms_resolve_to_the_state_and_are_marked(gaz, demonym, admin1):
    text = f"Many {demonym} voted early."
    [p] = resolve_spans(text, spans_of(text, demonym), gazetteer=gaz)
    assert p.name == admin1 and p.country == "USA" and p.precision == 3
    assert p.kind == "demonym"


def test_demonym_plurals():
    assert demonym_forms("Texan") == ["Texan", "Texans"]
    assert demonym_forms("Czech") == ["Czech", "Czechs"]
    assert demonym_forms("Chinese") == ["Chinese"]
    assert demonym_forms("British") == ["British"]
    assert demonym_forms(" ") == []


def test_continent_demonym(gaz):
    text = "European ministers met."
    [p] = resolve_spans(text, spans_of(text, "European"), gazetteer=gaz)
    assert p.name == "Europe"


def test_bare_county_name_finds_the_county(gaz):
    text = "Commuters from DuPage drove into Chicago and Naperville, Illinois."
    names = ("DuPage", "Chicago", "Naperville", "Illinois")
    dupage = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)[0]
    assert dupage.name == "DuPage County" and dupage.admin1 == "Illinois"


def test_chinese_province_without_its_suffix(gaz):
    text = "Factories in Zhejiang and Jiangsu, China, reopened."
    places = resolve_spans(text, spans_of(text, "Zhejiang", "Jiangsu", "China"), gazetteer=gaz)
    assert [p.country for p in places] == ["CHN"] * 3
    assert places[0].precision == 3 and "Zhejiang" in places[0].name


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Snow fell in New York, Boston and Florida.", ("New York", "Boston", "Florida")),
        ("Voters in Brooklyn and Queens, New York, and in Florida went to the polls.",
         ("Brooklyn", "Queens", "New York", "Florida")),
    ],
)  # fmt: skip
def test_a_state_name_means_the_state_not_a_namesake_town(gaz, text, names):
    # Florida, New York (a village) lies near New York City; the article means the state.
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    florida = places[-1]
    assert florida.name == "Florida" and florida.admin1 == "Florida" and florida.precision == 3
    boston = [p for p in places if p.text == "Boston"]
    assert all(p.admin1 == "Massachusetts" for p in boston)  # a state named nearby is no parent


def test_geoparse_keeps_method_and_reason_for_every_fallback(gaz):
    text = (
        "Flooding closed roads in Moorhead, Fergus Falls and Detroit Lakes, Minnesota, and "
        "the Zorbquist Slough rose again."
    )
    for p in geoparse(text, gazetteer=gaz):
        assert p.method in (
            "exact",
            "alternate",
            "loose",
            "fuzzy",
            "partial",
            "parent",
            "admin1",
            "country",
            "none",
        ), p
        if p.method in ("partial", "parent", "admin1", "country", "none"):
            assert p.reason, p


def test_a_lone_small_namesake_abroad_is_doubted(gaz):
    # The only "Heathrow" the gazetteer holds is a small town in Florida; the article is British.
    text = "Flights from Heathrow to Edinburgh and Aberdeen were cancelled, London officials said."
    names = ("Heathrow", "Edinburgh", "Aberdeen", "London")
    heathrow = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)[0]
    assert heathrow.country == "GBR" and heathrow.precision == 3
    assert heathrow.method in ("admin1", "country")
    assert "small place in a country the article does not otherwise name" in heathrow.reason


def test_a_capital_named_like_a_state_stays_the_capital(gaz):
    text = "WASHINGTON (AP) - Lawmakers from Texas and Florida met officials in Washington."
    names = ("WASHINGTON", "Texas", "Florida", "Washington")
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    for p in (places[0], places[-1]):
        assert p.admin1 == "District of Columbia" and p.precision == 1, p


def test_an_unknown_name_falls_back_to_the_leading_country_of_a_mixed_article(gaz):
    # Syria leads with three names of seven; Russia and Turkey have two each.
    text = (
        "Shelling hit Aleppo and Idlib in Syria and besieged Zorbafoua, while Russia and "
        "Turkey talked in Moscow and Ankara."
    )
    names = ("Aleppo", "Idlib", "Syria", "Zorbafoua", "Russia", "Turkey", "Moscow", "Ankara")
    place = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)[3]
    assert place.country == "SYR" and place.precision == 3 and place.method == "country"
    assert "only the article's country is known" in place.reason


def test_a_lone_small_namesake_in_another_state_is_doubted(gaz):
    # The gazetteer's only Grantville is a small town in Georgia; the article is about
    # Pennsylvania (whose Grantville is too small for it).
    text = (
        "Flooding hit Lancaster, Elizabethtown, Myerstown and Lebanon, Pennsylvania, and "
        "closed the road to Grantville."
    )
    names = ("Lancaster", "Elizabethtown", "Myerstown", "Lebanon", "Pennsylvania", "Grantville")
    places = resolve_spans(text, spans_of(text, *names), gazetteer=gaz)
    assert {p.admin1 for p in places} == {"Pennsylvania"}
    grantville = places[-1]
    assert grantville.precision == 3 and grantville.method == "admin1"
    assert "small place in a province/state the article does not otherwise name" in (
        grantville.reason
    )


def test_a_country_named_for_its_capital_is_the_capital(gaz):
    # wire copy names a capital by its country more often than by name
    for text in (
        "A truck bomb killed 20 people in the Somali capital on Saturday.",
        "A truck bomb killed 20 people in the capital of Somalia on Saturday.",
        "Gunmen attacked a hotel in Somalia's capital on Saturday.",
    ):
        (place,) = [p for p in geoparse(text, gazetteer=gaz) if p.country == "SOM"]
        assert place.name == "Mogadishu" and place.precision == 1, (text, place)
        assert place.kind != "demonym" and "capital" in place.reason
    # a nationality alone stays one
    (syrian,) = geoparse("Syrian jets struck the town on Monday.", gazetteer=gaz)
    assert syrian.kind == "demonym" and syrian.precision == 3


def test_a_capital_named_abroad_is_no_namesakes_other_name(gaz):
    # Anantnag, in the Kashmir the story is about, is also called Islamabad; the story names
    # Pakistan, so its Islamabad is Pakistan's capital
    text = (
        "NEW DELHI - Funerals were held across India for police killed in the bombing in "
        "Kashmir, as the government turned up pressure on Islamabad and withdrew Pakistan's "
        "trade status. Srinagar, Pulwama and Jammu were tense."
    )
    (islamabad,) = [p for p in geoparse(text, gazetteer=gaz) if p.text == "Islamabad"]
    assert islamabad.country == "PAK", islamabad


def test_a_small_namesake_abroad_gives_way_when_every_other_name_agrees(gaz):
    # Seno is a town in Laos; four Malian names and no other country make it a local name
    text = (
        "By the time the sun was up over the plain of Seno, the village was burning. Survivors "
        "fled to Bankass, then to Bandiagara and Mopti; some reached Bamako."
    )
    (seno,) = [p for p in geoparse(text, gazetteer=gaz) if p.text == "Seno"]
    assert seno.country == "MLI", seno
