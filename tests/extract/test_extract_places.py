"""Claim places: the sentence's own toponym, the dateline's city as a fallback, never a
source or actor, and the written phrase kept when nothing resolves."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.baseline import extract_article
from sitrep.extract.places import locate
from sitrep.model import Article


def _placed(text: str):
    art = Article(id="x", text=text, published=dt.date(2024, 3, 20), language="en")
    claims = extract_article(art)
    places = locate(art, claims)
    return claims, places


def _placed_at(text: str, opening: str):
    """The place of the first claim whose sentence opens with ``opening``."""
    claims, _ = _placed(text)
    found = [c for c in claims if c.sentence.text.startswith(opening)]
    assert found, opening
    return found[0].place


def _typed(text: str):
    """The one typed claim of a one-paragraph article, placed."""
    claims, _ = _placed(text)
    (claim,) = [c for c in claims if c.sub_event_type]
    return claim


def test_the_sentence_names_the_place_not_the_dateline():
    claim = _typed(
        "DAMASCUS, March 20 (Levant Wire) - Shells hit the Tariq al-Bab district of eastern "
        "Aleppo on Tuesday, killing 14 civilians, SANA reported."
    )
    assert claim.place.name == "Tariq al-Bab" and claim.place.precision == 1
    assert claim.place.country == "SYR"


def test_a_sentence_with_no_place_takes_the_dateline_city_a_level_worse():
    claim = _typed(
        "KABUL, March 20 (Hindukush Times) - Police fired tear gas at hundreds of protesters "
        "on Tuesday, witnesses said."
    )
    assert claim.place.name == "Kabul" and claim.place.precision == 2
    assert claim.place.reason and "dateline" in claim.place.reason


def test_a_place_the_sentence_writes_beats_the_dateline_though_the_gazetteer_lacks_it():
    # "Heet" is Hit as Reuters spells it: no gazetteer name, but loosely Iraq's Hit, and
    # Iraq is the story's country
    claim = _typed(
        "BAGHDAD, March 20 (Tigris Wire) - Islamic State militants killed nine soldiers in Heet "
        "on Monday, officials in Ramadi said."
    )
    assert (claim.place.text, claim.place.name, claim.place.country) == ("Heet", "Hīt", "IRQ")


def test_a_written_place_the_gazetteer_lacks_is_no_country_wide_event():
    # looked up inside the story's country, a hotel is not found: the written name stays,
    # not a place that covers all Afghanistan
    claim = _typed(
        "KABUL, March 20 (Hindukush Times) - A second blast hit the Baron Hotel near the "
        "airport on Tuesday, killing four guards, officials said."
    )
    assert claim.place.precision != 3, claim.place


def test_sources_and_actors_are_not_places():
    _, places = _placed(
        "ALEPPO, March 20 (Levant Wire) - Taliban fighters and SANA were named; shelling killed "
        "five people in Aleppo on Tuesday, SANA said."
    )
    texts = {p.text for p in places}
    assert "SANA" not in texts and "Taliban" not in texts and "Aleppo" in texts


def test_an_unknown_place_keeps_its_written_form_and_the_others_resolve():
    claims, places = _placed(
        "Gunmen attacked the village of Qarzabatoun near Idlib on Tuesday, killing three farmers."
    )
    assert any(p.name == "Idlib" and p.lat is not None for p in places)
    (claim,) = [c for c in claims if c.sub_event_type]
    assert claim.place is not None and claim.place.text  # written or resolved, never dropped


def test_an_unknown_quarter_places_the_claim_at_its_city_a_level_worse():
    claim = _typed(
        "ALEPPO, March 20 (Levant Wire) - Shells hit the al-Zuhuriyat neighbourhood of Aleppo "
        "on Tuesday, killing two civilians, the Observatory said."
    )
    assert claim.place.text == "al-Zuhuriyat"  # as written
    assert claim.place.name == "Aleppo" and claim.place.precision == 2
    assert claim.place.country == "SYR" and "parent" in (claim.place.reason or "")


def test_a_sea_in_the_sentence_is_not_where_the_strike_happened():
    # Resolved, "the Red Sea" was Sudan's Red Sea state: a Yemen strike placed in Sudan.
    claims, _ = _placed(
        "HODEIDAH, March 10 (Desert Post) - US and British strikes hit Hodeidah on Saturday. "
        "US Central Command said the strikes targeted launchers used to attack shipping in "
        "the Red Sea."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert typed and all(c.place is None or c.place.country != "SDN" for c in typed)
    assert all(c.place is None or "Red Sea" not in c.place.text for c in typed)


def test_phrases_the_rules_take_for_places_that_are_none():
    # each of these was a place abroad in FA-KES copy: Hassan (India), Iraq for the group's
    # name, Ez Zahra (Tunisia) for an Aleppo quarter the gazetteer lacks, Leader (Cuba)
    cases = [
        "A local activist who uses the name Abu al-Hassan said the attack killed 12 in Aleppo.",
        "At least 70 rebels were killed in clashes with the Islamic State of Iraq and the Levant.",
        "Troops in Aleppo repelled the attack, killing dozens of insurgents in Zahra.",
        "Leader of the Islamic Revolution Ali Khamenei said the attack killed 20 in Aleppo.",
    ]
    for text in cases:
        claims, _ = _placed(text)
        typed = [c for c in claims if c.sub_event_type]
        assert typed, text
        assert all(c.place is None or c.place.country in (None, "SYR") for c in typed), text


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        # a capital abroad speaking for its government
        (
            "ALEPPO (Wire) - Shelling hit the Tariq al-Bab district of Aleppo on Monday, killing "
            "20 civilians, the Observatory said.\n\nWashington blames the Syrian government for "
            "the attack, which it says killed 20 people.",
            "Washington",
        ),
        # two capitals abroad, one blaming the other's government
        (
            "Moscow denies its jets hit aid convoy\n\nThe convoy was bombed near Aleppo on "
            "Monday, killing 20 people, the UN said.\n\nWashington has blamed Moscow for the "
            "attack, which killed 20 people on Monday.",
            "Washington has blamed",
        ),
        # a place abroad in a clause about the event: where the deal was announced
        (
            "BEIRUT (Wire) - Air strikes on a market in Idlib killed 25 people on Saturday, a "
            "monitor said.\n\nIt was not clear whether Syrian or Russian jets carried out the "
            "raids, which came hours before a ceasefire deal was announced in Geneva.",
            "It was not clear",
        ),
    ],
)
def test_a_place_abroad_that_tells_something_else_is_not_the_place(text: str, opening: str):
    claims, _ = _placed(text)
    claim = next(c for c in claims if c.sentence.text.startswith(opening))
    assert claim.place is not None and claim.place.country == "SYR"


def test_an_actors_country_abroad_is_not_the_place():
    claims, _ = _placed(
        "RAQQA (Wire) - Air strikes hit Raqqa in Syria on Monday.\n\n"
        "Six civilians were among at least 22 people killed in U.S. air strikes on Tuesday, "
        "the Observatory said."
    )
    strike = next(c for c in claims if "U.S." in c.sentence.text)
    assert strike.place is None or strike.place.country == "SYR"


def test_a_country_abroad_as_the_attacker_is_not_the_place():
    claims, _ = _placed(
        "KHARKIV (Wire) - Missiles hit Kharkiv overnight.\n\nRussia shelled a hospital in "
        "eastern Ukraine on Friday, killing four patients, regional officials said."
    )
    shelled = next(c for c in claims if c.sentence.text.startswith("Russia"))
    assert shelled.place is not None and shelled.place.country == "UKR"


def test_a_town_the_text_puts_in_another_country_is_not_its_namesake_abroad():
    """'Moura in central Mali' is no town of Portugal, and nor is the story's later 'Moura'."""
    claims, places = _placed(
        "Troops killed about 300 men in Moura in central Mali, a rights group said on Tuesday.\n\n"
        "In the Moura killings, soldiers rounded up several hundred men, witnesses said."
    )
    moura = [p for p in places if p.text == "Moura"]
    assert len(moura) == 2
    assert all(p.country == "MLI" and p.precision == 3 for p in moura)
    assert all("not in Mali" in (p.reason or "") for p in moura)
    typed = [c for c in claims if c.sub_event_type]
    assert typed and all(c.place is not None and c.place.country == "MLI" for c in typed)


def test_a_sentence_after_a_foreign_dateline_takes_the_storys_place_not_the_dateline():
    claims, _ = _placed(
        "Strikes go on in Idlib\n\nBEIRUT, March 20 (Levant Wire) - Warplanes bombed a market "
        "on Tuesday, killing 12 people, rescuers said.\n\nThe strikes on Saraqeb followed a "
        "week of shelling in Idlib."
    )
    first = next(c for c in claims if c.sub_event_type and "market" in c.sentence.text)
    assert first.place is not None and first.place.country == "SYR"


def test_the_seat_in_a_description_of_a_source_is_not_the_event_place():
    claims, _ = _placed(
        "Shelling hit Douma in Eastern Ghouta on Tuesday.\n\nThe Syrian Observatory for Human "
        "Rights, a monitor in Great Britain, reported eleven deaths in the town after air "
        "strikes on Tuesday."
    )
    second = next(c for c in claims if "eleven" in c.sentence.text)
    assert second.place is None or second.place.country == "SYR"


def test_a_days_possessive_is_no_written_place():
    from sitrep.geo.recognise import not_a_written_place
    from sitrep.model import Span

    text = "At least 90 civilians also died in Thursday's bombings."
    start = text.index("Thursday")
    assert not_a_written_place(text, Span(start, start + len("Thursday's"), "Thursday's"), [])


def test_a_place_in_a_clause_about_the_victims_is_not_the_event_place():
    """ "soldiers who surrendered in Mariupol" say where the soldiers came from; the blast
    was at the prison the story is about."""
    claims, _ = _placed(
        "An explosion tore through a prison barracks in Olenivka on Tuesday. The blast killed "
        "40 prisoners, officials said, including soldiers who surrendered in Mariupol."
    )
    killed = [c for c in claims if c.casualties.killed is not None]
    assert killed and killed[0].place.name == "Olenivka"


def test_a_place_in_an_appositive_gives_way_to_the_target():
    claims, _ = _placed(
        "The Houthis, a rebel group that controls Sanaa, said on Tuesday they fired a missile "
        "at an industrial zone in Jizan."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert typed and typed[0].place.name.startswith("Jizan")


def test_a_clause_about_the_attack_itself_still_places_it():
    claims, _ = _placed(
        "Twelve people were killed on Tuesday in the attack, which hit a railway station in "
        "Kramatorsk, officials said."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert typed and typed[0].place.name == "Kramatorsk"


def test_a_landmark_locates_the_place_it_follows():
    """ "in Al-Durayhimi district, south of Hodeida": the strike was in the district; the
    city only tells where the district lies. When the place before the landmark is unknown
    to the gazetteer, the claim lies near the landmark, a level worse."""
    claims, _ = _placed(
        "Three women were killed on Monday in an air strike in Al-Durayhimi district, south "
        "of the port city of Hodeida, medics said."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert typed and typed[0].place.name == "Ad Durayhimi"
    claims, _ = _placed(
        "A car bomb killed 12 evacuees on Monday at a bus depot in rebel-held Zorbadin, west "
        "of Aleppo, the monitor said."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert typed and typed[0].place.name == "Aleppo" and typed[0].place.precision == 2
    assert typed[0].place.text == "Zorbadin"  # as written
    reason = typed[0].place.reason or ""
    assert "landmark" in reason or "parent" in reason


def test_a_place_the_attackers_meant_to_reach_is_not_the_place_nor_lent_to_the_next():
    """ "in an apparent bid to divert forces from the offensive on Mosul": the attack was in
    Kirkuk, and the next sentence, which names no place, is not placed at Mosul either."""
    claims, _ = _placed(
        "KIRKUK, Iraq (Wire) - Militants attacked government buildings in the city of Kirkuk "
        "early on Friday, killing at least 13 people, officials said, in an apparent bid to "
        "divert forces from the offensive on Mosul.\n\nGunmen and suicide bombers stormed "
        "several police stations and a mosque."
    )
    assert [c.place.name if c.place else None for c in claims] == ["Kirkuk", "Kirkuk"]


def test_the_home_towns_of_the_people_hit_are_not_where_they_were_hit():
    """ "a convoy carrying residents from the towns of Fuaa and Kafraya as they waited in
    Rashidin": the bombing was at Rashidin; the home towns are lent to no later sentence."""
    claims, _ = _placed(
        "BEIRUT (Wire) - A car bomb hit a convoy carrying residents from the besieged towns "
        "of Fuaa and Kafraya as they waited at a transit point in Rashidin, west of Aleppo, "
        "on Saturday, killing at least 100 people, a monitor said.\n\n"
        "An evacuee from Kafraya said she was sitting on a bus when the blast shook the "
        "convoy.\n\nThe explosion tore some of the children to pieces, she said."
    )
    placed = [c.place.name for c in claims if c.place]
    assert placed and placed[0] == "al-Rashidin"
    assert "al-Fuah" not in placed and "Kafriya" not in placed, placed
    # people of a town killed there are told as its residents; a lone home town stays
    for text in (
        "BEIRUT (Wire) - An air strike killed 12 residents of Saqba on Monday, medics said.",
        "An air strike killed 12 people from Saqba on Monday, medics said.",
    ):
        alone, _ = _placed(text)
        assert [c.place.name for c in alone if c.place] == ["Saqba"], text


def test_people_fleeing_their_towns_hit_elsewhere_in_a_later_sentence():
    """ "civilians fleeing the towns of Foua and Kafraya ... outside Aleppo", told after another
    sentence: the sentence's places are found at its own offset in the article."""
    claims, _ = _placed(
        "Aid agencies said on Sunday that talks on the evacuation of the besieged areas had "
        "resumed after a pause of several days, and that buses were waiting at the crossing."
        "\n\nA car bomb killed 12 civilians fleeing the towns of Foua and Kafraya at a "
        "checkpoint outside Aleppo on Saturday, a monitor said."
    )
    (bomb,) = [c for c in claims if c.event_type == "Explosions/Remote violence"]
    assert bomb.place is not None and bomb.place.name == "Aleppo"


def test_an_evacuation_is_placed_where_people_leave_and_harm_away_from_home_is_not():
    """ "were evacuated from Foua and Kafraya": the evacuation's place, but no place to lend to
    a bombing told later; an evacuation told by its arrivals stays where people left."""
    claims, _ = _placed(
        "BEIRUT (Wire) - Buses carrying evacuees from east Aleppo arrived in Idlib province on "
        "Thursday, the Red Crescent said."
    )
    assert [c.place.name for c in claims if c.place] == ["Aleppo"]
    claims, _ = _placed(
        "BEIRUT (Wire) - More than 3,000 people were to be evacuated from Fuaa and Kafraya on "
        "Saturday, state media said.\n\nA car bomb tore through the buses at a transit point "
        "in Rashidin, killing 100 people.\n\nThe explosion tore children to pieces, a witness "
        "said."
    )
    harm = [c.place.name for c in claims if c.event_type == "Explosions/Remote violence"]
    assert harm == ["al-Rashidin", "al-Rashidin"], harm


def test_an_evacuation_is_not_placed_where_the_buses_went():
    """ "transported the gunmen ... from Muadamiyat al-Sham towards Idlib province": where they
    left, not where they were taken."""
    claims, _ = _placed(
        "DAMASCUS (Agency) - Buses on Wednesday transported the gunmen who refused to settle "
        "their status in Muadamiyat al-Sham, south-west of Damascus, towards Idlib province."
    )
    (claim,) = claims
    assert claim.sub_event_type == "Agreement"
    assert claim.place is not None and claim.place.name != "Idlib", claim.place


def test_a_hotel_with_a_french_name_is_no_town_in_france():
    """ "near the Etoile du Sud" in a live page on Grand-Bassam that also quotes Paris: the
    rules' phrase "Etoile" is part of the hotel's name, not Etoile-sur-Rhone."""
    claims, _ = _placed(
        "All times GMT\n\n12:55 - Reports of heavy gunfire on the beach at Grand-Bassam, east "
        "of Abidjan. Witnesses say armed men are shooting at hotel guests near the Etoile du "
        "Sud.\n\n19:00 - President Hollande says France stands with Ivory Coast."
    )
    shooting = [c for c in claims if c.sentence.text.startswith("Witnesses")]
    assert shooting and shooting[0].place is not None
    assert shooting[0].place.country == "CIV", shooting[0].place


def test_a_country_acting_is_no_vote_for_where_the_story_is():
    claims, _ = _placed(
        "U.S. strikes Yemen radar sites\n\nWASHINGTON (Wire) - The U.S. military fired cruise "
        "missiles at three radar sites in areas of Yemen held by Houthi rebels on Thursday, "
        "killing two guards, the Pentagon said.\n\nThe strikes were carried out by cruise "
        "missiles launched from a destroyer, U.S. officials said."
    )
    assert claims
    assert all(c.place is not None and c.place.country == "YEM" for c in claims)


@pytest.mark.parametrize(
    ("text", "opening", "name"),
    [
        # "rebel-held Idlib" is no capital spoken to, however often the story names the US
        (
            "GENEVA (Wire) - The United States and Russia agreed a truce on Saturday, U.S. "
            "officials said.\n\nAir strikes on a market in rebel-held Idlib killed dozens of "
            "people hours after the deal was announced, rescue workers said.",
            "Air strikes",
            "Idlib",
        ),
        # a city in a shout is not where the shooting was
        (
            "Russia's ambassador was shot dead at an art gallery in Ankara on Monday, officials "
            'said.\n\nThe gunman shouted "Don\'t forget Aleppo!" before he was shot dead by '
            "police, witnesses said.",
            "The gunman",
            "Ankara",
        ),
    ],
)
def test_a_place_the_sentence_names_for_something_else_gives_way(text, opening, name):
    claims, _ = _placed(text)
    claim = next(c for c in claims if c.sentence.text.startswith(opening))
    assert claim.place is not None and claim.place.name == name


def test_where_a_statement_was_made_is_no_place_of_the_event_it_tells():
    """A general briefing in Nairobi on a base overrun in Somalia: the event is the base's;
    a minister briefing in the stricken city names the event's place too."""
    claim = _typed(
        "Speaking to journalists at Defence headquarters in Nairobi on Tuesday, the general "
        "said militants had attacked the army base in Gedo region, killing 12 soldiers."
    )
    assert claim.place.country == "SOM"
    claim = _typed(
        "Ukraine's interior minister told a briefing in Vinnytsya on Tuesday that missiles "
        "had killed 21 people."
    )
    assert claim.place.name == "Vinnytsya"


def test_a_place_the_gazetteer_lacks_keeps_its_name_in_the_storys_country():
    """A square no gazetteer holds stays as written, unresolved, but in the country the story
    is in: with no country at all, fusion could put it in an event anywhere."""
    claims, _ = _placed(
        "German police launched a search on Wednesday for a man after a truck was driven into "
        "the Christmas market at Zorbatenplatz on Monday night, killing 12. Germany is on alert."
    )
    (claim,) = [c for c in claims if "Zorbatenplatz" in c.sentence.text]
    assert claim.place is not None and claim.place.text == "Zorbatenplatz"
    assert claim.place.lat is None and claim.place.country == "DEU"


def test_a_town_outside_a_city_is_the_place_not_the_city():
    claim = _typed(
        "BEIRUT, Dec 4 (Levant Wire) - Air strikes hit the rebel-held town of Douma in the "
        "eastern Ghouta region outside Damascus on Sunday, killing at least 14 people."
    )
    assert claim.place.name == "Douma" and claim.place.precision == 1
    # the city a place lies by still beats its country
    claim = _typed(
        "The death toll from a bomb attack on a bus convoy outside Aleppo, Syria, has reached "
        "at least 126."
    )
    assert claim.place.name == "Aleppo"


def test_an_unknown_town_told_from_a_city_nearby_is_placed_at_that_city_a_level_worse():
    claim = _typed(
        "Iraqi forces and Shiite paramilitary units retook the town of Saqlawiya, north-west "
        "of Fallujah, on Monday."
    )
    assert claim.place.text == "Saqlawiya"
    assert claim.place.name == "Al Fallūjah" and claim.place.precision == 2
    assert claim.place.method == "parent"


def test_a_place_far_from_the_city_it_is_told_from_knows_only_the_region():
    claim = _typed(
        "Al-Shabaab fighters attacked an army base 200 km north of Mogadishu on Tuesday, "
        "killing 12 soldiers."
    )
    assert claim.place.name == "Mogadishu" and claim.place.precision == 3
    near, _ = _placed(
        "Al-Shabaab fighters attacked an army base in Mogadishu on Tuesday, killing 12 soldiers."
    )
    assert [c.place.precision for c in near if c.sub_event_type] == [1]


def test_buses_reaching_their_destination_are_placed_where_the_story_left_from():
    """An evacuation is where people left: a sentence naming only where the buses arrived
    takes the story's town, not the destination."""
    claims, _ = _placed(
        "DAMASCUS, March 20 (Levant Wire) - Rebel fighters and their families left the town "
        "of Moadamiyeh on Tuesday under a deal with the government.\n\n"
        "The monitor said about 1,900 people had left, including around 500 fighters.\n\n"
        "Buses carrying the evacuees reached opposition-held territory in Idlib province late "
        "on Tuesday night, activists there said."
    )
    last = [c for c in claims if c.sub_event_type == "Agreement"][-1]
    assert last.sentence.text.startswith("Buses carrying")
    assert last.place is not None and last.place.name != "Idlib"


def test_a_village_the_gazetteer_lacks_is_placed_in_the_country_the_page_is_about():
    # one name each for Mali and Burkina Faso, but Mali's places are named more often and first
    claims, places = _placed(
        "Mali's army said it killed 40 militants in Moura during an operation last week. "
        "Residents of Moura said soldiers rounded up villagers in Mali's centre. The violence "
        "has spread from Mali to neighbouring Burkina Faso."
    )
    moura = [p for p in places if p.text.startswith("Moura")]
    assert moura and all(p.country == "MLI" for p in moura)
    typed = [c for c in claims if c.sub_event_type]
    # the unknown village, placed at its country, is the claim's place, not the bare "Mali"
    assert typed and typed[0].place.text.startswith("Moura")


def test_a_place_in_a_clause_about_an_earlier_attack_is_not_the_events():
    claim = _typed(
        "A bomb exploded near a Shi'ite mosque in northern Balkh province on Wednesday, killing "
        "at least 14 people, officials said, a day after a deadly attack on a shrine in Kabul."
    )
    assert claim.place.name == "Balkh" and claim.place.country == "AFG"


def test_a_district_of_a_city_is_not_a_namesake_far_away():
    # the gazetteer's al-Zahraa is the town beside Nubl, 190 km north of Homs
    claim = _typed(
        "Two car bombs exploded in the al-Zahraa district of Homs on Sunday, killing 46 people, "
        "the provincial governor said."
    )
    assert claim.place.name == "Homs" and claim.place.precision == 2


def test_the_capital_standing_for_its_government_is_not_the_place():
    claims, _ = _placed(
        "Government warplanes struck Kurdish-held neighbourhoods of Hasakah on Thursday, the "
        "first time that Damascus has turned its air force on the Kurds, a monitor said.\n\n"
        "It was the first time that Damascus had used its air force against them.\n\n"
        "Residents reported more jets overhead on Friday morning."
    )
    typed = [c for c in claims if c.sub_event_type]
    assert len(typed) >= 2
    assert all("asakah" in (c.place.name or "") for c in typed)


def test_a_briefing_abroad_gives_way_to_the_storys_town():
    place = _placed_at(
        "HASAKAH, Syria - Government jets bombed Kurdish districts of Hasakah on Thursday.\n\n"
        "By the time coalition jets arrived the Syrian bombers had left, a Pentagon spokesman "
        "told reporters in Washington.",
        "By the time",
    )
    assert place.country == "SYR"


def test_the_far_end_of_a_road_is_not_the_place_and_an_unknown_hill_is_near_the_story():
    place = _placed_at(
        "HASAKAH, Syria - Syrian jets bombed Kurdish districts of Hasakah on Thursday, a monitor "
        "said.\n\n"
        "Residents said the raids hit an Asayish base on the road to Qamishli, while artillery "
        "on Kawkab mountain east of the city shelled the same areas, killing 23 people.",
        "Residents",
    )
    assert "asakah" in (place.name or "")


def test_the_capital_an_attack_is_blamed_on_is_not_its_place():
    place = _placed_at(
        "DAMASCUS (Levant Wire) - Missiles hit a Syrian airfield near Homs late on Thursday. "
        "The president said the strike answered the chemical attack in Idlib on Tuesday, which "
        "Washington blames on Damascus.",
        "The president",
    )
    assert place.name == "Idlib"


def test_a_road_named_after_its_far_end_does_not_place_what_is_seen_beside_it():
    place = _placed_at(
        "Taliban fighters stormed Kunduz city on Monday, officials said.\n\n"
        "We walked to the Khanabad road and paid a driver. At the edge of the city we saw "
        "burned cars and two bodies that no one had collected.",
        "At the edge",
    )
    assert place.name == "Kunduz"


def test_a_live_entry_lends_its_own_places_not_an_earlier_entrys():
    # an entry on news abroad is a report of its own: its second sentence is at its airport,
    # not at the town an earlier entry said the evacuees will go to
    claims, _ = _placed(
        "All times GMT\n\n06:50 - Green buses were seen entering al-Waer in western Homs this "
        "morning, residents said.\n\n08:15 - The Homs governor says the first group will go to "
        "Jarablus.\n\n09:40 - In an unrelated incident in France, soldiers at Paris's Orly "
        "airport shot dead a man who attacked a patrol. Flights were suspended and thousands "
        "of passengers evacuated, French officials say.\n\n10:30 - The Syrian Observatory says "
        "government shelling killed dozens of people in the district in February."
    )
    flights = [c for c in claims if c.sentence.text.startswith("Flights")]
    shelling = [c for c in claims if c.sentence.text.startswith("10:30")]
    assert flights and flights[0].place is not None and flights[0].place.country == "FRA"
    assert shelling and shelling[0].place is not None
    assert shelling[0].place.name != "Jarābulus", shelling[0].place


def test_a_live_entry_naming_a_meeting_abroad_keeps_the_incidents_place():
    # an entry's country lends places to its sentences that name none; it does not outvote
    # the incident the sentence itself names
    claims, _ = _placed(
        "All times GMT\n\n14:10 - A Russian missile strike hits a crowded shopping centre in "
        "Kremenchuk, killing at least 10 people.\n\n15:30 - The toll rises to at least 13 "
        "dead, the regional governor says.\n\n17:30 - Leaders of the G7, meeting at Schloss "
        "Elmau in southern Germany, condemn the missile strike that killed 13 people in "
        "Kremenchuk as a war crime."
    )
    g7 = [c for c in claims if c.sentence.text.startswith("17:30")]
    assert g7 and g7[0].place is not None and g7[0].place.country == "UKR", g7[0].place


def test_a_hospital_or_quarter_named_like_a_city_abroad_is_a_local_name():
    # Mogadishu's Medina hospital and Madina district are no Madinah in Saudi Arabia: they
    # neither win the story's country nor place a claim
    claims, _ = _placed(
        "MOGADISHU - The number of people killed in Saturday's truck bombing in the Somali "
        "capital has risen to at least 230, police said on Sunday.\n\nRelatives gathered "
        "outside Medina hospital reading lists of names.\n\nA second blast in Madina district "
        "killed two people."
    )
    placed = [c.place for c in claims if c.place is not None]
    assert placed and all(p.country == "SOM" for p in placed), placed
    second = [c for c in claims if c.sentence.text.startswith("A second blast")]
    assert second and second[0].place.name == "Mogadishu", second[0].place


def test_a_name_the_gazetteer_lacks_does_not_vote_for_the_country_others_lead():
    # "Hodan" is placed at the leading country; counted again, it tipped a Mogadishu story
    # that names Ankara and Turkish doctors to Turkey
    place = _placed_at(
        "MOGADISHU - The death toll from Saturday's truck bomb in Mogadishu rose above 300 on "
        "Tuesday, officials said.\n\nA Turkish military plane flew dozens of critically "
        "injured patients to Ankara for treatment.\n\nIn Hodan district, families continued "
        "to search the ruins. One man was arrested in connection with the attack, police said.",
        "One man",
    )
    assert place is not None and place.country == "SOM", place


def test_a_town_qualifying_the_police_that_speak_is_a_place():
    # "according to Mogadishu police spokesman ...": the town says where the story is
    claims, places = _placed(
        "More than 270 people were wounded in the truck bombing, according to Mogadishu police "
        "spokesman Mohamed Abdi Farah."
    )
    assert "Mogadishu" in [p.name for p in places]
    (claim,) = claims
    assert [s.text for s in claim.sources] == ["Mogadishu police spokesman"]


def test_a_ministrys_seat_is_no_claims_place():
    # the health ministry sits in Sanaa; the strike was in Saada
    place = _placed_at(
        "An air strike hit a bus carrying children in a market in Saada province on Thursday, "
        "killing at least 29 children, the Red Cross said.\n\nA hospital in Saada city "
        "received the bodies. The Houthi-run health ministry in Sanaa gave a higher toll of "
        "43 dead and 61 wounded. The Houthis have held Sanaa since 2014.",
        "The Houthi-run",
    )
    assert place is not None and place.name != "Sanaa", place
