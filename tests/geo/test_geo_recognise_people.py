"""Recognition: a word the article uses as a person's name is not a place elsewhere in it."""

from __future__ import annotations

import pytest

from sitrep.geo import recognise


def names(text, gaz):
    return [t.span.text.rstrip(".") for t in recognise(text, gaz)]  # "Fargo." keeps its dot


@pytest.mark.parametrize(
    ("text", "place", "person"),
    [
        # Jones, Oklahoma is in the gazetteer
        ("Police said Tim Jones, 34, was arrested in Fargo. Jones was released on bail.", "Fargo", "Jones"),
        ("Sen. Jones met voters in Fargo. Later, Jones visited a school.", "Fargo", "Jones"),
        ('"We will rebuild," Jones said in Fargo. Jones thanked the volunteers.', "Fargo", "Jones"),
        ("Sheila D. Jones of Fargo was charged. Jones denied it.", "Fargo", "Jones"),
        # a one-word name with a role or an age beside it, even a big city's (Hassan, India)
        ("Hassan, a volunteer paramedic, ran toward the blast in Homs. Hassan remembers it.", "Homs", "Hassan"),
        ("Berivan, 34, who lives near the checkpoint in Homs, heard the jets.", "Homs", "Berivan"),
        # the name a witness goes by
        ("A nurse who asked to be called Hassan said children arrived in Homs.", "Homs", "Hassan"),
        ("The blast shook the market in Homs, said a shopkeeper who gave his name as Hassan.", "Homs", "Hassan"),
    ],
)  # fmt: skip
def test_a_persons_name_is_not_a_place_anywhere_in_the_article(gaz, text, place, person):
    found = names(text, gaz)
    assert place in found
    assert person not in found


def test_the_surname_rule_does_not_swallow_places(gaz):
    text = (
        "Crowds gathered in North London and at Heathrow. Staff based at Heathrow said "
        "flights resumed. Moscow said it would respond. Officials in London agreed."
    )
    found = names(text, gaz)
    assert found.count("Heathrow") == 2  # "based at Heathrow said": no quote attribution
    assert "Moscow" in found  # a big city: metonymy, never a surname
    assert "London" in found


def test_a_sentence_end_is_not_a_given_name(gaz):
    text = "The match ended with a goal by Ahmed al-Sayed. Fargo hosts the next one."
    assert "Fargo" in names(text, gaz)


def test_a_compass_word_before_a_place_keeps_the_place(gaz):
    found = names("Most Northeast Georgia school systems and North Texas districts cut jobs.", gaz)
    assert "Georgia" in found and "Texas" in found
    assert "Northeast" not in found and "North" not in found


def test_places_named_like_given_names_are_recognised(gaz):
    # "Alexandria", "Charlotte", "Jordan" are places unless the article uses them for a person.
    found = names("Officers in Alexandria and Charlotte met envoys from Jordan.", gaz)
    assert {"Alexandria", "Charlotte", "Jordan"} <= set(found)
    assert "Charlotte" not in names("Charlotte Smith, 34, of Fargo said she was fine.", gaz)


def test_common_nouns_titles_and_contractions_are_no_places(gaz):
    # Section (Alabama), Sen (a place's alternate name), Ive: all in the gazetteer.
    text = (
        "The section was closed. Section 8 housing in Fargo was shut, Sen. Hoeven said. "
        "I’ve never seen it so bad."
    )
    found = names(text, gaz)
    assert found == ["Fargo"]
    # Without the lower-case "section" elsewhere, the capitalised word stays a candidate.
    assert "Section" in names("Section leaders met in Fargo.", gaz)


def test_possessive_part_of_a_place_needs_a_place(gaz):
    found = recognise("The Sheriff’s Office said shells hit Aleppo’s Sukkari district.", gaz)
    by_text = {t.span.text: t for t in found}
    assert "Office" not in by_text
    assert by_text["Sukkari"].parent.text == "Aleppo"


def test_a_name_with_a_role_in_apposition_is_a_persons(gaz):
    text = "Aden Nur, a doctor at the main hospital, said 40 bodies reached Mogadishu."
    assert names(text, gaz) == ["Mogadishu"]  # not Aden, Yemen
    assert "Aden" in names("Shelling hit Aden, a port city, on Monday.", gaz)


def test_a_name_after_a_kin_word_is_a_person(gaz):
    text = (
        "She was on a bus in Rashidin with her son Hadi and her daughter Narjis when the blast "
        "hit. Hadi survived."
    )
    found = names(text, gaz)
    assert "Rashidin" in found
    assert "Hadi" not in found  # Hardy, Arkansas and others are in the gazetteer


def test_a_town_with_an_attribution_after_it_stays_a_town(gaz):
    found = names(
        "Aleppo, a city of two million, was bombed. Mosul, a resident said, was quiet. Kabul, "
        "a spokesman for the ministry said, is calm.",
        gaz,
    )
    assert {"Aleppo", "Mosul", "Kabul"} <= set(found)


def test_a_byline_names_a_reporter_not_a_place(gaz):
    # Hassan is a city in India; on a byline's line it is the reporter's given name
    text = "By Hassan Warsame\n\nMOGADISHU - A truck bomb killed 20 people on Saturday."
    assert "Hassan" not in [t.span.text for t in recognise(text, gaz)]


def test_a_sentence_opening_preposition_is_not_part_of_a_quarter_name(gaz):
    # "In Hodan district" names Hodan: read whole, "In Hodan" matched nothing
    text = "In Hodan district, families searched the remains of shops."
    names = [t.span.text for t in recognise(text, gaz)]
    assert "Hodan" in names and "In Hodan" not in names


def test_a_name_set_off_as_a_village_is_a_place_and_a_village_elder_a_person(gaz):
    # the gazetteer lacks Ogossagou; the apposition says what it is
    text = "Much of Ogossagou, the Fulani village where she was born, was in flames."
    assert [(t.span.text, t.kind) for t in recognise(text, gaz)] == [("Ogossagou", "place")]
    text = "Zorbatia, a small town near the border, was shelled. Abdi, a village elder, fled."
    kinds = {t.span.text: t.kind for t in recognise(text, gaz)}
    assert kinds.get("Zorbatia") == "place" and kinds.get("Abdi") != "place"
