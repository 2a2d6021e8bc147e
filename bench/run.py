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
"""

from __future__ import annotations

import argparse
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
from rich.console import Console
from rich.progress import Progress

from bench.stores import SIZES, STORES, BenchStore, load, use_state
from bench.synthetic import ACTOR, filler
from domain.application import Minutes
from domain.forum.template import CHEFFORUM_SECTIONS as SECTIONS
from domain.meeting.aggregate import Meeting
from projections.readmodels.runner import BATCH, MEETING_TOPICS, ReadModels
from projections.store.connect import is_postgres, open_minutes

ROOT = Path(__file__).resolve().parent
CHEFFORUM = str(Path(sys.executable).parent / "chefforum")
QUERIES = ("budget", "behandlingen", "skole klimaplan", "rekruttering trivsel", "høring")
console = Console(stderr=True)


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
    task = progress.add_task(f"{store.kind} {store.size}", total=12)

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
    step("færdig")
    return result


# -- the table -----------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB".replace(",", ".")


def _rate(events: int, seconds: float) -> str:
    return f"{events / seconds:,.0f}/s".replace(",", ".")


# (what, target text, the cell of one store's results, whether the target is met)
Cell = Callable[[dict[str, Any], str], str]
Met = Callable[[dict[str, Any], str], bool | None]


def _rows() -> list[tuple[str, str, Cell, Met]]:
    def pg(kind: str) -> bool:
        return kind == "PostgreSQL"

    def save_target(r: dict[str, Any], kind: str, key: str) -> bool | None:
        found = r["save"][key]
        return None if found is None else found["p99"] < (0.015 if pg(kind) else 0.005)

    def save_cell(key: str) -> Cell:
        def cell(r: dict[str, Any], kind: str) -> str:
            found = r["save"][key]
            if found is None:
                return "-"
            return f"{_ms(found['p50'])} / {_ms(found['p99'])} (n={found['n']})"

        return cell

    return [
        (
            "Find et møde: hele id (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: f"{_ms(r['find']['id']['p50'])} / {_ms(r['find']['id']['p99'])}",
            lambda r, k: r["find"]["id"]["p99"] < 0.005,
        ),
        (
            "Find et møde: id-begyndelse (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: f"{_ms(r['find']['prefix']['p50'])} / {_ms(r['find']['prefix']['p99'])}",
            lambda r, k: r["find"]["prefix"]["p99"] < 0.005,
        ),
        (
            "Find et møde: FORUM/DATO (p50 / p99)",
            "p99 < 5 ms, flad",
            lambda r, k: (
                f"{_ms(r['find']['forum_date']['p50'])} / {_ms(r['find']['forum_date']['p99'])}"
            ),
            lambda r, k: r["find"]["forum_date"]["p99"] < 0.005,
        ),
        (
            "Søgning, 50 bedste (p50 / p99)",
            "p99 < 50 ms",
            lambda r, k: f"{_ms(r['search']['p50'])} / {_ms(r['search']['p99'])}",
            lambda r, k: r["search"]["p99"] < 0.050,
        ),
        (
            "Åbn det lange møde: værst / bedst (snapshot + n hændelser)",
            "værst < 20 ms",
            lambda r, k: (
                f"{_ms(r['open_long']['worst'])} / {_ms(r['open_long']['best'])} "
                f"(n ≤ {r['open_long']['gap'] - 1}; {r['open_long']['version']} h.)"
            ),
            lambda r, k: r["open_long"]["worst"] < 0.020,
        ),
        (
            "  tilfældig position mellem to snapshots (p50 / p99); hovedet",
            "-",
            lambda r, k: (
                f"{_ms(r['open_long']['p50'])} / {_ms(r['open_long']['p99'])}; "
                f"{_ms(r['open_long']['head'])}"
            ),
            lambda r, k: None,
        ),
        (
            "Gem, almindelige møder (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("ordinary"),
            lambda r, k: save_target(r, k, "ordinary"),
        ),
        (
            "Gem, det lange møde (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("long"),
            lambda r, k: save_target(r, k, "long"),
        ),
        (
            "Gem, der også skrev et snapshot (p50 / p99)",
            "p99 < 5 ms (PG 15 ms)",
            save_cell("snapshot"),
            lambda r, k: save_target(r, k, "snapshot"),
        ),
        (
            "Gem, alle (p99)",
            "p99 < 5 ms (PG 15 ms)",
            lambda r, k: _ms(r["save"]["all"]["p99"]),
            lambda r, k: save_target(r, k, "all"),
        ),
        (
            "'rebuild' (hændelser/s)",
            "≥ ½ typet læsning",
            lambda r, k: _rate(r["rebuild"]["events"], r["rebuild"]["seconds"]),
            lambda r, k: (
                r["rebuild"]["events"] / r["rebuild"]["seconds"]
                >= r["typed_read"]["events"] / r["typed_read"]["seconds"] / 2
            ),
        ),
        (
            "  typet læsning af de samme hændelser (hændelser/s)",
            "-",
            lambda r, k: _rate(r["typed_read"]["events"], r["typed_read"]["seconds"]),
            lambda r, k: None,
        ),
        (
            "'verify': tid (hændelser/s)",
            "≥ rebuild pr. hændelse",
            lambda r, k: (
                f"{r['verify']['seconds']:.1f} s ({_rate(r['events'], r['verify']['seconds'])})"
                + ("" if r["verify"]["exit"] == 0 else f" FEJL: {r['verify']['last']}")
            ),
            lambda r, k: (
                r["verify"]["exit"] == 0
                and r["events"] / r["verify"]["seconds"]
                >= r["rebuild"]["events"] / r["rebuild"]["seconds"]
            ),
        ),
        (
            "'verify': største hukommelse",
            "< 200 MiB",
            lambda r, k: f"{r['verify']['peak_mib']:.0f} MiB",
            lambda r, k: r["verify"]["peak_mib"] < 200,
        ),
        (
            "Lager: hændelser → med læsemodeller",
            "-",
            lambda r, k: (
                f"{_mb(r['size']['events'])} → "
                f"{_mb(r['size']['events'] + r['size']['read_models'])}"
            ),
            lambda r, k: None,
        ),
        (
            "  revisionsspor (rm_audit) mod hændelserne",
            "≤ hændelserne",
            lambda r, k: f"{_mb(r['size']['audit'])} / {_mb(r['size']['stored_events'])}",
            lambda r, k: r["size"]["audit"] <= r["size"]["stored_events"],
        ),
        (
            "TUI: første billede af mødelisten (median af 3)",
            "≤ 1,3 × bar Textual-app",
            lambda r, k: f"{r['tui']['first_frame']:.2f} s" if "tui" in r else "fejl",
            lambda r, k: r["tui"]["first_frame"] <= 1.3 * r["tui_bare"] if "tui" in r else False,
        ),
        (
            "  grundlinje: en bar Textual-app, første billede",
            "-",
            lambda r, k: f"{r['tui_bare']:.2f} s",
            lambda r, k: None,
        ),
        (
            "TUI: åbn det lange møde",
            "-",
            lambda r, k: _ms(r["tui"]["open_long"]) if "tui" in r else "fejl",
            lambda r, k: None,
        ),
        (
            "'chefforum meetings' som ny proces (median af 10)",
            "≤ 1,5 × åbn lageret",
            lambda r, k: f"{r['cli_meetings']['median']:.2f} s",
            lambda r, k: r["cli_meetings"]["median"] <= 1.5 * r["cli_meetings"]["open_floor"],
        ),
        (
            "  grundlinje: en proces, der kun åbner lageret",
            "-",
            lambda r, k: f"{r['cli_meetings']['open_floor']:.2f} s",
            lambda r, k: None,
        ),
    ]


def table(results: dict[str, dict[str, Any]], sizes: list[str], kinds: list[str]) -> str:
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    columns = [(kind, size) for kind in kinds for size in sizes if f"{kind}/{size}" in results]
    head = ["Måling", "Mål", *(f"{names[k]} {s}" for k, s in columns), "Nået (største)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for what, target, cell, met in _rows():
        cells, verdicts = [], []
        for kind, size in columns:
            r = results[f"{kind}/{size}"]
            try:
                cells.append(cell(r, names[kind]))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("-")
        for kind in kinds:
            measured = [s for s in sizes if f"{kind}/{s}" in results]
            if not measured:
                continue
            try:
                verdict = met(results[f"{kind}/{measured[-1]}"], names[kind])
            except (KeyError, TypeError, ZeroDivisionError):
                verdict = None
            if verdict is not None:
                verdicts.append(f"{names[kind][:2]}: {'ja' if verdict else 'nej'}")
        lines.append("| " + " | ".join([what, target, *cells, ", ".join(verdicts) or "-"]) + " |")

    def count(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    events = [
        f"{names[k]} {s}: {count(results[f'{k}/{s}']['events'])} hændelser, "
        f"{count(results[f'{k}/{s}']['meetings'])} møder"
        for k, s in columns
    ]
    return "\n".join(lines) + "\n\n" + "; ".join(events) + "."


GROWTH: tuple[tuple[str, Callable[[dict[str, Any]], float], Callable[[float], str]], ...] = (
    ("Find et møde, hele id (p50)", lambda r: r["find"]["id"]["p50"], _ms),
    ("Find et møde, hele id (p99)", lambda r: r["find"]["id"]["p99"], _ms),
    ("Find et møde, FORUM/DATO (p99)", lambda r: r["find"]["forum_date"]["p99"], _ms),
    ("Søgning (p50)", lambda r: r["search"]["p50"], _ms),
    ("Søgning (p99)", lambda r: r["search"]["p99"], _ms),
    ("Åbn det lange møde, værst", lambda r: r["open_long"]["worst"], _ms),
    ("Gem, alle (p50)", lambda r: r["save"]["all"]["p50"], _ms),
    ("Gem, alle (p99)", lambda r: r["save"]["all"]["p99"], _ms),
    ("'rebuild' (s)", lambda r: r["rebuild"]["seconds"], lambda v: f"{v:.1f} s"),
    ("'verify' (s)", lambda r: r["verify"]["seconds"], lambda v: f"{v:.1f} s"),
    ("'verify', hukommelse", lambda r: r["verify"]["peak_mib"], lambda v: f"{v:.0f} MiB"),
    ("TUI, første billede", lambda r: r["tui"]["first_frame"], lambda v: f"{v:.2f} s"),
    ("'chefforum meetings'", lambda r: r["cli_meetings"]["median"], lambda v: f"{v:.2f} s"),
)


def growth(results: dict[str, dict[str, Any]], sizes: list[str], kinds: list[str]) -> str:
    """Each figure from the smallest store to the largest, and the factor between them."""
    names = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
    head = ["Vækst", *(f"{names[k]} {' → '.join(sizes)}" for k in kinds)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for what, value, shown in GROWTH:
        cells = []
        for kind in kinds:
            try:
                values = [value(results[f"{kind}/{size}"]) for size in sizes]
            except (KeyError, TypeError):
                cells.append("-")
                continue
            factor = values[-1] / values[0] if values[0] else float("nan")
            cells.append(" → ".join(shown(v) for v in values) + f" (×{factor:.1f})")
        lines.append("| " + " | ".join([what, *cells]) + " |")
    return "\n".join(lines)


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
