"""The PLOVER gold-record scorer: exact figures on a small file of our own, bounds on the real one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import SHARED_DATA

from sitrep.evaluate.plover import evaluate_file, reachable_plover_types, read_records

GOLD = SHARED_DATA / "plover_gsr" / "PLOVER_GSR_CAMEO.json"


def _record(
    rid: str, event: str, text: str, source: dict[str, str], **extra: str
) -> dict[str, object]:
    return {
        "id": rid,
        "date": "2000-01-01",
        "event": event,
        "source": [source],
        "text": text,
        "language": "en",
        "version": "0.5b1",
        **extra,
    }


# Sentences written for this test, in the layout of PLOVER_GSR_CAMEO.json (a DOCUMENT header
# first, then one coded sentence per record).
RECORDS = [
    {"id": "TEST-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "test fixture"},
    _record(
        "TEST-ASSAULT-0001",
        "ASSAULT",
        "Russian warplanes bombed a market in the town of Ariha on Thursday, killing 14 "
        "civilians, a monitor said.",
        {"actorText": "Russian warplanes", "code": "RUS", "sector": "MIL"},
        dead="14",
    ),
    _record(
        "TEST-PROTEST-0001",
        "PROTEST",
        "Thousands of Kenyan students demonstrated in the capital on Monday to demand the "
        "release of jailed teachers.",
        {"actorText": "Kenyan students", "code": "KEN", "sector": "EDU"},
    ),
    # A demand, which sitrep has no type for: it must give no claim at all.
    _record(
        "TEST-DEMAND-0001",
        "DEMAND",
        "The opposition leader urged the president to resign.",
        {"actorText": "opposition leader", "code": "KEN", "sector": "OPPkik"},
    ),
    # PLOVER 0.5b1 FIGHT: sitrep calls it ASSAULT (as the later PLOVER drafts do).
    _record(
        "TEST-FIGHT-0001",
        "FIGHT",
        "Government troops clashed with rebels near the border town of Kidal on Tuesday.",
        {"actorText": "Government troops", "code": "MLI", "sector": "MIL"},
    ),
]


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "mini_plover.json"
    path.write_text(json.dumps(RECORDS, indent=1), encoding="utf-8")
    return path


def test_reachable_types_come_from_the_crosswalk():
    reachable = reachable_plover_types()
    assert {"ASSAULT", "PROTEST", "COERCE", "AGREE"} <= reachable
    assert "FIGHT" not in reachable and "DEMAND" not in reachable


def test_header_is_skipped(gold_file: Path):
    assert [r["event"] for r in read_records(gold_file)] == [
        "ASSAULT",
        "PROTEST",
        "DEMAND",
        "FIGHT",
    ]


def test_figures_on_a_small_file(gold_file: Path):
    result = evaluate_file(gold_file, use_model=False)
    assert result["n"] == 4
    assert result["extractor"].startswith("rules-")
    # Three of four sentences give a claim: the demand gives none.
    assert result["event_detected"] == 0.75
    assert result["per_gold_type"]["DEMAND"] == {"n": 1, "correct": 0, "detected": 0}
    # ASSAULT and PROTEST right; DEMAND missed; FIGHT predicted as ASSAULT counts as wrong...
    assert result["event_type_accuracy"] == 0.5
    assert result["event_type_accuracy_reachable"] == 1.0 and result["n_reachable"] == 2
    # ...unless FIGHT is read as ASSAULT, which is reported separately.
    assert result["event_type_accuracy_fight_as_assault"] == 0.75
    assert result["event_type_accuracy_reachable_fight_as_assault"] == 1.0
    assert result["n_reachable_fight_as_assault"] == 3
    # Countries: RUS and KEN found; no actor for the demand; "Government troops" has no country.
    assert result["n_actor"] == 4 and result["actor_detected"] == 0.75
    assert result["actor_country_accuracy"] == 0.5
    # Sectors: MIL twice right; EDU (students) and OPP are not sitrep sectors.
    assert result["actor_sector_accuracy"] == 0.5 and result["n_actor_sector"] == 4
    assert result["actor_sector_accuracy_reachable"] == 1.0
    assert result["n_actor_sector_reachable"] == 2
    assert result["dead_exact"] == 1.0 and result["n_dead"] == 1
    assert result["injured_exact"] is None and result["n_injured"] == 0


def test_the_classifier_path_scores_the_same_file(gold_file: Path):
    from sitrep.extract.event_typing import available_model

    if available_model() is None:
        pytest.skip("the event-type classifier or its embedding packages are not installed")
    result = evaluate_file(gold_file)
    assert "+minilm" in result["extractor"]
    assert result["n"] == 4 and result["event_detected"] == 0.75
    assert result["dead_exact"] == 1.0


@pytest.mark.skipif(
    not GOLD.is_file(), reason="../shared/data/plover_gsr is not here (a user's clone)"
)
def test_real_file_gives_sane_figures():
    n_records = sum(
        1 for r in json.loads(GOLD.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"
    )
    result = evaluate_file(GOLD)
    assert result["n"] == n_records == 322
    for key, value in result.items():
        if key.endswith(("_accuracy", "_exact", "_detected")) or "_accuracy_" in key:
            assert value is None or 0 <= value <= 1, key
    assert result["n_reachable"] <= result["n"] and result["n_dead"] == 15
