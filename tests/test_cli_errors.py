"""Every command, given bad arguments or bad files, answers with one clear line and a documented
exit code: never a traceback. User text that looks like rich markup is printed as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitrep.cli import app, main

# The documented exit codes (README, `sitrep --help`).
OK, PARTIAL, USAGE, STORE, INTERNAL = 0, 1, 2, 3, 4


def all_commands() -> set[str]:
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    for group in app.registered_groups:
        sub = group.typer_instance
        names |= {f"{group.name} {c.name or c.callback.__name__}" for c in sub.registered_commands}
    return names


@pytest.fixture
def files(tmp_path: Path) -> Path:
    """A folder of unusable files: binary, broken JSON, a CSV of the wrong shape, empty."""
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    (tmp_path / "junk.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "junk.txt").write_bytes(bytes(range(256)))
    return tmp_path


# (command as typed, expected exit code); {d} is the folder of bad files, {db} a fresh store.
BAD_CALLS: list[tuple[str, int]] = [
    ("ingest", USAGE),
    ("ingest {d}/nothing-here --db {db}", PARTIAL),
    ("ingest {d}/in --db {db}", PARTIAL),
    ("extract --mode nope --db {db}", USAGE),
    ("extract --db sqlite:///{d}/no-such-folder/x.db", STORE),
    ("fuse --db sqlite:///{d}/no-such-folder/x.db", STORE),
    ("fuse --rebuild --db postgresql://nobody@127.0.0.1:1/none", STORE),
    ("run {d}/nothing-here --db {db} --mode rules --quiet", PARTIAL),
    ("run {d}/in --db {db} --mode rules --quiet --reference {d}/junk.csv", PARTIAL),
    ("verify --db {db} --model {d}/junk.json", PARTIAL),
    ("verify --db {db} --model {d}/junk.bin", PARTIAL),
    ("verify --db {db} --model {d}/missing.json", PARTIAL),
    ("verify --db {db} --reference {d}/junk.csv", PARTIAL),
    ("check --db {db} --reference {d}/missing.csv", USAGE),
    ("check --db {db} --reference {d}/junk.bin", PARTIAL),
    ("article nope --db {db}", PARTIAL),
    ("event nope --db {db}", PARTIAL),
    ("events --since yesterday --db {db}", USAGE),
    ("events --min-killed many --db {db}", USAGE),
    ("articles --limit all --db {db}", USAGE),
    ("export --what nothing --db {db} -o {d}/x.jsonl", PARTIAL),
    ("export --format xlsx --db {db} -o {d}/x.xlsx", PARTIAL),
    ("export --format acled-csv --db {db} -o {d}/no-such-folder/x.csv", PARTIAL),
    ("stats --db postgresql://nobody@127.0.0.1:1/none", STORE),
    ("errors --db sqlite:///{d}/no-such-folder/x.db", STORE),
    ("watch {d}/no-such-folder --db {db}", USAGE),
    ("train event-types --case {d}/junk.bin --out {d}/model.npz", PARTIAL),
    ("evaluate case2021 {d}/missing.tsv", USAGE),
    ("evaluate case2021 {d}/junk.bin", PARTIAL),
    ("evaluate case2021 {d}/junk.csv --cv 3", PARTIAL),
    ("evaluate plover {d}/junk.json", PARTIAL),
    ("evaluate india-police {d}/junk.csv", PARTIAL),
    ("evaluate india-police {d}/junk.bin", PARTIAL),
    ("evaluate geo {d}/junk.csv", PARTIAL),
    ("evaluate fusion {d}/junk.bin", PARTIAL),
    ("evaluate fusion synthetic --seeds one,two", USAGE),
    ("evaluate fusion synthetic --spin-table {d}/junk.csv", PARTIAL),
    ("evaluate geo-fakes {d}/junk.csv", PARTIAL),
    ("evaluate geo-fakes {d}/junk.bin", PARTIAL),
    ("evaluate fakes {d}/junk.bin", PARTIAL),
    ("evaluate fakes {d}/empty.txt", PARTIAL),
    ("serve --db sqlite:///{d}/no-such-folder/x.db", STORE),
    ("serve --port many --db {db}", USAGE),
    ("no-such-command", USAGE),
]


def call(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    """Run the real entry point in-process; anything but SystemExit escaping it fails the test."""
    old = sys.argv
    sys.argv = ["sitrep", *argv]
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_every_command_is_tried_with_bad_input():
    tried = {
        " ".join(w for w in cmd.split()[:2] if not w.startswith(("{", "-"))) for cmd, _ in BAD_CALLS
    }
    tried |= {cmd.split()[0] for cmd, _ in BAD_CALLS}
    missing = all_commands() - tried
    assert not missing, f"add bad-input cases for: {sorted(missing)}"


@pytest.mark.parametrize(("command", "expected"), BAD_CALLS, ids=[c for c, _ in BAD_CALLS])
def test_bad_input_gives_a_clear_error_and_its_exit_code(command, expected, files, capsys):
    db = f"sqlite:///{files / 'store.db'}"
    argv = command.format(d=files, db=db).split()
    code, out, err = call(capsys, argv)
    assert code == expected, f"exit {code}, expected {expected}\n{err}"
    assert "Traceback" not in out + err
    assert "internal error" not in err
    assert err.strip(), "a failure must say why on stderr"


def test_an_internal_error_has_its_own_exit_code_and_no_traceback(tmp_path):
    """A bug (here: one injected into the store opener) exits 4 with one line and writes the
    traceback to a file for the report; exit 1 stays "some inputs failed"."""
    code = (
        "import sitrep.cli as c\n"
        "def broken(*a, **k):\n    raise ZeroDivisionError('injected bug')\n"
        "c.open_store = broken\nc.main()\n"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("SITREP_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-c", code, "stats", "--db", "sqlite:///x.db"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == INTERNAL
    assert "internal error: ZeroDivisionError: injected bug" in proc.stderr
    assert "Traceback" not in proc.stderr
    reports = list(tmp_path.glob("sitrep-crash-*.txt"))
    assert len(reports) == 1 and str(reports[0]) in proc.stderr
    assert "Traceback" in reports[0].read_text() and "injected bug" in reports[0].read_text()


MARKUP = "[/red] Front [bold]Line[/bold] [link=x]"


def test_user_text_that_looks_like_markup_is_printed_as_written(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"---\noutlet: {MARKUP}\ntitle: {MARKUP} title\npublished: 2024-03-04\n---\n"
        "Gunmen killed five villagers in Kidal on Monday, local officials said.\n",
        encoding="utf-8",
    )
    (folder / "bad.csv").write_text(f"{MARKUP},other\nx,y\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 's.db'}"
    code, _, err = call(capsys, ["ingest", str(folder), "--db", db])
    assert code == PARTIAL and MARKUP in err  # the CSV's header, named in its error line
    assert call(capsys, ["extract", "--mode", "rules", "--db", db])[0] == OK
    assert call(capsys, ["fuse", "--db", db])[0] == OK
    code, out, _ = call(capsys, ["articles", "--db", db])
    assert code == OK and MARKUP in out
    article_id = out.splitlines()[1].split("\t")[0]
    code, out, err = call(capsys, ["article", article_id, "--db", db])
    assert code == OK and f"{MARKUP} title" in out and MARKUP in out, err
    code, out, _ = call(capsys, ["events", "--json", "--db", db])
    event_id = json.loads(out.splitlines()[0])["id"]
    code, out, err = call(capsys, ["event", event_id, "--db", db])
    assert code == OK and MARKUP in out, err


def test_links_out_of_the_folder_are_followed_only_when_asked(tmp_path, capsys):
    outside = tmp_path / "outside"
    folder = tmp_path / "in"
    outside.mkdir()
    folder.mkdir()
    (outside / "a.txt").write_text(
        "Title\n\nGunmen attacked a checkpoint near Kidal on Monday, officials said.\n"
    )
    (folder / "link.txt").symlink_to(outside / "a.txt")
    (folder / "b.txt").write_text(
        "Other\n\nPolice arrested twelve protesters in Bamako on Sunday, witnesses said.\n"
    )
    code, _, err = call(capsys, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'a.db'}"])
    assert code == OK and "1 new articles" in err and "link.txt" in err
    code, _, err = call(
        capsys,
        ["ingest", str(folder), "--db", f"sqlite:///{tmp_path / 'b.db'}", "--follow-links"],
    )
    assert code == OK and "2 new articles" in err
