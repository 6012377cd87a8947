"""Errors a user can act on: each says what failed, where, and what to do."""

from __future__ import annotations


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
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class ReferenceDataError(InputError):
    """A reference event dataset (UCDP GED or ACLED CSV) cannot be used: unknown columns, no
    rows, or a bad value on one line. Raised, not yielded: a reference with holes would make
    every "no reference event" verdict untrustworthy, so the user must fix the file first."""


class ModelError(SitrepError):
    """A model or data file a command needs is missing, unreadable or made for another version
    of sitrep; the message says which file and how to get a good one."""
