"""The benchmark's stores, built once and reused: 50k, 200k and 1M events, on SQLite
(a folder each under /work/benchstores/, or CHEFFORUM_BENCH_STORES) and on PostgreSQL
(schemas bench_50k, bench_200k, bench_1m).

    .venv/bin/python -m bench.stores [--sizes 50k,200k,1m] [--no-sqlite] [--no-pg] [--fresh]

A store that is there already (its marker file says so) is left as it is. Each store
holds ordinary meetings (about 220 events each) and one long meeting (LONG_EVENTS events)
added last; its read models are built after the events, by one rebuild.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import psycopg
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bench.synthetic import long_meeting, ordinary
from projections.readmodels.runner import ReadModels
from projections.store.connect import open_minutes
from projections.store.location import is_postgres

STORES = Path(os.environ.get("CHEFFORUM_BENCH_STORES", "/work/benchstores"))
PG = os.environ.get("CHEFFORUM_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
# The schemas are PREFIX_SIZE: the smoke lane (tests/processes/test_bench_smoke.py) builds
# tiny stores of its own beside the real ones.
SCHEMA_PREFIX = os.environ.get("CHEFFORUM_BENCH_SCHEMA_PREFIX", "bench")
SIZES = {"50k": 50_000, "200k": 200_000, "1m": 1_000_000}
LONG_EVENTS = int(os.environ.get("CHEFFORUM_BENCH_LONG_EVENTS", "20000"))


def events_of(size: str) -> int:
    """The events a size names: one of SIZES, or any '3k' / '2m' (the smoke lane's)."""
    if size in SIZES:
        return SIZES[size]
    number, unit = size[:-1], size[-1:].lower()
    return int(float(number) * {"k": 1_000, "m": 1_000_000}[unit])


@dataclass(frozen=True)
class BenchStore:
    """One built store: where it is, its long meeting, and what it held when built."""

    size: str
    where: str
    long_id: UUID
    events: int
    meetings: int
    events_bytes: int  # the store's size before its read models were built

    @property
    def kind(self) -> str:
        return "PostgreSQL" if is_postgres(self.where) else "SQLite"


def location(size: str, kind: str) -> str:
    if kind == "sqlite":  # a folder each: the checkpoint file lies beside the store
        return str(STORES / f"sqlite_{size}" / "events.db")
    return f"{PG}?schema={SCHEMA_PREFIX}_{size}"


def use_state(size: str, kind: str) -> None:
    """A PostgreSQL store's checkpoint file lives in the user's state folder (projections/
    store/checkpoints.py): each benchmark store gets its own, beside the stores, so that a
    store built anew is not held to the checkpoints of the one it replaced."""
    os.environ["XDG_STATE_HOME"] = str(STORES / "state" / f"{kind}_{size}")


def _marker(size: str, kind: str) -> Path:
    return STORES / f"bench_{size}.{kind}.json"


def load(size: str, kind: str) -> BenchStore | None:
    marker = _marker(size, kind)
    if not marker.exists():
        return None
    data = json.loads(marker.read_text())
    return BenchStore(
        size=size,
        where=location(size, kind),
        long_id=UUID(data["long_id"]),
        events=data["events"],
        meetings=data["meetings"],
        events_bytes=data["events_bytes"],
    )


def store_bytes(where: str) -> int:
    """The whole store on disk: the SQLite file with its WAL, or the schema's relations."""
    if not is_postgres(where):
        return sum(
            Path(where + suffix).stat().st_size
            for suffix in ("", "-wal")
            if Path(where + suffix).exists()
        )
    base, _, query = where.partition("?schema=")
    with psycopg.connect(base) as conn:
        row = conn.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind IN ('r', 'm')",
            (query,),
        ).fetchone()
    return int(row[0]) if row else 0


def _wipe(where: str) -> None:
    if is_postgres(where):
        base, _, schema = where.partition("?schema=")
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            conn.execute(f'CREATE SCHEMA "{schema}"')
        return
    shutil.rmtree(Path(where).parent, ignore_errors=True)
    Path(where).parent.mkdir(parents=True)


def build(size: str, kind: str, progress: Progress) -> BenchStore:
    where = location(size, kind)
    target = events_of(size)
    _wipe(where)
    use_state(size, kind)
    shutil.rmtree(os.environ["XDG_STATE_HOME"], ignore_errors=True)
    minutes = open_minutes(where)
    minutes.read_models = None  # the read models are built by one rebuild at the end
    task = progress.add_task(f"{kind} {size}", total=target)
    rng = random.Random(1)
    meetings, events = 0, 0
    while events < target - LONG_EVENTS or meetings == 0:
        minutes.save_meeting(ordinary(rng, meetings, minutes))
        meetings += 1
        events = minutes.recorder.max_notification_id() or 0
        progress.update(task, completed=events)
    long_id = long_meeting(minutes, rng, LONG_EVENTS)
    minutes.flush_snapshots()
    events = minutes.recorder.max_notification_id() or 0
    progress.update(task, completed=events)
    minutes.close()
    events_bytes = store_bytes(where)
    minutes = open_minutes(where)
    progress.update(task, description=f"{kind} {size}: læsemodeller")
    ReadModels.of(minutes).rebuild()
    minutes.close()
    progress.update(task, description=f"{kind} {size}: færdig")
    built = BenchStore(size, where, long_id, events, meetings + 1, events_bytes)
    _marker(size, kind).write_text(
        json.dumps(
            {
                "long_id": str(long_id),
                "events": events,
                "meetings": meetings + 1,
                "events_bytes": events_bytes,
                "built": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
            }
        )
    )
    return built


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--fresh", action="store_true", help="build anew even when present")
    args = parser.parse_args()
    STORES.mkdir(parents=True, exist_ok=True)
    kinds = [k for k, off in (("sqlite", args.no_sqlite), ("postgres", args.no_pg)) if not off]
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns) as progress:
        for size in args.sizes.split(","):
            for kind in kinds:
                if args.fresh or load(size, kind) is None:
                    started = time.perf_counter()
                    built = build(size, kind, progress)
                    progress.console.log(
                        f"{built.kind} {size}: {built.events} hændelser, {built.meetings} møder, "
                        f"{time.perf_counter() - started:.0f} s"
                    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
