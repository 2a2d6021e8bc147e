"""Busy writers: N processes each making M changes to their own item of one meeting at
the same time, several runs, on SQLite and on PostgreSQL; how many changes were refused
and how many lost (both must be 0), and how long the changes waited.

    .venv/bin/python -m bench.busy_writers [--runs 5] [--writers 4] [--changes 100]
        [--pg postgresql://postgres@127.0.0.1:5432/test | --no-pg]

Not part of the test suite (tests/processes/test_busy_writers.py is the small version).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

import psycopg

from tests.processes.busy import Result, run

DEFAULT_PG = "postgresql://postgres@127.0.0.1:5432/test"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.busy_writers")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--changes", type=int, default=100)
    parser.add_argument("--pg", default=DEFAULT_PG, help="PostgreSQL server (a schema per run)")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args(argv)
    stores = ["sqlite"] if args.no_pg else ["sqlite", "postgres"]
    totals: dict[str, list[Result]] = {kind: [] for kind in stores}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.runs):
            for kind in stores:
                folder = Path(tmp) / f"{kind}-{n}"
                folder.mkdir()
                if kind == "sqlite":
                    result = run(str(folder / "events.db"), folder, args.writers, args.changes)
                else:
                    schema = f"bench_busy_{uuid.uuid4().hex[:10]}"
                    try:
                        result = run(
                            f"{args.pg}?schema={schema}", folder, args.writers, args.changes
                        )
                    finally:
                        with psycopg.connect(args.pg, autocommit=True) as conn:
                            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                totals[kind].append(result)
                print(f"kørsel {n + 1}, {result.line(kind)}", flush=True)
                for message in sorted(set(result.messages)):
                    print(f"    afvist: {message}")
    print()
    print("| lager | kørsler | ændringer | afvist | tabt | flettet | p50 | p99 | længste |")
    print("|---|---|---|---|---|---|---|---|---|")
    failed = False
    for kind, results in totals.items():
        changes = sum(r.writers * r.changes for r in results)
        refused = sum(r.refused for r in results)
        lost = sum(r.lost for r in results)
        failed |= bool(refused or lost)
        print(
            f"| {kind} | {len(results)} | {changes} | {refused} | {lost} | "
            f"{sum(r.merged for r in results)} | "
            f"{max(r.p50 for r in results) * 1000:.0f} ms | "
            f"{max(r.p99 for r in results) * 1000:.0f} ms | "
            f"{max(r.slowest for r in results):.2f} s |"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
