"""Runs (``store.runs``): each stage run with its status and figures (``runs``), the errors
they met (``errors``), and the input files ingest has read whole (``files``)."""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.store.core import Records, now_iso


@dataclass
class RunRecord:
    """One run of a stage: running, done, failed, or interrupted (its process died)."""

    id: str
    stage: str
    status: str
    started_at: str
    finished_at: str | None = None
    pid: int | None = None
    host: str | None = None


@dataclass
class ErrorRecord:
    """An input or article a stage could not take, and why."""

    stage: str
    source: str | None
    line: int | None
    message: str
    created_at: str


@dataclass
class FileState:
    """An input file as ingest last read it whole."""

    size: int
    mtime: float
    status: str


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists on this machine (signal 0 checks, sends nothing).
    A process of another user counts as alive; so does a reused pid, which at worst leaves a
    dead run shown as ``running``, never a live one as ``interrupted``."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed process its parent has not reaped yet: dead, though signal 0 still finds it
    (Linux; elsewhere False)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


class Runs(Records):
    # ------------------------------------------------------------------ runs
    def start(self, stage: str) -> str:
        """Record a stage starting in this process; first mark as ``interrupted`` the runs
        this host's dead processes left ``running`` (killed before they could finish)."""
        run_id = uuid.uuid4().hex[:16]
        with self.db.transaction():
            self.mark_interrupted()
            self.db.execute(
                "INSERT INTO runs (id, stage, started_at, status, pid, host) "
                "VALUES (?, ?, ?, 'running', ?, ?)",
                (run_id, stage, now_iso(), os.getpid(), socket.gethostname()),
            )
        return run_id

    def finish(self, run_id: str, status: str, stats: dict[str, Any]) -> None:
        with self.db.transaction():
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (now_iso(), status, json.dumps(stats, default=str), run_id),
            )

    def mark_interrupted(self) -> list[str]:
        """Set ``interrupted`` on runs still ``running`` whose process on this host is gone;
        returns their ids. Runs of other hosts, and older runs without a pid, stay as they
        are: whether those are alive cannot be told from here."""
        rows = self.db.query(
            "SELECT id, pid FROM runs WHERE status = 'running' AND host = ? AND pid IS NOT NULL",
            (socket.gethostname(),),
        )
        dead = [run_id for run_id, pid in rows if not process_alive(int(pid))]
        for run_id in dead:
            self.db.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = ? "
                "WHERE id = ? AND status = 'running'",
                (now_iso(), run_id),
            )
        return dead

    def all(self) -> list[RunRecord]:
        """Every run, oldest first."""
        rows = self.db.query(
            "SELECT id, stage, status, started_at, finished_at, pid, host FROM runs "
            "ORDER BY started_at, id"
        )
        return [RunRecord(*r) for r in rows]

    # ------------------------------------------------------------------ errors
    def add_error(
        self, run_id: str | None, stage: str, source: str | None, line: int | None, message: str
    ) -> None:
        self.db.execute(
            "INSERT INTO errors (id, run_id, stage, source, line, message, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, run_id, stage, source, line, message, now_iso()),
        )

    def errors(self, run_id: str | None = None) -> list[ErrorRecord]:
        """The errors of one run, or of every run (oldest first)."""
        sql = "SELECT stage, source, line, message, created_at FROM errors"
        rows = (
            self.db.query(sql + " WHERE run_id = ? ORDER BY created_at, source, line", (run_id,))
            if run_id
            else self.db.query(sql + " ORDER BY created_at")
        )
        return [ErrorRecord(*r) for r in rows]

    # ------------------------------------------------------------------ input files
    def file_state(self, path: str) -> FileState | None:
        row = self.db.execute(
            "SELECT size, mtime, status FROM files WHERE path = ?", (path,)
        ).fetchone()
        return FileState(int(row[0]), float(row[1]), row[2]) if row else None

    def set_file_state(
        self, path: str, size: int, mtime: float, status: str, n_articles: int, n_errors: int
    ) -> None:
        self.db.execute(
            "INSERT INTO files (path, size, mtime, status, n_articles, n_errors, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
            "mtime = excluded.mtime, status = excluded.status, n_articles = excluded.n_articles, "
            "n_errors = excluded.n_errors, updated_at = excluded.updated_at",
            (path, size, mtime, status, n_articles, n_errors, now_iso()),
        )
