"""The reference-dataset check: loading GED / ACLED / sitrep CSVs, and each matching rule.

The small CSVs in ``data/`` are written by hand following the GED codebook and ACLED column
layouts (Aleppo, October 2016); the last test reads the real UCDP GED Syria file when present.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from sitrep.errors import ReferenceDataError
from sitrep.model import Actor, Article, Casualties, Claim, Figure, Place, Span, When
from sitrep.verify.reference import (
    AGREES,
    DIFFERS,
    FIGURES_DIFFER,
    MATCHED,
    NO_REFERENCE,
    NOT_CHECKABLE,
    NOT_COMPARED,
    PART,
    Tolerances,
    check_claim,
    check_claims,
    load_reference,
)
from sitrep.verify.reference_data import (
    ACLED,
    DEMONSTRATIONS,
    SITREP_ACLED,
    SITREP_UCDP,
    UCDP,
    VIOLENCE,
    Reference,
)

DATA = Path(__file__).parent / "data"
SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
REAL_GED = SHARED_DATA / "reference" / "ucdp_ged_syria_2016_2019.csv"

ALEPPO = dict(name="Aleppo", lat=36.2021, lon=37.1343, admin1="Aleppo", country="SYR")
AIRSTRIKE = ("Explosions/Remote violence", "Air/drone strike")


def claim(
    day: dt.date | None = dt.date(2016, 10, 16),
    place: Place | None = None,
    killed: int | None = None,
    kind: tuple[str | None, str | None] = AIRSTRIKE,
    precision: str = "day",
    **extra: object,
) -> Claim:
    """A claim as the extractor would give it, with only the fields the check reads."""
    return Claim(
        id="c1",
        article_id="a1",
        sentence=Span(0, 10, "a sentence"),
        event_type=kind[0],
        sub_event_type=kind[1],
        place=place if place is not None else Place(text="Aleppo", precision=1, **ALEPPO),
        when=None if day is None else When("on Sunday", day, day, precision),
        casualties=Casualties(killed=None if killed is None else Figure(best=killed)),
        **extra,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="module")
def ged() -> Reference:
    return load_reference(DATA / "ged_aleppo_2016.csv")


@pytest.fixture(scope="module")
def acled() -> Reference:
    return load_reference(DATA / "acled_aleppo_mixed_dates.csv")


# ------------------------------------------------------------------------------ loading


def test_loads_a_ged_extract(ged: Reference) -> None:
    assert ged.dataset == UCDP and ged.layout == "ucdp-ged" and len(ged) == 10
    assert ged.deadly_only and ged.families == {VIOLENCE}
    row = ged.by_id["900002"]
    assert (row.best, row.low, row.high) == (18, 18, 20)
    assert row.country == "SYR"  # from country_id 652 (Gleditsch-Ward)
    assert row.row == 3  # the header is line 1
    assert row.families == {VIOLENCE} and row.event_type == "UCDP state-based"
    assert row.radius_km == 5.0 and row.adm2 == "Jabal Saman district"
    ranged = ged.by_id["900005"]
    assert (ranged.window_start, ranged.window_end, ranged.date_prec) == (
        dt.date(2016, 10, 18),
        dt.date(2016, 10, 20),
        2,
    )
    # rows without coordinates are kept, to be matched by name
    hayyan = ged.by_id["900007"]
    assert hayyan.lat is None and hayyan.place == "Hayyan town"
    assert ged.by_id["900006"].radius_km is None  # governorate only: matched by admin1
    assert (ged.first_day, ged.last_day) == (dt.date(2016, 10, 16), dt.date(2016, 11, 2))


def test_loads_acled_with_mixed_date_formats(acled: Reference) -> None:
    assert acled.dataset == ACLED and acled.layout == "acled" and not acled.deadly_only
    days = {e.id: e.date_start for e in acled.events}
    assert days == {
        "SYR1001": dt.date(2016, 10, 16),  # 16 October 2016
        "SYR1002": dt.date(2016, 10, 17),  # 10/17/2016
        "SYR1003": dt.date(2016, 10, 18),  # 18-Oct-2016
        "SYR1004": dt.date(2016, 10, 19),  # ISO
        "SYR1005": dt.date(2016, 10, 20),  # October 20, 2016
    }
    week = acled.by_id["SYR1004"]  # time_precision 2: ACLED dates a week by its middle
    assert (week.window_start, week.window_end) == (dt.date(2016, 10, 15), dt.date(2016, 10, 23))
    assert acled.by_id["SYR1002"].families == {DEMONSTRATIONS}
    assert acled.by_id["SYR1001"].best == 12 and acled.by_id["SYR1001"].country == "SYR"
    assert acled.by_id["SYR1005"].lat is None  # kept without coordinates


def test_day_first_slashes_are_detected_per_file(tmp_path: Path) -> None:
    path = tmp_path / "dayfirst.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,fatalities,location\n"
        "SYR1,03/10/2016,Battles,1,Aleppo\nSYR2,17/10/2016,Battles,1,Aleppo\n"
    )
    ref = load_reference(path)
    assert [e.date_start for e in ref.events] == [dt.date(2016, 10, 3), dt.date(2016, 10, 17)]
    both = tmp_path / "both.csv"
    both.write_text(
        "event_id_cnty,event_date,event_type,fatalities,location\n"
        "SYR1,10/17/2016,Battles,1,Aleppo\nSYR2,17/10/2016,Battles,1,Aleppo\n"
    )
    with pytest.raises(ReferenceDataError, match="YYYY-MM-DD"):
        load_reference(both)


def test_wrong_columns_say_what_each_layout_expects() -> None:
    with pytest.raises(ReferenceDataError) as err:
        load_reference(DATA / "wrong_columns.csv")
    message = str(err.value)
    assert "wrong_columns.csv" in message
    assert "ucdp-ged: id, date_start, date_end, best" in message
    assert "acled: event_id_cnty, event_date, event_type, fatalities" in message
    assert "Found: event, when, where, deaths" in message


@pytest.mark.parametrize(
    ("name", "expected"), [("empty.csv", "empty file"), ("header_only.csv", "header only")]
)
def test_empty_or_header_only_file_is_an_error(name: str, expected: str) -> None:
    with pytest.raises(ReferenceDataError, match=expected) as err:
        load_reference(DATA / name)
    assert name in str(err.value)


def test_bad_date_names_file_and_line() -> None:
    with pytest.raises(ReferenceDataError) as err:
        load_reference(DATA / "bad_date.csv")
    assert err.value.line == 4
    assert "bad_date.csv:4" in str(err.value) and "'the day after'" in str(err.value)


def test_bad_number_names_the_column(tmp_path: Path) -> None:
    path = tmp_path / "bad_number.csv"
    path.write_text("id,date_start,date_end,best,latitude,longitude\n1,2016-10-16,,many,36,37\n")
    with pytest.raises(ReferenceDataError, match=r"bad_number.csv:2: best is not a number"):
        load_reference(path)


# ------------------------------------------------------------------------------ matching


def test_matched_figure_agrees_with_the_days_total(ged: Reference) -> None:
    check = check_claim(claim(killed=21), ged)
    assert check.verdict == MATCHED
    # Aleppo town rows first (2.4 km), then the governorate-level row; not Tall Rifaat (30 km)
    assert check.reference_ids[:2] == ["900001", "900002"] and "900004" not in check.reference_ids
    assert "900006" in check.reference_ids and "900008" not in check.reference_ids
    assert check.day_gap == 0 and check.distance_km == pytest.approx(2.4, abs=0.2)
    (figure,) = check.figures
    assert figure.status == AGREES and figure.rows == ["900001", "900002"]
    assert (figure.reference_best, figure.reference_low, figure.reference_high) == (22, 22, 24)
    assert any(r.startswith("killed: claim 21 agrees") for r in check.reasons)


def test_figure_that_is_one_of_the_aggregated_rows_is_part_of_total(ged: Reference) -> None:
    check = check_claim(claim(killed=4), ged)
    assert check.verdict == MATCHED and check.figures[0].status == PART
    assert check.figures[0].reference_smallest == 4


def test_figure_beyond_tolerance_differs_and_says_by_how_much(ged: Reference) -> None:
    high = check_claim(claim(killed=60), ged)
    assert high.verdict == FIGURES_DIFFER
    assert high.figures[0].status == DIFFERS and high.figures[0].difference == 60 - 24
    assert "36 more than 24" in high.figures[0].note
    low = check_claim(claim(killed=1), ged)
    assert low.verdict == FIGURES_DIFFER and low.figures[0].difference == 1 - 4
    # the tolerance is a documented knob: loosen it and the same figure agrees
    loose = check_claim(claim(killed=60), ged, Tolerances(rel_deaths=2.0))
    assert loose.verdict == MATCHED


def test_claim_without_figure_is_matched_not_compared(ged: Reference) -> None:
    check = check_claim(claim(killed=None), ged)
    assert check.verdict == MATCHED and check.figures[0].status == NOT_COMPARED


def test_day_slack_and_the_nearest_row_in_time(ged: Reference) -> None:
    next_day = check_claim(claim(dt.date(2016, 10, 18), killed=13), ged)
    assert next_day.verdict == MATCHED and next_day.reference_ids[0] == "900003"
    assert next_day.day_gap == 1
    too_late = check_claim(claim(dt.date(2016, 10, 20), killed=13), ged)
    assert too_late.verdict == NO_REFERENCE and not too_late.reference_ids
    assert any("900003 on 2016-10-17 (3 days away)" in r for r in too_late.reasons)


def test_ged_date_range_is_a_window(ged: Reference) -> None:
    anadan = Place(
        text="Anadan", name="Anadan", lat=36.2935, lon=37.0441, country="SYR", precision=1
    )
    check = check_claim(claim(dt.date(2016, 10, 19), anadan, killed=5, kind=("Battles", None)), ged)
    assert check.verdict == MATCHED and check.reference_ids == ["900005"] and check.day_gap == 0


def test_distance_tolerance_depends_on_place_precision(ged: Reference) -> None:
    # 12 km from the Aleppo town point: too far for an exact place, fine for "near Aleppo"
    point = dict(lat=36.2012, lon=37.2950, admin1="Aleppo", country="SYR")
    exact = check_claim(claim(place=Place(text="Sfira", precision=1, **point), killed=22), ged)
    near = check_claim(
        claim(place=Place(text="east of Aleppo", precision=2, **point), killed=22), ged
    )
    assert "900001" not in exact.reference_ids
    assert "900001" in near.reference_ids and near.distance_km == pytest.approx(12.0, abs=0.3)


def test_state_side_claim_skips_non_state_rows(ged: Reference) -> None:
    # no admin1, so the governorate-level row (900006) cannot match either
    rifaat = Place(
        text="Tall Rifaat", name="Tall Rifaat", lat=36.47, lon=37.097, country="SYR", precision=1
    )
    strike = check_claim(claim(place=rifaat, killed=7), ged)
    assert strike.verdict == NO_REFERENCE
    assert any("another type (UCDP non-state" in r for r in strike.reasons)
    clash = check_claim(claim(place=rifaat, killed=7, kind=("Battles", "Armed clash")), ged)
    assert clash.verdict == MATCHED and clash.reference_ids[0] == "900004"
    army = Actor(text="the army", sector="MIL")
    with_army = check_claim(
        claim(place=rifaat, killed=7, kind=("Battles", "Armed clash"), actor1=army), ged
    )
    assert with_army.verdict == NO_REFERENCE


def test_row_without_coordinates_matches_by_name(ged: Reference) -> None:
    hayyan = Place(
        text="Hayyan",
        name="Hayyan",
        lat=36.318,
        lon=37.115,
        admin1="Aleppo",
        country="SYR",
        precision=1,
    )
    check = check_claim(
        claim(place=hayyan, killed=2, kind=("Violence against civilians", None)), ged
    )
    assert "900007" in check.reference_ids and check.verdict == MATCHED
    assert any("same place name (Hayyan town)" in r for r in check.reasons)


def test_province_level_claim_matches_by_admin1(ged: Reference) -> None:
    hama = Place(text="the Hama countryside", admin1="Hama", country="SYR", precision=3)
    check = check_claim(claim(dt.date(2016, 10, 25), hama, killed=6, kind=("Battles", None)), ged)
    assert check.verdict == MATCHED and check.reference_ids == ["900010"]
    assert check.distance_km is None and check.figures[0].status == AGREES


def test_country_only_rows_never_confirm_a_place(ged: Reference) -> None:
    deir = Place(
        text="Deir ez-Zor",
        name="Deir ez-Zor",
        lat=35.336,
        lon=40.14,
        admin1="Deir ez-Zor",
        country="SYR",
        precision=1,
    )
    check = check_claim(claim(place=deir, killed=3), ged)
    assert check.verdict == NO_REFERENCE and "900008" not in check.reference_ids


@pytest.mark.parametrize(
    ("made", "why"),
    [
        (claim(day=None, killed=3), "no date"),
        (claim(place=Place(text="somewhere"), killed=3), "no place: unresolved"),
        (claim(place=Place(text="Syria", country="SYR", precision=3), killed=3),
         "no place: only the country is known"),
        (claim(killed=0, kind=("Protests", "Peaceful protest")), "type not covered"),
        (claim(dt.date(2021, 3, 1), killed=3), "outside the reference period"),
        (claim(place=Place(text="Bogota", lat=4.6, lon=-74.08, country="COL", precision=1),
               killed=3), "outside the reference countries"),
        (claim(dt.date(2016, 10, 22), killed=None), "no deaths reported"),
    ],
)  # fmt: skip
def test_not_checkable_says_why(ged: Reference, made: Claim, why: str) -> None:
    check = check_claim(made, ged)
    assert check.verdict == NOT_CHECKABLE and check.why == why and check.reasons


def test_acled_reference_covers_protests(acled: Reference) -> None:
    protest = claim(dt.date(2016, 10, 17), kind=("Protests", "Peaceful protest"))
    check = check_claim(protest, acled)
    assert check.verdict == MATCHED and check.reference_ids == ["SYR1002"]
    strike = check_claim(claim(killed=12), acled)
    assert strike.verdict == MATCHED and strike.figures[0].status == AGREES
    assert strike.reference_ids == ["SYR1001"] and strike.distance_km == 0.0
    # the week-precision row (Oct 15-23) matches a claim on the 22nd
    ariha = Place(text="Ariha", name="Ariha", lat=35.813, lon=36.61, country="SYR", precision=1)
    week = check_claim(claim(dt.date(2016, 10, 22), ariha, killed=3), acled)
    assert week.verdict == MATCHED and week.reference_ids == ["SYR1004"]


def test_acled_row_without_coordinates_matches_by_name(acled: Reference) -> None:
    kafr_zita = Place(text="Kafr Zita", name="Kafr Zita", admin1="Hama", country="SYR", precision=1)
    check = check_claim(
        claim(
            dt.date(2016, 10, 20),
            kafr_zita,
            killed=1,
            kind=("Violence against civilians", "Attack"),
        ),
        acled,
    )
    assert check.verdict == MATCHED and check.reference_ids == ["SYR1005"]


def test_check_claims_keeps_order_and_equals_single_checks(ged: Reference) -> None:
    claims = [claim(killed=n) for n in (21, 60, 4, None)]
    claims += [claim(dt.date(2016, 10, 20), killed=13), claim(day=None)]
    batch = check_claims(claims, ged)
    assert [c.verdict for c in batch] == [check_claim(c, ged).verdict for c in claims]
    assert [c.verdict for c in batch] == [
        MATCHED,
        FIGURES_DIFFER,
        MATCHED,
        MATCHED,
        NO_REFERENCE,
        NOT_CHECKABLE,
    ]


# ------------------------------------------------------------------------------ sitrep exports


def test_reads_sitreps_own_exports(tmp_path: Path) -> None:
    from sitrep.export import export
    from sitrep.store import open_store

    text = "Government shelling killed eight people in Aleppo on Sunday."
    shelled = claim(killed=8, kind=("Explosions/Remote violence", None))
    shelled.sentence = Span(0, len(text), text)
    unreported = claim(dt.date(2016, 10, 18), killed=None)
    unreported.id, unreported.sentence = "c2", shelled.sentence
    store = open_store("sqlite:///:memory:")
    try:
        with store.transaction():
            store.articles.insert(
                [Article(id="a1", text=text, text_hash="h1")], store.articles.next_seq()
            )
            store.claims.replace("a1", [shelled, unreported], "test")
        for fmt, dataset in (("acled-csv", SITREP_ACLED), ("ucdp-csv", SITREP_UCDP)):
            out = tmp_path / f"claims.{fmt}"
            assert export(store, "claims", fmt, out) == 2
            ref = load_reference(out)
            assert ref.dataset == dataset and not ref.deadly_only
            assert ref.by_id["c2"].best is None  # "no report", not zero deaths
            check = check_claim(claim(killed=8), ref)
            assert check.verdict == MATCHED and check.reference_ids[0] == "c1"
            assert check.figures[0].status == AGREES
    finally:
        store.close()


# ------------------------------------------------------------------------------ real data


@pytest.mark.skipif(not REAL_GED.exists(), reason="the UCDP GED Syria file is not here")
def test_real_ged_finds_rows_for_an_aleppo_airstrike_claim() -> None:
    started = time.perf_counter()
    ref = load_reference(REAL_GED)
    elapsed = time.perf_counter() - started
    assert len(ref) == 16566 and ref.dataset == UCDP
    assert elapsed < 5.0  # about 0.5 s alone; generous for a busy CI machine
    east_aleppo = Place(
        text="eastern Aleppo",
        name="Aleppo",
        lat=36.2,
        lon=37.17,
        admin1="Aleppo",
        country="SYR",
        precision=2,
    )
    check = check_claim(claim(dt.date(2016, 10, 20), east_aleppo, killed=14), ref)
    assert check.reference_ids and check.verdict in (MATCHED, FIGURES_DIFFER)
    rows = [ref.by_id[i] for i in check.reference_ids]
    assert all(r.adm1 == "Aleppo Governorate" for r in rows)
    assert check.day_gap is not None and check.day_gap <= 1
    assert check.distance_km is not None and check.distance_km < 10


def test_an_uncertain_reference_row_widens_the_tolerance_instead_of_contradicting(
    ged: Reference,
) -> None:
    # 900005 is dated 18-20 October (date_prec 2), 900010 located to its governorate only:
    # each may add up several incidents, so a lower toll is part of it, not a contradiction
    anadan = Place(
        text="Anadan", name="Anadan", lat=36.2935, lon=37.0441, country="SYR", precision=1
    )
    low = check_claim(claim(dt.date(2016, 10, 19), anadan, killed=1, kind=("Battles", None)), ged)
    assert low.verdict == MATCHED and low.figures[0].status == PART
    assert (
        "itself uncertain" in low.figures[0].note
        and "2016-10-18..2016-10-20" in low.figures[0].note
    )
    hama = Place(text="the Hama countryside", admin1="Hama", country="SYR", precision=3)
    part = check_claim(claim(dt.date(2016, 10, 25), hama, killed=2, kind=("Battles", None)), ged)
    assert part.figures[0].status == PART and "admin1 area" in part.figures[0].note
    # a higher toll than the uncertain row allows still differs
    high = check_claim(claim(dt.date(2016, 10, 19), anadan, killed=30, kind=("Battles", None)), ged)
    assert high.verdict == FIGURES_DIFFER


def test_each_country_is_checked_only_in_its_own_period(tmp_path: Path) -> None:
    path = tmp_path / "two_countries.csv"
    path.write_text(
        "id,date_start,date_end,best,latitude,longitude,where_prec,country,country_id\n"
        "1,2016-10-16,2016-10-16,4,36.2012,37.1612,1,Syria,652\n"
        "2,2020-05-02,2020-05-02,3,33.3128,44.3615,1,Iraq,645\n",
        encoding="utf-8",
    )
    ref = load_reference(path)
    assert ref.coverage["SYR"] == (dt.date(2016, 10, 1), dt.date(2016, 10, 31))
    later = check_claim(claim(dt.date(2020, 5, 2), killed=4), ref)  # Aleppo, 2020
    assert later.verdict == NOT_CHECKABLE and later.why == "outside the reference period"
    assert "for SYR" in later.reasons[0]
    baghdad = Place(
        text="Baghdad", name="Baghdad", lat=33.3128, lon=44.3615, country="IRQ", precision=1
    )
    assert check_claim(claim(dt.date(2020, 5, 2), baghdad, killed=3), ref).verdict == MATCHED
    assert check_claim(claim(killed=4), ref).verdict == MATCHED  # Aleppo, in its period
