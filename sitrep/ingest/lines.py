"""Reading line-based inputs (JSON Lines, CSV) with one line never held past a size limit.

``readline()`` without a size reads a whole physical line into memory however long it is, so a
3 GB file without a newline would take 3 GB (twice over once decoded). These readers ask for at
most ``limit + 1`` bytes or characters at a time and drain an over-long line in small pieces.
"""

from __future__ import annotations

import codecs
import contextlib
import io
from collections.abc import Callable, Iterator
from typing import AnyStr, BinaryIO, TextIO

_DRAIN = 1 << 20


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) pairs; an over-long line comes as None after being skipped in chunks."""
    return _bounded(stream.readline, limit, (b"\n",))


def bounded_text_lines(text: TextIO, limit: int) -> Iterator[tuple[int, str | None]]:
    """Like :func:`bounded_lines` on decoded text (for encodings where b"\\n" is not a line end,
    such as UTF-16, and for CSV, whose reader wants text)."""
    return _bounded(text.readline, limit, ("\n", "\r"))


def _bounded(
    readline: Callable[[int], AnyStr], limit: int, ends: tuple[AnyStr, ...]
) -> Iterator[tuple[int, AnyStr | None]]:
    number = 0
    while True:
        line = readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(ends):
            while True:  # drain the rest of the oversized line without holding it
                more = readline(_DRAIN)
                if not more or more.endswith(ends):
                    break
            yield number, None
            continue
        yield number, line


def is_wide(encoding: str) -> bool:
    """UTF-16/32: a newline is not the single byte b"\\n", so lines must be split after decoding."""
    return codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))


@contextlib.contextmanager
def text_view(stream: BinaryIO, encoding: str, errors: str = "strict") -> Iterator[TextIO]:
    """Decoded text over ``stream`` that leaves ``stream`` open afterwards (stdin included)."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors=errors, newline="")  # type: ignore[arg-type]
    try:
        yield text
    finally:
        with contextlib.suppress(ValueError, OSError):
            text.detach()
