# Over 400 lines: all of chefforum's SQLite is in this one module (import-linter contract).
"""Everything chefforum says to SQLite: the durable connection pool, the hash-chained
recorder, a subscription (polling: SQLite has no LISTEN) and the read models' tables and
queries. The only module besides postgres.py that speaks SQL (an import-linter contract).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from collections.abc import Sequence
from contextlib import suppress
from typing import Any, Literal
from uuid import UUID, uuid4

from eventsourcing.persistence import (
    ListenNotifySubscription,
    OperationalError,
    StoredEvent,
    Subscription,
)
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteDatastore,
    SQLiteFactory,
    SQLiteTrackingRecorder,
)
from eventsourcing.utils import Environment, EnvType

from projections.readmodels.view import (
    CARRIED_SCHEMA,
    SCHEMA,
    SEARCH_WINDOW,
    AuditRow,
    MeetingRows,
    Row,
    SearchFilter,
    Stale,
)
from projections.store.chain import (
    CHAIN_TABLE,
    STORE_TABLE,
    Chain,
    ChainRow,
    StoredRow,
    StoreInfo,
    as_hex_id,
    chain_rows,
    check_mode,
    store_info,
    stored_row,
)
from projections.store.checkpoints import WritesCheckpoints

# What sqlite3 raises itself (eventsourcing wraps most, not all: see damage.py).
DRIVER_ERRORS = (sqlite3.Error,)

# -- the store: every commit synced to disk -------------------------------------------
#
# eventsourcing opens its SQLite connections in WAL mode but leaves `synchronous` at the
# library's compiled-in default, which some builds set to NORMAL. In WAL mode NORMAL syncs
# only at checkpoints: a power cut or an OS crash may then take away a save the user was
# told had succeeded. FULL syncs the WAL at every commit. (A killed process loses nothing
# either way: a committed transaction is in the WAL, and the next open recovers it.)
# Used as PERSISTENCE_MODULE = "projections.store.sqlite:DurableSQLiteFactory".


class DurableSQLiteConnectionPool(SQLiteConnectionPool):
    def __init__(self, *, db_name: str, lock_timeout: int | None = None) -> None:
        super().__init__(db_name=db_name, lock_timeout=lock_timeout)
        self.wal = None if self.is_sqlite_memory_mode else WalCheckpointer(db_name)

    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()  # sets journal_mode=WAL on a file
        connection._sqlite_conn.execute("PRAGMA synchronous=FULL")
        if self.wal is not None:
            connection._sqlite_conn.execute(f"PRAGMA wal_autocheckpoint={WAL_FALLBACK_PAGES}")
        return connection

    def close(self) -> None:
        if self.wal is not None:
            self.wal.stop()
        super().close()


# -- the write-ahead log, copied into the database file outside the user's wait ---------
#
# SQLite copies the WAL into the database file (a checkpoint, ending with a sync of that
# file) inside whichever commit takes the WAL past wal_autocheckpoint pages, 1,000 by
# default: on a large store about one save in a hundred waited tens of milliseconds for
# it. So the limit is raised to a fallback (a store never quiet, another program), and a
# thread checkpoints once the store has been quiet for QUIET seconds, or PATIENCE seconds
# after the first commit since its last checkpoint. A PASSIVE checkpoint takes no lock a
# writer waits for, and every commit is still synced to the WAL (synchronous=FULL): a save
# reported is on disk whenever the checkpoints run.
WAL_FALLBACK_PAGES = 20_000
WAL_QUIET = 0.2
WAL_PATIENCE = 2.0
WAL_IDLE = 5.0  # an idle checkpointer's thread (and its connection) ends


class WalCheckpointer:
    def __init__(self, db_name: str) -> None:
        self._db_name = db_name
        self._cond = threading.Condition()
        self._last_commit = 0.0
        self._due_since: float | None = None
        self._stopping = False
        self._thread: threading.Thread | None = None

    def committed(self) -> None:
        """A commit added to the WAL: a checkpoint is due once the store is quiet."""
        with self._cond:
            self._last_commit = time.monotonic()
            if self._due_since is None:
                self._due_since = self._last_commit
            if self._thread is None and not self._stopping:
                self._thread = threading.Thread(
                    target=self._run, name="chefforum-wal-checkpoint", daemon=True
                )
                self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        # Not at interpreter exit (a daemon thread no longer runs there to be joined).
        if thread not in (None, threading.current_thread()) and not sys.is_finalizing():
            thread.join()

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                with self._cond:
                    while not self._stopping:
                        now = time.monotonic()
                        if self._due_since is None:
                            if now - self._last_commit >= WAL_IDLE:
                                return
                            self._cond.wait(WAL_IDLE)
                            continue
                        wait = min(self._last_commit + WAL_QUIET, self._due_since + WAL_PATIENCE)
                        if wait <= now:
                            break
                        self._cond.wait(wait - now)
                    if self._stopping:
                        return
                    self._due_since = None
                if conn is None:
                    conn = sqlite3.connect(self._db_name, uri=True, isolation_level=None)
                # Busy (another process checkpointing) or closed: the next one copies it.
                with suppress(sqlite3.Error):
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            with self._cond:
                self._thread = None
            if conn is not None:
                conn.close()


class DurableSQLiteFactory(SQLiteFactory):
    def __init__(self, env: Environment | EnvType | None) -> None:
        super().__init__(env)
        # SQLiteDatastore builds its pool itself and offers no hook; the pool opens its
        # connections on demand, so none exists yet and it can simply be replaced.
        plain = self.datastore.pool
        self.datastore.pool = DurableSQLiteConnectionPool(
            db_name=plain.db_name, lock_timeout=plain.lock_timeout
        )
        plain.close()


# -- the hash chain (chain.py), the store's identity and its checkpoints (checkpoints.py) --


# -- Bilag as files (domain/file_cases.py): kept by their SHA-256, written in the events'
# -- transaction; `data` and `text` as the application hands them (encrypted or not) -----

FILES_TABLE = "chefforum_files"


class SQLiteFiles:
    datastore: SQLiteDatastore

    @staticmethod
    def files_create_statement() -> str:
        return (
            f"CREATE TABLE IF NOT EXISTS {FILES_TABLE} (sha256 TEXT PRIMARY KEY, "
            "size INTEGER NOT NULL, media_type TEXT NOT NULL, data BLOB NOT NULL, "
            "text BLOB NOT NULL)"
        )

    @staticmethod
    def insert_files(c: Any, files: Sequence[Any]) -> None:
        """The same file attached twice is kept once (its hash is its key)."""
        c.executemany(
            f"INSERT OR IGNORE INTO {FILES_TABLE} VALUES (?, ?, ?, ?, ?)",
            [(f.sha256, f.size, f.media_type, f.data, f.text) for f in files],
        )

    def read_file(self, sha256: str) -> tuple[int, str, bytes] | None:
        """(size, media type, data as stored) of a file, or None."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT size, media_type, data FROM {FILES_TABLE} WHERE sha256 = ?", (sha256,)
            )
            row = c.fetchone()
            return (int(row["size"]), str(row["media_type"]), bytes(row["data"])) if row else None

    def file_text(self, sha256: str) -> bytes | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT text FROM {FILES_TABLE} WHERE sha256 = ?", (sha256,))
            row = c.fetchone()
            return bytes(row["text"]) if row else None

    def file_rows(self, after: str, limit: int) -> list[tuple[str, int, bytes]]:
        """(hash, size, data as stored) of the files after a hash, in hash order: verify
        reads them a few at a time."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT CAST(sha256 AS TEXT) AS sha256, size, data FROM {FILES_TABLE} "
                "WHERE sha256 > ? ORDER BY sha256 LIMIT ?",
                (after, limit),
            )
            return [(str(r["sha256"]), r["size"], bytes(r["data"])) for r in c.fetchall()]

    def files_size(self) -> int:
        """The bytes the files take as stored (the benchmark's figure)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT coalesce(sum(length(data)), 0) AS n FROM {FILES_TABLE}")
            return int(c.fetchone()["n"])


class ChainedSQLiteRecorder(SQLiteFiles, WritesCheckpoints, SQLiteApplicationRecorder):
    def __init__(
        self, datastore: SQLiteDatastore, events_table_name: str = "stored_events"
    ) -> None:
        super().__init__(datastore, events_table_name)
        # The chain this process writes with: open_minutes decides it for the store
        # (chain.decide_chain); a recorder made otherwise links as the environment says.
        self.chain = Chain.from_env()
        self._written = threading.local()

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "notification_id INTEGER PRIMARY KEY, originator_id TEXT NOT NULL, "
            "originator_version INTEGER NOT NULL, event_hash TEXT NOT NULL, link TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {STORE_TABLE} (id TEXT NOT NULL, chain TEXT NOT NULL, "
            "key_check TEXT)",
            self.files_create_statement(),
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._insert_events(c, stored_events, **kwargs)
        self.insert_files(c, kwargs.get("files", ()))
        self._written.rows = []
        if ids:
            c.execute(
                f"SELECT (SELECT link FROM {CHAIN_TABLE} ORDER BY notification_id DESC LIMIT 1) "
                f"AS link, (SELECT chain FROM {STORE_TABLE} LIMIT 1) AS mode"
            )
            found = c.fetchone()
            check_mode(found["mode"], self.chain)
            rows = chain_rows(
                self.chain, found["link"] or self.chain.start(self.store_id), ids, stored_events
            )
            c.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?, ?, ?)", rows)
            self._written.rows = rows
        return ids

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super().insert_events(stored_events, **kwargs)  # committed
        wal = getattr(self.datastore.pool, "wal", None)
        if isinstance(wal, WalCheckpointer):
            wal.committed()
        rows = getattr(self._written, "rows", [])
        if rows:
            self.write_checkpoint(
                self.chain.mode,
                rows,
                [e.topic for e in stored_events],
                [as_hex_id(e.originator_id) for e in stored_events],
            )
        return ids

    # -- reading for verify: any row, whatever its types -------------------------------

    def tables(self) -> set[str]:
        with self.datastore.transaction(commit=False) as c:
            c.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            return {str(row["name"]) for row in c.fetchall()}

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]:
        """The chain's rows from notification id `start` (all, or `limit` of them)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT notification_id, CAST(originator_id AS BLOB) AS oid, originator_version, "
                "CAST(event_hash AS BLOB) AS event_hash, CAST(link AS BLOB) AS link "
                f"FROM {CHAIN_TABLE} WHERE notification_id >= ? ORDER BY notification_id "
                "LIMIT ?",
                (start, -1 if limit is None else limit),
            )
            return [
                ChainRow(
                    notification_id=int(row["notification_id"]),
                    originator_id=_text(row["oid"]),
                    originator_version=row["originator_version"],
                    event_hash=_text(row["event_hash"]),
                    link=_text(row["link"]),
                )
                for row in c.fetchall()
            ]

    def stored_rows(self, start: int, limit: int) -> list[StoredRow]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT rowid, CAST(originator_id AS BLOB) AS oid, originator_version, "
                "CAST(topic AS BLOB) AS topic, CAST(state AS BLOB) AS state "
                f"FROM {self.events_table_name} WHERE rowid >= ? ORDER BY rowid LIMIT ?",
                (start, limit),
            )
            return [
                stored_row(
                    row["rowid"],
                    _text(row["oid"]),
                    row["originator_version"],
                    _text(row["topic"]),
                    row["state"],
                )
                for row in c.fetchall()
            ]

    def last_versions(self) -> dict[str, int]:
        """Each originator's (meeting's, forum's) last version, by id as hex."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT CAST(originator_id AS BLOB) AS oid, max(originator_version) AS version "
                f"FROM {self.events_table_name} GROUP BY originator_id"
            )
            return {as_hex_id(_text(row["oid"])): row["version"] for row in c.fetchall()}

    def snapshot_versions(self) -> set[tuple[str, int]]:
        """(id as hex, version) of every stored snapshot: what verify will compare."""
        table = self.events_table_name.replace("_events", "_snapshots")
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT CAST(originator_id AS BLOB) AS oid, originator_version FROM {table}")
            return {
                (as_hex_id(_text(row["oid"])), row["originator_version"]) for row in c.fetchall()
            }

    def chain_link(self, notification_id: int) -> str | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT CAST(link AS BLOB) AS link FROM {CHAIN_TABLE} WHERE notification_id = ?",
                (notification_id,),
            )
            row = c.fetchone()
            return _text(row["link"]) if row else None

    def last_of(self, originator_id: UUID, version: int, topic: str) -> int | None:
        """The notification id of the meeting's last event of a topic up to a version."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                f"SELECT rowid FROM {self.events_table_name} WHERE originator_id = ? "
                "AND originator_version <= ? AND topic = ? "
                "ORDER BY originator_version DESC LIMIT 1",
                (originator_id.hex, version, topic),
            )
            row = c.fetchone()
            return int(row["rowid"]) if row else None

    # -- the store's row ----------------------------------------------------------------

    def store_row(self) -> tuple[StoreInfo | None, bool]:
        """The store's row (None: no table or no row) and whether it has events."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT EXISTS (SELECT 1 FROM {self.events_table_name}) AS has_events")
            has_events = bool(c.fetchone()["has_events"])
            try:
                c.execute(f"SELECT id, chain, key_check FROM {STORE_TABLE} LIMIT 1")
            except sqlite3.OperationalError:  # no such table (an older or damaged store)
                return None, has_events
            row = c.fetchone()
        return (store_info(row["id"], row["chain"], row["key_check"]) if row else None), has_events

    def claim_store(self, store_id: str, mode: str, key_check: str | None) -> None:
        """Write the store's row if it has none; while it has no events, set its chain."""
        with self.datastore.transaction(commit=True) as c:
            # A write first takes the write lock: claimants go one at a time.
            c.execute(
                f"INSERT INTO {STORE_TABLE} SELECT ?, ?, ? "
                f"WHERE NOT EXISTS (SELECT 1 FROM {STORE_TABLE})",
                (store_id, mode, key_check),
            )
            c.execute(
                f"UPDATE {STORE_TABLE} SET chain = ?, key_check = ? "
                f"WHERE NOT EXISTS (SELECT 1 FROM {self.events_table_name})",
                (mode, key_check),
            )

    def subscribe(
        self, gt: int | None = None, topics: Sequence[str] = ()
    ) -> Subscription[SQLiteApplicationRecorder]:
        return PollingSubscription(self, gt=gt, topics=topics)


def _text(value: Any) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


# -- seeing other processes' events ----------------------------------------------------

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


# -- the read models (projections/readmodels) ------------------------------------------

# SQLite's default: a checkpoint when the log holds this many pages (not during a rebuild).
AUTOCHECKPOINT = 1000
# A meeting owns a range of rowids in rm_search (see _write_meeting).
SEARCH_ROWS_BITS = 20  # room for half a million searchable texts of each kind per meeting
# Its internal-only texts in the lower half of the range, its public ones in the upper
# half: the public view is filtered on the rowid alone, without reading the row.
_PUBLIC_ROW = 1 << (SEARCH_ROWS_BITS - 1)
# The search index's words, and the snippets' (see _SNIPPETS), split the same way.
_TOKENIZE = "tokenize = 'unicode61 remove_diacritics 0'"
_TABLES = (
    "CREATE TABLE IF NOT EXISTS rm_meetings (id TEXT PRIMARY KEY, forum TEXT NOT NULL, "
    "date TEXT NOT NULL, status TEXT NOT NULL, items INTEGER NOT NULL, version INTEGER NOT NULL, "
    "forum_key TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS rm_audit (meeting_id TEXT NOT NULL, position INTEGER NOT NULL, "
    "at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL, description TEXT NOT NULL, "
    "item_id TEXT, item_number TEXT, before TEXT, after TEXT, "
    "PRIMARY KEY (meeting_id, position))",
    # Finding a meeting by FORUM/DATE, and the list newest first a page at a time.
    "CREATE INDEX IF NOT EXISTS rm_meetings_on ON rm_meetings (forum_key, date)",
    "CREATE INDEX IF NOT EXISTS rm_meetings_list ON rm_meetings (date, forum, id)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS rm_search USING fts5(meeting_id UNINDEXED, "
    "item_number UNINDEXED, item_title UNINDEXED, field UNINDEXED, public UNINDEXED, "
    f"text, {_TOKENIZE})",
)
_MODEL_TABLES = ("rm_meetings", "rm_audit", "rm_search")
# Search: the newest SEARCH_WINDOW matches (rowid order: a meeting's rows follow its row
# in rm_meetings) ranked by bm25, the best `limit` of them read by rowid. FTS5 stops after
# the window instead of ranking every match. The public view filters on the rowid (see
# _PUBLIC_ROW): a phrase in the MATCH would have bm25() count, on each query, every public
# text in the index.
_SEARCH = (
    "WITH recent AS (SELECT s.rowid AS id, bm25(rm_search, 1, 1, 1, 1, 0, 1) AS score "
    "FROM rm_search s {join} WHERE rm_search MATCH ? {conditions} "
    "ORDER BY s.rowid DESC LIMIT ?), "
    "best AS (SELECT id, score FROM recent ORDER BY score, id DESC LIMIT ?) "
    "SELECT s.rowid AS id, s.meeting_id, m.forum, m.date, s.item_number, s.item_title, "
    "s.field, s.text, -best.score AS rank FROM best JOIN rm_search s ON s.rowid = best.id "
    "JOIN rm_meetings m ON m.id = s.meeting_id ORDER BY best.score, best.id DESC"
)
# The snippets of the best hits, by FTS5's snippet() on a scratch index of their texts
# alone: on rm_search, each would expand the query's prefixes over the whole index again.
# Made and dropped inside the search's read transaction, which is rolled back.
_SNIPPETS = (
    f"CREATE VIRTUAL TABLE temp.rm_snippets USING fts5(text, {_TOKENIZE})",
    "INSERT INTO temp.rm_snippets (rowid, text) VALUES (?, ?)",
    "SELECT rowid, snippet(rm_snippets, 0, '»', '«', '…', 16) AS snippet "
    "FROM temp.rm_snippets WHERE rm_snippets MATCH ?",
)
# The meeting list newest first, from a key on (keyset pagination on rm_meetings_list).
MEETINGS_PAGE = "SELECT * FROM rm_meetings {where} ORDER BY date DESC, forum DESC, id DESC LIMIT ?"
_COUNT_TABLES = (
    "SELECT count(*) FROM sqlite_master WHERE name IN ('rm_meetings', 'rm_audit', 'rm_search')"
)
_OLD_TABLES = ("rm_position", "rm_minutes")  # schema 3


def memory_datastore() -> SQLiteDatastore:
    """A database in this process's memory, shared by its pooled connections (and so by
    threads), gone with them: for the read models of an encrypted store."""
    return SQLiteDatastore(f"file:chefforum-readmodels-{uuid4().hex}?mode=memory&cache=shared")


class SQLiteReadModelView(SQLiteTrackingRecorder):
    """The read models' tables, beside the events in the store's file (or in memory).

    The position is eventsourcing's tracking row (table `tracking`, one row for the
    application "chefforum"), written in the same transaction as the rows it covers.
    eventsourcing's own insert_tracking only refuses to move it backwards, which would let
    two overlapping batches of two processes both commit; write() moves it by compare and
    set from the position the batch was read at instead.
    """

    query_syntax: Literal["fts5", "tsquery"] = "fts5"
    writes_elsewhere = False

    def __init__(self, datastore: SQLiteDatastore, *, application_name: str) -> None:
        super().__init__(datastore)
        self.application_name = application_name

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *_TABLES]

    def _current(self) -> bool:
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    "SELECT (SELECT version FROM rm_schema) AS version, (SELECT notification_id "
                    "FROM tracking WHERE application_name = ?) AS position, "
                    f"({_COUNT_TABLES}) AS tables",
                    (self.application_name,),
                )
                row = c.fetchone()
        except (OperationalError, sqlite3.OperationalError):  # no such table
            return False
        return bool(
            row["version"] == SCHEMA
            and row["position"] is not None
            and row["tables"] == len(_MODEL_TABLES)
        )

    def create(self) -> None:
        if self._current():
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute("CREATE TABLE IF NOT EXISTS rm_schema (version INTEGER NOT NULL)")
            # A write first takes the database's write lock: creators go one at a time.
            c.execute("UPDATE rm_schema SET version = version")
            c.execute(f"SELECT version, ({_COUNT_TABLES}) AS tables FROM rm_schema")
            found = c.fetchone()
            # A table gone (dropped by hand): all of them anew, from position 0.
            complete = found is not None and found["tables"] == len(_MODEL_TABLES)
            carried = self._drop_old(c, found["version"] if found and complete else None)
            c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tracking'")
            self.tracking_table_exists = c.fetchone() is not None
            if self.tracking_table_exists:
                self.tracking_migration_previous = self._max_tracking_id(
                    self.table_migration_identifier, c
                )
            self._create_table(c)  # eventsourcing's: its tracking table, then _TABLES
            if carried is None:
                c.execute(
                    "INSERT INTO tracking VALUES (?, 0) ON CONFLICT (application_name) DO NOTHING",
                    (self.application_name,),
                )
            else:
                c.execute(
                    "INSERT INTO tracking VALUES (?, ?) ON CONFLICT (application_name) "
                    "DO UPDATE SET notification_id = excluded.notification_id",
                    (self.application_name, carried),
                )
            c.execute("DELETE FROM rm_schema")
            c.execute("INSERT INTO rm_schema VALUES (?)", (SCHEMA,))

    @staticmethod
    def _drop_old(c: SQLiteCursor, version: int | None) -> int | None:
        """Tables of another schema go; returns the position to start from (None: keep)."""
        if version == SCHEMA:
            return None
        if version == CARRIED_SCHEMA:
            c.execute("SELECT MIN(position) AS position FROM rm_position")
            carried = int(c.fetchone()["position"] or 0)
            tables: Sequence[str] = _OLD_TABLES
            # Schema 3 numbered a meeting's texts from the start of its range.
            c.execute(f"UPDATE rm_search SET rowid = rowid | {_PUBLIC_ROW} WHERE public")
        else:
            carried, tables = 0, (*_OLD_TABLES, *_MODEL_TABLES)
        for table in tables:
            c.execute(f"DROP TABLE IF EXISTS {table}")
        return carried

    def position(self) -> int | None:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT notification_id FROM tracking WHERE application_name = ?",
                (self.application_name,),
            )
            row = c.fetchone()
        value = row["notification_id"] if row else None
        return value if isinstance(value, int) and value >= 0 else None

    def meeting_counts(self, meeting_id: str) -> tuple[int, int]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT (SELECT count(*) FROM rm_audit WHERE meeting_id = ?) AS audit, "
                "(SELECT coalesce(max(version), 0) FROM rm_meetings WHERE id = ?) AS versions",
                (meeting_id, meeting_id),
            )
            row = c.fetchone()
        return int(row["audit"]), int(row["versions"])

    def write(
        self,
        start: int,
        end: int,
        audit: Sequence[AuditRow],
        meetings: Sequence[MeetingRows],
        *,
        durable: bool = True,
    ) -> None:
        with self.datastore.get_connection(commit=True) as conn:
            # NORMAL in WAL mode: the commit is not synced, but the database stays
            # consistent; SQLite allows the change only between transactions. Nor is the
            # log copied into the database after each batch (a checkpoint, synced, that
            # writes the pages a rebuild changes again and again): sync() does it once.
            if not durable:
                conn._sqlite_conn.execute("PRAGMA synchronous=NORMAL")
                conn._sqlite_conn.execute("PRAGMA wal_autocheckpoint=0")
            try:
                with conn.transaction(commit=True) as c:
                    c.execute(
                        "UPDATE tracking SET notification_id = ? WHERE application_name = ? "
                        "AND notification_id = ? RETURNING notification_id",
                        (end, self.application_name, start),
                    )
                    if c.fetchone() is None:
                        raise Stale
                    c.executemany(
                        "INSERT INTO rm_audit VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", audit
                    )
                    for meeting in meetings:
                        self._write_meeting(c, meeting)
            finally:
                if not durable:
                    conn._sqlite_conn.execute("PRAGMA synchronous=FULL")
                    conn._sqlite_conn.execute(f"PRAGMA wal_autocheckpoint={AUTOCHECKPOINT}")

    def sync(self) -> None:
        # A commit synced to disk (FULL) syncs the write-ahead log up to it: every earlier
        # commit with it; then the log is copied into the database as far as no reader
        # holds it back (the checkpoints the batches left out).
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                "UPDATE tracking SET notification_id = notification_id "
                "WHERE application_name = ?",
                (self.application_name,),
            )
        with self.datastore.get_connection(commit=False) as conn:
            conn._sqlite_conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def analyze(self) -> None:
        pass  # the plans of these queries do not depend on statistics (FTS5, primary keys)

    @staticmethod
    def _write_meeting(c: SQLiteCursor, m: MeetingRows) -> None:
        c.execute(
            "INSERT INTO rm_meetings VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "forum = excluded.forum, date = excluded.date, status = excluded.status, "
            "items = excluded.items, version = excluded.version, forum_key = excluded.forum_key",
            (m.key, m.forum, m.date, m.status, m.items, m.version, m.forum_key),
        )
        # FTS5 can only find a row fast by its rowid, so each meeting owns a range of
        # rowids (from its row number in rm_meetings) and is replaced by range.
        c.execute("SELECT rowid FROM rm_meetings WHERE id = ?", (m.key,))
        first = c.fetchone()["rowid"] << SEARCH_ROWS_BITS
        c.execute(
            "DELETE FROM rm_search WHERE rowid >= ? AND rowid < ?",
            (first, first + (1 << SEARCH_ROWS_BITS)),
        )
        c.executemany(
            "INSERT INTO rm_search (rowid, meeting_id, item_number, item_title, field, public, "
            "text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(first + n + _PUBLIC_ROW * row[4], *row) for n, row in enumerate(m.search)],
        )

    def reset(self) -> None:
        with self.datastore.get_connection(commit=True) as conn:
            # Python's SQLite is built with secure_delete on: every freed page is zeroed,
            # which made emptying the tables of 71,720 events take 0.4-0.5 s; FAST zeroes
            # only what costs no extra writes (0.05 s). The rows are derived from the
            # events in the same file (or held in memory, for an encrypted store).
            sqlite = conn._sqlite_conn
            previous = int(sqlite.execute("PRAGMA secure_delete").fetchone()[0])
            sqlite.execute("PRAGMA secure_delete=FAST")
            try:
                with conn.transaction(commit=True) as c:
                    c.execute(
                        "INSERT INTO tracking VALUES (?, 0) ON CONFLICT (application_name) "
                        "DO UPDATE SET notification_id = 0",
                        (self.application_name,),
                    )
                    # Dropped and made anew: FTS5 deletes a row by tokenizing its text again.
                    for table in _MODEL_TABLES:
                        c.execute(f"DROP TABLE {table}")
                    for statement in _TABLES:
                        c.execute(statement)
            finally:
                sqlite.execute(f"PRAGMA secure_delete={previous}")

    def _query(self, statement: str, params: Sequence[Any] = ()) -> list[Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            return list(c.fetchall())

    def meetings(self) -> list[Row]:
        return self._query("SELECT * FROM rm_meetings ORDER BY date, forum")

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[Row]:
        # A range on the primary key: the ids are lower-case hex, all below "g".
        return self._query(
            "SELECT * FROM rm_meetings WHERE id >= ? AND id < ? ORDER BY id LIMIT ?",
            (prefix, prefix + "g", limit),
        )

    def meeting_on(self, forum_key: str, on: str) -> list[Row]:
        return self._query(
            "SELECT * FROM rm_meetings WHERE forum_key = ? AND date = ? LIMIT 1", (forum_key, on)
        )

    def meetings_page(self, after: tuple[str, str, str] | None, limit: int) -> list[Row]:
        if after is None:
            return self._query(MEETINGS_PAGE.format(where=""), (limit,))
        return self._query(
            MEETINGS_PAGE.format(where="WHERE (date, forum, id) < (?, ?, ?)"), (*after, limit)
        )

    def audit(self, meeting_key: str | None) -> list[Row]:
        if meeting_key is None:
            return self._query("SELECT * FROM rm_audit ORDER BY at, meeting_id, position")
        return self._query(
            "SELECT * FROM rm_audit WHERE meeting_id = ? ORDER BY position", (meeting_key,)
        )

    def search(self, where: SearchFilter) -> list[Row]:
        # Only the text column is searched: a query such as "1" must not match `public`.
        match = f"text : ({where.match})"
        conditions, params = [], []
        if where.forum_key is not None:
            conditions.append("AND m.forum_key = ?")
            params.append(where.forum_key)
        if where.date_from:
            conditions.append("AND m.date >= ?")
            params.append(where.date_from)
        if where.date_to:
            conditions.append("AND m.date <= ?")
            params.append(where.date_to)
        join = "JOIN rm_meetings m ON m.id = s.meeting_id" if conditions else ""
        if not where.internal:
            conditions.append(f"AND s.rowid & {_PUBLIC_ROW}")
        create, insert, select = _SNIPPETS
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                _SEARCH.format(join=join, conditions=" ".join(conditions)),
                [match, *params, SEARCH_WINDOW, where.limit],
            )
            best = [dict(row) for row in c.fetchall()]
            if not best:
                return []
            c.execute(create)
            c.executemany(insert, [(row["id"], row["text"]) for row in best])
            c.execute(select, (match,))
            snippets = {row["rowid"]: row["snippet"] for row in c.fetchall()}
        hits: list[Row] = []
        for row in best:
            row["snippet"] = snippets[row.pop("id")]
            del row["text"]
            hits.append(row)
        return hits
