"""The IndiaPoliceEvents scorer: exact figures on a small file of our own, bounds on the real one."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from helpers import SHARED_DATA

from sitrep.evaluate.india_police import POLICE_FIRE, evaluate_file, read_sentences

SENTS = SHARED_DATA / "indiapoliceevents" / "sents.csv"

# Sentences written for this test, in the layout of sents.csv (lower case, as much of it is).
# Columns: sent_text, KILL, ARREST.
ROWS = [
    # the role picker makes "police" actor1 here: both KILL rules fire
    ("two persons were killed in police firing in the old city on sunday.", 1, 0),
    # no actor at all: only the "police firing" cause phrase finds it
    ("five people died in police firing near the market.", 1, 0),
    ("Police arrested 12 rioters in Vadodara on Monday.", 0, 1),
    # police among the dead is no police killing
    ("four policemen were killed when a mob attacked them in Godhra on Friday.", 0, 0),
    # deaths with no police involved
    ("a mob killed two men in the old city, officials said.", 0, 0),
    ("The minister said the situation was under control.", 0, 0),
]


@pytest.fixture
def sents_file(tmp_path: Path) -> Path:
    path = tmp_path / "sents.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            ["", "doc_id", "sent_id", "sent_text", "KILL", "ARREST", "ANY_ACTION", "FAIL", "FORCE"]
        )
        for i, (text, kill, arrest) in enumerate(ROWS):
            writer.writerow([i, 7, i, text, kill, arrest, int(kill or arrest), 0, kill])
    return path


def test_police_fire_cue():
    assert POLICE_FIRE.search("30 killed in the police firing")
    assert POLICE_FIRE.search("nearly 25 per cent had been killed by police bullets")
    assert POLICE_FIRE.search("a youth was shot by the police")
    assert not POLICE_FIRE.search("the police station was set on fire")


def test_figures_on_a_small_file(sents_file: Path):
    result = evaluate_file(sents_file, use_model=False)
    assert result["n"] == 6 and result["n_kill"] == 2 and result["n_arrest"] == 1
    assert result["n_sentences_with_claims"] == 5
    assert (result["kill_precision"], result["kill_recall"], result["kill_f1"]) == (1.0, 1.0, 1.0)
    # Without the cause phrase the second killing is missed.
    assert result["kill_actor_only_precision"] == 1.0
    assert result["kill_actor_only_recall"] == 0.5
    assert result["kill_actor_only_f1"] == pytest.approx(0.6667)
    assert (result["arrest_precision"], result["arrest_recall"], result["arrest_f1"]) == (1.0,) * 3
    assert result["seconds"] >= 0


def test_limit_reads_the_first_rows(sents_file: Path):
    assert [r["sent_id"] for r in read_sentences(sents_file, limit=3)] == ["0", "1", "2"]
    result = evaluate_file(sents_file, limit=3, use_model=False)
    assert result["n"] == 3 and result["n_kill"] == 2 and result["kill_recall"] == 1.0


@pytest.mark.skipif(
    not SENTS.is_file(), reason="../shared/data/indiapoliceevents is not here (a user's clone)"
)
def test_real_file_gives_sane_figures():
    started = time.perf_counter()
    result = evaluate_file(SENTS, limit=2000)
    assert time.perf_counter() - started < 60
    assert result["n"] == 2000
    for key in ("kill", "kill_actor_only", "arrest"):
        for part in ("precision", "recall", "f1"):
            assert 0 <= result[f"{key}_{part}"] <= 1
    assert 0 < result["n_sentences_with_claims"] < result["n"]
