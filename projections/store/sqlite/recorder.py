"""The hash-chained recorder: eventsourcing's SQLite recorder, which also writes each
event's chain row (chain.py) and its files in the events' transaction, keeps the store's
row, and reads the chain and the events back for verify, whatever their types."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent, Subscription
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

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
from projections.store.sealed import SealedRow
from projections.store.sqlite.connection import WalCheckpointer
from projections.store.sqlite.files import SQLiteFiles
from projections.store.sqlite.subscription import PollingSubscription


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

    def sealed_rows(self, originator_id: UUID, version: int) -> list[SealedRow]:
        """A meeting's events up to `version`, each with its chain row and the link
        before it (projections/store/sealed.py)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT e.rowid AS nid, CAST(e.originator_id AS BLOB) AS oid, "
                "e.originator_version, CAST(e.topic AS BLOB) AS topic, "
                "CAST(e.state AS BLOB) AS state, c.notification_id AS c_nid, "
                "CAST(c.originator_id AS BLOB) AS c_oid, c.originator_version AS c_version, "
                "CAST(c.event_hash AS BLOB) AS c_hash, CAST(c.link AS BLOB) AS c_link, "
                f"(SELECT CAST(p.link AS BLOB) FROM {CHAIN_TABLE} p "
                "WHERE p.notification_id < e.rowid ORDER BY p.notification_id DESC LIMIT 1) "
                f"AS previous FROM {self.events_table_name} e "
                f"LEFT JOIN {CHAIN_TABLE} c ON c.notification_id = e.rowid "
                "WHERE e.originator_id = ? AND e.originator_version <= ? "
                "ORDER BY e.originator_version",
                (originator_id.hex, version),
            )
            return [
                SealedRow(
                    row=stored_row(
                        row["nid"],
                        _text(row["oid"]),
                        row["originator_version"],
                        _text(row["topic"]),
                        row["state"],
                    ),
                    chained=None
                    if row["c_nid"] is None
                    else ChainRow(
                        notification_id=int(row["c_nid"]),
                        originator_id=_text(row["c_oid"]),
                        originator_version=row["c_version"],
                        event_hash=_text(row["c_hash"]),
                        link=_text(row["c_link"]),
                    ),
                    previous=None if row["previous"] is None else _text(row["previous"]),
                )
                for row in c.fetchall()
            ]

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
