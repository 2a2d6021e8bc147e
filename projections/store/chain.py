"""Tamper evidence: a hash chain over the stored events, written in the same transaction.

Each stored event gets a row: its hash (over originator id, version, topic and the
stored bytes) and a link, the hash of the previous link and this event's hash, in
notification order. The recorders below are eventsourcing's own, extended so that the
chain row is inserted by the same cursor, inside the same transaction, as the events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from psycopg.sql import SQL, Identifier

GENESIS = "0" * 64
CHAIN_TABLE = "chefforum_chain"


def event_hash(originator_id: UUID | str, version: int, topic: str, state: bytes) -> str:
    oid = originator_id.hex if isinstance(originator_id, UUID) else UUID(str(originator_id)).hex
    digest = hashlib.sha256()
    for part in (oid.encode(), str(version).encode(), topic.encode()):
        digest.update(len(part).to_bytes(4, "big") + part)
    digest.update(state)
    return digest.hexdigest()


def next_link(previous: str, this_hash: str) -> str:
    return hashlib.sha256(f"{previous}:{this_hash}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainRow:
    notification_id: int
    originator_id: str
    originator_version: int
    event_hash: str
    link: str


def _rows(
    previous: str, ids: Sequence[int], events: Sequence[StoredEvent]
) -> list[tuple[Any, ...]]:
    rows = []
    for notification_id, event in zip(ids, events, strict=True):
        this = event_hash(event.originator_id, event.originator_version, event.topic, event.state)
        previous = next_link(previous, this)
        oid = UUID(str(event.originator_id)).hex
        rows.append((notification_id, oid, event.originator_version, this, previous))
    return rows


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} ("
            "notification_id INTEGER PRIMARY KEY, originator_id TEXT NOT NULL, "
            "originator_version INTEGER NOT NULL, event_hash TEXT NOT NULL, link TEXT NOT NULL)",
        ]

    def _insert_events(self, c: Any, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        ids = super()._insert_events(c, stored_events, **kwargs)
        if ids:
            c.execute(f"SELECT link FROM {CHAIN_TABLE} ORDER BY notification_id DESC LIMIT 1")
            last = c.fetchone()
            c.executemany(
                f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?, ?, ?)",
                _rows(last["link"] if last else GENESIS, ids, stored_events),
            )
        return ids

    def chain(self) -> list[ChainRow]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT * FROM {CHAIN_TABLE} ORDER BY notification_id")
            return [ChainRow(**dict(row)) for row in c.fetchall()]


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        self.chain_table = SQL("{}.{}").format(
            Identifier(self.datastore.schema), Identifier(CHAIN_TABLE)
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (notification_id bigint PRIMARY KEY, "
                "originator_id text NOT NULL, originator_version bigint NOT NULL, "
                "event_hash text NOT NULL, link text NOT NULL)"
            ).format(self.chain_table)
        )

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Runs inside the insert transaction, under eventsourcing's table lock.
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if ids:
            curs.execute(
                SQL("SELECT link FROM {} ORDER BY notification_id DESC LIMIT 1").format(
                    self.chain_table
                )
            )
            last = curs.fetchone()
            curs.executemany(
                SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s)").format(self.chain_table),
                _rows(last["link"] if last else GENESIS, ids, stored_events),
            )
        return ids

    def chain(self) -> list[ChainRow]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT * FROM {} ORDER BY notification_id").format(self.chain_table))
            return [ChainRow(**dict(row)) for row in curs.fetchall()]
