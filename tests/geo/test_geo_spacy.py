"""Recognition with the real spaCy model (``nlp=``): its GPE/LOC/FAC entities add the names
the gazetteer lacks, without dropping or splitting the gazetteer's own matches."""

from __future__ import annotations

import itertools

import pytest

from sitrep.geo import geoparse, recognise
from sitrep.nlp import ModelMissing, spacy_pipeline

TEXT = (
    "Protesters marched from Zorbington Plaza to the ministry in Khartoum on Tuesday, "
    "while troops in Omdurman, Sudan, stayed in their barracks."
)


@pytest.fixture(scope="module")
def nlp():
    try:
        return spacy_pipeline()  # the project's model, loaded the one way sitrep loads it
    except ModelMissing as exc:  # pragma: no cover - the model is a declared dependency
        pytest.fail(str(exc))


def test_spacy_adds_a_facility_the_gazetteer_lacks(gaz, nlp):
    without = [t.span.text for t in recognise(TEXT, gaz)]
    with_nlp = recognise(TEXT, gaz, nlp=nlp)
    assert "Zorbington Plaza" not in without
    by_text = {t.span.text: t for t in with_nlp}
    assert by_text["Zorbington Plaza"].source == "spacy"
    # The gazetteer's matches stay, with their own source and exact spans.
    for name in ("Khartoum", "Omdurman", "Sudan"):
        assert name in without and by_text[name].source == "gazetteer"
        t = by_text[name]
        assert TEXT[t.span.start : t.span.end] == name
    # No overlapping spans, text order.
    starts = [t.span.start for t in with_nlp]
    assert starts == sorted(starts)
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(with_nlp))


def test_spacy_only_place_is_resolved_with_a_fallback_and_a_reason(gaz, nlp):
    places = geoparse(TEXT, gazetteer=gaz, nlp=nlp)
    plaza = next(p for p in places if p.text == "Zorbington Plaza")
    # Not in the gazetteer: placed in the article's main state (Khartoum and Omdurman both lie
    # in Khartoum state) with precision 3 and a reason.
    assert plaza.country == "SDN" and plaza.admin1 == "Khartoum"
    assert plaza.precision == 3 and plaza.method == "admin1"
    assert plaza.reason and "not in the gazetteer" in plaza.reason
    khartoum = next(p for p in places if p.text == "Khartoum")
    assert khartoum.precision == 1 and khartoum.country == "SDN"


def test_spacy_path_survives_bad_input(gaz, nlp):
    for text in ("", "   ", "\x00\ufffd", "x" * 5000, "قصف في حلب"):
        for p in geoparse(text, gazetteer=gaz, nlp=nlp):
            assert p.precision is not None or p.reason
