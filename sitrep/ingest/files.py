"""Finding inputs (files, folders, stdin, .gz) and handing each to the right reader.

Folders are walked recursively in a stable order; hidden files, files of unknown type and the
patterns listed in a folder's ``.sitrepignore`` are left out (and counted as skipped).
"""

from __future__ import annotations

import fnmatch
import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError
from sitrep.ingest.decode import SNIFF_BYTES, DecodeError, decode, detect_encoding, looks_binary
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.html import parse_html
from sitrep.ingest.jsonl import read_json_document, read_jsonl
from sitrep.ingest.raw import Limits, RawDoc
from sitrep.ingest.table import read_table
from sitrep.ingest.text import parse_text

KINDS = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "tsv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}  # fmt: skip
IGNORE_FILE = ".sitrepignore"
STDIN = "-"


@dataclass
class InputFile:
    display: str  # as the user named it (relative paths stay relative)
    path: Path | None  # None for stdin
    kind: str  # text / jsonl / csv / tsv / html / feed / auto
    compressed: bool = False
    size: int = 0
    mtime: float = 0.0


def kind_of(name: str) -> tuple[str | None, bool]:
    lower = name.lower()
    compressed = lower.endswith(".gz")
    if compressed:
        lower = lower[:-3]
    return KINDS.get(Path(lower).suffix), compressed


def _ignore_patterns(folder: Path) -> list[str]:
    ignore = folder / IGNORE_FILE
    if not ignore.is_file():
        return []
    lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _make(display: str, path: Path, explicit: bool) -> InputFile | None:
    kind, compressed = kind_of(path.name)
    if kind is None and not explicit:
        return None
    st = path.stat()
    return InputFile(display, path, kind or "auto", compressed, st.st_size, st.st_mtime)


def discover(
    paths: Iterable[str], skipped: list[str] | None = None
) -> Iterator[InputFile | InputError]:
    """Every input file under ``paths`` (``-`` = stdin); missing paths come back as errors."""
    for given in paths:
        if given == STDIN:
            yield InputFile("<stdin>", None, "auto")
            continue
        path = Path(given)
        if not path.exists():
            yield InputError(given, "no such file or folder")
        elif path.is_file():
            item = _make(given, path, explicit=True)
            if item:
                yield item
        elif path.is_dir():
            yield from _walk(given, path, skipped if skipped is not None else [])
        else:
            yield InputError(given, "not a regular file or folder")


def _walk(given: str, root: Path, skipped: list[str]) -> Iterator[InputFile | InputError]:
    patterns = _ignore_patterns(root)
    for child in sorted(root.iterdir(), key=lambda p: p.name):
        rel = child.relative_to(root).as_posix()
        display = f"{given.rstrip('/')}/{rel}"
        if child.name.startswith(".") or any(
            fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(child.name, p) for p in patterns
        ):
            continue
        if child.is_dir():
            yield from _walk(display, child, skipped)
        elif child.is_file():
            try:
                item = _make(display, child, explicit=False)
            except OSError as exc:
                yield InputError(display, f"cannot read: {exc.strerror or exc}")
                continue
            if item is None:
                skipped.append(display)
            else:
                yield item


def open_input(item: InputFile, stdin: BinaryIO | None = None) -> BinaryIO:
    """The raw byte stream (its ``tell()`` measures progress even under gzip)."""
    if item.path is None:
        import sys

        return stdin or sys.stdin.buffer
    return open(item.path, "rb")


def _is_json_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".json", ".json.gz"))


def sniff_kind(head: bytes) -> str:
    start = head.lstrip()[:200].lower()
    if start.startswith((b"{", b"[")):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html")) or b"<body" in head[:4096].lower():
        return "html"
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf")):
        return (
            "feed"
            if any(t in head[:4096].lower() for t in (b"<rss", b"<feed", b"<rdf"))
            else "html"
        )
    return "text"


def read_input(item: InputFile, raw: BinaryIO, limits: Limits) -> Iterator[RawDoc | InputError]:
    """Read one input; never raises for bad content, it yields InputError records instead."""
    stream: BinaryIO = raw
    if item.compressed:
        stream = gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[assignment]
    stream = (
        io.BufferedReader(stream, buffer_size=SNIFF_BYTES)
        if not hasattr(stream, "peek")
        else stream
    )  # type: ignore[arg-type]
    try:
        head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
    except (OSError, EOFError) as exc:  # corrupt gzip lands here
        yield InputError(item.display, f"cannot read: {exc}")
        return
    if not head:
        yield InputError(item.display, "empty file")
        return
    if looks_binary(head):
        yield InputError(item.display, "binary file, not text (image, archive or corrupt file?)")
        return
    kind = sniff_kind(head) if item.kind == "auto" else item.kind
    whole_json = kind == "jsonl" and (head.lstrip().startswith(b"[") or _is_json_name(item.display))
    try:
        if whole_json:
            data = stream.read(limits.max_feed_bytes + 1)
            if len(data) > limits.max_feed_bytes:
                yield InputError(item.display, f"JSON document larger than {limits.max_feed_bytes // (1024 * 1024)} "
                                 "MB; write it as JSON Lines (one article per line) to stream it")  # fmt: skip
                return
            yield from read_json_document(data, item.display, detect_encoding(head))
            return
        if kind in ("jsonl", "csv", "tsv"):
            encoding = detect_encoding(head)
            if kind == "jsonl":
                yield from read_jsonl(stream, item.display, limits, encoding)
            else:
                yield from read_table(
                    stream, item.display, limits, encoding, "\t" if kind == "tsv" else ","
                )
            return
        limit = limits.max_feed_bytes if kind == "feed" else limits.max_document_bytes
        data = stream.read(limit + 1)
        if len(data) > limit:
            yield InputError(item.display, f"larger than {limit // (1024 * 1024)} MB for one {kind} "
                             "document; split it, or give articles as JSONL/CSV (streamed, any size)")  # fmt: skip
            return
        if kind == "feed":
            yield from parse_feed(data, item.display)
            return
        text, _ = decode(data)
        if kind == "html":
            yield from parse_html(text, item.display)
        else:
            yield from parse_text(text, item.display)
    except DecodeError as exc:
        yield InputError(item.display, str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(item.display, f"cannot read: {exc}")
