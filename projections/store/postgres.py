"""Everything chefforum says to PostgreSQL: setting up a store's schema, the hash-chained
recorder, and the read models' tables and queries. The only module besides sqlite.py
that speaks SQL (an import-linter contract). Live changes arrive by eventsourcing's own
PostgresSubscription (LISTEN/NOTIFY), which the recorder inherits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Literal

import psycopg
from eventsourcing.persistence import ProgrammingError, StoredEvent
from eventsourcing.postgres import (
    PostgresApplicationRecorder,
    PostgresDatastore,
    PostgresTrackingRecorder,
)
from psycopg.sql import SQL, Composed, Identifier

from projections.readmodels.view import (
    CARRIED_SCHEMA,
    SCHEMA,
    AuditRow,
    MeetingRows,
    Row,
    SearchFilter,
    Stale,
)
from projections.store.chain import CHAIN_TABLE, GENESIS, ChainRow, chain_rows

# Any fixed numbers: the keys of the advisory locks that serialise table creation.
_SETUP_LOCK = 7_261_526
_READ_MODELS_LOCK = 7_261_527


@contextmanager
def setup_lock(env: Mapping[str, str]) -> Iterator[None]:
    """Create the schema if asked for, and hold the lock under which one process at a time
    makes the store's tables.

    eventsourcing (re)creates its tables and functions on every start; two processes
    doing so at the same moment collide ("tuple concurrently updated"), hence the lock.
    """
    with psycopg.connect(
        dbname=env["POSTGRES_DBNAME"],
        host=env["POSTGRES_HOST"],
        port=int(env["POSTGRES_PORT"]),
        user=env["POSTGRES_USER"],
        password=env["POSTGRES_PASSWORD"] or None,
        connect_timeout=5,
        autocommit=True,
    ) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_SETUP_LOCK,))
        try:
            schema = env.get("POSTGRES_SCHEMA")
            if schema:
                conn.execute(SQL("CREATE SCHEMA IF NOT EXISTS {}").format(Identifier(schema)))
            yield
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_SETUP_LOCK,))


# -- the hash chain (projections/store/chain.py) ---------------------------------------


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
                chain_rows(last["link"] if last else GENESIS, ids, stored_events),
            )
        return ids

    def chain(self) -> list[ChainRow]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(SQL("SELECT * FROM {} ORDER BY notification_id").format(self.chain_table))
            return [ChainRow(**dict(row)) for row in curs.fetchall()]


# -- the read models (projections/readmodels), in the store's own schema ----------------

TRACKING_TABLE = "rm_tracking"
_TABLES = (
    "CREATE TABLE IF NOT EXISTS {s}.rm_meetings (id text PRIMARY KEY, forum text NOT NULL, "
    "date text NOT NULL, status text NOT NULL, items integer NOT NULL, version integer NOT NULL, "
    "forum_key text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {s}.rm_audit (meeting_id text NOT NULL, "
    "position integer NOT NULL, at text NOT NULL, actor text NOT NULL, kind text NOT NULL, "
    "description text NOT NULL, item_id text, item_number text, before text, after text, "
    "PRIMARY KEY (meeting_id, position))",
    "CREATE TABLE IF NOT EXISTS {s}.rm_search (meeting_id text NOT NULL, item_number text, "
    "item_title text, field text, public boolean NOT NULL, text text, "
    "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED)",
    "CREATE INDEX IF NOT EXISTS rm_search_tsv ON {s}.rm_search USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS rm_search_meeting ON {s}.rm_search (meeting_id)",
)
_MODEL_TABLES = ("rm_meetings", "rm_audit", "rm_search")
_OLD_TABLES = ("rm_position", "rm_minutes")  # schema 3


class PostgresReadModelView(PostgresTrackingRecorder):
    """The read models' tables, in the store's schema beside the events.

    The position is eventsourcing's tracking row (table rm_tracking, one row for the
    application "chefforum"), written in the same transaction as the rows it covers.
    eventsourcing's own insert_tracking only refuses to move it backwards, which would let
    two overlapping batches of two processes both commit; write() moves it by compare and
    set from the position the batch was read at instead (the row lock makes the second
    wait, then find the position moved).
    """

    query_syntax: Literal["fts5", "tsquery"] = "tsquery"

    def __init__(self, datastore: PostgresDatastore, *, application_name: str) -> None:
        super().__init__(datastore, tracking_table_name=TRACKING_TABLE)
        self.application_name = application_name
        self._composed: dict[str, Composed] = {}
        self.sql_create_statements.extend(self._sql(statement) for statement in _TABLES)

    def _sql(self, text: str) -> Composed:
        """A statement with {s} naming the store's schema (composed once)."""
        found = self._composed.get(text)
        if found is None:
            found = self._composed[text] = SQL(text).format(s=Identifier(self.datastore.schema))
        return found

    def _current(self) -> bool:
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(
                    self._sql(
                        "SELECT (SELECT version FROM {s}.rm_schema) AS version, "
                        "(SELECT notification_id FROM {s}.rm_tracking "
                        "WHERE application_name = %s) AS position"
                    ),
                    (self.application_name,),
                )
                row = c.fetchone()
        except ProgrammingError:  # no such table
            return False
        return bool(row and row["version"] == SCHEMA and row["position"] is not None)

    def create(self) -> None:
        if self._current():
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (_READ_MODELS_LOCK,))
            c.execute(
                self._sql("CREATE TABLE IF NOT EXISTS {s}.rm_schema (version integer NOT NULL)")
            )
            c.execute(self._sql("SELECT version FROM {s}.rm_schema"))
            found = c.fetchone()
            carried = self._drop_old(c, found["version"] if found else None)
            c.execute(
                "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = %s",
                (self.datastore.schema, TRACKING_TABLE),
            )
            self.tracking_table_exists = c.fetchone() is not None
            if self.tracking_table_exists:
                self.tracking_migration_previous = self._max_tracking_id(
                    self.table_migration_identifier, c
                )
            self._create_table(c)  # eventsourcing's: its tracking table, then _TABLES
            if carried is None:
                c.execute(
                    self._sql(
                        "INSERT INTO {s}.rm_tracking VALUES (%s, 0) "
                        "ON CONFLICT (application_name) DO NOTHING"
                    ),
                    (self.application_name,),
                )
            else:
                c.execute(
                    self._sql(
                        "INSERT INTO {s}.rm_tracking VALUES (%s, %s) "
                        "ON CONFLICT (application_name) "
                        "DO UPDATE SET notification_id = excluded.notification_id"
                    ),
                    (self.application_name, carried),
                )
            c.execute(self._sql("DELETE FROM {s}.rm_schema"))
            c.execute(self._sql("INSERT INTO {s}.rm_schema VALUES (%s)"), (SCHEMA,))

    def _drop_old(self, c: Any, version: int | None) -> int | None:
        """Tables of another schema go; returns the position to start from (None: keep)."""
        if version == SCHEMA:
            return None
        if version == CARRIED_SCHEMA:
            c.execute(self._sql("SELECT MIN(position) AS position FROM {s}.rm_position"))
            carried = int(c.fetchone()["position"] or 0)
            tables: Sequence[str] = _OLD_TABLES
        else:
            carried, tables = 0, (*_OLD_TABLES, *_MODEL_TABLES)
        for table in tables:
            c.execute(
                SQL("DROP TABLE IF EXISTS {}.{}").format(
                    Identifier(self.datastore.schema), Identifier(table)
                )
            )
        return carried

    def position(self) -> int:
        return self.max_tracking_id(self.application_name) or 0

    def write(
        self, start: int, end: int, audit: Sequence[AuditRow], meetings: Sequence[MeetingRows]
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "UPDATE {s}.rm_tracking SET notification_id = %s "
                    "WHERE application_name = %s AND notification_id = %s "
                    "RETURNING notification_id"
                ),
                (end, self.application_name, start),
            )
            if c.fetchone() is None:
                raise Stale
            c.executemany(
                self._sql(
                    "INSERT INTO {s}.rm_audit VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
                ),
                audit,
            )
            for m in meetings:
                c.execute(
                    self._sql(
                        "INSERT INTO {s}.rm_meetings VALUES (%s, %s, %s, %s, %s, %s, %s) "
                        "ON CONFLICT (id) DO UPDATE SET forum = excluded.forum, "
                        "date = excluded.date, status = excluded.status, items = excluded.items, "
                        "version = excluded.version, forum_key = excluded.forum_key"
                    ),
                    (m.key, m.forum, m.date, m.status, m.items, m.version, m.forum_key),
                )
                c.execute(self._sql("DELETE FROM {s}.rm_search WHERE meeting_id = %s"), (m.key,))
                c.executemany(
                    self._sql(
                        "INSERT INTO {s}.rm_search (meeting_id, item_number, item_title, field, "
                        "public, text) VALUES (%s, %s, %s, %s, %s, %s)"
                    ),
                    m.search,
                )

    def reset(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "UPDATE {s}.rm_tracking SET notification_id = 0 WHERE application_name = %s"
                ),
                (self.application_name,),
            )
            c.execute(self._sql("TRUNCATE {s}.rm_meetings, {s}.rm_audit, {s}.rm_search"))

    def _query(self, statement: Composed, params: Sequence[Any] = ()) -> list[Row]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            return list(c.fetchall())

    def meetings(self) -> list[Row]:
        return self._query(self._sql("SELECT * FROM {s}.rm_meetings ORDER BY date, forum"))

    def audit(self, meeting_key: str | None) -> list[Row]:
        if meeting_key is None:
            return self._query(
                self._sql("SELECT * FROM {s}.rm_audit ORDER BY at, meeting_id, position")
            )
        return self._query(
            self._sql("SELECT * FROM {s}.rm_audit WHERE meeting_id = %s ORDER BY position"),
            (meeting_key,),
        )

    def search(self, where: SearchFilter) -> list[Row]:
        conditions, params = ["1 = 1"], []
        if where.forum_key is not None:
            conditions.append("m.forum_key = %s")
            params.append(where.forum_key)
        if where.date_from:
            conditions.append("m.date >= %s")
            params.append(where.date_from)
        if where.date_to:
            conditions.append("m.date <= %s")
            params.append(where.date_to)
        if not where.internal:
            conditions.append("s.public")
        return self._query(
            self._sql(
                "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, s.field, "
                "ts_headline('danish', s.text, q, 'StartSel=»,StopSel=«,MaxWords=18,MinWords=6') "
                "AS snippet, ts_rank(s.tsv, q) AS rank "
                "FROM {s}.rm_search s JOIN {s}.rm_meetings m ON m.id = s.meeting_id, "
                "to_tsquery('danish', %s) q "
                f"WHERE s.tsv @@ q AND {' AND '.join(conditions)} ORDER BY rank DESC LIMIT %s"
            ),
            [where.match, *params, where.limit],
        )
