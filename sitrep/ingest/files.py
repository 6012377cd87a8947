"""Finding inputs (files, folders, stdin, .gz) and handing each to the right reader.

Folders are walked recursively in a stable order; hidden files, files of unknown type and the
patterns listed in a folder's ``.sitrepignore`` are left out (and counted as skipped).
"""

from __future__ import annotations

import dataclasses
import fnmatch
import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import InputError, printable
from sitrep.ingest.decode import SNIFF_BYTES, DecodeError, decode, detect_encoding, looks_binary
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.html import parse_html
from sitrep.ingest.jsonl import read_json_document, read_jsonl
from sitrep.ingest.lines import is_wide
from sitrep.ingest.raw import Limits, RawDoc
from sitrep.ingest.table import read_table
from sitrep.ingest.text import parse_text

KINDS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
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


def display_name(name: str) -> str:
    """A path as text that can be printed and stored.

    Names that are not UTF-8 come from the OS with surrogate escapes; those cannot be encoded,
    so each undecodable byte is shown as U+FFFD (the real path is still used to open the file).
    """
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return printable(name)


def state_key(path: Path) -> str:
    """The key a file's ingest state is stored under: its resolved path, with any undecodable
    bytes written as backslash escapes so that two such names never share a key."""
    return os.fsencode(path.resolve()).decode("utf-8", "backslashreplace")


def _ignore_patterns(folder: Path) -> list[str]:
    ignore = folder / IGNORE_FILE
    try:
        if not ignore.is_file():
            return []
        lines = ignore.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def _make(display: str, path: Path, explicit: bool) -> InputFile | None:
    kind, compressed = kind_of(path.name)
    if kind is None and not explicit:
        return None
    st = path.stat()
    return InputFile(display, path, kind or "auto", compressed, st.st_size, st.st_mtime)


def discover(
    paths: Iterable[str], skipped: list[str] | None = None, follow_links: bool = False
) -> Iterator[InputFile | InputError]:
    """Every input file under ``paths`` (``-`` = stdin); missing paths come back as errors.

    In folders, symbolic links that lead outside the folder given are not followed unless
    ``follow_links`` (a link to /etc/passwd is not an article); a folder reached twice (a link
    loop) is walked once; FIFOs, sockets and devices are skipped unopened (opening a FIFO
    blocks). Each skipped entry is listed in ``skipped`` with its reason in brackets.
    """
    skipped = skipped if skipped is not None else []
    for given in paths:
        if given == STDIN:
            yield InputFile("<stdin>", None, "auto")
            continue
        shown = display_name(given)
        path = Path(given)
        try:
            if not path.exists():
                yield InputError(shown, "no such file or folder")
            elif path.is_file():
                item = _make(shown, path, explicit=True)
                if item:
                    yield item
            elif path.is_dir():
                top = path.resolve()
                st = top.stat()
                yield from _walk(shown, path, skipped, top, {(st.st_dev, st.st_ino)}, follow_links)
            else:
                yield InputError(shown, "not a regular file or folder")
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on resolve()
            yield InputError(shown, f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _walk(
    given: str,
    root: Path,
    skipped: list[str],
    top: Path,
    seen: set[tuple[int, int]],
    follow_links: bool,
) -> Iterator[InputFile | InputError]:
    patterns = _ignore_patterns(root)
    try:
        children = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield InputError(given, f"cannot list this folder: {exc.strerror or exc}")
        return
    for child in children:
        rel = child.name
        display = f"{given.rstrip('/')}/{display_name(rel)}"
        if child.name.startswith(".") or any(
            fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(child.name, p) for p in patterns
        ):
            continue
        try:
            st = child.lstat()
            if stat.S_ISLNK(st.st_mode):
                try:
                    target = child.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append(f"{display} (broken or looping link)")
                    continue
                if not follow_links and not target.is_relative_to(top):
                    skipped.append(f"{display} (link to outside the folder, not followed)")
                    continue
                st = target.stat()
        except OSError as exc:
            yield InputError(display, f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(st.st_mode):
            key = (st.st_dev, st.st_ino)
            if key in seen:
                skipped.append(f"{display} (folder already read: a link loop or second link)")
                continue
            seen.add(key)
            yield from _walk(display, child, skipped, top, seen, follow_links)
        elif stat.S_ISREG(st.st_mode):
            kind, compressed = kind_of(child.name)
            if kind is None:
                skipped.append(display)
            else:
                yield InputFile(display, child, kind, compressed, st.st_size, st.st_mtime)
        else:
            skipped.append(f"{display} ({_special(st.st_mode)}, not opened)")


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


class DecompressedTooLarge(OSError):
    """A .gz input inflated past ``Limits.max_decompressed_bytes``."""


class _Capped(io.RawIOBase):
    """A decompressing stream that stops at a size limit (a gzip bomb ends here)."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        self.inner, self.limit, self.total = inner, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        # read1, not readinto: GzipFile.readinto fills the whole buffer, so corruption further on
        # would discard the good data decompressed before it in the same call.
        data = self.inner.read1(len(buffer))  # type: ignore[attr-defined]
        n = len(data)
        buffer[:n] = data
        self.total += n
        if self.total > self.limit:
            raise DecompressedTooLarge(
                f"more than {self.limit:,} bytes once decompressed (a gzip bomb?); stopped "
                "here, the articles before this point are kept"
            )
        return n


def read_input(item: InputFile, raw: BinaryIO, limits: Limits) -> Iterator[RawDoc | InputError]:
    """Read one input; never raises: whatever goes wrong becomes an InputError naming the file.

    Also the one place that applies the per-file limits common to all readers: at most
    ``max_errors_per_file`` errors (then one summary error and the file stops), and no article
    longer than ``max_article_chars`` (it is cut, and the cut reported).
    """
    errors = found = 0
    last = 0  # the last line/record number seen, to say where an unexpected failure struck
    try:
        for doc in _read(item, raw, limits):
            found += 1
            if isinstance(doc, InputError):
                last = doc.line or last
                errors += 1
                if errors > limits.max_errors_per_file:
                    yield InputError(
                        item.display,
                        f"more than {limits.max_errors_per_file:,} "
                        "bad records; stopped reading this file",
                        doc.line,
                    )
                    return
                yield doc
                continue
            number = _record_number(doc.source, item.display)
            last = number or last
            if len(doc.text) > limits.max_article_chars:
                yield _cut(doc, limits.max_article_chars)
                yield InputError(
                    item.display,
                    f"article of {len(doc.text):,} characters cut to "
                    f"{limits.max_article_chars:,} or fewer (max_article_chars), at "
                    "a paragraph or sentence end",
                    number,
                )
                continue
            yield doc
        if not found:  # e.g. only blank lines, or a CSV header without rows: say so
            yield InputError(
                item.display, "no articles in this file (nothing but blank lines or a header)"
            )
    except DecompressedTooLarge as exc:
        yield InputError(item.display, str(exc))
    except (OSError, EOFError, zlib.error) as exc:
        where = f" after record {last}" if last else ""
        yield InputError(item.display, f"cannot read{where}: {exc}")
    except Exception as exc:  # never let one file end the run; say what happened instead
        where = f" after record {last}" if last else ""
        yield InputError(
            item.display,
            f"stopped reading this file{where}: unexpected {type(exc).__name__}: {exc}",
        )


def _record_number(source: str, display: str) -> int | None:
    rest = source[len(display) :] if source.startswith(display) else ""
    return int(rest[1:]) if rest[:1] in (":", "#") and rest[1:].isdigit() else None


def _cut(doc: RawDoc, limit: int) -> RawDoc:
    """``doc`` with its text cut to at most ``limit`` characters, at the last paragraph break,
    else sentence end, else space in the final fifth; a hard cut only if there is none."""
    text = doc.text[:limit]
    floor = limit - limit // 5
    for mark in ("\n\n", "\n", ". ", "! ", "? ", " "):
        at = text.rfind(mark, floor)
        if at > 0:
            text = text[: at + (1 if mark.strip() else 0)]
            break
    return dataclasses.replace(doc, text=text, raw=None)  # the markup no longer matches


def _narrow(head: bytes) -> bytes:
    """The head of a UTF-16/32 file as UTF-8, so that sniffing for "{" or "<html" works on it."""
    if b"\x00" not in head[:8192]:
        return head
    try:
        encoding = detect_encoding(head)
    except DecodeError:
        return head
    if not is_wide(encoding):
        return head
    return head.decode(encoding, errors="ignore").lstrip("\ufeff").encode("utf-8")


def _read(item: InputFile, raw: BinaryIO, limits: Limits) -> Iterator[RawDoc | InputError]:
    stream: BinaryIO = raw
    if item.compressed:
        gz = gzip.GzipFile(fileobj=raw, mode="rb")
        stream = _Capped(gz, limits.max_decompressed_bytes)  # type: ignore[assignment]
    stream = (
        io.BufferedReader(stream, buffer_size=SNIFF_BYTES)  # type: ignore[arg-type]
        if not hasattr(stream, "peek")
        else stream
    )
    head = stream.peek(SNIFF_BYTES)[:SNIFF_BYTES]  # type: ignore[attr-defined]
    if not head:
        yield InputError(item.display, "empty file")
        return
    if looks_binary(head):
        yield InputError(item.display, "binary file, not text (image, archive or corrupt file?)")
        return
    narrow = _narrow(head)
    kind = sniff_kind(narrow) if item.kind == "auto" else item.kind
    whole_json = kind == "jsonl" and (
        narrow.lstrip().startswith(b"[") or _is_json_name(item.display)
    )
    try:
        if whole_json:
            data = stream.read(limits.max_feed_bytes + 1)
            if len(data) > limits.max_feed_bytes:
                yield InputError(
                    item.display,
                    f"JSON document larger than {limits.max_feed_bytes // (1024 * 1024)} "
                    "MB; write it as JSON Lines (one article per line) to stream it",
                )
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
            yield InputError(
                item.display,
                f"larger than {limit // (1024 * 1024)} MB for one {kind} "
                "document; split it, or give articles as JSONL/CSV (streamed, any size)",
            )
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
