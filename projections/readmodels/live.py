"""Seeing other processes' changes as they happen.

PostgreSQL: eventsourcing's subscription (LISTEN/NOTIFY) wakes the follower the moment a
transaction with new events commits. SQLite has no subscriptions in eventsourcing, so
the follower polls the highest notification id, one indexed query, a few times a second.
Either way the read models catch up before the callback runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from domain.application import Minutes
from projections.readmodels.views import ReadModels
from projections.store.chain import ChainedPostgresRecorder

POLL_SECONDS = 0.2


class Follower:
    """Runs in its own thread; calls `changed(last_notification_id)` after new events."""

    def __init__(self, minutes: Minutes, changed: Callable[[int], None]) -> None:
        self.minutes = minutes
        self.changed = changed
        self.read_models = ReadModels(minutes)  # its own cache: it runs on its own thread
        self.stopping = threading.Event()
        self._subscription: object | None = None
        self._thread = threading.Thread(target=self._run, name="chefforum-follower", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        stop = getattr(self._subscription, "stop", None)
        if stop is not None:
            stop()
        self._thread.join(timeout=2)

    def _last(self) -> int:
        return self.minutes.recorder.max_notification_id() or 0

    def _run(self) -> None:
        seen = self._last()
        if isinstance(self.minutes.recorder, ChainedPostgresRecorder):
            self._listen(seen)
        else:
            self._poll(seen)

    def _poll(self, seen: int) -> None:
        while not self.stopping.wait(POLL_SECONDS):
            last = self._last()
            if last > seen:
                seen = last
                self._report(last)

    def _listen(self, seen: int) -> None:
        with self.minutes.recorder.subscribe(gt=seen) as subscription:
            self._subscription = subscription
            for notification in subscription:
                if self.stopping.is_set():
                    return
                if notification.id > seen:
                    seen = self._last()  # one callback for the whole transaction
                    self._report(seen)

    def _report(self, last: int) -> None:
        self.read_models.catch_up()
        self.changed(last)
