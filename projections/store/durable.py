"""eventsourcing's SQLite store, with every commit synced to disk before it returns.

eventsourcing opens its SQLite connections in WAL mode but leaves `synchronous` at the
library's compiled-in default, which some builds set to NORMAL. In WAL mode NORMAL syncs
only at checkpoints: a power cut or an OS crash may then take away a save the user was
told had succeeded. FULL syncs the WAL at every commit. (A killed process loses nothing
either way: a committed transaction is in the WAL, and the next open recovers it.)

Used as PERSISTENCE_MODULE = "projections.store.durable:DurableSQLiteFactory" (see store.py).
"""

from __future__ import annotations

from eventsourcing.sqlite import SQLiteConnection, SQLiteConnectionPool, SQLiteFactory
from eventsourcing.utils import Environment, EnvType


class DurableSQLiteConnectionPool(SQLiteConnectionPool):
    def _create_connection(self) -> SQLiteConnection:
        connection = super()._create_connection()  # sets journal_mode=WAL on a file
        connection._sqlite_conn.execute("PRAGMA synchronous=FULL")
        return connection


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
