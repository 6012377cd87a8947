"""The CLI end to end on the sample corpus, its exit codes, and its documentation."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()
README = (__import__("pathlib").Path(__file__).resolve().parent.parent / "README.md").read_text(
    encoding="utf-8"
)
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)


def sitrep(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """The installed entry point, as a user runs it (exit codes come from ``main``)."""
    code = "from sitrep.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env=env,
    )


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example_and_a_readme_entry(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output, f"`sitrep {command} --help` has no Example block"
    assert re.search(rf"sitrep {command}\b", README), f"README does not document `sitrep {command}`"


def test_run_on_samples_writes_exports(tmp_path, samples):
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    out = tmp_path / "out"
    proc = sitrep("run", str(samples), "--db", db, "--out", str(out), "--quiet")
    assert proc.returncode == 0, proc.stderr.decode()
    text = proc.stdout.decode()
    assert "Exports:" in text and "events.geojson" in text
    names = {p.name for p in out.iterdir()}
    assert {
        "articles.jsonl",
        "claims.jsonl",
        "events.jsonl",
        "events_acled.csv",
        "events_ucdp.csv",
        "events.geojson",
        "events.parquet",
    } <= names
    articles = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
    assert len(articles) == 33
    # Re-running changes nothing: same counts, nothing new ingested.
    again = sitrep("run", str(samples), "--db", db, "--quiet")
    assert again.returncode == 0
    assert "0 new articles" in again.stderr.decode()
    stats = json.loads(sitrep("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 33 and stats["languages"]["fr"] == 1


def test_exit_code_1_when_some_inputs_fail(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(
        "Title\n\nGunmen attacked a checkpoint near the town on Monday, police said."
    )
    (tmp_path / "in" / "bad.jsonl").write_text(
        '{"text": "fine article text about a protest in the capital"}\n{oops\n'
    )
    proc = sitrep("ingest", str(tmp_path / "in"), "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert proc.returncode == 1
    err = proc.stderr.decode()
    assert "bad.jsonl:2" in err and "malformed JSON" in err
    assert "2 new articles" in err
    listed = sitrep("errors", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert "bad.jsonl" in listed.stdout.decode()


@pytest.mark.parametrize("columns", [None, "40", "80", "300"])
def test_exit_code_3_for_database_errors(tmp_path, columns):
    """Error lines are never wrapped: a log grep for the path or the reason must find it whole,
    whatever the terminal width (rich used to break "does not exist" at 80 columns)."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    if columns:
        env["COLUMNS"] = columns
    proc = sitrep("stats", "--db", "postgresql://nobody@127.0.0.1:1/none", env=env)
    assert proc.returncode == 3
    assert "cannot connect to PostgreSQL" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    missing = tmp_path / "a-rather-long-folder-name-that-wraps-at-forty-columns" / "missing"
    proc = sitrep("stats", "--db", f"sqlite:///{missing / 'x.db'}", env=env)
    text = proc.stderr.decode()
    assert proc.returncode == 3
    assert f"folder {missing} does not exist" in text
    assert len(text.strip().splitlines()) == 1


def test_exit_code_2_for_usage_errors():
    proc = sitrep("events", "--since", "yesterday")
    assert proc.returncode == 2
    proc = sitrep("no-such-command")
    assert proc.returncode == 2


def test_stdin_ingest(tmp_path):
    data = b'{"text": "Police arrested twelve protesters outside parliament on Sunday, rights groups said."}\n'
    proc = sitrep("ingest", "-", "--db", f"sqlite:///{tmp_path / 's.db'}", stdin=data)
    assert proc.returncode == 0, proc.stderr.decode()
    assert "1 new articles" in proc.stderr.decode()


def test_events_and_articles_listing(tmp_path, samples):
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    assert sitrep("run", str(samples), "--db", db, "--quiet").returncode == 0
    copies = sitrep("articles", "--copies", "--db", db).stdout.decode()
    assert "syndicated" in copies and "spun" in copies
    lines = sitrep("events", "--json", "--db", db, "--limit", "500").stdout.decode().splitlines()
    events = [json.loads(x) for x in lines]
    assert events and all(
        {"id", "event_type", "n_independent", "conflicts"} <= set(e) for e in events
    )


def test_watch_picks_up_new_files(tmp_path):
    import time

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(
        "Title\n\nTroops shelled a village near the border on Monday, officials said."
    )
    db = f"sqlite:///{tmp_path / 'w.db'}"
    code = "from sitrep.cli import main; main()"
    args = ["watch", str(inbox), "--db", db, "--interval", "0.2", "--cycles", "40"]
    child = subprocess.Popen([sys.executable, "-c", code, *args], stderr=subprocess.PIPE)
    time.sleep(3)
    (inbox / "b.txt").write_text(
        "Title\n\nPolice detained nine protesters outside the ministry on Tuesday, lawyers said."
    )
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err.decode()
    stats = json.loads(sitrep("stats", "--db", db, "--json").stdout)
    assert stats["articles"] == 2


def test_unknown_extraction_mode_is_a_usage_error(tmp_path):
    proc = sitrep("extract", "--db", f"sqlite:///{tmp_path / 'm.db'}", "--mode", "turbo")
    assert proc.returncode == 2 and "--mode" in proc.stderr.decode()


@pytest.mark.parametrize("stage", ["fuse", "verify"])
def test_stage_commands_show_a_progress_bar_on_a_terminal(tmp_path, samples, stage):
    """Each stage run alone shows its bar on a terminal (FORCE_COLOR makes rich treat the
    pipe as one), and ``--quiet`` hides it."""
    db = f"sqlite:///{tmp_path / 's.db'}"
    assert sitrep("run", str(samples), "--db", db, "--mode", "rules", "--quiet").returncode == 0
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "120"}
    shown = sitrep(stage, "--db", db, env=env)
    assert shown.returncode == 0, shown.stderr
    assert re.search(rf"{stage}\s*\x1b\[0m", shown.stderr.decode()), shown.stderr[-400:]
    quiet = sitrep(stage, "--db", db, "--quiet", env=env)
    assert quiet.returncode == 0 and f"{stage}: " in quiet.stderr.decode()
    assert not re.search(rf"{stage}\s*\x1b\[0m", quiet.stderr.decode())
