"""Many monkey walks (tests/tui/monkey.py): bursts of any bound key and text with no
pauses, from every screen and dialog reached, while another user writes to the same
meeting through the command line; after every burst the app is up, nothing invented,
nothing lost. Not part of the test suite, which runs 20.

    nice .venv/bin/python -m bench.monkey --walks 500 [--bursts 6] [--first-seed 0]

Prints a line per walk and a table: walks, bursts, keys, tokens seen in fields, events
checked (the monkey's and the other writer's), failures with their seeds (a seed replays
its keys with --first-seed SEED --walks 1), and the slowest walks.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path

from tests.tui.monkey import MonkeyResult, run_monkey


async def walks(count: int, bursts: int, first_seed: int) -> list[tuple[MonkeyResult, float]]:
    results: list[tuple[MonkeyResult, float]] = []
    for seed in range(first_seed, first_seed + count):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="monkey-") as folder:
            result = await run_monkey(Path(folder), seed, bursts)
        seconds = time.perf_counter() - started
        results.append((result, seconds))
        outcome = "ok" if result.failure is None else f"FAILED: {result.failure}"
        print(
            f"walk {seed}: {result.bursts} bursts, {result.keys} keys, {result.tokens_seen} "
            f"tokens seen, {result.events} events, {seconds:.1f} s, {outcome}",
            flush=True,
        )
        if result.failure is not None:
            print("  bursts: " + " | ".join(result.log), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walks", type=int, default=500)
    parser.add_argument("--bursts", type=int, default=6)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write the summary here as JSON too")
    args = parser.parse_args()
    started = time.perf_counter()
    results = asyncio.run(walks(args.walks, args.bursts, args.first_seed))
    failures = [r for r, _ in results if r.failure is not None]
    times = sorted(s for _, s in results)
    summary = {
        "walks": len(results),
        "bursts": sum(r.bursts for r, _ in results),
        "keys": sum(r.keys for r, _ in results),
        "tokens_seen": sum(r.tokens_seen for r, _ in results),
        "events_checked": sum(r.events for r, _ in results),
        "failures": len(failures),
        "failed_seeds": [r.seed for r in failures],
        "walk_seconds_median": round(times[len(times) // 2], 1) if times else 0,
        "walk_seconds_worst": round(times[-1], 1) if times else 0,
        "seconds": round(time.perf_counter() - started),
    }
    print()
    print(f"{'':<22}{'value':>10}")
    for name, value in summary.items():
        if name != "failed_seeds":
            print(f"{name:<22}{value:>10}")
    print(f"failed seeds: {summary['failed_seeds'] or 'none'}")
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
