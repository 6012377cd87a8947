"""Asides: the clauses whose places describe someone rather than locate the event."""

from __future__ import annotations

from sitrep.extract.asides import aside_spans, clause_spans, landmark_spans, within


def asides(text):
    return [text[a:b] for a, b in aside_spans(text)]


def test_an_appositive_with_a_clause_is_an_aside():
    text = "The rebels, a group that holds the capital Sanaa, fired a missile at Jizan."
    assert asides(text) == [", a group that holds the capital Sanaa"]


def test_who_and_which_clauses_run_to_the_next_comma_or_the_end():
    text = "The blast killed guards who served in Mosul, officials said."
    assert asides(text) == ["who served in Mosul"]
    assert asides("The monitor, which has sources across Syria, said so.") == [
        "which has sources across Syria"
    ]


def test_a_clause_about_the_event_and_a_reported_fact_are_no_asides():
    assert asides("Nine died in the attack, which hit a market in Raqqa.") == []
    assert asides("The strike, which took place in Idlib, killed four.") == []
    assert asides("Officials said that shells fell on Idlib.") == []
    # a clause with a finite verb before "that" is no appositive
    assert asides('He said: "After a truce, the city of Douma was shelled that night.') == []


def test_within():
    assert within(3, 5, [(0, 10)]) and not within(8, 12, [(0, 10)])


def test_a_landmark_after_a_named_place_locates_it():
    t = "Four children were killed in Al-Durayhimi district, south of the city of Hodeida, on Friday."
    assert [t[a:b] for a, b in landmark_spans(t)] == [", south of the city of Hodeida"]
    t = "Shells hit Kafr Nabl, about 30 km south-west of Idlib, at dawn."
    assert [t[a:b] for a, b in landmark_spans(t)] == [", about 30 km south-west of Idlib"]
    t = "Jets hit a school in al-Mansoura, about 26km (16 miles) west of Raqqa, at night."
    assert [t[a:b] for a, b in landmark_spans(t)] == [", about 26km (16 miles) west of Raqqa"]
    # a landmark after the event itself, or with no place before it, locates the event
    t = "The strike, 10 km north of Aleppo, killed two. Jets hit villages south of Aleppo."
    assert landmark_spans(t) == []


def test_a_speaker_announcing_that_opens_the_reported_fact_not_an_appositive():
    # "the Islamic Resistance announced that ...": the event itself, told by its speaker
    text = (
        "In its statement, the Islamic Resistance announced that the commander had been "
        "killed in an explosion near Damascus International Airport, and that an inquiry began."
    )
    assert clause_spans(text) == []
    # an appositive clause stays one
    text = "Jets hit the market, the monitor's latest count that includes Aleppo, on Friday."
    assert [text[a:b] for a, b in clause_spans(text)] == [
        ", the monitor's latest count that includes Aleppo"
    ]
