"""SQLite's connections for a store: every commit synced to disk, and the write-ahead log
copied into the database file outside the user's wait."""

from __future__ import annotations

import sqlite3
import sys
import threading
import time
from contextlib import suppress

from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory
from eventsourcing.utils import Environment, EnvType

# What sqlite3 raises itself (eventsourcing wraps most, not all: see damage.py).
DRIVER_ERRORS = (sqlite3.Error,)

# -- the store: every commit synced to disk -------------------------------------------
#
# eventsourcing opens its SQLite connections in WAL mode but leaves `synchronous` at the
# library's compiled-in default, which some builds set to NORMAL. In WAL mode NORMAL syncs
# only at checkpoints: a power cut or an OS crash may then take away a save the user was
# told had succeeded. FULL syncs the WAL at every commit. (A killed process loses nothing
# either way: a committed transaction is in the WAL, and the next open recovers it.)
# Used as PERSISTENCE_MODULE = "projections.store.sqlite.connection:DurableSQLiteFactory".


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
