"""The rebuild against a typed read of the same events, in the same run (issue 15: a rebuild
at no less than half the speed of the typed read).

    .venv/bin/python -m bench.rebuild                       # SQLite and PostgreSQL
    .venv/bin/python -m bench.rebuild --stores sqlite --repeat 3

The typed read is what the rebuild cannot avoid: the meeting events read in the rebuild's
batches and decoded into typed domain events by the store's own mapper. Each repetition
times one typed read and then one rebuild, alternately, so both see the same machine load.
The stores are built once (bench/.store, the PostgreSQL schema bench_rebuild) and reused.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

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


def rate(action: Callable[[], int]) -> float:
    started = time.perf_counter()
    events = action()
    return events / (time.perf_counter() - started)


def measure(where: str, meetings: int, long_events: int, repeat: int) -> list[str]:
    minutes, _ = prepare(where, meetings, long_events, fresh=False)
    read_models = ReadModels.of(minutes)
    events = typed_read(minutes)
    reads, rebuilds = [], []
    for _ in range(repeat):
        reads.append(rate(lambda: typed_read(minutes)))
        rebuilds.append(rate(read_models.rebuild))
    minutes.close()
    ratios = [r / t for r, t in zip(rebuilds, reads, strict=True)]
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
