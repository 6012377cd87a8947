"""Bytes to text: UTF-8 first, then a detected legacy encoding, never silent mojibake."""

from __future__ import annotations

import codecs

from sitrep.errors import SitrepError

SNIFF_BYTES = 65536


class DecodeError(SitrepError):
    pass


def looks_binary(head: bytes) -> bool:
    """NUL bytes outside a UTF-16/32 BOM mean an image, archive or other binary file."""
    if head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        return False
    return b"\x00" in head[:8192]


def detect_encoding(sample: bytes) -> str:
    """The encoding to read a file with; UTF-8 unless the bytes say otherwise."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
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
