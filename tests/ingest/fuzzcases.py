"""Hostile-input cases for ingest, shared by tests/ingest/test_fuzz.py (a fast seeded subset)
and benchmarks/fuzz.py (thousands of cases through the CLI).

A case is one folder: two or three good article files next to one hostile file (or folder
entry). ``build`` writes it and says what must hold afterwards; ``check`` compares a finished
run (its errors and the stored articles) against that. Everything is generated from a seed,
so a failing case can be rebuilt exactly from its generator name and seed.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import random
import string
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from sitrep.ingest import Limits
from sitrep.ingest.files import KINDS

# What a test run uses: small enough that every over-the-limit case costs milliseconds.
SMALL_LIMITS = Limits(
    max_document_bytes=256 * 1024,
    max_record_bytes=64 * 1024,
    max_feed_bytes=1024 * 1024,
    keep_raw_bytes=64 * 1024,
    max_decompressed_bytes=2 * 1024 * 1024,
    max_errors_per_file=100,
    max_blank_lines=1000,
    max_article_chars=50_000,
)
# Written outside the ingest folder; no article may ever contain it (links, XML entities).
SECRET = "SECRET-7f3a9c-do-not-ingest"

PLACES = ("Aleppo", "Hama", "Idlib", "Homs", "Deir ez-Zor", "Raqqa", "Daraa", "Latakia")
VERBS = ("shelled", "struck", "raided", "bombed", "besieged")


@dataclass
class Case:
    """One built case and what must hold after ingesting ``folder``."""

    generator: str
    seed: int
    folder: Path
    limits: Limits
    good: list[str] = field(default_factory=list)  # texts that must be stored, exactly
    hostile: str = ""  # the hostile entry as the run names it (folder/name)
    expect: str = "any"  # "error": an error must name it; "ok": none may; "any": either
    min_articles: int = 0  # articles that must come from the hostile file


def sentence(rng: random.Random) -> str:
    place, verb = rng.choice(PLACES), rng.choice(VERBS)
    n = rng.randrange(2, 90)
    return f"Forces {verb} {place} on day {rng.randrange(10**9)}, and {n} people were hurt."


def article(rng: random.Random, sentences: int = 3) -> str:
    """An English article text that normalisation leaves unchanged (so it can be compared)."""
    return " ".join(sentence(rng) for _ in range(sentences))


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _good_files(case: Case, rng: random.Random) -> None:
    a, b, c = article(rng), article(rng), article(rng)
    _write(case.folder / "good_1.txt", f"A title\n\n{a}\n")
    _write(case.folder / "good_2.jsonl", json.dumps({"text": b, "title": "B"}) + "\n")
    _write(case.folder / "good_3.csv", f'title,text\nC,"{c}"\n')
    case.good += [a, b, c]


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=1, mtime=0)


def _jsonl(texts: Iterable[str]) -> bytes:
    return "".join(json.dumps({"text": t}) + "\n" for t in texts).encode()


# --- generators: each writes one hostile entry and sets the expectation ------------------------
Gen = Callable[[Case, random.Random, bool], None]
GENERATORS: dict[str, Gen] = {}


def gen(fn: Gen) -> Gen:
    GENERATORS[fn.__name__] = fn
    return fn


def _set(case: Case, name: str, data: bytes | str, expect: str = "any", articles: int = 0) -> None:
    _write(case.folder / name, data)
    case.hostile, case.expect, case.min_articles = f"{case.folder}/{name}", expect, articles


@gen
def random_bytes(case: Case, rng: random.Random, full: bool) -> None:
    ext = rng.choice(sorted(KINDS)) + rng.choice(("", ".gz"))
    data = rng.randbytes(rng.choice((1, 17, 512, 8192, 100_000)))
    _set(case, "hostile" + ext, data)


@gen
def truncated_gz(case: Case, rng: random.Random, full: bool) -> None:
    data = _gz(_jsonl(article(rng) for _ in range(50)))
    _set(case, "hostile.jsonl.gz", data[: rng.randrange(1, len(data) - 8)], "error")


@gen
def corrupt_gz(case: Case, rng: random.Random, full: bool) -> None:
    data = bytearray(_gz(_jsonl(article(rng) for _ in range(200))))
    for _ in range(rng.randrange(1, 20)):
        data[rng.randrange(10, len(data) - 8)] ^= rng.randrange(1, 256)
    _set(case, "hostile.jsonl.gz", bytes(data), "error")


@cache
def _spaces_member(size: int) -> bytes:
    return gzip.compress(b" " * size, compresslevel=9, mtime=0)


@gen
def gzip_bomb(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_decompressed_bytes if full else case.limits.max_decompressed_bytes
    # Concatenated members inflate like one stream, and the file stays ~1/1000 of that.
    member = 64 << 20 if full else 1 << 20
    head = _gz(_jsonl(article(rng) for _ in range(5)))
    ext = rng.choice((".jsonl.gz", ".csv.gz", ".txt.gz", ".html.gz", ".rss.gz"))
    _set(case, "bomb" + ext, head + _spaces_member(member) * (limit // member + 2), "error")


@gen
def deep_json(case: Case, rng: random.Random, full: bool) -> None:
    depth = rng.choice((1000, 5000, 30_000))
    opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
    nested = opener * depth + "1" + closer * depth
    if rng.random() < 0.5:
        _set(case, "hostile.json", nested, "error")
    else:
        line = '{"text": ' + nested + "}"
        _set(
            case,
            "hostile.jsonl",
            line + "\n" + json.dumps({"text": article(rng)}) + "\n",
            "error",
            1,
        )


@gen
def long_jsonl_line(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_record_bytes if full else case.limits.max_record_bytes
    text = article(rng)
    line = json.dumps({"text": "x" * (limit + rng.randrange(1, 1000))})
    data = (line + "\n" + json.dumps({"text": text}) + "\n").encode()
    name = "hostile" + rng.choice((".jsonl", ".ndjson", ".jsonl.gz"))
    _set(case, name, _gz(data) if name.endswith(".gz") else data, "error", 1)


@gen
def nul_bytes(case: Case, rng: random.Random, full: bool) -> None:
    text = bytearray(f"Title\n\n{article(rng)}".encode())
    for _ in range(rng.randrange(1, 10)):
        text.insert(rng.randrange(len(text)), 0)
    _set(case, "hostile" + rng.choice((".txt", ".jsonl", ".csv", ".html")), bytes(text))


@gen
def wide_encodings(case: Case, rng: random.Random, full: bool) -> None:
    """UTF-16/32, with and without BOM: readable, so the article must go in."""
    text = article(rng)
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"))
    ext = rng.choice((".txt", ".jsonl", ".csv", ".json"))
    content = {
        ".txt": f"Title\n\n{text}\n",
        ".jsonl": json.dumps({"text": text}) + "\n",
        ".json": json.dumps([{"text": text}]),
        ".csv": f'text\n"{text}"\n',
    }[ext]
    _set(case, "wide" + ext, content.encode(encoding), "ok", 1)
    case.good.append(text)


@gen
def boms(case: Case, rng: random.Random, full: bool) -> None:
    """A BOM that matches the encoding, or one that lies about it."""
    text = article(rng)
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE)
    data = rng.choice(boms) + f"Title\n\n{text}\n".encode(rng.choice(("utf-8", "utf-16-le")))
    _set(case, "bom" + rng.choice((".txt", ".jsonl", ".csv")), data)


@gen
def legacy_encodings(case: Case, rng: random.Random, full: bool) -> None:
    text = article(rng) + " Café, naïve façade, 100 € — «quoted»."
    encoding = rng.choice(("cp1252", "latin-1", "iso8859_15", "mac_roman"))
    data = f"Title\n\n{text}\n".encode(encoding, errors="replace")
    _set(case, "legacy.txt", data, "any", 1)


@gen
def invisible_and_rtl(case: Case, rng: random.Random, full: bool) -> None:
    marks = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202e\u2066\u2069"
    text = "".join(ch + (rng.choice(marks) if rng.random() < 0.3 else "") for ch in article(rng))
    text += " مقتل خمسة أشخاص في قصف على حلب"
    _set(case, "rtl" + rng.choice((".txt", ".jsonl")), "", "ok", 1)
    if case.hostile.endswith(".txt"):
        _write(Path(case.hostile), f"Title\n\n{text}\n")
    else:
        _write(Path(case.hostile), json.dumps({"text": text}) + "\n")


@gen
def long_word(case: Case, rng: random.Random, full: bool) -> None:
    word = "".join(rng.choices(string.ascii_letters, k=200_000))
    name = "word" + rng.choice((".txt", ".jsonl"))
    # With SMALL_LIMITS the JSONL line is over max_record_bytes: an error, no article.
    _set(case, name, "", "any", 1 if full or name.endswith(".txt") else 0)
    if case.hostile.endswith(".txt"):
        _write(Path(case.hostile), f"Title\n\n{article(rng)} {word} end.\n")
    else:
        _write(Path(case.hostile), json.dumps({"text": f"{article(rng)} {word}"}) + "\n")


@gen
def csv_wide(case: Case, rng: random.Random, full: bool) -> None:
    columns = [f"c{i}" for i in range(10_000)]
    columns[rng.randrange(len(columns))] = "text"
    row = ",".join(article(rng) if c == "text" else "v" for c in columns)
    _set(case, "wide.csv", ",".join(columns) + "\n" + row + "\n")


@gen
def csv_unbalanced_quotes(case: Case, rng: random.Random, full: bool) -> None:
    lines = ["text,title"] + [f'"{article(rng)}",t{i}' for i in range(3)]
    lines.append('"never closed,x')
    lines += [
        rng.choice(('a,"b', 'c,d,e,"f', '"g"",h', "i,j")) for _ in range(rng.choice((10, 5000)))
    ]
    data = "\n".join(lines) + "\n"
    name = "quotes" + rng.choice((".csv", ".tsv", ".csv.gz"))
    _set(case, name, _gz(data.encode()) if name.endswith(".gz") else data, "error")


@gen
def csv_long_line(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_record_bytes if full else case.limits.max_record_bytes
    data = f'text\n"{article(rng)}"\n' + "y" * (limit * 3) + "\n"
    _set(case, "longline.csv", data, "error", 1)


@gen
def html_nested(case: Case, rng: random.Random, full: bool) -> None:
    tag = rng.choice(("div", "span", "b", "table"))
    depth = rng.choice((5000, 50_000))
    body = f"<{tag}>" * depth + f"<p>{article(rng, 6)}</p>" + f"</{tag}>" * depth
    _set(case, "nested" + rng.choice((".html", ".xhtml")), f"<html><body>{body}</body></html>")


@gen
def html_garbage(case: Case, rng: random.Random, full: bool) -> None:
    parts = [
        "<html",
        "<body>",
        "<p>",
        "</div>",
        "<!--",
        "<script>",
        "&#x0;",
        "&#xD800;",
        "<![CDATA[",
    ]
    markup = "".join(rng.choice(parts) + article(rng, 1)[: rng.randrange(80)] for _ in range(200))
    _set(case, "garbage.htm", markup)


def _rss(items: str, doctype: str = "") -> str:
    return (
        f'<?xml version="1.0"?>{doctype}<rss version="2.0"><channel><title>Feed</title>'
        f"{items}</channel></rss>"
    )


@gen
def rss_external_entity(case: Case, rng: random.Random, full: bool) -> None:
    secret = case.folder.parent / "secret.txt"
    doctype = f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    item = f"<item><title>T &xxe;</title><description>{article(rng)} &xxe;</description></item>"
    _set(case, "xxe" + rng.choice((".rss", ".xml", ".atom")), _rss(item, doctype))


@gen
def rss_entity_expansion(case: Case, rng: random.Random, full: bool) -> None:
    ents = '<!ENTITY a0 "lol lol lol lol lol lol lol lol lol lol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10)
    )
    item = f"<item><title>T</title><description>{article(rng)} &a9;</description></item>"
    _set(case, "laughs" + rng.choice((".rss", ".rdf")), _rss(item, f"<!DOCTYPE rss [{ents}]>"))


@gen
def rss_huge_entry(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_article_chars if full else case.limits.max_article_chars
    paragraphs, size = [], 0
    while size <= limit:
        paragraphs.append(f"<p>{article(rng, 5)}</p>")
        size += len(paragraphs[-1]) - 5
    item = f"<item><title>Long</title><description><![CDATA[{''.join(paragraphs)}]]></description></item>"
    _set(case, "huge.rss", _rss(item), "error", 1)  # the cut is reported


@gen
def long_article(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_article_chars if full else case.limits.max_article_chars
    paragraphs = [article(rng, 4) for _ in range(limit // 200 + 2)]
    _set(case, "long.txt", "Title\n\n" + "\n\n".join(paragraphs), "error", 1)


@gen
def json_text_types(case: Case, rng: random.Random, full: bool) -> None:
    value = rng.choice((5, 1.5, [article(rng)], None, {"a": 1}, True, ""))
    key = rng.choice(("text", "body", "content"))
    if rng.random() < 0.5:
        _set(case, "types.jsonl", json.dumps({key: value}) + "\n", "error")
    else:
        _set(
            case,
            "types.json",
            json.dumps(rng.choice((value, [value], {"articles": [value]}))),
            "error",
        )


@gen
def json_odd_metadata(case: Case, rng: random.Random, full: bool) -> None:
    """Valid text with metadata that is a huge number, a deep list, surrogates or nothing."""
    meta = rng.choice(
        ("1" + "0" * 5000, "[" * 500 + "]" * 500, '"\\ud800\\udfff"', "null", '"\\u0000"')
    )
    title = rng.choice(("title", "date", "url", "outlet"))
    text = json.dumps(article(rng))[:-1] + rng.choice(("", "\\ud800", "\\udc80")) + '"'
    line = '{"text": ' + text + f', "{title}": {meta}' + "}"
    _set(case, "meta.jsonl", line + "\n" + json.dumps({"text": article(rng)}) + "\n", "any", 1)


@gen
def empty_or_blank(case: Case, rng: random.Random, full: bool) -> None:
    content = rng.choice(("", " ", "\n" * 100, "\t\r\n", "\ufeff"))
    _set(case, "empty" + rng.choice((".txt", ".jsonl", ".csv", ".html", ".rss")), content, "error")


@gen
def newline_flood(case: Case, rng: random.Random, full: bool) -> None:
    limit = Limits().max_blank_lines if full else case.limits.max_blank_lines
    data = _jsonl([article(rng)]) + b"\n" * (limit * 3) + _jsonl([article(rng)])
    name = "flood" + rng.choice((".jsonl.gz", ".csv.gz"))
    if name.endswith(".csv.gz"):
        data = f'text\n"{article(rng)}"\n'.encode() + b"\n" * (limit * 3)
    _set(case, name, _gz(data), "error", 1)


@gen
def line_endings(case: Case, rng: random.Random, full: bool) -> None:
    end = rng.choice(("\r", "\r\n", "\u2028", "\x85", "\x0b"))
    text = end.join(article(rng, 1) for _ in range(4))
    ext = rng.choice((".txt", ".csv", ".jsonl"))
    data = {
        ".txt": f"Title{end}{end}{text}",
        ".csv": f'text{end}"{text}"{end}',
        ".jsonl": json.dumps({"text": text}) + end,
    }[ext]
    _set(case, "endings" + ext, data)


@gen
def symlink_loop(case: Case, rng: random.Random, full: bool) -> None:
    sub = case.folder / "sub"
    sub.mkdir()
    (case.folder / "loop_a").symlink_to(".")
    (case.folder / "loop_b").symlink_to(case.folder)
    (sub / "up").symlink_to("..")
    (sub / "self").symlink_to(sub)
    case.hostile, case.expect = f"{case.folder}/loop_a", "ok"


@gen
def symlink_out(case: Case, rng: random.Random, full: bool) -> None:
    target = rng.choice((case.folder.parent / "secret.txt", Path("/etc/passwd"), Path("/etc")))
    name = "passwd.txt" if target.name != "etc" else "etc_dir"
    (case.folder / name).symlink_to(target)
    case.hostile, case.expect = f"{case.folder}/{name}", "ok"


@gen
def unreadable(case: Case, rng: random.Random, full: bool) -> None:
    if rng.random() < 0.5:
        _write(case.folder / "locked.txt", f"Title\n\n{article(rng)}")
        (case.folder / "locked.txt").chmod(0)
        case.hostile = f"{case.folder}/locked.txt"
    else:
        _write(case.folder / "locked" / "x.txt", f"Title\n\n{article(rng)}")
        (case.folder / "locked").chmod(0)
        case.hostile = f"{case.folder}/locked"


@gen
def fifo(case: Case, rng: random.Random, full: bool) -> None:
    name = "pipe" + rng.choice((".txt", ".jsonl", ".csv.gz"))
    os.mkfifo(case.folder / name)
    case.hostile, case.expect = f"{case.folder}/{name}", "ok"


@gen
def undecodable_name(case: Case, rng: random.Random, full: bool) -> None:
    raw = rng.choice((b"caf\xe9", b"\xff\xfe", b"a\x80b", b"\xed\xa0\x80"))
    with open(os.path.join(os.fsencode(case.folder), raw + b".txt"), "wb") as f:
        f.write(f"Title\n\n{article(rng)}\n".encode())
    shown = raw.decode("utf-8", "replace") + ".txt"
    case.hostile, case.expect, case.min_articles = f"{case.folder}/{shown}", "ok", 1


def build(generator: str, seed: int, root: Path, full: bool = False) -> Case:
    """Write case ``generator``/``seed`` under ``root`` (which must be empty)."""
    rng = random.Random(f"{generator}:{seed}")
    folder = root / "in"
    folder.mkdir(parents=True)
    _write(root / "secret.txt", f"Title\n\nThe {SECRET} is here: {article(rng)}\n")
    case = Case(generator, seed, folder, Limits() if full else SMALL_LIMITS)
    _good_files(case, rng)
    GENERATORS[generator](case, rng, full)
    return case


def pick(seed: int) -> str:
    """The generator for a seed: every generator in turn, so any N cases cover them all."""
    names = sorted(GENERATORS)
    return names[seed % len(names)]


def check(case: Case, errors: list[tuple[str, str]], articles: list[tuple[str, str]]) -> list[str]:
    """What went wrong: ``errors`` are (source, message), ``articles`` (source, text + title)."""
    problems = []
    texts = {text for _, text in articles}
    lost = [t for t in case.good if not any(t in stored for stored in texts)]
    if lost:
        problems.append(f"{len(lost)} good article(s) not stored, e.g. {lost[0][:60]!r}")
    named = [m for s, m in errors if case.hostile and s.startswith(case.hostile)]
    if case.expect == "error" and not named:
        problems.append(f"no error names {case.hostile}")
    if case.expect == "ok" and named:
        problems.append(f"unexpected error for {case.hostile}: {named[0][:200]}")
    strays = [s for s, _ in errors if not (case.hostile and s.startswith(case.hostile))]
    if strays:
        problems.append(f"an error names another input: {strays[0]}")
    if case.min_articles:
        found = sum(1 for s, _ in articles if s.startswith(case.hostile))
        if found < case.min_articles:
            problems.append(f"{found} article(s) from {case.hostile}, expected {case.min_articles}")
    if any(SECRET in text for text in texts):
        problems.append("text from outside the ingest folder was stored")
    return problems


def restore(root: Path) -> None:
    """Make a case's folder removable again (unreadable entries are made readable)."""
    for path in root.rglob("*"):
        if path.name.startswith("locked"):
            path.chmod(0o755)


# --- running a case ---------------------------------------------------------------------------
@dataclass
class Run:
    """How the CLI run of a case went."""

    returncode: int
    stderr: str
    seconds: float
    peak_rss_kb: int  # the child's, and its waited-for descendants' (pool workers)
    timed_out: bool


def run_cli(case: Case, db_url: str, timeout: float) -> Run:
    """``sitrep ingest`` on the case's folder in a subprocess, as a user runs it."""
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(case.folder), "--db", db_url, "-q"]
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=err, stderr=err)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)  # wait4: this child's own peak memory
        finally:
            timer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    killed = proc.returncode == -9 and seconds >= timeout
    return Run(proc.returncode, stderr, seconds, int(usage.ru_maxrss), killed)


def cli_problems(run: Run) -> list[str]:
    problems = []
    if run.timed_out:
        problems.append(f"timed out after {run.seconds:.0f}s")
    elif run.returncode not in (0, 1):
        problems.append(f"exit code {run.returncode}")
    if "Traceback" in run.stderr:
        problems.append("traceback: " + run.stderr.strip().splitlines()[-1][:200])
    return problems


def stored(db_url: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(errors, articles) of a finished run, read back from its store, in ``check``'s form."""
    from sitrep.store import open_store

    store = open_store(db_url)
    try:
        errors = [(e.source or "", e.message or "") for e in store.runs.errors()]
        articles = [(a.source or "", f"{a.title or ''}\n{a.text}") for a in store.articles.iter()]
    finally:
        store.close()
    return errors, articles
