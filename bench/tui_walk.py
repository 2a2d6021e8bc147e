"""Many random walks through the meeting screen and the live view, each with another
process writing to the same meeting (tests/tui/random_walk.py): nothing invented, nothing
lost, checked after every step. Not part of the test suite, which runs a few.

    .venv/bin/python -m bench.tui_walk --walks 200 [--steps 12] [--first-seed 0]

Prints a line per walk and a summary (walks, steps, events checked, failures with their
seeds, which replay exactly with --first-seed SEED --walks 1).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from tests.tui.random_walk import WalkResult, run_walk


async def walks(count: int, steps: int, first_seed: int) -> list[WalkResult]:
    results: list[WalkResult] = []
    for seed in range(first_seed, first_seed + count):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="tui-walk-") as folder:
            result = await run_walk(Path(folder), seed, steps)
        results.append(result)
        outcome = "ok" if result.failure is None else f"FAILED: {result.failure}"
        print(
            f"walk {seed}: {result.steps} steps, {result.events} events checked, "
            f"{time.perf_counter() - started:.1f} s, {outcome}",
            flush=True,
        )
        if result.failure is not None:
            print("  keys: " + " | ".join(result.log), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=200)
    parser.add_argument("--steps", type=int, default=12)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write the summary here as JSON too")
    args = parser.parse_args()
    started = time.perf_counter()
    results = asyncio.run(walks(args.walks, args.steps, args.first_seed))
    failures = [r for r in results if r.failure is not None]
    summary = {
        "walks": len(results),
        "steps": sum(r.steps for r in results),
        "events_checked": sum(r.events for r in results),
        "failures": len(failures),
        "failed_seeds": [r.seed for r in failures],
        "seconds": round(time.perf_counter() - started),
    }
    print(json.dumps(summary))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
