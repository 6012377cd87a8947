"""A small hand-written store for the exporter tests: 3 articles, 4 claims, 2 events.

The records cover what the formats must get right: a located and an unlocated claim, a place
west of Greenwich (negative longitude), exact, open-ended and missing casualty figures, day,
range, week and month dates, cited sources, a contested figure, and attacker-style text that
starts with "=" (CSV formula injection).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from sitrep.model import (
    Actor,
    Article,
    Casualties,
    Claim,
    Conflict,
    Event,
    Figure,
    Place,
    Source,
    Span,
    When,
)
from sitrep.store import Store, open_store

T1 = (
    "Government shelling killed eight people in Aleppo on Sunday, the Syrian Observatory "
    "for Human Rights said."
)
T2 = "More than ten people died when regime forces shelled rebel positions near Aleppo, SANA said."
T3 = (
    "=cmd|' /C calc'!A0 fighters clashed in the Idlib countryside this month. "
    "Last week protesters marched in Bogota."
)
INJECTION = "=cmd|' /C calc'!A0"

ALEPPO = Place(
    text="Aleppo",
    name="Aleppo",
    lat=36.201234567,
    lon=37.161171234,
    admin1="Aleppo",
    country="SYR",
    gazetteer_id="170063",
    precision=1,
)
NEAR_ALEPPO = Place(
    text="near Aleppo",
    name="Aleppo",
    lat=36.2,
    lon=37.16,
    admin1="Aleppo",
    country="SYR",
    precision=2,
)
IDLIB_COUNTRYSIDE = Place(text="the Idlib countryside", admin1="Idlib", country="SYR", precision=3)
BOGOTA = Place(
    text="Bogota",
    name="Bogota",
    lat=4.60971,
    lon=-74.08175,
    admin1="Bogota D.C.",
    country="COL",
    gazetteer_id="3688689",
    precision=1,
)

ARMY = Actor(text="Government", name="Military Forces of Syria", country="SYR", sector="MIL")
CIVILIANS = Actor(text="people", name="Civilians (Syria)", country="SYR", sector="CVL")
REBELS = Actor(text="rebel", name="Syrian rebels", country="SYR", sector="REB")
INJECTED_ACTOR = Actor(text=INJECTION, sector="REB")
PROTESTERS = Actor(text="protesters", name="Protesters (Colombia)", country="COL", sector="PRO")


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def articles() -> list[Article]:
    return [
        Article(
            id="a1",
            text=T1,
            text_hash="h1",
            title="Shelling kills eight in Aleppo",
            url="https://example-news.org/aleppo",
            outlet="example-news.org",
            published=dt.date(2016, 11, 27),
            published_source="input",
            language="en",
            source="feed.jsonl:1",
            dup_group="g1",
            copy_status="original",
            credibility=0.8,
        ),
        Article(
            id="a2",
            text=T2,
            text_hash="h2",
            title="Ten dead in Aleppo shelling",
            url="https://other-wire.net/a2",
            outlet="other-wire.net",
            published=dt.datetime(2016, 11, 28, 9, 30),
            published_source="url",
            language="en",
            source="feed.jsonl:2",
            dup_group="g2",
            copy_status="original",
        ),
        Article(
            id="a3",
            text=T3,
            text_hash="h3",
            title='=HYPERLINK("http://evil.example")',
            outlet="local-voice.org",
            published=dt.date(2016, 11, 29),
            language="en",
            source="notes.txt",
            dup_group="g3",
        ),
    ]


def claims() -> dict[str, list[Claim]]:
    """Claims per article id."""
    c1 = Claim(
        id="c1",
        article_id="a1",
        sentence=_span(T1, T1),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        plover="ASSAULT",
        cameo_root="19",
        confidence=0.9,
        actor1=ARMY,
        actor2=CIVILIANS,
        place=ALEPPO,
        when=When("on Sunday", dt.date(2016, 11, 27), dt.date(2016, 11, 27), "day"),
        casualties=Casualties(
            killed=Figure(best=8, text="eight people"),
            injured=Figure(best=12, low=12, text="dozens"),
        ),
        sources=[Source("the Syrian Observatory for Human Rights", "SOHR")],
        status="contested",
    )
    c2 = Claim(
        id="c2",
        article_id="a2",
        sentence=_span(T2, T2),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1=ARMY,
        actor2=REBELS,
        place=NEAR_ALEPPO,
        when=When("", dt.date(2016, 11, 26), dt.date(2016, 11, 28), "day"),
        casualties=Casualties(killed=Figure(best=10, low=10, text="More than ten people")),
        sources=[Source("SANA", "SANA")],
    )
    first = T3.split(". ")[0] + "."
    c3 = Claim(
        id="c3",
        article_id="a3",
        sentence=_span(T3, first),
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=INJECTED_ACTOR,
        place=IDLIB_COUNTRYSIDE,
        when=When("this month", dt.date(2016, 11, 1), dt.date(2016, 11, 30), "month"),
    )
    c4 = Claim(
        id="c4",
        article_id="a3",
        sentence=_span(T3, "Last week protesters marched in Bogota."),
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1=PROTESTERS,
        place=BOGOTA,
        when=When("Last week", dt.date(2016, 11, 20), dt.date(2016, 11, 26), "week"),
    )
    return {"a1": [c1], "a2": [c2], "a3": [c3, c4]}


def events() -> list[Event]:
    e1 = Event(
        id="e1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        start=dt.date(2016, 11, 27),
        end=dt.date(2016, 11, 27),
        place=ALEPPO,
        actor1=ARMY,
        actor2=CIVILIANS,
        casualties=Casualties(killed=Figure(8, 8, 10), injured=Figure(12, 12, None)),
        claims=["c1", "c2"],
        articles=["a1", "a2"],
        n_articles=2,
        n_outlets=2,
        n_independent=2,
        n_original_sources=2,
        conflicts=[Conflict("killed", 10, "SANA", "other-wire.net", "a2")],
    )
    e2 = Event(
        id="e2",
        event_type="Battles",
        sub_event_type="Armed clash",
        start=dt.date(2016, 11, 1),
        end=dt.date(2016, 11, 30),
        place=IDLIB_COUNTRYSIDE,
        actor1=INJECTED_ACTOR,
        claims=["c3"],
        articles=["a3"],
        n_articles=1,
        n_outlets=1,
        n_independent=1,
        n_original_sources=1,
    )
    return [e1, e2]


def fill(store: Store) -> Store:
    with store.transaction():
        store.articles.insert(articles(), store.articles.next_seq())
        for article_id, found in claims().items():
            store.claims.replace(article_id, found, "test")
        store.events.add(events())
    return store


@pytest.fixture
def fill_store() -> Callable[[Store], Store]:
    """``fill`` itself, for tests that bring their own store (e.g. the two-back-end one)."""
    return fill


@pytest.fixture
def export_store() -> Iterator[Store]:
    """The filled store, in memory."""
    store = fill(open_store("sqlite:///:memory:"))
    yield store
    store.close()


@pytest.fixture
def empty_store() -> Iterator[Store]:
    store = open_store("sqlite:///:memory:")
    yield store
    store.close()
