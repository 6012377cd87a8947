"""Write a gold folder for ``../shared/tools/news_eval.sh`` from one of our page sets.

usage: python scripts/page_gold.py tests/fuse/data/pages_2016_k.jsonl GOLD_DIR

A page's tag is the end of its address ("ca-b"); the part before the dash names its incident
("ca"), so an incident's pages form one cluster and each distractor ("cs") one of its own.
The sets carry no annotated sentences or copies: only cluster recall and purity are scored.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_gold(pages: Path, out: Path) -> int:
    """Write articles.jsonl, clusters.json, annotations.jsonl and copies.json; return the
    number of clusters."""
    out.mkdir(parents=True, exist_ok=True)
    clusters: dict[str, list[str]] = {}
    with pages.open(encoding="utf-8") as src, (out / "articles.jsonl").open("w") as dst:
        for line in src:
            if not line.strip():
                continue
            page = json.loads(line)
            tag = page["url"].rsplit("/", 1)[1]
            clusters.setdefault(tag.split("-")[0], []).append(tag)
            dst.write(json.dumps({**page, "id": tag}) + "\n")
    gold = [{"id": k, "title": k, "articles": v} for k, v in clusters.items()]
    (out / "clusters.json").write_text(json.dumps(gold, indent=1))
    (out / "annotations.jsonl").write_text("")
    (out / "copies.json").write_text(json.dumps({"pairs": [], "spun_or_stitched": []}))
    return len(gold)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(write_gold(Path(sys.argv[1]), Path(sys.argv[2])), "clusters")
