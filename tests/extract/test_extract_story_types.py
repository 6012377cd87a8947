"""Document-level typing: sentences that only refer back to the story's event (story_types.py)."""

from __future__ import annotations

import datetime as dt

from sitrep.extract.baseline import extract_article
from sitrep.extract.story_types import (
    headline_event,
    inherit_story_types,
    introduces_new_event,
    is_generic,
    refers_back,
)
from sitrep.model import Article, Claim


def _claims(text: str, title: str | None = None, article_id: str = "s1") -> list[Claim]:
    art = Article(
        id=article_id, text=text, title=title, language="en", published=dt.date(2024, 5, 10)
    )
    claims = extract_article(art)
    inherit_story_types(claims, {article_id: title})
    return claims


def _by_start(claims: list[Claim]) -> list[Claim]:
    return sorted(claims, key=lambda c: c.sentence.start)


def test_reference_back_takes_the_leads_type_with_lower_confidence_and_a_reason():
    lead = "A suicide bomber blew himself up at a wedding hall in Tal Kef on Thursday."
    later = "Police said 23 guests were killed in the attack, among them four children."
    lead_claim, later_claim = _by_start(_claims(f"{lead} {later}"))
    assert lead_claim.sub_event_type == "Suicide bomb" and lead_claim.type_reason is None
    assert later_claim.sub_event_type == "Suicide bomb"
    assert later_claim.event_type == "Explosions/Remote violence"
    assert later_claim.confidence < lead_claim.confidence
    assert "refers back" in later_claim.type_reason


def test_bare_toll_and_present_tense_take_the_story_type():
    text = (
        "Artillery shelled the market of Dorava on Tuesday morning. "
        "According to the emergency service, 8 people are killed, including a child. "
        "The death toll from the shelling had risen to 11 by the evening."
    )
    claims = _by_start(_claims(text))
    assert [c.sub_event_type for c in claims] == ["Shelling/artillery/missile attack"] * 3
    assert claims[1].casualties.killed.best == 8


def test_headline_names_the_story_event_when_the_body_does_not():
    text = "Villagers in Kuru said 17 people died in the strike on Sunday evening."
    (claim,) = _claims(text, title="Drone strike kills 17 at a village fair")
    assert claim.sub_event_type == "Air/drone strike"
    assert "headline" in claim.type_reason


def test_a_separate_event_stops_the_story_type():
    text = (
        "An air strike hit the bakery in Sarmin on Friday, killing 12 people. "
        "In a separate attack on Saturday, gunmen killed three farmers near Binnish. "
        "Two more bodies were found after the attack, residents said."
    )
    lead, separate, after = _by_start(_claims(text))
    assert lead.sub_event_type == "Air/drone strike"
    assert separate.sub_event_type == "Attack" and separate.type_reason is None
    # "the attack" now means the separate one, which names no weapon: no air strike for it.
    assert after.sub_event_type != "Air/drone strike"


def test_specific_sentences_keep_their_own_type():
    text = (
        "A car bomb exploded outside the governor's office in Lakra on Monday, killing 6. "
        "Later that day, mortars hit the bus station, killing two more."
    )
    first, second = _by_start(_claims(text))
    assert first.sub_event_type == "Remote explosive/landmine/IED"
    assert second.sub_event_type == "Shelling/artillery/missile attack"
    assert second.type_reason is None


def test_a_protest_lead_lends_nothing():
    text = (
        "Thousands of people protested peacefully in the capital on Friday. "
        "Organisers said 3 people were killed in the incident."
    )
    claims = _by_start(_claims(text))
    assert claims[-1].sub_event_type != "Peaceful protest"
    assert claims[-1].type_reason is None


def test_articles_are_not_mixed():
    lead = _claims("Warplanes struck a school in Hass on Monday, killing 9 pupils.", article_id="a")
    other = _claims("Officials said 4 people were killed in the incident.", article_id="b")
    inherit_story_types(lead + other)
    assert other[0].sub_event_type is None


def test_links_and_generic_readings():
    sentence = "Thursday's bombings killed at least 40 people, officials said."
    spans = refers_back(sentence)
    assert [sentence[a:b] for a, b in spans] == ["bombings"]
    assert is_generic(sentence)
    assert not is_generic("A roadside bomb killed 4 soldiers near the bridge.")
    assert introduces_new_event("Meanwhile, a second convoy was ambushed near the pass.")
    assert introduces_new_event("Separately, gunmen attacked a shrine north of the capital.")
    assert not introduces_new_event("The strike destroyed the clinic's generator.")
    assert headline_event("Protesters march in the capital") is None
    assert headline_event("Rocket attack kills 5 in the port").sub_event_type == (
        "Shelling/artillery/missile attack"
    )


def test_a_toll_told_before_the_event_is_named_stays_untyped() -> None:
    text = (
        "Medics counted 21 dead in Lakra by Thursday evening. "
        "Relatives queued outside the hospital in Lakra while drones circled overhead. "
        "Officials said 3 more bodies were found after the incident."
    )
    toll, colour, later = _by_start(_claims(text))
    assert colour.sub_event_type == "Air/drone strike"
    assert toll.sub_event_type is None  # the drones may be colour, not the cause
    assert later.sub_event_type == "Air/drone strike"  # it refers back: the story's guess


def test_a_toll_before_a_main_claim_that_refers_back_takes_its_type() -> None:
    text = (
        "A concert hall was hit in central Lakra. "
        "According to the rescue service, 9 people are killed, including a child. "
        "The mayor of Lakra visited the wounded on Friday after the rocket attack on the hall."
    )
    toll, main = _by_start(_claims(text))
    assert main.sub_event_type == "Shelling/artillery/missile attack"
    # "the rocket attack" names an event already told: the toll before it is of it.
    assert toll.sub_event_type == "Shelling/artillery/missile attack"
    assert toll.type_from_story


def test_an_air_force_official_is_no_air_strike() -> None:
    text = "Shells hit a meeting of air force officers in Lakra on Friday, killing 4."
    (claim,) = _claims(text)
    assert claim.sub_event_type == "Shelling/artillery/missile attack"


def test_a_reference_naming_its_weapon_takes_no_type_from_a_later_claim():
    # The story's first specific claim comes after the toll and tells another event (the
    # reprisal): "Sunday's car bombing" names the weapon of the event the toll is about.
    text = (
        "The death toll from Sunday's car bombing in the Kizil square has risen to 37, the "
        "health minister said on Monday. Warplanes struck militant camps in the mountains "
        "hours after the attack, the army said."
    )
    toll, reprisal = _by_start(_claims(text, title="Toll rises to 37"))
    assert reprisal.sub_event_type == "Air/drone strike"
    assert toll.sub_event_type == "Remote explosive/landmine/IED" and toll.type_reason is None
    # A word for the event that names no weapon still takes the later claim's type.
    text = (
        "At least 40 people were killed in what officials called a massacre, the ministry "
        "said. Warplanes struck the hospital compound shortly before midnight, witnesses said."
    )
    toll, strike = _by_start(_claims(text, title="Dozens dead in hospital"))
    assert toll.sub_event_type == strike.sub_event_type == "Air/drone strike"
