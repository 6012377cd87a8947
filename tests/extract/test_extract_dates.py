"""Date phrases resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.dates import find_dates, find_when

D = dt.date
PUB = D(2024, 3, 15)  # a Friday

# (sentence, text, start, end, precision)
CASES = [
    ("Shelling hit the town on Thursday.", "on Thursday", D(2024, 3, 14), D(2024, 3, 14), "day"),
    ("Gunmen struck on Friday.", "on Friday", PUB, PUB, "day"),  # published that weekday
    ("Gunmen struck last Friday.", "last Friday", D(2024, 3, 8), D(2024, 3, 8), "day"),
    (
        "Clashes broke out on Monday night.",
        "on Monday night",
        D(2024, 3, 11),
        D(2024, 3, 11),
        "day",
    ),
    ("Jets struck late on Sunday.", "late on Sunday", D(2024, 3, 10), D(2024, 3, 10), "day"),
    ("Yesterday, a bomb went off.", "Yesterday", D(2024, 3, 14), D(2024, 3, 14), "day"),
    ("Troops moved in today.", "today", PUB, PUB, "day"),
    ("Rockets fell last night.", "last night", D(2024, 3, 14), D(2024, 3, 14), "day"),
    ("Two days ago, a convoy was hit.", "Two days ago", D(2024, 3, 13), D(2024, 3, 13), "day"),
    ("Fighting raged last week.", "last week", D(2024, 3, 4), D(2024, 3, 10), "week"),
    ("Raids rose earlier this week.", "earlier this week", D(2024, 3, 11), PUB, "week"),
    (
        "Protests spread over the weekend.",
        "over the weekend",
        D(2024, 3, 9),
        D(2024, 3, 10),
        "week",
    ),
    (
        "Earlier this month, rebels took the hill.",
        "Earlier this month",
        D(2024, 3, 1),
        PUB,
        "month",
    ),
    ("Arrests rose last month.", "last month", D(2024, 2, 1), D(2024, 2, 29), "month"),
    ("Raids went on last year.", "last year", D(2023, 1, 1), D(2023, 12, 31), "year"),
    ("On March 3, jets struck.", "On March 3", D(2024, 3, 3), D(2024, 3, 3), "day"),
    ("Jets struck March 3.", "March 3", D(2024, 3, 3), D(2024, 3, 3), "day"),
    ("Jets struck on 3 March.", "on 3 March", D(2024, 3, 3), D(2024, 3, 3), "day"),
    ("Jets struck on Mar. 3.", "on Mar. 3", D(2024, 3, 3), D(2024, 3, 3), "day"),
    ("The town fell on March 3, 2022.", "on March 3, 2022", D(2022, 3, 3), D(2022, 3, 3), "day"),
    (
        "The blast on 2024-03-10 was heard far away.",
        "2024-03-10",
        D(2024, 3, 10),
        D(2024, 3, 10),
        "day",
    ),
    # a day after publication in this year must be last year's
    ("The siege began on March 20.", "on March 20", D(2023, 3, 20), D(2023, 3, 20), "day"),
    ("In March, protests spread.", "In March", D(2024, 3, 1), PUB, "month"),
    ("Troops withdrew in January.", "in January", D(2024, 1, 1), D(2024, 1, 31), "month"),
    ("Troops withdrew in May 2023.", "in May 2023", D(2023, 5, 1), D(2023, 5, 31), "month"),
    ("The offensive stalled in June.", "in June", D(2023, 6, 1), D(2023, 6, 30), "month"),
    ("In 2023, the war escalated.", "In 2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
    (
        "Three weeks ago, the road was cut.",
        "Three weeks ago",
        D(2024, 2, 19),
        D(2024, 2, 25),
        "week",
    ),
]


@pytest.mark.parametrize(("sentence", "text", "start", "end", "precision"), CASES)
def test_resolves(sentence: str, text: str, start: D, end: D, precision: str) -> None:
    when = find_when(sentence, PUB)
    assert when is not None, sentence
    assert (when.text, when.start, when.end, when.precision) == (text, start, end, precision)
    assert when.span is not None and sentence[when.span.start : when.span.end] == text


def test_month_only_never_invents_a_day() -> None:
    when = find_when("Fighting resumed in February.", PUB)
    assert when.precision == "month"
    assert (when.start, when.end) == (D(2024, 2, 1), D(2024, 2, 29))


def test_weekday_just_after_new_year_goes_back_a_year() -> None:
    when = find_when("The camp was shelled on December 28.", D(2024, 1, 3))
    assert when.start == D(2023, 12, 28)


def test_datetime_publication_uses_its_date() -> None:
    when = find_when("It happened on Thursday.", dt.datetime(2024, 3, 14, 23, 30))
    assert when.start == D(2024, 3, 14)


def test_unknown_publication_keeps_phrase_without_dates() -> None:
    for sentence, text in (
        ("It happened on Thursday.", "on Thursday"),
        ("Clashes erupted yesterday.", "yesterday"),
        ("Raids rose last week.", "last week"),
        ("Jets struck on 3 March.", "on 3 March"),
    ):
        when = find_when(sentence, None)
        assert when is not None and when.text == text
        assert when.start is None and when.end is None
    # an explicit year needs no publication date
    assert find_when("The town fell on March 3, 2022.", None).start == D(2022, 3, 3)


@pytest.mark.parametrize(
    "sentence",
    [
        "The envoys will meet next Monday.",
        "Since Monday, the road has been closed.",
        "There may be no end to it.",  # lower-case "may" is no month
        "Protesters march on the capital.",  # nor is lower-case "march"
        "Rebels shelled the town.",
    ],
)
def test_no_date(sentence: str) -> None:
    assert find_when(sentence, PUB) is None


def test_finest_precision_wins() -> None:
    when = find_when("The offensive that began in February escalated on Wednesday.", PUB)
    assert (when.text, when.start) == ("on Wednesday", D(2024, 3, 13))


def test_dateline_date_is_the_filing_date_not_the_event() -> None:
    sentence = "ALEPPO, March 14 (Example Wire) - Rockets hit a market on Wednesday."
    when = find_when(sentence, PUB)
    assert when.text == "on Wednesday"
    assert [w.text for w in find_dates(sentence, PUB)] == ["on Wednesday"]


def test_spans_are_shifted_by_offset() -> None:
    article = "Intro.\n\nMortars hit the camp on Tuesday."
    start = article.index("Mortars")
    when = find_when(article[start:], PUB, offset=start)
    assert article[when.span.start : when.span.end] == "on Tuesday"
