"""The rule-based baseline end to end: claims, fields, spans, ids, and sentences left out."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.extract import EXTRACTOR_VERSION, extract_article
from sitrep.model import Article, Claim, Span, from_dict, to_dict

PUB = dt.date(2024, 3, 15)  # a Friday
SAMPLE_ARTICLES = Path(__file__).resolve().parents[2] / "samples" / "articles"

STORY = (
    "Shelling kills 11 in eastern city, monitor says\n"
    "\n"
    "HAMA, March 15 (Example Wire) - Rocket and mortar fire slammed into the Bab Qibli district "
    "of Hama on Thursday, killing at least 11 civilians, including four children, and wounding "
    "more than 20, the Syrian Observatory for Human Rights said.\n"
    "\n"
    "Eight people were killed and seven others injured, the state news agency SANA reported.\n"
    "\n"
    "The Britain-based monitor said the rockets were fired from rebel-held hills west of the "
    "city.\n"
    "\n"
    '"Every strike pushes the talks further away," said an analyst in Beirut. The envoys are '
    "expected to meet on Saturday. The war, which began in 2011, has killed more than 500,000 "
    "people. The international community should act.\n"
)


def article(text: str = STORY, **kwargs: object) -> Article:
    fields: dict[str, object] = {"id": "a1", "text": text, "published": PUB, "language": "en"}
    fields.update(kwargs)
    return Article(**fields)  # type: ignore[arg-type]


def spans_of(claim: Claim) -> Iterator[Span]:
    """Every Span anywhere inside a claim."""

    def walk(value: object) -> Iterator[Span]:
        if isinstance(value, Span):
            yield value
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in dataclasses.fields(value):
                yield from walk(getattr(value, f.name))
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    yield from walk(claim)


def assert_spans_point_into(art: Article, claims: list[Claim]) -> None:
    for claim in claims:
        for span in spans_of(claim):
            assert art.text[span.start : span.end] == span.text, (claim.id, span)


def test_story_claims() -> None:
    art = article()
    claims = extract_article(art)
    assert_spans_point_into(art, claims)
    by_start = {c.sentence.text.split()[0]: c for c in claims}

    headline = by_start["Shelling"]
    assert headline.sub_event_type == "Shelling/artillery/missile attack"
    assert headline.casualties.killed.best == 11
    # no date phrase of its own: the lead's day is lent, marked as the story's, with no text
    assert headline.when is not None and headline.when.text is None
    assert (headline.when.start, headline.when.origin) == (dt.date(2024, 3, 14), "story")

    lead = by_start["HAMA,"]
    assert (lead.event_type, lead.sub_event_type) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert (lead.plover, lead.cameo_root) == ("ASSAULT", "19")
    assert 0.5 <= lead.confidence <= 0.8
    killed = lead.casualties.killed
    assert (killed.best, killed.low, killed.high) == (11, 11, None)  # the children don't count
    assert (lead.casualties.injured.best, lead.casualties.injured.low) == (20, 20)
    assert (lead.when.text, lead.when.start, lead.when.precision) == (
        "on Thursday",
        dt.date(2024, 3, 14),
        "day",
    )
    assert lead.place.text == "Bab Qibli district of Hama"
    assert lead.place.precision is None and lead.place.lat is None  # resolved later
    assert [s.name for s in lead.sources] == ["Syrian Observatory for Human Rights"]
    assert lead.actor2.name == "Civilians"
    assert lead.extractor == EXTRACTOR_VERSION

    sana = by_start["Eight"]
    assert sana.event_type is None  # a figure with no trigger is kept, untyped
    assert sana.confidence == pytest.approx(0.3)
    assert (sana.casualties.killed.best, sana.casualties.injured.best) == (8, 7)
    assert [s.name for s in sana.sources] == ["SANA"]


def test_sentences_with_no_claim() -> None:
    claims = extract_article(article())
    texts = " ".join(c.sentence.text for c in claims)
    for left_out in ("analyst", "expected to meet", "began in 2011", "should act"):
        assert left_out not in texts
    # "The Britain-based monitor said the rockets were fired ..." has a trigger but no figure,
    # actor, place or date to anchor it, so it makes no claim either.
    assert "rebel-held" not in texts
    assert len(claims) == 3


def test_ids_are_deterministic_and_unique() -> None:
    first = extract_article(article())
    second = extract_article(article())
    assert [c.id for c in first] == [c.id for c in second]
    assert len({c.id for c in first}) == len(first)
    assert all(len(c.id) == 16 for c in first)
    assert {c.id for c in extract_article(article(id="other"))}.isdisjoint(c.id for c in first)


def test_non_english_articles_give_no_claims() -> None:
    text = "Des tirs de roquettes ont tué huit personnes jeudi à Hama."
    assert extract_article(article(text=text, language="fr")) == []
    assert extract_article(article(text="Rockets killed eight people.", language="en-GB"))


def test_unknown_publication_date() -> None:
    claims = extract_article(article(published=None))
    lead = next(c for c in claims if c.sentence.text.startswith("HAMA"))
    assert lead.when.text == "on Thursday" and lead.when.start is None


def test_datetime_publication() -> None:
    claims = extract_article(article(published=dt.datetime(2024, 3, 15, 9, 30)))
    lead = next(c for c in claims if c.sentence.text.startswith("HAMA"))
    assert lead.when.start == dt.date(2024, 3, 14)


def test_history_and_bare_triggers_are_dropped() -> None:
    text = (
        "Government forces retook the area in 2018.\n\n"
        "No group has claimed the abduction.\n\n"
        "The attack drew wide condemnation.\n\n"
        "Gunmen abducted two teachers near Gao on Tuesday."
    )
    claims = extract_article(article(text=text))
    assert [c.sub_event_type for c in claims] == ["Abduction/forced disappearance"]
    (claim,) = claims
    assert claim.actor1.name == "Unidentified armed group"
    assert claim.place.text == "Gao"


def test_claims_round_trip_through_json_shapes() -> None:
    for claim in extract_article(article()):
        assert from_dict(Claim, to_dict(claim)) == claim


def read_sample(path: Path) -> Article:
    """A sample .txt file: front matter between '---' lines, then the text."""
    raw = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    if raw.startswith("---"):
        _, front, raw = raw.split("---", 2)
        for line in front.strip().splitlines():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        raw = raw.lstrip("\n")
    published = meta.get("published")
    when = dt.datetime.fromisoformat(published) if published else None
    return Article(id=path.stem, text=raw, published=when, language=None)


@pytest.mark.skipif(not SAMPLE_ARTICLES.is_dir(), reason="samples/articles not present")
def test_sample_corpus_spans_and_sanity() -> None:
    paths = sorted(SAMPLE_ARTICLES.glob("*.txt"))
    assert paths
    total = 0
    for path in paths:
        art = read_sample(path)
        claims = extract_article(art)
        assert_spans_point_into(art, claims)
        for claim in claims:
            assert claim.article_id == art.id
            assert claim.sub_event_type is not None or claim.confidence == pytest.approx(0.3)
            for kind in ("killed", "injured", "displaced", "detained"):
                figure = getattr(claim.casualties, kind)
                if figure is not None:
                    assert figure.low is None or figure.low <= figure.best
                    assert figure.high is None or figure.best <= figure.high
            if claim.when is not None and claim.when.start is not None:
                assert claim.when.start <= claim.when.end <= art.published.date()
        total += len(claims)
    assert total > 0


@pytest.mark.parametrize(
    "module",
    [
        "sitrep.extract.sentences",
        "sitrep.extract.casualties",
        "sitrep.extract.dates",
        "sitrep.extract.sources",
        "sitrep.extract.events",
        "sitrep.extract.actors",
        "sitrep.extract.lexicon",
        "sitrep.extract.baseline",
        "sitrep.extract.story_types",
    ],
)
def test_docstring_examples(module: str) -> None:
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


def _one_sentence(text: str) -> list[Claim]:
    return extract_article(
        Article(id="q1", text=text, language="en", published=dt.date(2024, 6, 3))
    )


def test_an_attributed_quote_that_reports_an_event_is_a_claim() -> None:
    (claim,) = _one_sentence(
        "“At least 12 people were killed when shells hit the bus depot in Marin,” the mayor "
        "told reporters."
    )
    assert claim.casualties.killed.best == 12
    assert claim.sub_event_type == "Shelling/artillery/missile attack"
    (struck,) = _one_sentence(
        '"Army jets struck a fuel depot near Olbia on Sunday" in the south, the ministry said.'
    )
    assert struck.sub_event_type == "Air/drone strike"


def test_quotes_that_report_no_event_stay_out() -> None:
    assert _one_sentence("“This attack on Marin is a crime,” the mayor said on Sunday.") == []
    assert _one_sentence("“Jets struck the depot near Olbia on Sunday and it burned.") == []


def _claims_of(text: str, published: dt.date):
    art = Article(id="x", text=text, published=published, language="en")
    return extract_article(art)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        # the date is the main clause's; the bombings were a day before it
        (
            "Evacuation flights resumed on Friday, a day after two suicide bombings hit the "
            "airport gates.",
            dt.date(2021, 8, 26),
            dt.date(2021, 8, 26),
            "day",
        ),
        # "days after": a window of the days before
        (
            "The minister resigned on Tuesday, days after the truck bombing in the market that "
            "killed at least 250 people.",
            dt.date(2021, 8, 18),
            dt.date(2021, 8, 22),
            "week",
        ),
        # the phrase later in the date's clause, after a comma: what came after it was two
        # days before (the trigger's words start before the phrase, its verb after it)
        (
            "Rebels on Thursday were clearing explosives left behind by Islamic State in Dorava, "
            "two days after they captured the village from the jihadists.",
            dt.date(2021, 8, 24),
            dt.date(2021, 8, 24),
            "day",
        ),
        # the event told before the phrase keeps the date
        (
            "Gunmen killed 20 villagers on Tuesday, days after the truce collapsed.",
            dt.date(2021, 8, 24),
            dt.date(2021, 8, 24),
            "day",
        ),
    ],
)
def test_an_event_told_after_days_after_is_dated_before_the_clause(text, start, end, precision):
    (claim,) = [c for c in _claims_of(text, dt.date(2021, 8, 27)) if c.sub_event_type]
    assert claim.when is not None
    assert (claim.when.start, claim.when.end, claim.when.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "published", "sub", "killed", "day", "background"),
    [
        (
            "The toll from Sunday's suicide bombing in Baghdad's Karrada district has risen to "
            "213, the health ministry said on Monday, making it one of the deadliest attacks in "
            "Iraq since the 2003 invasion.",
            dt.date(2016, 7, 4),
            "Suicide bomb",
            213,
            dt.date(2016, 7, 3),
            "It was the deadliest attack in Iraq since the 2003 invasion.",
        ),
        # "the deadliest attack in the capital since 2001" compares the incident with the
        # past; it does not make the sentence a review of the years since
        (
            "The number of people killed in Saturday's suicide attack on the march in Kabul has "
            "risen to 81, the health ministry said on Sunday, making it the deadliest attack in "
            "the capital since 2001.",
            dt.date(2016, 7, 24),
            "Suicide bomb",
            81,
            dt.date(2016, 7, 23),
            "Rebels have shelled the city since 2012, killing hundreds.",
        ),
    ],
)
def test_a_toll_update_that_calls_the_incident_the_deadliest_since_is_a_claim(
    text, published, sub, killed, day, background
):
    (claim,) = _claims_of(text, published)
    assert claim.sub_event_type == sub
    assert claim.casualties.killed is not None and claim.casualties.killed.best == killed
    assert claim.when is not None and claim.when.start == day
    # the comparison alone, or a stretch of years with no superlative, is background
    assert _claims_of(background, published) == []


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        (
            "NAIROBI - Three days after al-Shabaab overran a Kenyan army base at El Adde in "
            "Somalia, the government has still not said how many soldiers died.",
            dt.date(2016, 1, 15),
            "day",
        ),
        (
            "Two weeks after a truck bomb killed 12 people in the market, it reopened.",
            dt.date(2016, 1, 4),
            "week",
        ),
    ],
)
def test_an_event_told_in_an_opening_after_clause_is_dated_that_long_before(text, start, precision):
    """ "Three days after <the event>, ..." on a page of January 18: the event is of January
    15, not of the day it was told."""
    (claim,) = _claims_of(text, dt.date(2016, 1, 18))
    assert claim.when is not None
    assert (claim.when.start, claim.when.precision) == (start, precision)


def test_what_was_due_or_will_be_in_a_relative_clause_does_not_undo_the_event() -> None:
    """ "shot dead outside the court, where he was due to stand trial": the future is the
    relative clause's; the main clause reports the shooting. A plan in the main clause is
    still no event."""
    (claim,) = _one_sentence(
        "The writer was shot dead on Sunday outside the court in Marin, where he was due to "
        "stand trial."
    )
    assert claim.sub_event_type == "Attack"
    (deal,) = _one_sentence(
        "Buses took rebels and their families out of Marin on Monday under a deal that will "
        "move them to the north."
    )
    assert deal.sub_event_type == "Agreement"
    assert _one_sentence("The army said it will storm Marin, where rebels shelled a school.") == []
    # after a verb of saying, "that" opens what was said, no relative clause
    assert (
        _one_sentence(
            "While directing the evacuation of the injured from the market in Marin, the "
            "governor disclosed that the state will pay for their treatment."
        )
        == []
    )


def test_an_event_told_in_a_relative_clause_takes_that_clauses_day() -> None:
    """ "Officials on Monday were counting the cost of the assassination of the governor,
    whose motorcade was torn apart by a car bomb a day earlier": the bombing, which the claim
    reports, was on Sunday; Monday is the counting's. With no day in the clause, the main
    clause's day stands."""
    (claim,) = _one_sentence(
        "Officials on Monday were counting the cost of the assassination of the governor, "
        "whose motorcade was torn apart by a car bomb in Marin a day earlier."
    )
    assert claim.when is not None and claim.when.start == dt.date(2024, 6, 2)
    (plain,) = _one_sentence(
        "Officials on Monday were counting the cost of the bombing of the governor's "
        "motorcade, which was torn apart by a car bomb in Marin."
    )
    assert plain.when is not None and plain.when.start == dt.date(2024, 6, 3)
