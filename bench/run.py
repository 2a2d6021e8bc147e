"""The benchmark: every figure a user waits on, on SQLite and PostgreSQL stores of 50k,
200k and 1M events (bench/stores.py builds them once), in one table with its targets.

    .venv/bin/python -m bench.run [--sizes 50k,200k,1m] [--stores sqlite,postgres]
        [--samples 1000] [--results /work/benchstores/results.json] [--table-only]

In-process figures are percentiles over --samples samples (default 1,000); the long
meeting is opened at every position of a whole snapshot cycle (after each of --samples
saves on it), so that its worst case (the most events since a snapshot) is in the figure.
Figures that start a process (the TUI's first frame, `chefforum meetings`) are medians of
a few runs. Each store's figures are written to --results as they are measured, and the
table is printed from them. Not part of the test suite: timings belong in a table.
The measurements are bench/measure.py, the tables bench/table.py.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress

from bench.measure import measure
from bench.stores import SIZES, STORES, load
from bench.table import growth, table

console = Console(stderr=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--results", type=Path, default=STORES / "results.json")
    parser.add_argument("--table-only", action="store_true", help="print the table saved")
    parser.add_argument(
        "--processes", type=int, default=10, help="new processes timed per command (TUI: 3 at most)"
    )
    args = parser.parse_args()
    sizes, kinds = args.sizes.split(","), args.stores.split(",")
    results: dict[str, dict[str, Any]] = (
        json.loads(args.results.read_text()) if args.results.exists() else {}
    )
    if not args.table_only:
        with Progress(console=console) as progress:
            for size in sizes:
                for kind in kinds:
                    store = load(size, kind)
                    if store is None:
                        console.print(f"{kind} {size}: intet lager (python -m bench.stores)")
                        continue
                    results[f"{kind}/{size}"] = {
                        **measure(store, args.samples, progress, args.processes),
                        "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                    }
                    args.results.write_text(json.dumps(results, indent=1))
    print(table(results, sizes, kinds))
    print()
    print(growth(results, sizes, kinds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
