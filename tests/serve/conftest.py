"""Stores for the dashboard tests: a small hand-written one (with a hostile article) on each
back-end, and the sample corpus run through the whole pipeline once per session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from sitrep.model import (
    Actor,
    Article,
    Casualties,
    Claim,
    ClaimCheck,
    Conflict,
    Event,
    Figure,
    Place,
    Source,
    Span,
    When,
)
from sitrep.store import Store, open_store

HOSTILE_TITLE = (
    '<script>window.pwned = 1</script> Clash reported <img src=x onerror="window.pwned = 2">'
)
HOSTILE_TEXT = (
    "Fighters clashed near Rivertown on Monday, killing three people, a local council said. "
    '<script>window.pwned = 3</script><img src=x onerror="window.pwned = 4"> ends here.'
)
CALM_TEXT = (
    "Shells struck the market of Hilltown on Sunday, killing seven people, medics said. "
    "A monitoring group put the toll at nine."
)
COPY_TEXT = (
    "Shells hit the market of Hilltown on Sunday, leaving seven people dead, medics stated. "
    "A monitoring group put the toll at nine."
)
HILLTOWN = Place(
    text="Hilltown",
    name="Hilltown",
    lat=35.5,
    lon=38.25,
    admin1="North Province",
    country="SYR",
    precision=1,
)
RIVERTOWN = Place(
    text="Rivertown",
    name="Rivertown",
    lat=9.25,
    lon=7.5,
    admin1="River State",
    country="NGA",
    precision=2,
)
ARMY = Actor(text="army", name="Military Forces of Syria", country="SYR", sector="MIL")
FIGHTERS = Actor(text="Fighters", name="Unidentified armed group", sector="REB")


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def articles() -> list[Article]:
    return [
        Article(
            id="calm",
            text=CALM_TEXT,
            text_hash="h1",
            title="Market shelled in Hilltown",
            url="https://plain-news.example/hilltown",
            outlet="plain-news.example",
            published=dt.date(2024, 5, 6),
            language="en",
            dup_group="g1",
            copy_status="original",
        ),
        Article(
            id="copy",
            text=COPY_TEXT,
            text_hash="h2",
            title="Hilltown market hit",
            url="javascript:alert(1)",
            outlet="farm.example",
            published=dt.date(2024, 5, 7),
            language="en",
            dup_group="g1",
            dup_of="calm",
            copy_status="spun",
        ),
        Article(
            id="hostile",
            text=HOSTILE_TEXT,
            text_hash="h3",
            title=HOSTILE_TITLE,
            outlet="<b>bold-outlet</b>",
            published=dt.date(2024, 6, 3),
            language="en",
            dup_group="g3",
            copy_status="original",
        ),
    ]


def claims() -> dict[str, list[Claim]]:
    first = CALM_TEXT.split(". ")[0] + "."
    c1 = Claim(
        id="c1",
        article_id="calm",
        sentence=_span(CALM_TEXT, first),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        place=replace(HILLTOWN, span=_span(CALM_TEXT, "Hilltown")),
        actor1=ARMY,
        when=When("on Sunday", dt.date(2024, 5, 5), dt.date(2024, 5, 5), "day"),
        casualties=Casualties(
            killed=Figure(7, 7, 7, "seven people", _span(CALM_TEXT, "seven people"))
        ),
        sources=[Source("medics", "medics", _span(CALM_TEXT, "medics"), "medical")],
    )
    own = COPY_TEXT.split(". ")[0] + "."
    c2 = Claim(
        id="c2",
        article_id="copy",
        sentence=_span(COPY_TEXT, own),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        place=HILLTOWN,
        casualties=Casualties(killed=Figure(7, 7, 7, "seven people")),
        when=When("on Sunday", dt.date(2024, 5, 5), dt.date(2024, 5, 5), "day"),
    )
    bad = HOSTILE_TEXT.split(", a local")[0]
    c3 = Claim(
        id="c3",
        article_id="hostile",
        sentence=_span(HOSTILE_TEXT, bad),
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1=FIGHTERS,
        place=RIVERTOWN,
        when=When("on Monday", dt.date(2024, 6, 3), dt.date(2024, 6, 3), "day"),
        casualties=Casualties(killed=Figure(3, 3, 3, "three people")),
        sources=[Source("<script>window.pwned = 5</script>", None, None, "government")],
    )
    return {"calm": [c1], "copy": [c2], "hostile": [c3]}


def events() -> list[Event]:
    return [
        Event(
            id="ev_hill",
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            start=dt.date(2024, 5, 5),
            end=dt.date(2024, 5, 5),
            place=HILLTOWN,
            actor1=ARMY,
            casualties=Casualties(killed=Figure(7, 7, 9)),
            claims=["c1", "c2"],
            articles=["calm", "copy"],
            n_articles=2,
            n_outlets=2,
            n_independent=1,
            n_original_sources=1,
            conflicts=[
                Conflict("killed", 9, "a monitoring group", "plain-news.example", "calm"),
                Conflict("killed", 7, "medics", "plain-news.example", "calm"),
            ],
        ),
        Event(
            id="ev_river",
            event_type="Battles",
            sub_event_type="Armed clash",
            start=dt.date(2024, 6, 3),
            end=dt.date(2024, 6, 3),
            place=RIVERTOWN,
            actor1=FIGHTERS,
            casualties=Casualties(killed=Figure(3, 3, 3)),
            claims=["c3"],
            articles=["hostile"],
            n_articles=1,
            n_outlets=1,
            n_independent=1,
            n_original_sources=1,
        ),
        Event(
            id="ev_undated", event_type="Protests", sub_event_type="Peaceful protest", n_articles=0
        ),
    ]


def fill(store: Store) -> None:
    with store.transaction():
        store.articles.insert(articles(), store.articles.next_seq())
        for article_id, found in claims().items():
            store.claims.replace(article_id, found, "test")
        store.events.add(events())
        store.checks.replace_claims(
            [
                ClaimCheck(
                    "c1",
                    "calm",
                    "ev_hill",
                    "contested",
                    1,
                    2,
                    reasons=["killed: 7 here; 9 per a monitoring group"],
                ),
                ClaimCheck("c2", "copy", "ev_hill", "contested", 1, 2),
                ClaimCheck(
                    "c3",
                    "hostile",
                    "ev_river",
                    "single-source",
                    0,
                    1,
                    reasons=['<img src=x onerror="window.pwned = 6">'],
                ),
            ]
        )


@pytest.fixture
def small_db(db_url: str) -> Iterator[str]:
    """The URL of the small store on each back-end (filled, then closed: the app opens it
    read-only itself)."""
    store = open_store(db_url)
    fill(store)
    store.close()
    yield db_url


@pytest.fixture
def small_sqlite(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    store = open_store(url)
    fill(store)
    store.close()
    return url


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The sample corpus through the whole pipeline, once per session."""
    from sitrep.pipeline import run

    samples = Path(__file__).resolve().parents[2] / "samples"
    url = f"sqlite:///{tmp_path_factory.mktemp('samples') / 'samples.db'}"
    store = open_store(url)
    try:
        run([str(samples)], store)
    finally:
        store.close()
    return url
