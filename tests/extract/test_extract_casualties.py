"""Casualty figures: number forms, qualifiers, voices, sub-counts and spans."""

from __future__ import annotations

import pytest

from sitrep import vocab
from sitrep.extract.casualties import (
    _ACTIVE_BY_KIND,
    _PASSIVE_BY_KIND,
    _TOLL_BY_KIND,
    CASUALTY_STEMS,
    find_casualties,
    find_figures,
    parse_number,
)
from sitrep.extract.lexicon import _split_top

# (sentence, kind, best, low, high)
CASES = [
    # agent voice
    ("The raid on the village killed 14 people.", "killed", 14, 14, 14),
    ("Gunfire erupted at dawn, killing 14 people.", "killed", 14, 14, 14),
    ("The blast left 14 dead.", "killed", 14, 14, 14),
    ("Mortar rounds hit the camp, wounding 20.", "injured", 20, 20, 20),
    ("Weeks of fighting displaced 3,000 people.", "displaced", 3000, 3000, 3000),
    ("Police arrested 40 protesters outside the ministry.", "detained", 40, 40, 40),
    ("The clashes forced 3,000 residents from their homes.", "displaced", 3000, 3000, 3000),
    # patient voice
    ("14 people were killed in the attack.", "killed", 14, 14, 14),
    ("14 dead after convoy ambushed", "killed", 14, 14, 14),
    ("20 were wounded.", "injured", 20, 20, 20),
    ("More than 1,200 people were evacuated overnight.", "displaced", 1200, 1200, None),
    ("40 people were detained after the march.", "detained", 40, 40, 40),
    ("Some 3,000 families have fled their homes.", "displaced", 3000, None, None),
    ("Nine bodies were recovered from the rubble.", "killed", 9, 9, 9),
    ("A teenage boy was killed.", "killed", 1, 1, 1),
    ("No one was injured.", "injured", 0, 0, 0),
    # tolls
    ("The death toll rose to 14.", "killed", 14, 14, 14),
    ("Officials raised the toll from 10 to 15.", "killed", 15, 15, 15),
    ("The toll from the bombing climbed to at least 30.", "killed", 30, 30, None),
    # qualifiers
    ("At least 20 soldiers were killed.", "killed", 20, 20, None),
    ("Over 200 people were arrested.", "detained", 200, 200, None),
    ("Up to 30 people may have died, a medic said.", "killed", 30, None, 30),
    ("As many as 30 villagers were killed.", "killed", 30, None, 30),
    ("About 50 people died.", "killed", 50, None, None),
    ("Nearly 50 people were hurt.", "injured", 50, None, None),
    ("Between 10 and 15 fighters were killed.", "killed", 10, 10, 15),
    ("10 to 15 fighters were killed.", "killed", 10, 10, 15),
    ("Two or three guards were wounded.", "injured", 2, 2, 3),
    # number words
    ("Eight people were killed.", "killed", 8, 8, 8),
    ("Twelve soldiers were killed.", "killed", 12, 12, 12),
    ("A hundred and five people were injured.", "injured", 105, 105, 105),
    ("Two hundred students were detained.", "detained", 200, 200, 200),
    ("Twenty-five people died.", "killed", 25, 25, 25),
    ("1.2 million people have been displaced.", "displaced", 1_200_000, 1_200_000, 1_200_000),
    # vague words (values from vague_numbers.csv)
    ("Dozens of people were killed.", "killed", 12, 12, None),
    ("Hundreds of families fled.", "displaced", 100, 100, None),
    ("Scores of people were wounded.", "injured", 20, 20, None),
    ("Several civilians were killed.", "killed", 3, 3, None),
    ("A few passers-by were injured.", "injured", 3, 3, None),
    ("A handful of soldiers were killed.", "killed", 3, 3, None),
    ("Tens of thousands of people have fled.", "displaced", 10_000, 10_000, None),
    ("Thousands of residents were evacuated.", "displaced", 1000, 1000, None),
    ("A dozen people were arrested.", "detained", 12, None, None),
    ("Several hundred families fled the town.", "displaced", 300, 300, None),
    ("At least dozens of people were killed.", "killed", 12, 12, None),
    # bodies received or recovered are deaths; "held" people are detainees
    ("Hospitals received the bodies of 14 victims on Saturday.", "killed", 14, 14, 14),
    ("Security forces held at least 20 men in raids.", "detained", 20, 20, None),
    # a spinner's reordering of "killing two people"
    ("Planes struck the port, leaving dead two persons.", "killed", 2, 2, 2),
]


@pytest.mark.parametrize(("sentence", "kind", "best", "low", "high"), CASES)
def test_figure(sentence: str, kind: str, best: int, low: int | None, high: int | None) -> None:
    figure = getattr(find_casualties(sentence), kind)
    assert figure is not None, sentence
    assert (figure.best, figure.low, figure.high) == (best, low, high)


def test_killed_and_injured_in_one_sentence() -> None:
    c = find_casualties("Eight people were killed and seven others injured in the strike.")
    assert (c.killed.best, c.injured.best) == (8, 7)
    c = find_casualties("The strike killed eight people and wounded seven others.")
    assert (c.killed.best, c.injured.best) == (8, 7)
    c = find_casualties("Shelling killed at least 20 people and wounded dozens.")
    assert (c.killed.best, c.killed.low, c.injured.best) == (20, 20, 12)


@pytest.mark.parametrize(
    "sentence",
    [
        "The strike killed 14 people, including five children.",
        "Fourteen people, including five children, were killed.",
        "14 people were killed, among them five children.",
        "14 people, five of whom were children, were killed.",
    ],
)
def test_subcount_never_replaces_the_toll(sentence: str) -> None:
    figures = find_figures(sentence)
    assert [(f.kind, f.figure.best) for f in figures] == [("killed", 14)]


@pytest.mark.parametrize(
    "sentence",
    [
        "A 14-year-old boy was shot in the leg.",  # no casualty verb for the age
        "The town lies 14 km from the border and was shelled.",
        "Two rockets hit the square.",
        "The war began in 2011.",
        "Talks resumed on 3 March after 14 days.",
        "Hundreds of people marched through the city.",
        "The ministry said 40 buses were sent.",
        # Attempts, threats and plans: nobody was arrested or killed (yet).
        "Police failed to arrest 20 suspects after the raid.",
        "The group threatened to kill 100 hostages.",
        "Troops were unable to detain 12 men who fled.",
        "Rebels held three meetings with the envoy.",  # "held" only detains people
        "The council held 12 sessions in Geneva.",
    ],
)
def test_numbers_that_are_not_casualty_figures(sentence: str) -> None:
    assert find_figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Early reports had put the toll at 11.", None),
        ("Earlier reports said 12 people were killed in the blast.", None),
        ("The toll, initially put at 28, rose to 37 on Monday.", None),
        ("The death toll rose to 37, up from an earlier toll of 27, officials said.", 37),
        ("An initial toll of 20 dead was later revised to 35.", None),
        # "first" of an attack is no earlier toll, a preliminary estimate is the count so far
        ("In the first attack, 20 people were killed.", 20),
        ("Preliminary reports suggest that around 30 people lost their lives.", 30),
        ("Officials earlier said the bombings killed at least 60 people.", 60),
    ],
)
def test_a_toll_the_report_says_was_superseded_is_not_its_count(sentence, killed) -> None:
    """A figure the report itself calls earlier or initial is history, not a count to set
    against the others (a page on the Kizilay bombing: "Early reports had put the toll at
    11", beside the 37 every report gives)."""
    figure = find_casualties(sentence).killed
    assert (figure.best if figure else None) == killed


def test_agent_numbers_are_not_victims() -> None:
    # "Two gunmen killed a policeman": two is the attackers, one is the victim.
    c = find_casualties("Two gunmen killed a policeman outside the station.")
    assert c.killed.best == 1
    c = find_casualties("Three soldiers killed two smugglers at the border.")
    assert c.killed.best == 2


@pytest.mark.parametrize(
    ("sentence", "best", "low"),
    [
        ("Two soldiers and a civilian were killed.", 3, 3),
        ("Three policemen, two soldiers and a civilian were killed on the road.", 6, 6),
        ("At least five children and two women were killed.", 7, 7),
    ],
)
def test_counts_sharing_one_verb_add_up(sentence: str, best: int, low: int) -> None:
    killed = find_casualties(sentence).killed
    assert killed is not None and (killed.best, killed.low) == (best, low)
    assert sentence.startswith(killed.text)


def test_first_figure_of_a_kind_wins() -> None:
    c = find_casualties("Shelling killed 4 people on Monday, a day after 9 died in a raid.")
    assert c.killed.best == 4


def test_spans_point_into_the_article() -> None:
    article = "Header line.\n\nA car bomb killed at least 20 people and wounded 31 others."
    start = article.index("A car")
    sentence = article[start:]
    c = find_casualties(sentence, offset=start)
    for figure in (c.killed, c.injured):
        assert figure is not None and figure.span is not None
        assert article[figure.span.start : figure.span.end] == figure.span.text == figure.text
    assert c.killed.text == "killed at least 20"
    assert c.injured.text == "wounded 31"


def test_case_folding_fallback_keeps_offsets() -> None:
    # "İ" lower-cases to two characters; the extractor must fall back and keep offsets right.
    sentence = "İdlib: 14 people were killed."
    c = find_casualties(sentence)
    assert c.killed.best == 14
    assert sentence[c.killed.span.start : c.killed.span.end] == "14 people were killed"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200),
        ("14", 14),
        ("1.2 million", 1_200_000),
        ("eight", 8),
        ("twenty-five", 25),
        ("a hundred and five", 105),
        ("two hundred", 200),
        ("one thousand two hundred", 1200),
        ("3.5", None),
        ("people", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


def test_vague_table_is_documented_and_conservative() -> None:
    table = {v.word: v for v in vocab.vague_numbers()}
    assert table["dozens"].best == 12 and table["hundreds"].best == 100  # ACLED convention
    for word in ("several", "a few", "a handful", "scores", "tens", "thousands", "a dozen"):
        assert word in table
    for v in table.values():
        assert v.note.strip(), f"{v.word} needs a note saying why"
        assert v.low is None or v.low <= v.best
        assert v.high is None or v.best <= v.high


def test_stem_gate_covers_every_casualty_word() -> None:
    """The substring gate in find_figures must never hide a phrase the regexes would match."""
    alternations = [*_PASSIVE_BY_KIND.values(), *_ACTIVE_BY_KIND.values(), *_TOLL_BY_KIND.values()]
    alternations.append(r"forcing|forced|driving|drove|pushing|pushed")
    for alternation in alternations:
        for alternative in _split_top(alternation) or []:
            plain = alternative.replace(r"\s+", " ")
            assert any(stem in plain for stem in CASUALTY_STEMS), alternative


@pytest.mark.parametrize(
    ("sentence", "best", "low", "high"),
    [
        ("The probe found the raid was deadlier, killing closer to 250 people.", 250, None, None),
        ("Rescuers said the number of victims reached 61 by the evening.", 61, 61, 61),
    ],
)
def test_more_toll_shapes(sentence: str, best: int, low: int | None, high: int | None) -> None:
    killed = find_casualties(sentence).killed
    assert killed is not None and (killed.best, killed.low, killed.high) == (best, low, high)


@pytest.mark.parametrize(
    ("sentence", "best", "low", "high"),
    [
        # one verb, two objects: the counts add up
        ("The ambush killed four policemen and two drivers near the pass.", 6, 6, 6),
        ("Rockets killed at least 30 villagers and 5 guards, officials said.", 35, 35, None),
        # tolls of two places: the claim keeps the first
        ("Shelling killed 5 in Kessa and 3 in Maraba on Monday.", 5, 5, 5),
        # "N others died" adds to the first count of the kind
        ("Nine guests were killed in the hall, and two others died in hospital.", 11, 11, 11),
        # a kill verb takes "N of them": that is the toll, not a part
        ("Soldiers detained dozens of men and shot dead about 40 of them.", 40, None, None),
        ("The raid, which claimed the lives of over 20 people, drew protests.", 20, 20, None),
        ("A second wave of strikes raised the death toll to 35, medics said.", 35, 35, 35),
        ("Seven people are killed and 20 are injured, the rescue service says.", 7, 7, 7),
        # a titled person killed is one death
        ("Provincial governor Amadou Selle was killed by gunmen on the road.", 1, 1, 1),
        ("Militants were accused of killing Deputy Governor Ruth Okafor Kande.", 1, 1, 1),
        # part of the dead, no total: a low bound only
        ("The dead included 14 children, the hospital said.", 14, 14, None),
        ("Among the dead were at least 8 aid workers.", 8, 8, None),
        # vague: the table's conservative value
        ("Troops killed a number of militants near the border.", 3, 3, None),
    ],
)
def test_tolls_in_harder_shapes(
    sentence: str, best: int, low: int | None, high: int | None
) -> None:
    killed = find_casualties(sentence).killed
    assert killed is not None and (killed.best, killed.low, killed.high) == (best, low, high)


def test_a_part_of_the_dead_never_replaces_the_total() -> None:
    killed = find_casualties(
        "At least 40 people were killed; the dead included 14 children."
    ).killed
    assert (killed.best, killed.low, killed.high) == (40, 40, None)


def test_a_titled_person_in_a_longer_phrase_is_no_death() -> None:
    assert find_casualties("The governor's guards were praised by the minister.").killed is None
    assert find_casualties("The governor said the curfew was lifted on Monday.").killed is None


@pytest.mark.parametrize(
    "sentence",
    [
        "The death toll could rise to 200, officials warned.",
        "Medics fear the toll may climb to 90 as more bodies are found.",
        "The number of dead is expected to reach 50 by the morning.",
    ],
)
def test_a_feared_toll_is_no_figure(sentence: str) -> None:
    assert find_casualties(sentence).killed is None


def test_a_stated_toll_that_could_rise_is_kept() -> None:
    killed = find_casualties("The death toll has reached 61 and could rise further.").killed
    assert killed is not None and killed.best == 61


@pytest.mark.parametrize(
    ("sentence", "kind", "best"),
    [
        ("His cousin was among the 106 people the United Nations said were killed.", "killed", 106),
        (
            "Two boys were among the more than one hundred people the UN later said were killed "
            "that day.",
            "killed",
            100,
        ),
        ("Ten soldiers the army said were wounded in the attack.", "injured", 10),
    ],
)
def test_a_figure_with_who_gave_it_inside_its_noun_phrase(sentence: str, kind: str, best: int):
    """ "the 106 people the UN said were killed": the speaker stands between the figure and its
    verb, as it does in survivors' accounts and retrospectives."""
    figure = getattr(find_casualties(sentence), kind)
    assert figure is not None and figure.best == best
