"""`sitrep evaluate case2021` on the CASE 2021 dev split (skips when ../shared/data is absent)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from helpers import SHARED_DATA

DEV = SHARED_DATA / "case2021_task2" / "dev.tsv"


def test_cli_scores_a_small_file_with_the_shipped_model(tmp_path):
    f = tmp_path / "mini.tsv"
    f.write_text(
        "id\ttext\tlabel\tmin_subtask\n"
        "1\tWarplanes bombed a market in the north of the country on Friday, killing six.\tAIR_STRIKE\t1\n"
        "2\tHundreds marched peacefully through the capital to demand fair elections.\tPEACE_PROTEST\t1\n"
        "3\tAn earthquake of magnitude 6.1 destroyed hundreds of homes in the mountain villages.\tNATURAL_DISASTER\t2\n",
        encoding="utf-8",
    )
    code = "from sitrep.cli import main; main()"
    proc = subprocess.run(
        [sys.executable, "-c", code, "evaluate", "case2021", str(f), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"weighted_f1_25", "weighted_f1_28", "weighted_f1_30"} <= set(result)
    assert result["n_25"] == 2 and result["n_28"] == 3 and result["n_30"] == 3
    assert all(0 <= result[f"weighted_f1_{n}"] <= 1 for n in (25, 28, 30))


@pytest.mark.skipif(
    not DEV.is_file(), reason="../shared/data/case2021_task2 is not here (a user's clone)"
)
def test_cross_validation_on_dev_beats_a_floor():
    from sitrep.evaluate.case2021 import cross_validate

    # Without our own sentences (they add ~1,300 embeddings and minutes to the suite); measured
    # 0.72-0.73 so, 0.78-0.79 with them (see the issue note). A floor well below catches breakage.
    result = cross_validate(DEV, k=5, own=[])
    assert result["n_25"] == 348 and result["n_30"] == 426
    assert result["weighted_f1_25"] > 0.65 and result["weighted_f1_30"] > 0.65
