"""Implausible values (dates out of range, tolls past any true figure) stop at the boundary.

A fuzzing run found that one article published "9999-12-31", or telling of "99999999999999999999"
dead, broke ``fuse`` and the Parquet export for the whole store, permanently. These tests pin
the bounds at their edges and run such a store end to end.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json

import pyarrow.parquet as pq
import pytest

import sitrep
from sitrep.export import FORMATS, SUPPORTED, export
from sitrep.extract.casualties import find_casualties, parse_number
from sitrep.extract.plausible import MAX_FIGURE, check_claim, figure_problem
from sitrep.fuse.features import ArticleInfo, view
from sitrep.fuse.stage import _windows
from sitrep.fuse.windows import day as _day
from sitrep.ingest.normalise import parse_published, parse_published_checked
from sitrep.model import Article, Casualties, Claim, Figure, Span, When
from sitrep.store.base import int64_or_none

TODAY = dt.date(2026, 12, 6)


# ------------------------------------------------------------------ publication dates
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1900-01-01", dt.date(1900, 1, 1)),
        ("1899-12-31", None),
        ("0001-01-01", None),
        ("2026-12-08", dt.date(2026, 12, 8)),  # two days ahead: time zones, tomorrow's edition
        ("2026-12-09", None),
        ("9999-12-31", None),
        ("9999-12-31T23:59:59Z", None),
        ("Fri, 31 Dec 9999 23:59:59 +0000", None),
    ],
)
def test_publication_date_bounds(value: str, expected: dt.date | None) -> None:
    parsed = parse_published(value, today=TODAY)
    got = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    assert got == expected


def test_dropped_publication_date_says_why() -> None:
    assert parse_published_checked("9999-12-31", today=TODAY) == (
        None,
        "publication date 9999-12-31 is more than 2 days in the future: stored as unknown",
    )
    _, why = parse_published_checked("1850-06-01", today=TODAY)
    assert why is not None and "before 1900-01-01" in why
    assert parse_published_checked("not a date", today=TODAY)[1] is not None
    assert parse_published_checked(None, today=TODAY) == (None, None)
    assert parse_published_checked("2024-03-15", today=TODAY) == (dt.date(2024, 3, 15), None)


# ------------------------------------------------------------------ casualty figures
@pytest.mark.parametrize("kind", ["killed", "injured", "detained", "displaced"])
def test_figure_bound_is_inclusive(kind: str) -> None:
    bound = MAX_FIGURE[kind]
    assert figure_problem(kind, Figure(best=bound, low=bound, high=bound)) is None
    assert figure_problem(kind, Figure(best=bound + 1)) is not None
    assert figure_problem(kind, Figure(best=5, low=5, high=bound + 1)) is not None
    assert figure_problem(kind, Figure(best=-1)) is not None


def test_displacement_bound_allows_real_national_figures() -> None:
    # Syria's ~13 million displaced is a true figure; a toll of 13 million killed is not.
    assert figure_problem("displaced", Figure(best=13_000_000)) is None
    assert figure_problem("killed", Figure(best=13_000_000)) is not None


@pytest.mark.parametrize("digits", [20, 32, 400, 5000])
def test_huge_numbers_parse_without_overflow(digits: int) -> None:
    value = parse_number("9" * digits)
    assert value is not None and value > MAX_FIGURE["displaced"]
    killed = find_casualties(f"The strike killed {'9' * digits} people.").killed
    assert killed is not None and killed.best is not None and killed.best > MAX_FIGURE["killed"]


def test_twenty_digit_number_is_exact() -> None:
    assert parse_number("99999999999999999999") == 99999999999999999999
    assert parse_number("1.2 million") == 1_200_000


def _claim(**kw: object) -> Claim:
    return Claim(id="c", article_id="a", sentence=Span(0, 10, "x" * 10), **kw)  # type: ignore[arg-type]


def test_check_claim_drops_implausible_figure_and_keeps_the_phrase() -> None:
    text = "killed 99999999999999999999 people"
    fig = Figure(best=10**20, low=10**20, high=10**20, text=text, span=Span(3, 37, text))
    ok = Figure(best=20, low=20, high=20, text="wounding 20")
    claim, why = check_claim(_claim(casualties=Casualties(killed=fig, injured=ok)), TODAY)
    assert claim.casualties.killed == Figure(text=text, span=Span(3, 37, text))
    assert claim.casualties.injured == ok
    assert len(why) == 1 and "killed best" in why[0] and "10,000,000" in why[0]


def test_check_claim_drops_implausible_event_date_and_keeps_the_phrase() -> None:
    when = When(
        text="on 31 December 9999",
        start=dt.date(9999, 12, 31),
        end=dt.date(9999, 12, 31),
        precision="day",
    )
    claim, why = check_claim(_claim(when=when), TODAY)
    assert claim.when == When(text="on 31 December 9999")
    assert len(why) == 1 and "event date 9999-12-31" in why[0]
    fine = When(text="on Monday", start=dt.date(2024, 3, 11), end=dt.date(2024, 3, 11))
    assert check_claim(_claim(when=fine), TODAY) == (_claim(when=fine), [])
    early = When(text="in 1850", start=dt.date(1850, 1, 1), end=dt.date(1850, 12, 31))
    assert check_claim(_claim(when=early), TODAY)[0].when.start is None  # type: ignore[union-attr]


def test_int64_guard_at_the_edges() -> None:
    assert int64_or_none(2**63 - 1) == 2**63 - 1
    assert int64_or_none(2**63) is None
    assert int64_or_none(-(2**63)) == -(2**63)
    assert int64_or_none(-(2**63) - 1) is None
    assert int64_or_none(None) is None


# ------------------------------------------------------------------ fuse date arithmetic
@pytest.mark.parametrize("day", [dt.date.min, dt.date.max])
def test_fuse_windows_near_the_ends_of_the_calendar(day: dt.date) -> None:
    when = When(text="then", start=day, end=day, precision="day")
    claim = _claim(when=when)
    windows = _windows([view(claim, ArticleInfo("a", published=day))])
    assert len(windows) == 1
    _, first, last = windows[0]
    assert first <= day <= last
    assert _day(0) == dt.date.min and _day(10**9) == dt.date.max


# ------------------------------------------------------------------ end to end
ARTICLES = {
    "future.txt": (
        "---\nurl: https://levant-wire.example/a\noutlet: levant-wire\npublished: 9999-12-31\n"
        "---\nShelling kills 14 in Aleppo\n\nRocket fire hit the Tariq al-Bab district of "
        "eastern Aleppo on Wednesday, killing 14 civilians, the Syrian Observatory for Human "
        "Rights said.\n"
    ),
    "toll20.txt": (
        "---\nurl: https://cedar.example/b\noutlet: cedar\npublished: 2024-03-15\n---\n"
        "Air strike in Saraqeb\n\nAn air strike on a market in Saraqeb on Thursday killed "
        "99999999999999999999 people, the Syrian Observatory for Human Rights said.\n"
    ),
    "toll32.txt": (
        "---\nurl: https://crescent.example/c\noutlet: crescent\npublished: 2024-03-15\n---\n"
        "Shelling near Hama\n\nShelling on a village near Hama on Thursday killed "
        "99999999999999999999999999999999 people, the Syrian Observatory for Human Rights "
        "said.\n"
    ),
}


def _export_everything(store: sitrep.Store, out: object) -> dict[str, int]:
    rows = {}
    for fmt in FORMATS:
        for what in sorted(SUPPORTED[fmt]):
            rows[f"{what}.{fmt}"] = export(store, what, fmt, out / f"{what}.{fmt}")  # type: ignore[operator]
    return rows


def test_store_with_implausible_articles_fuses_and_exports_every_format(tmp_path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / "in").mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(text, encoding="utf-8")
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    report = sitrep.run([str(tmp_path / "in")], store, mode="rules")
    assert report.ingest.new == 3
    assert report.fuse.events >= 3
    published = {a.url: a.published for a in store.articles.iter()}
    assert published["https://levant-wire.example/a"] is None
    # the implausible tolls are kept as text, never as figures, and the reason is stored
    killed = [c.casualties.killed for c in store.claims.iter() if c.casualties.killed]
    assert {k.best for k in killed} == {14, None}
    assert any(k.text and "99999999999999999999" in k.text for k in killed if k.best is None)
    reasons = [e.message for e in store.runs.errors() if e.stage == "extract"]
    assert sum("above the plausible bound" in r for r in reasons) == 2
    assert sitrep.fuse(store, rebuild=True).events == report.fuse.events  # fuses again
    out = tmp_path / "out"
    out.mkdir()
    rows = _export_everything(store, out)
    assert rows["claims.parquet"] == store.count("claims")
    assert rows["events.parquet"] == store.count("events")
    assert pq.read_table(out / "claims.parquet").num_rows == store.count("claims")


def _old_store_with_bad_values(url: str) -> sitrep.Store:
    """A store written before the bounds existed: the bad values went straight in."""
    store = sitrep.open_store(url)
    text = "An air strike killed 99999999999999999999999999999999 people on 31 December 9999."
    arts = [
        Article(
            id=f"a{i}",
            text=text,
            outlet=f"o{i}",
            language="en",
            text_hash=f"h{i}",
            dup_group=f"a{i}",
            published=dt.date(9999, 12, 31) if i else dt.date.min,
        )
        for i in range(2)
    ]
    huge = 10**32
    claims = [
        Claim(
            id=f"c{i}",
            article_id=a.id,
            sentence=Span(0, len(text), text),
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            when=When(
                text="on 31 December 9999", start=dt.date.max, end=dt.date.max, precision="day"
            ),
            casualties=Casualties(
                killed=Figure(best=huge, low=huge, high=huge, text="killed 999... people")
            ),
        )
        for i, a in enumerate(arts)
    ]
    with store.transaction():
        store.articles.insert(arts, 1)
        for a, c in zip(arts, claims, strict=True):
            store.claims.replace(a.id, [c], "old-extractor")
    return store


def test_old_store_with_bad_values_still_fuses_and_exports(tmp_path) -> None:
    store = _old_store_with_bad_values(f"sqlite:///{tmp_path / 'old.db'}")
    first = sitrep.fuse(store)
    assert first.events >= 1
    again = sitrep.fuse(store)  # every later run, too: this used to fail for good
    assert again.events == first.events
    for event in store.events.iter():
        assert event.casualties.killed is None or event.casualties.killed.best is None
    out = tmp_path / "out"
    out.mkdir()
    rows = _export_everything(store, out)
    assert rows["claims.parquet"] == 2
    table = pq.read_table(out / "claims.parquet").to_pylist()
    assert all(r["killed_best"] is None for r in table)
    assert {r["killed_text"] for r in table} == {"killed 999... people"}
    jsonl = (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["killed"]["best"] for line in jsonl] == [10**32, 10**32]


# ------------------------------------------------------------------ extraction bound
def test_extraction_window_cuts_long_articles_at_a_break() -> None:
    from sitrep.extract.stage import extraction_window

    para = "Shelling killed 3 people in Aleppo on Monday. Residents fled.\n\n"
    art = Article(id="long", text=para * 100, language="en")
    same, notes = extraction_window(art, limit=len(art.text))
    assert same is art and notes == []
    cut, notes = extraction_window(art, limit=1000)
    assert len(cut.text) <= 1000 and art.text.startswith(cut.text)
    assert cut.text.endswith(("\n\n", "."))
    assert len(notes) == 1 and f"{len(art.text):,} characters" in notes[0]
    dots, _ = extraction_window(Article(id="d", text="." * 5000), limit=1000)
    assert len(dots.text) == 1000  # no break to cut at: the limit itself


def test_stage_records_the_skipped_rest(tmp_path, monkeypatch) -> None:
    stage = importlib.import_module("sitrep.extract.stage")

    monkeypatch.setattr(stage, "MAX_EXTRACT_CHARS", 300)
    text = "Shelling killed 3 people in Aleppo on Monday, the Syrian Observatory said. " * 20
    store = sitrep.open_store(f"sqlite:///{tmp_path / 's.db'}")
    art = Article(
        id="a",
        text=text.strip(),
        language="en",
        text_hash="h",
        dup_group="a",
        published=dt.date(2024, 3, 15),
    )
    with store.transaction():
        store.articles.insert([art], 1)
    report = stage.extract(store, mode="rules")
    assert report.notes == 1
    assert all(c.sentence.end <= 300 for c in store.claims.iter())
    assert any("the rest skipped" in e.message for e in store.runs.errors())
