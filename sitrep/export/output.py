"""Where an export goes: stdout ("-"), an open file object, or a path written atomically.

A path is written to a temporary file next to it and renamed into place only when the export
finished, so a killed or failed export never leaves a truncated file that looks complete
(a half-written GeoJSON or Parquet file would not even parse).
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from sitrep.errors import SitrepError

Target = str | os.PathLike[str] | IO[Any]


def is_stdout(out: Target) -> bool:
    return isinstance(out, str) and out == "-"


@contextlib.contextmanager
def _atomic_path(out: str | os.PathLike[str], mode: str) -> Iterator[IO[Any]]:
    path = Path(out)
    if not path.parent.is_dir():
        raise SitrepError(f"cannot write {path}: folder {path.parent} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        kwargs: dict[str, Any] = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def text_output(out: Target) -> Iterator[TextIO]:
    """A text stream for ``out``; stdout and caller-owned files are flushed, not closed."""
    if is_stdout(out):
        yield sys.stdout
        sys.stdout.flush()
    elif isinstance(out, io.TextIOBase) or (hasattr(out, "write") and not _is_binary(out)):
        yield out  # type: ignore[misc]
        out.flush()  # type: ignore[union-attr]
    elif hasattr(out, "write"):
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline="")  # type: ignore[arg-type]
        try:
            yield wrapper
            wrapper.flush()
        finally:
            wrapper.detach()  # hand the caller's binary stream back unclosed
    else:
        with _atomic_path(out, "w") as fh:  # type: ignore[arg-type]
            yield fh


@contextlib.contextmanager
def binary_output(out: Target, fmt: str) -> Iterator[BinaryIO]:
    """A binary stream for ``out`` (Parquet); stdout and text streams are refused."""
    if is_stdout(out) or isinstance(out, io.TextIOBase):
        raise SitrepError(f"{fmt} is a binary format and cannot go to stdout: use -o FILE")
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
        out.flush()  # type: ignore[union-attr]
    else:
        with _atomic_path(out, "wb") as fh:  # type: ignore[arg-type]
            yield fh


def _is_binary(fh: Any) -> bool:
    if isinstance(fh, io.RawIOBase | io.BufferedIOBase):
        return True
    return "b" in str(getattr(fh, "mode", ""))
