"""Fusion in blocks on local processes and on a real Dask cluster (LocalCluster, two worker
processes) gives the events of one process: from the pure function up to the fuse stage,
and when a worker dies."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from partition_claims import Mix, claim_set

import sitrep
from sitrep.fuse.fusion import fuse_claims
from sitrep.fuse.partition import Block, fuse_partitioned
from sitrep.model import Article, Claim, Event
from sitrep.scale import fusion
from sitrep.scale.fusion import fuse_blocks_locally
from sitrep.store import Store

pytestmark = pytest.mark.slow

SETS = [(0, Mix()), (1, Mix()), (2, Mix(countryless=0.01, reactions=0.02, undated=0.01))]


@pytest.mark.parametrize(("seed", "mix"), SETS)
def test_blocks_fused_by_two_local_processes_give_the_events_of_one(seed: int, mix: Mix) -> None:
    claims, articles = claim_set(seed, mix=mix)
    events = fuse_partitioned(claims, articles, lambda found: fuse_blocks_locally(found, 2))
    assert events == fuse_claims(claims, articles)


@pytest.mark.parametrize(("seed", "mix"), SETS)
def test_blocks_fused_on_a_dask_cluster_give_the_events_of_one(
    seed: int, mix: Mix, dask_client: Any
) -> None:
    from sitrep.scale.cluster import fuse_blocks_on_cluster

    claims, articles = claim_set(seed, mix=mix)
    events = fuse_partitioned(
        claims, articles, lambda found: fuse_blocks_on_cluster(dask_client, found)
    )
    assert events == fuse_claims(claims, articles)


@pytest.fixture(scope="module")
def sample_claims(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Claim], dict[str, Any]]:
    """The samples' claims (rules mode) and what fusion knows of their articles."""
    from sitrep.extract.stage import extract
    from sitrep.fuse.stage import article_infos

    path = tmp_path_factory.mktemp("samples") / "rules.db"
    with sitrep.open_store(f"sqlite:///{path}") as store:
        sitrep.ingest([str(Path(__file__).resolve().parents[2] / "samples")], store)
        extract(store, mode="rules")
        sitrep.fuse(store)  # the copy analysis fusion reads
        claims = list(store.claims.iter())
        return claims, article_infos(store, [c.article_id for c in claims])


def test_the_samples_fused_in_blocks_locally_and_on_dask_give_the_events_of_one_process(
    sample_claims: tuple[list[Claim], dict[str, Any]], dask_client: Any
) -> None:
    from sitrep.scale.cluster import fuse_blocks_on_cluster

    claims, articles = sample_claims
    one = fuse_claims(claims, articles)
    assert len(one) > 5
    assert fuse_partitioned(claims, articles, lambda b: fuse_blocks_locally(b, 2)) == one
    assert (
        fuse_partitioned(claims, articles, lambda b: fuse_blocks_on_cluster(dask_client, b)) == one
    )


def test_a_fusion_worker_killed_costs_no_event() -> None:
    claims, articles = claim_set(4)
    killed: list[int] = []

    def kill_after_the_first(found: list[Block]) -> Iterator[list[Event]]:
        for n, events in enumerate(fuse_blocks_locally(found, 2)):
            if n == 0:
                for child in multiprocessing.active_children():
                    os.kill(child.pid or 0, signal.SIGKILL)
                    killed.append(child.pid or 0)
            yield events

    assert fuse_partitioned(claims, articles, kill_after_the_first) == fuse_claims(claims, articles)
    assert killed


def _store(path: Path, claims: list[Claim], articles: dict[str, Any]) -> Store:
    store = sitrep.open_store(f"sqlite:///{path}")
    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article_id, []).append(c)
    with store.transaction():
        store.articles.insert(
            [
                Article(
                    id=a,
                    text=a,
                    text_hash=a,
                    outlet=articles[a].outlet,
                    language="en",
                    published=articles[a].published,
                    dup_group=articles[a].dup_group,
                )
                for a in sorted(by_article)
            ],
            store.articles.next_seq(),
        )
        for aid, group in by_article.items():
            store.claims.replace(aid, group, "test")
    return store


def _events(store: Store) -> list[tuple[str, list[str], int]]:
    return sorted((e.id, sorted(e.claims), e.n_independent) for e in store.events.iter())


def test_the_fuse_stage_in_blocks_stores_the_events_of_one_process(
    tmp_path: Path, dask_client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``sitrep.fuse`` with workers or a scheduler, from an empty store and rebuilt."""
    claims, articles = claim_set(5)
    monkeypatch.setattr(fusion, "PARTITION_MIN", 0)  # the set is small: split it anyway
    with _store(tmp_path / "one.db", claims, articles) as store:
        sitrep.fuse(store)
        want = _events(store)
    assert len(want) > 100
    for name, options in (("local", {"workers": 2}), ("dask", {"scheduler": dask_client})):
        with _store(tmp_path / f"{name}.db", claims, articles) as store:
            sitrep.fuse(store, **options)
            assert _events(store) == want
            sitrep.fuse(store, rebuild=True, **options)
            assert _events(store) == want
