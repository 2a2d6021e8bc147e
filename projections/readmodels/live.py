"""Seeing other processes' changes as they happen.

The follower iterates eventsourcing's subscription to the store's notification log
(recorder.subscribe): on PostgreSQL the library's PostgresSubscription, woken by
LISTEN/NOTIFY the moment a transaction with new events commits; on SQLite, which has no
subscription in eventsourcing, the recorder's PollingSubscription (projections/store/
sqlite/subscription.py), woken by a read of the highest notification id a few times a second. Either
way the store's read models catch up before the callback runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from domain.application import Minutes
from projections.readmodels.runner import ReadModels


class Follower:
    """Runs in its own thread; calls `changed(last_notification_id)` after new events."""

    def __init__(self, minutes: Minutes, changed: Callable[[int], None]) -> None:
        self.minutes = minutes
        self.changed = changed
        self.read_models = ReadModels.of(minutes)
        self.stopping = threading.Event()
        self._subscription: Any = None
        self._seen = 0
        self._thread = threading.Thread(target=self._run, name="chefforum-follower", daemon=True)

    def start(self) -> None:
        # The last event is read here, not in the thread: a change made as soon as start()
        # returns is then after it and reported. Read in the thread, it could already
        # include that change, which was then never reported (a CI run hung on it).
        self._seen = self._last()
        self._thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self._subscription is not None:
            self._subscription.stop()
        self._thread.join(timeout=2)

    def _last(self) -> int:
        return self.minutes.recorder.max_notification_id() or 0

    def _run(self) -> None:
        seen = self._seen
        with self.minutes.recorder.subscribe(gt=seen) as subscription:
            self._subscription = subscription
            if self.stopping.is_set():  # stop() came before the subscription was there
                return
            for notification in subscription:
                if self.stopping.is_set():
                    return
                if notification.id > seen:
                    seen = self._last()  # one callback for the whole transaction
                    self._report(seen)

    def _report(self, last: int) -> None:
        self.read_models.catch_up()
        self.changed(last)
