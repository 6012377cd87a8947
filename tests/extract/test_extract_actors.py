"""Dictionary actors, country adjectives and the simple role rules."""

from __future__ import annotations

import pytest

from sitrep.extract.actors import find_actors, pick_roles


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Regime forces advanced.", [("Military Forces of Syria", "SYR", "MIL")]),
        ("Syrian government forces advanced.", [("Military Forces of Syria", "SYR", "MIL")]),
        ("The Syrian army advanced.", [("Military Forces of Syria", "SYR", "MIL")]),
        ("Russian warplanes circled.", [("Military Forces of Russia", "RUS", "MIL")]),
        ("Russian attack drones circled.", [("Military Forces of Russia", "RUS", "MIL")]),
        ("Mali's army advanced.", [("Military Forces of Mali", "MLI", "MIL")]),
        ("Troops advanced.", [("Military Forces", None, "MIL")]),  # no country guessed
        ("Opposition fighters advanced.", [("Rebels", None, "REB")]),
        ("IS fighters advanced.", [("Islamic State", None, "REB")]),
        ("The US-led coalition struck.", [("US-led coalition", "USA", "MIL")]),
        ("Police advanced.", [("Police Forces", None, "GOV")]),
        ("Protesters gathered.", [("Protesters", None, "PRO")]),
        ("Civilians fled.", [("Civilians", None, "CVL")]),
        ("Residents fled.", [("Civilians", None, "CVL")]),
        ("It is over.", []),  # "IS" only in capitals
    ],
)
def test_find_actors(sentence: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    actors = find_actors(sentence)
    assert [(a.name, a.country, a.sector) for a in actors] == expected
    for a in actors:
        assert sentence[a.span.start : a.span.end] == a.text


def roles(sentence: str, **kwargs: object) -> tuple[str | None, str | None]:
    a1, a2 = pick_roles(sentence, find_actors(sentence), **kwargs)  # type: ignore[arg-type]
    return (a1.name if a1 else None, a2.name if a2 else None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Russian warplanes struck the town, killing 14 civilians.",
            ("Military Forces of Russia", "Civilians"),
        ),
        (
            "Rebels clashed with regime forces near the airport.",
            ("Rebels", "Military Forces of Syria"),
        ),
        ("14 civilians were killed by regime forces.", ("Military Forces of Syria", "Civilians")),
        (
            "Clashes between IS fighters and the US-led coalition went on.",
            ("Islamic State", "US-led coalition"),
        ),
        ("Civilians were killed in an air strike.", (None, "Civilians")),
        ("Five people died when Russian drones hit a block.", ("Military Forces of Russia", None)),
        (
            "Five people were killed when Russian drones hit a block.",
            ("Military Forces of Russia", None),
        ),
        (
            "The Syrian Arab Army and the Free Syrian Army fought for the hill.",
            ("Military Forces of Syria", "Free Syrian Army"),
        ),
        ("The weather turned.", (None, None)),
    ],
)
def test_roles(sentence: str, expected: tuple[str | None, str | None]) -> None:
    assert roles(sentence) == expected


def test_source_actor_plays_no_role() -> None:
    sentence = "Rebels said the Syrian army attacked the village."
    rebels = find_actors(sentence)[0].span
    assert roles(sentence, exclude=[rebels]) == ("Military Forces of Syria", None)
