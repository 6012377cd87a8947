"""A memo of word hashes, for the two places that hash every word of every article: the
near-duplicate signatures (ingest) and the sentence keys of copy detection (fuse). News reuses
a small vocabulary, so most lookups are hits; past ``LIMIT`` distinct words, new ones are
hashed but not kept, which bounds the memory a long run can take."""

from __future__ import annotations

import xxhash

__all__ = ["WordHashes"]


class WordHashes(dict[str, int]):
    """word -> xxh32 of its UTF-8 bytes, filled on first lookup."""

    LIMIT = 1_000_000

    def __missing__(self, word: str) -> int:
        value = xxhash.xxh32_intdigest(word.encode())
        if len(self) < self.LIMIT:
            self[word] = value
        return value
