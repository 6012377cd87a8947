"""Lists of other stories' headlines make no claims and name no places (sidebars.py)."""

from __future__ import annotations

import datetime as dt

from sitrep.extract.baseline import extract_article
from sitrep.extract.places import locate
from sitrep.extract.sentences import split_sentences
from sitrep.extract.sidebars import sidebar_spans, without_sidebars
from sitrep.model import Article

PAGE = (
    "Aleppo left with no working hospitals\n\n"
    "The last hospitals in eastern Aleppo were knocked out of action by air strikes on Friday, "
    "health officials said.\n\n"
    "MORE FROM GULF CURRENT\n"
    "Yemen truce set to begin as coalition agrees\n"
    "- Turkish jets strike Kurdish fighters near al-Bab\n\n"
    "Related: Car bomb kills nine at Mogadishu market\n"
)


def test_a_heading_opens_a_list_of_headlines_and_a_labelled_link_is_a_list_of_one() -> None:
    found = [PAGE[a:b] for a, b in sidebar_spans(PAGE)]
    assert found == [
        "MORE FROM GULF CURRENT",
        "Yemen truce set to begin as coalition agrees",
        "- Turkish jets strike Kurdish fighters near al-Bab",
        "Related: Car bomb kills nine at Mogadishu market",
    ]


def test_prose_after_a_heading_ends_the_list_and_stays_the_story() -> None:
    text = (
        "Shells hit Lakra on Monday.\n\nRead more\n"
        "The army said on Tuesday that 20 soldiers were killed near Lakra.\n"
    )
    kept = [s.text for s in without_sidebars(text, split_sentences(text))]
    assert "Read more" not in " ".join(kept)
    assert kept[-1] == "The army said on Tuesday that 20 soldiers were killed near Lakra."


def test_related_headlines_make_no_claims_and_no_places() -> None:
    art = Article(id="s1", text=PAGE, language="en", published=dt.date(2016, 11, 19))
    claims = extract_article(art)
    places = locate(art, claims)
    assert claims and all("Mogadishu" not in c.sentence.text for c in claims)
    assert all("al-Bab" not in c.sentence.text and "Yemen" not in c.sentence.text for c in claims)
    assert not any(p.country in ("SOM", "YEM") for p in places)
    assert all(c.place is None or c.place.country == "SYR" for c in claims)


def test_a_sentence_that_mentions_related_talks_is_no_list() -> None:
    text = "Related talks in Geneva ended on Monday without a deal, officials said.\n"
    assert sidebar_spans(text) == []


def test_a_title_with_a_label_heads_its_own_story() -> None:
    text = "Latest news: Shells kill 20 in Kessa\n\nShells killed 20 people in Kessa on Monday.\n"
    assert sidebar_spans(text) == []
