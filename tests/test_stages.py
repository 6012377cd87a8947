"""What every stage shares: its run record, its report's figures, its progress callback."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

import sitrep
from sitrep.errors import InputError
from sitrep.ingest.stage import IngestReport
from sitrep.stages import StageReport, recorded_run


@dataclass
class _Report(StageReport):
    done: int = 0
    items: list[str] = field(default_factory=list)


def _stats(store, run_id: str) -> tuple[str, dict]:
    status, stats = store.query("SELECT status, stats FROM runs WHERE id = ?", (run_id,))[0]
    return status, json.loads(stats)


def test_a_recorded_run_is_done_with_the_report_as_its_figures(store) -> None:
    heard: list[tuple[str, dict]] = []
    report = _Report()
    with recorded_run(store, "demo", report, lambda e, d: heard.append((e, d))) as run_id:
        report.done, report.items = 3, ["a", "b"]
    status, stats = _stats(store, run_id)
    assert status == "done" and report.seconds > 0
    assert stats == {"done": 3, "items": 2, "seconds": round(report.seconds, 3)}
    assert heard == [("end", stats)]


def test_a_run_that_raises_is_failed_and_still_tells_its_figures(store) -> None:
    heard: list[str] = []
    report = _Report()
    run = recorded_run(store, "demo", report, lambda e, _d: heard.append(e))
    with pytest.raises(RuntimeError), run as run_id:
        report.done = 1
        raise RuntimeError("boom")
    status, stats = _stats(store, run_id)
    assert status == "failed" and stats["done"] == 1 and heard == ["end"]


def test_report_figures_keep_their_order_lists_by_length_seconds_last() -> None:
    report = IngestReport(new=2, errors=[InputError("f", "bad")], run_id="r1", seconds=1.23456)
    d = report.as_dict()
    assert list(d)[:2] == ["files", "files_unchanged"] and list(d)[-1] == "seconds"
    assert d["errors"] == 1 and d["skipped_files"] == 0 and d["seconds"] == 1.235
    assert "run_id" not in d


def test_run_tells_every_stage_s_progress_and_verify_advances_per_article(
    samples, tmp_path
) -> None:
    heard: dict[str, list[tuple[str, dict]]] = {}
    store = sitrep.open_store(f"sqlite:///{tmp_path / 'p.db'}")
    files = [str(p) for p in sorted((samples / "articles").glob("0[1-4]_*.txt"))]
    sitrep.run(
        files,
        store,
        mode="rules",
        progress=lambda stage, e, d: heard.setdefault(stage, []).append((e, d)),
    )
    assert list(heard) == ["ingest", "extract", "fuse", "verify"]
    for events in heard.values():
        assert events[0][0] == "start" and events[-1][0] == "end"
    verify = heard["verify"]
    assert verify[0][1]["articles"] == 4
    assert sum(d["n"] for e, d in verify if e == "advance") == 4
    assert verify[-1][1]["articles"] == 4
    assert [r.status for r in store.runs.all()] == ["done"] * 4
    store.close()
