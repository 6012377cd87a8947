"""The synthetic fusion truth: reports of one incident stay one incident, dates stay readable."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest

from sitrep.errors import InputError
from sitrep.evaluate.synthetic import (
    WEEKDAYS,
    _event_day,
    _move_dates,
    _slots,
    generate,
    load_reports,
    spin_table,
)


@pytest.fixture(scope="module")
def generated():
    return generate(1)


def test_reports_of_one_sample_incident_move_together_by_whole_weeks(generated):
    published = {(title, outlet): day for title, outlet, _, _, day in load_reports()}
    originals = [a for a in generated.articles if a.kind == "original"]
    by_incident: dict[str, list[dt.date]] = {}
    for a in originals:
        sample_day = published[(a.title, a.outlet)]
        assert (a.published - sample_day).days % 7 == 0  # "on Wednesday" keeps its meaning
        by_incident.setdefault(a.incident, []).append(a.published)
    aleppo = by_incident["E01"]  # three reports of the Aleppo shelling in the samples
    assert len(aleppo) == 3 and (max(aleppo) - min(aleppo)).days <= 1


def test_reports_of_one_incident_keep_their_order_and_spacing(generated):
    published = {(title, outlet): day for title, outlet, _, _, day in load_reports()}
    by_incident: dict[str, set[int]] = {}
    for a in generated.articles:
        if a.kind == "original" and not a.incident.startswith("no-event-"):
            shift = (a.published - published[(a.title, a.outlet)]).days
            by_incident.setdefault(a.incident, set()).add(shift)
    # E09: the El Fasher clash (a Sunday report) and the displacement report of the next
    # Wednesday; every report of an incident moves by the same number of days
    assert len(by_incident["E09"]) == 1
    assert all(len(shifts) == 1 for shifts in by_incident.values()), by_incident


def test_the_spinner_can_use_another_thesaurus():
    table = {"killed": "slain", "people": "individuals"}
    spun = [a for a in generate(1, spin=table).articles if a.kind == "spun"]
    words = " ".join(a.text for a in spun)
    assert "slain" in words or "individuals" in words
    assert "left dead" not in words  # the default table's replacement for "killed"
    with pytest.raises(InputError, match="no 'word,replacement' columns"):
        spin_table(__file__)  # a file with no such header


def test_an_independent_report_names_its_incident_weekday_from_its_own_day(generated):
    by_id = {a.id: a for a in generated.articles}
    independents = [a for a in generated.articles if a.kind == "independent"]
    assert independents
    originals = [a for a in generated.articles if a.kind == "original" and a.incident]
    for a in independents:
        src = by_id[a.about]
        first = min((g for g in originals if g.incident == src.incident), key=lambda g: g.published)
        day = _event_day(first.text, first.published)  # a follow-up may name no weekday
        named = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", a.text)
        if named:
            assert named.group(1) == WEEKDAYS[day.weekday()]
        assert 0 <= (a.published - day).days <= 3


def test_written_dates_move_with_the_report():
    moved = _move_dates(
        "KHARKIV, March 5 (Wire) - Drones hit Kharkiv on March 3. Published 05/03/2024. "
        "Talks began on December 30. The 2014 war began on March 1, 2014.",
        dt.date(2024, 3, 5),
        dt.date(2024, 1, 9),  # eight weeks earlier
    )
    assert moved == (
        "KHARKIV, January 9 (Wire) - Drones hit Kharkiv on January 7. Published 09/01/2024. "
        "Talks began on November 4. The 2014 war began on March 1, 2014."
    )


def test_an_original_names_the_day_its_truth_says(generated):
    # The sample's drone strike "on March 3" (a Sunday) is told on a Sunday whatever the move.
    kharkiv = [a for a in generated.articles if a.kind == "original" and "Steppe" in a.text]
    assert kharkiv
    for a in kharkiv:
        assert "March 3" not in a.text
        named = re.search(r"Kharkiv on (\w+ \d+)", a.text)
        day = dt.datetime.strptime(f"{named.group(1)} {a.published.year}", "%B %d %Y").date()
        assert day.weekday() == 6 and 0 <= (a.published - day).days <= 3


@pytest.mark.parametrize(
    "text",
    [
        "Fighters of the Rapid Support Forces attacked army positions in El Fasher, medics said.",
        "More than 6,000 people have fled their homes in eastern El Fasher since Saturday.",
        "The agency appealed for access, a spokesperson told reporters in Geneva. Clashes in "
        "El Fasher went on.",
    ],
)
def test_an_independent_report_is_placed_where_its_incident_happened(text):
    assert _slots(text, random.Random(0))["place"] == "El Fasher"
