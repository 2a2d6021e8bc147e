"""Save latency on a given store: what a user waits for when a change is saved (load the
meeting, run the command, save its events), over --samples saves each on ordinary
meetings and on the store's longest meeting, as percentiles: of the time waited (wall
clock), and of the CPU time the saving thread itself spent. On a machine shared with other
work the difference between them is mostly waiting for a core; what the save itself does
(and whether a checkpoint or a snapshot ran inside it) shows in the CPU time.

    .venv/bin/python -m bench.saves STORE [--samples 1000] [--long ID] [--phases]

STORE is an SQLite file or a PostgreSQL URL (?schema=...). It is written to: point it at
a copy of a benchmark store, never at /work/benchstores itself. A save that took a
snapshot is counted apart as well ("snapshot"). --phases splits each save into its parts
(load, save's forum check, insert and commit, snapshot hand-over) and shows the parts of
the slowest 1% beside those of the median save: where the p99 goes.

The baseline, measured in the same run before and after the saves: a sync to disk of a
4 KiB append in the store's folder (SQLite), or a committed one-row insert into a table
of a schema of its own (PostgreSQL, dropped afterwards), --samples times. A save reported
can be no faster than its one synced commit.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID

import psycopg

from bench.synthetic import ACTOR, filler
from domain.application import Minutes
from domain.forum.template import CHEFFORUM_SECTIONS as SECTIONS
from domain.meeting.aggregate import Meeting
from projections.store.connect import open_minutes
from projections.store.location import is_postgres

# The parts of a save timed by --phases: (object, attribute) wrapped with a timer.
PHASES = ("load", "forum", "insert", "snapshot")


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Phases:
    """Seconds spent in each part of the current save, by wrapping the methods that do
    the parts (instance attributes shadow the class's; nothing else changes)."""

    def __init__(self, minutes: Minutes) -> None:
        self.current: dict[str, float] = defaultdict(float)
        self._wrap(minutes, "get", "load")
        self._wrap(minutes, "forum", "forum")
        self._wrap(minutes.recorder, "insert_events", "insert")
        self._wrap(minutes, "_take_snapshots", "snapshot")

    def _wrap(self, target: Any, name: str, phase: str) -> None:
        inner: Callable[..., Any] = getattr(target, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return inner(*args, **kwargs)
            finally:
                self.current[phase] += time.perf_counter() - started

        setattr(target, name, timed)

    @contextmanager
    def one(self, into: list[dict[str, float]]) -> Iterator[None]:
        self.current = defaultdict(float)
        yield
        into.append(dict(self.current))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def baseline(where: str, samples: int) -> list[float]:
    """The floor of a durable save: one synced commit of almost nothing."""
    taken = []
    if is_postgres(where):
        # Not a temporary table: its rows are not in the WAL, its commit not synced.
        schema = f"bench_floor_{os.getpid()}"
        with psycopg.connect(where.partition("?")[0], autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
            try:
                conn.execute(f"CREATE TABLE {schema}.floor (n int)")
                for n in range(samples):
                    started = time.perf_counter()
                    conn.execute(f"INSERT INTO {schema}.floor VALUES (%s)", (n,))
                    taken.append(time.perf_counter() - started)
            finally:
                conn.execute(f"DROP SCHEMA {schema} CASCADE")
        return taken
    with tempfile.TemporaryFile(dir=os.path.dirname(os.path.abspath(where))) as f:
        for _ in range(samples):
            f.write(b"x" * 4096)
            f.flush()
            started = time.perf_counter()
            os.fsync(f.fileno())
            taken.append(time.perf_counter() - started)
    return taken


def longest(minutes: Minutes) -> UUID:
    return max(minutes.summaries(), key=lambda s: s.version).id


def run(where: str, samples: int, long_id: UUID | None, phases: bool) -> int:
    floor = baseline(where, samples)
    minutes = open_minutes(where)
    # Unseeded: a fixed seed would write the same texts into a reused store again, and a
    # text written again records nothing (a save of no events).
    rng = random.Random()
    summaries = minutes.summaries()
    long_id = long_id or longest(minutes)
    open_ids = [s.id for s in summaries if s.status != "approved" and s.id != long_id]
    writer: Any = minutes._snapshot_writer
    taken = [0]
    put = writer.put

    def counting_put(*args: Any, **kwargs: Any) -> Any:
        taken[0] += 1
        return put(*args, **kwargs)

    writer.put = counting_put
    timer = Phases(minutes) if phases else None
    results: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    parts: dict[str, list[dict[str, float]]] = defaultdict(list)

    def save(kind: str, meeting_id: UUID) -> None:
        def write(m: Meeting) -> None:
            item = rng.choice(m.state.active_items()).id
            m.write_section(ACTOR, item, rng.choice(SECTIONS), filler(rng, 40))

        before = taken[0]
        sink: list[dict[str, float]] = []
        started, started_cpu = time.perf_counter(), time.thread_time()
        if timer is None:
            minutes.change(meeting_id, write)
        else:
            with timer.one(sink):
                minutes.change(meeting_id, write)
        took, took_cpu = time.perf_counter() - started, time.thread_time() - started_cpu
        for into in (kind, "all", "snapshot") if taken[0] > before else (kind, "all"):
            results[into].append(took)
            cpu[into].append(took_cpu)
        if sink:
            sink[0]["total"] = took
            parts[kind].append(sink[0])

    for _ in range(50):  # warm up: caches, the first snapshot thread
        save("warm", rng.choice(open_ids))
        save("warm", long_id)
    for found in (results, cpu, parts):
        found.clear()
    for _ in range(samples):
        save("ordinary", rng.choice(open_ids))
    for _ in range(samples):
        save("long", long_id)
    minutes.close()
    floor += baseline(where, samples)

    print(f"{where}: {len(summaries)} møder, det lange {long_id} ({samples} gem af hver slags)")
    print(f"{'gem':<10} {'n':>5}  {'ventetid p50 / p90 / p99 / max':<35}  CPU-tid p50 / p99 / max")
    for kind in ("ordinary", "long", "snapshot", "all"):
        if not results.get(kind):
            continue
        waited = " / ".join(f"{ms(pct(results[kind], q))}" for q in (0.5, 0.9, 0.99, 1.0))
        spent = " / ".join(f"{ms(pct(cpu[kind], q))}" for q in (0.5, 0.99, 1.0))
        print(f"{kind:<10} {len(results[kind]):>5}  {waited:<35}  {spent}")
    what = "indsæt én række, commit" if is_postgres(where) else "fsync af 4 KiB"
    waited = " / ".join(f"{ms(pct(floor, q))}" for q in (0.5, 0.9, 0.99, 1.0))
    print(f"{'gulv':<10} {len(floor):>5}  {waited:<35}  ({what})")
    for kind, rows in parts.items():
        rows.sort(key=lambda r: r["total"])
        slow = rows[int(len(rows) * 0.99) :]
        middle = rows[len(rows) // 2 - 5 : len(rows) // 2 + 5]
        print(f"\n{kind}: dele af et gem i ms, median-gem mod de langsomste 1% (n={len(slow)})")
        for phase in (*PHASES, "total"):
            mid = statistics.mean(r.get(phase, 0.0) for r in middle) * 1000
            worst = statistics.mean(r.get(phase, 0.0) for r in slow) * 1000
            print(f"  {phase:<9} {mid:>7.2f} {worst:>7.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--long", type=UUID, default=None, help="the long meeting's id")
    parser.add_argument("--phases", action="store_true")
    args = parser.parse_args()
    return run(args.store, args.samples, args.long, args.phases)


if __name__ == "__main__":
    sys.exit(main())
