"""Dashboard speed and memory on a store of N synthetic events (default 100k).

Builds the store directly through the store API (events over 40 countries, 300 admin1s,
6 types, two years; one claim per event, 500 articles), starts ``sitrep serve`` on a free
loopback port in its own process, and measures from outside:

- overview API (``/api/events``) p50/p95 under several filter combinations, the overview
  page, and the map and timeline endpoints it calls (also the slowest first request of a
  view, before the app's cache of aggregates holds it);
- the trends page, first and second request;
- event page (``/events/ID``) p50/p95 on random events;
- the server's resident memory (RSS) at the end.

Not a test: figures go in notes.

    python benchmarks/serve.py --n 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sitrep.model import Actor, Article, Casualties, Claim, Event, Figure, Place, Span
from sitrep.store import open_store

TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Shelling/artillery/missile attack", "Air/drone strike"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Agreement"],
}
ACTORS = [
    "Military Forces of Syria",
    "Unidentified armed group",
    "Police Forces",
    "Militia",
    "Protesters",
    "Rebels",
]
FILTERS = [
    "",
    "country=XAH",
    "type=Battles&min_killed=5",
    "since=2024-01-01&until=2024-03-31",
    "admin1=Region+17&sort=killed&desc=1",
    "actor=police&status=contested",
    "min_independent=2&precision=1&offset=500",
]


def build(url: str, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    store = open_store(url)
    text = "Synthetic report written for the benchmark; shells hit the town, killing people."
    with store.transaction():
        store.articles.insert(
            [
                Article(
                    id=f"a{i}",
                    text=f"{text} ({i})",
                    text_hash=f"h{i}",
                    title=f"Report {i}",
                    outlet=f"outlet{i % 40}.example",
                    published=dt.date(2024, 1, 1),
                    copy_status="original" if i % 5 else "spun",
                )
                for i in range(500)
            ],
            1,
        )
    first = dt.date(2023, 1, 1)
    for start in range(0, n, 5000):
        events, claims, checks = [], [], []
        for i in range(start, min(n, start + 5000)):
            etype = rng.choice(list(TYPES))
            k = rng.randrange(40)
            country = f"X{chr(65 + k // 26)}{chr(65 + k % 26)}"
            day = first + dt.timedelta(days=rng.randrange(730))
            place = Place(
                text=f"Town {i % 5000}",
                name=f"Town {i % 5000}",
                lat=rng.uniform(-35, 55),
                lon=rng.uniform(-20, 120),
                admin1=f"Region {rng.randrange(300)}",
                country=country,
                precision=rng.choice((1, 1, 2, 3)),
            )
            killed = rng.choice((None, 0, 1, 2, 3, 5, 8, 13, 40))
            figure = Figure(killed, killed, killed) if killed is not None else None
            article = f"a{i % 500}"
            claims.append(
                (
                    article,
                    Claim(
                        id=f"c{i}",
                        article_id=article,
                        sentence=Span(0, len(text), text),
                        event_type=etype,
                        place=place,
                        casualties=Casualties(killed=figure),
                    ),
                )
            )
            events.append(
                Event(
                    id=f"ev{i:07d}",
                    event_type=etype,
                    sub_event_type=rng.choice(TYPES[etype]),
                    start=day,
                    end=day,
                    place=place,
                    actor1=Actor(text="x", name=rng.choice(ACTORS)),
                    casualties=Casualties(killed=figure),
                    claims=[f"c{i}"],
                    articles=[article],
                    n_articles=rng.randint(1, 6),
                    n_outlets=1,
                    n_independent=rng.randint(1, 4),
                )
            )
            checks.append(
                {
                    "claim_id": f"c{i}",
                    "article_id": article,
                    "event_id": f"ev{i:07d}",
                    "status": rng.choice(("corroborated", "contested", "single-source")),
                    "reasons": [],
                }
            )
        with store.transaction():
            store.events.add(events)
            store.executemany(
                "INSERT INTO claims (id, article_id, event_type, data) VALUES (?, ?, ?, ?)",
                [(c.id, a, c.event_type, json.dumps(_dict(c))) for a, c in claims],
            )
            store.executemany(
                "INSERT INTO claim_checks (claim_id, article_id, event_id, status, data) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (r["claim_id"], r["article_id"], r["event_id"], r["status"], json.dumps(r))
                    for r in checks
                ],
            )
    store.close()


def _dict(claim: Claim) -> dict[str, object]:
    from sitrep.model import to_dict

    return to_dict(claim)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> float:
    t = time.perf_counter()
    with urllib.request.urlopen(url) as r:
        r.read()
        assert r.status == 200, url
    return (time.perf_counter() - t) * 1000


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        t = time.perf_counter()
        build(url, args.n)
        built = time.perf_counter() - t
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from sitrep.cli import main; main()",
                "serve",
                "--db",
                url,
                "--port",
                str(port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                try:
                    _get(base + "/api/events?limit=1")
                    break
                except OSError:
                    time.sleep(0.1)
            t = time.perf_counter()
            _get(base + "/api/events?limit=1&country=XAB")  # loads the catalogue
            first = (time.perf_counter() - t) * 1000
            # The first request of a view computes it; later ones may come from the app's
            # cache of aggregates: both are reported, the cold ones as their own maximum.
            api = [_get(f"{base}/api/events?{q}") for q in FILTERS for _ in range(args.repeat)]
            maps = [_get(f"{base}/api/map?{q}") for q in FILTERS for _ in range(2)]
            timeline = [_get(f"{base}/api/timeline?{q}") for q in FILTERS for _ in range(2)]
            overview = [_get(f"{base}/?{q}") for q in FILTERS for _ in range(2)]
            trends = [_get(f"{base}/trends?{q}") for q in FILTERS[:2] for _ in range(2)]
            rng = random.Random(1)
            pages = [_get(f"{base}/events/ev{rng.randrange(args.n):07d}") for _ in range(100)]
            rss = _rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(
        json.dumps(
            {
                "events": args.n,
                "build_s": round(built, 1),
                "first_request_ms": round(first),
                "api_events_p50_ms": round(_p(api, 50), 1),
                "api_events_p95_ms": round(_p(api, 95), 1),
                "api_map_p95_ms": round(_p(maps, 95), 1),
                "api_map_cold_max_ms": round(max(maps[::2])),
                "api_timeline_p95_ms": round(_p(timeline, 95), 1),
                "api_timeline_cold_max_ms": round(max(timeline[::2])),
                "overview_page_p95_ms": round(_p(overview, 95), 1),
                "overview_page_cold_max_ms": round(max(overview[::2])),
                "trends_page_cold_max_ms": round(max(trends[::2])),
                "trends_page_warm_max_ms": round(max(trends[1::2])),
                "event_page_p50_ms": round(_p(pages, 50), 1),
                "event_page_p95_ms": round(_p(pages, 95), 1),
                "server_rss_mb": round(rss),
            }
        )
    )


if __name__ == "__main__":
    main()
