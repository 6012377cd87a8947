"""Roles from the dependency parse (real spaCy model): the cases word order gets wrong."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract import extract_article
from sitrep.extract.cascade import available_parser
from sitrep.extract.roles import assign_roles
from sitrep.model import Article


@pytest.fixture(scope="module")
def nlp():
    parser = available_parser()  # the same pipeline extraction uses
    assert parser is not None
    return parser


def _roles(nlp, text):
    art = Article(id="x", text=text, published=dt.date(2024, 3, 15), language="en")
    claims = extract_article(art)
    assert claims, text
    assign_roles(claims, nlp)
    c = claims[0]
    for actor in (c.actor1, c.actor2):
        if actor is not None and actor.span is not None:
            assert text[actor.span.start : actor.span.end] == actor.span.text
    return c.actor1, c.actor2


def test_relative_clause_and_said_clause_are_not_the_event(nlp):
    a1, _ = _roles(
        nlp,
        "Rebels, who had shelled the town for weeks, said the army attacked their positions on Monday.",
    )
    assert a1 is not None and a1.sector == "MIL"


def test_named_group_unknown_to_the_dictionary(nlp):
    a1, _ = _roles(
        nlp,
        "Ahrar al-Sham fighters attacked a checkpoint held by regime forces near Idlib on Tuesday.",
    )
    assert a1 is not None and a1.name == "Ahrar al-Sham" and a1.sector == "REB"
    assert a1.text == "Ahrar al-Sham fighters"


def test_passive_with_agent(nlp):
    a1, a2 = _roles(
        nlp,
        "Five civilians were killed by Russian warplanes in Saraqeb on Monday, the White Helmets said.",
    )
    assert (a1.name, a1.country) == ("Military Forces of Russia", "RUS")
    assert a2 is not None and a2.sector == "CVL"


def test_active_subject_and_object(nlp):
    a1, a2 = _roles(nlp, "Police arrested 40 protesters in central Kabul on Sunday.")
    assert a1.sector == "GOV" and a2.sector == "PRO"


def test_source_is_never_an_actor(nlp):
    a1, a2 = _roles(
        nlp,
        "The Syrian Observatory for Human Rights said government forces shelled the town on Friday.",
    )
    assert a1 is not None and "Observatory" not in a1.text
    assert a2 is None or "Observatory" not in a2.text


def test_named_subject_unknown_to_the_dictionary(nlp):
    a1, _ = _roles(
        nlp, "Hezbollah shelled Israeli positions near the border on Tuesday, the army said."
    )
    assert a1 is not None and a1.name == "Hezbollah"


def test_proper_noun_runs_go_through_joiners(nlp):
    from sitrep.extract.roles import _names

    doc = nlp("Fighters of Jaish al-Islam and Ahrar al-Sham shelled Harasta on Monday.")
    names = [r.text for r in _names(doc)]
    assert "Jaish al-Islam" in names and "Ahrar al-Sham" in names
    assert all(r[-1].pos_ == "PROPN" for r in _names(doc))
