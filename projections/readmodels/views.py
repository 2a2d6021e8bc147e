"""Read models in tables of the store itself: the meeting list, the minutes, the audit
trail and the search index.

They follow the notification log. Each batch of events is applied in one transaction
together with the position it reached, and the position is advanced only from the value
it was read at (compare and set), so every event is applied exactly once, also when a
process dies mid-batch or two processes catch up at the same time.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification
from psycopg.sql import SQL, Identifier

from domain.application import MeetingSummary, Minutes
from domain.meeting.aggregate import Meeting
from domain.meeting.events import ALL_EVENTS
from domain.text import nfc
from projections.documents import interchange as ix
from projections.documents.referat import document
from projections.readmodels.audit import Entry, step
from projections.readmodels.search_text import fts5_query, tsquery, units
from projections.store.chain import ChainedPostgresRecorder

MODELS = ("meetings", "minutes", "audit", "search")
MEETING_TOPICS = [getattr(cls, "TOPIC") for cls in ALL_EVENTS]  # noqa: B009  # forum roles are not in these models
# Read models are disposable: a store whose tables have another schema is rebuilt.
SCHEMA = 3
SEARCH_ROWS_BITS = 20  # room for a million searchable texts per meeting
BATCH = int(os.environ.get("CHEFFORUM_PROJECTION_BATCH", "500"))
CACHE_SIZE = 64


class Stale(Exception):
    """Another process moved the position first; this batch was rolled back."""


@dataclass(frozen=True)
class Hit:
    meeting_id: UUID
    forum: str
    date: date
    item_number: str
    item_title: str
    field: str
    snippet: str  # matches between » and «
    rank: float  # higher is better


_SQLITE_TABLES = (
    "CREATE TABLE IF NOT EXISTS rm_position (name TEXT PRIMARY KEY, position INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_meetings (id TEXT PRIMARY KEY, forum TEXT NOT NULL, "
    "date TEXT NOT NULL, status TEXT NOT NULL, items INTEGER NOT NULL, version INTEGER NOT NULL, "
    "forum_key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_minutes (id TEXT PRIMARY KEY, version INTEGER NOT NULL, "
    "document BLOB NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_audit (meeting_id TEXT NOT NULL, position INTEGER NOT NULL, "
    "at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, "
    "item_id TEXT, item_number TEXT, before TEXT, after TEXT, "
    "PRIMARY KEY (meeting_id, position))",
    "CREATE VIRTUAL TABLE IF NOT EXISTS rm_search USING fts5(meeting_id UNINDEXED, "
    "item_number UNINDEXED, item_title UNINDEXED, field UNINDEXED, public UNINDEXED, "
    "text, tokenize = 'unicode61 remove_diacritics 0')",
)
_PG_TABLES = (
    "CREATE TABLE IF NOT EXISTS rm_position (name text PRIMARY KEY, position bigint NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_meetings (id text PRIMARY KEY, forum text NOT NULL, "
    "date text NOT NULL, status text NOT NULL, items integer NOT NULL, version integer NOT NULL, "
    "forum_key text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_minutes (id text PRIMARY KEY, version integer NOT NULL, "
    "document bytea NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_audit (meeting_id text NOT NULL, position integer NOT NULL, "
    "at text NOT NULL, actor text NOT NULL, kind text NOT NULL, description text NOT NULL, "
    "item_id text, item_number text, before text, after text, "
    "PRIMARY KEY (meeting_id, position))",
    "CREATE TABLE IF NOT EXISTS rm_search (meeting_id text NOT NULL, item_number text, "
    "item_title text, field text, public boolean NOT NULL, text text, "
    "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED)",
    "CREATE INDEX IF NOT EXISTS rm_search_tsv ON rm_search USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS rm_search_meeting ON rm_search (meeting_id)",
)


_PRIVATE_LOCK = threading.Lock()


def _private_db(minutes: Minutes) -> tuple[sqlite3.Connection, threading.RLock]:
    """The in-memory database of an encrypted store's read models: one per opened store,
    shared by its threads, filled from the events on first use."""
    with _PRIVATE_LOCK:
        found = getattr(minutes, "_private_read_models", None)
        if found is None:
            conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
            conn.row_factory = sqlite3.Row
            found = (conn, threading.RLock())
            minutes._private_read_models = found  # type: ignore[attr-defined]
        return found


@contextmanager
def _private_transaction(minutes: Minutes, commit: bool) -> Iterator[sqlite3.Cursor]:
    conn, lock = _private_db(minutes)
    with lock:
        cursor = conn.cursor()
        cursor.execute("BEGIN")
        try:
            yield cursor
        except BaseException:
            conn.rollback()
            raise
        else:
            if commit:
                conn.commit()
            else:
                conn.rollback()
        finally:
            cursor.close()


class ReadModels:
    """The four read models of one store, and the queries on them."""

    def __init__(self, minutes: Minutes) -> None:
        self.minutes = minutes
        # An encrypted store keeps its read models out of the store, where they would hold
        # the minutes in clear: they live in this process's memory (see _private_db).
        self.private = minutes.mapper.cipher is not None
        self.postgres = not self.private and isinstance(minutes.recorder, ChainedPostgresRecorder)
        self._cache: OrderedDict[UUID, Meeting] = OrderedDict()
        self._create()

    # -- SQL plumbing: the same statements on both stores, "?" turned into "%s" ----------

    @contextmanager
    def _transaction(self, commit: bool = True) -> Iterator[Any]:
        if self.private:
            with _private_transaction(self.minutes, commit) as cursor:
                yield cursor
            return
        datastore: Any = self.minutes.recorder.datastore  # type: ignore[attr-defined]
        with datastore.transaction(commit=commit) as cursor:
            if self.postgres:  # the read models live in the store's own schema
                cursor.execute(
                    SQL("SET LOCAL search_path TO {}").format(Identifier(datastore.schema))
                )
            yield cursor

    def _sql(self, statement: str) -> str:
        return statement.replace("?", "%s") if self.postgres else statement

    def _execute(self, cursor: Any, statement: str, params: Sequence[Any] = ()) -> None:
        cursor.execute(self._sql(statement), params)

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._transaction(commit=False) as cursor:
            self._execute(cursor, statement, params)
            return list(cursor.fetchall())

    def _current(self) -> bool:
        """True when the tables exist with this schema (no write needed on opening)."""
        try:
            return bool(self._query("SELECT version FROM rm_schema WHERE version = ?", (SCHEMA,)))
        except Exception:  # no table yet: each driver raises its own kind
            return False

    def _create(self) -> None:
        if self._current():
            return
        with self._transaction() as cursor:
            if self.postgres:
                # Serialise with other processes creating the same tables.
                cursor.execute("SELECT pg_advisory_xact_lock(7261527)")
            cursor.execute("CREATE TABLE IF NOT EXISTS rm_schema (version INTEGER NOT NULL)")
            cursor.execute("SELECT version FROM rm_schema")
            found = cursor.fetchone()
            if found is None or found["version"] != SCHEMA:
                for table in ("rm_position", "rm_meetings", "rm_minutes", "rm_audit", "rm_search"):
                    cursor.execute(f"DROP TABLE IF EXISTS {table}")
                cursor.execute("DELETE FROM rm_schema")
                self._execute(cursor, "INSERT INTO rm_schema VALUES (?)", (SCHEMA,))
            for statement in _PG_TABLES if self.postgres else _SQLITE_TABLES:
                cursor.execute(statement)
            for name in MODELS:
                self._execute(
                    cursor,
                    "INSERT INTO rm_position (name, position) VALUES (?, 0) "
                    "ON CONFLICT (name) DO NOTHING",
                    (name,),
                )

    # -- following the notification log -------------------------------------------------

    def position(self) -> int:
        """The last notification applied (all four models move together)."""
        rows = self._query("SELECT MIN(position) AS p FROM rm_position")
        return int(rows[0]["p"] or 0)

    def catch_up(self) -> int:
        """Apply every event not yet applied; returns how many were."""
        applied = 0
        while True:
            start = self.position()
            batch = self.minutes.recorder.select_notifications(
                start=start + 1, limit=BATCH, topics=MEETING_TOPICS
            )
            if not batch:
                return applied
            try:
                self._apply(start, batch)
            except Stale:
                self._cache.clear()
                continue
            applied += len(batch)

    def rebuild(self) -> int:
        """Empty the read models and apply every event again."""
        with self._transaction() as cursor:
            for table in ("rm_meetings", "rm_minutes", "rm_audit", "rm_search"):
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("UPDATE rm_position SET position = 0")
        self._cache.clear()
        return self.catch_up()

    def _before(self, meeting_id: UUID, version: int) -> Meeting | None:
        """The meeting just before the event at `version`, from the cache or the store."""
        cached = self._cache.pop(meeting_id, None)
        if cached is not None and cached.version == version - 1:
            return cached
        return self.minutes.get(meeting_id, version=version - 1) if version > 1 else None

    def _remember(self, meeting: Meeting) -> None:
        self._cache[meeting.id] = meeting
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    def _apply(self, start: int, batch: Sequence[Notification]) -> None:
        audit: list[tuple[Any, ...]] = []
        touched: dict[UUID, Meeting] = {}
        for notification in batch:
            event: Any = self.minutes.mapper.to_domain_event(notification)
            meeting_id = UUID(str(notification.originator_id))
            meeting = touched.pop(meeting_id, None) or self._before(
                meeting_id, event.originator_version
            )
            if meeting is not None and meeting.version != event.originator_version - 1:
                meeting = self._before(meeting_id, event.originator_version)
            meeting, entry = step(meeting, event)
            touched[meeting_id] = meeting
            audit.append(_audit_row(entry))
        with self._transaction() as cursor:
            self._advance(cursor, start, batch[-1].id)
            cursor.executemany(
                self._sql("INSERT INTO rm_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), audit
            )
            for meeting in touched.values():
                self._write_meeting(cursor, meeting)
        for meeting in touched.values():
            self._remember(meeting)

    def _advance(self, cursor: Any, start: int, end: int) -> None:
        """Compare and set: only from the position this batch was read at."""
        self._execute(
            cursor,
            "UPDATE rm_position SET position = ? WHERE position = ?",
            (end, start),
        )
        if self.postgres:
            changed = cursor.rowcount
        else:
            cursor.execute("SELECT changes() AS n")
            changed = cursor.fetchone()["n"]
        if changed != len(MODELS):
            raise Stale

    def _write_meeting(self, cursor: Any, meeting: Meeting) -> None:
        state, key = meeting.state, meeting.id.hex
        self._execute(
            cursor,
            "INSERT INTO rm_meetings VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "forum = excluded.forum, date = excluded.date, status = excluded.status, "
            "items = excluded.items, version = excluded.version, forum_key = excluded.forum_key",
            (
                key,
                state.forum,
                state.date.isoformat(),
                state.status,
                len(state.active_items()),
                meeting.version,
                state.forum.casefold(),  # SQLite's lower() folds only ASCII
            ),
        )
        self._execute(
            cursor,
            "INSERT INTO rm_minutes VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "version = excluded.version, document = excluded.document",
            (key, meeting.version, ix.encode(document(state))),
        )
        rows = [(key, u.item_number, u.item_title, u.field, u.public, u.text) for u in units(state)]
        if self.postgres:
            self._execute(cursor, "DELETE FROM rm_search WHERE meeting_id = ?", (key,))
            cursor.executemany(
                self._sql(
                    "INSERT INTO rm_search (meeting_id, item_number, item_title, field, public, "
                    "text) VALUES (?, ?, ?, ?, ?, ?)"
                ),
                rows,
            )
            return
        # FTS5 can only find a row fast by its rowid, so each meeting owns a range of
        # rowids (from its row number in rm_meetings) and is replaced by range.
        cursor.execute("SELECT rowid FROM rm_meetings WHERE id = ?", (key,))
        first = cursor.fetchone()["rowid"] << SEARCH_ROWS_BITS
        cursor.execute(
            "DELETE FROM rm_search WHERE rowid >= ? AND rowid < ?",
            (first, first + (1 << SEARCH_ROWS_BITS)),
        )
        cursor.executemany(
            "INSERT INTO rm_search (rowid, meeting_id, item_number, item_title, field, public, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(first + n, *row) for n, row in enumerate(rows)],
        )

    # -- queries -------------------------------------------------------------------------

    def meetings(self) -> list[MeetingSummary]:
        """The meeting list as it is now (catching up first)."""
        self.catch_up()
        rows = self._query("SELECT * FROM rm_meetings ORDER BY date, forum")
        return [
            MeetingSummary(
                UUID(r["id"]),
                r["forum"],
                date.fromisoformat(r["date"]),
                r["status"],
                r["items"],
                r["version"],
            )
            for r in rows
        ]

    def audit(self, meeting_id: UUID | None = None) -> list[Entry]:
        """The audit trail from its table (catching up first): one meeting's in order,
        or every meeting's by time. No replay of the events."""
        self.catch_up()
        if meeting_id is None:
            rows = self._query("SELECT * FROM rm_audit ORDER BY at, meeting_id, position")
        else:
            rows = self._query(
                "SELECT * FROM rm_audit WHERE meeting_id = ? ORDER BY position", (meeting_id.hex,)
            )
        return [
            Entry(
                meeting_id=UUID(r["meeting_id"]),
                position=r["position"],
                at=datetime.fromisoformat(r["at"]),
                actor=r["actor"],
                kind=r["kind"],
                description=r["description"],
                item_id=UUID(r["item_id"]) if r["item_id"] else None,
                item_number=r["item_number"],
                before=r["before"],
                after=r["after"],
            )
            for r in rows
        ]

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
        where, params = ["1 = 1"], []
        if forum:
            where.append("m.forum_key = ?")
            params.append(nfc(forum).strip().casefold())
        if date_from:
            where.append("m.date >= ?")
            params.append(date_from.isoformat())
        if date_to:
            where.append("m.date <= ?")
            params.append(date_to.isoformat())
        if not internal:
            where.append("s.public" if self.postgres else "s.public = 1")
        if self.postgres:
            match = tsquery(query)
            if not match:
                return []
            rows = self._query(
                "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, s.field, "
                "ts_headline('danish', s.text, q, 'StartSel=»,StopSel=«,MaxWords=18,MinWords=6') "
                "AS snippet, ts_rank(s.tsv, q) AS rank "
                "FROM rm_search s JOIN rm_meetings m ON m.id = s.meeting_id, "
                "to_tsquery('danish', ?) q "
                f"WHERE s.tsv @@ q AND {' AND '.join(where)} ORDER BY rank DESC LIMIT ?",
                [match, *params, limit],
            )
        else:
            match = fts5_query(query)
            if not match:
                return []
            rows = self._query(
                "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, s.field, "
                "snippet(rm_search, 5, '»', '«', '…', 16) AS snippet, -bm25(rm_search) AS rank "
                "FROM rm_search s JOIN rm_meetings m ON m.id = s.meeting_id "
                f"WHERE rm_search MATCH ? AND {' AND '.join(where)} ORDER BY rank DESC LIMIT ?",
                [match, *params, limit],
            )
        return [
            Hit(
                UUID(r["meeting_id"]),
                r["forum"],
                date.fromisoformat(r["date"]),
                r["item_number"],
                r["item_title"],
                r["field"],
                r["snippet"],
                float(r["rank"]),
            )
            for r in rows
        ]


def _audit_row(e: Entry) -> tuple[Any, ...]:
    return (
        e.meeting_id.hex,
        e.position,
        e.at.isoformat(),
        e.actor,
        e.kind,
        e.description,
        e.item_id.hex if e.item_id else None,
        e.item_number,
        e.before,
        e.after,
    )
