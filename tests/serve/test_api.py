"""The dashboard's routes and JSON API with the real app on a real store (both back-ends)."""

from __future__ import annotations

import html
import json

import pytest
from fastapi.testclient import TestClient

from sitrep.export.shapes import EVENT_SHAPE
from sitrep.model import ArticleLink
from sitrep.serve import create_app
from sitrep.serve.app import CSP
from sitrep.store import open_store


@pytest.fixture
def client(small_db: str) -> TestClient:
    return TestClient(create_app(small_db, check_every_s=0))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["events"]]


def test_api_events_is_the_export_shape(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 3
    assert [e["id"] for e in body["events"]] == ["ev_hill", "ev_river", "ev_undated"]
    assert all(list(e) == list(EVENT_SHAPE) for e in body["events"])
    hill = body["events"][0]
    assert hill["killed"] == {"best": 7, "low": 7, "high": 9}
    assert hill["place"]["admin1"] == "North Province"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=NGA", ["ev_river"]),
        ("country=syr", ["ev_hill"]),
        ("type=Battles", ["ev_river"]),
        ("sub_type=Peaceful+protest", ["ev_undated"]),
        ("admin1=north+province", ["ev_hill"]),
        ("actor=military", ["ev_hill"]),
        ("since=2024-06-01", ["ev_river"]),
        ("until=2024-05-31", ["ev_hill"]),
        ("min_killed=5", ["ev_hill"]),
        ("min_independent=1", ["ev_hill", "ev_river"]),
        ("status=contested", ["ev_hill"]),
        ("status=single-source", ["ev_river"]),
        ("copy_status=spun", ["ev_hill"]),
        ("precision=2", ["ev_river"]),
        ("sort=killed&desc=1", ["ev_hill", "ev_river", "ev_undated"]),
        ("limit=1&offset=1", ["ev_river"]),
        ("country=&type=", ["ev_hill", "ev_river", "ev_undated"]),  # empty form fields
    ],
)
def test_each_filter(client: TestClient, query: str, expected: list[str]) -> None:
    assert ids(client.get(f"/api/events?{query}")) == expected


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ("since=yesterday", "since must be a date"),
        ("until=2024-13-01", "until must be a date"),
        ("since=2024-06-02&until=2024-06-01", "is after until"),
        ("min_killed=-1", "min_killed must be at least 0"),
        ("min_killed=many", "min_killed must be a whole number"),
        ("min_independent=1.5", "min_independent must be a whole number"),
        ("precision=4", "precision must be between 1 and 3"),
        ("status=true", "status must be one of"),
        ("copy_status=copied", "copy_status must be one of"),
        ("country=Syria", "ISO3"),
        ("sort=drop+table", "sort must be one of"),
        ("desc=yes", "desc must be one of"),
        ("limit=0", "limit must be between"),
        ("limit=100000", "limit must be between"),
        ("offset=-5", "offset must be at least 0"),
        ("actor=" + "x" * 300, "actor is too long"),
        ("min_kiled=3", "unknown parameter 'min_kiled'"),
    ],
)
def test_bad_filter_is_a_400_with_a_message(client: TestClient, query: str, says: str) -> None:
    for path in ("/api/events", "/", "/api/map", "/api/timeline", "/trends", "/api/trends"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query)
        assert says in html.unescape(response.text), (path, response.text)


def test_other_bad_values_are_400(client: TestClient) -> None:
    assert client.get("/api/map?zoom=near").status_code == 400
    assert "format must be one of" in client.get("/download?format=xlsx").json()["error"]
    assert client.get("/events/ev_hill?x=1").status_code == 400


def test_unknown_ids_are_404(client: TestClient) -> None:
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    page = client.get("/events/<script>")
    assert page.status_code == 404
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text


def test_every_response_has_the_csp(client: TestClient) -> None:
    for path in ("/", "/api/events", "/events/ev_hill", "/static/app/app.css", "/nope"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in CSP and "http" not in CSP


def test_hostile_article_is_escaped_everywhere(client: TestClient) -> None:
    for path in ("/articles/hostile", "/events/ev_river", "/"):
        page = client.get(path).text
        assert "<script>window.pwned" not in page, path
        assert '<img src=x onerror="window.pwned' not in page, path
        assert "<b>bold-outlet</b>" not in page, path
    article = client.get("/articles/hostile").text
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=" in article
    # a javascript: URL is shown as text, never as a link
    copy = client.get("/articles/copy").text
    assert 'href="javascript:' not in copy and "javascript:alert(1)" in copy


def test_event_detail_and_page(client: TestClient) -> None:
    detail = client.get("/api/events/ev_hill").json()
    assert detail["status"] == "contested"
    assert [c["id"] for c in detail["claim_records"]] == ["c1", "c2"]
    page = client.get("/events/ev_hill").text
    assert "a monitoring group" in page and "medics" in page
    assert '<mark class="figure" title="killed">seven people</mark>' in page
    assert 'href="/articles/calm"' in page  # the spun copy says what it copies


def test_event_page_lists_linked_articles(small_db: str) -> None:
    """An article linked to the event at document level (no claim of its own in it) is listed
    with its score and reason, and counted in the event's articles."""
    writer = open_store(small_db)
    with writer.transaction():
        writer.events.replace_links(
            ["hostile"], [ArticleLink("hostile", "ev_hill", 5.5, "<b>names hilltown</b>")]
        )
    writer.close()
    client = TestClient(create_app(small_db, check_every_s=0))
    page = client.get("/events/ev_hill").text
    links = page[page.index('<section id="links">') :]
    assert 'href="/articles/hostile"' in links and "score 5.5" in links
    assert "&lt;b&gt;names hilltown&lt;/b&gt;" in links and "<b>names" not in links
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt; Clash reported" in links  # its title
    assert "hostile" in client.get("/api/events/ev_hill").json()["articles"]


def test_article_detail(client: TestClient) -> None:
    body = client.get("/api/articles/hostile").json()
    assert body["title"].startswith("<script>")  # JSON keeps the data as it is
    assert [c["id"] for c in body["claims"]] == ["c3"]


def test_map_timeline_trends(client: TestClient) -> None:
    points = client.get("/api/map").json()
    assert points["mode"] == "points" and points["located"] == 2
    timeline = client.get("/api/timeline?since=2024-06-01").json()
    assert sum(b["events"] for b in timeline["bins"]) == 2  # the brushed range keeps the rest
    trends = client.get("/api/trends").json()
    assert {tuple(s["key"]) for s in trends["by_admin1"]} == {
        ("SYR", "North Province"),
        ("NGA", "River State"),
    }
    assert "surges" in trends["rule"]
    assert "Surge rule" in client.get("/trends").text


def test_downloads_of_the_current_view(client: TestClient) -> None:
    csv_text = client.get("/download?format=acled-csv&country=SYR").text
    assert csv_text.splitlines()[0].startswith("event_id_cnty,event_date")
    assert len(csv_text.splitlines()) == 2 and "ev_hill" in csv_text
    geo = client.get("/download?format=geojson").json()
    assert {f["id"] for f in geo["features"]} == {"ev_hill", "ev_river", "ev_undated"}
    lines = client.get("/download?format=jsonl&type=Battles").text.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["ev_river"]


def test_the_app_cannot_write(small_sqlite: str) -> None:
    app = create_app(small_sqlite)
    with pytest.raises(Exception, match=r"readonly|read-only"):
        app.state.dashboard.store.execute("DELETE FROM events")


def test_new_events_show_on_reload(small_db: str) -> None:
    client = TestClient(create_app(small_db, check_every_s=0))
    assert client.get("/api/events").json()["total"] == 3
    writer = open_store(small_db)
    with writer.transaction():
        writer.events.delete(["ev_undated"])
    writer.close()
    assert client.get("/api/events").json()["total"] == 2


def test_cached_aggregates_follow_the_store(small_db: str) -> None:
    """The map, timeline and trends of a view are cached, but never past a store change."""
    client = TestClient(create_app(small_db, check_every_s=0))
    for _ in range(2):  # the second round comes from the cache
        assert client.get("/api/map").json()["located"] == 2
        assert sum(b["events"] for b in client.get("/api/timeline").json()["bins"]) == 2
        assert len(client.get("/api/trends").json()["by_admin1"]) == 2
    writer = open_store(small_db)
    with writer.transaction():
        writer.events.delete(["ev_river"])
    writer.close()
    assert client.get("/api/map").json()["located"] == 1
    assert sum(b["events"] for b in client.get("/api/timeline").json()["bins"]) == 1
    assert len(client.get("/api/trends").json()["by_admin1"]) == 1


def test_the_cache_is_bounded_by_items(small_sqlite: str) -> None:
    from sitrep.serve.catalog import Catalog

    catalog = Catalog(open_store(small_sqlite, read_only=True))
    catalog.CACHE_ITEMS = 10
    calls: list[int] = []

    def compute(n: int) -> list[int]:
        calls.append(n)
        return list(range(n))

    for key, n in (("a", 3), ("a", 3), ("b", 3), ("big", 11)):
        catalog.cached("t", key, lambda n=n: compute(n), len)
    assert calls == [3, 3, 11]  # the second "a" came from the cache; 11 is too big to keep
    catalog.cached("t", "c", lambda: compute(5), len)  # 3 + 3 + 5 > 10: the oldest goes
    catalog.cached("t", "b", lambda: compute(3), len)
    catalog.cached("t", "a", lambda: compute(3), len)
    assert calls == [3, 3, 11, 5, 3]  # only "a" was computed again
    catalog.store.close()


def test_docs_are_off_without_local_assets(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/api/openapi.json").status_code == 200


def test_conflicting_figures_are_listed_by_size_not_as_text() -> None:
    """100 after 18 after 9 (as text, "100" would come first); a vague phrase last."""
    from sitrep.model import Conflict, Event
    from sitrep.serve.pages import event_context
    from sitrep.views import EventView

    figures = [100, 9, "dozens", 18]
    event = Event(id="ev_x", conflicts=[Conflict("killed", v, f"s{v}", "o", "a") for v in figures])
    values = [c.value for c in event_context(EventView(event, [], {}))["conflicts"]["killed"]]
    assert values == [9, 18, 100, "dozens"]
