"""The second half of ``benchmarks/scale.py``: PostgreSQL against SQLite, and fusion in
blocks against one process. Not a test; ``scale.py`` prints the figures.

Corpus: N synthetic wire reports, written here: incidents (an air strike, shelling, a car
bomb, gunmen, clashes) in 40 real towns of 9 countries over ten years, each told by one to
four outlets in their own words and tolls, so that ingest, rules extraction, copy analysis
and fusion all have real work (every article gives claims, most events several reports).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sitrep
from sitrep.extract.stage import extract
from sitrep.fuse.fusion import fuse_claims
from sitrep.fuse.partition import blocks
from sitrep.fuse.stage import article_infos
from sitrep.scale.fusion import PACK_CLAIMS

REPO = Path(__file__).resolve().parent.parent

TOWNS = {
    "Syria": "Aleppo Idlib Homs Hama Daraa Raqqa Douma Ariha",
    "Iraq": "Mosul Kirkuk Fallujah Ramadi Basra Tikrit",
    "Yemen": "Aden Taiz Sanaa Hodeidah Marib",
    "Afghanistan": "Kabul Kandahar Herat Kunduz Jalalabad",
    "Nigeria": "Maiduguri Kano Bama Damboa",
    "Mali": "Gao Timbuktu Mopti Kidal",
    "Ukraine": "Kharkiv Donetsk Mariupol Kherson",
    "Somalia": "Mogadishu Kismayo Baidoa",
    "Sudan": "Khartoum Nyala Omdurman",
}
ATTACKS = [
    ("An air strike", "air strike"),
    ("Shelling", "shelling"),
    ("A car bomb", "car bomb"),
    ("Gunmen", "attack"),
    ("Clashes between the army and rebels", "clashes"),
]
SAID = [
    "a local monitor said",
    "officials said",
    "medics said",
    "residents told reporters",
    "the interior ministry said",
    "a rescue group said",
]
SITES = (
    "market",
    "school",
    "clinic",
    "convoy",
    "checkpoint",
    "bakery",
    "bridge",
    "camp",
    "farm",
    "mosque",
    "road",
    "depot",
    "square",
    "station",
    "well",
    "orchard",
    "garage",
    "warehouse",
)


def wire_reports(n: int, seed: int = 0) -> Iterator[dict[str, str]]:
    """``n`` synthetic reports (title, text, published, outlet, url), deterministic."""
    rng = random.Random(seed)
    start, made = dt.date(2015, 1, 1), 0
    while made < n:
        country = rng.choice(list(TOWNS))
        town = rng.choice(TOWNS[country].split())
        day = start + dt.timedelta(days=rng.randrange(3650))
        (what, noun), killed = rng.choice(ATTACKS), rng.randint(2, 40)
        for outlet in range(rng.randint(1, 4)):
            if made >= n:
                return
            toll, sites = max(1, killed + rng.randint(-3, 3)), rng.sample(SITES, 6)
            text = (
                f"{town.upper()}, {country} - {what} hit a {sites[0]} in {town} on "
                f"{day.strftime('%A')}, killing {toll} people and wounding {rng.randint(0, 60)}, "
                f"{rng.choice(SAID)}.\n\nThe {sites[1]} near the {sites[2]} was badly damaged "
                f"and the {sites[3]} was closed, report {made} from desk {outlet} said.\n\n"
                f"Witnesses described the {sites[4]} and the {sites[5]} after the {noun} in {town}."
            )
            published = day + dt.timedelta(days=rng.randint(0, 1))
            yield {
                "title": f"{toll} killed in {noun} in {town}",
                "text": text,
                "published": published.isoformat(),
                "outlet": f"outlet{rng.randrange(200)}.example",
                "url": f"https://outlet{outlet}.example/{made}",
            }
            made += 1


def write_reports(path: Path, n: int) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for row in wire_reports(n):
            f.write(json.dumps(row) + "\n")
    return path


@contextlib.contextmanager
def postgres(url: str | None) -> Iterator[str | None]:
    """``url``, or a throwaway server started with the test suite's helper (tests/pg.py), or
    None when neither is possible (the PostgreSQL figures are then skipped)."""
    if url:
        yield url
        return
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from pg import Cluster

        cluster = Cluster()
        cluster.start()
    except Exception as exc:  # no server binaries here
        print(f"PostgreSQL: skipped ({exc}); pass --pg postgresql://... to measure it")
        yield None
        return
    try:
        yield cluster.create_database("sitrep_bench")
    finally:
        cluster.stop()


def _timed(fn: Any) -> tuple[Any, float]:
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def store_run(url: str, corpus: Path, client: Any, mode: str) -> dict[str, Any]:
    """Ingest (documents prepared on the cluster), extract (on the cluster: with PostgreSQL
    its workers write with COPY) and fuse (in blocks on the cluster) into a fresh store;
    seconds per stage, then the fusion again from scratch in one process and in blocks."""
    with sitrep.open_store(url) as store:
        ingest, t_ingest = _timed(lambda: sitrep.ingest([str(corpus)], store, scheduler=client))
        ext, t_extract = _timed(lambda: extract(store, mode=mode, scheduler=client))
        fus, t_fuse = _timed(lambda: sitrep.fuse(store, scheduler=client))
        _, t_one = _timed(lambda: sitrep.fuse(store, rebuild=True))
        one = sorted((e.id, tuple(e.claims)) for e in store.events.iter())
        _, t_blocks = _timed(lambda: sitrep.fuse(store, rebuild=True, scheduler=client))
        same = one == sorted((e.id, tuple(e.claims)) for e in store.events.iter())
        # The part of the rebuild that runs in blocks: the fusion proper, and their blocks.
        claims = list(store.claims.iter())
        articles = article_infos(store, [c.article_id for c in claims])
        found, t_split = _timed(lambda: blocks(claims, articles, PACK_CLAIMS))
        _, t_pure = _timed(lambda: fuse_claims(claims, articles))
        return {
            "articles": ingest.records,
            "claims": ext.claims,
            "events": fus.events,
            "writer": ext.writer,
            "ingest_s": t_ingest,
            "extract_s": t_extract,
            "fuse_s": t_fuse,
            "rebuild_one_s": t_one,
            "rebuild_blocks_s": t_blocks,
            "same_events": same,
            "pure_s": t_pure,
            "split_s": t_split,
            "blocks": len(found),
            "largest": max(len(b.claims) for b in found) / len(claims),
        }


def pure_fusion(n_claims: int, client: Any, workers: int) -> dict[str, Any]:
    """``fuse_claims`` on ``benchmarks/fuse.py``'s synthetic claims (20 countries, two years)
    in one process, in blocks on ``workers`` local processes, and on the cluster."""
    from fuse import synthetic

    from sitrep.fuse.partition import fuse_partitioned
    from sitrep.scale.cluster import fuse_blocks_on_cluster
    from sitrep.scale.fusion import fuse_blocks_locally

    claims, articles, _ = synthetic(n_claims)
    found, t_blocks = _timed(lambda: blocks(claims, articles, PACK_CLAIMS))
    one, t_one = _timed(lambda: fuse_claims(claims, articles))
    local, t_local = _timed(
        lambda: fuse_partitioned(
            claims, articles, lambda b: fuse_blocks_locally(b, workers), PACK_CLAIMS
        )
    )
    dask, t_dask = _timed(
        lambda: fuse_partitioned(
            claims, articles, lambda b: fuse_blocks_on_cluster(client, b), PACK_CLAIMS
        )
    )
    return {
        "claims": len(claims),
        "blocks": len(found),
        "blocks_s": t_blocks,
        "largest": max(len(b.claims) for b in found) / len(claims),
        "one_s": t_one,
        "local_s": t_local,
        "dask_s": t_dask,
        "same_events": one == local == dask,
    }
