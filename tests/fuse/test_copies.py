"""Sentence-level copy analysis: syndicated, spun, stitched, and the false positives to avoid."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import sitrep
from sitrep.fuse.copies import SentenceIndex, analyse

DATA = Path(__file__).parent / "data"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def spin(text: str) -> str:
    for a, b in (
        ("Russian", "Russian Federation"),
        ("warplanes", "fighter jets"),
        ("killing", "leaving dead"),
        ("said", "stated"),
        ("residents", "inhabitants"),
        ("six", "nine"),
        ("14", "41"),
    ):
        text = text.replace(a, b)
    return text


def test_verbatim_copy_is_syndicated():
    wire = read("wire_saraqeb.txt")
    copy = "IDLIB (Digest via Wire) - " + wire.split(" - ", 1)[1].rsplit("\n\n", 1)[0]
    out = analyse([("wire", "2024-03-12", wire), ("copy", "2024-03-13", copy)])
    assert out["wire"].status == "original"
    v = out["copy"]
    assert v.status == "syndicated"
    assert v.sources == ["wire"]
    assert v.share_copied == 1.0
    assert all(m.kind == "verbatim" for m in v.matches)


def test_spin_is_spun_with_swapped_numbers():
    wire = read("wire_saraqeb.txt")
    out = analyse([("wire", "2024-03-12", wire), ("farm", "2024-03-13", spin(wire))])
    v = out["farm"]
    assert v.status == "spun", v.reasons
    assert v.sources == ["wire"]
    assert any(m.kind == "spun" for m in v.matches)
    changed = {pair for m in v.matches for pair in m.differing_numbers}
    assert ("six", "nine") in changed and ("14", "41") in changed
    for m in v.matches:  # spans point into the texts
        assert spin(wire)[m.sentence.start : m.sentence.end] == m.sentence.text
        assert wire[m.source_sentence.start : m.source_sentence.end] == m.source_sentence.text


def test_stitched_page_names_all_three_sources():
    a, b, c = read("wire_saraqeb.txt"), read("wire_douma.txt"), read("wire_aden.txt")
    pick = lambda t, i: t.split("\n\n")[i].split(" - ", 1)[-1]  # noqa: E731
    page = "\n\n".join(
        [
            "Breaking news from the region",
            pick(a, 0),
            spin(pick(b, 1)),
            pick(c, 0),
            "Observers fear that the silence of world powers will hurt ordinary families.",
            pick(a, 2),
            pick(c, 2),
            spin(pick(b, 0)),
        ]
    )
    out = analyse(
        [
            ("a", "2024-03-01", a),
            ("b", "2024-03-09", b),
            ("c", "2024-03-17", c),
            ("page", "2024-03-20", page),
        ]
    )
    v = out["page"]
    assert v.status == "stitched", v.reasons
    assert set(v.sources) == {"a", "b", "c"}
    assert out["a"].status == out["b"].status == out["c"].status == "original"


def test_independent_report_of_same_event_stays_original():
    wire = read("wire_saraqeb.txt")
    other = read("independent_saraqeb.txt")  # same town, day, toll and source; its own words
    out = analyse([("wire", "2024-03-12", wire), ("other", "2024-03-12", other)])
    assert out["other"].status == "original", out["other"].reasons
    assert out["other"].sources == [] or out["other"].share_copied < 0.3


def test_boilerplate_shared_by_everything_is_not_a_copy():
    boiler = "The Syrian Observatory for Human Rights is a UK-based monitor with a network of sources on the ground."
    towns = ["Douma", "Saraqeb", "Ariha", "Binnish", "Kafranbel", "Maarat", "Jisr", "Atarib"]
    verbs = ["shelled", "raided", "bombed", "besieged", "stormed", "cut off", "struck", "hit"]
    items = []
    for i, (town, verb) in enumerate(zip(towns, verbs, strict=True)):
        own = (
            f"Government forces {verb} the outskirts of {town} at dawn on day {i}, "
            f"and {i + 3} families left for camps near the border."
        )
        items.append((f"r{i}", f"2024-03-{i + 1:02d}", f"{own}\n\n{boiler}"))
    out = analyse(items)
    assert all(v.status == "original" for v in out.values()), {k: v.reasons for k, v in out.items()}
    assert out["r7"].n_boilerplate == 1  # the repeated line is recognised as boilerplate


def test_incremental_equals_batch_and_rows_round_trip():
    texts = {
        "wire": read("wire_saraqeb.txt"),
        "douma": read("wire_douma.txt"),
        "aden": read("wire_aden.txt"),
        "farm": spin(read("wire_saraqeb.txt")),
        "other": read("independent_saraqeb.txt"),
    }
    batch = analyse((k, "2024-03-10", t) for k, t in texts.items())
    idx = SentenceIndex(lookup=texts.get)
    first = list(texts)[:3]
    for k in first:
        idx.add(k, texts[k], idx.verdict(k, texts[k]))
    reloaded = SentenceIndex.from_rows(list(idx.to_rows()), lookup=texts.get)
    assert list(reloaded.to_rows()) == list(idx.to_rows())
    assert all(isinstance(r[0], int) and isinstance(r[1], str) for r in idx.to_rows())
    for k in list(texts)[3:]:
        live, again = idx.verdict(k, texts[k]), reloaded.verdict(k, texts[k])
        assert live == again == batch[k]
        idx.add(k, texts[k], live)
        reloaded.add(k, texts[k], again)
    assert batch["farm"].status == "spun"


def test_never_compared_with_itself():
    wire = read("wire_saraqeb.txt")
    idx = SentenceIndex()
    idx.add("wire", wire)
    assert idx.verdict("wire", wire).status == "original"
    assert idx.verdict("copy", wire).status == "syndicated"


@pytest.mark.parametrize("text", ["", "   \n\n ", "Shelling hit the old city of Aleppo on Monday."])
def test_degenerate_texts_do_not_crash(text):
    out = analyse([("a", None, text), ("b", None, text)])
    assert out["a"].status == "original"
    assert out["b"].status in ("original", "syndicated")


def test_five_thousand_sentence_article():
    sentences = [
        f"Report number {i} says convoy {i * 7} reached checkpoint {i % 97} near village {i % 13} late."
        for i in range(5000)
    ]
    big = " ".join(sentences)
    wire = read("wire_saraqeb.txt")
    out = analyse([("wire", "2024-03-01", wire), ("big", "2024-03-02", big)])
    assert out["big"].status == "original"
    assert out["big"].n_sentences == 5000


def test_sample_corpus_matches_truth():
    store = sitrep.open_store("sqlite:///:memory:")
    sitrep.ingest([str(SAMPLES)], store)
    articles = [a for a in store.articles.iter() if a.language == "en"]
    truth = json.loads((SAMPLES / "truth.json").read_text(encoding="utf-8"))
    by_file = {t["key"]: t for t in truth["articles"] if t["key"].startswith("articles/")}
    key_of = {a.id: a.source.replace("\\", "/").split("samples/", 1)[-1] for a in articles}
    id_of = {k: i for i, k in key_of.items()}
    out = analyse((a.id, a.published, a.text) for a in articles)
    for aid, v in out.items():
        t = by_file.get(key_of[aid])
        want = t["copy_status"] if t else "original"  # non-file records are all originals
        assert v.status == want, (key_of[aid], v.reasons)
        if t and t["copy_of"]:
            assert set(v.sources) == {id_of[k] for k in t["copy_of"]}
    assert {v.status for v in out.values()} == {"original", "syndicated", "spun", "stitched"}


def test_page_taking_most_of_a_short_source_is_its_copy():
    """A cut wire report reprinted with paragraphs of the farm's own: most of the source is
    in the page, though little of the page is the source."""
    wire = read("wire_saraqeb.txt").split("\n\n")[:3]
    padding = [
        "Hospitals in the province have run short of fuel for their generators since winter.",
        "A teachers' union in the provincial capital called a strike over unpaid salaries.",
        "The price of bread in local markets has doubled over the past two months.",
        "Farmers say the wheat harvest is expected to be the smallest in a decade.",
        "A new road linking two northern towns was opened by the local council last week.",
    ]
    page = "\n\n".join([*wire, *padding])
    out = analyse([("wire", "2024-03-12", "\n\n".join(wire)), ("farm", "2024-03-13", page)])
    v = out["farm"]
    assert v.status == "syndicated" and v.sources == ["wire"], v.reasons
    assert v.share_copied < 0.5
    assert any("takes 3 of the 3 sentences" in r for r in v.reasons)


def test_paraphrase_in_the_source_order_is_spun():
    """A rewrite that keeps two quotes and recasts every other sentence, in the wire's order:
    each recast sentence scores under the match bars, but it sits where its source sentence
    sat between the matched ones."""
    out = analyse(
        [
            ("wire", "2024-06-09", read("wire_tamou.txt")),
            ("farm", "2024-06-10", read("spun_tamou.txt")),
        ]
    )
    v = out["farm"]
    assert v.status == "spun" and v.sources == ["wire"], v.reasons
    pairs = [(m.sentence_no, m.source_sentence_no) for m in v.matches]
    assert pairs == sorted(pairs) and len(pairs) >= 8
    assert sum(m.kind == "verbatim" for m in v.matches) == 2


def test_independent_report_quoting_the_same_statement_stays_original():
    """Three sentences shared word for word (a statement both quote) in the wire's order do
    not make an independent report a paraphrase: its own sentences tell other things."""
    out = analyse(
        [
            ("wire", "2024-06-09", read("wire_tamou.txt")),
            ("other", "2024-06-10", read("independent_tamou.txt")),
        ]
    )
    v = out["other"]
    assert v.status == "original", v.reasons
    assert sum(m.kind == "verbatim" for m in v.matches) == 3


def test_the_chain_is_the_longest_run_in_both_orders():
    from sitrep.fuse.copies import _increasing

    pairs = [(0, 4), (1, 0), (2, 1), (3, 9), (4, 2), (5, 3)]
    assert _increasing(pairs) == [(1, 0), (2, 1), (4, 2), (5, 3)]
    assert _increasing([]) == []
