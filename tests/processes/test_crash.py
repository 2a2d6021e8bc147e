"""Crash safety: a writer killed at random moments loses no save it reported, and the
store it leaves behind opens and verifies.

SQLite: 25 rounds on one real file. Each round starts tests.processes.crash_writer asking it for
1,000 saves, continuing where the previous writer stopped, and SIGKILLs it a random
20–200 ms after it reported the store open, so in the middle of its saves (none gets
near 1,000: at 1–10 ms a save a writer makes some tens to a couple of hundred). The
total is a few hundred to a few thousand saves, the whole test some 15 s.
PostgreSQL: three rounds the same way on a fresh schema.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from uuid import UUID

from domain.meeting.events.decisions import DecisionRecorded
from projections.store.connect import open_minutes
from projections.tools.verify import verify
from tests.builders import decision_text
from tests.processes.crash_writer import ACTOR, text

SQLITE_ROUNDS = 25
PG_ROUNDS = 3
SAVES_ASKED = 1000
KILL_AFTER = (0.020, 0.200)  # seconds after "ready"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CHEFFORUM_")}


def _prepare(store: str) -> tuple[UUID, UUID]:
    app = open_minutes(store)
    try:
        mid = app.schedule(ACTOR, "Krakudvalget", date(2026, 3, 4))
        item = app.change(mid, lambda m: m.add_item(ACTOR, "Budget"))
        app.publish_agenda(mid, ACTOR)
        app.start_meeting(mid, ACTOR)  # decisions are recorded once the meeting has begun
    finally:
        app.close()
    return mid, item


def _round(store: str, mid: UUID, item: UUID, first: int, delay: float) -> list[int]:
    """Run one writer from save `first`, SIGKILL it `delay` s after it is ready."""
    args = [store, str(mid), str(item), str(first), str(SAVES_ASKED)]
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.processes.crash_writer", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert writer.stdout is not None and writer.stderr is not None
    try:
        ready = writer.stdout.readline()
        if ready.strip() != "ready":
            writer.kill()
            raise AssertionError(f"writer did not start: {writer.stderr.read()}")
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        out = writer.stdout.read()  # what it reported before it died
        err = writer.stderr.read()
        writer.wait(timeout=30)
    finally:
        if writer.poll() is None:
            writer.kill()
    assert writer.returncode == -signal.SIGKILL, (writer.returncode, err)
    assert "Traceback" not in err, err
    saved = [int(line.split()[1]) for line in out.splitlines() if line.startswith("saved ")]
    assert saved == list(range(first, first + len(saved))), saved
    return saved


def _crash_rounds(store: str, rounds: int, wal: Path | None = None) -> tuple[int, int]:
    """Kill `rounds` writers; check nothing reported is lost. Returns (saves, WALs left)."""
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    mid, item = _prepare(store)
    reported: list[int] = []
    wal_left = 0
    for _ in range(rounds):
        first = reported[-1] + 1 if reported else 0
        reported += _round(store, mid, item, first, rng.uniform(*KILL_AFTER))
        wal_left += wal is not None and wal.exists()
    app = open_minutes(store)  # opens what the killed writers left
    try:
        texts = [e.text for e in app.events.get(mid) if isinstance(e, DecisionRecorded)]
        # Every reported save is stored, in order, once; at most the last one's
        # successor was stored without being reported (killed after its commit).
        assert texts[: len(reported)] == [text(n) for n in reported], f"seed {seed}"
        assert texts == [text(n) for n in range(len(texts))], f"seed {seed}"
        assert len(texts) - len(reported) in (0, 1), f"seed {seed}"
        meeting = app.get(mid)
        assert decision_text(meeting.item(item)) == texts[-1]
        assert [(s.id, s.version) for s in app.summaries()] == [(mid, meeting.version)]
        problem, summary = verify(app)
        assert problem is None, f"{summary} (seed {seed})"
    finally:
        app.close()
    return len(reported), wal_left


def test_killed_sqlite_writers_lose_no_reported_save(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    saves, wal_left = _crash_rounds(str(db), SQLITE_ROUNDS, wal=Path(f"{db}-wal"))
    assert saves >= SQLITE_ROUNDS  # the writers did write between start and kill
    assert wal_left == SQLITE_ROUNDS  # each kill left an open WAL that the next open recovered
    print(f"{SQLITE_ROUNDS} kills, {saves} reported saves")


def test_killed_postgres_writer_loses_no_reported_save(pg_store: str) -> None:
    saves, _ = _crash_rounds(pg_store, PG_ROUNDS)
    assert saves >= 1


def test_sqlite_commits_are_synced_in_wal_mode(tmp_path: Path) -> None:
    app = open_minutes(str(tmp_path / "events.db"))
    try:
        with app.recorder.datastore.transaction(commit=False) as c:  # type: ignore[attr-defined]
            c.execute("PRAGMA journal_mode")
            assert c.fetchone()[0] == "wal"
            c.execute("PRAGMA synchronous")
            assert c.fetchone()[0] == 2  # FULL
    finally:
        app.close()
