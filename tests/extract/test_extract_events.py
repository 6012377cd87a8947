"""Event typing rules, the non-event filter and the ACLED/PLOVER/CAMEO crosswalk."""

from __future__ import annotations

import re

import pytest

from sitrep import vocab
from sitrep.extract.events import classify_event, event_type_info, non_event_reason
from sitrep.extract.lexicon import Lexicon

# One sentence of our own for each of the 25 ACLED sub-event types.
SUB_TYPES = [
    ("Rebels clashed with government forces near the airport.", "Armed clash"),
    ("Government forces recaptured the hill town from rebels.", "Government regains territory"),
    (
        "Militants seized the border crossing after a night of fighting.",
        "Non-state actor overtakes territory",
    ),
    ("A chlorine attack left dozens struggling to breathe.", "Chemical weapon"),
    ("Russian warplanes struck the market on Thursday.", "Air/drone strike"),
    ("A suicide car bomb exploded at a checkpoint.", "Suicide bomb"),
    ("Artillery shelled the eastern districts overnight.", "Shelling/artillery/missile attack"),
    ("A roadside bomb hit a minibus carrying traders.", "Remote explosive/landmine/IED"),
    ("A grenade was thrown into a crowded cafe.", "Grenade"),
    ("Militiamen raped women in the village, witnesses said.", "Sexual violence"),
    ("Gunmen attacked a market, killing six civilians.", "Attack"),
    ("Gunmen abducted a doctor on the road to the city.", "Abduction/forced disappearance"),
    ("Thousands of people protested peacefully in the capital.", "Peaceful protest"),
    ("Police fired tear gas to disperse the protesters.", "Protest with intervention"),
    (
        "Security forces opened fire on demonstrators, killing five.",
        "Excessive force against protesters",
    ),
    ("Protesters threw stones and set fire to tyres.", "Violent demonstration"),
    ("A mob lynched a man accused of theft.", "Mob violence"),
    ("The two sides signed a ceasefire agreement in the capital.", "Agreement"),
    ("Police arrested 40 people suspected of links to the group.", "Arrests"),
    (
        "Two rebel factions merged with each other to form a new alliance.",
        "Change to group/activity",
    ),
    ("Air defences intercepted three drones over the capital.", "Disrupted weapons use"),
    ("Troops set up a new observation post near the town.", "Headquarters or base established"),
    ("Fighters looted shops in the market.", "Looting/property destruction"),
    ("Rebels withdrew from the town under a negotiated deal.", "Non-violent transfer of territory"),
    ("Authorities imposed a curfew on the city.", "Other"),
    # words a content farm swaps in for the usual triggers
    ("US planes conducted strikes on the port on Saturday.", "Air/drone strike"),
    ("Security personnel held at least 20 men in the town.", "Arrests"),
    ("Hundreds of marchers gathered in the centre of Taiz.", "Peaceful protest"),
    (
        "About 1,250 civilians left the area during a pause in clashes negotiated by elders.",
        "Agreement",
    ),
    # a town changing hands, however it is told
    (
        "Army troops backed by jets seized the Karam district on Saturday.",
        "Government regains territory",
    ),
    (  # an evacuation told by its convoy
        "A first convoy of ambulances and buses carrying wounded people left the city on Thursday.",
        "Agreement",
    ),
    (
        "More than 6,000 people have been evacuated from the eastern districts since Thursday.",
        "Agreement",
    ),
    # a bomb told by how it was hidden or whom it killed, with no "car" or "roadside"
    (
        "A rebel commander was killed by a bomb planted in the lift of his building late on "
        "Sunday.",
        "Remote explosive/landmine/IED",
    ),
    (
        "That night, a bomb hidden in the lift killed the commander.",
        "Remote explosive/landmine/IED",
    ),
    ("Two children were killed by a barrel bomb dropped on the market.", "Air/drone strike"),
    (  # a town entered as its holders left
        "Government forces entered the port city on Sunday as al Qaeda militants who had ruled "
        "it for a year withdrew.",
        "Government regains territory",
    ),
    (  # ground wrested from a group
        "Free Syrian Army fighters wrested control of the village from Islamic State on Sunday.",
        "Non-state actor overtakes territory",
    ),
    (  # rebels named as forces storming a site named after the arm: no shelling
        "Insurgent forces stormed the government's artillery and armament colleges south-west "
        "of the city on Saturday.",
        "Non-state actor overtakes territory",
    ),
    (  # fighters leaving for rebel ground: the departure is the deal
        "Around 500 opposition fighters left the town on Friday, bound for Idlib, after local "
        "negotiators accepted the government's terms.",
        "Agreement",
    ),
    (
        "Troops raised the flag over the town hall, two days after the last rebel fighters "
        "left for Idlib.",
        "Agreement",
    ),
    (  # a town taken by forces named by their backers
        "U.S.-backed Syrian forces have taken full control of the city of Manbij after the last "
        "Islamic State fighters left.",
        "Non-state actor overtakes territory",
    ),
    (
        "Free Syrian Army fighters supported by Turkish tanks cleared the town of Jarablus of "
        "Daesh terrorists on Wednesday.",
        "Non-state actor overtakes territory",
    ),
    (  # state media's words for it
        "Army units on Wednesday restored security and stability to the old city of Kessa "
        "after eliminating the last terrorist gatherings there.",
        "Government regains territory",
    ),
    (
        "Rebels lost control of Karam, the largest district of the old city, to government forces.",
        "Government regains territory",
    ),
    (
        "The border town fell to Islamic State fighters on Sunday.",
        "Non-state actor overtakes territory",
    ),
    ("Buses began evacuating civilians and wounded from the besieged quarter.", "Agreement"),
    # an evacuation under a deal, however it is told; the evacuated gunmen are no attackers
    (
        "Rebel fighters and their families began leaving the towns of Kessa and Dorava on "
        "Thursday under a deal with the government.",
        "Agreement",
    ),
    (
        "Buses on Wednesday transported the gunmen who refused to settle their status in Kessa "
        "towards the north.",
        "Agreement",
    ),
    ("A source said 620 persons, including 270 gunmen, left the town aboard buses.", "Agreement"),
    (  # what came before is no type when another trigger tells the sentence
        "The regime forcibly displaced 2,000 people from Kessa to the north, putting them on "
        "buses after weeks of bombardment.",
        "Agreement",
    ),
    (
        "Convoys reached the north overnight as government troops and police took over the town.",
        "Government regains territory",
    ),
    (  # an air strike told by the aircraft's model
        "The ministry said a strike by a Russian Su-34 bomber had killed the group's spokesman.",
        "Air/drone strike",
    ),
    ("Gunmen killed five people at a checkpoint.", "Attack"),
    (
        "A blast hit buses carrying evacuees from the northern towns.",
        "Remote explosive/landmine/IED",
    ),
    ("The killing of the ambassador at a gallery shocked the capital.", "Attack"),
    (
        "Special forces said they had liberated Karam from Islamic State militants.",
        "Government regains territory",
    ),
    ("Troops drove IS fighters out of the village on Thursday.", "Government regains territory"),
    ("Rebels drove the army out of the town on Sunday.", "Non-state actor overtakes territory"),
    (
        "Rebels said they had broken the siege of the city after seizing a hill.",
        "Non-state actor overtakes territory",
    ),
    # who retakes a town: the militants, months after losing it
    ("Militants recaptured the oasis town on Sunday.", "Non-state actor overtakes territory"),
    ("Government troops recaptured the oasis town on Sunday.", "Government regains territory"),
    # a withdrawal forced by an assault is no non-violent transfer
    (
        "The army withdrew from the oasis town after a renewed assault by militants.",
        "Non-state actor overtakes territory",
    ),
    (
        "Rebels withdrew from the town after a three-day offensive by government forces.",
        "Government regains territory",
    ),
    ("The army withdrew from the town under a deal.", "Non-violent transfer of territory"),
    # missiles fired from a ship are no air strike
    (
        "Warships launched missiles at radar sites on the coast.",
        "Shelling/artillery/missile attack",
    ),
    # bombs that land or fall came from the air; a second strike that hits a place too
    ("The first bomb landed among the stalls of the market.", "Air/drone strike"),
    ("Then a second strike hit the same place.", "Air/drone strike"),
    # a bombing at a protest is the bombing; a protest against a bombing is a protest
    (
        "A bombing that killed 80 at a protest march was claimed by the group.",
        "Remote explosive/landmine/IED",
    ),
    ("Hundreds protested on Sunday against the bombing.", "Peaceful protest"),
    # a vehicle driven into a crowd is an attack on it
    ("A man drove a heavy truck into a crowd on the seafront, killing 84.", "Attack"),
    ("Truck ploughs into Christmas market, killing 12", "Attack"),
    # a capture told as a noun, by whom it was taken; quarters "liberated from terrorist groups"
    (
        "The weekend's capture of Dara and Tell Sur by Syrian troops split the enclave.",
        "Government regains territory",
    ),
    (
        "The capture of the town by rebels on Sunday cut the road.",
        "Non-state actor overtakes territory",
    ),
    (
        "The army liberated Dara, Kessa and Tell Sur from terrorist groups on Sunday.",
        "Government regains territory",
    ),
    # buses taking people out of a town, or people leaving as part of a deal: an evacuation,
    # though gunmen are among them
    (
        "Buses began taking rebel fighters and their families out of Kessa on Monday.",
        "Agreement",
    ),
    (
        "Some 1,800 people, among them 600 gunmen, left Kessa on Monday as part of a local "
        "settlement agreement.",
        "Agreement",
    ),
    # a leader "eliminated", or "the killing of" one named by title
    ("The army said it had eliminated Zahran Alloush, leader of the group, on Friday.", "Attack"),
]

# Objects a capture verb takes that do not change who holds a place.
NOT_A_CAPTURE = [
    ("Soldiers captured two rebel commanders in the raid.", None),
    # a building or unit named after the arm is no shelling
    ("Officers met at the artillery academy on Monday.", None),
    ("Cadets were seen at the artillery and armament colleges on Monday.", None),
    ("The army seized weapons and ammunition in the village.", "Disrupted weapons use"),
]


@pytest.mark.parametrize(("sentence", "sub_type"), SUB_TYPES)
def test_sub_event_type(sentence: str, sub_type: str) -> None:
    guess = classify_event(sentence)
    assert guess is not None and guess.sub_event_type == sub_type
    info = event_type_info(sub_type)
    assert (guess.event_type, guess.plover, guess.cameo_root) == (
        info.event_type,
        info.plover,
        info.cameo_root,
    )
    assert 0.3 <= guess.confidence <= 0.8


@pytest.mark.parametrize(("sentence", "sub_type"), NOT_A_CAPTURE)
def test_capturing_people_or_arms_is_no_change_of_territory(sentence: str, sub_type: str) -> None:
    guess = classify_event(sentence)
    assert (guess.sub_event_type if guess else None) == sub_type


def test_examples_cover_all_25_types() -> None:
    assert {t for _, t in SUB_TYPES} == {t.sub_event_type for t in vocab.event_types()}


def test_trigger_span_and_offset() -> None:
    article = "Intro.\n\nRussian warplanes struck the market."
    start = article.index("Russian")
    guess = classify_event(article[start:], offset=start)
    assert guess.trigger is not None
    assert article[guess.trigger.start : guess.trigger.end] == guess.trigger.text == "warplanes"


def test_a_fire_the_blast_set_is_the_blast() -> None:
    """ "the blast, which set fire to a shopping centre": the fire is what the blast did."""
    sentence = "At least 292 people died in the blast, which set fire to a shopping centre."
    assert classify_event(sentence).sub_event_type == "Remote explosive/landmine/IED"
    torched = "Militiamen torched 40 homes in the village, residents said."
    assert classify_event(torched).sub_event_type == "Looting/property destruction"


def test_who_lost_control_tells_who_took_the_ground() -> None:
    lost = "Rebels lost control of the districts of Jabal Badro and Baadeen on Sunday."
    assert classify_event(lost).sub_event_type == "Government regains territory"
    lost = "Government forces lost control of the town of Palmyra on Sunday."
    assert classify_event(lost).sub_event_type == "Non-state actor overtakes territory"
    assert classify_event("The army lost 20 soldiers in the fighting.") is None or (
        classify_event("The army lost 20 soldiers in the fighting.").sub_event_type
        not in ("Government regains territory", "Non-state actor overtakes territory")
    )


def test_more_specific_type_beats_generic() -> None:
    assert classify_event("A suicide car bomb killed 12.").sub_event_type == "Suicide bomb"
    assert classify_event("Police arrested 40 protesters at the rally.").sub_event_type == (
        "Protest with intervention"
    )
    sentence = "Police arrested 23 men in the town and seized weapons and ammunition."
    assert classify_event(sentence).sub_event_type == "Arrests"
    # warning shots are intervention, not lethal force
    sentence = "Police fired into the air to break up a protest."
    assert classify_event(sentence).sub_event_type == "Protest with intervention"


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        (
            "Both sides blamed each other for the bombing of a jail in the region that killed "
            "dozens of prisoners who were captured after the long battle for Kessa.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Civilians died in shelling during the siege of Kessa on Monday.",
            "Shelling/artillery/missile attack",
        ),
        # with no trigger outside it, the battle is the event
        ("Fighters were killed in the battle for Kessa on Monday.", "Armed clash"),
    ],
)
def test_a_battle_named_as_what_came_before_does_not_type_the_sentence(sentence, sub_type):
    event = classify_event(sentence)
    assert event is not None and event.sub_event_type == sub_type


@pytest.mark.parametrize(
    "sentence",
    [
        "After Security Council clash, Western powers weigh next steps on Kessa",
        "The envoys' diplomatic clash left the ceasefire talks in ruins.",
        "Ardan and its allies clashed at the U.N. over the siege of Kessa.",
    ],
)
def test_a_clash_of_words_at_a_council_is_no_armed_clash(sentence: str) -> None:
    event = classify_event(sentence)
    assert event is None or event.sub_event_type != "Armed clash"


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("The foreign ministers are expected to meet on Saturday.", "future"),
        ("The army will hold a parade next month.", "future"),
        ("The council should do more to protect civilians.", "opinion"),
        ("I think the strikes were a mistake.", "opinion"),
        ("The envoy called for calm after the clashes.", "appeal"),
        ("The war, which began in 2011, has killed more than 500,000 people.", "background"),
        ("Kidnappings have become more frequent in the region.", "background"),
        ("Militias routinely raid villages in the valley.", "habitual"),
        ("No group has claimed the bombing.", "negation"),
        ("The march ended peacefully, and no arrests were reported.", "negation"),
        ("Unlike its neighbours, the town saw little ground fighting.", "negation"),
        ("The ministry denied targeting civilians.", "denial"),
        ("Who fired the rockets at the camp?", "question"),
        ("“We were shelled all night,” a resident said.", "quote"),
        (
            "The Houthis say their attacks on shipping are in solidarity with Palestinians in Gaza.",
            "motive",
        ),  # a campaign's stated motive, no incident
    ],
)
def test_non_events(sentence: str, reason: str) -> None:
    assert non_event_reason(sentence) == reason
    assert classify_event(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The weather was cold.",
        "Riot police were deployed around the square.",
        "Talks went well.",
        "Planes landed at the airport on time.",
        "Rebels held three meetings with the envoy.",
        "The attackers seized weapons before withdrawing.",  # looting, not an interdiction
    ],
)
def test_no_trigger(sentence: str) -> None:
    assert classify_event(sentence) is None


def test_crosswalk_table() -> None:
    rows = vocab.event_types()
    assert len(rows) == 25
    assert {r.event_type for r in rows} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    plover = {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "COOPERATE",
        "AID",
        "CONCEDE",
        "RETREAT",
        "DEMAND",
        "DISAPPROVE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
    }
    for r in rows:
        assert r.plover is None or r.plover in plover, r
        assert r.cameo_root is None or re.fullmatch(r"0[1-9]|1\d|20", r.cameo_root), r
        assert r.note.strip(), f"{r.sub_event_type}: say why in the note"
    assert event_type_info("Air/drone strike").cameo_root == "19"
    assert event_type_info("Peaceful protest").plover == "PROTEST"
    assert event_type_info("Arrests").cameo_root == "17"


def test_every_trigger_names_a_known_type_and_compiles() -> None:
    known = {t.sub_event_type for t in vocab.event_types()}
    for trig in vocab.event_triggers():
        assert trig.sub_event_type in known
        re.compile(trig.pattern)
        assert 0 < trig.weight <= 1


SENTENCES = [s for s, _ in SUB_TYPES] + [
    "Clashes and shelling resumed; jets bombed the SKILLS centre.",
    "Attackers attacked, attacking; an attack on a village.",
    "İstanbul police detained 12 protesters.",  # lower() changes the length here
    "Nothing happened at all.",
    "Protest! Protesters were shot dead by police; riot police stood by.",
]


@pytest.mark.parametrize(
    "patterns",
    [
        [t.pattern for t in vocab.event_triggers()],
        [p for _, p in vocab.non_event_cues()],
        [r"\bShell(?:ing)?\b", r"\b(?:a|b)|c", r"x?y", r"\b(?:air|war)(?:planes?)\b"],
    ],
)
def test_lexicon_matches_like_separate_searches(patterns: list[str]) -> None:
    """The fast Lexicon must give exactly what one IGNORECASE search per pattern gives."""
    lexicon = Lexicon(patterns)
    for sentence in SENTENCES:
        expected = {}
        for i, p in enumerate(patterns):
            m = re.search(p, sentence, re.IGNORECASE)
            if m:
                expected[i] = m.span()
        got = {i: m.span() for i, m in lexicon.first_matches(sentence).items()}
        assert got == expected, sentence


# Weapon cues: the words that name the weapon decide the sub-event type (sentences our own).
WEAPON_CUES = [
    ("A suspected gas attack by army jets killed 31 people in the town.", "Chemical weapon"),
    ("Doctors said the victims showed signs of exposure to a nerve agent.", "Chemical weapon"),
    (
        "A cruise missile strike on the air base killed seven soldiers.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A US missile strike on an airfield destroyed six hangars.",
        "Shelling/artillery/missile attack",
    ),
    ("HIMARS rockets hit the depot near the river overnight.", "Shelling/artillery/missile attack"),
    ("A man wearing an explosive belt blew up a checkpoint.", "Suicide bomb"),
    ("A suicide car bombing hit the convoy at dawn, killing 14.", "Suicide bomb"),
    ("The twin car bombings at the junction killed 40 people.", "Remote explosive/landmine/IED"),
    ("A landmine killed two shepherds near the border.", "Remote explosive/landmine/IED"),
    ("Nine died in the army's heavy bombing of the northern suburbs.", "Air/drone strike"),
    ("Government forces bombed two clinics in the enclave on Monday.", "Air/drone strike"),
    ("Seven died after strikes by Russian aircraft on the port.", "Air/drone strike"),
    ("The ministry said enemy aviation struck a depot near Kessa.", "Air/drone strike"),
    ("Dozens were hurt in a gas bombing of the northern suburbs.", "Chemical weapon"),
    ("Shells carrying toxic gases fell on the camp at dawn.", "Chemical weapon"),
    (
        "The army said militants were blowing up the bridge they had mined.",
        "Remote explosive/landmine/IED",
    ),
    ("The district chief was shot dead by unknown gunmen on Monday.", "Attack"),
    ("The mayor was killed at the hands of two outlaws, the militia said.", "Attack"),
]


@pytest.mark.parametrize(("sentence", "sub_type"), WEAPON_CUES)
def test_weapon_cues_name_the_sub_event_type(sentence, sub_type):
    guess = classify_event(sentence)
    assert guess is not None and guess.sub_event_type == sub_type


def test_guess_weight_is_the_strongest_trigger_without_the_bonus():
    # "attack" (0.4) and "killed ... children" (0.5) both fire: confidence gets the bonus, the
    # weight stays that of the strongest one, which names no weapon.
    guess = classify_event("The attack killed five children in the square.")
    assert guess is not None and guess.sub_event_type == "Attack"
    assert guess.weight == 0.5 and guess.confidence == 0.55


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Survivors said the killing of 30 herders was like Srebrenica.", "comparison"),
        ("The raid on the camp was reminiscent of the 2014 massacre at Bama.", "comparison"),
        ("Critics drew comparisons with the siege of the old city of Kessa.", "comparison"),
        ("It was the deadliest raid since a bomb killed 90 at the same market.", "background"),
        ("A similar attack killed 40 worshippers there eight years ago.", "background"),
    ],
)
def test_comparisons_and_earlier_events_are_background(sentence: str, reason: str) -> None:
    assert non_event_reason(sentence) == reason


def test_an_event_told_plainly_is_no_comparison() -> None:
    assert non_event_reason("Gunmen killed 30 herders near Kessa on Tuesday.") is None
    # echoing a source, recalling a moment: attribution and witness, not comparison
    assert non_event_reason("A farmer said 12 had died, echoing the local council.") is None
    assert non_event_reason("She recalled the moment a shell killed her son.") is None


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        ("Troops killed 40 militants in the hills near Dori on Sunday.", "Armed clash"),
        ("Insurgents killed six soldiers at an outpost near Gao.", "Armed clash"),
        ("The militia was accused of killing the district mayor of Tessit.", "Attack"),
    ],
)
def test_who_kills_whom_decides_clash_or_attack(sentence: str, sub_type: str) -> None:
    guess = classify_event(sentence)
    assert guess is not None and guess.sub_event_type == sub_type


def test_what_an_event_went_on_despite_is_not_the_event() -> None:
    for sentence, sub_type in (
        ("Rebels shelled the town on Sunday despite Russian air strikes.", "Shelling"),
        ("Fighters clashed with the army despite air strikes, a monitor said.", "Armed clash"),
        ("Protesters marched through the capital despite heavy shelling nearby.", "Peaceful"),
    ):
        guess = classify_event(sentence)
        assert guess is not None and guess.sub_event_type.startswith(sub_type), sentence
    # the adjunct ends at the comma: what follows is the event
    guess = classify_event("Despite the truce, air strikes hit the market on Monday.")
    assert guess is not None and guess.sub_event_type == "Air/drone strike"
    # and with nothing outside it, the sentence still tells it
    guess = classify_event("Despite heavy air strikes, nobody was hurt in the town.")
    assert guess is not None and guess.sub_event_type == "Air/drone strike"


def test_a_bomber_shot_dead_among_protesters_is_no_policing_of_a_protest() -> None:
    """ "shot dead by police" next to "protesters" reads as excessive force, unless the
    sentence tells an explosion: then the one shot is an attacker."""
    guess = classify_event(
        "One detonated his charge among the protesters and the other was shot dead by police."
    )
    assert guess is not None and guess.sub_event_type != "Excessive force against protesters"
    guess = classify_event("Police shot dead three protesters in the square on Sunday.")
    assert guess is not None and guess.sub_event_type == "Excessive force against protesters"


def test_a_car_driven_into_a_ditch_is_no_attack() -> None:
    assert classify_event("He drove his car into a ditch on Monday.") is None


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        # a comparison appended to the report of the incident is about that incident
        (
            "Fighters killed at least 104 people in an attack on the village on Wednesday, a "
            "local group said, in one of the deadliest assaults on civilians since the war began.",
            None,
        ),
        ("Gunmen killed 12 people on Monday, the worst attack since the start of the war.", None),
        # the comparison as the sentence's own statement, or one that tells the earlier
        # event's toll, stays background; so does a stretch since the war began
        ("It was the deadliest assault on civilians since the war began.", "background"),
        (
            "Gunmen killed 12 people on Monday, the deadliest attack since a bomb killed 90 at "
            "the same market.",
            "background",
        ),
        ("The army has shelled the valley since the war began.", "background"),
    ],
)
def test_a_superlative_appended_to_a_report_keeps_it_a_report(sentence, reason) -> None:
    assert non_event_reason(sentence) == reason


@pytest.mark.parametrize(
    ("sentence", "sub_type"),
    [
        # an assault is an attack, and on troops a clash, as "attack" is
        ("The assault on the north-western edge of Deir ez-Zor killed dozens.", "Attack"),
        ("Rebels assaulted army positions near Hama on Monday.", "Armed clash"),
        ("The deadly aerial assault caused the building to collapse.", "Air/drone strike"),
        ("He was charged with sexual assault in Aleppo.", "Sexual violence"),
        ("The guards at the gate carried assault rifles.", None),
        # the support a capture had does not type it
        (
            "Government forces, backed by coalition air strikes, announced on Thursday that "
            "they had taken back Hit.",
            "Government regains territory",
        ),
        ("Troops retook the town, supported by Russian warplanes.", "Government regains territory"),
        # ...but the air strikes that back a generic attack are the attack
        (
            "Regime forces backed by Russian warplanes intensified attacks on a suburb of the "
            "capital, killing nearly 100 people.",
            "Air/drone strike",
        ),
        # buses leaving or entering a besieged district, a first convoy moving out: an evacuation
        ("Green buses have been seen entering al-Waer this morning.", "Agreement"),
        ("The first convoy has started moving out of al-Waer, SANA says.", "Agreement"),
        # what people took back is no ground
        ("Relatives took back the bodies of the victims on Friday.", None),
        # a town declared cleared of the militants is retaken
        (
            "Commanders declared the Anbar town cleared of Islamic State fighters on Thursday.",
            "Government regains territory",
        ),
        # a car bomb workshop is a strike's target, not a car bomb
        (
            "Coalition aircraft carried out dozens of strikes, hitting car bomb workshops.",
            "Air/drone strike",
        ),
        ("A car bomb exploded near the market, killing six.", "Remote explosive/landmine/IED"),
        # fire opened on a crowd is an attack on civilians, on a checkpoint a clash
        ("Israeli forces opened fire on a crowd waiting for food deliveries.", "Attack"),
        (
            "At least 112 were killed when a crowd waiting for aid trucks came under Israeli fire.",
            "Attack",
        ),
        ("Militants opened fire on an army checkpoint near Arish.", "Armed clash"),
        ("Police opened fire on protesters in Khartoum.", "Excessive force against protesters"),
        ("Soldiers fired into the air to disperse the crowd.", None),
        # an air force plane or a helicopter carrying the dead or the wounded strikes nothing
        ("An air force plane carrying the coffins is due at Palam airport tonight.", None),
        ("A helicopter ferrying the wounded landed in Srinagar.", None),
        ("Helicopters carrying troops attacked the village at dawn.", "Air/drone strike"),
    ],
)
def test_assaults_support_buses_cleared_towns_and_fire_opened(
    sentence: str, sub_type: str | None
) -> None:
    guess = classify_event(sentence)
    assert (guess.sub_event_type if guess else None) == sub_type


def test_helicopters_sent_to_evacuate_the_wounded_strike_nothing() -> None:
    guess = classify_event("Peacekeepers sent helicopters to help evacuate the wounded to Mopti.")
    assert guess is None or guess.sub_event_type != "Air/drone strike", guess
