"""Small helpers shared by tests."""

from __future__ import annotations

from pathlib import Path

from sitrep.model import Span


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


def spans_of(text: str, *names: str) -> list[Span]:
    """Spans of ``names`` in ``text``, each found after the previous one."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Span(start, start + len(name), name))
        pos = start + len(name)
    return out
