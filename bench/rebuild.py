"""The rebuild against a typed read of the same events, in the same run (issue 15: a rebuild
at no less than half the speed of the typed read).

    .venv/bin/python -m bench.rebuild                       # SQLite and PostgreSQL
    .venv/bin/python -m bench.rebuild --stores sqlite --repeat 3

The typed read is what the rebuild cannot avoid: the meeting events read in the rebuild's
batches and decoded into typed domain events by the store's own mapper. The write floor
is the other bound (issue 26: a rebuild at >= 0.8 of it): the very rows the rebuild wrote
(rm_audit, rm_meetings, rm_search) inserted by plain executemany into empty tables of the
same schema in a scratch store, in the rebuild's batches, one commit each. Each repetition
times one typed read, one rebuild and one floor, in turn, so all see the same machine
load. The stores are built once (bench/.store, the PostgreSQL schema bench_rebuild) and
reused.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg

import projections.store.postgres.readmodels
import projections.store.sqlite.readmodels
from bench.prepared import ROOT, prepare
from domain.application import Minutes
from projections.readmodels.runner import MEETING_TOPICS, REBUILD_BATCH, ReadModels

PG = "postgresql://postgres@127.0.0.1:5432/test?schema=bench_rebuild"


def typed_read(minutes: Minutes) -> int:
    """Every meeting event read in the rebuild's batches and decoded to its typed event."""
    recorder, mapper = minutes.recorder, minutes.mapper
    count, start = 0, 1
    while True:
        batch = recorder.select_notifications(
            start=start, limit=REBUILD_BATCH, topics=MEETING_TOPICS
        )
        if not batch:
            return count
        for notification in batch:
            mapper.to_domain_event(notification)
        count += len(batch)
        start = batch[-1].id + 1


_COLUMNS = {
    "rm_audit": "*",
    "rm_meetings": "*",
    "rm_search": "meeting_id, item_number, item_title, field, public, text",
}


def rows_written(where: str) -> dict[str, list[tuple[Any, ...]]]:
    """The rows a rebuild wrote, table by table, in the order they were written."""
    if not where.startswith("postgresql"):
        with sqlite3.connect(where) as conn:
            return {
                t: conn.execute(
                    f"SELECT {'rowid, ' if t == 'rm_search' else ''}{c} FROM {t} ORDER BY rowid"
                ).fetchall()
                for t, c in _COLUMNS.items()
            }
    base, _, schema = where.partition("?schema=")
    with psycopg.connect(base) as conn:
        return {
            t: conn.execute(
                f'SELECT {c} FROM "{schema}".{t}' + (" ORDER BY seq" if t == "rm_search" else "")
            ).fetchall()
            for t, c in _COLUMNS.items()
        }


def write_floor(where: str, rows: dict[str, list[tuple[Any, ...]]], events: int) -> int:
    """The same rows by plain executemany into empty tables of the same schema, in as
    many commits as the rebuild makes (one per REBUILD_BATCH events); returns `events`."""
    batches = max(1, -(-events // REBUILD_BATCH))

    def chunks(table: str) -> list[list[tuple[Any, ...]]]:
        found = rows[table]
        size = -(-len(found) // batches) or 1
        return [found[i : i + size] for i in range(0, len(found), size)]

    parts = {t: chunks(t) for t in rows}
    if not where.startswith("postgresql"):
        scratch = Path(where).with_suffix(".floor.db")
        scratch.unlink(missing_ok=True)
        conn = sqlite3.connect(scratch, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # as the rebuild's batches
        for statement in projections.store.sqlite.readmodels._TABLES:
            conn.execute(statement)
        inserts = {
            "rm_audit": "INSERT INTO rm_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "rm_meetings": "INSERT INTO rm_meetings VALUES (?, ?, ?, ?, ?, ?, ?)",
            "rm_search": "INSERT INTO rm_search (rowid, meeting_id, item_number, item_title, "
            "field, public, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
        }
        for n in range(batches):
            conn.execute("BEGIN")
            for table, statement in inserts.items():
                if n < len(parts[table]):
                    conn.executemany(statement, parts[table][n])
            conn.execute("COMMIT")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("UPDATE rm_meetings SET items = items WHERE 0")  # one synced commit
        conn.close()
        scratch.unlink()
        return events
    base = where.partition("?schema=")[0]
    schema = f"floor_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base, autocommit=True) as pg:
        pg.execute(f'CREATE SCHEMA "{schema}"')
        try:
            for statement in projections.store.postgres.readmodels._TABLES:
                pg.execute(statement.format(s=f'"{schema}"'))
            pg.execute("SET synchronous_commit = off")  # as the rebuild's batches
            inserts = {
                "rm_audit": "INSERT INTO {s}.rm_audit VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                "rm_meetings": "INSERT INTO {s}.rm_meetings VALUES (%s, %s, %s, %s, %s, %s, %s)",
                "rm_search": "INSERT INTO {s}.rm_search (meeting_id, item_number, item_title, "
                "field, public, text) VALUES (%s, %s, %s, %s, %s, %s)",
            }
            for n in range(batches):
                with pg.transaction(), pg.cursor() as cur:
                    for table, statement in inserts.items():
                        if n < len(parts[table]):
                            cur.executemany(statement.format(s=f'"{schema}"'), parts[table][n])
        finally:
            pg.execute(f'DROP SCHEMA "{schema}" CASCADE')
    return events


def rate(action: Callable[[], int]) -> float:
    started = time.perf_counter()
    events = action()
    return events / (time.perf_counter() - started)


def measure(where: str, meetings: int, long_events: int, repeat: int) -> list[str]:
    minutes, _ = prepare(where, meetings, long_events, fresh=False)
    read_models = ReadModels.of(minutes)
    events = typed_read(minutes)
    read_models.rebuild()
    rows = rows_written(where)
    reads, rebuilds, floors = [], [], []
    for _ in range(repeat):
        reads.append(rate(lambda: typed_read(minutes)))
        rebuilds.append(rate(read_models.rebuild))
        floors.append(rate(lambda: write_floor(where, rows, events)))
    minutes.close()
    ratios = [r / t for r, t in zip(rebuilds, reads, strict=True)]
    to_floor = [r / f for r, f in zip(rebuilds, floors, strict=True)]
    name = "PostgreSQL" if where.startswith("postgresql") else "SQLite"

    def line(what: str, samples: list[float], fmt: str) -> str:
        return (
            f"| {name} ({events:,} events) | {what} | {fmt.format(max(samples))} "
            f"| {fmt.format(statistics.median(samples))} | {fmt.format(min(samples))} |"
        )

    return [
        line("typed read, events/s", reads, "{:,.0f}"),
        line("rebuild, events/s", rebuilds, "{:,.0f}"),
        line("rebuild / typed read (target ≥ 0.5)", ratios, "{:.2f}"),
        line("write floor (the same rows, executemany), events/s", floors, "{:,.0f}"),
        line("rebuild / write floor (target ≥ 0.8)", to_floor, "{:.2f}"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / ".store" / "rebuild.db"))
    parser.add_argument("--pg", default=PG)
    parser.add_argument("--stores", default="sqlite,postgres")
    parser.add_argument("--meetings", type=int, default=300)
    parser.add_argument("--long-events", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    (ROOT / ".store").mkdir(exist_ok=True)
    wanted = args.stores.split(",")
    rows = []
    for store, where in (("sqlite", args.db), ("postgres", args.pg)):
        if store in wanted:
            rows += measure(where, args.meetings, args.long_events, args.repeat)
    print(f"\nrebuild vs typed read, {args.repeat} repetitions each, alternating\n")
    print("| store | figure | best | median | worst |")
    print("|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
