"""The hash-chained recorder: eventsourcing's PostgreSQL recorder, which also writes each
event's chain row (chain.py) and its files in the events' transaction, keeps the store's
row, and reads the chain and the events back for verify. Live changes arrive by
eventsourcing's own PostgresSubscription (LISTEN/NOTIFY), which the recorder inherits.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ProgrammingError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg.sql import SQL, Composed, Identifier

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
from projections.store.postgres.connection import STORE_SETUP
from projections.store.postgres.files import PostgresFiles
from projections.store.postgres.identity import (
    AFTER_APPROVAL_FUNCTION,
    APPEND_ONLY_FUNCTION,
    JSON_FUNCTION,
    PEOPLE_TABLE,
    REFUSAL,
    STAMP_FUNCTION,
    IdentityRefused,
    PostgresPeople,
)
from projections.store.postgres.readmodels import TRACKING_TABLE
from projections.store.postgres.site_role import SITE_STATEMENTS, present_link_token
from projections.store.sealed import SealedRow


class ChainedPostgresRecorder(
    PostgresPeople, PostgresFiles, WritesCheckpoints, PostgresApplicationRecorder
):
    def __init__(self, datastore: Any, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        # The chain this process writes with: open_minutes decides it for the store.
        self.chain = Chain.from_env()
        # On an encrypted store the server cannot read the declared actor: open_minutes
        # sets a check the client makes instead (connect.py).
        self.declared_check: Callable[[Sequence[StoredEvent]], None] | None = None
        self._written = threading.local()
        self._s = Identifier(self.datastore.schema)
        self._events = SQL("{}.{}").format(self._s, Identifier(self.events_table_name))
        self.chain_table = SQL("{}.{}").format(self._s, Identifier(CHAIN_TABLE))
        self.store_table = SQL("{}.{}").format(self._s, Identifier(STORE_TABLE))
        self.people_table = SQL("{}.{}").format(self._s, Identifier(PEOPLE_TABLE))
        # The server's record of who wrote the event, returned to go into its hash.
        self.insert_events_statement += SQL(", db_user")
        self.sql_create_statements.extend(
            self._sql(statement)
            for statement in (
                "CREATE TABLE IF NOT EXISTS {chain} (notification_id bigint PRIMARY KEY, "
                "originator_id text NOT NULL, originator_version bigint NOT NULL, "
                "event_hash text NOT NULL, link text NOT NULL)",
                "CREATE TABLE IF NOT EXISTS {store} (id text NOT NULL, chain text NOT NULL, "
                "key_check text, setup integer)",
                "CREATE TABLE IF NOT EXISTS {people} (role name PRIMARY KEY, "
                "display_name text NOT NULL)",
                "REVOKE ALL ON {people} FROM PUBLIC",
                "ALTER TABLE {events} ADD COLUMN IF NOT EXISTS db_user text",
                JSON_FUNCTION,
                AFTER_APPROVAL_FUNCTION,
                STAMP_FUNCTION,
                # The signatures of a meeting, found by one index lookup per event saved.
                "CREATE INDEX IF NOT EXISTS chefforum_approvals ON {events} (originator_id) "
                "WHERE topic = 'chefforum:MinutesApproved'",
                "CREATE OR REPLACE TRIGGER chefforum_stamp BEFORE INSERT ON {events} "
                "FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_stamp()",
                APPEND_ONLY_FUNCTION,
                "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
                "ON {events} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_no_truncate BEFORE TRUNCATE ON {events} "
                "FOR EACH STATEMENT EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_append_only BEFORE UPDATE OR DELETE "
                "ON {chain} FOR EACH ROW EXECUTE FUNCTION {s}.chefforum_append_only()",
                "CREATE OR REPLACE TRIGGER chefforum_no_truncate BEFORE TRUNCATE ON {chain} "
                "FOR EACH STATEMENT EXECUTE FUNCTION {s}.chefforum_append_only()",
                *SITE_STATEMENTS,
            )
        )
        self.sql_create_statements.extend(self.files_statements())

    def _sql(self, text: str) -> Composed:
        return SQL(text).format(
            s=self._s,
            events=self._events,
            chain=self.chain_table,
            store=self.store_table,
            people=self.people_table,
        )

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any) -> Any:
        try:
            ids = super().insert_events(stored_events, **kwargs)  # committed
        except ProgrammingError as e:
            message = str(e).strip().splitlines()[0] if str(e).strip() else ""
            if message.startswith(REFUSAL):
                raise IdentityRefused(message.removeprefix(REFUSAL)) from None
            raise
        rows = getattr(self._written, "rows", [])
        if rows:
            self.write_checkpoint(
                self.chain.mode,
                rows,
                [e.topic for e in stored_events],
                [as_hex_id(e.originator_id) for e in stored_events],
            )
        return ids

    def _insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        self._written.rows = []
        present_link_token(curs)
        if self.declared_check is not None:
            self.declared_check(stored_events)
        super()._insert_events(curs, stored_events, **kwargs)
        self.insert_files(curs, kwargs.get("files", ()))

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # Runs inside the insert transaction, under eventsourcing's table lock.
        returned = curs.fetchall()
        ids = [row["notification_id"] for row in returned]
        if ids:
            curs.execute(
                self._sql(
                    "SELECT (SELECT link FROM {chain} ORDER BY notification_id DESC LIMIT 1) "
                    "AS link, (SELECT chain FROM {store} LIMIT 1) AS mode"
                )
            )
            found = curs.fetchone()
            check_mode(found["mode"], self.chain)
            rows = chain_rows(
                self.chain,
                found["link"] or self.chain.start(self.store_id),
                ids,
                stored_events,
                [row["db_user"] for row in returned],
            )
            curs.executemany(self._sql("INSERT INTO {chain} VALUES (%s, %s, %s, %s, %s)"), rows)
            self._written.rows = rows
        return ids

    # -- reading for verify --------------------------------------------------------------

    def _rows(self, statement: Composed | SQL, params: Sequence[Any] = ()) -> list[Any]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(statement, params)
            return list(curs.fetchall())

    def tables(self) -> set[str]:
        return {
            str(row["tablename"])
            for row in self._rows(
                SQL("SELECT tablename FROM pg_tables WHERE schemaname = %s"),
                (self.datastore.schema,),
            )
        }

    def read_chain(self, start: int = 1, limit: int | None = None) -> list[ChainRow]:
        """The chain's rows from notification id `start` (all, or `limit` of them)."""
        return [
            ChainRow(**dict(row))
            for row in self._rows(
                self._sql(
                    "SELECT * FROM {chain} WHERE notification_id >= %s "
                    "ORDER BY notification_id LIMIT %s"
                ),
                (start, limit),
            )
        ]

    def last_versions(self) -> dict[str, int]:
        """Each originator's (meeting's, forum's) last version, by id as hex."""
        return {
            as_hex_id(row["originator_id"]): row["version"]
            for row in self._rows(
                self._sql(
                    "SELECT originator_id, max(originator_version) AS version FROM {events} "
                    "GROUP BY originator_id"
                )
            )
        }

    def snapshot_versions(self) -> set[tuple[str, int]]:
        """(id as hex, version) of every stored snapshot: what verify will compare."""
        table = SQL("{}.{}").format(
            self._s, Identifier(self.events_table_name.replace("_events", "_snapshots"))
        )
        return {
            (as_hex_id(row["originator_id"]), row["originator_version"])
            for row in self._rows(
                SQL("SELECT originator_id, originator_version FROM {}").format(table)
            )
        }

    def stored_rows(self, start: int, limit: int) -> list[StoredRow]:
        return [
            stored_row(
                row["notification_id"],
                row["originator_id"],
                row["originator_version"],
                row["topic"],
                row["state"],
                row["db_user"],
            )
            for row in self._rows(
                self._sql(
                    "SELECT notification_id, originator_id, originator_version, topic, state, "
                    "db_user FROM {events} WHERE notification_id >= %s "
                    "ORDER BY notification_id LIMIT %s"
                ),
                (start, limit),
            )
        ]

    def sealed_rows(self, originator_id: UUID, version: int) -> list[SealedRow]:
        """A meeting's events up to `version`, each with its chain row and the link
        before it (projections/store/sealed.py)."""
        rows = self._rows(
            self._sql(
                "SELECT e.notification_id, e.originator_id, e.originator_version, e.topic, "
                "e.state, e.db_user, c.notification_id AS c_nid, c.originator_id AS c_oid, "
                "c.originator_version AS c_version, c.event_hash AS c_hash, c.link AS c_link, "
                "(SELECT p.link FROM {chain} p WHERE p.notification_id < e.notification_id "
                "ORDER BY p.notification_id DESC LIMIT 1) AS previous "
                "FROM {events} e LEFT JOIN {chain} c ON c.notification_id = e.notification_id "
                "WHERE e.originator_id = %s AND e.originator_version <= %s "
                "ORDER BY e.originator_version"
            ),
            (originator_id, version),
        )
        return [
            SealedRow(
                row=stored_row(
                    row["notification_id"],
                    row["originator_id"],
                    row["originator_version"],
                    row["topic"],
                    row["state"],
                    row["db_user"],
                ),
                chained=None
                if row["c_nid"] is None
                else ChainRow(
                    notification_id=row["c_nid"],
                    originator_id=as_hex_id(row["c_oid"]),
                    originator_version=row["c_version"],
                    event_hash=row["c_hash"],
                    link=row["c_link"],
                ),
                previous=row["previous"],
            )
            for row in rows
        ]

    def chain_link(self, notification_id: int) -> str | None:
        rows = self._rows(
            self._sql("SELECT link FROM {chain} WHERE notification_id = %s"), (notification_id,)
        )
        return str(rows[0]["link"]) if rows else None

    def last_of(self, originator_id: UUID, version: int, topic: str) -> int | None:
        """The notification id of the meeting's last event of a topic up to a version."""
        rows = self._rows(
            self._sql(
                "SELECT notification_id FROM {events} WHERE originator_id = %s "
                "AND originator_version <= %s AND topic = %s "
                "ORDER BY originator_version DESC LIMIT 1"
            ),
            (originator_id, version, topic),
        )
        return int(rows[0]["notification_id"]) if rows else None

    # -- the store's row ----------------------------------------------------------------

    def store_row(self) -> tuple[StoreInfo | None, bool]:
        """The store's row (None: no table or no row) and whether it has events."""
        has_events = bool(
            self._rows(self._sql("SELECT EXISTS (SELECT 1 FROM {events}) AS e"))[0]["e"]
        )
        try:
            rows = self._rows(self._sql("SELECT id, chain, key_check FROM {store} LIMIT 1"))
        except ProgrammingError:  # no such table (an older store)
            return None, has_events
        if not rows:
            return None, has_events
        return store_info(rows[0]["id"], rows[0]["chain"], rows[0]["key_check"]), has_events

    def claim_store(self, store_id: str, mode: str, key_check: str | None) -> None:
        """Write the store's row if it has none; while it has no events, set its chain.
        (Called under setup_lock: claimants go one at a time.)"""
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "INSERT INTO {store} (id, chain, key_check) SELECT %s, %s, %s "
                    "WHERE NOT EXISTS (SELECT 1 FROM {store})"
                ),
                (store_id, mode, key_check),
            )
            c.execute(
                self._sql(
                    "UPDATE {store} SET chain = %s, key_check = %s "
                    "WHERE NOT EXISTS (SELECT 1 FROM {events})"
                ),
                (mode, key_check),
            )

    def mark_set_up(self) -> None:
        """Everything is created: later opens need create nothing (see setup_lock). The
        people's grants are made anew, as this version gives them (a store set up by an
        earlier version gave writers the snapshots and the read models)."""
        with self.datastore.transaction(commit=True) as c:
            c.execute(self._sql("UPDATE {store} SET setup = %s"), (STORE_SETUP,))
        for role, name in self.people():
            self.remove_person(role)
            self.add_person(role, name)

    def keeps_read_models(self) -> bool:
        """Whether this role may write the stored read models (the owner, a superuser, or
        a store still to be made); a writer only reads them (see _GRANTS)."""
        row = self._rows(
            SQL("SELECT coalesce(has_table_privilege(to_regclass(%s), 'UPDATE'), true) AS may"),
            (f'"{self.datastore.schema}"."{TRACKING_TABLE}"',),
        )[0]
        return bool(row["may"])
