"""Bytes to text: UTF-8 first, then a detected legacy encoding, never silent mojibake."""

from __future__ import annotations

import codecs

from sitrep.errors import SitrepError

SNIFF_BYTES = 65536


class DecodeError(SitrepError):
    pass


def looks_binary(head: bytes) -> bool:
    """NUL bytes mean an image, archive or other binary file, unless they are the zero halves
    of UTF-16/32 text (with a BOM, or without one: the NULs then fall in a regular pattern)."""
    if head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        return False
    return b"\x00" in head[:8192] and wide_encoding(head) is None


_WIDE_SAMPLE = 8192


def wide_encoding(sample: bytes) -> str | None:
    """UTF-16/32 (LE or BE) written without a BOM, told apart by where the NUL bytes fall.

    Text in Latin script has a zero high byte in nearly every code unit, so one column of
    bytes is (mostly) NUL and the other(s) almost never; the guess must then decode cleanly
    to text with hardly any control characters, which rules out binary files with a similar
    rhythm (tables of small integers).
    """
    s = sample[:_WIDE_SAMPLE]
    s = s[: len(s) - len(s) % 4]
    if len(s) < 8 or b"\x00" not in s:
        return None
    quarter = len(s) // 4
    col = [s[i::4].count(0) / quarter for i in range(4)]
    half = len(s) // 2
    even, odd = s[0::2].count(0) / half, s[1::2].count(0) / half
    if col[2] == col[3] == 1.0 and col[0] < 0.05:
        guess = "utf-32-le"
    elif col[0] == col[1] == 1.0 and col[3] < 0.05:
        guess = "utf-32-be"
    elif odd >= 0.05 and even <= odd / 10:
        guess = "utf-16-le"
    elif even >= 0.05 and odd <= even / 10:
        guess = "utf-16-be"
    else:
        return None
    try:
        text = s.decode(guess)
    except UnicodeDecodeError as exc:
        if exc.start < len(s) - 4:  # only a character cut at the end of the sample is allowed
            return None
        text = s[: exc.start].decode(guess)
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\f")
    return guess if text and controls <= len(text) // 100 else None


def detect_encoding(sample: bytes) -> str:
    """The encoding to read a file with; UTF-8 unless the bytes say otherwise."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    wide = wide_encoding(sample)  # before UTF-8: ASCII in UTF-16 is also valid UTF-8
    if wide is not None:
        return wide
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut inside a multi-byte character is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    encoding = _guess(sample)
    if encoding is None:
        raise DecodeError("not text in any known encoding (binary or corrupt file?)")
    return encoding


# On ties the detector's order is arbitrary; Western legacy pages are overwhelmingly cp1252.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _guess(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    results = list(from_bytes(sample))
    if not results:
        return None
    best = results[0]
    tied = [r.encoding for r in results if (r.chaos, r.coherence) == (best.chaos, best.coherence)]
    return next((e for e in _PREFERRED if e in tied), best.encoding)


def decode(data: bytes) -> tuple[str, str]:
    """Decode a whole document; returns (text, encoding used)."""
    if looks_binary(data[:SNIFF_BYTES]):
        raise DecodeError("binary file, not text")
    encoding = detect_encoding(data[:SNIFF_BYTES])
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        if encoding.startswith("utf-8"):
            # Mostly UTF-8 with a few bad bytes beyond the sample: ask the detector about the whole.
            guess = _guess(data)
            if guess is not None:
                return data.decode(guess, errors="replace"), guess
        raise DecodeError(f"cannot decode as {encoding}") from None
