"""Each step of toponym resolution on its own, on sentences written for the test.

The steps read and write one ``ArticleContext``; ``_through`` runs the steps before the one
under test, in the order ``Resolver.resolve`` runs them.
"""

from __future__ import annotations

import numpy as np
import pytest
from helpers import spans_of

from sitrep.geo import resolve_spans
from sitrep.geo.resolve import ArticleContext, Lookup, Mention, Resolution, Resolver, Weights
from sitrep.geo.resolve.candidates import exact_candidates, inexact_candidates
from sitrep.geo.resolve.colocate import colocate
from sitrep.geo.resolve.fallbacks import plausible_name, why_unresolved
from sitrep.geo.resolve.lookup import variants
from sitrep.geo.resolve.outliers import reject_outliers, reject_outside_parent
from sitrep.geo.resolve.parents import find_parents
from sitrep.geo.resolve.parts import places_inside
from sitrep.geo.resolve.picks import inside, pick
from sitrep.geo.resolve.priors import prior
from sitrep.geo.resolve.votes import allowed_countries, count_votes
from sitrep.geo.resolve.weights import kind_prior_table
from sitrep.geo.sources import KIND_CODE
from sitrep.model import Span


def _ctx(gaz, text: str, *names: str, hint: str | None = None) -> ArticleContext:
    mentions = [Mention(s) for s in spans_of(text, *names)]
    return _ctx_of(gaz, text, mentions, hint)


def _ctx_of(gaz, text: str, mentions: list[Mention], hint: str | None = None) -> ArticleContext:
    w = Weights()
    results = [Resolution(m) for m in mentions]
    return ArticleContext(text, results, Lookup(gaz, w), w, hint=gaz.cc_index(hint))


def _through(ctx: ArticleContext, last: str) -> ArticleContext:
    """Run the steps of ``Resolver.resolve`` up to and including ``last``."""

    def picks() -> None:
        anchors = pick(ctx, count_votes(ctx))
        pick(ctx, count_votes(ctx, chosen=True), anchors)

    steps = {
        "candidates": lambda: (exact_candidates(ctx), inexact_candidates(ctx)),
        "parents": lambda: find_parents(ctx),
        "colocate": lambda: colocate(ctx),
        "picks": picks,
    }
    for name, step in steps.items():
        step()
        if name == last:
            return ctx
    raise KeyError(last)


def _by_text(ctx: ArticleContext) -> dict[str, Resolution]:
    return {r.mention.span.text: r for r in ctx.results}


# ---------------------------------------------------------------------- weights


def test_kind_priors_come_from_the_weights():
    table = kind_prior_table(Weights())
    assert table[KIND_CODE["country"]] > table[KIND_CODE["admin1"]] > table[KIND_CODE["admin2"]]
    assert kind_prior_table(Weights(prior_admin1=1.25))[KIND_CODE["admin1"]] == 1.25
    with pytest.raises(ValueError):
        table[0] = 0.0  # shared by every article: read-only


def test_a_resolver_follows_its_own_weights(gaz):
    text = "Malian troops clashed with jihadists near Gao and Blorptoumbou in Mali."
    spans = spans_of(text, "Malian", "Gao", "Blorptoumbou", "Mali")
    mentions = [Mention(s) for s in spans]
    default = Resolver(gaz).resolve(text, mentions)[2]
    assert default.method == "country" and gaz.country_iso3(default.row) == "MLI"
    strict = Resolver(gaz, Weights(country_share=1.01)).resolve(text, mentions)[2]
    assert strict.row is None and strict.method == "none"


# ---------------------------------------------------------------------- lookup


def test_variants_strip_the_wording_and_say_the_kind_it_implies():
    assert variants("the Idlib province")[-1] == ("Idlib", "admin1")
    assert ("Clay County", "admin2") in variants("Clay Co.")
    assert ("Saint Louis", None) in variants("St. Louis")
    assert variants("Zaatari refugee camp")[-1] == ("Zaatari", None)
    assert variants("Ga.")[0] == ("Ga.", None)  # a short abbreviation keeps its dot


def test_lookup_is_exact_first_and_loose_or_fuzzy_only_inside_the_given_countries(gaz):
    lookup = Lookup(gaz)
    syr, usa = gaz.cc_index("SYR"), gaz.cc_index("USA")
    rows, quality, _, method = lookup.find("Saraqib")
    assert method == "exact" and gaz.names[int(rows[0])] == "Saraqib" and quality[0] == 1.0
    assert lookup.find("Saraqeb")[1].tolist() == [0.5]  # an alternate name
    assert lookup.find("Saraqeb") is lookup.find("Saraqeb")  # cached per gazetteer
    assert lookup.find("Saraqeeb")[3] == "none"  # no countries: exact only
    rows, quality, _, method = lookup.find("Saraqeeb", [syr])
    assert method == "loose" and gaz.names[int(rows[0])] == "Saraqib" and quality[0] == 0.4
    rows, _, _, method = lookup.find("Kafranbelx", [syr])
    assert method == "fuzzy" and [gaz.names[int(r)] for r in rows] == ["Kafranbel"]
    assert lookup.find("Saraqeeb", [usa])[3] == "none"


# ---------------------------------------------------------------------- candidates


def test_names_ending_a_list_of_counties_are_counties(gaz):
    text = "Floods closed roads in Becker, Clay and Douglas counties on Monday."
    ctx = _through(_ctx(gaz, text, "Becker", "Clay", "Douglas"), "candidates")
    for res in ctx.results:
        assert set(gaz.kind[res.candidates].tolist()) == {KIND_CODE["admin2"]}


def test_a_misspelt_name_is_looked_up_loosely_only_in_the_articles_countries(gaz):
    ctx = _ctx(gaz, "Jets struck Saraqeeb, Idlib and Aleppo.", "Saraqeeb", "Idlib", "Aleppo")
    exact_candidates(ctx)
    assert len(ctx.results[0].candidates) == 0
    inexact_candidates(ctx)
    res = ctx.results[0]
    assert res.method == "loose" and {gaz.country_iso3(int(r)) for r in res.candidates} == {"SYR"}
    alone = _ctx(gaz, "Jets struck Saraqeeb.", "Saraqeeb")
    exact_candidates(alone)
    inexact_candidates(alone)  # no other name says which country to look in
    assert len(alone.results[0].candidates) == 0


# ---------------------------------------------------------------------- priors


def test_a_division_named_like_its_capital_is_the_city_unless_the_wording_says_province(gaz):
    ctx = _ctx(gaz, "")
    for phrase, kind in (("Aleppo", "city"), ("Aleppo province", "admin1")):
        rows, quality, implied, _ = ctx.lookup.find(phrase)
        best = int(rows[int(np.argmax(prior(ctx, rows, quality, implied)))])
        assert gaz.kind_name(best) == kind and gaz.country_iso3(best) == "SYR"


# ---------------------------------------------------------------------- votes


def test_one_voice_per_distinct_name_and_the_hint_counts_as_names(gaz):
    text = "Alexandria police, Alexandria schools and Alexandria courts in Virginia closed."
    names = ("Alexandria", "Alexandria", "Alexandria", "Virginia")
    ctx = _through(_ctx(gaz, text, *names), "candidates")
    votes = count_votes(ctx)
    assert set(votes.names) == {"alexandria", "virginia"} and votes.weight == 2.0
    usa = gaz.cc_index("USA")
    assert allowed_countries(ctx, votes)[0] == usa
    cvec, _ = votes.context("virginia")  # the other name alone: Alexandria's share
    assert 0.0 < cvec[usa] < 1.0
    hinted = _through(_ctx(gaz, text, *names, hint="EGY"), "candidates")
    votes = count_votes(hinted)
    assert votes.weight == 4.0 and votes.total_c[gaz.cc_index("EGY")] >= 2.0


# ---------------------------------------------------------------------- parents


def test_a_parent_comes_from_the_text_or_from_recognition(gaz):
    text = "Shelling hit Saraqeb, Idlib, on Friday."
    ctx = _through(_ctx(gaz, text, "Saraqeb", "Idlib"), "parents")
    parent = ctx.parents[0]
    assert parent is not None and all(gaz.kind[r] == KIND_CODE["admin1"] for r in parent)
    assert ctx.parents[1] is None and ctx.parent_of == [None, None]
    saraqeb, idlib = spans_of(text, "Saraqeb", "Idlib")
    ctx = _through(_ctx_of(gaz, text, [Mention(saraqeb, parent=idlib), Mention(idlib)]), "parents")
    assert ctx.parent_of[0] is ctx.results[1]


# ---------------------------------------------------------------------- colocate


def test_names_close_to_each_other_support_each_other(gaz):
    text = "Police searched farms in Paris and across Henry County."
    ctx = _through(_ctx(gaz, text, "Paris", "Henry County"), "parents")
    paris = ctx.results[0]
    before = paris.scores.copy()
    colocate(ctx)
    gain = dict(zip(paris.candidates.tolist(), (paris.scores - before).tolist(), strict=True))
    where = {r: (gaz.country_iso3(r), gaz.admin1_name(r), gaz.kind_name(r)) for r in gain}
    tennessee = next(r for r, w in where.items() if w == ("USA", "Tennessee", "city"))
    france = next(r for r, w in where.items() if w == ("FRA", "Ile-de-France", "city"))
    assert gain[tennessee] > 0.9 and gain[france] == 0.0


# ---------------------------------------------------------------------- picks


def test_picks_follow_the_other_names(gaz):
    text = "Troops entered Tskhinvali in South Ossetia as Georgia protested."
    ctx = _through(_ctx(gaz, text, "Tskhinvali", "South Ossetia", "Georgia"), "picks")
    georgia = _by_text(ctx)["Georgia"]
    assert gaz.kind_name(georgia.row) == "country" and gaz.country_iso3(georgia.row) == "GEO"
    assert 0.0 < georgia.confidence <= 1.0 and georgia.precision == 3


def test_inside_a_parent(gaz):
    ctx = _ctx(gaz, "")
    rows = ctx.lookup.find("Saraqeb")[0]
    idlib = ctx.lookup.find("Idlib province")[0]
    far = ctx.lookup.find("Latakia province")[0]
    assert inside(ctx, rows, idlib).tolist() == [1.0] and inside(ctx, rows, far).tolist() == [0.0]


# ---------------------------------------------------------------------- outliers


def test_a_town_the_text_puts_in_another_country_is_unpicked_with_its_namesakes(gaz):
    text = "Soldiers searched Moura, in central Mali. The Moura raid was condemned in Bamako."
    moura, mali, moura2, bamako = spans_of(text, "Moura", "Mali", "Moura", "Bamako")
    mentions = [Mention(moura, parent=mali), Mention(mali), Mention(moura2), Mention(bamako)]
    ctx = _through(_ctx_of(gaz, text, mentions), "picks")
    assert gaz.country_iso3(ctx.results[0].row) != "MLI"  # the only Moura it holds
    reject_outside_parent(ctx)
    first, second = ctx.results[0], ctx.results[2]
    assert first.row is None and second.row is None
    assert "is not in Mali" in first.why_unplaced
    assert ctx.parent_of[2] is ctx.results[1]  # the second mention takes the first's parent


def test_a_small_town_in_a_state_no_other_name_points_to_is_doubted(gaz):
    text = "Gunmen attacked Fakeville, then Austin, Dallas and Houston."
    ctx = _through(_ctx(gaz, text, "Fakeville", "Austin", "Dallas", "Houston"), "picks")
    assert gaz.admin1_name(ctx.results[0].row) != "Texas"
    reject_outliers(ctx)
    assert ctx.results[0].row is None
    assert "small place in a province/state" in ctx.results[0].why_unplaced
    assert all(res.row is not None for res in ctx.results[1:])


# ---------------------------------------------------------------------- fallbacks


def test_fallbacks_use_the_articles_state_then_its_country():
    text = "Storms hit Austin, Dallas, Houston and Blorpton overnight."
    [*_, blorpton] = resolve_spans(text, spans_of(text, "Austin", "Dallas", "Houston", "Blorpton"))
    assert (blorpton.name, blorpton.precision, blorpton.method) == ("Texas", 3, "admin1")
    assert "3 other places lie in it" in blorpton.reason
    text = "Malian troops clashed with jihadists near Gao and Blorptoumbou in Mali."
    places = resolve_spans(text, spans_of(text, "Malian", "Gao", "Blorptoumbou", "Mali"))
    assert (places[2].country, places[2].precision, places[2].method) == ("MLI", 3, "country")


def test_a_place_named_inside_an_unknown_name(gaz):
    ctx = _ctx(gaz, "")
    (rows, _, _, _), part = places_inside(ctx, "Greater Damascus Area", [gaz.cc_index("SYR")])
    assert part == "Damascus" and {gaz.country_iso3(int(r)) for r in rows} == {"SYR"}
    assert places_inside(ctx, "Greater Area", [gaz.cc_index("SYR")])[1] == ""


@pytest.mark.parametrize(
    "text, why",
    [("", "empty"), ("(?)", "no letters"), ("Дамаск", "script"), ("Ab " * 40, "too long")],
)
def test_strings_that_cannot_be_names_get_no_fallback_and_say_why(text, why):
    assert not plausible_name(text)
    assert why in why_unresolved(text)


def test_a_name_placed_at_its_parent():
    text = "Shelling hit Qarqaflat, Idlib, on Friday."
    [qarqaflat, _] = resolve_spans(text, [Span(13, 22, "Qarqaflat"), Span(24, 29, "Idlib")])
    assert (qarqaflat.name, qarqaflat.precision, qarqaflat.method) == ("Idlib", 3, "parent")


@pytest.mark.parametrize(
    ("text", "part", "parent", "kept"),
    [
        # the gazetteer's al-Zahraa lies by Nubl, 190 km north of Homs
        ("Car bombs hit the al-Zahraa district of Homs.", "al-Zahraa", "Homs", False),
        # the bigger place named first is the city: the suburb is the parent here
        ("A man from the Cincinnati suburb of West Chester was jailed.", "Cincinnati", "West Chester", True),
    ],
)  # fmt: skip
def test_a_part_far_from_the_city_it_is_said_to_be_in_is_unpicked(gaz, text, part, parent, kept):
    a, b = spans_of(text, part, parent)
    ctx = _through(_ctx_of(gaz, text, [Mention(a, parent=b), Mention(b)]), "picks")
    picked = ctx.results[0].row
    assert picked is not None
    reject_outside_parent(ctx)
    assert (ctx.results[0].row == picked) is kept
