"""Hostile single records and files (from fuzzing): each stays that record's error; the rest of
the file, the other files and later runs are unaffected."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import signal
from pathlib import Path

import pytest
from helpers import write

from sitrep.errors import InputError, ReferenceDataError
from sitrep.ingest import Limits, ingest, stage


def body(i: int) -> str:
    return (
        f"Report {i}: shelling hit district {i} of the old city overnight, officials said. "
        f"Rescue teams counted {i % 50 + 2} wounded and said the market was closed."
    )


def jsonl(n: int, bad: dict[int, str] | None = None) -> str:
    bad = bad or {}
    return "".join(
        (bad[i] if i in bad else json.dumps({"text": body(i), "title": f"T{i}"})) + "\n"
        for i in range(n)
    )


def texts(store) -> list[str]:
    return [a.text for a in store.articles.iter()]


def test_input_error_survives_pickling():
    err = pickle.loads(pickle.dumps(InputError("a.jsonl", "malformed JSON", 7)))
    assert (err.source, err.message, err.line, str(err)) == (
        "a.jsonl",
        "malformed JSON",
        7,
        "a.jsonl:7: malformed JSON",
    )
    ref = pickle.loads(pickle.dumps(ReferenceDataError("ged.csv", "no rows")))
    assert type(ref) is ReferenceDataError and ref.message == "no rows"


def test_one_bad_line_in_a_pooled_file_keeps_the_rest_and_marks_it_done(tmp_path, sqlite_store):
    # 400 lines start the worker pool (after the first 200-document chunk).
    f = write(tmp_path / "in" / "big.jsonl", jsonl(400, {300: "{not json"}))
    write(tmp_path / "in" / "after.txt", "Title\n\n" + body(9999))
    report = ingest([str(tmp_path / "in")], sqlite_store)
    assert report.new == 400  # 399 lines + the file after it
    (err,) = report.errors
    assert err.source == str(f) and err.line == 301
    again = ingest([str(tmp_path / "in")], sqlite_store)
    assert again.files_unchanged == 2 and again.new == 0


def _dying_prepare(docs, limits, _parent=os.getpid(), _real=stage.prepare):
    if os.getpid() != _parent:  # in a pool worker: die as an out-of-memory kill would
        os._exit(1)
    return _real(docs, limits)


def test_a_broken_pool_loses_no_documents(tmp_path, sqlite_store, monkeypatch):
    monkeypatch.setattr(stage, "prepare", _dying_prepare)
    write(tmp_path / "big.jsonl", jsonl(1500))
    report = ingest([str(tmp_path / "big.jsonl")], sqlite_store)
    assert report.new == 1500 and not report.errors


def test_prepare_turns_an_unexpected_failure_into_that_documents_error(monkeypatch):
    real = stage.to_article

    def flaky(doc, limits):
        if "Report 1:" in doc.text:
            raise ValueError("boom")
        return real(doc, limits)

    monkeypatch.setattr(stage, "to_article", flaky)
    docs = [stage.RawDoc(text=body(i), source=f"f.jsonl:{i + 1}") for i in range(3)]
    out = stage.prepare(docs, Limits())
    assert [type(item).__name__ for item, _ in out] == ["Article", "InputError", "Article"]
    assert out[1][0].source == "f.jsonl:2" and "ValueError: boom" in out[1][0].message


def test_deeply_nested_json_is_one_error(tmp_path, sqlite_store):
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    write(tmp_path / "in" / "a.jsonl", jsonl(3, {1: deep}))
    write(tmp_path / "in" / "b.json", "[" * 100_000 + "]" * 100_000)
    report = ingest([str(tmp_path / "in")], sqlite_store)
    assert report.new == 2
    assert sorted((Path(e.source).name, e.line) for e in report.errors) == [
        ("a.jsonl", 2),
        ("b.json", None),
    ]


def test_corrupt_gzip_mid_stream(tmp_path, sqlite_store):
    good = gzip.compress(jsonl(300).encode())
    # A second gzip member whose deflate data is invalid (reserved block type): zlib.error.
    write(tmp_path / "in" / "a.jsonl.gz", good + good[:10] + b"\x07" + bytes(100))
    flipped = bytearray(gzip.compress(jsonl(3000).encode(), compresslevel=1))
    for i in range(len(flipped) // 2, len(flipped) // 2 + 64):
        flipped[i] ^= 0x5A  # decodes to garbage, or fails, depending on the bits hit
    write(tmp_path / "in" / "b.jsonl.gz", bytes(flipped))
    write(tmp_path / "in" / "c.txt", "Title\n\n" + body(9999))
    report = ingest([str(tmp_path / "in")], sqlite_store)
    stored = set(texts(sqlite_store))
    assert {body(i) for i in range(300)} <= stored and body(9999) in stored
    assert {
        body(i) for i in range(1, 1000)
    } <= stored  # b's first thousand lines precede the damage
    (a_err,) = [e for e in report.errors if e.source.endswith("a.jsonl.gz")]
    assert "cannot read" in a_err.message and "invalid block type" in a_err.message
    assert any(e.source.endswith("b.jsonl.gz") for e in report.errors)


def test_lone_surrogates_in_text_and_metadata_are_replaced(tmp_path, sqlite_store):
    line = json.dumps({"text": body(1) + " \ud800 end", "title": "T\udfff", "outlet": "O\ud800"})
    write(tmp_path / "a.jsonl", line + "\n" + json.dumps({"\ud800": "no text"}) + "\n")
    report = ingest([str(tmp_path / "a.jsonl")], sqlite_store)
    (article,) = list(sqlite_store.articles.iter())
    assert "\ufffd end" in article.text and article.title == "T\ufffd"
    assert article.outlet == "O\ufffd"
    (err,) = report.errors
    assert "\ufffd" in err.message and err.line == 2


def test_file_name_that_is_not_utf8(tmp_path, sqlite_store):
    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as f:
        f.write(("Title\n\n" + body(1)).encode())
    report = ingest([str(folder)], sqlite_store)
    assert report.new == 1 and not report.errors
    (article,) = list(sqlite_store.articles.iter())
    assert article.source.endswith("caf\ufffd.txt")
    assert ingest([str(folder)], sqlite_store).files_unchanged == 1


def test_unreadable_subfolder_is_an_error_and_the_walk_goes_on(tmp_path, sqlite_store, monkeypatch):
    write(tmp_path / "in" / "a" / "x.txt", "Title\n\n" + body(1))
    locked = write(tmp_path / "in" / "b" / "y.txt", "Title\n\n" + body(2)).parent
    write(tmp_path / "in" / "c" / "z.txt", "Title\n\n" + body(3))
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: make the listing fail instead
            real = Path.iterdir

            def iterdir(self):
                if self == locked:
                    raise PermissionError(13, "Permission denied")
                return real(self)

            monkeypatch.setattr(Path, "iterdir", iterdir)
        report = ingest([str(tmp_path / "in")], sqlite_store)
    finally:
        locked.chmod(0o755)
    assert report.new == 2
    (err,) = report.errors
    assert err.source.endswith("in/b") and "Permission denied" in err.message


# --- bounded time and memory ---


def test_gzip_bomb_stops_with_the_articles_before_it_kept(tmp_path, sqlite_store):
    limits = Limits(max_decompressed_bytes=1 << 20)
    payload = jsonl(20).encode() + b" " * (50 << 20)
    write(tmp_path / "bomb.jsonl.gz", gzip.compress(payload))
    report = ingest([str(tmp_path / "bomb.jsonl.gz")], sqlite_store, limits=limits)
    assert report.new == 20
    (err,) = [e for e in report.errors if "decompressed" in e.message]
    assert err.source.endswith("bomb.jsonl.gz") and "gzip bomb" in err.message


def test_errors_per_file_are_capped(tmp_path, sqlite_store):
    limits = Limits(max_errors_per_file=50, max_record_bytes=10_000)
    rows = "".join(f'"{body(i)}",x\n' for i in range(3))
    junk = '"never closed,x\n' + 'a,"b\nc,d,e,"f\n' * 20_000
    write(tmp_path / "a.csv.gz", gzip.compress(("text,outlet\n" + rows + junk).encode()))
    report = ingest([str(tmp_path / "a.csv.gz")], sqlite_store, limits=limits)
    assert report.new == 3
    assert len(report.errors) == 51
    assert "more than 50 bad records; stopped" in report.errors[-1].message


def test_a_file_of_newlines_stops(tmp_path, sqlite_store):
    limits = Limits(max_blank_lines=1000)
    data = jsonl(2).encode() + b"\n" * 5_000_000 + jsonl(1).encode()
    write(tmp_path / "a.jsonl.gz", gzip.compress(data))
    write(tmp_path / "b.csv", "text\n" + "\n" * 5000 + f'"{body(7)}"\n')
    report = ingest([str(tmp_path)], sqlite_store, limits=limits)
    assert report.new == 2
    assert sorted(Path(e.source).name for e in report.errors) == ["a.jsonl.gz", "b.csv"]
    assert all("in a row; stopped" in e.message for e in report.errors)


def test_an_over_long_csv_line_is_an_error_not_a_memory_spike(tmp_path, sqlite_store):
    limits = Limits(max_record_bytes=10_000)
    huge = "x" * 1_000_000
    data = f'text,title\n"{body(1)}",a\n{huge},b\n"{body(2)}",c\n"{huge}\n"{body(3)}",d\n'
    write(tmp_path / "a.csv", data)
    report = ingest([str(tmp_path / "a.csv")], sqlite_store, limits=limits)
    # The line after the unclosed quote is read afresh, so "d" is not lost with it.
    assert sorted(a.title for a in sqlite_store.articles.iter()) == ["a", "c", "d"]
    assert [e.line for e in report.errors] == [3, 5]  # the physical lines, skipped ones counted
    assert all("longer than 10,000 bytes" in e.message for e in report.errors)


@pytest.mark.parametrize("kind", ["txt", "jsonl", "rss"])
def test_an_over_long_article_is_cut_at_a_paragraph_and_reported(tmp_path, sqlite_store, kind):
    limits = Limits(max_article_chars=2000)
    paragraphs = [body(i) for i in range(40)]
    if kind == "txt":
        write(tmp_path / "a.txt", "Title\n\n" + "\n\n".join(paragraphs))
    elif kind == "jsonl":
        write(tmp_path / "a.jsonl", json.dumps({"text": "\n\n".join(paragraphs)}) + "\n")
    else:
        items = "".join(f"<p>{p}</p>" for p in paragraphs)
        feed = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item>'
            f"<title>T</title><description><![CDATA[{items}]]></description></item>"
            "</channel></rss>"
        )
        write(tmp_path / "a.rss", feed)
    report = ingest([str(tmp_path)], sqlite_store, limits=limits)
    (text,) = texts(sqlite_store)
    assert 1000 < len(text) <= 2000 and text.endswith("closed.")
    (err,) = report.errors
    assert err.source.endswith(f"a.{kind}") and "cut to 2,000" in err.message


# --- folders ---


def test_symlink_loops_and_links_out_of_the_folder(tmp_path, sqlite_store):
    folder = tmp_path / "in"
    write(folder / "a.txt", "Title\n\n" + body(1))
    (folder / "loop1").symlink_to(".")
    (folder / "loop2").symlink_to(folder)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    secret = write(tmp_path / "outside" / "secret.txt", "Title\n\n" + body(2))
    (folder / "secret.txt").symlink_to(secret)
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    report = ingest([str(folder)], sqlite_store)
    assert texts(sqlite_store) == [body(1)] and not report.errors
    reasons = " | ".join(report.skipped_files)
    assert "loop1 (folder already read" in reasons and "sub/up (folder already read" in reasons
    assert "secret.txt (link to outside the folder" in reasons
    followed = ingest([str(folder)], sqlite_store, follow_links=True)
    assert body(2) in texts(sqlite_store) and followed.new >= 1


def test_fifo_is_skipped_without_being_opened(tmp_path, sqlite_store):
    write(tmp_path / "a.txt", "Title\n\n" + body(1))
    os.mkfifo(tmp_path / "pipe.txt")
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("ingest blocked on the FIFO"))
    signal.alarm(30)
    try:
        report = ingest([str(tmp_path)], sqlite_store)
    finally:
        signal.alarm(0)
    assert report.new == 1 and not report.errors
    assert any("pipe.txt (a FIFO" in s for s in report.skipped_files)


# --- encodings ---


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-16", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(tmp_path, sqlite_store, encoding):
    write(tmp_path / "a.txt", ("Title\n\n" + body(5)).encode(encoding))
    write(tmp_path / "b.jsonl", jsonl(3).encode(encoding))
    write(tmp_path / "c.csv", f'text,title\n"{body(7)}",x\n'.encode(encoding))
    write(tmp_path / "d.json", json.dumps([{"text": body(8)}]).encode(encoding))
    report = ingest([str(tmp_path)], sqlite_store)
    assert not report.errors, report.errors
    assert sorted(texts(sqlite_store)) == sorted(map(body, [5, 0, 1, 2, 7, 8]))


def test_read_input_never_raises(tmp_path, monkeypatch):
    from sitrep.ingest import files
    from sitrep.ingest.raw import RawDoc

    def broken_reader(stream, source, limits, encoding):
        yield RawDoc(text=body(1), source=f"{source}:1")
        raise KeyError("surprise")

    monkeypatch.setattr(files, "read_jsonl", broken_reader)
    path = write(tmp_path / "a.jsonl", jsonl(3))
    item = files.InputFile(str(path), path, "jsonl")
    with open(path, "rb") as raw:
        out = list(files.read_input(item, raw, Limits()))
    assert isinstance(out[0], RawDoc)
    (err,) = out[1:]
    assert err.source == str(path)
    assert "after record 1" in err.message and "KeyError" in err.message
