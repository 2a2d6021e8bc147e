"""Seeing other processes' events in an SQLite store: polling, as SQLite has no LISTEN."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import ListenNotifySubscription
from eventsourcing.sqlite import SQLiteApplicationRecorder

POLL_SECONDS = 0.2


class PollingSubscription(ListenNotifySubscription[SQLiteApplicationRecorder]):
    """eventsourcing's subscription, for SQLite, which has none in eventsourcing 9.5.

    PostgresSubscription's thread LISTENs and wakes the puller on each NOTIFY; here a
    thread reads the highest notification id (one indexed query) a few times a second and
    wakes the puller when it has grown. The pulling, batching and stopping are the
    library's (ListenNotifySubscription).
    """

    def __init__(
        self, recorder: SQLiteApplicationRecorder, gt: int | None = None, topics: Sequence[str] = ()
    ) -> None:
        self._stopping = threading.Event()
        super().__init__(recorder=recorder, gt=gt, topics=topics)
        self._poll_thread = threading.Thread(target=self._poll, name="chefforum-poll", daemon=True)
        self._poll_thread.start()

    def stop(self) -> None:
        self._stopping.set()
        super().stop()

    def __exit__(self, *args: object, **kwargs: Any) -> None:
        try:
            super().__exit__(*args, **kwargs)
        finally:
            self._poll_thread.join()

    def _poll(self) -> None:
        try:
            last = self._recorder.max_notification_id()
            while not self._stopping.wait(POLL_SECONDS):
                now = self._recorder.max_notification_id()
                if now != last:
                    last = now
                    self._has_been_notified.set()
        except BaseException as e:
            if self._thread_error is None:
                self._thread_error = e
            self.stop()
