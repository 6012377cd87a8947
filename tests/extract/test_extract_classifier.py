"""The shipped event-type classifier: loads, types unseen sentences sensibly, retypes claims."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from sitrep.extract import extract_article
from sitrep.extract.classifier import EventTypeModel, fit, label_set, shipped_model, terms
from sitrep.extract.event_typing import retype
from sitrep.model import Article

# Written for this test; not in the training files.
UNSEEN = {
    "AIR_STRIKE": "Fighter jets bombed a fuel depot outside the city before dawn, flattening two warehouses.",
    "PEACE_PROTEST": "Thousands of nurses marched peacefully to parliament demanding better pay, and the rally ended without incident.",
    "ARREST": "Security services detained four journalists at their homes overnight on charges of spreading false news.",
    "SUIC_BOMB": "A man wearing an explosive vest blew himself up at the entrance of a crowded mosque, killing nine worshippers.",
    "NATURAL_DISASTER": "Flash floods swept away dozens of homes in the valley after three days of torrential rain.",
}


@pytest.fixture(scope="module")
def model():
    m = shipped_model()
    assert m is not None, "sitrep/models/event_types.npz ships with the package"
    return m


def test_shipped_model_covers_the_30_labels(model):
    assert set(model.labels) == set(label_set(30))
    assert model.meta["embedding"] == "all-MiniLM-L6-v2" and model.meta["data"]


def test_unseen_sentences_are_typed(model):
    predictions = model.predict(list(UNSEEN.values()))
    right = sum(label == gold for (label, _), gold in zip(predictions, UNSEEN, strict=True))
    assert right >= 4, list(zip(UNSEEN, predictions, strict=True))


def test_restricting_to_25_labels(model):
    ((label, _),) = model.predict([UNSEEN["NATURAL_DISASTER"]], allowed=label_set(25))
    assert label in label_set(25)


def test_save_load_round_trip(tmp_path):
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    texts = [f"word{i % 4} shared text {i}" for i in range(40)]
    labels = [["A", "B", "C", "D"][i % 4] for i in range(40)]
    m = fit(vectors, texts, labels, mix=0.5)
    m.save(tmp_path / "m.npz")
    back = EventTypeModel.load(tmp_path / "m.npz")
    assert back.labels == m.labels and back.mix == 0.5
    assert np.allclose(
        back.probabilities(vectors, texts), m.probabilities(vectors, texts), atol=1e-3
    )


def test_terms_have_bigrams():
    assert terms("Shelling hit the town") == [
        "shelling",
        "hit",
        "the",
        "town",
        "shelling hit",
        "hit the",
        "the town",
    ]


def test_retype_keeps_spans_and_sets_case_type(model):
    text = (
        "Government troops retook the town of Kessa from rebel fighters on Monday after a week-long "
        "offensive, the army said."
    )
    art = Article(id="a1", text=text, published=dt.date(2024, 3, 13), language="en")
    claims = extract_article(art)
    assert claims
    retype(claims, model)
    c = claims[0]
    assert c.sub_event_type == "Government regains territory" and c.case_type == "GOV_REGAINS_TERIT"
    assert text[c.sentence.start : c.sentence.end] == c.sentence.text


def test_gate_asks_for_vectors_only_where_tfidf_is_unsure_and_disagrees(model):
    texts = list(UNSEEN.values())
    tfidf = model.probabilities(None, texts)
    top = [model.labels[i] for i in tfidf.argmax(axis=1)]
    asked: list[list[int]] = []

    def vectors(rows: list[int]) -> np.ndarray:
        asked.append(rows)
        return np.zeros((len(rows), model.weights.shape[1]), dtype=np.float32)

    model.gated(texts, vectors)
    unsure = [i for i in range(len(texts)) if tfidf[i].max() < 0.3]
    assert asked == ([unsure] if unsure else [])
    # With the rules agreeing on every row, no sentence needs a vector...
    asked.clear()
    assert np.allclose(model.gated(texts, vectors, agrees_with=top), tfidf)
    assert asked == []
    # ...and a row the rules read differently is asked for when TF-IDF is unsure of it.
    asked.clear()
    other = [*top[:-1], "OTHER" if top[-1] != "OTHER" else "ARREST"]
    model.gated(texts, vectors, agrees_with=other)
    assert asked == ([[len(texts) - 1]] if len(texts) - 1 in unsure else [])


class _SureOf:
    """A stand-in classifier that is always sure of one label (TF-IDF mode interface)."""

    def __init__(self, label: str) -> None:
        self.labels = [c for c in label_set(30)]
        self.top = self.labels.index(label)

    def probabilities(self, vectors, texts):
        probs = np.full((len(texts), len(self.labels)), 0.01)
        probs[:, self.top] = 0.9
        return probs


def _rule_claim(text: str):
    art = Article(id="w1", text=text, published=dt.date(2024, 3, 13), language="en")
    (claim,) = extract_article(art)
    return claim


def test_a_named_weapon_is_not_overridden_by_the_classifier():
    claim = _rule_claim("A suspected gas attack by army jets killed 31 people in Maraba on Monday.")
    assert claim.sub_event_type == "Chemical weapon"
    retype([claim], _SureOf("AIR_STRIKE"), vectors=False)
    assert claim.sub_event_type == "Chemical weapon" and claim.case_type == "CHEM_WEAP"


def test_a_generic_rule_type_is_still_open_to_the_classifier():
    claim = _rule_claim("The attack on the village of Maraba killed 31 people on Monday.")
    assert claim.sub_event_type == "Attack"
    retype([claim], _SureOf("AIR_STRIKE"), vectors=False)
    assert claim.sub_event_type == "Air/drone strike"


def test_a_reaction_is_not_retyped_as_an_acled_event():
    claim = _rule_claim("The Taliban condemned Sunday's air strike on Dara village.")
    assert claim.sub_event_type is None and claim.plover == "ACCUSE"
    retype([claim], _SureOf("AIR_STRIKE"), vectors=False)
    assert claim.sub_event_type is None and claim.plover == "ACCUSE"


def test_who_took_a_town_is_not_turned_round_by_the_classifier():
    """The classifier knows territory changed hands, not which way: the rule saw the rebels."""
    claim = _rule_claim("Rebels backed by Turkish tanks captured the town of Maraba on Monday.")
    assert claim.sub_event_type == "Non-state actor overtakes territory"
    retype([claim], _SureOf("GOV_REGAINS_TERIT"), vectors=False)
    assert claim.sub_event_type == "Non-state actor overtakes territory"


def test_a_withdrawal_under_assault_is_not_made_peaceful_by_the_classifier():
    """The classifier reads "withdrew"; the rule read the assault that forced it."""
    claim = _rule_claim(
        "The army withdrew from Maraba on Monday after a renewed assault by militants."
    )
    assert claim.sub_event_type == "Non-state actor overtakes territory"
    retype([claim], _SureOf("NON_VIOL_TERRIT_TRANSFER"), vectors=False)
    assert claim.sub_event_type == "Non-state actor overtakes territory"


def test_a_chemical_attack_needs_a_chemical_weapon_named():
    """The classifier may not make a missile strike on a hospital a chemical attack: the
    sentence names no gas. Where it names one, the classifier's type is taken."""
    claim = _rule_claim(
        "Missiles slammed into a hospital supported by a medical charity in Maraba on Monday, "
        "killing at least nine people."
    )
    assert claim.sub_event_type == "Shelling/artillery/missile attack"
    retype([claim], _SureOf("CHEM_WEAP"), vectors=False)
    assert claim.sub_event_type == "Shelling/artillery/missile attack"
    named = _rule_claim(
        "After the bombardment of Maraba on Monday, more than 500 people reached the medical "
        "centres with symptoms of exposure to chemicals."
    )
    assert named.sub_event_type != "Chemical weapon"
    retype([named], _SureOf("CHEM_WEAP"), vectors=False)
    assert named.sub_event_type == "Chemical weapon"


def test_a_sentence_that_only_refers_back_is_left_to_its_story():
    """ "The blast destroyed houses" tells the story's blast's damage: the classifier's
    property destruction would make it an event of its own, typed by the word "destroyed"."""
    art = Article(
        id="w2",
        text="A truck bomb exploded in Maraba on Monday, killing 44 people.\n\n"
        "The blast destroyed houses in the Western district of Maraba, residents said.",
        published=dt.date(2024, 3, 13),
        language="en",
    )
    bomb, damage = sorted(extract_article(art), key=lambda c: c.sentence.start)
    assert damage.sub_event_type == "Remote explosive/landmine/IED" and damage.confidence <= 0.5
    retype([bomb, damage], _SureOf("PROPERTY_DISTRUCT"), vectors=False)
    assert damage.sub_event_type == "Remote explosive/landmine/IED"
    # a sentence the rules could not type is still the classifier's
    toll = _rule_claim("At least 14 fighters were killed in the strike on the airport.")
    assert toll.sub_event_type is None
    retype([toll], _SureOf("AIR_STRIKE"), vectors=False)
    assert toll.sub_event_type == "Air/drone strike"
