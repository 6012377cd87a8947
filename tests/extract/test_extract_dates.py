"""Date phrases resolved against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.extract.baseline import extract_article
from sitrep.extract.dates import find_dates, find_when
from sitrep.model import Article

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


# ----------------------------------------------------------------- not the event's date


@pytest.mark.parametrize(
    "sentence",
    [
        "The militia has shelled the valley since 2012.",
        "Aid convoys have been blocked since late September.",
        "Airstrikes have hit the district since Monday.",
        "Raids continued throughout last month.",
        "Fighting over the last week displaced thousands.",
        "Shortages worsened during the past month.",
        "Checkpoints stayed closed until March 2023.",
        # the day an event started a stretch: "since the army announced ... on Thursday"
        "Dozens were killed across the east since the army announced an offensive on Thursday.",
    ],
)
def test_durations_and_backgrounds_are_not_event_dates(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


def test_a_duration_leaves_the_event_date_in_the_same_sentence() -> None:
    w = find_when(
        "Shells have fallen on the town since 2012, and on Tuesday a school was hit.", PUB
    )
    assert w is not None and (w.text, w.start) == ("on Tuesday", D(2024, 3, 12))


@pytest.mark.parametrize(
    "sentence",
    [
        "In a statement released on Wednesday, the agency said 40 bodies were found.",
        "The toll stood at 40, the governor said in a statement on Wednesday.",
        "At least 40 people died in the blast, according to officials on Wednesday.",
        "The commander told reporters on Wednesday that 40 fighters were killed.",
    ],
)
def test_the_day_a_statement_was_made_is_not_the_event_date(sentence: str) -> None:
    assert find_dates(sentence, PUB) == []


def test_a_page_header_date_is_not_the_event_date() -> None:
    w = find_when("date 2024-03-15 The March 12 raid on the camp killed nine.", PUB)
    assert w is not None and (w.text, w.start) == ("March 12", D(2024, 3, 12))


def test_a_bracketed_dateline_date_is_the_filing_date() -> None:
    sentence = "TOBRUK (Coast Radio - 15th March, 2024) Gunmen killed a judge on Wednesday."
    w = find_when(sentence, PUB)
    assert w is not None and (w.text, w.start) == ("on Wednesday", D(2024, 3, 13))


def test_weekday_before_a_calendar_date_is_one_phrase() -> None:
    w = find_when("The drone struck on Sunday, March 10 at dusk.", PUB)
    assert w is not None and (w.text, w.start) == ("on Sunday, March 10", D(2024, 3, 10))


def test_ordinal_day_of_month_with_year() -> None:
    w = find_when("The depot was hit on the 7th of April 2017 by missiles.", PUB)
    assert w is not None and (w.start, w.precision) == (D(2017, 4, 7), "day")


def test_lookalike_letters_still_read_as_a_date() -> None:
    # Cyrillic "о" and "у" in place of the Latin letters, as spun copies write them
    w = find_when("A car bomb struck the buses \u043en Saturda\u0443.", PUB)
    assert w is not None and w.start == D(2024, 3, 9)
    assert w.text == "\u043en Saturda\u0443"  # the text as written


def test_own_dates_say_so() -> None:
    w = find_when("Shelling hit the town on Thursday.", PUB)
    assert w is not None and w.origin == "own"


# ------------------------------------------------------------------ the story's date


def _claims(text: str, published: D | None):

    return extract_article(Article(id="s1", text=text, published=published, language="en"))


def test_a_month_is_no_day_to_lend_to_the_sentences_after_it() -> None:
    """ "pauses declared in October and November": the sentences after it are not placed on
    the first of a month; they take the story's day."""
    text = (
        "Jets bombed a market in Maarat on Tuesday, killing 12 people.\n\n"
        "Rebels shelled the corridors during the pauses declared in January and February.\n\n"
        "Rescuers said 30 others were wounded in the strikes."
    )
    _, second, third = _claims(text, PUB)
    assert second.when.precision == "month" and second.when.start == D(2024, 1, 1)
    assert (third.when.start, third.when.origin) == (D(2024, 3, 12), "story")


def test_an_undated_claim_takes_the_date_of_the_sentence_before() -> None:
    text = (
        "Jets bombed a market in Maarat on Tuesday, killing 12 people.\n\n"
        "Rescuers said 30 others were wounded in the strikes."
    )
    first, second = _claims(text, PUB)
    assert first.when.origin == "own" and first.when.start == D(2024, 3, 12)
    assert second.when.text is None and second.when.span is None
    assert (second.when.start, second.when.origin) == (D(2024, 3, 12), "previous")


def test_a_claim_before_any_dated_one_takes_the_lead_date() -> None:
    text = (
        "Twelve people were killed in Maarat, rescuers said.\n\n"
        "Jets bombed the town's market on Tuesday morning, witnesses said."
    )
    claims = _claims(text, PUB)
    toll = claims[0]
    assert toll.when is not None and toll.when.text is None
    assert (toll.when.start, toll.when.precision, toll.when.origin) == (
        D(2024, 3, 12),
        "day",
        "story",
    )


def test_a_live_pages_entry_lends_no_date_to_the_next() -> None:
    """Newest first: the ambassador's killing "on Monday" dates nothing of the entries below
    it, each of which tells the page's day; a sentence inside an entry goes on from it."""
    text = (
        "All times GMT\n\n"
        "21:30 - Police in Ardan say they detained a suspect in Monday's killing of the envoy.\n\n"
        "18:50 - Militants say they destroyed two tanks in suicide attacks west of Kessa.\n\n"
        "13:35 - The army says 14 soldiers were killed in clashes around Kessa on Tuesday. "
        "It says the militants used three car bombs."
    )
    claims = _claims(text, PUB)
    by_text = {c.sentence.text[:5]: c.when for c in claims}
    assert by_text["21:30"].start == D(2024, 3, 11)
    assert (by_text["18:50"].start, by_text["18:50"].origin) == (PUB, "entry")
    assert by_text["13:35"].start == D(2024, 3, 12)
    assert (by_text["It sa"].start, by_text["It sa"].origin) == (D(2024, 3, 12), "previous")


def test_a_live_entry_lends_its_day_to_its_claim_when_no_claim_before_it_has_one() -> None:
    """ "Recap: troops entered Kessa on Tuesday" makes no claim, yet dates the entry."""
    text = (
        "All times GMT\n\n"
        "17:45 - Allies welcome the news from Kessa.\n\n"
        "11:00 - Envoys meet in Ardan.\n\n"
        "09:40 - Recap: troops entered Kessa on Tuesday. The army says 40 militants were killed."
    )
    (claim,) = [c for c in _claims(text, PUB) if c.sentence.text.startswith("The army")]
    assert (claim.when.start, claim.when.origin) == (D(2024, 3, 12), "previous")


def test_the_dateline_dates_a_story_with_no_date_in_its_lead() -> None:
    text = (
        "MAARAT, March 13 (Levant Wire) - Twelve people were killed in an air strike, medics said."
    )
    (claim,) = _claims(text, PUB)
    assert (claim.when.start, claim.when.origin) == (D(2024, 3, 13), "dateline")


def test_the_publication_date_is_the_last_resort_and_says_so() -> None:
    (claim,) = _claims("Twelve people were killed in an air strike on Maarat, medics said.", PUB)
    assert (claim.when.start, claim.when.precision, claim.when.origin) == (PUB, "day", "published")
    (unknown,) = _claims("Twelve people were killed in an air strike on Maarat, medics said.", None)
    assert unknown.when is None  # nothing to lend: no date is invented


def test_a_background_year_never_becomes_the_event_date() -> None:
    text = (
        "The town has been bombed by the air force since 2012.\n\n"
        "Twelve people were killed in an air strike on its market, medics said."
    )
    claims = _claims(text, PUB)
    assert all(c.when is None or c.when.start != D(2012, 1, 1) for c in claims)
    assert claims[-1].when is not None and claims[-1].when.origin == "published"


def test_a_vague_lead_date_is_not_lent() -> None:
    text = (
        "Aid agencies warned earlier this month that the province was running out of food.\n\n"
        "Twelve people were killed in an air strike on Maarat, medics said."
    )
    toll = _claims(text, PUB)[-1]
    assert toll.when is not None and toll.when.origin == "published"


def test_last_weekday_is_the_previous_calendar_weeks() -> None:
    saturday = D(2024, 3, 16)
    (w,) = find_dates("Jets struck the depot last Friday.", saturday)
    assert w.start == D(2024, 3, 8)  # not the day before: "on Friday" says that
    (w,) = find_dates("Jets struck the depot on Friday.", saturday)
    assert w.start == D(2024, 3, 15)
    (w,) = find_dates("Jets struck the depot last Friday.", D(2024, 3, 18))  # a Monday
    assert w.start == D(2024, 3, 15)


def test_the_previous_night_counts_back_from_the_day_it_was_told() -> None:
    w = find_when(
        "The mayor said on Thursday that nine guards were shot dead the previous night.", PUB
    )
    assert w is not None and (w.text, w.start) == ("the previous night", D(2024, 3, 13))


def test_the_day_of_telling_gives_way_to_the_date_of_what_was_told() -> None:
    w = find_when("Medics said on Thursday that four herders were shot on Tuesday.", PUB)
    assert w is not None and (w.text, w.start) == ("on Tuesday", D(2024, 3, 12))
    w = find_when("The council said Friday it feared 40 died in last week's raid.", PUB)
    assert w is not None and (w.text, w.precision) == ("last week", "week")
    w = find_when("The army on Thursday admitted a strike on the camp earlier this month.", PUB)
    assert w is not None and (w.text, w.precision) == ("earlier this month", "month")
    # with nothing after it, "said on Thursday" still dates a first report
    w = find_when("Medics said on Thursday that four herders were shot.", PUB)
    assert w is not None and w.start == D(2024, 3, 14)


def test_a_date_inside_an_aside_dates_whom_it_describes() -> None:
    from sitrep.extract.asides import aside_spans

    text = "The blast killed 40 prisoners, including fighters who surrendered in May."
    assert find_when(text, PUB, asides=aside_spans(text)) is None
    assert find_when(text, PUB) is not None  # without the asides "in May" would date it
    text = "The raid, which took place on Tuesday, killed five."  # a clause about the event
    w = find_when(text, PUB, asides=aside_spans(text))
    assert w is not None and w.start == D(2024, 3, 12)


def test_the_day_before_an_events_date_leaves_that_date() -> None:
    w = find_when(
        "A mine killed six farmers on Wednesday who had fled the village the day before.", PUB
    )
    assert w is not None and (w.text, w.start) == ("on Wednesday", D(2024, 3, 13))


def test_the_previous_night_alone_invents_no_day() -> None:
    assert find_dates("Nine guards were shot dead the previous night.", PUB) == []


def test_a_date_inside_an_according_to_phrase_dates_the_document() -> None:
    sentence = (
        "Up to 80 people died in the raid, according to notes of a briefing seen on "
        "Thursday (March 14) by reporters."
    )
    assert find_dates(sentence, PUB) == []


def test_the_publication_day_of_a_later_sentence_does_not_date_what_follows() -> None:
    text = (
        "Jets bombed a market in Maarat on Tuesday, killing 12 people.\n\n"
        "On Friday, an inquiry found that a guided bomb fired by a jet killed them.\n\n"
        "The inquiry's head said 14 civilians were killed in the strike."
    )
    claims = _claims(text, PUB)  # published on the Friday
    assert [c.when.origin for c in claims] == ["own", "own", "story"]
    last = claims[-1]
    assert (last.when.start, last.when.origin) == (D(2024, 3, 12), "story")


def test_a_date_inside_an_aside_still_anchors_its_sentence_as_a_claim() -> None:
    """It dates no event, but a reaction with nothing else to anchor it is still told."""

    text = "Those who fled on Monday condemned the shelling."
    claims = extract_article(Article(id="x", text=text, published=PUB, language="en"))
    assert claims and all(c.when is None or c.when.origin != "own" for c in claims)


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        # day first or month first: the one a named weekday confirms (7 April 2018 a Saturday)
        ('The statement said: "On Saturday,07/04/2018 the shelling resumed."', None, D(2018, 4, 7)),
        ("Shells hit the market on 25/12/2017, residents said.", None, D(2017, 12, 25)),
        ("Shells hit the market on 12/25/2017, residents said.", None, D(2017, 12, 25)),
        ("A blast on 13.05.2021 killed four.", None, D(2021, 5, 13)),
        # both readings possible: the one on or before the publication date, closest to it
        ("Shelling on 07/04/2018 killed five.", D(2018, 4, 9), D(2018, 4, 7)),
        ("Shelling on 04/07/2018 killed five.", D(2018, 7, 5), D(2018, 7, 4)),
    ],
)
def test_numeric_dates_read_day_or_month_first(sentence: str, published: D | None, day: D) -> None:
    found = find_dates(sentence, published)
    assert [(w.start, w.end, w.precision) for w in found] == [(day, day, "day")]


def test_an_ambiguous_numeric_date_with_nothing_to_tell_is_no_date() -> None:
    assert find_dates("Shelling on 07/04/2018 killed five.", None) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Ardan, Kessa agree truce deal to start Monday",
        "The two powers agreed a nationwide truce from sundown on Monday.",
        "The truce is due to take effect on Monday.",
    ],
)
def test_a_day_still_to_come_does_not_date_what_the_sentence_reports(sentence: str) -> None:
    """Published on a Saturday, "from sundown on Monday" is two days ahead, not five back:
    no date rather than a wrong one."""
    assert find_when(sentence, dt.date(2016, 9, 10)) is None


def test_a_day_still_to_come_leaves_the_day_of_the_telling() -> None:
    when = find_when(
        "The two powers agreed on Saturday a nationwide truce from sundown on Monday.",
        dt.date(2016, 9, 10),
    )
    assert when is not None and when.start == dt.date(2016, 9, 10)


def test_the_telling_day_gives_way_to_an_earlier_date_of_the_fact() -> None:
    """ "..., officials said on Thursday" tells when they spoke: the strike was last week."""
    when = find_when(
        "Dozens were buried after an air strike triggered a massive explosion last week, "
        "officials said on Thursday.",
        dt.date(2017, 3, 24),
    )
    assert when is not None and when.precision == "week"
    assert when.start == dt.date(2017, 3, 13)


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        # the other day tells a search or funerals, not violence: the strike is Saturday's
        (
            "Rescue workers in Dnipro on Tuesday ended their search of the apartment building "
            "destroyed in Saturday's missile strike.",
            dt.date(2023, 1, 14),
        ),
        ("Funerals were held on Monday for victims of Saturday’s strike.", dt.date(2023, 1, 14)),
        # another day with violence of its own, or the named day in a clause of another
        # time, leaves the sentence's first day standing
        ("On Monday gunmen attacked the market, two days after Saturday's strike.", None),
        ("On Monday rockets hit the port after Saturday's strike on the base.", None),
    ],
)
def test_a_day_that_names_the_event_dates_it_over_the_aftermaths_day(sentence, day):
    published = dt.date(2023, 1, 17)
    when = find_when(sentence, published)
    assert when is not None
    if day is not None:
        assert when.start == day
    else:
        assert when.start == dt.date(2023, 1, 16)  # the sentence's own Monday


def test_what_an_event_went_on_despite_dates_only_itself() -> None:
    """ "Despite a truce brokered last week" dates the truce: the strikes take the story's day,
    not a day of the week before (where they would meet an older event in the same city)."""
    text = (
        "Warplanes struck the market in Saqba on Friday, killing 12 people.\n\n"
        "Activists reported new air strikes on Saqba despite a truce brokered last week by "
        "Russia and Turkey."
    )
    claims = extract_article(Article(id="x", text=text, published=PUB, language="en"))
    assert [c.when.start for c in claims] == [PUB, PUB]
    assert claims[1].when.origin != "own"
