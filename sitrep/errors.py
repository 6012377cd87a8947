"""Errors a user can act on: each says what failed, where, and what to do."""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")
_MAX_MESSAGE = 1000


def printable(text: str) -> str:
    """``text`` without lone surrogates (undecodable file names, bad JSON escapes), which no
    terminal, log or database accepts: each becomes U+FFFD."""
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


class SitrepError(Exception):
    """Base class: the CLI prints these as one clear line instead of a traceback."""


class StoreError(SitrepError):
    """The database cannot be opened, written or migrated."""


class InputError(SitrepError):
    """One input (a file, a line of a file, a record) could not be read.

    ``source`` names the file, ``line`` the 1-based line or record number when known. Readers
    yield these instead of raising, so one bad record never stops the others.
    """

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        # Both end up in the store and on the terminal: keep them encodable and one screenful.
        if len(message) > _MAX_MESSAGE:
            message = message[:_MAX_MESSAGE] + "..."
        self.source = printable(source)
        self.line = line
        self.message = printable(message)
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {self.message}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # Errors cross process boundaries (ingest workers): the default pickling replays
        # ``Exception.args`` (one string) into this three-argument constructor and fails.
        return (type(self), (self.source, self.message, self.line))


class ReferenceDataError(InputError):
    """A reference event dataset (UCDP GED or ACLED CSV) cannot be used: unknown columns, no
    rows, or a bad value on one line. Raised, not yielded: a reference with holes would make
    every "no reference event" verdict untrustworthy, so the user must fix the file first."""


class ModelError(SitrepError):
    """A model or data file a command needs is missing, unreadable or made for another version
    of sitrep; the message says which file and how to get a good one."""
