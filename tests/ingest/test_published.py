"""Where an article's publication date comes from when its metadata gives none."""

from __future__ import annotations

import datetime as dt

import pytest

from sitrep.ingest.published import (
    dateline_date,
    find_published,
    published_from_text,
    published_from_url,
)
from sitrep.ingest.raw import Limits, RawDoc
from sitrep.ingest.stage import to_article
from sitrep.model import Article

TODAY = dt.date(2025, 1, 1)
BODY = "Shelling hit the market on Tuesday, killing four people, medics said."


def _find(value: object, url: str | None, text: str = BODY):
    return find_published(value, url, text, today=TODAY)


def test_input_date_wins_over_everything_else():
    p = _find("2019-05-02", "https://news.example/2016/10/26/shelling/", "Updated: 3 March 2018")
    assert (p.value, p.source) == (dt.date(2019, 5, 2), "input")


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/world/2016/10/26/shelling-hits-market/", dt.date(2016, 10, 26)),
        ("https://news.example/world/2018/aug/09/bus-hit-in-strike", dt.date(2018, 8, 9)),
        ("https://news.example/middleeast/20161026/strike.html", dt.date(2016, 10, 26)),
        ("https://news.example/middleeast/201610261052389112-strike/", dt.date(2016, 10, 26)),
        ("https://news.example/stories/strike-on-2016-10-26-market.html", dt.date(2016, 10, 26)),
        ("https://news.example/26-Oct-2016/strike-on-market", dt.date(2016, 10, 26)),
    ],
)
def test_url_path_gives_the_day(url, day):
    p = _find(None, url)
    assert (p.value, p.source) == (day, "url")


def test_url_ids_and_queries_are_not_dates():
    assert published_from_url("https://news.example/news/3332493/strike", TODAY) == (None, None)
    assert published_from_url("https://news.example/a?d=20161026", TODAY) == (None, None)
    assert published_from_url("https://news.example/2016/13/40/x", TODAY)[0] is None


def test_year_month_url_invents_no_day():
    p = _find(None, "https://news.example/2016/10/market-shelled/")
    assert (p.value, p.source) == (None, "none")


def test_year_month_url_lends_its_year_to_a_dateline():
    text = "BEIRUT Oct 26 (Wire Service) - " + BODY
    p = _find(None, "https://news.example/2016/10/market-shelled/", text)
    assert (p.value, p.source) == (dt.date(2016, 10, 26), "dateline")


def test_dateline_from_another_month_than_the_url_is_not_trusted():
    text = "BEIRUT Mar 2 (Wire Service) - " + BODY
    assert _find(None, "https://news.example/2016/10/market/", text).value is None


def test_dateline_without_a_year_is_not_guessed():
    p = _find(None, None, "ANKARA, Dec. 19 (Newswire) -- " + BODY)
    assert (p.value, p.source) == (None, "none")


def test_dateline_takes_the_year_of_a_full_date_in_the_text():
    text = (
        "ANKARA, Dec. 19 (Newswire) -- Talks were held on a ceasefire.\n\n"
        "The previous round, on 2 December 2019, ended without a deal."
    )
    p = _find(None, None, text)
    assert (p.value, p.source) == (dt.date(2019, 12, 19), "dateline")


def test_dateline_with_its_own_year_in_brackets():
    text = "KHARTOUM (Desert Radio - 3rd May, 2021) Clashes broke out near the market."
    assert dateline_date(text) == (5, 3, 2021)
    p = _find(None, None, text)
    assert (p.value, p.source) == (dt.date(2021, 5, 3), "dateline")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Updated: 26 October 2016\n\n" + BODY, dt.date(2016, 10, 26)),
        ("Tuesday, October 25, 2016\n\n" + BODY, dt.date(2016, 10, 25)),
        ("Posted on 2016-10-24 09:12\n\n" + BODY, dt.date(2016, 10, 24)),
        ("Rescuers search a ruined house in the town on 7 May 2019. " + BODY, dt.date(2019, 5, 7)),
    ],
)
def test_full_date_in_the_text(text, day):
    p = _find(None, None, text)
    assert (p.value, p.source) == (day, "text")


def test_a_date_line_of_its_own_beats_a_date_in_a_sentence_and_the_dateline():
    text = (
        "Friday, 15 July 2022\n\n"
        "HARBOUR CITY, July 14 (Wire Service): Rockets fell on 12 July 2022 near the port."
    )
    assert published_from_text(text, TODAY) == dt.date(2022, 7, 15)
    assert _find(None, None, text).source == "text"


def test_ambiguous_numeric_and_implausible_dates_are_not_used():
    assert _find(None, None, "Updated: 05-06-2021\n\n" + BODY).source == "none"
    assert _find(None, None, "Updated: 26 October 2031\n\n" + BODY).value is None
    assert _find(None, "https://news.example/2099/01/02/x", BODY).value is None


def test_nothing_gives_a_date():
    p = _find(None, None)
    assert (p.value, p.source) == (None, "none")


def test_unreadable_input_keeps_its_reason_and_looks_elsewhere():
    p = _find("next tuesday-ish", "https://news.example/2016/10/26/a")
    assert (p.value, p.source) == (dt.date(2016, 10, 26), "url")
    assert p.note is not None and "could not be read" in p.note


def test_to_article_records_the_source():
    doc = RawDoc(text=BODY, source="feed.jsonl:3", url="https://news.example/2016/10/26/a")
    article = to_article(doc, Limits())
    assert isinstance(article, Article)
    assert (article.published, article.published_source) == (dt.date(2016, 10, 26), "url")
    given = to_article(RawDoc(text=BODY, source="f:1", published="2016-10-20"), Limits())
    assert isinstance(given, Article) and given.published_source == "input"
    bare = to_article(RawDoc(text=BODY, source="f:2"), Limits())
    assert isinstance(bare, Article) and (bare.published, bare.published_source) == (None, "none")
