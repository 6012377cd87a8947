"""Who says so: attribution from the parse (real spaCy model), the word-order fallback,
kinds, sources carried between sentences, seats that are no places, stored and exported
shapes."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.export.shapes import record
from sitrep.extract import extract_article
from sitrep.extract.attribution import is_anaphor, parse_sources
from sitrep.extract.cascade import Cascade, available_parser
from sitrep.extract.source_kinds import kind_of
from sitrep.extract.sources import find_sources
from sitrep.model import Article, Claim, Source, Span, from_dict, to_dict

SOHR = "Syrian Observatory for Human Rights"


@pytest.fixture(scope="module")
def nlp():
    parser = available_parser()  # the same pipeline extraction uses
    assert parser is not None
    return parser


@pytest.fixture(scope="module")
def full() -> Cascade:
    return Cascade("full")


def _parsed(nlp, sentence: str) -> list[tuple[str, str | None, str | None]]:
    found = parse_sources(nlp(sentence), 0)
    for s in found:
        assert s.span is not None and sentence[s.span.start : s.span.end] == s.text
    return [(s.text, s.name, s.kind) for s in found]


def _article(text: str) -> Article:
    return Article(id="t", text=text, published=dt.date(2024, 5, 20), language="en")


# (sentence, [(text, name, kind), ...]) - speakers first, relays after them.
PARSE_CASES = [
    (
        "Rocket fire killed six people in the village on Sunday, the Syrian Observatory for "
        "Human rights said.",
        [("the Syrian Observatory for Human rights", SOHR, "monitor")],
    ),
    (
        "According to the state news agency, four soldiers died in the ambush.",
        [("the state news agency", "SANA", "state_media")],
    ),
    (
        "Provincial Gov. Oleh Marchenko said at least seven people were killed overnight.",
        [("Provincial Gov. Oleh Marchenko", "Provincial Gov. Oleh Marchenko", "government")],
    ),
    (
        "The Chadian defence ministry said troops had killed 40 insurgents near the lake.",
        [("The Chadian defence ministry", "Chadian defence ministry", "military")],
    ),
    (
        "Two aid workers died when the convoy was shelled, the Red Cross said.",
        [("the Red Cross", "ICRC", "un_igo")],
    ),
    (
        "A drone hit the house and killed a farmer, according to the cousin of one of the victims.",
        [("the cousin of one of the victims", "cousin", "witness")],
    ),
    (
        "Amir Saleh, a paramedic with the ambulance service, said nine bodies were recovered.",
        [("Amir Saleh, a paramedic with the ambulance service", "Amir Saleh", "medical_rescue")],
    ),
    (
        "At least 12 people died in the blast, said the armed group that controls the port.",
        [("the armed group", "armed group", "armed_group")],
    ),
    (
        "Lina Farouk, the province's interior minister, told a briefing that 30 had been wounded.",
        [("Lina Farouk, the province's interior minister", "Lina Farouk", "government")],
    ),
    (
        "The regional health chief said 15 people were killed, according to Reuters.",
        [
            ("The regional health chief", "regional health chief", None),
            ("Reuters", "Reuters", "media"),
        ],
    ),
    (
        "The relief group, citing local doctors, said 22 civilians were killed.",
        [
            ("The relief group", "relief group", None),
            ("local doctors", "medics", "medical_rescue"),
        ],
    ),
    (
        "SANA quoted a police chief as saying that a car bomb killed five people.",
        [("a police chief", "police", "government"), ("SANA", "SANA", "state_media")],
    ),
    (
        "The raid on the market was reported by the Observatory, which put the toll at eight.",
        [("the Observatory", SOHR, "monitor")],
    ),
    (
        "At least 17 people died, according to figures from the provincial health ministry.",
        [("the provincial health ministry", "provincial health ministry", "government")],
    ),
    (
        "The army said in a statement that 30 insurgents were killed near the border.",
        [("The army", "army", "military")],
    ),
    (
        "Al-Shabaab claimed the raid on the base, saying it killed 12 soldiers.",
        [("Al-Shabaab", "al-Shabaab", "armed_group")],
    ),
    (
        "Residents said gunmen on motorbikes killed eight herders.",
        [("Residents", "residents", "witness")],
    ),
    (
        "Amnesty International's Chad office reported that 11 villagers were killed.",
        [("Amnesty International's Chad office", "Amnesty International", "monitor")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), PARSE_CASES)
def test_parse_sources(nlp, sentence: str, expected) -> None:
    assert _parsed(nlp, sentence) == expected


def test_two_speakers_joined_by_and(nlp) -> None:
    found = _parsed(
        nlp, "Shelling killed 14 people on Friday, a rights monitor and local medics said."
    )
    assert [k for _, _, k in found] == ["monitor", "medical_rescue"]


def test_the_event_is_no_source(nlp) -> None:
    assert _parsed(nlp, "The blast killed nine people near the bridge on Monday.") == []


def test_pronoun_subject_is_an_anaphor(nlp) -> None:
    (source,) = parse_sources(nlp("It added that 12 fighters were killed in the clashes."), 0)
    assert is_anaphor(source.text) and source.name is None
    assert not is_anaphor("the Chadian ministry") and is_anaphor("the ministry")


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("SOHR", SOHR, "monitor"),
        ("SANA", "SANA", "state_media"),
        ("Al-Masirah TV", "Al-Masirah", "state_media"),
        ("the Taliban", "Taliban", "armed_group"),
        ("the mayor of the town", None, "government"),
        ("an army colonel", None, "military"),
        ("a nurse at the district hospital", None, "medical_rescue"),
        ("a survivor of the raid", None, "witness"),
        ("the local newspaper", None, "media"),
        ("a UK based monitoring group", None, "monitor"),
        ("a civil defence volunteer", None, "medical_rescue"),
        ("this newspaper", None, "outlet"),
        ("a passer-by", None, None),
    ],
)
def test_kinds(text: str, name: str | None, kind: str | None) -> None:
    assert kind_of(text, name) == kind


@pytest.mark.parametrize(
    ("sentence", "text", "name"),
    [
        ("Jets killed five, the Syrian observatory for human rights said.", None, SOHR),
        (
            "The Paris based Syrian Observatory for Human Rights said 11 died.",
            "Paris based Syrian Observatory for Human Rights",
            SOHR,
        ),
        (
            "Three people died in the fire, the country's health minister said.",
            "the country's health minister",
            "country's health minister",
        ),
        (
            "Omar Bashir, the district's police chief, told reporters that two died.",
            "Omar Bashir, the district's police chief",
            "Omar Bashir",
        ),
        (
            "Eight people were killed, said the armed group that holds the valley.",
            "the armed group",
            "armed group",
        ),
        (
            "According to the Regional Emergency Service, six died.",
            None,
            "Regional Emergency Service",
        ),
        (
            "A farmer died in the raid, according to the widow of the farmer.",
            "the widow of the farmer",
            "widow of the farmer",
        ),
        (
            "A teacher at the school, Musa Garba, said 12 pupils were taken.",
            "A teacher at the school, Musa Garba",
            "Musa Garba",
        ),
        (
            "The Syrian Observatory for Human Rights (SOHR) told reporters that 9 died.",
            "Syrian Observatory for Human Rights",
            SOHR,
        ),
        (
            "A senior Western diplomat has said that 30 people were killed.",
            "A senior Western diplomat",
            None,
        ),
    ],
)
def test_word_order_fallback(sentence: str, text: str | None, name: str | None) -> None:
    """Without a parser (fast and rules modes) the common shapes are still read."""
    (source,) = find_sources(sentence)
    assert source.span is not None and sentence[source.span.start : source.span.end] == source.text
    if text is not None:
        assert source.text == text
    if name is not None:
        assert source.name == name
    assert source.text


def test_word_order_fallback_refuses_an_event_clause() -> None:
    assert find_sources("Nine died, said the army attacked the town.") == []
    assert find_sources("Nine died, according to excerpts of a letter seen by us.") == []
    assert find_sources("He said the army had withdrawn.") == []


# ---------------------------------------------------------------- sources across sentences

TWO_PARAGRAPHS = (
    "Jets struck a bakery in Kafr Nabl on Monday, killing 9 people, the Observatory said. "
    "It added that 20 people were wounded in the strike.\n\n"
    '"The planes came back twice," said Karim Haddad, a civil defence spokesman in the town. '
    "Haddad said rescuers pulled 4 more bodies from the rubble on Tuesday.\n\n"
    "Shelling killed 3 people in Ariha on Monday, the provincial health ministry said. "
    "Two of the dead were children killed in the shelling.\n\n"
    "Separately, a car bomb killed 5 people in Sarmada on Monday."
)


def _by_start(claims: list[Claim], opening: str) -> Claim:
    (claim,) = [c for c in claims if c.sentence.text.startswith(opening)]
    return claim


def test_it_added_takes_the_named_source() -> None:
    claims = extract_article(_article(TWO_PARAGRAPHS))
    claim = _by_start(claims, "It added")
    (source,) = claim.sources
    assert (source.name, source.kind) == (SOHR, "monitor")
    assert source.span is not None and source.span.start < claim.sentence.start  # inherited
    assert TWO_PARAGRAPHS[source.span.start : source.span.end] == source.text


def test_surname_takes_the_full_mention() -> None:
    claims = extract_article(_article(TWO_PARAGRAPHS))
    (source,) = _by_start(claims, "Haddad said").sources
    assert source.text == "Karim Haddad, a civil defence spokesman in the town"
    assert (source.name, source.kind) == ("Karim Haddad", "medical_rescue")


def test_next_sentence_of_the_paragraph_inherits() -> None:
    claims = extract_article(_article(TWO_PARAGRAPHS))
    (source,) = _by_start(claims, "Two of the dead").sources
    assert (source.name, source.kind) == ("provincial health ministry", "government")


def test_a_change_of_subject_inherits_nothing() -> None:
    claims = extract_article(_article(TWO_PARAGRAPHS))
    assert _by_start(claims, "Separately").sources == []


def test_no_inheritance_across_paragraphs() -> None:
    text = (
        "Shelling killed 3 people in Ariha on Monday, the provincial health ministry said.\n\n"
        "A car bomb killed 5 people in Sarmada on Monday."
    )
    claims = extract_article(_article(text))
    assert _by_start(claims, "A car bomb").sources == []


def test_the_ministry_prefers_a_source_of_its_kind() -> None:
    text = (
        "Shelling killed 6 people in the town on Monday, residents and the interior ministry "
        "said. The ministry said 14 more were wounded in the shelling."
    )
    claims = extract_article(_article(text))
    (source,) = _by_start(claims, "The ministry said").sources
    assert source.kind == "government"


def test_full_mode_keeps_the_resolved_anaphor(full: Cascade) -> None:
    (claims,) = full.run([_article(TWO_PARAGRAPHS)])
    (source,) = _by_start(claims, "It added").sources
    assert source.name == SOHR
    (source,) = _by_start(claims, "Haddad said").sources
    assert source.name == "Karim Haddad"


# ---------------------------------------------------------------- seats are no places


def test_london_based_is_not_the_place(full: Cascade) -> None:
    text = (
        "Air strikes killed 11 people in Maarat al-Numan on Tuesday, the London based Syrian "
        "Observatory for Human Rights said."
    )
    (claims,) = full.run([_article(text)])
    (claim,) = claims
    assert claim.sources[0].name == SOHR
    assert claim.place is None or claim.place.country != "GBR"


def test_seat_in_an_apposition_is_not_the_place(full: Cascade) -> None:
    text = (
        "The Syrian Observatory for Human Rights, a war monitor in Great Britain, said jets "
        "killed 8 people on Tuesday."
    )
    (claims,) = full.run([_article(text)])
    (claim,) = claims
    assert claim.place is None or claim.place.country != "GBR"


# ---------------------------------------------------------------- storage and export


def _claim_with_source() -> Claim:
    span = Span(0, 4, "SOHR")
    return Claim(
        id="c",
        article_id="a",
        sentence=Span(0, 20, "SOHR said 3 died."),
        sources=[Source(text="SOHR", name=SOHR, span=span, kind="monitor")],
    )


def test_a_store_row_without_kind_still_loads() -> None:
    row = to_dict(_claim_with_source())
    del row["sources"][0]["kind"]  # as written before sources had kinds
    (source,) = from_dict(Claim, row).sources
    assert (source.name, source.kind) == (SOHR, None)
    assert from_dict(Claim, to_dict(_claim_with_source())).sources[0].kind == "monitor"


def test_export_shape_has_the_kind() -> None:
    assert record(_claim_with_source())["sources"] == [
        {"text": "SOHR", "name": SOHR, "kind": "monitor"}
    ]


def test_label_shows_the_kind() -> None:
    assert _claim_with_source().sources[0].label() == f"{SOHR} (monitor)"
    assert Source(text="a farmer").label() == "a farmer"


def test_no_author_behind_photos_or_a_count(nlp) -> None:
    assert _parsed(nlp, "Pictures from the square showed bodies lying under blankets.") == []
    assert _parsed(nlp, "A statement from the regional governor said 12 people died.") == [
        ("the regional governor", "regional governor", "government")
    ]


def test_word_order_fallback_splits_speakers_and_skips_asides() -> None:
    found = find_sources(
        "Mortars killed 6 people on Monday, villagers and the interior ministry said."
    )
    assert [(s.text, s.kind) for s in found] == [
        ("villagers", "witness"),
        ("the interior ministry", "government"),
    ]
    assert find_sources("As noted, rockets hit the depot on Monday.") == []
    assert find_sources("Jets hit the depot, the ministry said.") == []  # left to continuation


def test_nobody_is_no_source(nlp) -> None:
    assert _parsed(nlp, "No group has claimed the bombing that killed 4 people.") == []


def test_every_kind_in_the_tables_is_a_known_kind() -> None:
    from sitrep import vocab
    from sitrep.model import SOURCE_KINDS

    kinds = {e.kind for e in vocab.sources()} | {w.kind for w in vocab.source_kind_words()}
    assert kinds <= set(SOURCE_KINDS)
    assert all(e.kind for e in vocab.sources())  # every listed name says what it is


def test_weapons_are_no_sources_and_hyphenated_names_stay_whole(nlp) -> None:
    assert _parsed(nlp, "The deaths were documented by its drones and warplanes.") == []
    found = _parsed(nlp, "Omar al-Hassan, a local official, said 14 people were killed.")
    assert [name for _, name, _ in found] == ["Omar al-Hassan"]


# ---------------------------------------------------------------- sources no one speaks for


def test_heard_from_gives_the_from_phrase(nlp) -> None:
    found = _parsed(
        nlp, "Our reporter heard from sources in the Kurdish Red Crescent that 31 people died."
    )
    assert found == [("sources in the Kurdish Red Crescent", "Kurdish Red Crescent", None)]


def test_reports_from_sources(nlp) -> None:
    found = _parsed(nlp, "Reports came in from sources in Benin that the raid killed 12 guards.")
    assert found == [("sources in Benin", "Benin", None)]
    assert _parsed(nlp, "Reports came in from the valley that 12 guards were killed.") == []


def test_an_authored_investigation_is_its_author_speaking(nlp) -> None:
    found = _parsed(nlp, "A Reuters analysis shows that at least 44 people died in the raid.")
    assert found == [("A Reuters analysis", "Reuters", "media")]
    assert _parsed(nlp, "The analysis shows that at least 44 people died in the raid.") == []


def test_a_groups_news_agency_speaks_for_the_group() -> None:
    (source,) = find_sources("Gunmen killed 7 guards at the gate, Amaq News Agency said.")
    assert (source.text, source.name, source.kind) == (
        "Amaq News Agency",
        "Islamic State",
        "armed_group",
    )


def test_passive_report_names_its_agent() -> None:
    found = find_sources("The toll was confirmed on Monday by the provincial police chief.")
    assert [(s.text, s.kind) for s in found] == [("the provincial police chief", "government")]
    assert find_sources("The market was hit by shelling from the hills.") == []


# ---------------------------------------------------------------- a source named elsewhere

MONITOR_LEAD = (
    "Air strikes killed 19 people in the town of Kafr Zita on Monday, a war monitor said.\n\n"
    "Residents said the jets came twice.\n\n"
    "Seven children were among the dead, the Syrian Observatory for Human Rights said."
)


def test_a_described_body_takes_the_name_the_story_gives_it() -> None:
    claims = extract_article(_article(MONITOR_LEAD))
    (source,) = _by_start(claims, "Air strikes").sources
    assert (source.text, source.name, source.kind) == ("a war monitor", SOHR, "monitor")
    claim = _by_start(claims, "Air strikes")
    assert source.span is not None and source.span.start > claim.sentence.start  # its own


def test_a_described_body_stays_unnamed_when_no_source_of_its_kind_is_near() -> None:
    text = (
        "Air strikes killed 19 people in the town on Monday, a war monitor said. "
        "The health ministry said 40 were wounded."
    )
    (source, *_) = _by_start(extract_article(_article(text)), "Air strikes").sources
    assert source.name == "monitor"


def test_an_unnamed_person_stays_unnamed() -> None:
    text = (
        "Gunmen killed 8 people in the village on Monday, an official said. "
        "Provincial governor Musa Idris said the gunmen came on motorbikes."
    )
    (source,) = _by_start(extract_article(_article(text)), "Gunmen").sources
    assert source.name != "Musa Idris"


def test_a_country_speaking_is_its_body_named_nearby() -> None:
    text = (
        "Chad said its jets struck a rebel camp near the border, killing 30 fighters. "
        "The Chadian defence ministry said the camp stored weapons."
    )
    (source,) = _by_start(extract_article(_article(text)), "Chad said").sources
    assert (source.text, source.name) == ("Chad", "Chadian defence ministry")


def test_this_was_announced_by_names_the_previous_sentences_source() -> None:
    text = (
        "The missile strike on the bus depot killed 14 people.\n\n"
        "This was announced on Telegram by the regional governor Ivan Petrenko."
    )
    (source,) = _by_start(extract_article(_article(text)), "The missile").sources
    assert source.text == "the regional governor Ivan Petrenko"
    assert source.kind == "government"


def test_full_mode_keeps_the_name_the_story_gave(full: Cascade) -> None:
    (claims,) = full.run([_article(MONITOR_LEAD)])
    assert _by_start(claims, "Air strikes").sources[0].name == SOHR
