"""Each input format, and each kind of bad input: clear error, nothing else lost."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json

from helpers import write

from sitrep.ingest import Limits, ingest

BODY = (
    "Shelling killed five people in the old market of Hama on Tuesday, local officials said. "
    "Residents said the shells landed near a bakery shortly after dawn."
)


def _articles(store):
    return list(store.articles.iter(with_raw=True))


def test_text_with_front_matter_and_title(tmp_path, store):
    f = write(
        tmp_path / "a.txt",
        f"---\nurl: https://www.wire.example/x\npublished: 2024-03-14\n---\nMarket shelled in Hama\n\n{BODY}\n",
    )
    report = ingest([str(f)], store)
    assert report.ok and report.new == 1
    (a,) = _articles(store)
    assert a.title == "Market shelled in Hama"
    assert a.url == "https://www.wire.example/x"
    assert a.outlet == "wire.example"  # from the URL when no outlet is given
    assert a.published == dt.date(2024, 3, 14)
    assert a.text.startswith("Shelling killed five") and a.language == "en"


def test_text_first_line_sentence_is_not_a_title(tmp_path, store):
    f = write(tmp_path / "b.txt", BODY + "\n\nA second paragraph follows here.")
    ingest([str(f)], store)
    (a,) = _articles(store)
    assert a.title is None and a.text.startswith("Shelling killed")


def test_jsonl_malformed_line_names_file_and_line_and_keeps_others(tmp_path, store):
    lines = [
        json.dumps({"text": BODY, "outlet": "one", "published": "2024-03-14"}),
        '{"text": "broken',
        json.dumps({"title": "no text here"}),
        json.dumps(
            {
                "body": BODY.replace("five", "six"),
                "source": "two",
                "date": "Thu, 14 Mar 2024 10:00:00 GMT",
            }
        ),
    ]
    f = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    report = ingest([str(f)], store)
    assert report.new == 2
    where = {(e.source.split("/")[-1], e.line) for e in report.errors}
    assert where == {("feed.jsonl", 2), ("feed.jsonl", 3)}
    assert any("malformed JSON" in e.message for e in report.errors)
    assert any("no text field" in e.message for e in report.errors)
    outlets = {a.outlet: a for a in _articles(store)}
    assert set(outlets) == {"one", "two"}
    assert outlets["two"].published == dt.datetime(2024, 3, 14, 10, tzinfo=dt.UTC)
    assert outlets["one"].source.endswith("feed.jsonl:1")
    # Errors are kept in the store for `sitrep errors`.
    assert {e.line for e in store.runs.errors()} == {2, 3}


def test_csv_without_text_column_names_it(tmp_path, store):
    f = write(tmp_path / "x.csv", "url,title\nhttps://a.example,Hello\n")
    report = ingest([str(f)], store)
    assert report.new == 0
    (e,) = report.errors
    assert "no 'text' column" in e.message and "url, title" in e.message


def test_csv_rows(tmp_path, store):
    buf = io.StringIO()
    import csv

    w = csv.writer(buf)
    w.writerow(["url", "outlet", "title", "published", "text"])
    w.writerow(["https://a.example/1", "A", "First", "2024-03-01", BODY])
    w.writerow(["https://b.example/2", "B", "Second", "2024-03-02", BODY + " More, with a comma."])
    f = write(tmp_path / "x.csv", buf.getvalue())
    report = ingest([str(f)], store)
    assert report.ok and report.new == 2
    assert sorted(a.title for a in _articles(store)) == ["First", "Second"]


def test_csv_with_a_news_dataset_layout(tmp_path, store):
    # FA-KES-style columns: article_title, article_content, source, date
    buf = io.StringIO()
    import csv

    w = csv.writer(buf)
    w.writerow(["unit_id", "article_title", "article_content", "source", "date", "labels"])
    w.writerow(["17", "Market shelled", BODY, "wire-a", "3/14/2016", "1"])
    f = write(tmp_path / "fakes.csv", buf.getvalue())
    report = ingest([str(f)], store)
    assert report.ok and report.new == 1
    (a,) = _articles(store)
    assert a.title == "Market shelled" and a.outlet == "wire-a" and a.text.startswith(BODY[:20])


def test_html_page_main_text_and_metadata(tmp_path, store):
    page = f"""<!doctype html><html><head><title>Hama market shelled | Wire</title>
    <meta property="og:site_name" content="sitrep-test/wire">
    <meta property="article:published_time" content="2024-03-14T09:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Hama market shelled</h1><p>{BODY}</p><p>{BODY.replace("five", "seven")}</p></article>
    <footer>Copyright Wire</footer></body></html>"""
    f = write(tmp_path / "page.html", page)
    report = ingest([str(f)], store)
    assert report.ok, report.errors
    (a,) = _articles(store)
    assert a.outlet == "sitrep-test/wire"  # exactly as written, not re-cased
    assert "Shelling killed five people" in a.text and "Copyright" not in a.text
    assert a.published is not None and str(a.published).startswith("2024-03-14")
    assert a.raw is not None and "<nav>" in a.raw  # the raw page is kept


def test_broken_html_still_gives_the_body(tmp_path, store):
    page = f"<html><head><title>T</title></head><body><div><article><p>{BODY}<p>{BODY} </div></span><p>tail"
    f = write(tmp_path / "broken.html", page)
    report = ingest([str(f)], store)
    assert report.ok and report.new == 1


def test_html_without_article_body_is_an_error(tmp_path, store):
    f = write(
        tmp_path / "empty.html",
        "<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>",
    )
    report = ingest([str(f)], store)
    assert report.new == 0
    assert "no article body" in report.errors[0].message


def test_rss_and_atom_entries(tmp_path, store):
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire Feed</title>
    <item><title>One</title><link>https://w.example/1</link><pubDate>Thu, 14 Mar 2024 08:00:00 GMT</pubDate>
    <description>&lt;p&gt;{BODY}&lt;/p&gt;</description></item>
    <item><title>Two</title><link>https://w.example/2</link><description>{BODY.replace("five", "nine")}</description></item>
    </channel></rss>"""
    atom = f"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
    <entry><title>Three</title><link href="https://a.example/3"/><updated>2024-03-15T10:00:00Z</updated>
    <content type="html">&lt;p&gt;{BODY.replace("five", "three")}&lt;/p&gt;</content></entry></feed>"""
    write(tmp_path / "f" / "wire.xml", rss)
    write(tmp_path / "f" / "atom.atom", atom)
    report = ingest([str(tmp_path / "f")], store)
    assert report.ok and report.new == 3
    by_title = {a.title: a for a in _articles(store)}
    assert by_title["One"].outlet == "Wire Feed" and by_title["One"].source.endswith("wire.xml#1")
    assert by_title["One"].published == dt.datetime(2024, 3, 14, 8, tzinfo=dt.UTC)
    assert "<p>" not in by_title["One"].text
    assert by_title["Three"].outlet == "Atom Wire"


def test_gzip_files(tmp_path, store):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(("Title here\n\n" + BODY).encode()))
    lines = "\n".join(json.dumps({"text": BODY + f" Item {i}."}) for i in range(3))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    (tmp_path / "bad.txt.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    report = ingest([str(tmp_path)], store)
    assert report.new == 4
    assert [e.source.split("/")[-1] for e in report.errors] == ["bad.txt.gz"]


def test_stdin_is_sniffed(store):
    data = "\n".join(json.dumps({"text": BODY + f" Line {i}."}) for i in range(2)).encode()
    report = ingest(["-"], store, stdin=io.BytesIO(data))
    assert report.new == 2
    assert {a.source for a in _articles(store)} == {"<stdin>:1", "<stdin>:2"}


def test_json_array_file(tmp_path, store):
    f = write(
        tmp_path / "arr.json", json.dumps([{"text": BODY}, {"text": BODY + " Two."}, 5], indent=2)
    )
    report = ingest([str(f)], store)
    assert report.new == 2 and len(report.errors) == 1


def test_binary_empty_and_missing_inputs(tmp_path, store):
    write(tmp_path / "img.txt", bytes(range(256)) * 40)
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "blank.txt", "   \n\n  ")
    good = write(tmp_path / "good.txt", BODY)
    report = ingest([str(tmp_path), str(tmp_path / "missing.txt")], store)
    assert report.new == 1 and _articles(store)[0].source == str(good)
    messages = {e.source.split("/")[-1]: e.message for e in report.errors}
    assert "binary" in messages["img.txt"]
    assert "empty" in messages["empty.txt"]
    assert "empty" in messages["blank.txt"]
    assert "no such file" in messages["missing.txt"]


def test_legacy_encoding_and_invalid_utf8(tmp_path, store):
    write(
        tmp_path / "latin.txt",
        ("Le café de la ville a été bombardé très tôt, selon des témoins. " * 3).encode("cp1252"),
    )
    write(tmp_path / "mixed.txt", BODY.encode() + b" \xff\xfe broken bytes " + BODY.encode())
    report = ingest([str(tmp_path)], store)
    assert report.new == 2
    texts = {a.source.split("/")[-1]: a for a in _articles(store)}
    assert "café" in texts["latin.txt"].text and "très" in texts["latin.txt"].text
    assert texts["latin.txt"].language == "fr"
    assert "Shelling killed five" in texts["mixed.txt"].text


def test_non_english_is_stored_and_marked(tmp_path, store):
    write(
        tmp_path / "es.txt",
        "Al menos cinco personas murieron el martes en un bombardeo contra el mercado, dijeron las autoridades locales.",
    )
    write(
        tmp_path / "ar.txt",
        "قتل خمسة أشخاص في قصف على السوق القديم في حماة يوم الثلاثاء بحسب مسؤولين محليين",
    )
    report = ingest([str(tmp_path)], store)
    assert report.new == 2 and report.non_english == 2
    assert sorted(a.language for a in _articles(store)) == ["ar", "es"]


def test_oversized_jsonl_line_is_skipped_with_its_line_number(tmp_path, store):
    huge = json.dumps({"text": "x " * 600_000})
    f = write(
        tmp_path / "big.jsonl",
        "\n".join([json.dumps({"text": BODY}), huge, json.dumps({"text": BODY + " After."})]),
    )
    report = ingest([str(f)], store, limits=Limits(max_record_bytes=100_000))
    assert report.new == 2
    (e,) = report.errors
    assert e.line == 2 and "longer than" in e.message


def test_garbage_json_file_stops_early(tmp_path, store):
    f = write(tmp_path / "notes.jsonl", "\n".join(f"line {i} is not json" for i in range(500)))
    report = ingest([str(f)], store)
    assert report.new == 0
    assert len(report.errors) <= 51
    assert "does not look like JSON Lines" in report.errors[-1].message


def test_ignore_file_and_unknown_types(tmp_path, store):
    src = tmp_path / "in"
    write(src / "a.txt", BODY)
    write(src / "README.md", "# About this folder\n\nNot an article at all, just notes.")
    write(src / "script.py", "print('hi')")
    write(src / ".hidden.txt", BODY + " hidden")
    write(src / ".sitrepignore", "README.md\n")
    report = ingest([str(src)], store)
    assert report.new == 1
    assert [p.split("/")[-1] for p in report.skipped_files] == ["script.py"]
