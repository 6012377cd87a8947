"""Attribution: cues, normalised names, spans."""

from __future__ import annotations

import pytest

from sitrep.extract.sources import find_sources

SOHR = "Syrian Observatory for Human Rights"

# (sentence, [(text, name), ...])
CASES = [
    ("Nine died in the raid, said the Syrian Observatory for Human Rights.", [(SOHR, SOHR)]),
    ("The Syrian Observatory for Human Rights said nine died.", [(SOHR, SOHR)]),
    ("SOHR, a Britain-based monitor, said nine fighters died.", [("SOHR", SOHR)]),
    ("Jets struck twice, the London-based monitor reported.", [("London-based monitor", SOHR)]),
    ("The Observatory said the toll could rise.", [("The Observatory", SOHR)]),
    ("Five people died, according to SANA.", [("SANA", "SANA")]),
    ("The state news agency SANA reported that a bridge was hit.", [("SANA", "SANA")]),
    ("The Syrian Arab News Agency said a bridge was hit.", [("Syrian Arab News Agency", "SANA")]),
    (
        "A spokesman for the White Helmets said six bodies were found.",
        [("White Helmets", "White Helmets")],
    ),
    ("The UN refugee agency said 3,000 people had fled.", [("UN refugee agency", "UNHCR")]),
    ("Local officials said the bridge was destroyed.", [("Local officials", "local officials")]),
    ("Rebels said they repelled the assault.", [("Rebels", "rebels")]),
    ("Activists said troops shelled the town.", [("Activists", "activists")]),
    ("Medics said 20 people were wounded.", [("Medics", "medics")]),
    ("A resident told the agency that jets struck the market.", [("A resident", "residents")]),
    ("Dozens were hurt, a doctor there said.", [("a doctor", "medics")]),
    (
        "The toll was 14, according to the Kurdish Red Crescent.",
        [("Kurdish Red Crescent", "Kurdish Red Crescent")],
    ),
    ("A Tuareg spokesman said nobody was held.", [("Tuareg", "Tuareg")]),
    (
        "A spokesman for the Kurdish Red Crescent said six died.",
        [("Kurdish Red Crescent", "Kurdish Red Crescent")],
    ),
    (
        "Ten died, a leader of the Civilian Joint Task Force, a militia, said.",
        [("Civilian Joint Task Force", "Civilian Joint Task Force")],
    ),
    ("Eight killed as shells hit market - SANA", [("SANA", "SANA")]),
    (
        "The Observatory said five died, while SANA put the toll at three.",
        [("The Observatory", SOHR), ("SANA", "SANA")],
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES)
def test_sources(sentence: str, expected: list[tuple[str, str | None]]) -> None:
    found = find_sources(sentence)
    assert [(s.text, s.name) for s in found] == expected
    for s in found:
        assert sentence[s.span.start : s.span.end] == s.text


@pytest.mark.parametrize(
    "sentence",
    [
        "An air strike hit a White Helmets centre.",  # named, but not cited
        "He said the army had withdrawn.",  # pronouns are not resolved
        "Jets struck the town on Monday.",
        "It said on Monday that talks had stalled.",
    ],
)
def test_no_source(sentence: str) -> None:
    assert find_sources(sentence) == []


def test_cue_binds_the_speaker_not_the_subject_of_the_claim() -> None:
    found = find_sources("Rebels said the Syrian army attacked the village.")
    assert [s.name for s in found] == ["rebels"]


def test_offset() -> None:
    article = "Lead.\n\nFive died, according to SANA."
    start = article.index("Five")
    (src,) = find_sources(article[start:], offset=start)
    assert article[src.span.start : src.span.end] == "SANA"


def test_whoever_counted_the_dead_is_the_source_with_its_seat() -> None:
    """Who counted the dead ("A monitoring group in Britain counted 135 dead") is the source,
    so Britain is where it sits (``places.seats``), not where the dead were."""
    text = "A monitoring group in Britain counted 135 dead and some 400 people taken away."
    assert [s.text for s in find_sources(text)] == ["A monitoring group in Britain"]
