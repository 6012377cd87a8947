"""The synthetic fusion truth: reports of one incident stay one incident, dates stay readable."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sitrep.evaluate.synthetic import WEEKDAYS, _event_day, generate, load_reports


@pytest.fixture(scope="module")
def generated():
    return generate(1)


def test_reports_of_one_sample_incident_move_together_by_whole_weeks(generated):
    published = {(title, text): day for title, _, text, _, day in load_reports()}
    originals = [a for a in generated.articles if a.kind == "original"]
    by_incident: dict[str, list[dt.date]] = {}
    for a in originals:
        sample_day = published[(a.title, a.text)]
        assert (a.published - sample_day).days % 7 == 0  # "on Wednesday" keeps its meaning
        by_incident.setdefault(a.incident, []).append(a.published)
    aleppo = by_incident["E01"]  # three reports of the Aleppo shelling in the samples
    assert len(aleppo) == 3 and (max(aleppo) - min(aleppo)).days <= 1


def test_an_independent_report_names_its_incident_weekday_from_its_own_day(generated):
    by_id = {a.id: a for a in generated.articles}
    independents = [a for a in generated.articles if a.kind == "independent"]
    assert independents
    for a in independents:
        src = by_id[a.about]
        day = _event_day(src.text, src.published)
        named = re.search(r"\b(" + "|".join(WEEKDAYS) + r")\b", a.text)
        if named:
            assert named.group(1) == WEEKDAYS[day.weekday()]
        assert 0 <= (a.published - day).days <= 3
