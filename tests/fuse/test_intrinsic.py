"""The intrinsic copy check: each signal on sentences of our own, the rule that combines them,
and the copy stage using it when no source is in the corpus."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

import sitrep
from sitrep.fuse.copies import CopyVerdict
from sitrep.fuse.events import build_event
from sitrep.fuse.features import ArticleInfo
from sitrep.fuse.intrinsic import FLAG, assess, spin_score
from sitrep.model import Casualties, Claim, Figure, Span

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
PUB = dt.date(2024, 5, 20)


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def body(name: str) -> tuple[str | None, str]:
    """(title, text) of a test article file with front matter, as the text reader splits it."""
    text = read(name).split("---", 2)[-1].strip()
    title, rest = text.split("\n", 1)
    return title.strip(), rest.strip()


def signal(verdict, name):
    return next((s for s in verdict.signals if s.name == name), None)


# ---------------------------------------------------------------- originals stay originals
@pytest.mark.parametrize(
    "name",
    [
        "wire_plain.txt",
        "wire_saraqeb.txt",
        "wire_douma.txt",
        "wire_aden.txt",
        "independent_saraqeb.txt",
    ],
)
def test_plain_wire_reports_are_not_flagged(name):
    text = read(name)
    title, text = body(name) if text.startswith("---") else (None, text)
    v = assess(text, title, "orchard-wire.example", PUB)
    assert v.status == "original" and not v.flagged
    assert v.score < 1, v.reasons


# ---------------------------------------------------------------- one signal at a time
def test_homoglyphs_are_conclusive_from_three_words():
    text = "Dоzens оf people died when the cаr bomb hit the convoy on Saturday, officials said."
    v = assess(text)
    assert signal(v, "homoglyphs").weight == 3
    assert v.status == "spun"
    one = assess("Тhey were moved to the city overnight, the agency said.")
    assert signal(one, "homoglyphs").weight == 0.5 and not one.flagged


def test_fingerprints_count_distinct_swaps_only_where_wires_differ():
    v = assess("Russian Federation jets struck again. Russian Federation denied it.")
    fp = signal(v, "fingerprints")
    assert fp.weight == 1 and "(2x)" in fp.reason and not v.flagged
    # officials' own style, a newspaper's name and a team are no swaps
    plain = assess("The Russian Federation said so, USA Today reported, and Team USA left.")
    assert signal(plain, "fingerprints") is None
    three = assess("USA officials and Russian Federation envoys cited worldwide humanitarian law.")
    assert signal(three, "fingerprints").weight == 3 and three.flagged
    # the country named as a noun is a writer's style; only "USA" before a noun is the swap
    assert signal(assess("Protesters blamed the USA and its allies."), "fingerprints") is None
    assert signal(assess("The US -led coalition denied it."), "fingerprints") is not None
    assert signal(assess("A raid killed more than 40 individuals."), "fingerprints") is not None


def test_title_pasted_into_the_body():
    title = "Shelling kills nine in market town"
    twice = f"{title}\n\n{title}\n\nShells hit the market on Saturday, the council said."
    assert signal(assess(twice, title), "title_repeated").weight == 1.5
    once = f"Shells hit the market on Saturday, the council said.\n\nBy Staff\n\n{title}"
    v = assess(once, title)
    assert signal(v, "title_repeated").weight == 1 and not v.flagged
    # on top (under a date line) it may be the headline a scraper kept: half the weight
    for top in (f"{title}\n\n", f"July 29, 2022 / 7:38 AM\n\n{title}\n\n"):
        kept = top + "Shells hit the market on Saturday, the council said."
        assert signal(assess(kept, title), "title_repeated").weight == 0.5
    assert (
        signal(assess("Shells hit the market, the council said.", title), "title_repeated") is None
    )


def test_two_wire_leads_and_a_sign_off_in_the_middle():
    two = (
        "ALEPPO, Syria (Orchard Wire) - Shells hit a market on Monday, a monitor said.\n\n"
        "Rescuers searched the rubble until night.\n\n"
        "ADEN (Reuters) - A car bomb killed four soldiers at a checkpoint, officials said."
    )
    assert signal(assess(two), "other_leads").weight == 1.5
    one = "ALEPPO, Syria (Orchard Wire) - Shells hit a market on Monday.\n\nRescuers searched."
    assert signal(assess(one), "other_leads") is None
    notice = one + "\n\nATTENTION EDITORS - VISUAL COVERAGE OF SCENES OF INJURY"
    assert signal(assess(notice), "other_leads") is None
    signoff = "Shells hit a market on Monday. - Reuters\n\nThe army said it hit back on Tuesday."
    assert signal(assess(signoff), "other_leads").weight == 1


def test_two_agencies_speaking_as_the_reporter():
    text = (
        "A farmer told Reuters the drone came at dusk. A nurse told The Associated Press "
        "that 30 wounded arrived."
    )
    v = assess(text)
    assert signal(v, "mixed_agencies").weight == 1.5 and not v.flagged
    assert signal(assess("A farmer told Reuters the drone came at dusk."), "mixed_agencies") is None


def test_event_dates_weeks_apart():
    text = (
        "A mortar round killed two brothers on April 22. "
        "Gunmen seized a bus on May 4, residents said. "
        "Artillery hit the market on Saturday, the council said."
    )
    v = assess(text, published=PUB)
    spread = signal(v, "date_spread")
    assert spread is not None and "2024-04-22" in spread.reason and "2024-05-18" in spread.reason
    assert signal(assess(text), "date_spread") is None  # no publication date, nothing resolved
    # one story's days are close together
    close = text.replace("April 22", "May 15").replace("May 4", "May 16")
    assert signal(assess(close, published=PUB), "date_spread") is None


def test_an_opening_that_goes_on_from_a_sentence_the_page_lacks_is_lifted():
    lifted = (
        "The head of the agency's team in the province, Mona Farid, later told reporters that "
        "dozens had been brought to the clinic.\n\nA bus was hit near the market on Sunday."
    )
    v = assess(lifted)
    found = signal(v, "lifted")
    assert found is not None and found.weight == 1 and "later told" in found.reason
    # the same words further down, after the news, are ordinary
    lead = "A bus was hit near the market on Sunday, killing 12, medics said.\n\n"
    assert signal(assess(lead + lifted), "lifted") is None
    # past a dateline and a byline, the first sentence of running text is the one read
    head = "By Staff Writer\n\nKANDAHAR — "
    assert signal(assess(head + lifted), "lifted") is not None


def test_he_said_before_anyone_is_named_is_lifted_and_after_a_person_is_not():
    orphan = (
        "An air strike hit a fuel depot outside the port on Monday, the Red Crescent said.\n\n"
        "He said the fire burned through the night."
    )
    v = assess(orphan)
    assert signal(v, "lifted") is not None and "He said the fire" in signal(v, "lifted").reason
    introduced = [
        orphan.replace("the Red Crescent said", "a spokesman for the Red Crescent said"),
        orphan.replace("the Red Crescent said", "Red Crescent official Samir Nouri said"),
        orphan.replace("the Red Crescent said", "the Red Crescent said. Nouri said it was"),
        orphan.replace("the Red Crescent said", "the port's governor said"),
        orphan.replace("the Red Crescent said", "a witness said"),
    ]
    for page in introduced:
        assert signal(assess(page), "lifted") is None, page
    # the title can name the one the pronoun stands for
    assert signal(assess(orphan, title="Governor says depot fire out"), "lifted") is None


def test_a_lifted_sentence_tips_a_page_with_a_swap_but_not_alone():
    orphan = (
        "An air strike hit a bus carrying pupils on Thursday, the Red Cross said.\n\n"
        "He said the wounded were taken to the provincial hospital.\n\n"
        "Rights groups said the strike broke worldwide humanitarian law."
    )
    v = assess(orphan, title="Strike hits school bus")
    assert v.status == "stitched" and v.score >= FLAG, v.reasons
    assert {s.name for s in v.signals} == {"lifted", "fingerprints", "no_dateline_byline"}
    plain = orphan.replace("worldwide humanitarian", "international humanitarian")
    assert assess(plain, title="Strike hits school bus").status == "original"


def test_a_paragraph_from_another_beat_is_off_topic():
    text = (
        "Shelling killed four people in the old market on Monday, medics said.\n\n"
        "Coach: we need a result in this game\n\n"
        "The striker said one goal would settle the tie before the fans go home.\n\n"
        "Residents fled towards the river as the shelling went on."
    )
    off = signal(assess(text), "off_topic")
    assert off is not None and off.kind == "stitch" and "sport" in off.reason
    # one sports word, or sports words beside the war, is a report's own language
    own = (
        "The goal of the offensive is the river crossing, an officer said.\n\n"
        "Shells hit the stadium where the league match was to be played; two fans died."
    )
    assert signal(assess(own), "off_topic") is None


SWAPPED = [
    "The Assembled Nations Security Board met after the raid.",
    "The passing toll rose to 31, the Syrian Observatory for Basic liberties said.",
    "The militant bunch guaranteed liability for the attack.",
    "Hamas required to web-based media to blame the strike.",
    "Medics said six men capitulated to their wounds in hospital.",
    "Reuters couldn't autonomously verify the figures.",
    "The officials spoke on state of namelessness.",
    "Red Sickle teams carried ladies and kids from the rubble.",
    "The blast struck at 9 am nearby time.",
    "Harmony talks in Doha stalled, the head administrator said.",
]
PLAIN = [
    "The United Nations Security Council met after the raid.",
    "The death toll rose to 31, the Syrian Observatory for Human Rights said.",
    "The militant group claimed responsibility for the attack.",
    "Hamas took to social media to blame the strike.",
    "Medics said six men succumbed to their wounds in hospital.",
    "Reuters could not independently verify the figures.",
    "The officials spoke on condition of anonymity.",
    "Red Crescent teams carried women and children from the rubble.",
    "The blast struck at 9 am local time.",
    "Peace talks in Doha stalled, the prime minister said.",
]


@pytest.mark.parametrize(("swapped", "plain"), list(zip(SWAPPED, PLAIN, strict=True)))
def test_a_spinners_swap_is_found_and_the_wire_phrase_is_not(swapped, plain):
    assert signal(assess(swapped), "fingerprints") is not None
    assert signal(assess(plain), "fingerprints") is None


def test_three_distinct_swaps_flag_a_page_that_wire_wording_leaves_alone():
    spun = " ".join(SWAPPED[1:4])
    v = assess(spun)
    assert signal(v, "fingerprints").weight == 3 and v.status == "spun"
    wire = "BEIRUT (Reuters) - " + " ".join(PLAIN)
    assert assess(wire).score == 0


def test_stock_phrases_of_an_llm_rewrite_flag_a_page_together():
    page = (
        "In a shocking turn of events, a strike hit the market. The report delves into the "
        "multifaceted causes of the war, a rich tapestry of grievances. Notably, the attack "
        "left an indelible mark on the town."
    )
    v = assess(page)
    assert signal(v, "rewrite_style").weight == 2.0 and v.flagged
    plain = "A strike hit the market on Monday, killing four people, a local official said."
    assert signal(assess(plain), "rewrite_style") is None


def test_stock_phrases_of_machine_rewriting_add_up():
    one = "Amidst the shelling, residents fled to the river, the council said."
    assert signal(assess(one), "rewrite_style").weight == 0.5
    many = (
        "A devastating blast hit the market, a tragedy struck the town. "
        "Amidst the chaos, a comprehensive investigation began. "
        "The findings shed light on the attack. Moreover, it serves as a stark reminder "
        "of the war."
    )
    v = assess(many)
    assert signal(v, "rewrite_style").weight == 2.0  # capped however many are found
    assert v.flagged and v.status == "spun" and any("sheds light" in r for r in v.reasons)
    # a plain report uses none of them
    plain = "Shells hit the market on Monday, killing nine people, the council said."
    assert signal(assess(plain), "rewrite_style") is None


def test_three_stock_phrases_are_a_tool_and_tip_an_unsigned_page():
    """Two stock phrases are still a writer's (1); a third is a rewriting tool's (2), which
    flags a page with no dateline or byline and leaves a signed wire story alone."""
    two = (
        "This tragic event left the village in mourning. Residents recounted the harrowing "
        "ordeal to visitors."
    )
    assert signal(assess(two), "rewrite_style").weight == 1.0 and not assess(two).flagged
    three = two + " It highlights the plight of civilians in the region."
    v = assess(three)
    assert signal(v, "rewrite_style").weight == 2.0
    assert v.status == "spun" and v.score == 2.5
    signed = "KADUNA, Nigeria (AP) - " + three
    assert not assess(signed).flagged


def test_no_single_weak_signal_flags_a_page():
    """Every signal but the conclusive ones (three look-alike words, three swaps) stays under
    the bar, even with the no-dateline tip."""
    title = "Shelling kills nine in market town"
    pages = [
        f"{title}\n\n{title}\n\nShells hit the market, the council said.",
        "One told Reuters the drone came. One told AFP that 30 wounded arrived.",
        "ALEPPO (Reuters) - Shells hit.\n\nMore fell.\n\nADEN (AFP) - A bomb went off there.",
        "The convoy was hit on April 2. Shells fell on April 20. A mortar hit on May 18.",
        "Dоzens fled the area overnight, the agency said.",
    ]
    for page in pages:
        v = assess(page, title, published=PUB)
        assert v.score < FLAG, v.reasons


def test_farm_page_is_flagged_with_reasons():
    title, text = body("farm_page.txt")
    v = assess(text, title, "daily-farm.example", "2024-05-20")
    assert v.status in ("spun", "stitched")
    names = {s.name for s in v.signals}
    assert {"fingerprints", "title_repeated"} <= names
    assert all(r.endswith(")") and "+" in r for r in v.reasons)


def test_spin_score_prefers_the_page_with_a_dateline():
    wire = read("wire_saraqeb.txt")
    bare = wire.split(" - ", 1)[1]
    assert spin_score(wire) < spin_score(bare)


# ---------------------------------------------------------------- stored verdicts
def test_verdicts_stored_before_the_evidence_field_still_load():
    old = {
        "article_id": "a",
        "status": "spun",
        "sources": ["b"],
        "matches": [],
        "share_copied": 0.5,
        "reasons": ["r"],
        "n_sentences": 4,
        "n_boilerplate": 0,
    }
    v = CopyVerdict(**old)
    assert v.evidence == "corpus"
    assert dataclasses.asdict(v)["evidence"] == "corpus"


def _claim(cid: str, article: str, killed: int) -> Claim:
    text = "Shelling killed people in the market."
    return Claim(
        id=cid,
        article_id=article,
        sentence=Span(0, len(text), text),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        casualties=Casualties(killed=Figure(best=killed)),
    )


def test_an_unsourced_copy_never_raises_n_independent():
    arts = {
        "wire": ArticleInfo("wire", "orchard-wire.example", "wire", PUB, "original"),
        "other": ArticleInfo("other", "lantern.example", "other", PUB, "original"),
        "farm": ArticleInfo("farm", "daily-farm.example", "farm", PUB, "spun"),
        "farm2": ArticleInfo("farm2", "farm-two.example", "farm2", PUB, "stitched"),
    }
    farm = [_claim("c3", "farm", 9), _claim("c4", "farm2", 90)]
    assert build_event("e", [_claim("c1", "wire", 9)], arts).n_independent == 1
    assert build_event("e", [_claim("c1", "wire", 9), *farm], arts).n_independent == 1
    two = [_claim("c1", "wire", 9), _claim("c2", "other", 9), *farm]
    assert build_event("e", two, arts).n_independent == 2
    # told only by farm pages: one report, the unknown one they copy
    event = build_event("e", farm, arts)
    assert event.n_independent == 1 and event.n_articles == 2
    # a corpus copy keeps standing for its source
    arts["copy"] = ArticleInfo(
        "copy", "x.example", "wire", PUB, "spun", ((0, 40, "wire", "wire", 0),)
    )
    assert (
        build_event("e", [_claim("c1", "wire", 9), _claim("c5", "copy", 9)], arts).n_independent
        == 1
    )


# ---------------------------------------------------------------- the copy stage
def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _by_url(store) -> dict:
    return {a.url: a for a in store.articles.iter()}


def test_copy_stage_flags_a_farm_page_with_no_source(tmp_path):
    store = sitrep.open_store(f"sqlite:///{tmp_path / 't.db'}")
    sitrep.ingest([str(DATA / "farm_page.txt"), str(DATA / "wire_plain.txt")], store)
    sitrep.fuse(store)
    arts = _by_url(store)
    farm = arts["https://daily-farm.example/dozens-dead-as-fighting-spreads-in-the-north"]
    wire = arts["https://orchard-wire.example/market-shelling-kafr-tala"]
    assert wire.copy_status == "original"
    assert farm.copy_status in ("spun", "stitched") and farm.dup_of is None
    v = store.copies.verdict(farm.id)
    assert v.evidence == "intrinsic" and v.sources == []
    assert any("word swaps" in r for r in v.reasons)
    assert store.copies.verdict(wire.id).evidence == "corpus"


def _spun(text: str) -> str:
    for a, b in (
        ("Russian", "Moscow's"),
        ("warplanes", "fighter jets"),
        ("killing", "leaving dead"),
        ("said", "stated"),
        ("residents", "inhabitants"),
        ("houses", "dwellings"),
        ("rubble", "debris"),
        ("town", "township"),
        ("wounded", "hurt"),
    ):
        text = text.replace(a, b)
    return text


def test_copy_joins_its_source_dup_group_and_same_day_order_follows_the_page(tmp_path):
    wire = read("wire_saraqeb.txt")
    bare = _spun(wire.split(" - ", 1)[1])
    # the spun copy arrives first and is published the same day as the wire report
    path = _write_jsonl(
        tmp_path / "in.jsonl",
        [
            {
                "url": "https://farm.example/a",
                "outlet": "farm.example",
                "title": "Jets hit Saraqeb",
                "published": "2024-03-12",
                "text": bare,
            },
            {
                "url": "https://orchard-wire.example/b",
                "outlet": "orchard-wire.example",
                "title": "Russian jets kill six in Saraqeb",
                "published": "2024-03-12",
                "text": wire,
            },
            {
                "url": "https://later.example/c",
                "outlet": "later.example",
                "title": "Saraqeb raid",
                "published": "2024-03-13",
                "text": _spun(wire),
            },
        ],
    )
    store = sitrep.open_store(f"sqlite:///{tmp_path / 't.db'}")
    sitrep.ingest([str(path)], store)
    sitrep.fuse(store)
    arts = _by_url(store)
    orig, farm, later = (
        arts[u]
        for u in (
            "https://orchard-wire.example/b",
            "https://farm.example/a",
            "https://later.example/c",
        )
    )
    assert orig.copy_status == "original"
    assert farm.copy_status == "spun" and farm.dup_of == orig.id
    assert later.copy_status == "spun" and later.dup_of == orig.id
    assert farm.dup_group == orig.dup_group == later.dup_group


def _page(url: str, published: str | None, text: str, title: str = "Jets hit Saraqeb") -> dict:
    return {
        "url": url,
        "outlet": url.split("/")[2],
        "title": title,
        "published": published,
        "text": text,
    }


def test_an_undated_wire_page_is_not_the_copy_of_the_farm_page_that_spun_it(tmp_path):
    """Undated pages used to come after every dated one, so an undated wire report was the
    copy of its own spin; now the cleaner page goes first on the dated page's day. A page
    no cleaner than the dated one it shares sentences with stays after it."""
    wire = read("wire_saraqeb.txt")
    farm = _spun(wire.split(" - ", 1)[1])
    other = read("wire_tamou.txt")
    pages = [
        _page("https://farm.example/a", "2024-03-12", farm),
        _page("https://orchard-wire.example/b", None, wire),
        _page("https://tamou-wire.example/c", "2024-03-10", other),
        _page("https://farm2.example/d", None, _spun(other.split(" - ", 1)[1])),
    ]
    store = sitrep.open_store(f"sqlite:///{tmp_path / 't.db'}")
    sitrep.ingest([str(_write_jsonl(tmp_path / "in.jsonl", pages))], store)
    sitrep.fuse(store)
    arts = _by_url(store)
    orig, spun = arts["https://orchard-wire.example/b"], arts["https://farm.example/a"]
    assert orig.copy_status == "original"
    assert spun.copy_status == "spun" and spun.dup_of == orig.id
    # the undated spin of a dated wire report is still its copy
    tamou = arts["https://tamou-wire.example/c"]
    assert tamou.copy_status == "original"
    assert arts["https://farm2.example/d"].dup_of == tamou.id


# ---------------------------------------------------------------- the seed, end to end
def test_seed_farm_page_through_the_pipeline(tmp_path):
    seeds = sorted(SEEDS.glob("002_*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("the shared seed pages are not next to the repository")
    store = sitrep.open_store(f"sqlite:///{tmp_path / 't.db'}")
    report = sitrep.run(
        [str(seeds[0]), str(DATA / "farm_page.txt"), str(DATA / "wire_plain.txt")], store
    )
    assert report.ok
    arts = {a.source.rsplit("/", 1)[-1]: a for a in store.articles.iter()}
    seed = arts[seeds[0].name]
    assert seed.copy_status in ("spun", "stitched")
    v = store.copies.verdict(seed.id)
    assert v.evidence == "intrinsic"
    assert any("Russian Federation" in r for r in v.reasons)
    assert any("title" in r for r in v.reasons)
    # the farm pages' claims never add an independent report to an event
    farms = {seed.id, arts["farm_page.txt"].id}
    told = [e for e in store.events.iter() if farms & set(e.articles)]
    assert told
    for event in told:
        others = [a for a in event.articles if a not in farms]
        assert event.n_independent <= max(len(others), 1), event


def test_a_real_region_named_like_a_swap_is_no_fingerprint():
    page = "Gunmen killed 12 people in the Centre East region of Burkina Faso on Monday."
    assert all(s.name != "fingerprints" for s in assess(page, title="Gunmen kill 12").signals)


def test_the_gate_words_are_ones_every_match_holds():
    """A cue is tried only on pages holding one of its gate words: the words must be in
    every match, or a page with a match would be passed over."""
    from sitrep.fuse.intrinsic import _gate
    from sitrep.vocab import intrinsic_cues

    assert _gate(r"(?i)\bsh(?:eds?|edding) (?:new )?light on\b") == {"light on"}
    assert _gate(r"\b(?:Assembled|Joined) (?:Nations|Countries)\b") == {"nations", "countries"}
    assert _gate(r"\b[A-Z]\w+ said\b") == {" said"}
    assert _gate(r"(?i)\b\w+\b") is None  # nothing literal: always tried
    for cue in intrinsic_cues():
        gate = _gate(cue.pattern.pattern)
        pages = [*SWAPPED, *PLAIN, *(p.read_text() for p in sorted(DATA.glob("*.txt")))]
        for m in (m for page in pages for m in cue.pattern.finditer(page)) if gate else ():
            assert any(w in m.group(0).lower() for w in gate), (cue.name, m.group(0))


# ---------------------------------------------------------------- a corpus of copies we wrote
COPIES = DATA / "copies_2019_2021.jsonl"
COPIES_GOLD = DATA / "copies_2019_2021.json"


def _copy_corpus(tmp_path, drop: set[str]):
    """Run our copy corpus (less the pages tagged in ``drop``): the store, its articles by url
    tag and the tag of each article id."""
    pages = [json.loads(line) for line in COPIES.read_text("utf-8").splitlines() if line]
    kept = [p for p in pages if p["url"].rsplit("/", 1)[1] not in drop]
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'c.db'}")
    sitrep.run([str(_write_jsonl(tmp_path / "in.jsonl", kept))], store, mode="rules")
    arts = {a.url.rsplit("/", 1)[1]: a for a in store.articles.iter()}
    return store, arts, {a.id: tag for tag, a in arts.items()}


def test_copies_of_eight_incidents_are_traced_to_their_sources(tmp_path):
    """Thirty-six pages we wrote on eight incidents of 2019-2021 (Kabul's maternity ward,
    Aden airport, Balyun, Inates, Tayaran Square, Afgoye checkpoint, Kabul University, the
    Marib mosque): per incident a wire report, an independent report, a reprint and a farm's
    spin (thesaurus swaps, an LLM-smooth paraphrase, a light rewrite, a rewrite that raises
    the toll and drops its sources), and four pages stitched from two incidents' reports;
    some pages show no date. With the sources collected, every copy is traced to them."""
    gold = json.loads(COPIES_GOLD.read_text("utf-8"))
    store, arts, tag_of = _copy_corpus(tmp_path, set())
    sources = {
        t: {tag_of.get(s) for s in store.copies.verdict(a.id).sources} for t, a in arts.items()
    }
    for source, copy in gold["pairs"]:
        assert source in sources[copy], (copy, sources[copy])
    for tag in gold["spun_or_stitched"]:
        assert arts[tag].copy_status in ("spun", "stitched"), tag
    for tag in gold["syndicated"]:
        assert arts[tag].copy_status == "syndicated", tag
    for tag, a in arts.items():
        if tag not in gold["spun_or_stitched"] and tag not in gold["syndicated"]:
            assert a.copy_status == "original", tag


def test_without_their_sources_farm_pages_are_read_from_the_page_and_reprints_stay_clean(
    tmp_path,
):
    """The same corpus without the reports others copy: the reprints of the missing wire
    reports are the sources now (an undated reprint is not the copy of the farm page that
    spun the same report), the independent reports stay originals, and the farm pages are
    flagged by what is left or by their own text. Known gaps: in-d and mar-d, rewrites with
    no swap, stock phrase or seam to show (a reader without the source could not tell)."""
    gold = json.loads(COPIES_GOLD.read_text("utf-8"))
    copied = {source for source, _ in gold["pairs"]}
    _, arts, _ = _copy_corpus(tmp_path, copied)
    flagged = {t for t, a in arts.items() if a.copy_status in ("spun", "stitched")}
    assert flagged <= set(gold["spun_or_stitched"])
    assert set(gold["spun_or_stitched"]) - flagged <= {"in-d", "mar-d"}
    assert arts["ad-c"].copy_status == "original"  # undated, and the spin ad-d its copy
    assert arts["ad-d"].dup_of == arts["ad-c"].id
