"""Reference check speed: load time of a UCDP GED / ACLED CSV and claims checked per second.
Prints one JSON object.

Run: python benchmarks/reference.py [--reference ../shared/data/reference/ucdp_ged_syria_2016_2019.csv]
     [--claims 10000]
The claims are synthetic, drawn from the reference rows themselves (dates moved by -2..+2
days, points by up to ~30 km, figures scaled) plus undated, unplaced and protest claims, so
every verdict is exercised; the seed is fixed.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT = REPO.parent / "shared" / "data" / "reference" / "ucdp_ged_syria_2016_2019.csv"


def synthetic_claims(ref, n: int, seed: int = 7) -> list:  # type: ignore[no-untyped-def]
    from sitrep.model import Casualties, Claim, Figure, Place, Span, When

    rng = random.Random(seed)
    rows = [e for e in ref.events if e.lat is not None]
    claims = []
    for i in range(n):
        e = rng.choice(rows)
        day = e.date_start + dt.timedelta(rng.randint(-2, 2))
        kind = rng.random()
        place = Place(
            text=e.place or "?",
            name=e.place,
            lat=e.lat + rng.uniform(-0.25, 0.25),
            lon=e.lon + rng.uniform(-0.25, 0.25),
            admin1=e.adm1,
            country="SYR",
            precision=rng.choice((1, 1, 2, 3)),
        )
        when = When("", day, day, rng.choice(("day", "day", "day", "week", "month")))
        killed = Figure(best=max(0, round((e.best or 1) * rng.uniform(0.3, 3))))
        event_type = "Explosions/Remote violence"
        if kind < 0.03:
            when = None
        elif kind < 0.06:
            place = None
        elif kind < 0.1:
            event_type = "Protests"
        claims.append(
            Claim(
                id=f"c{i}",
                article_id="a",
                sentence=Span(0, 1, "x"),
                event_type=event_type,
                place=place,
                when=when,
                casualties=Casualties(killed=killed),
            )
        )
    return claims


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reference", default=str(DEFAULT))
    parser.add_argument("--claims", type=int, default=10_000)
    args = parser.parse_args()

    from sitrep.verify.reference import check_claims, load_reference

    started = time.perf_counter()
    cpu = time.process_time()
    ref = load_reference(args.reference)
    load_s, load_cpu = time.perf_counter() - started, time.process_time() - cpu
    claims = synthetic_claims(ref, args.claims)
    started = time.perf_counter()
    cpu = time.process_time()
    checks = check_claims(claims, ref)
    check_s, check_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        json.dumps(
            {
                "reference_rows": len(ref),
                "load_s": round(load_s, 3),
                "load_cpu_s": round(load_cpu, 3),
                "claims": len(claims),
                "check_s": round(check_s, 3),
                "check_cpu_s": round(check_cpu, 3),
                "claims_per_s": round(len(claims) / check_s),
                "verdicts": dict(collections.Counter(c.verdict for c in checks)),
            }
        )
    )


if __name__ == "__main__":
    main()
