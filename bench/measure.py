"""The benchmark's measurements of one store: every figure a user waits on, in process
(percentiles over samples) and in new processes (the CLI, the TUI, verify, rebuild)."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
from rich.progress import Progress

from bench.stores import STORES, BenchStore, use_state
from bench.synthetic import ACTOR, filler
from domain.application import Minutes
from domain.forum.template import CHEFFORUM_SECTIONS as SECTIONS
from domain.meeting.aggregate import Meeting
from projections.readmodels.runner import BATCH, MEETING_TOPICS, ReadModels
from projections.store.connect import open_minutes
from projections.store.location import is_postgres

ROOT = Path(__file__).resolve().parent
CHEFFORUM = str(Path(sys.executable).parent / "chefforum")
QUERIES = ("budget", "behandlingen", "skole klimaplan", "rekruttering trivsel", "høring")


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def pct(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def spread(samples: list[float]) -> dict[str, float]:
    return {
        "p50": pct(samples, 0.5),
        "p99": pct(samples, 0.99),
        "max": max(samples),
        "min": min(samples),
        "n": len(samples),
    }


# The write floor's process: the rows read, then timed as they are written; prints seconds.
FLOOR = """
import sys, time
from bench.rebuild import rows_written, write_floor
rows = rows_written(sys.argv[1])
started = time.perf_counter()
write_floor(sys.argv[1], rows, int(sys.argv[2]))
print(time.perf_counter() - started)
"""


def typed_read(minutes: Minutes) -> tuple[int, float]:
    """Read the meeting events as rebuild does (same batches, same topics) and decode
    them to typed events: the floor rebuild is compared with."""
    started, start, count = time.perf_counter(), 1, 0
    while True:
        batch = minutes.recorder.select_notifications(
            start=start, limit=BATCH, topics=MEETING_TOPICS
        )
        if not batch:
            return count, time.perf_counter() - started
        for notification in batch:
            minutes.mapper.to_domain_event(notification)
        count += len(batch)
        start = batch[-1].id + 1


def sizes_by_table(where: str) -> dict[str, int]:
    """Bytes on disk per table with its indexes."""
    if not is_postgres(where):
        with closing(sqlite3.connect(where)) as conn:
            rows = conn.execute(
                "SELECT coalesce(m.tbl_name, d.name), sum(d.pgsize) FROM dbstat d "
                "LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY 1"
            ).fetchall()
        return {str(name): int(size) for name, size in rows}
    base, _, schema = where.partition("?schema=")
    with psycopg.connect(base) as conn:
        rows = conn.execute(
            "SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'",
            (schema,),
        ).fetchall()
    return {str(name): int(size) for name, size in rows}


def run_child(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """Seconds, peak resident MiB, exit code and last line of output of one process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ROOT.parent
    )
    assert child.stdout is not None
    output = child.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = output.strip().splitlines()
    return (
        time.perf_counter() - started,
        usage.ru_maxrss / 1024,
        child.returncode,
        lines[-1] if lines else "",
    )


def open_long(minutes: Minutes, store: BenchStore, samples: int, rng: random.Random) -> Any:
    """Opening the long meeting between its two newest snapshots, wherever the snapshot
    policy put them: at the version just before the newer one (the most events replayed
    after a snapshot: the worst case), at the snapshot itself (the best), at random
    versions in between (the percentiles), and at its head, as the app opens it."""
    if hasattr(minutes, "flush_snapshots"):
        minutes.flush_snapshots()
    assert minutes.snapshots is not None
    newest = minutes.snapshots.recorder.select_events(store.long_id, desc=True, limit=2)
    newer, older = (e.originator_version for e in newest)
    head = minutes.get(store.long_id).version

    def at(version: int, repeat: int) -> list[float]:
        return timed(lambda: minutes.get(store.long_id, version=version), repeat)

    return {
        **spread([at(rng.randrange(older, newer), 1)[0] for _ in range(samples)]),
        "worst": statistics.median(at(newer - 1, 30)),
        "best": statistics.median(at(newer, 30)),
        "head": statistics.median(timed(lambda: minutes.get(store.long_id), 30)),
        "gap": newer - older,
        "version": head,
    }


def measure(
    store: BenchStore, samples: int, progress: Progress, processes: int = 10
) -> dict[str, Any]:
    result: dict[str, Any] = {"events_built": store.events, "meetings": store.meetings}
    task = progress.add_task(f"{store.kind} {store.size}", total=13)

    def step(what: str) -> None:
        progress.update(task, advance=1, description=f"{store.kind} {store.size}: {what}")

    use_state(store.size, "postgres" if is_postgres(store.where) else "sqlite")
    minutes = open_minutes(store.where)
    read_models = ReadModels.of(minutes)
    rng = random.Random(7)

    step("genopbygning")
    started = time.perf_counter()
    rebuilt = read_models.rebuild()
    result["rebuild"] = {"events": rebuilt, "seconds": time.perf_counter() - started}
    step("typet læsning")
    read, seconds = typed_read(minutes)
    result["typed_read"] = {"events": read, "seconds": seconds}
    result["events"] = minutes.recorder.max_notification_id() or 0

    step("find")
    summaries = minutes.summaries()
    # Warm up first (caches, and on PostgreSQL the statistics of the tables just rebuilt).
    timed(lambda: minutes.resolve(rng.choice(summaries).ref), 200)
    timed(lambda: read_models.search(rng.choice(QUERIES)), 20)
    result["find"] = {
        "id": spread(timed(lambda: minutes.resolve(str(rng.choice(summaries).id)), samples)),
        "prefix": spread(timed(lambda: minutes.resolve(rng.choice(summaries).id.hex[:8]), samples)),
        "forum_date": spread(timed(lambda: minutes.resolve(rng.choice(summaries).ref), samples)),
    }

    step("søgning")
    hits: list[int] = []

    def search() -> None:
        hits.append(len(read_models.search(rng.choice(QUERIES))))

    result["search"] = spread(timed(search, samples))
    result["search"]["hits"] = statistics.mean(hits)

    # Saves. A save that takes a snapshot (hands one to the snapshot writer, or writes
    # it) is a "snapshot save".
    writer: Any = getattr(minutes, "_snapshot_writer", None) or minutes.snapshots
    taken = [0]
    if writer is not None:
        put = writer.put

        def counting_put(*args: Any, **kwargs: Any) -> Any:
            taken[0] += 1
            return put(*args, **kwargs)

        writer.put = counting_put

    def save(meeting_id: Any, into: list[float], snapshot_saves: list[float]) -> None:
        def write(m: Meeting) -> None:
            item = rng.choice(m.state.active_items()).id
            m.write_section(ACTOR, item, rng.choice(SECTIONS), filler(rng, 40))

        before = taken[0]
        started = time.perf_counter()
        minutes.change(meeting_id, write)
        took = time.perf_counter() - started
        (snapshot_saves if taken[0] > before else into).append(took)

    step("gem, almindelige møder")
    open_ids = [s.id for s in summaries if s.status != "approved" and s.id != store.long_id]
    ordinary: list[float] = []
    ordinary_snapshot: list[float] = []
    for _ in range(samples):
        save(rng.choice(open_ids), ordinary, ordinary_snapshot)

    step("gem og åbn det lange møde")
    # Its newest snapshots as the snapshot policy takes them now (a store built under
    # another policy keeps its older ones): saved, unmeasured, until two have been taken.
    warm, before = 0, taken[0]
    while taken[0] < before + 2 and warm < 5000:
        save(store.long_id, [], [])
        warm += 1
    result["long_warm_up_saves"] = warm
    long_saves: list[float] = []
    long_snapshot: list[float] = []
    for _ in range(samples):
        save(store.long_id, long_saves, long_snapshot)
    result["save"] = {
        "ordinary": spread(ordinary),
        "long": spread(long_saves),
        "snapshot": spread(ordinary_snapshot + long_snapshot)
        if ordinary_snapshot or long_snapshot
        else None,
        "all": spread(ordinary + ordinary_snapshot + long_saves + long_snapshot),
    }
    result["open_long"] = open_long(minutes, store, samples, rng)
    minutes.close()

    # Child processes run from compiled bytecode, as an installed package does (this
    # machine sets PYTHONDONTWRITEBYTECODE, which makes every process compile its source).
    env = {**os.environ, "CHEFFORUM_ACTOR": ACTOR, "PYTHONPYCACHEPREFIX": str(STORES / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run_child([CHEFFORUM, "--db", store.where, "meetings"], env)  # writes the bytecode
    step("verify")
    seconds, peak, code, last = run_child([CHEFFORUM, "--db", store.where, "verify"], env)
    result["verify"] = {"seconds": seconds, "peak_mib": peak, "exit": code, "last": last}

    step("størrelse")
    tables = sizes_by_table(store.where)
    models = {k: v for k, v in tables.items() if k.startswith("rm_") or k == "tracking"}
    result["size"] = {
        "events": sum(v for k, v in tables.items() if k not in models),
        "stored_events": tables.get("stored_events") or tables.get("chefforum_events", 0),
        "read_models": sum(models.values()),
        "audit": tables.get("rm_audit", 0),
        "tables": tables,
    }

    step("TUI")
    probes, bare = [], []
    for _ in range(min(3, processes)):  # the app and a bare Textual app in turn
        seconds, peak, code, last = run_child(
            [sys.executable, "-m", "bench.tui_probe", store.where, str(store.long_id)], env
        )
        if code == 0:
            probes.append({**json.loads(last), "peak_mb": peak})
        else:
            result["tui_error"] = last
        seconds, peak, code, last = run_child(
            [sys.executable, "-m", "bench.tui_probe", "--bare"], env
        )
        if code == 0:
            bare.append(json.loads(last)["first_frame"])
    if bare:
        result["tui_bare"] = statistics.median(bare)
    if probes:
        result["tui"] = {
            key: statistics.median(p[key] for p in probes)
            for key in ("first_frame", "open_long", "move", "peak_mb")
        }

    step("chefforum meetings")
    # Beside it, in turn: a process that only opens the store (Python's start, the store's
    # modules, the open), the floor of any command that reads it.
    opening = (
        f"from projections.store.connect import open_minutes; open_minutes({store.where!r}).close()"
    )
    runs, floors = [], []
    for _ in range(processes):
        runs.append(run_child([CHEFFORUM, "--db", store.where, "meetings"], env))
        floors.append(run_child([sys.executable, "-c", opening], env)[0])
    result["cli_meetings"] = {
        "median": statistics.median(r[0] for r in runs),
        "max": max(r[0] for r in runs),
        "exit": max(r[2] for r in runs),
        "open_floor": statistics.median(floors),
    }
    step("skrivegulv")
    # The other bound of the rebuild (issue 26): the very rows it wrote, inserted again by
    # plain executemany into empty tables of the same schema, in as many commits. In a
    # process of its own: holding the rows takes gigabytes at 1M, which this process would
    # keep, and every process it starts later would count in its peak memory.
    events = result["rebuild"]["events"]
    floor = subprocess.run(
        [sys.executable, "-c", FLOOR, store.where, str(events)],
        cwd=Path(__file__).parent.parent,  # where `bench` is importable
        capture_output=True,
        text=True,
        check=True,
    )
    result["write_floor"] = {"events": events, "seconds": float(floor.stdout.split()[-1])}
    step("færdig")
    return result
