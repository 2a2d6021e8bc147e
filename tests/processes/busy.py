"""Busy writers: several processes each making many changes to their own item of one
meeting at the same time. Every change must get in (none refused: none conflicts with
another) and every reported change must be stored once, in order (none lost).

Run by tests/processes/test_busy_writers.py (small) and bench/busy_writers.py (4 x 100,
five runs, both stores).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from uuid import UUID

from domain.meeting.aggregate import Meeting
from domain.meeting.events.decisions import DecisionRecorded
from projections.store.connect import open_minutes
from tests.builders import SECRETARY

START_WAIT = 180.0  # seconds for the writers to start: bounds, not expectations
RUN_WAIT = 900.0


@dataclass(frozen=True)
class Result:
    writers: int
    changes: int  # per writer
    refused: int
    lost: int
    merged: int  # changes whose command ran again after a concurrent save
    most_runs: int
    seconds: float  # wall time of the run
    p50: float  # seconds per change
    p99: float
    slowest: float
    messages: tuple[str, ...]  # of the refusals

    def line(self, store: str) -> str:
        return (
            f"{store}: {self.writers}×{self.changes}: {self.refused} afvist, {self.lost} tabt, "
            f"{self.merged} flettet (op til {self.most_runs} forsøg); {self.seconds:.1f} s, "
            f"pr. ændring p50 {self.p50 * 1000:.0f} ms, p99 {self.p99 * 1000:.0f} ms, "
            f"højst {self.slowest:.2f} s"
        )


def setup(store: str, writers: int) -> tuple[UUID, dict[str, UUID]]:
    app = open_minutes(store)
    try:
        mid = app.schedule(SECRETARY, "Chefforum", date(2026, 5, 20))
        names = [f"Skriver {n + 1}" for n in range(writers)]
        for name in names:
            app.change_roles(SECRETARY, "Chefforum", name, "secretary", grant=True)
        items = {
            name: app.change(
                mid, partial(Meeting.add_item, actor=SECRETARY, title=f"Punkt for {name}")
            )
            for name in names
        }
        # Decisions are recorded only once the meeting has begun.
        app.publish_agenda(mid, SECRETARY)
        app.start_meeting(mid, SECRETARY)
    finally:
        app.close()
    return mid, items


def run(store: str, folder: Path, writers: int = 4, changes: int = 100) -> Result:
    """One run on a fresh meeting of the store."""
    mid, items = setup(store, writers)
    signals = folder / f"signals-{mid.hex[:8]}"
    signals.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}
    env["CHEFFORUM_CHECKPOINTS"] = str(folder / "checkpoints.txt")
    procs = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.processes.busy_writer",
                store,
                str(mid),
                str(item),
                name,
                str(changes),
                str(signals),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for name, item in items.items()
    }
    deadline = time.monotonic() + START_WAIT
    while len(list(signals.glob("ready-*"))) < writers:
        if time.monotonic() > deadline or any(p.poll() is not None for p in procs.values()):
            for p in procs.values():
                p.kill()
            raise AssertionError([p.communicate() for p in procs.values()])
        time.sleep(0.01)
    started = time.monotonic()
    (signals / "go").touch()
    reports: dict[str, list[dict[str, object]]] = {}
    deadline = time.monotonic() + RUN_WAIT
    for name, p in procs.items():
        try:
            out, err = p.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for other in procs.values():
                other.kill()
            raise
        assert p.returncode == 0 and "Traceback" not in err, (name, err)
        reports[name] = [json.loads(line) for line in out.splitlines()]
    seconds = time.monotonic() - started
    return _count(store, mid, items, reports, changes, seconds)


def _count(
    store: str,
    mid: UUID,
    items: dict[str, UUID],
    reports: dict[str, list[dict[str, object]]],
    changes: int,
    seconds: float,
) -> Result:
    app = open_minutes(store)
    try:
        events = [e for e in app.events.get(mid) if isinstance(e, DecisionRecorded)]
    finally:
        app.close()
    lines = [line for name in reports for line in reports[name]]
    refused = [line for line in lines if line["outcome"] != "ok"]
    lost = 0
    for name, item in items.items():
        reported = [str(line["text"]) for line in reports[name] if line["outcome"] == "ok"]
        stored = [e.text for e in events if e.item_id == item]
        # Every reported change stored exactly once and in order; nothing else stored.
        lost += len(reported) - sum(1 for a, b in zip(reported, stored, strict=False) if a == b)
        lost += max(0, len(stored) - len(reported))
    times = sorted(float(str(line["seconds"])) for line in lines)
    return Result(
        writers=len(items),
        changes=changes,
        refused=len(refused),
        lost=lost,
        merged=sum(int(str(line["runs"])) > 1 for line in lines),
        most_runs=max(int(str(line["runs"])) for line in lines),
        seconds=seconds,
        p50=statistics.median(times),
        p99=times[min(len(times) - 1, int(len(times) * 0.99))],
        slowest=times[-1],
        messages=tuple(str(line.get("message", "")) for line in refused),
    )
