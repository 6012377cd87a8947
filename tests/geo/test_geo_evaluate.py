"""The geo evaluator on a hand-written corpus with known answers; the real corpora if present."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from helpers import SHARED_DATA
from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.evaluate.geo import MAX_ERROR_KM, distance_metrics, evaluate_file, read_corpus

TINY = Path(__file__).parent / "data" / "tiny_corpus.xml"


def test_distance_metrics_by_hand():
    m = distance_metrics([0.0, 100.0, MAX_ERROR_KM])
    assert m["n"] == 3 and m["acc161"] == round(2 / 3, 4) and m["median_km"] == 100.0
    assert m["mean_km"] == round((100.0 + MAX_ERROR_KM) / 3, 1)
    mid = math.log1p(100.0) / math.log1p(MAX_ERROR_KM)
    assert m["auc"] == round(((0 + mid) / 2 + (mid + 1) / 2) / 2, 4)
    assert distance_metrics([])["acc161"] is None


def test_reader_keeps_offsets_and_gold_points():
    [article] = list(read_corpus(TINY))
    assert [t.phrase for t in article.toponyms] == [
        "Tariq al-Bab",
        "Aleppo",
        "Xyzzyville",
        "Nowhere",
    ]
    assert all(article.text[t.start : t.end] == t.phrase for t in article.toponyms)
    assert [t.lat is not None for t in article.toponyms] == [True, True, False, False]


def test_gold_span_scores_on_the_tiny_corpus(gaz):
    result = evaluate_file(TINY)
    assert result["n"] == 2  # toponyms without a gaztag are left out of distances
    assert result["acc161"] == 1.0 and result["median_km"] < 5.0


def test_end_to_end_scores_on_the_tiny_corpus(gaz):
    result = evaluate_file(TINY, end_to_end=True)
    assert result["n_gold"] == 4 and result["recall"] >= 0.5
    assert result["n"] == 2 and result["acc161"] == 1.0


def test_cli_prints_the_required_keys(gaz):
    out = CliRunner().invoke(app, ["evaluate", "geo", str(TINY), "--json"])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output)
    assert {"acc161", "mean_km", "median_km", "auc", "n"} <= set(figures)


@pytest.mark.slow
@pytest.mark.parametrize("name, floor", [("TR-News.xml", 0.8), ("LGL.xml", 0.75)])
def test_real_corpora_if_present(gaz, name, floor):
    path = SHARED_DATA / "geo" / name
    if not path.is_file():
        pytest.skip(f"{path} not present")
    assert evaluate_file(path)["acc161"] >= floor
