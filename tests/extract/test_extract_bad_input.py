"""Inputs that must not crash the extraction cascade (rules, classifier, parser)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sitrep.extract.baseline import EXTRACTOR_VERSION
from sitrep.extract.cascade import Cascade
from sitrep.model import Article


@pytest.fixture(scope="module")
def cascade():
    return Cascade()


def _art(text: str) -> Article:
    return Article(id="bad", text=text, published=dt.date(2024, 3, 15), language="en")


def test_no_sentences_and_garbage(cascade):
    rng = random.Random(3)
    garbage = "".join(rng.choice("#@!%^&*()_+=~`|\\/<>{}[]0123456789 ") for _ in range(5000))
    for text in ("", "   ", "......", garbage, "\u202e\u200b\ufeff" * 50):
        (claims,) = cascade.run([_art(text)])
        assert all(text[c.sentence.start : c.sentence.end] == c.sentence.text for c in claims)


def test_forty_numbers_in_one_sentence(cascade):
    numbers = ", ".join(str(n) for n in range(1, 41))
    text = f"Shelling killed {numbers} and 41 people in the town on Monday, officials said."
    (claims,) = cascade.run([_art(text)])
    assert claims and claims[0].casualties.killed is not None


def test_very_long_article_without_punctuation(cascade):
    text = (
        "troops shelled the village and residents fled " * 1000
    ).strip()  # ~47 kB, one "sentence"
    (claims,) = cascade.run([_art(text)])
    for c in claims:
        assert text[c.sentence.start : c.sentence.end] == c.sentence.text


def test_over_long_sentences_are_cut_at_spaces():
    from sitrep.extract.sentences import MAX_SENTENCE_CHARS, split_sentences

    text = "word " * 1000
    spans = split_sentences(text)
    assert len(spans) > 1 and all(len(s.text) <= MAX_SENTENCE_CHARS for s in spans)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert "".join(s.text for s in spans).replace(" ", "") == text.replace(" ", "")


def test_modes_say_what_ran():
    fast, rules = Cascade("fast"), Cascade("rules")
    assert "+tfidf-" in fast.version and fast.parser is None and fast.model is not None
    assert rules.version.startswith(f"{EXTRACTOR_VERSION}+geo-") and rules.model is None
    text = "A suicide bomber blew himself up at a checkpoint in the town on Monday, killing six soldiers."
    (claims,) = fast.run([_art(text)])
    assert claims and claims[0].extractor == fast.version
    assert claims[0].sub_event_type == "Suicide bomb"
    with pytest.raises(ValueError, match="unknown extraction mode"):
        Cascade("turbo")
