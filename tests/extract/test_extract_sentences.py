"""Sentence splitting with offsets."""

from __future__ import annotations

import pytest

from sitrep.extract.sentences import dateline_end, split_sentences


def texts(text: str) -> list[str]:
    spans = split_sentences(text)
    for s in spans:
        assert text[s.start : s.end] == s.text
    return [s.text for s in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jets struck. Five died.", ["Jets struck.", "Five died."]),
        ("Dr. Haddad treated them. He said so.", ["Dr. Haddad treated them.", "He said so."]),
        (
            "Talks began on Jan. 5 in Geneva. Nothing came of it.",
            ["Talks began on Jan. 5 in Geneva.", "Nothing came of it."],
        ),
        ("Envoy J. R. Moss arrived. Talks began.", ["Envoy J. R. Moss arrived.", "Talks began."]),
        ("The U.S. envoy left. Talks stalled.", ["The U.S. envoy left.", "Talks stalled."]),
        (
            "Aid came from the U.S. The convoy was late.",
            ["Aid came from the U.S.", "The convoy was late."],
        ),
        ('"We fled," she said. "Nobody stayed."', ['"We fled," she said.', '"Nobody stayed."']),
        ('He said: "We fled." Then it rained.', ['He said: "We fled."', "Then it rained."]),
        ("Is it over? Nobody knows! Wait.", ["Is it over?", "Nobody knows!", "Wait."]),
        ("Prices rose 3.5 percent. Bread ran out.", ["Prices rose 3.5 percent.", "Bread ran out."]),
        ("Gen. Ali spoke. No. 5 brigade moved.", ["Gen. Ali spoke.", "No. 5 brigade moved."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_paragraphs_and_headlines() -> None:
    text = (
        "Shelling kills 14 in eastern district\n\nALEPPO - Rockets hit.  More fell.\n\n\n  Last one"
    )
    assert texts(text) == [
        "Shelling kills 14 in eastern district",
        "ALEPPO - Rockets hit.",
        "More fell.",
        "Last one",
    ]


def test_single_newlines_stay_inside_a_sentence() -> None:
    assert texts("Rockets hit the\nmarket. Five died.") == [
        "Rockets hit the\nmarket.",
        "Five died.",
    ]


def test_empty() -> None:
    assert split_sentences("") == [] and split_sentences("  \n\n ") == []


@pytest.mark.parametrize(
    ("sentence", "rest"),
    [
        ("ALEPPO, March 14 (Example Wire) - Rockets hit.", "Rockets hit."),
        ("EL FASHER, Sudan, March 17 (Example Daily) - At least 20 died.", "At least 20 died."),
        ("GENEVA (Example News) - Talks began.", "Talks began."),
        ("IDLIB, Syria - Jets struck.", "Jets struck."),
        ("Russian jets - and drones - struck.", "Russian jets - and drones - struck."),
        ("Kabul, Aug 30: Rockets hit the airport.", "Rockets hit the airport."),
        ("New Delhi, Sept. 3 (Example Service): Police fired.", "Police fired."),
        ("Officials said: five died.", "Officials said: five died."),
        # the day before the month, as British and European outlets write it, a year or not
        ("NEW YORK, 26 September - The envoy spoke.", "The envoy spoke."),
        ("KYIV, 3 March 2022 (Example Wire) - Sirens sounded.", "Sirens sounded."),
        ("LONDON, Sept. 26, 2016 - Ministers met.", "Ministers met."),
    ],
)
def test_dateline(sentence: str, rest: str) -> None:
    assert sentence[dateline_end(sentence) :] == rest


def test_boundary_regex_matches_the_backtracking_one_it_replaced() -> None:
    """The possessive, run-start-only boundary pattern (linear on long runs of stops) finds
    exactly what the original backtracking pattern found."""
    import random
    import re

    from sitrep.extract.sentences import _CANDIDATE

    original = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+([\"'“‘(\[]?)([A-Z0-9]))")
    rng = random.Random(1)
    alphabet = ".!?\"')] \n\tAb1(“‘”’x"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        want = [(m.span(), m.groups()) for m in original.finditer(text)]
        assert [(m.span(), m.groups()) for m in _CANDIDATE.finditer(text)] == want


def test_a_page_of_full_stops_is_cut_into_capped_pieces() -> None:
    from sitrep.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

    spans = split_sentences("." * 20_000 + " The end.")
    assert sum(len(s.text) for s in spans) == 20_000 + len("The end.")
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in spans)
    assert spans[-1].text == "The end."
