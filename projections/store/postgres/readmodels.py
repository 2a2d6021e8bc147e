"""The read models (projections/readmodels) in PostgreSQL, in the store's own schema: their
tables, how they are made and migrated, written in batches, and queried."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import ProgrammingError
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL, Composed, Identifier

from projections.readmodels.view import (
    CARRIED_SCHEMA,
    RANKED_SCHEMA,
    SCHEMA,
    SEARCH_WINDOW,
    AuditRow,
    MeetingRows,
    Row,
    SearchFilter,
    Stale,
)
from projections.store.postgres.connection import READ_MODELS_LOCK_TIMEOUT
from projections.store.search_rank import rank_of

# Any fixed number (not connection._SETUP_LOCK): the key of the advisory lock that
# serialises the read models' table creation.
_READ_MODELS_LOCK = 7_261_527
TRACKING_TABLE = "rm_tracking"
_TABLES = (
    "CREATE TABLE IF NOT EXISTS {s}.rm_meetings (id text PRIMARY KEY, forum text NOT NULL, "
    "date text NOT NULL, status text NOT NULL, items integer NOT NULL, version integer NOT NULL, "
    "forum_key text NOT NULL)",
    "CREATE TABLE IF NOT EXISTS {s}.rm_audit (meeting_id text NOT NULL, "
    "position integer NOT NULL, at text NOT NULL, actor text NOT NULL, kind text NOT NULL, "
    "description text NOT NULL, item_id text, item_number text, before text, after text, "
    "PRIMARY KEY (meeting_id, position))",
    # seq: the order the texts were written in, newest last (search ranks the newest).
    "CREATE TABLE IF NOT EXISTS {s}.rm_search (meeting_id text NOT NULL, item_number text, "
    "item_title text, field text, public boolean NOT NULL, text text, "
    "tsv tsvector GENERATED ALWAYS AS (to_tsvector('danish', text)) STORED, "
    "seq bigint GENERATED ALWAYS AS IDENTITY)",
    "CREATE INDEX IF NOT EXISTS rm_search_seq ON {s}.rm_search (seq)",
    # Finding a meeting by FORUM/DATE, and the list newest first a page at a time.
    "CREATE INDEX IF NOT EXISTS rm_meetings_on ON {s}.rm_meetings (forum_key, date)",
    "CREATE INDEX IF NOT EXISTS rm_meetings_list ON {s}.rm_meetings (date, forum, id)",
    "CREATE INDEX IF NOT EXISTS rm_search_tsv ON {s}.rm_search USING gin (tsv)",
    "CREATE INDEX IF NOT EXISTS rm_search_meeting ON {s}.rm_search (meeting_id)",
)
_MODEL_TABLES = ("rm_meetings", "rm_audit", "rm_search")
# Search: the newest SEARCH_WINDOW matches (by seq), the best `limit` of them by their
# fields (store/search_rank.py) with their texts (readmodels/snippets.py makes the
# snippets); the planner finds the newest by the GIN index or by walking rm_search_seq
# backwards, whichever it expects to read fewer rows.
_SEARCH = (
    "WITH recent AS (SELECT s.seq, s.field FROM {{s}}.rm_search s {join} "
    "WHERE s.tsv @@ to_tsquery('danish', %s) {conditions} ORDER BY s.seq DESC LIMIT %s), "
    f"best AS (SELECT seq, {rank_of('field')} AS score FROM recent "
    "ORDER BY score DESC, seq DESC LIMIT %s) "
    "SELECT s.meeting_id, m.forum, m.date, s.item_number, s.item_title, s.field, "
    "s.text, best.score AS rank "
    # Each of the best found by its key (a lateral lookup, whatever the statistics say).
    "FROM best CROSS JOIN LATERAL (SELECT * FROM {{s}}.rm_search x WHERE x.seq = best.seq) s "
    "CROSS JOIN LATERAL (SELECT * FROM {{s}}.rm_meetings y WHERE y.id = s.meeting_id) m "
    "ORDER BY best.score DESC, best.seq DESC"
)
# The meeting list newest first, from a key on (keyset pagination on rm_meetings_list).
MEETINGS_PAGE = (
    "SELECT * FROM {{s}}.rm_meetings {where} ORDER BY date DESC, forum DESC, id DESC LIMIT %s"
)
_COUNT_TABLES = (
    "SELECT count(*) FROM pg_tables WHERE schemaname = %s "
    "AND tablename IN ('rm_meetings', 'rm_audit', 'rm_search')"
)
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

    writes_elsewhere = True

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
                        "WHERE application_name = %s) AS position, "
                        f"({_COUNT_TABLES}) AS tables"
                    ),
                    (self.application_name, self.datastore.schema),
                )
                row = c.fetchone()
        except ProgrammingError:  # no such table
            return False
        return bool(
            row
            and row["version"] == SCHEMA
            and row["position"] is not None
            and row["tables"] == len(_MODEL_TABLES)
        )

    def create(self) -> None:
        if self._current():
            return
        with self.datastore.transaction(commit=True) as c:
            c.execute("SELECT pg_advisory_xact_lock(%s)", (_READ_MODELS_LOCK,))
            c.execute(
                self._sql("CREATE TABLE IF NOT EXISTS {s}.rm_schema (version integer NOT NULL)")
            )
            c.execute(
                self._sql(f"SELECT version, ({_COUNT_TABLES}) AS tables FROM {{s}}.rm_schema"),
                (self.datastore.schema,),
            )
            found = c.fetchone()
            # A table gone (dropped by hand): all of them anew, from position 0.
            complete = found is not None and found["tables"] == len(_MODEL_TABLES)
            carried = self._drop_old(c, found["version"] if found and complete else None)
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
        if version in (SCHEMA, RANKED_SCHEMA):  # 7's tables are 8's here
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

    def position(self) -> int | None:
        value = self.max_tracking_id(self.application_name)
        return value if isinstance(value, int) and value >= 0 else None

    def meeting_counts(self, meeting_id: str) -> tuple[int, int]:
        row = self._query(
            self._sql(
                "SELECT (SELECT count(*) FROM {s}.rm_audit WHERE meeting_id = %s) AS audit, "
                "(SELECT coalesce(max(version), 0) FROM {s}.rm_meetings WHERE id = %s) "
                "AS versions"
            ),
            (meeting_id, meeting_id),
        )[0]
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
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SET LOCAL lock_timeout TO '{READ_MODELS_LOCK_TIMEOUT}'")
            if not durable:  # this transaction's commit does not wait for the WAL's flush
                c.execute("SET LOCAL synchronous_commit TO OFF")
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
            # COPY: the rows streamed in one statement, not one statement each (a rebuild
            # writes a row per event); the search rows are computed (tsv) on the way in.
            with c.copy(self._sql("COPY {s}.rm_audit FROM STDIN")) as copy:
                for row in audit:
                    copy.write_row(row)
            c.executemany(
                self._sql(
                    "INSERT INTO {s}.rm_meetings VALUES (%s, %s, %s, %s, %s, %s, %s) "
                    "ON CONFLICT (id) DO UPDATE SET forum = excluded.forum, "
                    "date = excluded.date, status = excluded.status, items = excluded.items, "
                    "version = excluded.version, forum_key = excluded.forum_key"
                ),
                [
                    (m.key, m.forum, m.date, m.status, m.items, m.version, m.forum_key)
                    for m in meetings
                ],
            )
            c.execute(
                self._sql("DELETE FROM {s}.rm_search WHERE meeting_id = ANY(%s)"),
                ([m.key for m in meetings],),
            )
            with c.copy(
                self._sql(
                    "COPY {s}.rm_search (meeting_id, item_number, item_title, field, public, "
                    "text) FROM STDIN"
                )
            ) as copy:
                for m in meetings:
                    for row in m.search:
                        copy.write_row(row)

    def sync(self) -> None:
        # A commit that waits for the WAL's flush flushes every earlier commit with it.
        with self.datastore.transaction(commit=True) as c:
            c.execute(
                self._sql(
                    "UPDATE {s}.rm_tracking SET notification_id = notification_id "
                    "WHERE application_name = %s"
                ),
                (self.application_name,),
            )

    def analyze(self) -> None:
        # Autovacuum gathers them within a minute or so; until then the planner keeps the
        # statistics of the empty tables, and search took 37-76 ms at p99 instead of 17-28
        # (issue 26, 1M events). The search index's pending list (GIN's fast update: rows
        # written since its last clean, read in full by every search) is merged too: after
        # a rebuild of 1M events it held 332 pages, and a search took 9.8 ms on average
        # instead of 7.8.
        with self.datastore.transaction(commit=True) as c:
            c.execute(self._sql("ANALYZE {s}.rm_meetings, {s}.rm_audit, {s}.rm_search"))
            c.execute(
                "SELECT gin_clean_pending_list(%s::regclass)",
                (Identifier(self.datastore.schema, "rm_search_tsv").as_string(c),),
            )

    def reset(self) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"SET LOCAL lock_timeout TO '{READ_MODELS_LOCK_TIMEOUT}'")
            c.execute(
                self._sql(
                    "INSERT INTO {s}.rm_tracking VALUES (%s, 0) ON CONFLICT (application_name) "
                    "DO UPDATE SET notification_id = 0"
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

    def meetings_by_prefix(self, prefix: str, limit: int) -> list[Row]:
        # A range on the primary key: the ids are lower-case hex, all below "g".
        return self._query(
            self._sql(
                "SELECT * FROM {s}.rm_meetings WHERE id >= %s AND id < %s ORDER BY id LIMIT %s"
            ),
            (prefix, prefix + "g", limit),
        )

    def meeting_on(self, forum_key: str, on: str) -> list[Row]:
        return self._query(
            self._sql("SELECT * FROM {s}.rm_meetings WHERE forum_key = %s AND date = %s LIMIT 1"),
            (forum_key, on),
        )

    def meetings_page(self, after: tuple[str, str, str] | None, limit: int) -> list[Row]:
        if after is None:
            return self._query(self._sql(MEETINGS_PAGE.format(where="")), (limit,))
        where = "WHERE (date, forum, id) < (%s, %s, %s)"
        return self._query(self._sql(MEETINGS_PAGE.format(where=where)), (*after, limit))

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
        conditions, params, join = [], [], ""
        if where.forum_key is not None:
            conditions.append("AND m.forum_key = %s")
            params.append(where.forum_key)
        if where.date_from:
            conditions.append("AND m.date >= %s")
            params.append(where.date_from)
        if where.date_to:
            conditions.append("AND m.date <= %s")
            params.append(where.date_to)
        if conditions:
            join = "JOIN {s}.rm_meetings m ON m.id = s.meeting_id"
        if not where.internal:
            conditions.append("AND s.public")
        statement = _SEARCH.format(join=join, conditions=" ".join(conditions))
        return self._query(
            self._sql(statement),
            [where.tsquery, *params, SEARCH_WINDOW, where.limit],
        )
