"""When a meeting's snapshot is due, and the thread that writes it outside the user's wait.

A snapshot is only a shortcut for loading: it may be written late, or lost with the
process, without anything recorded being lost. So it is taken from the aggregate already
in memory after a save (no replay), encoded at once (the state may change afterwards) and
written by a thread of its own when the store has been quiet for a moment: a user's save
never waits for one, nor (on SQLite, one writer at a time) for its commit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from contextlib import suppress

from eventsourcing.persistence import PersistenceError, StoredEvent

# A snapshot copies the whole meeting, so taking one every FIRST_STEP events would store
# the meeting again and again as it grows: its snapshots would add up with the square of
# its length. Instead the step doubles (from FIRST_STEP) until it is at least ITEM_EVENTS
# events per item on the agenda: a snapshot, about as large as its items, then comes after
# about as many events as it holds, and a meeting's snapshots add up to a few times its
# events (linear), while loading replays events in proportion to the snapshot it decodes.
FIRST_STEP = 50
ITEM_EVENTS = 2
# The writer waits until no save has been made for QUIET seconds, but no longer than
# PATIENCE seconds after a snapshot became due (a store that is never quiet).
QUIET = 0.05
PATIENCE = 2.0
# An idle writer's thread ends; the next due snapshot starts another.
IDLE = 5.0


def snapshot_step(items: int) -> int:
    """The distance between snapshots for a meeting with this many items."""
    step = FIRST_STEP
    while step < items * ITEM_EVENTS:
        step *= 2
    return step


def is_due(first: int, last: int, items: int) -> bool:
    """Whether a save of versions first..last crossed a snapshot point (taken once, at
    `last`, however many it crossed: an import of thousands of events takes one)."""
    step = snapshot_step(items)
    return (first - 1) // step != last // step


class SnapshotWriter:
    """Writes encoded snapshots with `insert` (one transaction per batch) on its thread."""

    def __init__(self, insert: Callable[[Sequence[StoredEvent]], object]) -> None:
        self._insert = insert
        self._cond = threading.Condition()
        self._pending: list[StoredEvent] = []
        self._due_since = 0.0
        self._last_save = 0.0
        self._writing = False
        self._urgent = False
        self._thread: threading.Thread | None = None

    def saved(self) -> None:
        """A save was made: the store is busy, the writer waits a little longer."""
        self._last_save = time.monotonic()

    def put(self, snapshot: StoredEvent) -> None:
        with self._cond:
            if not self._pending:
                self._due_since = time.monotonic()
            self._pending.append(snapshot)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="chefforum-snapshots", daemon=True
                )
                self._thread.start()
            self._cond.notify_all()

    def pending(self) -> int:
        with self._cond:
            return len(self._pending) + self._writing

    def flush(self) -> None:
        """Write what is pending now and wait for it (closing the store, tests)."""
        with self._cond:
            self._urgent = True
            self._cond.notify_all()
            while self._pending or self._writing:
                if self._thread is None:  # no thread to do it: write here
                    self._write_locked()
                else:
                    self._cond.wait(0.1)
            self._urgent = False

    def _write_locked(self) -> None:
        batch, self._pending = self._pending, []
        self._writing = True
        self._cond.release()
        try:
            # Not writable now (the store busy or closed): the next due one is taken.
            with suppress(PersistenceError):
                self._insert(batch)
        finally:
            self._cond.acquire()
            self._writing = False
            self._cond.notify_all()

    def _run(self) -> None:
        with self._cond:
            try:
                while True:
                    if not self._pending and not self._cond.wait_for(
                        lambda: bool(self._pending), IDLE
                    ):
                        return
                    while not self._urgent:
                        now = time.monotonic()
                        wait = min(self._last_save + QUIET, self._due_since + PATIENCE) - now
                        if wait <= 0:
                            break
                        self._cond.wait(wait)
                    self._write_locked()
            finally:
                self._thread = None
                self._cond.notify_all()
