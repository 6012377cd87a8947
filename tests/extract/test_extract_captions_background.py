"""Photo captions (sentences.caption_flags) and background sentences (background.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.background import background_reason
from sitrep.extract.baseline import extract_article
from sitrep.extract.events import classify_event
from sitrep.extract.sentences import caption_flags, picture_date, split_sentences
from sitrep.model import Article


def _flags(text: str) -> list[tuple[str, bool]]:
    spans = split_sentences(text)
    return [(s.text, f) for s, f in zip(spans, caption_flags(text, spans), strict=True)]


@pytest.mark.parametrize(
    "caption",
    [
        "A boy walks past a burnt car in Tal Kef, May 3, 2024. REUTERS/Jo Bloggs",
        "In this photo provided by the rescue service, crews clear rubble in Lakra, Ruritania, "
        "Friday, May 3, 2024.",
        "This frame grab from video released by a local channel shows a burning depot in Lakra.",
        "A picture shows the damaged market of Sarmin a day after the strike.",
        "Photo: Smoke rises over the port of Lakra.",
        "Medics treat a wounded man at a clinic in Lakra on May 3, 2024. (AFP)",
        "Rescuers search the ruins of a school in Kuru. (Ruritania Rescue Service via AP)",
        "Rescuers search the ruins of a school in Kuru. Jo Bloggs / AFP",
        "Rescuers search the ruins of a school in Kuru. (AP Photo/Jo Bloggs)",
        "Shoppers queue outside a bakery in Lakra, Ruritania May 2, 2024.",
    ],
)
def test_captions_are_recognised_by_shape(caption: str) -> None:
    text = f"Shells hit the market of Lakra on Friday, killing 5 people.\n\n{caption}"
    flags = _flags(text)
    assert flags[0][1] is False
    assert all(flag for _, flag in flags[1:]), flags


@pytest.mark.parametrize(
    "line",
    [
        "He added that the army would investigate the strike on the bakery. (BSS/AFP)",
        "Shells hit the market of Lakra on May 3, 2024, killing 5 people.",
        "By Staff Writer - May 3 2024",
        "A picture released by the council showed smoke over the depot.",
    ],
)
def test_report_lines_are_not_captions(line: str) -> None:
    assert not any(flag for _, flag in _flags(f"Shells hit Lakra.\n\n{line}"))


def test_a_long_paragraph_ending_in_a_credit_is_the_report() -> None:
    body = " ".join(f"Sentence {n} of the report tells more about Lakra." for n in range(5))
    assert not any(flag for _, flag in _flags(f"{body} REUTERS/Jo Bloggs"))


def test_picture_date_needs_a_bare_date_after_a_description() -> None:
    assert picture_date(
        "Two girls sit on the steps of a ruined school in Kuru, Ruritania, June 7, 2021."
    )
    assert not picture_date("The militia attacked the school in Kuru on June 7, 2021.")
    assert not picture_date("Friday, 15 July 2022")


def test_a_caption_founds_no_claim_and_lends_no_story_date() -> None:
    text = (
        "A woman walks past the ruins of a bakery hit by shelling in Lakra, Ruritania, "
        "March 2, 2023. REUTERS/Jo Bloggs\n\n"
        "Artillery shelled the market of Lakra, killing 7 people, the governor said."
    )
    art = Article(id="cap", text=text, language="en", published=dt.date(2024, 5, 10))
    claims = extract_article(art)
    assert len(claims) == 1
    (claim,) = claims
    assert claim.sentence.text.startswith("Artillery")
    assert claim.when is None or claim.when.start != dt.date(2023, 3, 2)


def _reason(sentence: str) -> str | None:
    guess = classify_event(sentence, check_non_event=False)
    return background_reason(sentence, guess.trigger.start if guess and guess.trigger else None)


@pytest.mark.parametrize(
    "sentence",
    [
        "The air force has bombed depots in the valley on several occasions during the war, "
        "including some said to store chemical weapons.",
        "Since then, the rebels have stepped up rocket attacks on border towns.",
        "The militia has attacked convoys on the northern road for years.",
        "Every night the army shells the villages along the river.",
        "The raids, which have done little to stop the group, have time and again killed "
        "farmers in the valley.",
        # a toll from a past event or year to now
        "Air strikes have killed 300 people in Dorava since the offensive began.",
        "Shelling has killed more than 2,000 civilians in the province since 2014.",
        # the trigger's own relative clause, not the meeting's day, says when
        "The council held an emergency meeting on Sunday on Kuru, where air strikes have "
        "killed scores of people since a truce collapsed.",
        # the past perfect tells a pattern up to then as the present perfect does up to now
        "Residents said army shelling had intensified around Kuru since the start of October.",
        # a counted stretch, and a duration standing between the auxiliary and "come"
        "Government warplanes have pounded the valley for more than two years.",
        "Residents of districts that have for years come under mortar fire from Kuru greeted "
        "the news with relief.",
        # a stretch of weeks up to now, in the simple past too: many events, none told
        "Government forces tightened their siege of the town in recent weeks and the army "
        "shelled its outskirts, residents said.",
        "Air strikes killed 30 people in the valley over the past few weeks.",
        # a stretch from a month to now
        "Government forces have retaken more than half of the enclave since mid-November.",
        "The coalition has been carrying out air strikes in the valley since June 2014.",
    ],
)
def test_patterns_are_background(sentence: str) -> None:
    assert _reason(sentence) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "Artillery shelled the market of Dorava on Tuesday, killing 8 people.",
        "The death toll from the shelling has risen to 11.",
        "The toll of the bombing has increased to 24 people.",
        "The village has been shelled repeatedly since Tuesday morning, killing 4.",
        "Two clinics were bombed on Monday in Kuru, which has been besieged for years.",
        '"Every day they kill our children," the mayor said after the rocket attack on Kuru.',
        "The Weekly Daily newspaper said 4 people were killed in the air strike on Kuru.",
        "Air strikes have killed 12 people in Dorava since the truce collapsed on Monday.",
        "Shelling killed 14 people in Kuru, where rebels have held out since 2013, on Tuesday.",
        "Rebels had shelled the village repeatedly on Tuesday before the truce.",
        # a recent day keeps the report however the sentence compares it
        "Air strikes killed 30 people in Kuru on Tuesday, the deadliest day in recent weeks.",
        # a toll counted from a day (not a month) is the update of one event's
        "The toll in the riots in Kuru since February 28 has risen to 800.",
        # a toll of one attack told in the passive stays one
        "At least 20 people have been killed in the attack on the market in Kuru.",
        "Eight soldiers have been killed in the fighting in Kuru since Tuesday.",
    ],
)
def test_events_are_not_background(sentence: str) -> None:
    assert _reason(sentence) is None


def test_a_background_sentence_makes_no_claim() -> None:
    text = (
        "Warplanes struck a school in Hass on Monday, killing 9 pupils. "
        "The air force has struck targets in the province on multiple occasions this year."
    )
    claims = extract_article(Article(id="bg", text=text, language="en"))
    assert [c.sentence.text[:9] for c in claims] == ["Warplanes"]


def test_a_meeting_about_a_pattern_of_strikes_is_a_meeting_without_its_toll() -> None:
    """The strikes the council met about are background; the meeting is the claim, and the
    background's "scores" is no figure of it."""
    text = (
        "The UN Security Council held an emergency meeting on Sunday on Kuru, where air "
        "strikes have killed scores of people since a truce collapsed."
    )
    art = Article(id="m", text=text, language="en", published=dt.date(2016, 9, 26))
    (claim,) = extract_article(art)
    assert claim.sub_event_type is None and claim.plover == "CONSULT"
    assert claim.casualties.killed is None
    assert claim.when is not None and claim.when.start == dt.date(2016, 9, 25)


@pytest.mark.parametrize(
    "sentence",
    [
        "The war, now in its sixth year, has killed more than 300,000 people.",
        "The conflict has killed more than 400,000 people and displaced millions.",
        "More than 10,000 people have been killed in the conflict, which the UN calls the "
        "world's worst humanitarian crisis.",
    ],
)
def test_a_wars_toll_to_date_is_background(sentence: str) -> None:
    """A toll of the whole war, with its age, dates no event: no claim of it."""
    assert background_reason(sentence) == "background"
    art = Article(id="w1", text=sentence, language="en", published=dt.date(2016, 9, 20))
    assert extract_article(art) == []
