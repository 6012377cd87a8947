"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a uvicorn
server on a free loopback port. Screenshots go to each test's tmp dir.

Without chromium (or Playwright) these tests skip on a developer machine and fail under CI,
where ``scripts/install-test-deps.sh`` installs the browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitrep.serve import create_app

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]

pytestmark = pytest.mark.slow


def _need_browser() -> None:
    missing = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing = "the playwright package"
    if missing is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing = f"chromium at {CHROMIUM}"
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} is missing: scripts/install-test-deps.sh installs it")
        pytest.skip(f"{missing} is missing (scripts/install-test-deps.sh installs it)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """uvicorn serving the app in a thread, on a free loopback port."""

    def __init__(self, db: str) -> None:
        import uvicorn

        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(db), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the dashboard did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)

    def json(self, path: str) -> Any:
        with urllib.request.urlopen(self.base + path) as r:
            return json.load(r)


@pytest.fixture(scope="module")
def sample_server(sample_db: str) -> Iterator[Server]:
    with Server(sample_db) as s:
        yield s


class Watched:
    """A page that records console errors, page errors and requests leaving the server."""

    def __init__(self, browser: Any, base: str) -> None:
        self.page = browser.new_page(viewport={"width": 1300, "height": 1000})
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", lambda r: self._request(r.url, base))

    def _console(self, msg: Any) -> None:
        if msg.type in ("error", "warning"):
            self.problems.append(f"console {msg.type}: {msg.text}")

    def _request(self, url: str, base: str) -> None:
        if not (url.startswith(base + "/") or url.startswith("data:")):
            self.problems.append(f"request outside the server: {url}")

    def close(self) -> None:
        self.page.close()


def _marker_total(page: Any) -> int:
    """Events the map shows: each cluster's count plus each single marker."""
    return int(
        page.evaluate(
            """() => {
            let n = 0;
            for (const s of document.querySelectorAll('#map .marker-cluster span')) n += parseInt(s.textContent, 10);
            n += document.querySelectorAll('#map path.event-marker').length;
            for (const s of document.querySelectorAll('#map .cell-marker span')) n += parseInt(s.textContent, 10);
            return n;
        }"""
        )
    )


def test_overview_map_table_and_filter(browser: Any, sample_server: Server, tmp_path: Path) -> None:
    w = Watched(browser, sample_server.base)
    page = w.page
    page.goto(sample_server.base + "/")
    page.wait_for_selector("#map[data-rendered]")
    page.wait_for_selector("#timeline rect.bar")
    page.wait_for_timeout(700)  # cluster animation
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    located = sample_server.json("/api/map")["located"]
    assert located >= 10
    assert _marker_total(page) == located
    rows_before = page.locator("#events tbody tr").count()
    assert rows_before == sample_server.json("/api/events")["total"]

    page.select_option("select[name=type]", "Battles")
    page.wait_for_url("**/?type=Battles")
    page.wait_for_selector("#map[data-rendered]")
    page.screenshot(path=str(tmp_path / "filtered.png"), full_page=True)
    rows_after = page.locator("#events tbody tr").count()
    assert 0 < rows_after < rows_before
    assert rows_after == sample_server.json("/api/events?type=Battles")["total"]
    assert page.locator("select[name=type]").input_value() == "Battles"
    assert w.problems == []
    w.close()


def test_timeline_brush_sets_the_dates(browser: Any, sample_server: Server) -> None:
    w = Watched(browser, sample_server.base)
    page = w.page
    page.goto(sample_server.base + "/")
    page.wait_for_selector("#timeline rect.bar")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 3, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, y)
    page.mouse.up()
    page.wait_for_url("**since=*until=*")
    assert "since=" in page.url and "until=" in page.url
    total = int(page.locator("#total").inner_text())
    assert 0 < total < sample_server.json("/api/events")["total"]
    assert w.problems == []
    w.close()


def test_event_page_shows_conflicting_tolls(
    browser: Any, sample_server: Server, tmp_path: Path
) -> None:
    events = sample_server.json("/api/events?limit=1000")["events"]
    [tariq] = [e for e in events if (e["place"] or {}).get("name") == "Tariq al-Bab"]
    w = Watched(browser, sample_server.base)
    page = w.page
    page.goto(f"{sample_server.base}/events/{tariq['id']}")
    page.wait_for_selector("#eventmap .event-marker")
    page.screenshot(path=str(tmp_path / "event.png"), full_page=True)
    conflicts = page.locator("#conflicts").inner_text()
    killed = {c["value"] for c in tariq["conflicts"] if c["field"] == "killed"}
    assert len(killed) >= 2
    for c in tariq["conflicts"]:
        assert str(c["value"]) in conflicts
        assert (c["source"] or "the outlet itself") in conflicts
        assert c["outlet"] in conflicts
    assert "SANA" in conflicts and "Syrian Observatory for Human Rights" in conflicts
    assert page.locator("article.claim").count() == len(tariq["claims"])
    assert w.problems == []
    w.close()


def test_hostile_article_renders_as_text(browser: Any, small_sqlite: str, tmp_path: Path) -> None:
    from conftest import HOSTILE_TEXT, HOSTILE_TITLE

    with Server(small_sqlite) as server:
        w = Watched(browser, server.base)
        page = w.page
        for path, name in (
            ("/articles/hostile", "hostile.png"),
            ("/events/ev_river", "river.png"),
            ("/", "small-overview.png"),
        ):
            page.goto(server.base + path)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(tmp_path / name), full_page=True)
            assert page.evaluate("() => window.pwned") is None, path
            assert page.locator("main img").count() == 0, path
            assert page.locator("main script").count() == 0, path
        page.goto(server.base + "/articles/hostile")
        assert page.locator("#article-title").inner_text() == HOSTILE_TITLE
        assert "<script>window.pwned = 3</script>" in page.locator("#article-text").inner_text()
        assert HOSTILE_TEXT.split(",")[0] in page.locator("#article-text").inner_text()
        assert w.problems == []
        w.close()
