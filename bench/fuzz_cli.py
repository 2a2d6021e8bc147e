"""A long fuzz run of every command's arguments: the properties of tests/fuzz_cli/.

    .venv/bin/python -m bench.fuzz_cli [--cases N] [--seed S] [--db postgresql://...]

Prints the cases run, how many were accepted and refused (exit 1 and 2), tracebacks,
hangs (a case past 30 s), refusals that changed the store, the slowest case, and the
first failures with their command lines; exits 1 when any case failed. Cases also set
the environment's variables to odd values and name special files and odd locations.
Each case is one command line through main() in this process; the
store (an SQLite file, or schemas of the given PostgreSQL server, dropped afterwards) is
renewed every 40 stored changes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fuzz_cli.fuzz import fuzzing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="a PostgreSQL server URL (default: SQLite files)")
    args = parser.parse_args()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder, fuzzing(Path(folder), args.db) as fuzz:

        def progress(done: int) -> None:
            if done % 1000 == 0:
                print(f"  {done} cases, {time.perf_counter() - started:.0f} s", flush=True)

        fuzz.run(args.cases, args.seed, progress)
        o = fuzz.outcomes
        changed = sum("refused but stored" in f for f in fuzz.failures)
        print(
            f"fuzz_cli ({'PostgreSQL' if args.db else 'SQLite'}, seed {args.seed}): "
            f"{args.cases} cases, {o['accepted']} accepted, {o['refused (1)']} refused by a "
            f"rule (1), {o['refused (2)']} refused as bad input (2), {o['traceback']} "
            f"tracebacks, {o['hang']} hangs, {changed} changed after a refusal, "
            f"{o['failed']} failed, {time.perf_counter() - started:.0f} s"
        )
        print(f"slowest case: {fuzz.slowest[0]:.1f} s: {fuzz.slowest[1][:160]}")
        for failure in fuzz.failures[:10]:
            print(f"FAILED {failure}")
        return 1 if fuzz.failures else 0


if __name__ == "__main__":
    sys.exit(main())
