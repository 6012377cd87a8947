"""Fuzz ingest through the CLI: N hostile-file cases, each a fresh `sitrep ingest` subprocess
with the default limits, a per-case timeout and its peak memory measured (wait4).

A case is one hostile file or folder entry next to three good article files (the generators
and checks are tests/ingest/fuzzcases.py, shared with tests/ingest/test_fuzz.py). A case fails
if the CLI crashes (traceback, exit code other than 0/1), times out, loses a good article,
does not name an invalid hostile file in its errors, or stores text from outside the folder.

Prints: cases, failures (generator, seed, what went wrong), peak RSS, the slowest case.

    python benchmarks/fuzz.py --n 2000 [--seed S] [--timeout 120] [--jobs 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ingest"))

from fuzzcases import GENERATORS, build, check, cli_problems, pick, restore, run_cli, stored


def run_case(index: int, seed: int, timeout: float) -> tuple[str, int, list[str], float, int]:
    """(generator, case seed, problems, seconds, peak RSS in KB) of case ``index``."""
    generator, case_seed = pick(index), seed * 1_000_003 + index
    root = Path(tempfile.mkdtemp(prefix="sitrep-fuzz-"))
    try:
        case = build(generator, case_seed, root / "case", full=True)
        db = f"sqlite:///{root / 'x.db'}"
        run = run_cli(case, db, timeout)
        problems = cli_problems(run)
        if not run.timed_out:
            problems += check(case, *stored(db))
        return generator, case_seed, problems, run.seconds, run.peak_rss_kb
    except Exception as exc:  # a harness failure is reported as the case's failure
        return generator, case_seed, [f"harness: {type(exc).__name__}: {exc}"], 0.0, 0
    finally:
        restore(root)
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="cases to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    parser.add_argument("--jobs", type=int, default=1, help="cases run at once")
    args = parser.parse_args()

    started = time.perf_counter()
    results = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = [pool.submit(run_case, i, args.seed, args.timeout) for i in range(args.n)]
        for done, future in enumerate(futures, start=1):
            results.append(future.result())
            if done % 100 == 0:
                print(f"  {done}/{args.n} cases, {time.perf_counter() - started:.0f}s", flush=True)

    failures = [r for r in results if r[2]]
    peak = max(results, key=lambda r: r[4])
    slowest = max(results, key=lambda r: r[3])
    print(
        f"generators: {len(GENERATORS)}, seed {args.seed}, jobs {args.jobs}, "
        f"timeout {args.timeout:.0f}s per case"
    )
    print(f"cases: {len(results)}")
    print(f"failures: {len(failures)}")
    for generator, case_seed, problems, seconds, _ in failures[:50]:
        print(f"  {generator} (seed {case_seed}, {seconds:.1f}s): {'; '.join(problems)}")
    by_generator: dict[str, int] = {}
    for generator, *_ in failures:
        by_generator[generator] = by_generator.get(generator, 0) + 1
    if by_generator:
        print(
            "failures by generator: "
            + ", ".join(f"{g} {n}" for g, n in sorted(by_generator.items()))
        )
    print(f"peak RSS: {peak[4] / 1024:.0f} MB ({peak[0]}, seed {peak[1]})")
    print(f"slowest case: {slowest[3]:.1f}s ({slowest[0]}, seed {slowest[1]})")
    print(f"total: {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
