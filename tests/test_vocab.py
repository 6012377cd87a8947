"""The word lists and tables of ``sitrep/vocab``: each loads, has no blank or repeated entry,
is listed in the package's docstring, and the month table gives the forms the rules read."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from sitrep import calendar_words, vocab

FILES = sorted(p.name for p in resources.files("sitrep.vocab").iterdir() if p.name.endswith(".csv"))

# The columns that tell one row from another, where the first column alone does not.
KEYS = {
    "actors.csv": ("name", "alias"),
    "attribution_words.csv": ("role", "word"),
    "aside_cues.csv": ("kind", "pattern"),
    "background_cues.csv": ("kind", "pattern"),
    "caption_cues.csv": ("kind", "pattern"),
    "date_cues.csv": ("kind", "pattern"),
    "event_triggers.csv": ("sub_event_type", "pattern"),
    "event_types.csv": ("sub_event_type",),
    "intrinsic_cues.csv": ("signal", "name"),
    "non_event_cues.csv": ("reason", "pattern"),
    "outlet_words.csv": ("word", "uses"),
    "place_affixes.csv": ("role", "text"),
    "reaction_cues.csv": ("pattern",),
    "role_words.csv": ("role", "word"),
    "sources.csv": ("name", "alias"),
    "story_links.csv": ("kind", "pattern"),
}
# Word lists the rules compare with lower-cased text: an upper-case letter would never match.
LOWER_CASE = (
    "abbreviations.csv",
    "arabic_articles.csv",
    "armed_group_nouns.csv",
    "chemical_words.csv",
    "common_words.csv",
    "compass_words.csv",
    "count_nouns.csv",
    "name_joiners.csv",
    "name_titles.csv",
    "number_words.csv",
    "org_words.csv",
    "outlet_words.csv",
    "patronymics.csv",
    "place_name_prefixes.csv",
    "person_nouns.csv",
    "place_words.csv",
    "role_words.csv",
    "short_place_names.csv",
    "stop_words.csv",
)


def test_there_are_word_lists_to_check():
    assert len(FILES) > 40 and "speech_verbs.csv" in FILES and "months.csv" in FILES
    assert len(SHARED) == 8  # outlet_words.csv: generic, suffix, second_level, platform


@pytest.mark.parametrize("name", FILES)
def test_file_loads_with_its_header_and_full_rows(name):
    rows = vocab.read_csv(name)
    assert rows, name
    header = list(rows[0])
    for i, row in enumerate(rows, start=2):
        assert None not in row, f"{name} row {i}: more fields than the header"
        assert None not in row.values(), f"{name} row {i}: fewer fields than the header"
        assert list(row) == header


@pytest.mark.parametrize("name", FILES)
def test_no_blank_or_repeated_entry(name):
    rows = vocab.read_csv(name)
    key = KEYS.get(name, (next(iter(rows[0])),))
    seen = set()
    for i, row in enumerate(rows, start=2):
        entry = tuple(row[c] for c in key)
        assert all(v.strip() for v in entry), f"{name} row {i}: blank {key}"
        assert all(v == v.strip() for v in entry), f"{name} row {i}: spaces around {entry}"
        assert entry not in seen, f"{name} row {i}: {entry} again"
        seen.add(entry)
        if "uses" in row:
            assert row["uses"].split(), f"{name} row {i}: no use"


@pytest.mark.parametrize("name", LOWER_CASE)
def test_compared_word_lists_are_lower_case(name):
    for row in vocab.read_csv(name):
        word = row["word"]
        assert word == word.lower(), f"{name}: {word!r}"


def test_every_file_is_described_in_the_package_docstring():
    doc = vocab.__doc__ or ""
    assert [name for name in FILES if f"``{name}``" not in doc] == []


SHARED = [name for name in FILES if "uses" in vocab.read_csv(name)[0]]
LOADERS = {"speech_verbs.csv": vocab.speech_verbs, "number_words.csv": vocab.number_words}


@pytest.mark.parametrize("name", SHARED)
def test_each_use_of_a_shared_list_loads(name):
    load = LOADERS.get(name, lambda use: vocab.words(name, use))
    uses = {u for row in vocab.read_csv(name) for u in row["uses"].split()}
    assert uses
    for use in uses:
        assert len(load(use)) > 0
    with pytest.raises(KeyError, match="no rows for"):
        load("no such rule")


def test_plain_word_lists_load_as_sets():
    assert "mobile" in vocab.words("common_words.csv")
    assert "the" in vocab.words("stop_words.csv", "geo")


def test_months_and_weekdays_are_complete_and_in_order():
    assert [m.number for m in vocab.months()] == list(range(1, 13))
    assert [d.number for d in vocab.weekdays()] == list(range(7))
    assert calendar_words.MONTHS["sep"] == 9
    assert calendar_words.WEEKDAY_NUMBERS["sunday"] == 6


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("September", True), ("Sept.", True), ("Sep.", True), ("Sept", True), ("Jan.", True),
        ("June", True), ("Jun", True), ("Jun.", False), ("May", True), ("May.", False),
        ("march", False), ("Marching", False),
    ],
)  # fmt: skip
def test_month_pattern_reads_the_forms_the_table_allows(text, read):
    m = re.match(calendar_words.MONTH_PATTERN, text)
    assert (m is not None and m.end() == len(text)) is read


def test_shared_alternation_tries_longer_phrases_first():
    pattern = re.compile(rf"\b(?:{vocab.alternation(['reports', 'reports from', 'said'])})\b")
    assert pattern.search("as reports  from the town").group() == "reports  from"
