"""The read models of one opened store (meeting list, audit trail, search index), and the
runner that keeps them up with the notification log.

One ReadModels per store, made where the store is opened (projections/store/connect.py)
and reached by ReadModels.of(minutes). Each batch of events is applied in one
transaction together with the position it reached, moved by compare and set from the
value it was read at, so every event is applied exactly once, also when a process dies
mid-batch or two processes catch up at the same time. The SQL is the view's (a
ReadModelView from projections/store/sqlite/readmodels.py or postgres/readmodels.py).

Why this runner and not eventsourcing's ProjectionRunner (eventsourcing.projection):
the position is the library's (a TrackingRecorder's tracking row, see the views) and so
is the live subscription (live.py), but its runner is unfit here, measured on 9.5.6 with
a synthetic store of 3,995 events:
- it applies one event per transaction (Projection.process_event with its Tracking). This
  runner with batches of one event, which is that: SQLite 87 events/s (every commit is
  synced to disk, synchronous=FULL), PostgreSQL 9 events/s (a meeting's search rows are
  rewritten per event), against 6,600 and 3,600 events/s in batches of 500 (and in
  batches of 2,000 on 49,680 events: 6,060 and 5,120 events/s). The library's own runner
  with a view that writes one row per event and nothing else: 540 events/s on PostgreSQL;
- it runs only on a subscription, and SQLiteApplicationRecorder has none in 9.5;
- it constructs a second application from a class and an environment, while a command
  needs the read models of the store it opened, caught up before it answers (the CLI is
  one short process), and an encrypted store keeps them in this process's memory.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, Notification, PersistenceError

from domain.application import Minutes
from domain.errors import ChefforumError, StoreDamaged
from domain.meeting.aggregate import Meeting
from domain.meeting.events.schema import ALL_EVENTS
from domain.meeting.summary import MeetingSummary
from domain.text import nfc
from projections.config import PROJECTION_BATCH, REBUILD_BATCH_VAR, setting
from projections.files.stored import file_text
from projections.readmodels import search
from projections.readmodels.audit import Entry, audit_row, entry_from_row, step
from projections.readmodels.meetings import meeting_rows
from projections.readmodels.search import Hit
from projections.readmodels.summaries import summary
from projections.readmodels.view import AuditRow, MeetingRows, ReadModelView, Stale

FILE_TEXTS_KEPT = 64  # texts of kept files, by hash (see ReadModels._file_text)

MEETING_TOPICS = [cls.TOPIC for cls in ALL_EVENTS]  # forum roles are not in these models
_MEETING_TOPICS = frozenset(MEETING_TOPICS)
# Events per transaction: fewer commits (each synced to disk on SQLite) and fewer rewrites
# of a busy meeting's search rows; 2,000 rebuilt ~25% faster than 500 on SQLite.
BATCH = setting(PROJECTION_BATCH)
# A rebuild's batches (bulk: not synced one by one, nobody waits for the first): on
# 71,720 events, batches of 8,000 rebuilt PostgreSQL at 0.33-0.38 of a typed read of the
# same events against 0.23 with 2,000 (fewer statements and waits per event, and its
# thread overlaps a larger share), SQLite as fast either way; 20,000 overlapped less.
REBUILD_BATCH = setting(REBUILD_BATCH_VAR)
CACHE_SIZE = 64
# A catch-up that applied this many events (a rebuild, a large import) has the database
# renew its statistics of the read models (view.analyze).
ANALYZE_AFTER = 10_000


class ReadModels:
    """The read models of one store, and the queries on them (each catches up first)."""

    def __init__(self, minutes: Minutes, view: ReadModelView) -> None:
        self.minutes = minutes
        self.view = view
        # Meetings as the last batch left them, so the next event needs no load.
        self._cache: OrderedDict[UUID, Meeting] = OrderedDict()
        # Of the meetings cached: which audit row has each text as its `after` (audit_row).
        self._afters: dict[UUID, dict[str, int]] = {}
        # Texts of kept files by hash, so that rewriting a meeting's rows reads none anew.
        self._file_texts: OrderedDict[str, str] = OrderedDict()
        # One catch-up at a time in this process: the UI's workers and the live follower
        # share this object and its cache.
        self._lock = threading.RLock()
        # Whether the rows were compared with the position (once per process: a count).
        self._checked = False
        self._quiet: dict[int, int] = {}  # position -> the last event when caught up there

    @staticmethod
    def of(minutes: Minutes) -> ReadModels:
        """The read models open_minutes attached to this store."""
        found = minutes.read_models
        if not isinstance(found, ReadModels):
            raise TypeError("the store has no read models: open it with open_minutes")
        return found

    # -- following the notification log -------------------------------------------------

    def position(self) -> int:
        """The last notification applied."""
        return self.view.position() or 0

    def caught_up(self) -> int:
        """Catch up, and the position reached: what a reader asks on every request (the
        site). When nothing is new, that is two reads of the store instead of four: the
        position is the last event's, or both are as a catch-up left them (the last
        events were of no meeting, which the position does not pass)."""
        position = self.view.position()
        last = self.minutes.recorder.max_notification_id() or 0
        if self._checked and position is not None and last in (position, self._quiet.get(position)):
            return position
        self.catch_up()  # every event up to `last` (read before it) is applied after it
        position = self.position()
        self._quiet = {position: last}
        return position

    def catch_up(self, progress: Callable[[int], None] | None = None, *, bulk: bool = False) -> int:
        """Apply every event not yet applied; returns how many were. `progress` is told
        the notification id reached after each batch. In `bulk` (a rebuild), the batches
        are committed without waiting for the disk, and the last one waits for all of them:
        one sync instead of one per batch (a crash meanwhile leaves a rebuild to restart).

        Bounded: a position that disagrees with the events (missing or no number, ahead
        of the last event, below rows already written) or with the rows (some missing,
        checked once per process) is repaired by one rebuild, never spun on; a second
        disagreement in the same call is the store's damage (StoreDamaged)."""
        with self._lock:
            repaired = False
            if not self._checked:
                self._checked = True
                problem = self._disagreement()
                if problem is not None:
                    self._repair(problem, repaired)
                    repaired = True
            writes = _Behind(self.view, progress) if bulk else None
            try:
                return self._follow(progress, writes, repaired)
            finally:
                if writes is not None:
                    writes.close()

    def _follow(
        self, progress: Callable[[int], None] | None, writes: _Behind | None, repaired: bool
    ) -> int:
        applied = 0
        while True:
            # A rebuild knows where its batches written and in flight end.
            start = writes.position if writes is not None else None
            if start is None:
                start = self.view.position()
            if start is None:
                self._repair("positionen mangler eller er ikke et tal", repaired)
                repaired = True
                continue
            batch = self.minutes.recorder.select_notifications(
                start=start + 1,
                limit=BATCH if writes is None else REBUILD_BATCH,
                topics=MEETING_TOPICS,
            )
            try:
                if not batch:
                    if writes is not None:
                        writes.wait()
                    last = self.minutes.recorder.max_notification_id() or 0
                    if start <= last:
                        if writes is not None and writes.applied:
                            self.view.sync()
                        total = applied + (writes.applied if writes is not None else 0)
                        if total >= ANALYZE_AFTER:
                            self.view.analyze()
                        return total
                    self._repair(f"positionen {start} er efter sidste hændelse {last}", repaired)
                    repaired = True
                    continue
                self._apply(start, batch, writes)
            except Stale:
                self._forget()
                if self.view.position() == start:  # nobody moved it: the row is damaged
                    self._repair("positionen kan ikke flyttes", repaired)
                    repaired = True
                continue
            except IntegrityError:
                # Rows of events past the position exist already: it was set back.
                self._repair(f"positionen {start} er før rækker, der er skrevet", repaired)
                repaired = True
                continue
            if writes is None:
                applied += len(batch)
                if progress is not None:
                    progress(batch[-1].id)

    def _disagreement(self) -> str | None:
        """Why the rows cannot be those of the events up to the position, or None. Only
        the meeting of the last event applied is counted, so that opening a store does not
        read a row per event (issue 15); rows left out of an earlier meeting by hand are
        restored by 'chefforum rebuild'."""
        position = self.view.position()
        if not position:
            return None
        last = self.minutes.recorder.select_notifications(start=position, limit=1)
        if not last or last[0].id != position or last[0].topic not in _MEETING_TOPICS:
            return None
        audit, versions = self.view.meeting_counts(UUID(str(last[0].originator_id)).hex)
        if audit != versions:
            return f"læsemodellerne mangler rækker ({audit} ændringer, {versions} ventet)"
        return None

    def _repair(self, problem: str, repaired_already: bool) -> None:
        """Rebuild once; a second disagreement in one catch-up is not the read models'."""
        if repaired_already:
            raise StoreDamaged(
                f"Læsemodellerne kan ikke genopbygges ({problem}); kør 'chefforum verify'."
            )
        self.view.reset()
        self._forget()

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Empty the read models and apply every event again."""
        with self._lock:
            self.view.reset()
            self._forget()
            self._checked = True
            return self.catch_up(progress, bulk=True)

    def _before(self, meeting_id: UUID, version: int) -> Meeting | None:
        """The meeting just before the event at `version`, from the cache or the store."""
        cached = self._cache.pop(meeting_id, None)
        if cached is not None and cached.version == version - 1:
            return cached
        self._afters[meeting_id] = {}  # its earlier rows' texts are not known here
        return self.minutes.get(meeting_id, version=version - 1) if version > 1 else None

    def _remember(self, meeting: Meeting) -> None:
        self._cache[meeting.id] = meeting
        while len(self._cache) > CACHE_SIZE:
            gone, _ = self._cache.popitem(last=False)
            self._afters.pop(gone, None)

    def _forget(self) -> None:
        """The cached meetings may not be those the rows were written from."""
        self._cache.clear()
        self._afters.clear()

    def _apply(self, start: int, batch: Sequence[Notification], writes: _Behind | None) -> None:
        """Describe the batch's events and write their rows with the position: at once, or
        in a rebuild behind the next batch (`writes`)."""
        audit: list[AuditRow] = []
        touched: dict[UUID, Meeting] = {}
        for notification in batch:
            try:
                event: Any = self.minutes.mapper.to_domain_event(notification)
                oid = notification.originator_id
                meeting_id = oid if isinstance(oid, UUID) else UUID(str(oid))
                meeting = touched.pop(meeting_id, None) or self._before(
                    meeting_id, event.originator_version
                )
                if meeting is not None and meeting.version != event.originator_version - 1:
                    meeting = self._before(meeting_id, event.originator_version)
                meeting, entry = step(meeting, event)
            except (ChefforumError, PersistenceError):
                raise  # a rule, or the store itself (locked, unreachable)
            except Exception as e:
                raise StoreDamaged(
                    f"Lageret er beskadiget: hændelse nr. {notification.id} "
                    f"({notification.topic}) kan ikke læses eller anvendes "
                    f"({type(e).__name__}); kør 'chefforum verify'."
                ) from e
            touched[meeting_id] = meeting
            audit.append(audit_row(entry, self._afters.setdefault(meeting_id, {})))
        rows = [meeting_rows(meeting, self._file_text) for meeting in touched.values()]
        if writes is None:
            self.view.write(start, batch[-1].id, audit, rows)
        else:
            writes.write(start, batch[-1].id, audit, rows)
        for meeting in touched.values():
            self._remember(meeting)

    def _file_text(self, sha256: str) -> str:
        """A kept file's text, extracted once on attach, read from the store once per
        process while kept (projections/files/stored.py)."""
        texts = self._file_texts
        if sha256 in texts:
            texts.move_to_end(sha256)
            return texts[sha256]
        text = file_text(self.minutes, sha256)
        texts[sha256] = text
        while len(texts) > FILE_TEXTS_KEPT:
            texts.popitem(last=False)
        return text

    # -- queries -------------------------------------------------------------------------

    def meetings(self) -> list[MeetingSummary]:
        """The meeting list as it is now."""
        self.catch_up()
        return [summary(row) for row in self.view.meetings()]

    def audit(self, meeting_id: UUID | None = None) -> list[Entry]:
        """The audit trail from its table: one meeting's in order, or every meeting's by
        time. No replay of the events."""
        self.catch_up()
        rows = self.view.audit(meeting_id.hex if meeting_id else None)
        afters = {(row["meeting_id"], row["position"]): row["after"] for row in rows}
        return [entry_from_row(row, afters) for row in rows]

    def search(
        self,
        query: str,
        *,
        forum: str | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        internal: bool = False,
        limit: int = 50,
    ) -> list[Hit]:
        """Ranked hits with a snippet; closed items' content only in the internal view."""
        self.catch_up()
        return search.find(
            self.view,
            query,
            forum=forum,
            date_from=date_from,
            date_to=date_to,
            internal=internal,
            limit=limit,
        )

    # Finding one meeting and paging through the list: through indexes, so that what a
    # user waits on does not grow with the store (issue 15).

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[MeetingSummary]:
        self.catch_up()
        return [summary(row) for row in self.view.meetings_by_prefix(prefix, limit)]

    def meeting_on(self, forum: str, on: date) -> MeetingSummary | None:
        self.catch_up()
        rows = self.view.meeting_on(nfc(forum).strip().casefold(), on.isoformat())
        return summary(rows[0]) if rows else None

    def meetings_page(self, after: MeetingSummary | None, limit: int) -> list[MeetingSummary]:
        self.catch_up()
        key = None if after is None else (after.date.isoformat(), after.forum, after.id.hex)
        return [summary(row) for row in self.view.meetings_page(key, limit)]


class _Behind:
    """A rebuild's writes, committed without waiting for the disk (catch_up syncs once at
    the end). Where the database works in its own process (view.writes_elsewhere), each
    batch is written in a thread while the next is read and described: one batch in
    flight at a time, in order."""

    def __init__(self, view: ReadModelView, progress: Callable[[int], None] | None) -> None:
        self.view = view
        self.progress = progress
        self.applied = 0  # events of the batches written
        # Where the batches written and in flight end; None after a failed write.
        self.position: int | None = None
        self._pool = (
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild")
            if view.writes_elsewhere
            else None
        )
        self._pending: tuple[Future[None], int, int] | None = None

    def write(
        self, start: int, end: int, audit: Sequence[AuditRow], meetings: Sequence[MeetingRows]
    ) -> None:
        self.wait()
        if self._pool is None:
            future: Future[None] = Future()
            try:
                self.view.write(start, end, audit, meetings, durable=False)
            except BaseException:
                self.position = None
                raise
            future.set_result(None)
        else:
            future = self._pool.submit(self.view.write, start, end, audit, meetings, durable=False)
        self._pending = (future, len(audit), end)  # one audit row per event
        self.position = end

    def wait(self) -> None:
        """Wait for the batch in flight; its failure (Stale, the store's error) is raised
        here, and the next batch starts from the position the view holds."""
        if self._pending is None:
            return
        (future, events, end), self._pending = self._pending, None
        try:
            future.result()
        except BaseException:
            self.position = None
            raise
        self.applied += events
        if self.progress is not None:
            self.progress(end)

    def close(self) -> None:
        with suppress(Exception):  # already raised or about to be: the batch is lost anyway
            self.wait()
        if self._pool is not None:
            self._pool.shutdown()
